"""Random public ids: what a bid, a bid document, a question, a TKDN worksheet or a
cooperative plan is called in URLs, pages and the API. The primary key is a sequence, and a
sequence tells: a bidder who got bid #412 and later #415 learned that three bids came in
between (issue 10). A UUID4 tells nothing of how many came before or between. The keys stay
the database's own business."""

import uuid

from django.db import migrations, models
from django.utils.translation import gettext_lazy as _


def public_id_field():
    return models.UUIDField(_("public id"), default=uuid.uuid4, unique=True, editable=False)


def migration_operations(app_label: str, *model_names: str) -> list:
    """The operations that give existing rows of the models a public id each: the field is
    added empty, filled row by row, then made unique and required (a callable default in
    AddField is called once, which would give every existing row the same id). Alike on
    SQLite and PostgreSQL."""

    def fill(apps, schema_editor):
        for name in model_names:
            model = apps.get_model(app_label, name)
            rows = list(model.objects.filter(public_id__isnull=True).only("pk"))
            for row in rows:
                row.public_id = uuid.uuid4()
            model.objects.bulk_update(rows, ["public_id"], batch_size=500)

    return [
        *(migrations.AddField(model_name=name, name="public_id",
                              field=models.UUIDField(editable=False, null=True))
          for name in model_names),
        migrations.RunPython(fill, migrations.RunPython.noop),
        *(migrations.AlterField(model_name=name, name="public_id", field=public_id_field())
          for name in model_names),
    ]
