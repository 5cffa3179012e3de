from django.db import migrations


def load(apps, schema_editor):
    from pasok.suppliers.catalogue import GRADES, PROCESSES

    Process = apps.get_model("suppliers", "Process")
    MaterialGrade = apps.get_model("suppliers", "MaterialGrade")
    for position, (code, _label) in enumerate(PROCESSES):
        Process.objects.update_or_create(code=code, defaults={"position": position})
    for position, (code, family) in enumerate(GRADES):
        MaterialGrade.objects.update_or_create(code=code, defaults={"family": family,
                                                                    "position": position})


class Migration(migrations.Migration):
    dependencies = [("suppliers", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
