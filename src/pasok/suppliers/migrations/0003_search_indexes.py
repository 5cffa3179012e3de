"""Indexes for capability search (pasok.suppliers.selectors.search_suppliers), PostgreSQL only.

Measured on 100,000 generated suppliers: bench/RESULTS.md ("make bench").

- A pg_trgm GIN index on SupplierProfile.search_text: every free-text word is a
  LIKE '%word%' on that column, which without it reads every profile. pg_trgm ships with
  PostgreSQL and is a trusted extension (13+), so the database owner may create it; where it
  cannot be created the index is left out with a warning and search works, only slower.
- Covering b-tree indexes for the filters that join profiles to their processes and grades:
  (process_id, supplierprofile_id), (materialgrade_id, supplierprofile_id), and the profile's
  key with the weight range and free capacity included. Together they let PostgreSQL answer
  "offers these processes/grades, covers this weight, has this much free" by merging
  index-only scans instead of visiting rows one by one.

Written as SQL because INCLUDE and GIN operator classes are PostgreSQL's; SQLite (used for
development) gets nothing. The model state does not change.
"""

import logging

from django.db import migrations, transaction

TRIGRAM = "suppliers_profile_search_trgm"
BTREES = {
    "suppliers_profile_weights_cover": (
        "suppliers_supplierprofile", "(organisation_id) "
        "INCLUDE (weight_min_kg, weight_max_kg, free_capacity_kg)"),
    "suppliers_profile_process_cover": (
        "suppliers_supplierprofile_processes", "(process_id, supplierprofile_id)"),
    "suppliers_profile_grade_cover": (
        "suppliers_supplierprofile_grades", "(materialgrade_id, supplierprofile_id)"),
}
logger = logging.getLogger(__name__)


def create(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    quote = schema_editor.quote_name
    for name, (table, columns) in BTREES.items():
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {quote(name)} ON {quote(table)} "
                              f"{columns}")
    try:
        with transaction.atomic(using=connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except Exception as exc:  # a missing optimisation must not stop a deploy
        logger.warning("pg_trgm unavailable (%s); free-text search runs without its index",
                       exc)
        return
    schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {quote(TRIGRAM)} ON "
                          f"{quote('suppliers_supplierprofile')} "
                          "USING gin (search_text gin_trgm_ops)")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in (TRIGRAM, *BTREES):
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(name)}")


class Migration(migrations.Migration):
    dependencies = [("suppliers", "0002_load_catalogue")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
