"""The seventh kind of letter: the explanation that a submission is not a complaint, with its standard text."""

from pathlib import Path

from django.db import migrations, models

KIND = "not_a_complaint"
DEFAULTS_DIR = Path(__file__).resolve().parent.parent / "defaults"


def load(apps, schema_editor):
    text = (DEFAULTS_DIR / f"{KIND}.txt").read_text(encoding="utf-8")
    subject, body = text.split("\n---\n", 1)
    apps.get_model("letters", "LetterTemplate").objects.get_or_create(
        kind=KIND, defaults={"subject": subject.strip(), "body": body.strip() + "\n"}
    )


def unload(apps, schema_editor):
    apps.get_model("letters", "LetterTemplate").objects.filter(kind=KIND).delete()


class Migration(migrations.Migration):

    dependencies = [
        ('letters', '0002_load_standard_templates'),
    ]

    operations = [
        migrations.AlterField(
            model_name='letter',
            name='kind',
            field=models.CharField(choices=[('acknowledgement', 'Acknowledgement of receipt (Awb 9:6)'), ('not_handling', 'Notice of not handling (Awb 9:8)'), ('copy', 'Copy to the person complained about (Awb 9:9)'), ('hearing', 'Hearing invitation (Awb 9:10)'), ('extension', 'Extension notice (Awb 9:11)'), ('outcome', 'Outcome letter (Awb 9:12)'), ('not_a_complaint', 'Explanation: not a complaint')], max_length=20, verbose_name='kind'),
        ),
        migrations.AlterField(
            model_name='lettertemplate',
            name='kind',
            field=models.CharField(choices=[('acknowledgement', 'Acknowledgement of receipt (Awb 9:6)'), ('not_handling', 'Notice of not handling (Awb 9:8)'), ('copy', 'Copy to the person complained about (Awb 9:9)'), ('hearing', 'Hearing invitation (Awb 9:10)'), ('extension', 'Extension notice (Awb 9:11)'), ('outcome', 'Outcome letter (Awb 9:12)'), ('not_a_complaint', 'Explanation: not a complaint')], max_length=20, unique=True, verbose_name='kind'),
        ),
        migrations.RunPython(load, unload),
    ]
