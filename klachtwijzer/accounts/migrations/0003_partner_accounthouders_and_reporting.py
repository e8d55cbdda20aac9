"""Partners get accounthouders (the old single account manager becomes the first), a way of reporting
(in Klachtwijzer, figures from their own system, or both) and a reporting frequency."""

from typing import Any

from django.db import migrations, models


def forwards(apps: Any, schema_editor: Any) -> None:
    Partner = apps.get_model("accounts", "Partner")
    for partner in Partner.objects.all():
        if partner.account_manager_id:
            partner.accounthouders.add(partner.account_manager_id)
        partner.reporting_way = "klachtwijzer" if partner.registers_in_klachtwijzer else "figures"
        partner.save(update_fields=["reporting_way"])


def backwards(apps: Any, schema_editor: Any) -> None:
    Partner = apps.get_model("accounts", "Partner")
    for partner in Partner.objects.all():
        partner.account_manager = partner.accounthouders.order_by("pk").first()
        partner.registers_in_klachtwijzer = partner.reporting_way != "figures"
        partner.save(update_fields=["account_manager", "registers_in_klachtwijzer"])


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_translated_ombudsman_defaults")]

    operations = [
        migrations.AddField(
            model_name="partner",
            name="accounthouders",
            field=models.ManyToManyField(
                blank=True,
                help_text="Municipal staff responsible for the relationship with this partner.",
                related_name="partners_accounthouder",
                to="accounts.user",
                verbose_name="accounthouders",
            ),
        ),
        migrations.AddField(
            model_name="partner",
            name="reporting_way",
            field=models.CharField(
                choices=[
                    ("klachtwijzer", "Registers complaints in Klachtwijzer"),
                    ("figures", "Reports figures from its own system"),
                    ("both", "Both"),
                ],
                default="klachtwijzer",
                max_length=20,
                verbose_name="how it reports",
            ),
        ),
        migrations.AddField(
            model_name="partner",
            name="reporting_frequency",
            field=models.CharField(
                choices=[("quarter", "Every quarter"), ("half_year", "Every half year"), ("year", "Every year")],
                default="quarter",
                help_text="How often the partner reports its figures (when it reports figures).",
                max_length=20,
                verbose_name="reporting frequency",
            ),
        ),
        migrations.RunPython(forwards, backwards),
        migrations.RemoveField(model_name="partner", name="account_manager"),
        migrations.RemoveField(model_name="partner", name="registers_in_klachtwijzer"),
        migrations.AlterField(
            model_name="partner",
            name="accounthouders",
            field=models.ManyToManyField(
                blank=True,
                help_text="Municipal staff responsible for the relationship with this partner.",
                related_name="partners_managed",
                to="accounts.user",
                verbose_name="accounthouders",
            ),
        ),
    ]
