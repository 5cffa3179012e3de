"""A random public id for TKDN worksheets (issue 10), one for each existing row."""

from django.db import migrations

from pasok.public_ids import migration_operations


class Migration(migrations.Migration):

    dependencies = [
        ("tkdn", "0003_certificate_number_unique"),
    ]

    operations = migration_operations("tkdn", "worksheet")
