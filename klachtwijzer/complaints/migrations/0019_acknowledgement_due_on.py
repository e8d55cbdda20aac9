"""The acknowledgement target date (Awb 9:6), stored at receipt like the other term ends.

Existing written complaints get it when they are open or were acknowledged: the open ones then show in the
queue of complaints to acknowledge, and the acknowledged ones count in the figure of acknowledgements within
the target. A closed complaint without an acknowledgement date (an imported register row, which has no such
column) gets none, so the figure does not count it as missed.
"""

from typing import Any

from django.db import migrations, models
from django.db.models import Q

from klachtwijzer.complaints import terms


def fill_target_dates(apps: Any, schema_editor: Any) -> None:
    complaint_model = apps.get_model("complaints", "Complaint")
    municipality = apps.get_model("accounts", "Municipality").objects.first()
    days = municipality.acknowledgement_target_days if municipality else 5
    written = complaint_model.objects.filter(form="written").filter(
        Q(closed_on__isnull=True) | Q(acknowledged_on__isnull=False)
    )
    changed = []
    for complaint in written.only("pk", "received_on").iterator(chunk_size=2000):
        complaint.acknowledgement_due_on = terms.acknowledgement_target(complaint.received_on, days)
        changed.append(complaint)
        if len(changed) == 2000:
            complaint_model.objects.bulk_update(changed, ["acknowledgement_due_on"])
            changed = []
    complaint_model.objects.bulk_update(changed, ["acknowledgement_due_on"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_records_manager_and_privacy_officer_roles"),
        ("complaints", "0018_further_delay_consent_document"),
    ]

    operations = [
        migrations.AddField(
            model_name="complaint",
            name="acknowledgement_due_on",
            field=models.DateField(
                blank=True,
                help_text=(
                    "The last day of the municipality's target for the written acknowledgement (Awb 9:6), "
                    "stored at receipt; empty for an oral complaint."
                ),
                null=True,
                verbose_name="acknowledgement target date",
            ),
        ),
        migrations.RunPython(fill_target_dates, migrations.RunPython.noop),
    ]
