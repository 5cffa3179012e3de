"""Random public ids for bids, bid documents and questions (issue 10), one for each
existing row."""

from django.db import migrations

from pasok.public_ids import migration_operations


class Migration(migrations.Migration):

    dependencies = [
        ("tenders", "0009_awarded_months"),
    ]

    operations = migration_operations("tenders", "bid", "biddocument", "question")
