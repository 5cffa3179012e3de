"""Whether the buyer buys an imported alternative now. Records made before it was asked that
name a buyer and its units a year counted in the early warnings' need as bought: they stay
so, and the buyer may correct them."""

from django.conf import settings
from django.db import migrations, models


def named_imports_in_use(apps, schema_editor):
    (apps.get_model("insights", "ImportedAlternative").objects
     .filter(buyer__isnull=False, units_per_year__isnull=False).update(in_use=True))


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0006_apitoken_expires_at'),
        ('insights', '0003_scenario_handoff'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='importedalternative',
            name='in_use',
            field=models.BooleanField(default=False, verbose_name='bought by the buyer now'),
        ),
        # Backwards the column goes, and the answers with it: nothing to undo first.
        migrations.RunPython(named_imports_in_use, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='importedalternative',
            constraint=models.CheckConstraint(condition=models.Q(('in_use', False), models.Q(('buyer__isnull', False), ('units_per_year__isnull', False)), _connector='OR'), name='imported_in_use_by_a_buyer', violation_error_message='An import in use names its buyer and its units a year.'),
        ),
    ]
