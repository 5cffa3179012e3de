"""A lot's part family, chosen by the buyer. Lots made before it was asked are "other",
except phosphoric-iron lots: P10 is the brake-block grade (UIC 832), as contracts made from
an award used to guess."""

from django.db import migrations, models


def p10_lots_are_brake_blocks(apps, schema_editor):
    apps.get_model("tenders", "Lot").objects.filter(grade_id="P10").update(family="brake_block")


class Migration(migrations.Migration):

    dependencies = [
        ('tenders', '0016_spse_addenda_objections'),
    ]

    operations = [
        migrations.AddField(
            model_name='lot',
            name='family',
            field=models.CharField(choices=[('brake_block', 'Railway brake blocks'), ('brake_drum', 'Brake drums'), ('brake_disc', 'Brake discs'), ('housing', 'Pump and gearbox housings'), ('municipal', 'Manhole covers and grates'), ('other', 'Other castings')], default='other', max_length=20, verbose_name='part family'),
        ),
        # Backwards the column goes, and the families with it: nothing to undo first.
        migrations.RunPython(p10_lots_are_brake_blocks, migrations.RunPython.noop),
    ]
