"""The hearing invitation (Awb 9:10) states the time and the place or the video link (``hearing_time``,
``hearing_place``, ``hearing_video_link``). A municipality that never edited the standard text gets the new one;
an edited text is left alone (the template editor lists the new variables)."""

from pathlib import Path

from django.db import migrations

DEFAULTS_DIR = Path(__file__).resolve().parent.parent / "defaults"
OLD_BODY = 'Geachte {{ recipient_name }},\n\nWij behandelen de klacht met kenmerk {{ reference }}. Iedereen die bij de klacht betrokken is, mag zijn kant van het verhaal vertellen. Dat staat in artikel 9:10 van de Algemene wet bestuursrecht. Wij nodigen u daarom uit voor een gesprek (een hoorgesprek) op {{ hearing_date }}.\n{% if extra %}\n{{ extra }}\n{% endif %}\nVan het gesprek wordt een verslag gemaakt. U krijgt dat verslag.\n\nU mag iemand meenemen naar het gesprek, bijvoorbeeld een familielid, een vriend of een adviseur.\n\n{% if hearing_reply_by %}Laat ons uiterlijk {{ hearing_reply_by }} weten of u komt{% if handler_email %}, via {{ handler_email }}{% endif %}. Kunt u niet op deze datum, of wilt u liever niet gehoord worden? Laat het ons dan ook weten.{% else %}Kunt u niet op deze datum, of wilt u liever niet gehoord worden? Laat het ons dan zo snel mogelijk weten{% if handler_email %} via {{ handler_email }}{% endif %}.{% endif %}\n'


def new_body():
    text = (DEFAULTS_DIR / "hearing.txt").read_text(encoding="utf-8")
    return text.split("\n---\n", 1)[1].strip() + "\n"


def forward(apps, schema_editor):
    apps.get_model("letters", "LetterTemplate").objects.filter(kind="hearing", body=OLD_BODY).update(body=new_body())


def backward(apps, schema_editor):
    apps.get_model("letters", "LetterTemplate").objects.filter(kind="hearing", body=new_body()).update(body=OLD_BODY)


class Migration(migrations.Migration):
    dependencies = [("letters", "0008_informal_resolution_letter")]

    operations = [migrations.RunPython(forward, backward)]
