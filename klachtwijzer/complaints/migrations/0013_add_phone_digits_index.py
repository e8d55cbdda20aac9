"""A trigram index on the phone number without separators (``complaints/search.py``, ``phone_digits``),
PostgreSQL only: ``0612345678`` then finds ``06-12 34 56 78`` from the index. The expression is the one
Django writes for ``phone_digits()`` (nested ``REPLACE``); SQLite runs the same search without an index.
"""

from django.db import migrations

SEPARATORS = (" ", "-", ".", "(", ")", "/")


def _expression() -> str:
    sql = '"phone"'
    for separator in SEPARATORS:
        sql = f"REPLACE({sql}, '{separator}', '')"
    return sql


CREATE = (
    "CREATE INDEX personaldata_phone_digits_trgm ON complaints_personaldata "
    f"USING gin (({_expression()}) gin_trgm_ops)"
)
DROP = "DROP INDEX IF EXISTS personaldata_phone_digits_trgm"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("complaints", "0012_add_list_indexes")]
    operations = [migrations.RunPython(create, drop)]
