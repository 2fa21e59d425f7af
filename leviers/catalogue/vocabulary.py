"""Controlled vocabularies of the catalogue: slugs → French labels.

Slugs are used in content files, URLs, the CLI and the API.

The slugs are French on purpose: they are typed by users (`leviers match --porteur commune
--etape emergence --besoin commerce`) and read in content files by curators.
"""

from leviers.territories import programmes

NEEDS = {
    "commerce": "Commerce de proximité",
    "lien-social": "Lien social et convivialité",
    "bien-vieillir": "Bien-vieillir",
    "acces-aux-droits": "Accès aux droits et aux services",
    "mobilite": "Mobilité",
    "alimentation": "Alimentation",
    "culture": "Culture",
    "emploi-insertion": "Emploi et insertion",
    "energie": "Énergie et rénovation",
    "numerique": "Numérique",
    "tiers-lieu": "Tiers-lieu et travail",
    "sante": "Santé et prévention",
    "logement": "Logement",
    "jeunesse": "Enfance et jeunesse",
    "revitalisation": "Revitalisation du centre-bourg",
    "participation": "Participation des habitants",
}

# The programme lists a commune can belong to (`Programme.slug` in territories), named in the
# `programme` criterion of a scheme: their names are the referential's (territories/programmes.py).
PROGRAMMES = programmes.PROGRAMMES

# What the mayor is asked when a programme's list was not imported (the data cannot tell).
PROGRAMME_QUESTIONS = {
    "petites-villes-de-demain": (
        f"Votre commune fait-elle partie de {PROGRAMMES['petites-villes-de-demain']} ?"
    ),
    "action-coeur-de-ville": (
        f"Votre commune fait-elle partie d'{PROGRAMMES['action-coeur-de-ville']} ?"
    ),
    "villages-d-avenir": (
        f"Votre commune est-elle lauréate de {PROGRAMMES['villages-d-avenir']} ?"
    ),
    "france-ruralites-revitalisation": (
        f"Votre commune est-elle classée {PROGRAMMES['france-ruralites-revitalisation']} (FRR) ?"
    ),
}

BENEFICIARIES = {
    "commune": "Commune",
    "epci": "Intercommunalité (EPCI)",
    "association": "Association",
    "groupement-employeurs": "Groupement d'employeurs",
    "scic": "Société coopérative d'intérêt collectif (SCIC)",
    "scop": "Société coopérative et participative (SCOP)",
    "entreprise-ess": "Entreprise de l'ESS",
    "collectif-citoyens": "Collectif d'habitants",
}

STAGES = {
    "emergence": "Émergence de l'idée",
    "etude": "Étude de faisabilité",
    "montage": "Montage et incubation",
    "lancement": "Lancement",
    "consolidation": "Consolidation",
    "evaluation": "Évaluation d'impact",
}

SCHEME_KINDS = {
    "ingenierie": "Accompagnement en ingénierie",
    "subvention": "Subvention",
    "pret-garantie": "Prêt ou garantie",
    "exoneration": "Exonération fiscale ou sociale",
    "label": "Label ou programme",
    "reseau-ressource": "Réseau ou ressource",
    "formation": "Formation",
}

# The four families a mayor tells apart: money, support, labels and programmes, resources.
# A resource (network, guide, tool) carries no eligibility verdict and is listed apart.
SCHEME_FAMILIES = {
    "argent": "Financement (subvention, prêt, exonération)",
    "accompagnement": "Ingénierie et accompagnement",
    "programme": "Label ou programme",
    "ressource": "Réseau, guide ou outil",
}
FAMILY_OF_KIND = {
    "subvention": "argent",
    "pret-garantie": "argent",
    "exoneration": "argent",
    "ingenierie": "accompagnement",
    "formation": "accompagnement",
    "label": "programme",
    "reseau-ressource": "ressource",
}
if set(FAMILY_OF_KIND) != set(SCHEME_KINDS):  # pragma: no cover - fails at import
    raise RuntimeError("FAMILY_OF_KIND doit couvrir exactement SCHEME_KINDS")

# A scheme's calendar (`calendar.kind`), as the card says it.
CALENDAR_KINDS = {
    "permanent": "Ouvert toute l'année",
    "rolling": "Entrées au fil de l'eau",
    "deadline": "Ouvert jusqu'à une date limite",
    "committees": "Dossiers examinés en comité",
    "closed": "Clos",
    "unknown": "Calendrier non vérifié",
}

LEGAL_FORMS = {
    "association": "Association loi 1901",
    "scic": "SCIC",
    "scop": "SCOP",
    "regie": "Régie municipale",
    "sem": "Société d'économie mixte",
    "entreprise-ess": "Entreprise commerciale de l'ESS",
    "collectif-informel": "Collectif informel",
    "fondation": "Fondation",
}

# What a local authority can do to make an ESS project happen.
AUTHORITY_ROLES = {
    "catalyser": "Susciter et réunir les acteurs",
    "animer-concertation": "Animer la concertation avec les habitants",
    "preter-locaux": "Mettre à disposition des locaux",
    "cofinancer": "Cofinancer",
    "entrer-au-capital": "Entrer au capital d'une SCIC",
    "commande-publique": "Passer commande (marchés publics responsables)",
    "porter-en-regie": "Porter le projet en régie",
    "faciliter-demarches": "Faciliter les démarches et autorisations",
    "communiquer": "Faire connaître et valoriser",
}

RESOURCE_KINDS = {
    "guide": "Guide",
    "kit": "Kit",
    "fiche": "Fiche",
    "video": "Vidéo",
    "etude": "Étude",
    "site": "Site de référence",
}


def label(vocabulary: dict[str, str], slug: str) -> str:
    return vocabulary.get(slug, slug)
