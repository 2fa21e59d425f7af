"""The app was called `projects` until December 2026.

On a database made before the rename, 0001 counts as applied (it replaces `projects.0001`) and
the rows are still in the `projects_*` tables: they are renamed here, with the content types that
the admin's history and permissions point at. On a new database there is nothing to do.
"""

from django.db import migrations

LEGACY_TABLES = {"projects_roadmap": "Roadmap", "projects_roadmapitem": "RoadmapItem"}


def rename_legacy_tables(apps, schema_editor):
    existing = set(schema_editor.connection.introspection.table_names())
    for old_table, model_name in LEGACY_TABLES.items():
        model = apps.get_model("journey", model_name)
        new_table = model._meta.db_table
        if old_table in existing and new_table not in existing:
            schema_editor.alter_db_table(model, old_table, new_table)
    content_type = apps.get_model("contenttypes", "ContentType")
    if not content_type.objects.filter(app_label="journey").exists():
        content_type.objects.filter(app_label="projects").update(app_label="journey")


class Migration(migrations.Migration):
    dependencies = [
        ("journey", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(rename_legacy_tables, migrations.RunPython.noop)]
