"""Errors of the API, in JSON like every answer: {"erreur": "<the problem, in French>"}.

Django answers some errors itself, in HTML: a method a view does not serve (405), a path no
route fits (404). The API answers them here instead: its views are wrapped by `get_only`, and
the last route of api/urls.py (`not_found`) takes every other path under /api/v1/. What Django
answers before or around a view (a Host header this site does not serve, an exception a view
raises: 400, 403, 404, 500) comes from the error handlers of leviers/urls.py, in this same
shape for every path under /api/ (core/views.py).
"""

import functools
import re

from django.http import JsonResponse
from django.urls import Resolver404, resolve
from django.views.decorators.csrf import csrf_exempt

DOCUMENT = "/api/v1/openapi.json"


def error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"erreur": message}, status=status)


def get_only(view):
    """GET only; a French JSON 405 otherwise (not the CSRF middleware's HTML 403: the API
    changes nothing and reads no session). (A query Django refuses to read, too many
    parameters for instance, gets its JSON 400 in core's RejectNulCharacterMiddleware, which
    reads every query first.)"""

    @csrf_exempt
    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method != "GET":
            response = error(
                f"La méthode {request.method} n'est pas permise : l'API ne sert que des "
                f"lectures (GET). Voir {DOCUMENT}.",
                405,
            )
            response["Allow"] = "GET"
            return response
        return view(request, *args, **kwargs)

    return wrapped


# A path value that fits no route: what such a value looks like, said in French.
SHAPES = [
    (
        re.compile(r"^communes/(?P<value>[^/]+)$"),
        "n'est pas un code INSEE de commune : cinq caractères, des chiffres ou 2A/2B pour la "
        "Corse (exemple : 53180)",
        str.upper,
    ),
    (
        re.compile(r"^epci/(?P<value>[^/]+)$"),
        "n'est pas un SIREN d'EPCI : neuf chiffres (exemple : 200048551)",
        None,
    ),
    (
        re.compile(r"^projets/(?P<value>[^/]+)$"),
        "n'est pas l'identifiant d'un projet : douze caractères, lettres, chiffres, - ou _ "
        "(celui de l'adresse de sa page, /projets/<identifiant>/)",
        None,
    ),
]


@csrf_exempt
def not_found(request, rest: str):
    """Every path under /api/v1/ that no route fits."""
    for pattern, shape, fix in SHAPES:
        if found := pattern.match(rest):
            value = found["value"]
            message = f"« {value} » {shape}."
            if (
                fix
                and fix(value) != value
                and _served(f"{request.path[: -len(value)]}{fix(value)}")
            ):
                message += f" Vouliez-vous dire « {fix(value)} » ?"
            return error(message, 404)
    message = f"Aucune adresse de l'API ne correspond à « {request.path} »."
    if request.path.endswith("/") and _served(request.path.rstrip("/")):
        message += f" Sans barre oblique finale : « {request.path.rstrip('/')} »."
    return error(f"{message} Les adresses de l'API sont décrites dans {DOCUMENT}.", 404)


def _served(path: str) -> bool:
    """Whether a route of the API (not this catch-all) serves this path."""
    try:
        return resolve(path).url_name != "not-found"
    except Resolver404:
        return False
