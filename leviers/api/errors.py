"""Errors of the API, in JSON like every answer: {"erreur": "<the problem, in French>"}.

Django answers some errors itself, in HTML: a method a view does not serve (405), a path no
route fits (404), a server error (500). The API answers them here instead: its views are
wrapped by `get_only`, and the last route of api/urls.py (`not_found`) takes every other path
under /api/v1/. A server error is still reported as Django reports any (the
`got_request_exception` signal, the `django.request` log with its traceback, mail to the
admins where configured); only the answer changes.
"""

import functools
import logging
import re

from django.conf import settings
from django.core.signals import got_request_exception
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
        try:
            return view(request, *args, **kwargs)
        except Exception:
            if settings.DEBUG:  # the developer's debug page
                raise
            return server_error(request)

    return wrapped


logger = logging.getLogger("django.request")


def server_error(request) -> JsonResponse:
    """The JSON 500 of an exception being handled, reported as Django reports one."""
    got_request_exception.send(sender=None, request=request)
    logger.error(
        "Internal Server Error: %s", request.path, exc_info=True, extra={"status_code": 500}
    )
    return error(
        "Erreur interne du serveur : elle a été enregistrée pour être corrigée. Réessayez plus "
        "tard.",
        500,
    )


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
