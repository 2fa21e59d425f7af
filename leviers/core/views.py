import logging
import uuid

from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from leviers.core.checks import static_files_problem
from leviers.core.models import Dataset
from leviers.core.official_sources import official_sources

logger = logging.getLogger(__name__)


def not_found(request, exception=None):
    return render(request, "core/404.html", status=404)


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
