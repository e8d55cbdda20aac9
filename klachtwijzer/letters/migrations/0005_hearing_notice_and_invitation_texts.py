"""The notice of not handling (Awb 9:8) states the ground in words and, for grounds 1c and 1d, where and until
when objection or appeal is or was possible (``not_handled_remedy``); the hearing invitation (9:10) gives the
reply date (``hearing_reply_by``) and the right to bring someone.

A municipality that never edited a standard text gets the new one; an edited text is left alone (the
template editor shows the new variables).
"""

from pathlib import Path

from django.db import migrations

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


def backward(apps, schema_editor):
    templates = apps.get_model("letters", "LetterTemplate").objects
    for kind, old in OLD_BODIES.items():
        templates.filter(kind=kind, body=new_body(kind)).update(body=old)


class Migration(migrations.Migration):
    dependencies = [("letters", "0004_letter_send_attempts")]

    operations = [migrations.RunPython(forward, backward)]
