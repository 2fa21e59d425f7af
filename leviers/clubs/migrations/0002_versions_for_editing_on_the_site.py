"""Versions (core/locking.py) on what facilitators edit on the site; a public id per sequence
(its pages' addresses), drawn for the sequences already there before it becomes unique."""

from django.db import migrations, models

import leviers.accounts.models


def draw_public_ids(apps, schema_editor):
    Sequence = apps.get_model("clubs", "Sequence")
    for sequence in Sequence.objects.filter(public_id__isnull=True).only("pk"):
        sequence.public_id = leviers.accounts.models.new_public_id()
        sequence.save(update_fields=["public_id"])


class Migration(migrations.Migration):
    dependencies = [
        ("clubs", "0001_clubs_meetings_reports_letters"),
    ]

    operations = [
        migrations.AddField(
            model_name="clubmeeting",
            name="version",
            field=models.PositiveIntegerField(default=1, editable=False),
        ),
        migrations.AddField(
            model_name="report",
            name="version",
            field=models.PositiveIntegerField(default=1, editable=False),
        ),
        migrations.AddField(
            model_name="sequence",
            name="version",
            field=models.PositiveIntegerField(default=1, editable=False),
        ),
        migrations.AddField(
            model_name="sequence",
            name="public_id",
            field=models.CharField(editable=False, max_length=16, null=True),
        ),
        migrations.RunPython(draw_public_ids, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="sequence",
            name="public_id",
            field=models.CharField(
                default=leviers.accounts.models.new_public_id,
                editable=False,
                max_length=16,
                unique=True,
            ),
        ),
    ]
