"""Indexes for finding a complaint by reference and by person (``complaints/search.py``), PostgreSQL only.

- the reference by its beginning: a b-tree with pattern operators (``LIKE 'TST-2024%'``);
- names, e-mail addresses, phone numbers, the person complained about and the description anywhere in
  the field: trigram GIN indexes (``pg_trgm``, a trusted extension the database owner may create) on the
  same ``UPPER(...)`` expression Django's ``icontains`` writes;
- words of the description: a GIN index on the Dutch text-search vector, the same expression as
  ``SearchVector("description", config="dutch")``.

SQLite has none of these; the same searches run there without them.
"""

from django.db import migrations

PERSON_COLUMNS = ("name", "email", "phone", "person_complained_about", "description")

CREATE = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX complaint_reference_prefix ON complaints_complaint (reference varchar_pattern_ops)",
    *(
        f"CREATE INDEX personaldata_{column}_trgm ON complaints_personaldata "
        f"USING gin (UPPER({column}::text) gin_trgm_ops)"
        for column in PERSON_COLUMNS
    ),
    "CREATE INDEX personaldata_description_words ON complaints_personaldata "
    "USING gin (to_tsvector('dutch'::regconfig, COALESCE(description, '')))",
]
DROP = [
    "DROP INDEX IF EXISTS complaint_reference_prefix",
    *(f"DROP INDEX IF EXISTS personaldata_{column}_trgm" for column in PERSON_COLUMNS),
    "DROP INDEX IF EXISTS personaldata_description_words",
]


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in CREATE:
            schema_editor.execute(statement)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in DROP:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("complaints", "0007_add_figures_indexes")]
    operations = [migrations.RunPython(create, drop)]
