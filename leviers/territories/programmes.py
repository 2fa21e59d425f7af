"""The State programmes whose lists of communes Leviers knows, by slug (`Programme.slug`), with
their proper names: the one place the importers (pvd.py), the catalogue (the `programme`
criterion and perimeter of a scheme) and the pages take them from, whether a programme's list
is imported or not. Pure: no database.
"""

PROGRAMMES = {
    "petites-villes-de-demain": "Petites Villes de Demain",
    "action-coeur-de-ville": "Action cœur de ville",
    "villages-d-avenir": "Villages d'avenir",
    "france-ruralites-revitalisation": "France Ruralités Revitalisation",
}


def programme_name(slug: str) -> str:
    """Its proper name; a slug Leviers does not know is shown as it is."""
    return PROGRAMMES.get(slug, slug)
