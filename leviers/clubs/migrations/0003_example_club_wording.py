"""The example club of Pays de la Loire, as `charger-exemple-club` loaded it before: its
organisations get their article (« Animé par la CRESS des Pays de la Loire et le RTES ») and its
presentation no longer repeats the launch date and the organisers the page already gives. Only
rows still as they were shipped are touched: an edit made since is kept."""

from django.db import migrations

ARTICLES = [
    ("CRESS des Pays de la Loire", "reseau", "la"),
    (
        "RTES, réseau des collectivités territoriales pour une économie sociale et solidaire",
        "reseau",
        "le",
    ),
    ("IRESA", "autre", "l'"),
    ("CEAS 72", "accompagnement", "le"),
    ("APESS 53", "autre", "l'"),
]
SHIPPED = (
    "Lancé en mai 2022, le club réunit les collectivités des Pays de la Loire engagées pour "
    "l'économie sociale et solidaire. Il est co-animé par la CRESS des Pays de la Loire et le RTES."
)
NOW = (
    "Le club réunit les collectivités des Pays de la Loire engagées pour l'économie sociale et "
    "solidaire."
)


def forwards(apps, schema_editor):
    Organisation = apps.get_model("accounts", "Organisation")
    Club = apps.get_model("clubs", "Club")
    for name, kind, article in ARTICLES:
        Organisation.objects.filter(name=name, kind=kind, article="").update(article=article)
    Club.objects.filter(slug="pays-de-la-loire", description=SHIPPED).update(description=NOW)


def backwards(apps, schema_editor):
    Club = apps.get_model("clubs", "Club")
    Club.objects.filter(slug="pays-de-la-loire", description=NOW).update(description=SHIPPED)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0006_organisation_article"),
        ("clubs", "0002_versions_for_editing_on_the_site"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
