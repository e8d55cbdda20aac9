"""The notice of not handling (Awb 9:8) states the ground in words and, for grounds 1c and 1d, where and until
when objection or appeal is or was possible (``not_handled_remedy``); the hearing invitation (9:10) gives the
reply date (``hearing_reply_by``) and the right to bring someone.

A municipality that never edited a standard text gets the new one; an edited text is left alone (the
template editor shows the new variables). The eighth kind, the hearing report (9:10, to both parties),
gets its standard text.
"""

from pathlib import Path

from django.db import migrations, models

REPORT = "hearing_report"

DEFAULTS_DIR = Path(__file__).resolve().parent.parent / "defaults"
OLD_BODIES = {
    "not_handling": 'Geachte {{ recipient_name }},\n\nOp {{ received_on }} hebben wij uw klacht ontvangen. Wij hebben besloten uw klacht niet in behandeling te nemen. In deze brief leggen wij uit waarom.\n\nArtikel 9:8 van de Algemene wet bestuursrecht noemt de gevallen waarin een klacht niet behandeld hoeft te worden. Voor uw klacht geldt deze grond:\n{{ not_handled_ground }}\n{% if extra %}\n{{ extra }}\n{% endif %}\nNiet tevreden?\n{{ ombudsman_clause }}\n\nMet vriendelijke groet,\n\n{{ municipality }}\n',
    "hearing": 'Geachte {{ recipient_name }},\n\nWij behandelen de klacht met kenmerk {{ reference }}. Volgens artikel 9:10 van de Algemene wet bestuursrecht krijgen de klager en degene over wie is geklaagd de gelegenheid om gehoord te worden. Wij nodigen u daarom uit voor een hoorgesprek op {{ hearing_date }}.\n{% if extra %}\n{{ extra }}\n{% endif %}\nVan het gesprek wordt een verslag gemaakt. U krijgt dat verslag.\n\nKunt u niet op deze datum, of wilt u liever niet gehoord worden? Laat het ons dan zo snel mogelijk weten{% if handler_email %} via {{ handler_email }}{% endif %}.\n\nMet vriendelijke groet,\n\n{% if handler_name %}{{ handler_name }}\n{% endif %}{{ municipality }}\n',
}


def new_body(kind):
    text = (DEFAULTS_DIR / f"{kind}.txt").read_text(encoding="utf-8")
    return text.split("\n---\n", 1)[1].strip() + "\n"


def forward(apps, schema_editor):
    templates = apps.get_model("letters", "LetterTemplate").objects
    for kind, old in OLD_BODIES.items():
        templates.filter(kind=kind, body=old).update(body=new_body(kind))


def load_report(apps, schema_editor):
    text = (DEFAULTS_DIR / f"{REPORT}.txt").read_text(encoding="utf-8")
    subject, body = text.split("\n---\n", 1)
    apps.get_model("letters", "LetterTemplate").objects.get_or_create(
        kind=REPORT, defaults={"subject": subject.strip(), "body": body.strip() + "\n"}
    )


def unload_report(apps, schema_editor):
    apps.get_model("letters", "LetterTemplate").objects.filter(kind=REPORT).delete()


def backward(apps, schema_editor):
    templates = apps.get_model("letters", "LetterTemplate").objects
    for kind, old in OLD_BODIES.items():
        templates.filter(kind=kind, body=new_body(kind)).update(body=old)


class Migration(migrations.Migration):
    dependencies = [("letters", "0005_letterdoc_plain_dutch_defaults")]

    operations = [
        migrations.AlterField(
            model_name='letter',
            name='kind',
            field=models.CharField(choices=[('acknowledgement', 'Acknowledgement of receipt (Awb 9:6)'), ('not_handling', 'Notice of not handling (Awb 9:8)'), ('copy', 'Copy to the person complained about (Awb 9:9)'), ('hearing', 'Hearing invitation (Awb 9:10)'), ('extension', 'Extension notice (Awb 9:11)'), ('outcome', 'Outcome letter (Awb 9:12)'), ('not_a_complaint', 'Explanation: not a complaint'), ('hearing_report', 'Hearing report (Awb 9:10)')], max_length=20, verbose_name='kind'),
        ),
        migrations.AlterField(
            model_name='lettertemplate',
            name='kind',
            field=models.CharField(choices=[('acknowledgement', 'Acknowledgement of receipt (Awb 9:6)'), ('not_handling', 'Notice of not handling (Awb 9:8)'), ('copy', 'Copy to the person complained about (Awb 9:9)'), ('hearing', 'Hearing invitation (Awb 9:10)'), ('extension', 'Extension notice (Awb 9:11)'), ('outcome', 'Outcome letter (Awb 9:12)'), ('not_a_complaint', 'Explanation: not a complaint'), ('hearing_report', 'Hearing report (Awb 9:10)')], max_length=20, unique=True, verbose_name='kind'),
        ),
        migrations.RunPython(forward, backward),
        migrations.RunPython(load_report, unload_report),
    ]
