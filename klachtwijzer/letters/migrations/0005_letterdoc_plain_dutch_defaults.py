"""The standard texts in plain Dutch (B1), closed by the signature block instead of their own greeting.

A stored template is replaced only where it is still the unchanged earlier standard text (recognised by the
SHA-256 of its subject and text); a municipality's own edits stay as they are.
"""

import hashlib
from pathlib import Path

from django.db import migrations

DEFAULTS_DIR = Path(__file__).resolve().parent.parent / "defaults"
# SHA-256 of "subject\n---\nbody" of the standard texts before this migration.
EARLIER_DEFAULTS = {
    "acknowledgement": "30eb707f4c4ea8fe1881997a9d6852cd7f5dea1e43d17041361fe96dd58ec1cd",
    "not_handling": "5b53ccf78a1edc8de9b798b6872c8ac49b0bf8a0dd7cb3b270ff6dbe1f2a598e",
    "copy": "7574242365e705f88191647021fac18628a26d92a720dd2a66c46dcabad96174",
    "hearing": "ea3bd989ecfe3a0472c88e9b7e45bbfd73858c28632f6f0b60d4fa84197a67b1",
    "extension": "31862982b687c2f7b534bb4f8eac9edcd663c9c54d307e58a4cb4b47c6e8bcb5",
    "outcome": "41a6661400a08877a45f3962006f6373509c37b91e2e159b97d2879cd62cf4a6",
    "not_a_complaint": "47ebd611ab6b5c15e5cd226b0a7e5dc37d0d945a75abd3946ffe1ebd4a8d55fd",
}


def fingerprint(subject, body):
    return hashlib.sha256(f"{subject.strip()}\n---\n{body.strip()}\n".encode()).hexdigest()


def update(apps, schema_editor):
    LetterTemplate = apps.get_model("letters", "LetterTemplate")
    for template in LetterTemplate.objects.filter(kind__in=EARLIER_DEFAULTS):
        if fingerprint(template.subject, template.body) != EARLIER_DEFAULTS[template.kind]:
            continue  # edited by the municipality: left alone
        text = (DEFAULTS_DIR / f"{template.kind}.txt").read_text(encoding="utf-8")
        subject, body = text.split("\n---\n", 1)
        template.subject, template.body = subject.strip(), body.strip() + "\n"
        template.save(update_fields=["subject", "body"])


class Migration(migrations.Migration):
    dependencies = [("letters", "0004_letter_send_attempts")]

    operations = [migrations.RunPython(update, migrations.RunPython.noop)]
