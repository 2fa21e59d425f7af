import logging
import uuid

from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import DatabaseError, connection
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from leviers.core.checks import static_files_problem
from leviers.core.http import for_api
from leviers.core.models import Dataset
from leviers.core.official_sources import official_sources

logger = logging.getLogger(__name__)

# The error handlers of leviers/urls.py: what Django answers when a view raises, or before any
# view runs. Under /api/ in JSON, {"erreur": "<the problem, in French>"} as the API's own
# errors (api/errors.py); elsewhere a French page. Nothing of the exception is shown.
API_DOCUMENT = "/api/v1/openapi.json"
UNSERVED_HOST = (
    "Le nom de site demandé (en-tête Host) ne désigne pas ce site : la requête est refusée."
)
BAD_REQUEST = "La requête est mal formée : elle ne peut pas être traitée."
FORBIDDEN = "Vous n'avez pas le droit d'accéder à cette adresse."
CSRF_REFUSED = (
    "Le formulaire n'a pas pu être vérifié : la page est peut-être restée ouverte trop "
    "longtemps, ou votre navigateur refuse les cookies de ce site. Rechargez la page, puis "
    "envoyez le formulaire à nouveau."
)
SERVER_ERROR = (
    "Une erreur s'est produite de notre côté : la requête n'a pas pu aboutir. Elle est "
    "enregistrée dans le journal du serveur ; réessayez dans quelques instants."
)
# The last resort of a 500: no template, no context processor, no static file.
SERVER_ERROR_HTML = (
    '<!doctype html><html lang="fr"><head><meta charset="utf-8">'
    "<title>Erreur du serveur · Leviers</title></head><body><main>"
    f'<h1>Erreur du serveur</h1><p>{SERVER_ERROR}</p><p><a href="/">Retour à l\'accueil</a></p>'
    "</main></body></html>"
)


def _error_page(request, status: int, title: str, message: str):
    return render(request, "core/error.html", {"title": title, "message": message}, status=status)


def not_found(request, exception=None):
    if for_api(request):  # /api/v1/ has its own catch-all route (api/errors.py): the rest
        return JsonResponse(
            {
                "erreur": f"Aucune adresse de l'API ne correspond à « {request.path} ». Les "
                f"adresses de l'API sont décrites dans {API_DOCUMENT}."
            },
            status=404,
        )
    return render(request, "core/404.html", status=404)


def bad_request(request, exception=None):
    message = UNSERVED_HOST if isinstance(exception, DisallowedHost) else BAD_REQUEST
    if for_api(request):
        return JsonResponse({"erreur": message}, status=400)
    return _error_page(request, 400, "Requête refusée", message)


def permission_denied(request, exception=None):
    if for_api(request):
        return JsonResponse({"erreur": FORBIDDEN}, status=403)
    return _error_page(request, 403, "Accès refusé", FORBIDDEN)


def csrf_failure(request, reason=""):
    """A form refused by the CSRF check (settings.CSRF_FAILURE_VIEW): most often a page left
    open too long, or cookies refused."""
    if for_api(request):
        return JsonResponse({"erreur": f"{FORBIDDEN} {CSRF_REFUSED}"}, status=403)
    return _error_page(request, 403, "Formulaire refusé", CSRF_REFUSED)


def server_error(request):
    if for_api(request):
        return JsonResponse({"erreur": SERVER_ERROR}, status=500)
    try:
        return _error_page(request, 500, "Erreur du serveur", SERVER_ERROR)
    except Exception:  # the page layout failed too: what broke the view may break it as well
        logger.exception("Page d'erreur 500 : le gabarit n'a pas pu être rendu")
        return HttpResponseServerError(SERVER_ERROR_HTML)


def legal(request):
    return render(request, "core/legal.html")


def data(request):
    """What is loaded on this server, with vintage, source and licence, and which official
    datasets are not loaded yet (how to load them is for administrators, in docs/)."""
    datasets = list(Dataset.objects.all())
    loaded = {dataset.key for dataset in datasets}
    missing = [source for source in official_sources() if source.key not in loaded]
    return render(request, "core/data.html", {"datasets": datasets, "missing": missing})


def _database_problem() -> str | None:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return "base de données injoignable"
    return None


def _cache_problem() -> str | None:
    key, value = f"leviers:sante:{uuid.uuid4().hex}", uuid.uuid4().hex
    try:
        cache.set(key, value, timeout=30)
        read = cache.get(key)
        cache.delete(key)
    except Exception:  # each backend raises its own errors (redis, database, ...)
        return "cache injoignable"
    if read != value:
        return "le cache ne rend pas ce qui y est écrit"
    return None


HEALTH_PROBES = {
    "base de données": _database_problem,
    "cache": _cache_problem,
    "fichiers statiques": lambda: static_files_problem(complete=False),
}


def _run(probe) -> str:
    try:
        return probe() or "ok"
    except Exception:
        logger.exception("Page de santé : la sonde %s a échoué", probe.__name__)
        return "erreur inattendue (voir le journal)"


@never_cache
def health(request):
    """For monitoring and load balancers: 200 when the database, the cache and the static files
    answer, else 503 naming the failing component. Exempt from the HTTPS redirection."""
    components = {name: _run(probe) for name, probe in HEALTH_PROBES.items()}
    if all(state == "ok" for state in components.values()):
        return JsonResponse({"status": "ok", "composants": components})
    return JsonResponse({"status": "erreur", "composants": components}, status=503)
