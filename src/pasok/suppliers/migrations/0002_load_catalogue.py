from django.db import migrations


def load(apps, schema_editor):
    from pasok.suppliers.catalogue import load_into

    load_into(apps.get_model("suppliers", "Process"), apps.get_model("suppliers", "MaterialGrade"))


class Migration(migrations.Migration):
    dependencies = [("suppliers", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
