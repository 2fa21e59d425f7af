"""Controlled vocabularies of the catalogue: slugs → French labels.

Slugs are used in content files, URLs, the CLI and the API.

The slugs are French on purpose: they are typed by users (`leviers match --porteur commune
--etape emergence --besoin commerce`) and read in content files by curators.
"""

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
# `programme` criterion of a scheme.
PROGRAMMES = {
    "petites-villes-de-demain": "Petites villes de demain",
    "action-coeur-de-ville": "Action cœur de ville",
    "villages-d-avenir": "Villages d'avenir",
    "france-ruralites-revitalisation": "France Ruralités Revitalisation",
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
    "label": "Label ou programme",
    "reseau-ressource": "Réseau ou ressource",
    "formation": "Formation",
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
