"""The older-people sub-taxonomy of the directory (decision 32): the services a small rural
commune points its older inhabitants to, each mapped onto the nearest data·inclusion
thématiques (schema v1, `data_inclusion.schema.v1.Thematique`).

Why a local list: data·inclusion's thématiques are built for social and professional inclusion
(https://github.com/gip-inclusion/data-inclusion-schema, docs/referentiels/thematiques.md);
meal delivery, remote alarms or housing adaptation have no slug of their own. The local slug
says what the service is; the mapped thématiques let a data·inclusion file's services answer
a search by local theme, and a local service be exported in the schema. Labels follow the words
of service-public.fr ("Portage de repas à domicile", "Téléassistance", "Adaptation du
logement") and of the CNSA's « Pour les personnes âgées » portal. Checked by
tests/test_taxonomy.py against the package's list.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LocalTheme:
    slug: str
    label: str
    hint: str
    thematiques: tuple[str, ...]


LOCAL_THEMES: tuple[LocalTheme, ...] = (
    LocalTheme(
        "ccas",
        "CCAS, action sociale de la commune",
        "Aides de la commune, dossiers de demande d'aide, écoute.",
        ("difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-aux-droits",),
    ),
    LocalTheme(
        "france-services",
        "France Services, aide aux démarches",
        "Retraite, santé, impôts, papiers : un agent aide à faire les démarches.",
        (
            "difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives",
            "numerique--acceder-a-des-services-en-ligne",
        ),
    ),
    LocalTheme(
        "aide-a-domicile",
        "Aide à domicile",
        "Ménage, courses, aide à la toilette, au lever et au coucher.",
        (
            "equipement-et-alimentation--aide-menagere",
            "famille--prise-en-charge-personne-dependante",
        ),
    ),
    LocalTheme(
        "portage-repas",
        "Portage de repas à domicile",
        "Des repas livrés chez soi, chaque jour ou quelques jours par semaine.",
        ("equipement-et-alimentation--alimentation",),
    ),
    LocalTheme(
        "transport-solidaire",
        "Transport solidaire",
        "Des bénévoles conduisent chez le médecin, aux courses, à la gare.",
        (
            "mobilite--mobilite-douce-partagee-collective",
            "mobilite--etre-accompagne-dans-son-parcours-mobilite",
        ),
    ),
    LocalTheme(
        "teleassistance",
        "Téléassistance",
        "Un bouton d'appel à porter sur soi, relié à une centrale d'écoute jour et nuit.",
        ("famille--prise-en-charge-personne-dependante",),
    ),
    LocalTheme(
        "adaptation-logement",
        "Adaptation du logement",
        "Douche à la place de la baignoire, barres d'appui, monte-escalier : conseils et aides.",
        ("logement-hebergement--se-maintenir-dans-le-logement",),
    ),
    LocalTheme(
        "visites-isolement",
        "Visites contre l'isolement",
        "Des bénévoles rendent visite ou téléphonent régulièrement.",
        ("remobilisation--lien-social",),
    ),
    LocalTheme(
        "aidants",
        "Soutien aux proches aidants",
        "Répit, groupes de parole, conseils pour ceux qui aident un proche.",
        ("famille--soutien-aidants",),
    ),
)

BY_SLUG = {theme.slug: theme for theme in LOCAL_THEMES}
CHOICES = [(theme.slug, theme.label) for theme in LOCAL_THEMES]


def thematiques_for(slugs: list[str]) -> list[str]:
    """The data·inclusion thématiques the local themes map onto, in order, without repeats."""
    seen: dict[str, None] = {}
    for slug in slugs:
        for thematique in BY_SLUG[slug].thematiques:
            seen.setdefault(thematique)
    return list(seen)


# data·inclusion `reseaux_porteurs` that say what a structure is, as local themes: an imported
# CCAS or France Services gets its local theme from its network, not from its thématiques.
NETWORK_THEMES = {"ccas-cias": "ccas", "france-service": "france-services"}


def local_themes_for(networks: list[str]) -> list[str]:
    """The local themes an imported structure's services get from its networks."""
    return [NETWORK_THEMES[n] for n in networks if n in NETWORK_THEMES]


def answers(theme: LocalTheme, local_themes: list[str], thematiques: list[str]) -> bool:
    """Does a service answer a search by `theme`? When it carries the local theme, or any of
    the data·inclusion thématiques the theme maps onto (the nearest, not always the same:
    "equipement-et-alimentation--alimentation" is also a food bank; the page says so)."""
    return theme.slug in local_themes or not set(theme.thematiques).isdisjoint(thematiques)
