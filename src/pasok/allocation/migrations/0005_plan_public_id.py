"""A random public id for cooperative plans (issue 10), one for each existing row."""

from django.db import migrations

from pasok.public_ids import migration_operations


class Migration(migrations.Migration):

    dependencies = [
        ("allocation", "0004_constraint_messages_bookings"),
    ]

    operations = migration_operations("allocation", "plan")
