"""The OpenAPI document of /api/v1/, served at /api/v1/openapi.json."""

_ERROR = {
    "description": "Erreur, expliquée en français",
    "content": {
        "application/json": {
            "schema": {"type": "object", "properties": {"erreur": {"type": "string"}}}
        }
    },
}
_OBJECT = {"application/json": {"schema": {"type": "object"}}}

OPENAPI = {
    "openapi": "3.1.0",
    "info": {
        "title": "API Leviers",
        "version": "1",
        "description": "Référentiel territorial et catalogue de Leviers. Réponses en JSON.",
        "license": {"name": "AGPL-3.0-or-later"},
    },
    "servers": [{"url": "/api/v1"}],
    "paths": {
        "/territoires/recherche": {
            "get": {
                "summary": "Chercher une commune ou un EPCI",
                "description": (
                    "Par nom (sans tenir compte des accents, de la casse, des tirets, des "
                    "apostrophes ni de « St » pour « Saint »), par code postal ou code INSEE. "
                    "Un code de département en fin de requête départage les homonymes."
                ),
                "parameters": [
                    {
                        "name": "q",
                        "in": "query",
                        "required": True,
                        "schema": {"type": "string", "maxLength": 100},
                    },
                    {
                        "name": "limit",
                        "in": "query",
                        "schema": {"type": "integer", "minimum": 1, "maximum": 50, "default": 10},
                    },
                ],
                "responses": {
                    "200": {"description": "Résultats classés", "content": _OBJECT},
                    "400": _ERROR,
                },
            }
        },
        "/communes/{code}": {
            "get": {
                "summary": "Une commune",
                "parameters": [
                    {
                        "name": "code",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "string", "pattern": "^[0-9AB]{5}$"},
                    }
                ],
                "responses": {
                    "200": {
                        "description": "La commune, ses chiffres et leurs sources",
                        "content": _OBJECT,
                    },
                    "404": _ERROR,
                },
            }
        },
        "/epci/{siren}": {
            "get": {
                "summary": "Un EPCI à fiscalité propre",
                "parameters": [
                    {
                        "name": "siren",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "string", "pattern": "^[0-9]{9}$"},
                    }
                ],
                "responses": {
                    "200": {"description": "L'EPCI et ses communes membres", "content": _OBJECT},
                    "404": _ERROR,
                },
            }
        },
    },
}
