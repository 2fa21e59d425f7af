"""The OpenAPI document of /api/v1/, served at /api/v1/openapi.json; its schemas are in
schemas.py.

Each parameter's `example` gives a 200; the `examples` of a parameter carry an `x-status` when
they give another status (a slug that does not exist: 404). tests/test_openapi.py calls every
path with them, breaks each documented constraint once (expecting 400), and checks every
answer against its schema.
"""

from leviers.api.catalogue import DEFAULT_PAGE_SIZE, KINDS, MAX_PAGE_SIZE, MAX_QUERY, ORIGINS
from leviers.api.schemas import (
    BENEFICIARY,
    JSON,
    NEED,
    SCHEMAS,
    STAGE,
    STRING,
    array,
    page_of,
    ref,
    slugs_of,
)

# No value may hold a NUL character: every request that carries one gets a 400
# (core/middleware.py), a path as well as a query.
NO_NUL = r"^[^\u0000]*$"
NOT_BLANK = r"^[^\u0000]*[^\s\u0000][^\u0000]*$"  # and not only spaces


def text(**constraints) -> dict:
    """A free string parameter."""
    return {"type": "string", "pattern": NO_NUL, **constraints}


def query(name: str, schema: dict, description: str, example=None, **extra) -> dict:
    parameter = {"name": name, "in": "query", "description": description, "schema": schema}
    if example is not None:
        parameter["example"] = example
    return parameter | extra


def path(name: str, schema: dict, description: str, found: str, missing: str) -> dict:
    return {
        "name": name,
        "in": "path",
        "required": True,
        "description": description,
        "schema": schema,
        "examples": {
            "existant": {"value": found, "x-status": 200},
            "introuvable": {"value": missing, "x-status": 404, "summary": "Réponse 404"},
        },
    }


def answer(schema: dict, description: str) -> dict:
    return {"description": description, "content": {JSON: {"schema": schema}}}


ERROR_400 = answer(
    ref("Error"), "Paramètre invalide (ou caractère nul n'importe où), expliqué en français"
)
ERROR_404 = answer(ref("Error"), "Introuvable, expliqué en français")


def get(summary: str, description: str, parameters: list, ok: dict, errors=(400,)) -> dict:
    responses = {"200": ok}
    if 400 in errors:
        responses["400"] = ERROR_400
    if 404 in errors:
        responses["404"] = ERROR_404
    operation = {"summary": summary, "parameters": parameters, "responses": responses}
    if description:
        operation["description"] = description
    return {"get": operation}


PAGES = [
    query(
        "page",
        {"type": "integer", "minimum": 1, "default": 1},
        "Numéro de la page (404 au-delà de la dernière).",
        examples={
            "premiere": {"value": 1, "x-status": 200},
            "au-dela": {"value": 100000, "x-status": 404, "summary": "Réponse 404"},
        },
    ),
    query(
        "taille",
        {"type": "integer", "minimum": 1, "maximum": MAX_PAGE_SIZE, "default": DEFAULT_PAGE_SIZE},
        "Nombre de résultats par page.",
        5,
    ),
]
Q = query(
    "q",
    text(maxLength=MAX_QUERY),
    "Recherche plein texte en français : accents, majuscules, pluriels, fautes de frappe "
    "légères et mots inachevés sont tolérés. Les résultats sont alors classés par pertinence.",
    "cafe associatif",
)


# The public project the examples name: the tests create it (api/tests/conftest.py).
EXAMPLE_PROJECT = "exempleProjt"

# --- Paths -----------------------------------------------------------------------------------

_NOT_APPLICABLE = (
    " Un filtre d'un autre type de fiche (porteur sur les leviers, par exemple) donne une "
    "erreur 400 plutôt qu'une liste non filtrée."
)
FILTERS = {
    "besoin": query("besoin", NEED, "Seulement les fiches qui répondent à ce besoin.", "commerce"),
    "porteur": query(
        "porteur", BENEFICIARY, "Seulement les dispositifs ouverts à ce porteur.", "commune"
    ),
    "etape": query(
        "etape",
        STAGE,
        "Seulement les dispositifs qui interviennent à cette étape (un dispositif qui ne "
        "précise pas d'étape les couvre toutes).",
        "emergence",
    ),
    "origine": query(
        "origine", slugs_of(ORIGINS, "origine de la fiche"), "Rédigé ou importé.", "leviers"
    ),
}
EXAMPLES = {  # segment → (schema name, example slug, label)
    "dispositifs": ("Scheme", "rural-consult", "Dispositifs d'aide"),
    "leviers": ("Lever", "cafe-associatif", "Leviers"),
    "experiences": ("Experience", "ernee-guinguette", "Retours d'expérience"),
    "ressources": ("Resource", "rtes-kit-fiche-ess-ruralites", "Ressources"),
}

PATHS = {
    "/match": get(
        "Leviers, expériences et dispositifs pour un territoire et un projet",
        "Chaque dispositif reçoit un verdict (eligible, not_eligible, to_check) expliqué "
        "critère par critère, chaque chiffre avec sa source. Indiquez une commune ou une "
        "intercommunalité (400 sinon).",
        [
            query(
                "commune",
                {"type": "string", "pattern": r"^\s*([0-9]{5}|2[ABab][0-9]{3})\s*$"},
                "Code INSEE de la commune (pas le code postal) ; 404 si aucune commune ne "
                "porte ce code.",
                examples={
                    "existant": {"value": "53180", "x-status": 200},
                    "introuvable": {"value": "00000", "x-status": 404, "summary": "Réponse 404"},
                },
            ),
            query(
                "epci",
                {"type": "string", "pattern": r"^\s*[0-9]{9}\s*$"},
                "SIREN de l'intercommunalité, lu sans commune (404 si aucune ne porte ce SIREN).",
            ),
            query("porteur", BENEFICIARY, "Qui porte le projet.", "commune"),
            query("etape", STAGE, "Où en est le projet.", "emergence"),
            query(
                "besoin",
                array(NEED),
                "Besoins (répétable).",
                ["commerce"],
                style="form",
                explode=True,
            ),
            query(
                "reponse",
                array({"type": "string", "pattern": "^[a-z0-9-]+=(oui|non)$"}),
                "Réponse à une question (répétable) : identifiant=oui ou identifiant=non.",
                ["plus-de-commerce=oui"],
                style="form",
                explode=True,
            ),
            query(
                "texte",
                text(),
                "Description libre du projet (500 caractères lus).",
                "café associatif",
            ),
        ],
        answer(ref("MatchResult"), "Le classement et ses raisons"),
        errors=(400, 404),
    ),
    "/territoires/recherche": get(
        "Chercher une commune ou un EPCI",
        "Par nom (sans tenir compte des accents, de la casse, des tirets, des apostrophes ni "
        "de « St » pour « Saint »), par code postal ou code INSEE. Un code de département en "
        "fin de requête départage les homonymes. Sans q : aucun résultat.",
        [
            query("q", text(maxLength=100), "Les mots cherchés.", "pommerieux"),
            query(
                "limit",
                {"type": "integer", "minimum": 1, "maximum": 50, "default": 10},
                "Nombre de résultats.",
                5,
            ),
        ],
        answer(ref("TerritorySearch"), "Résultats classés"),
    ),
    "/communes/{code}": get(
        "Une commune",
        "",
        [
            path(
                "code",
                {"type": "string", "pattern": "^[0-9AB]{5}$"},
                "Code INSEE",
                found="53180",
                missing="00000",
            )
        ],
        answer(ref("Commune"), "La commune, ses chiffres et leurs sources"),
        errors=(400, 404),
    ),
    "/epci/{siren}": get(
        "Un EPCI à fiscalité propre",
        "",
        [
            path(
                "siren",
                {"type": "string", "pattern": "^[0-9]{9}$"},
                "SIREN",
                found="200048551",
                missing="000000000",
            )
        ],
        answer(ref("Epci"), "L'EPCI et ses communes membres"),
        errors=(400, 404),
    ),
    "/catalogue/recherche": get(
        "Chercher dans tout le catalogue",
        "Dispositifs, leviers, retours d'expérience et ressources, classés par pertinence.",
        [
            {
                **Q,
                "required": True,
                "schema": text(maxLength=MAX_QUERY, pattern=NOT_BLANK),
            },
            query(
                "type",
                {"type": "string", "enum": list(KINDS)},
                "Un seul type de fiche.",
                "leviers",
            ),
            *PAGES,
        ],
        answer(
            page_of(ref("SearchHit"), {"query": STRING}), "Une page de résultats, du plus pertinent"
        ),
        errors=(400, 404),
    ),
}
for segment, kind in KINDS.items():
    schema, example, label = EXAMPLES[segment]
    PATHS[f"/catalogue/{segment}"] = get(
        f"{label} : la liste",
        "Triée par nom, ou par pertinence avec q. Filtres : "
        f"{', '.join(['q', *kind.filters])}." + _NOT_APPLICABLE,
        [Q, *(FILTERS[name] for name in kind.filters), *PAGES],
        answer(page_of(ref(f"{schema}Summary"), {}), "Une page de fiches résumées"),
        errors=(400, 404),
    )
    PATHS[f"/catalogue/{segment}/{{slug}}"] = get(
        f"{label} : une fiche",
        "Tous ses champs, ses sources et leur vérification.",
        [path("slug", text(), "Identifiant de la fiche", found=example, missing="fiche-inconnue")],
        answer(ref(schema), "La fiche"),
        errors=(400, 404),
    )
PATHS["/projets/{public_id}"] = get(
    "Un projet public",
    "Ce qu'il est, où, son étape, l'organisation qui le porte, ses prochaines réunions "
    "publiques et l'adresse de sa page. Un projet privé répond 404, comme un projet qui "
    "n'existe pas (sauf à son équipe, connectée).",
    [
        path(
            "public_id",
            {"type": "string", "pattern": "^[A-Za-z0-9_-]{12}$"},
            "Identifiant du projet (celui de l'adresse de sa page)",
            found=EXAMPLE_PROJECT,
            missing="introuvable0",
        )
    ],
    answer(ref("Project"), "Le projet"),
    errors=(400, 404),
)
PATHS["/openapi.json"] = get(
    "Ce document",
    "",
    [],
    answer({"type": "object"}, "Le document OpenAPI de l'API"),
    errors=(),
)

OPENAPI = {
    "openapi": "3.1.0",
    "info": {
        "title": "API Leviers",
        "version": "1",
        "description": (
            "Référentiel territorial, catalogue et projets publics de Leviers. Réponses en "
            "JSON ; erreurs en français, dans le champ « erreur »."
        ),
        "license": {"name": "AGPL-3.0-or-later"},
    },
    "servers": [{"url": "/api/v1"}],
    "paths": PATHS,
    "components": {"schemas": SCHEMAS},
}
