"""Load the standard Dutch text of each of the six letters (defaults/<kind>.txt)."""

from pathlib import Path

from django.db import migrations

KINDS = ["acknowledgement", "not_handling", "copy", "hearing", "extension", "outcome"]
DEFAULTS_DIR = Path(__file__).resolve().parent.parent / "defaults"


def load(apps, schema_editor):
    LetterTemplate = apps.get_model("letters", "LetterTemplate")
    for kind in KINDS:
        text = (DEFAULTS_DIR / f"{kind}.txt").read_text(encoding="utf-8")
        subject, body = text.split("\n---\n", 1)
        LetterTemplate.objects.get_or_create(kind=kind, defaults={"subject": subject.strip(), "body": body.strip() + "\n"})


def unload(apps, schema_editor):
    apps.get_model("letters", "LetterTemplate").objects.filter(kind__in=KINDS).delete()


class Migration(migrations.Migration):
    dependencies = [("letters", "0001_letters_and_templates")]

    operations = [migrations.RunPython(load, unload)]
