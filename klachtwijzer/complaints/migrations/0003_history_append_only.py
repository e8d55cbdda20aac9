"""Refuse UPDATE and DELETE of history events in the database itself (PostgreSQL)."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION complaints_history_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'complaints_historyevent is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER complaints_history_append_only
    BEFORE UPDATE OR DELETE ON complaints_historyevent
    FOR EACH ROW EXECUTE FUNCTION complaints_history_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS complaints_history_append_only ON complaints_historyevent;
DROP FUNCTION IF EXISTS complaints_history_append_only();
"""


def create(apps, schema_editor):
    # Only PostgreSQL: Django's test flush on SQLite deletes rows, which such a trigger would refuse;
    # on both databases the model and its queryset refuse updates and deletes as well.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("complaints", "0002_load_behoorlijkheidsnormen")]
    operations = [migrations.RunPython(create, drop)]
