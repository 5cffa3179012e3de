import datetime as dt

from django.conf import settings
from django.db import migrations, models


def expire_existing(apps, schema_editor):
    """Tokens made before tokens expired get the same lifetime, counted from when they were
    made (one that old stops working at once)."""
    ApiToken = apps.get_model("accounts", "ApiToken")
    lifetime = dt.timedelta(days=settings.PASOK_API_TOKEN_DAYS)
    for token in ApiToken.objects.all():
        token.expires_at = token.created_at + lifetime
        token.save(update_fields=["expires_at"])


class Migration(migrations.Migration):
    dependencies = [("accounts", "0005_nib_document_language")]

    operations = [
        migrations.AddField("apitoken", "expires_at",
                            models.DateTimeField(null=True, verbose_name="expires")),
        migrations.RunPython(expire_existing, migrations.RunPython.noop),
        migrations.AlterField("apitoken", "expires_at",
                              models.DateTimeField(verbose_name="expires")),
    ]
