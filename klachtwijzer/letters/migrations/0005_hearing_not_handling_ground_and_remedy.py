"""The notice of not handling (Awb 9:8) states the ground in words and, for grounds 1c and 1d, where and until
when objection or appeal is or was possible (``not_handled_remedy``).

A municipality that never edited the standard text gets the new one; an edited text is left alone (the
template editor shows the new variable).
"""

from pathlib import Path

from django.db import migrations

KIND = "not_handling"
DEFAULTS_DIR = Path(__file__).resolve().parent.parent / "defaults"
OLD_BODY = 'Geachte {{ recipient_name }},\n\nOp {{ received_on }} hebben wij uw klacht ontvangen. Wij hebben besloten uw klacht niet in behandeling te nemen. In deze brief leggen wij uit waarom.\n\nArtikel 9:8 van de Algemene wet bestuursrecht noemt de gevallen waarin een klacht niet behandeld hoeft te worden. Voor uw klacht geldt deze grond:\n{{ not_handled_ground }}\n{% if extra %}\n{{ extra }}\n{% endif %}\nNiet tevreden?\n{{ ombudsman_clause }}\n\nMet vriendelijke groet,\n\n{{ municipality }}\n'


def new_body():
    text = (DEFAULTS_DIR / f"{KIND}.txt").read_text(encoding="utf-8")
    return text.split("\n---\n", 1)[1].strip() + "\n"


def forward(apps, schema_editor):
    apps.get_model("letters", "LetterTemplate").objects.filter(kind=KIND, body=OLD_BODY).update(body=new_body())


def backward(apps, schema_editor):
    apps.get_model("letters", "LetterTemplate").objects.filter(kind=KIND, body=new_body()).update(body=OLD_BODY)


class Migration(migrations.Migration):
    dependencies = [("letters", "0004_letter_send_attempts")]

    operations = [migrations.RunPython(forward, backward)]
