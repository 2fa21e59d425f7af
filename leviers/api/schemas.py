"""The schemas of the OpenAPI document (openapi.py): every object the API returns, with all
its fields, `required` unless said otherwise (always present, null when unknown)."""

from leviers.accounts.models import Organisation
from leviers.api.catalogue import KINDS, ORIGINS
from leviers.catalogue import vocabulary
from leviers.catalogue.eligibility import STATUS_LABELS
from leviers.catalogue.vocabulary import CALENDAR_KINDS, SCHEME_FAMILIES
from leviers.workspace.models import Stage

JSON = "application/json"

# --- Building blocks -------------------------------------------------------------------------


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def nullable(schema: dict) -> dict:
    """`schema`, or null. (An `enum` lists null too: JSON Schema checks the two keywords apart,
    and a null outside the list would fail it.)"""
    if "type" in schema and "$ref" not in schema:
        schema = {**schema, "type": [schema["type"], "null"]}
        if "enum" in schema:
            schema["enum"] = [*schema["enum"], None]
        return schema
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
            optional=("title", "checked_on"),
            description=(
                "Source d'un fait ; checked_on : le jour où quelqu'un l'a lue (absent si "
                "personne ne l'a fait)"
            ),
        )
    ),
    "verification_note": {"type": "string", "description": "Ce qui n'a pas pu être vérifié"},
    "last_checked": nullable(
        {"type": "string", "description": "Dernière vérification (null : jamais vérifiée)"}
    ),
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
    "commune": {
        **nullable(
            obj(
                {
                    "code": STRING,
                    "name": STRING,
                    "department": obj({"code": STRING, "name": STRING}),
                }
            )
        ),
        "description": "null quand la source ne nomme pas la commune de l'action",
    },
    "department": obj({"code": STRING, "name": STRING}, description="Département de l'action"),
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
            "experiences": array(obj({**LINK, "commune": nullable(NAMED), "department": NAMED})),
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
        description="Un retour d'expérience dans une commune (ou un département)",
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
                obj(
                    {
                        "slug": STRING,
                        "name": STRING,
                        "score": NUMBER,
                        "reasons": STRINGS,
                        "url": PAGE_URL,
                        "api_url": API_URL,
                    }
                )
            ),
            "experiences": array(
                obj(
                    {
                        "slug": STRING,
                        "name": STRING,
                        "commune": nullable(NAMED),
                        "department": NAMED,
                        "score": NUMBER,
                        "reasons": STRINGS,
                        "url": PAGE_URL,
                        "api_url": API_URL,
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
                        "family": {
                            "type": "string",
                            "enum": ["", *SCHEME_FAMILIES],
                            "description": "argent, accompagnement, programme ou ressource",
                        },
                        "calendar": {"type": "string", "enum": list(CALENDAR_KINDS)},
                        "verification": {
                            "type": "string",
                            "enum": ["verifie", "partiel", "non-verifie"],
                        },
                        "outside_perimeter": {
                            "type": "boolean",
                            "description": "Réservé à d'autres territoires",
                        },
                        "criteria": array(ref("Criterion")),
                        "questions": array(obj({"id": STRING, "text": STRING})),
                        "relevance": NUMBER,
                        "reasons": STRINGS,
                        "url": PAGE_URL,
                        "api_url": API_URL,
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
    "Project": obj(
        {
            "id": {"type": "string", "description": "Identifiant public (12 caractères)"},
            "title": STRING,
            "description": STRING,
            "stage": obj(
                {
                    "code": slugs_of(dict(Stage.choices), "étape du projet"),
                    "label": STRING,
                }
            ),
            "commune": nullable(obj({"code": STRING, "name": STRING})),
            "epci": nullable(obj({"siren": STRING, "name": STRING})),
            "organisation": obj(
                {
                    "id": STRING,
                    "name": STRING,
                    "kind": slugs_of(dict(Organisation.Kind.choices), "nature de l'organisation"),
                },
                description="L'organisation qui porte le projet",
            ),
            "next_meetings": array(
                obj(
                    {
                        "id": STRING,
                        "title": STRING,
                        "place": STRING,
                        "starts_at": {"type": "string", "format": "date-time"},
                        "ends_at": {"type": "string", "format": "date-time"},
                        "url": PAGE_URL,
                    }
                )
            ),
            "url": PAGE_URL,
        },
        description="Un projet public : ses prochaines réunions publiques (cinq au plus, "
        "heure de Paris)",
    ),
}
