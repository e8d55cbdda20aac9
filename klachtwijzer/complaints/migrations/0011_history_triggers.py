"""The history's triggers on both databases, and the one gate through which free text may be blanked.

PostgreSQL (0003 already refuses every UPDATE and DELETE): the function is replaced so that an UPDATE
passes only while ``klachtwijzer.history_redaction`` is ``on`` in the current transaction (set by
``complaints/history_gate.py`` with ``set_config(..., true)``) AND the row differs from the old one in
nothing but the free-text columns ``note`` and ``changes``, which must become ``''`` and ``[]``. The
comparison is over the whole row (``to_jsonb(NEW) - 'note' - 'changes'``), so a column added later (the
privacy helper's ``text_digest``) is protected without changing this trigger. A statement trigger
refuses TRUNCATE.

SQLite gets the same rules in triggers of its own, with a small table ``complaints_history_gate``
(not a Django model, so Django never empties it) in place of the setting: a row with purpose
``redaction`` opens the blanking of free text, one with purpose ``flush`` opens DELETE. The SQLite
UPDATE trigger names the columns it keeps; a new column of ``complaints_historyevent`` must be added
to it (``KEPT`` below) in a migration of its own.

Django's test flush: pytest-django empties the database after a ``transactional_db`` test with the
``flush`` command, which deletes (SQLite) or truncates (PostgreSQL) every table. This project's
``flush`` command (``complaints/management/commands/flush.py``) opens the flush gate around Django's
own (SQLite: a ``flush`` row; PostgreSQL: the session setting ``klachtwijzer.history_flush``), so the
suite keeps working and nothing else can delete history. The triggers guard against the program's
mistakes, not against someone with the database owner's rights, who can drop them.
"""

from django.db import migrations

PG_CREATE = """
CREATE OR REPLACE FUNCTION complaints_history_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE'
       AND current_setting('klachtwijzer.history_redaction', true) = 'on'
       AND NEW.note = '' AND NEW.changes = '[]'::jsonb
       AND (to_jsonb(NEW) - 'note' - 'changes') = (to_jsonb(OLD) - 'note' - 'changes') THEN
        RETURN NEW;
    END IF;
    IF TG_OP = 'DELETE' AND current_setting('klachtwijzer.history_flush', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'complaints_historyevent is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE OR REPLACE FUNCTION complaints_history_no_truncate() RETURNS trigger AS $$
BEGIN
    IF current_setting('klachtwijzer.history_flush', true) = 'on' THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'complaints_historyevent is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER complaints_history_no_truncate
    BEFORE TRUNCATE ON complaints_historyevent
    FOR EACH STATEMENT EXECUTE FUNCTION complaints_history_no_truncate();
"""
PG_DROP = """
DROP TRIGGER IF EXISTS complaints_history_no_truncate ON complaints_historyevent;
DROP FUNCTION IF EXISTS complaints_history_no_truncate();
CREATE OR REPLACE FUNCTION complaints_history_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'complaints_historyevent is append-only';
END;
$$ LANGUAGE plpgsql;
"""

KEPT = ["id", "complaint_id", "at", "actor_id", "actor_label", "type"]
SAME = " AND ".join(f"NEW.{c} IS OLD.{c}" for c in KEPT)
SQLITE_CREATE = [
    "CREATE TABLE complaints_history_gate (purpose varchar(20) NOT NULL)",
    f"""
CREATE TRIGGER complaints_history_no_update BEFORE UPDATE ON complaints_historyevent
WHEN NOT (
    EXISTS (SELECT 1 FROM complaints_history_gate WHERE purpose = 'redaction')
    AND NEW.note = '' AND NEW.changes = '[]' AND {SAME}
)
BEGIN SELECT RAISE(ABORT, 'complaints_historyevent is append-only'); END
""",
    """
CREATE TRIGGER complaints_history_no_delete BEFORE DELETE ON complaints_historyevent
WHEN NOT EXISTS (SELECT 1 FROM complaints_history_gate WHERE purpose = 'flush')
BEGIN SELECT RAISE(ABORT, 'complaints_historyevent is append-only'); END
""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS complaints_history_no_update",
    "DROP TRIGGER IF EXISTS complaints_history_no_delete",
    "DROP TABLE IF EXISTS complaints_history_gate",
]


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_CREATE)
    elif vendor == "sqlite":
        for sql in SQLITE_CREATE:
            schema_editor.execute(sql)


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(PG_DROP)
    elif vendor == "sqlite":
        for sql in SQLITE_DROP:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("complaints", "0010_add_retention_and_destruction")]
    operations = [migrations.RunPython(create, drop)]
