"""Refuse UPDATE and DELETE of audit events in PostgreSQL itself, so that no code path
(raw SQL, a bulk update, the shell) can rewrite history. TRUNCATE, which only the table owner's
maintenance and the test runner's flush use, does not fire row triggers.

SQLite (the embedded development database) relies on the model's refusal alone: its test
flush deletes rows one table at a time."""

from django.db import migrations

FORWARD = [
    """CREATE FUNCTION audit_event_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'audit events are append-only'; END $$""",
    """CREATE TRIGGER audit_event_no_change BEFORE UPDATE OR DELETE ON audit_auditevent
       FOR EACH ROW EXECUTE FUNCTION audit_event_refuse()""",
]
REVERSE = [
    "DROP TRIGGER IF EXISTS audit_event_no_change ON audit_auditevent",
    "DROP FUNCTION IF EXISTS audit_event_refuse()",
]


def _on_postgres(statements):
    def apply(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for sql in statements:
                schema_editor.execute(sql)

    return apply


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [migrations.RunPython(_on_postgres(FORWARD), _on_postgres(REVERSE))]
