"""The observatory's dataset as `core.Dataset` records it: its key is all a page needs to show
the source and vintage, without loading the importer."""

DATASET_KEY = "sirene_ess"
DATASET = {
    "label": "Base SIRENE des entreprises et de leurs établissements (fichiers stock)",
    "producer": "INSEE",
    "licence": "Licence Ouverte 2.0",
    "source_url": (
        "https://www.data.gouv.fr/fr/datasets/"
        "base-sirene-des-entreprises-et-de-leurs-etablissements-siren-siret/"
    ),
}
