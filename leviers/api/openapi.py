"""The OpenAPI document of /api/v1/, served at /api/v1/openapi.json.

Every object lists the fields the API returns, all `required`: they are always present (null
when unknown), except those the schema leaves out of `required`. Each parameter's `example`
gives a 200; the `examples` of a parameter carry an `x-status` when they give another status
(a slug that does not exist: 404). tests/test_openapi.py calls every path with them, breaks
each documented constraint once (expecting 400), and checks every answer against its schema.
"""

from leviers.api.catalogue import DEFAULT_PAGE_SIZE, KINDS, MAX_PAGE_SIZE, MAX_QUERY, ORIGINS
from leviers.catalogue import vocabulary
from leviers.catalogue.eligibility import STATUS_LABELS

JSON = "application/json"

# --- Building blocks -------------------------------------------------------------------------


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def nullable(schema: dict) -> dict:
    if "type" in schema and "$ref" not in schema:
        return {**schema, "type": [schema["type"], "null"]}
    return {"anyOf": [schema, {"type": "null"}]}


def obj(properties: dict, optional: tuple[str, ...] = (), description: str = "") -> dict:
    schema = {
        "type": "object",
        "properties": properties,
        "required": [name for name in properties if name not in optional],
    }
    if description:
        schema["description"] = description
    return schema


def array(items: dict) -> dict:
    return {"type": "array", "items": items}


def slugs_of(table: dict[str, str], what: str) -> dict:
    labels = " ; ".join(f"{slug} : {label}" for slug, label in table.items())
    return {"type": "string", "enum": list(table), "description": f"{what} ({labels})"}


STRING, INTEGER, NUMBER, BOOLEAN = (
    {"type": "string"},
    {"type": "integer"},
    {"type": "number"},
    {"type": "boolean"},
)
STRINGS = array(STRING)
NEED = slugs_of(vocabulary.NEEDS, "besoin")
BENEFICIARY = slugs_of(vocabulary.BENEFICIARIES, "porteur du projet")
STAGE = slugs_of(vocabulary.STAGES, "étape du projet")
VERIFICATION = {"type": "string", "enum": ["verifie", "partiel", "non-verifie"]}
PAGE_URL = {"type": "string", "description": "Adresse de la page Leviers"}
API_URL = {"type": "string", "description": "Adresse de la fiche dans l'API"}


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


ERROR_400 = answer(ref("Error"), "Paramètre invalide, expliqué en français")
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
    {"type": "string", "maxLength": MAX_QUERY},
    "Recherche plein texte en français : accents, majuscules, pluriels, fautes de frappe "
    "légères et mots inachevés sont tolérés. Les résultats sont alors classés par pertinence.",
    "cafe associatif",
)


def page_of(item: dict, extra: dict | None = None) -> dict:
    return obj(
        {
            **(extra or {}),
            "count": {"type": "integer", "description": "Nombre total de résultats"},
            "page": INTEGER,
            "page_size": INTEGER,
            "pages": {"type": "integer", "description": "Nombre de pages"},
            "previous": nullable({"type": "string", "description": "Page précédente"}),
            "next": nullable({"type": "string", "description": "Page suivante"}),
            "results": array(item),
        }
    )


# --- Schemas ---------------------------------------------------------------------------------

LINK = {"slug": STRING, "name": STRING, "api_url": API_URL}
CHECKED = {
    "sources": array(
        obj(
            {"url": STRING, "title": STRING, "checked_on": STRING},
            optional=("title",),
            description="Source d'un fait, avec la date de sa vérification",
        )
    ),
    "verification_note": {"type": "string", "description": "Ce qui n'a pas pu être vérifié"},
    "last_checked": nullable({"type": "string", "description": "Dernière vérification"}),
}
SCORE = nullable({"type": "number", "description": "Pertinence, avec le paramètre q"})

SCHEME_SUMMARY = {
    "slug": STRING,
    "name": STRING,
    "operator": STRING,
    "kind": nullable(slugs_of(vocabulary.SCHEME_KINDS, "type de dispositif")),
    "summary": STRING,
    "beneficiaries": array(BENEFICIARY),
    "stages": array(STAGE),
    "needs": array(NEED),
    "origin": slugs_of(ORIGINS, "origine de la fiche"),
    "verification": VERIFICATION,
    "url": PAGE_URL,
    "api_url": API_URL,
}
LEVER_SUMMARY = {
    "slug": STRING,
    "name": STRING,
    "summary": STRING,
    "needs": array(NEED),
    "legal_forms": array(slugs_of(vocabulary.LEGAL_FORMS, "forme juridique")),
    "authority_roles": array(slugs_of(vocabulary.AUTHORITY_ROLES, "rôle de la collectivité")),
    "verification": VERIFICATION,
    "url": PAGE_URL,
    "api_url": API_URL,
}
EXPERIENCE_SUMMARY = {
    "slug": STRING,
    "name": STRING,
    "summary": STRING,
    "commune": obj(
        {"code": STRING, "name": STRING, "department": obj({"code": STRING, "name": STRING})}
    ),
    "start_year": nullable(INTEGER),
    "end_year": nullable({"type": "integer", "description": "null si en cours"}),
    "needs": array(NEED),
    "verification": VERIFICATION,
    "url": PAGE_URL,
    "api_url": API_URL,
}
RESOURCE_SUMMARY = {
    "slug": STRING,
    "title": STRING,
    "kind": slugs_of(vocabulary.RESOURCE_KINDS, "type de ressource"),
    "publisher": STRING,
    "resource_url": {"type": "string", "description": "Adresse de la ressource chez son éditeur"},
    "summary": STRING,
    "needs": array(NEED),
    "verification": VERIFICATION,
    "url": PAGE_URL,
    "api_url": API_URL,
}
SOURCE = obj(
    {"label": STRING, "producer": STRING, "vintage": STRING, "licence": STRING, "url": STRING},
    description="Jeu de données importé : producteur, millésime, licence",
)
NAMED = obj({"code": STRING, "name": STRING})

SCHEMAS = {
    "Error": obj(
        {
            "erreur": {"type": "string", "description": "Le problème, en français"},
            "valeurs_possibles": STRINGS,
        },
        optional=("valeurs_possibles",),
    ),
    "Source": SOURCE,
    "SchemeSummary": obj({**SCHEME_SUMMARY, "score": SCORE}),
    "Scheme": obj(
        {
            **SCHEME_SUMMARY,
            "description": STRING,
            "aid_types": STRINGS,
            "perimeter": {
                "type": "object",
                "description": "Une clé parmi national, regions, departments, communes, epcis, "
                "programme (docs/format-catalogue.md)",
            },
            "criteria": array(
                {
                    "type": "object",
                    "description": "Critère tel qu'écrit dans la fiche, une clé "
                    "(docs/format-catalogue.md)",
                }
            ),
            "eligibility_text": STRING,
            "amounts": STRING,
            "funding_rate": STRING,
            "duration": STRING,
            "calendar": {"type": "object"},
            "how_to_apply": STRING,
            "official_url": nullable({"type": "string", "description": "Page officielle"}),
            "source_link": nullable({"type": "string", "description": "Aide importée"}),
            **CHECKED,
            "levers": array(obj(LINK)),
        },
        description="Un dispositif d'aide, avec ses critères d'éligibilité tels qu'écrits",
    ),
    "LeverSummary": obj({**LEVER_SUMMARY, "score": SCORE}),
    "Lever": obj(
        {
            **LEVER_SUMMARY,
            "description": STRING,
            "steps": array(
                obj(
                    {"title": STRING, "duration": STRING, "description": STRING},
                    optional=("duration", "description"),
                )
            ),
            "pitfalls": STRINGS,
            "indicators": STRINGS,
            **CHECKED,
            "schemes": array(obj(LINK)),
            "experiences": array(obj({**LINK, "commune": NAMED})),
        },
        description="Un levier de l'ESS que la collectivité peut actionner",
    ),
    "ExperienceSummary": obj({**EXPERIENCE_SUMMARY, "score": SCORE}),
    "Experience": obj(
        {
            **EXPERIENCE_SUMMARY,
            "story": STRING,
            "key_figures": array(obj({"label": STRING, "value": STRING})),
            "lessons": STRINGS,
            "contact": STRING,
            **CHECKED,
            "levers": array(obj(LINK)),
        },
        description="Un retour d'expérience dans une commune",
    ),
    "ResourceSummary": obj({**RESOURCE_SUMMARY, "score": SCORE}),
    "Resource": obj({**RESOURCE_SUMMARY, **CHECKED}, description="Guide, kit, fiche, étude…"),
    "SearchHit": obj(
        {
            "type": {"type": "string", "enum": list(KINDS)},
            "slug": STRING,
            "name": STRING,
            "summary": STRING,
            "score": NUMBER,
            "url": PAGE_URL,
            "api_url": API_URL,
        }
    ),
    "Criterion": obj(
        {
            "text": {"type": "string", "description": "La phrase qui explique le critère"},
            "met": {
                "type": ["boolean", "null"],
                "description": "true : rempli ; false : non rempli ; null : à vérifier",
            },
            "details": {
                **array(ref("Criterion")),
                "description": "Les conditions d'une alternative (any_of)",
            },
        },
        optional=("details",),
    ),
    "MatchResult": obj(
        {
            "territory": obj(
                {
                    "commune": nullable(
                        obj({"code": STRING, "name": STRING, "population": nullable(INTEGER)})
                    ),
                    "epci": nullable(
                        obj(
                            {
                                "siren": STRING,
                                "name": STRING,
                                "type": STRING,
                                "population": nullable(INTEGER),
                            }
                        )
                    ),
                    "beneficiary": nullable(BENEFICIARY),
                    "stage": nullable(STAGE),
                    "needs": array(NEED),
                    "answers": {
                        "type": "object",
                        "additionalProperties": BOOLEAN,
                        "description": "Réponses données, par identifiant de question",
                    },
                }
            ),
            "levers": array(
                obj({"slug": STRING, "name": STRING, "score": NUMBER, "reasons": STRINGS})
            ),
            "experiences": array(
                obj(
                    {
                        "slug": STRING,
                        "name": STRING,
                        "commune": NAMED,
                        "score": NUMBER,
                        "reasons": STRINGS,
                    }
                )
            ),
            "schemes": array(
                obj(
                    {
                        "slug": STRING,
                        "name": STRING,
                        "operator": STRING,
                        "verdict": {"type": "string", "enum": list(STATUS_LABELS)},
                        "verdict_label": {"type": "string", "enum": list(STATUS_LABELS.values())},
                        "criteria": array(ref("Criterion")),
                        "questions": array(obj({"id": STRING, "text": STRING})),
                        "relevance": NUMBER,
                        "reasons": STRINGS,
                    }
                )
            ),
            "questions": array(
                obj(
                    {
                        "id": STRING,
                        "text": STRING,
                        "schemes": {
                            "type": "integer",
                            "description": "Nombre de dispositifs que la réponse préciserait",
                        },
                    }
                )
            ),
        },
        description="Leviers, retours d'expérience et dispositifs classés, avec leurs raisons",
    ),
    "TerritorySearch": obj(
        {
            "query": STRING,
            "results": array(
                obj(
                    {
                        "type": {"type": "string", "enum": ["commune", "epci"]},
                        "code": STRING,
                        "name": STRING,
                        "label": STRING,
                        "department": nullable(NAMED),
                        "population": nullable(INTEGER),
                        "postal_codes": STRINGS,
                        "url": PAGE_URL,
                    }
                )
            ),
        }
    ),
    "Commune": obj(
        {
            "code": STRING,
            "name": STRING,
            "siren": nullable(STRING),
            "postal_codes": STRINGS,
            "population": nullable(INTEGER),
            "department": NAMED,
            "region": NAMED,
            "epci": nullable(obj({"siren": STRING, "name": STRING, "type": STRING})),
            "density_level": nullable({"type": "integer", "minimum": 1, "maximum": 7}),
            "rural": nullable({"type": "boolean", "description": "null : grille non importée"}),
            "petites_villes_de_demain": nullable(
                {"type": "boolean", "description": "null : liste non importée"}
            ),
            "france_services": nullable(
                array(obj({"id": STRING, "name": STRING, "address": STRING, "phone": STRING}))
            ),
            "sources": {
                "type": "object",
                "additionalProperties": nullable(ref("Source")),
                "description": "Par jeu de données ; null : jamais importé",
            },
            "url": PAGE_URL,
        }
    ),
    "Epci": obj(
        {
            "siren": STRING,
            "name": STRING,
            "type": STRING,
            "population": nullable(INTEGER),
            "members": array(
                obj({"code": STRING, "name": STRING, "population": nullable(INTEGER)})
            ),
            "source": nullable(ref("Source")),
            "url": PAGE_URL,
        }
    ),
}

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
                {"type": "string"},
                "Code INSEE de la commune (pas le code postal).",
                "53180",
            ),
            query("epci", {"type": "string"}, "SIREN de l'intercommunalité, sans commune."),
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
                {"type": "string"},
                "Description libre du projet (500 caractères lus).",
                "café associatif",
            ),
        ],
        answer(ref("MatchResult"), "Le classement et ses raisons"),
    ),
    "/territoires/recherche": get(
        "Chercher une commune ou un EPCI",
        "Par nom (sans tenir compte des accents, de la casse, des tirets, des apostrophes ni "
        "de « St » pour « Saint »), par code postal ou code INSEE. Un code de département en "
        "fin de requête départage les homonymes. Sans q : aucun résultat.",
        [
            query("q", {"type": "string", "maxLength": 100}, "Les mots cherchés.", "pommerieux"),
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
        errors=(404,),
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
        errors=(404,),
    ),
    "/catalogue/recherche": get(
        "Chercher dans tout le catalogue",
        "Dispositifs, leviers, retours d'expérience et ressources, classés par pertinence.",
        [
            {**Q, "required": True},
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
        [path("slug", STRING, "Identifiant de la fiche", found=example, missing="fiche-inconnue")],
        answer(ref(schema), "La fiche"),
        errors=(404,),
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
            "Référentiel territorial et catalogue de Leviers. Réponses en JSON ; erreurs en "
            "français, dans le champ « erreur »."
        ),
        "license": {"name": "AGPL-3.0-or-later"},
    },
    "servers": [{"url": "/api/v1"}],
    "paths": PATHS,
    "components": {"schemas": SCHEMAS},
}
