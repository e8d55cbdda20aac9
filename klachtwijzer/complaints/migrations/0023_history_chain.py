"""Hash chain over the complaint history; computes the chain for the existing events (ADR 0010).

New columns ``text_digest``, ``prev_hash`` and ``entry_hash`` of ``complaints_historyevent`` and the
one-row ``HistoryChainHead``. ``at`` is set by the program before the row is written (it is hashed).

The history's triggers (migration 0011) refuse the updates that fill the new columns, so for the length
of this migration they are set aside:

- PostgreSQL: the row trigger ``complaints_history_append_only`` is disabled and enabled again at the
  end. Its function compares the whole row (``to_jsonb(NEW) - 'note' - 'changes'``), so the new columns
  are protected by it without a change: blanking the free text must keep ``text_digest``.
- SQLite: adding the columns rebuilds the table, which drops its triggers; they are created again at
  the end with the new columns among those that must stay the same (``KEPT``).
"""

import datetime as dt
import hashlib
import json
from typing import Any

from django.db import migrations, models

import klachtwijzer.complaints.history_events

PG_TRIGGER = "complaints_history_append_only"
OLD_KEPT = ["id", "complaint_id", "at", "actor_id", "actor_label", "type"]
KEPT = [*OLD_KEPT, "text_digest", "prev_hash", "entry_hash"]


def sqlite_triggers(kept: list[str]) -> list[str]:
    same = " AND ".join(f"NEW.{c} IS OLD.{c}" for c in kept)
    return [
        f"""
CREATE TRIGGER complaints_history_no_update BEFORE UPDATE ON complaints_historyevent
WHEN NOT (
    EXISTS (SELECT 1 FROM complaints_history_gate WHERE purpose = 'redaction')
    AND NEW.note = '' AND NEW.changes = '[]' AND {same}
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
]


def _set_aside(schema_editor: Any) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        # ALTER TABLE waits for no deferred foreign-key check of rows written in this transaction.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        schema_editor.execute(f"ALTER TABLE complaints_historyevent DISABLE TRIGGER {PG_TRIGGER}")
        schema_editor.execute("SET CONSTRAINTS ALL DEFERRED")
    elif vendor == "sqlite":
        for sql in SQLITE_DROP:
            schema_editor.execute(sql)


def _restore(schema_editor: Any, kept: list[str]) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        schema_editor.execute(f"ALTER TABLE complaints_historyevent ENABLE TRIGGER {PG_TRIGGER}")
        schema_editor.execute("SET CONSTRAINTS ALL DEFERRED")
    elif vendor == "sqlite":
        for sql in SQLITE_DROP + sqlite_triggers(kept):
            schema_editor.execute(sql)


def set_aside(apps: Any, schema_editor: Any) -> None:
    _set_aside(schema_editor)


def restore_old(apps: Any, schema_editor: Any) -> None:
    _restore(schema_editor, OLD_KEPT)


def restore_new(apps: Any, schema_editor: Any) -> None:
    _restore(schema_editor, KEPT)


def chain_existing(apps: Any, schema_editor: Any) -> None:
    """The chain over the events that already exist, oldest (by id) first.

    The same digests as ``klachtwijzer.complaints.history_chain`` (copied: a migration must not follow
    later changes of the program). An event already blanked by destruction gets the digest of what is
    left, the empty text; ``verify_logs`` accepts that for a destroyed complaint.
    """
    event_model = apps.get_model("complaints", "HistoryEvent")
    head_model = apps.get_model("complaints", "HistoryChainHead")
    prev = ""
    for event in event_model.objects.order_by("pk").iterator(chunk_size=2000):
        canonical = json.dumps(event.changes or [], sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        digest = hashlib.sha256(f"{event.note}\x1f{canonical}".encode()).hexdigest()
        fields = [
            str(event.complaint_id or ""),
            event.at.astimezone(dt.UTC).isoformat(),
            str(event.actor_id or ""),
            event.actor_label,
            event.type,
            digest,
            prev,
        ]
        entry_hash = hashlib.sha256("\x1f".join(fields).encode("utf-8")).hexdigest()
        # The model's queryset refuses update(); the historical model has the plain one.
        event_model._base_manager.filter(pk=event.pk).update(
            text_digest=digest, prev_hash=prev, entry_hash=entry_hash
        )
        prev = entry_hash
    head_model.objects.update_or_create(pk=1, defaults={"last_hash": prev})


class Migration(migrations.Migration):
    dependencies = [("complaints", "0022_request_to_complete")]

    operations = [
        migrations.RunPython(set_aside, restore_old),
        migrations.AlterField(
            model_name="historyevent",
            name="at",
            field=models.DateTimeField(
                db_index=True,
                default=klachtwijzer.complaints.history_events.event_time,
                editable=False,
                verbose_name="at",
            ),
        ),
        migrations.AddField(
            model_name="historyevent",
            name="text_digest",
            field=models.CharField(
                blank=True, editable=False, max_length=64, verbose_name="digest of the free text"
            ),
        ),
        migrations.AddField(
            model_name="historyevent",
            name="prev_hash",
            field=models.CharField(blank=True, editable=False, max_length=64, verbose_name="previous hash"),
        ),
        migrations.AddField(
            model_name="historyevent",
            name="entry_hash",
            field=models.CharField(blank=True, editable=False, max_length=64, verbose_name="hash"),
        ),
        migrations.CreateModel(
            name="HistoryChainHead",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("last_hash", models.CharField(blank=True, max_length=64)),
            ],
        ),
        migrations.RunPython(chain_existing, migrations.RunPython.noop),
        migrations.RunPython(restore_new, set_aside),
    ]
