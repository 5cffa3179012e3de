"""Random public ids for bids, bid documents and questions (issue 10).

Added empty first, then one random id per existing row, then made unique and required: a
callable default in AddField is called once, which would give every existing row the same
id. Works alike on SQLite and PostgreSQL."""

import uuid

from django.db import migrations, models

MODELS = ("bid", "biddocument", "question")


def fill(apps, schema_editor):
    for name in MODELS:
        model = apps.get_model("tenders", name)
        rows = list(model.objects.filter(public_id__isnull=True).only("pk"))
        for row in rows:
            row.public_id = uuid.uuid4()
        model.objects.bulk_update(rows, ["public_id"], batch_size=500)


def field():
    return models.UUIDField(default=uuid.uuid4, editable=False, unique=True,
                            verbose_name="public id")


class Migration(migrations.Migration):

    dependencies = [
        ("tenders", "0009_awarded_months"),
    ]

    operations = [
        *(migrations.AddField(model_name=name, name="public_id",
                              field=models.UUIDField(editable=False, null=True))
          for name in MODELS),
        migrations.RunPython(fill, migrations.RunPython.noop),
        *(migrations.AlterField(model_name=name, name="public_id", field=field())
          for name in MODELS),
    ]
