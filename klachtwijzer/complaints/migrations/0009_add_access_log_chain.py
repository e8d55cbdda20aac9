"""Hash chain over the personal-data access log; computes the chain for the existing entries."""

import hashlib
from typing import Any

import django.utils.timezone
from django.db import migrations, models


def chain_existing(apps: Any, schema_editor: Any) -> None:
    access = apps.get_model("complaints", "PersonalDataAccess")
    head_model = apps.get_model("complaints", "AccessLogChainHead")
    prev = ""
    for entry in access.objects.order_by("pk").iterator():
        # Same field order as klachtwijzer.complaints.access_chain.entry_digest.
        fields = [
            str(entry.complaint_id or ""),
            entry.reference,
            str(entry.user_id or ""),
            entry.actor_label,
            entry.action,
            entry.detail,
            entry.at.isoformat(),
            prev,
        ]
        digest = hashlib.sha256("\x1f".join(fields).encode("utf-8")).hexdigest()
        access.objects.filter(pk=entry.pk).update(prev_hash=prev, entry_hash=digest)
        prev = digest
    head_model.objects.update_or_create(pk=1, defaults={"last_hash": prev})


class Migration(migrations.Migration):
    dependencies = [("complaints", "0008_add_search_indexes")]

    operations = [
        migrations.AddField(
            model_name="personaldataaccess",
            name="prev_hash",
            field=models.CharField(blank=True, editable=False, max_length=64, verbose_name="previous hash"),
        ),
        migrations.AddField(
            model_name="personaldataaccess",
            name="entry_hash",
            field=models.CharField(blank=True, editable=False, max_length=64, verbose_name="hash"),
        ),
        migrations.CreateModel(
            name="AccessLogChainHead",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("last_hash", models.CharField(blank=True, max_length=64)),
                ("anchor", models.CharField(blank=True, max_length=64)),
            ],
        ),
        migrations.AlterField(
            model_name="personaldataaccess",
            name="action",
            field=models.CharField(
                choices=[
                    ("view", "Viewed"),
                    ("download", "Downloaded an attachment or letter"),
                    ("export", "Exported"),
                    ("edit", "Edited"),
                    ("search", "Searched in personal data"),
                ],
                max_length=10,
                verbose_name="action",
            ),
        ),
        migrations.AlterField(
            model_name="personaldataaccess",
            name="at",
            field=models.DateTimeField(
                db_index=True, default=django.utils.timezone.now, editable=False, verbose_name="at"
            ),
        ),
        migrations.RunPython(chain_existing, migrations.RunPython.noop),
    ]
