"""Load the Nationale ombudsman's 22 behoorlijkheidsnormen in their four groups."""

from django.db import migrations

NORMS = {
    "open": ["Transparant", "Goede informatieverstrekking", "Luisteren naar de burger", "Goede motivering"],
    "respectful": [
        "Respecteren van grondrechten",
        "Bevorderen van actieve deelname door de burger",
        "Fatsoenlijke bejegening",
        "Fair play",
        "Evenredigheid",
        "Bijzondere zorg",
    ],
    "engaged": ["Maatwerk", "Samenwerking", "Coulante opstelling", "Voortvarendheid", "De-escalatie"],
    "fair": [
        "Integriteit",
        "Betrouwbaarheid",
        "Onpartijdigheid",
        "Redelijkheid",
        "Goede voorbereiding",
        "Goede organisatie",
        "Professionaliteit",
    ],
}


def load_norms(apps, schema_editor):
    Nature = apps.get_model("complaints", "Nature")
    position = 0
    for group, names in NORMS.items():
        for name in names:
            position += 10
            Nature.objects.update_or_create(
                name=name, defaults={"group": group, "is_norm": True, "position": position}
            )


def unload_norms(apps, schema_editor):
    Nature = apps.get_model("complaints", "Nature")
    Nature.objects.filter(is_norm=True, complaints__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("complaints", "0001_initial")]
    operations = [migrations.RunPython(load_norms, unload_norms)]
