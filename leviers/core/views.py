from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from leviers.core.models import Dataset


def not_found(request, exception=None):
    return render(request, "core/404.html", status=404)


def legal(request):
    return render(request, "core/legal.html", {"datasets": Dataset.objects.all()})


@never_cache
def health(request):
    """For monitoring and load balancers: 200 {"status": "ok"} when the database answers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse(
            {"status": "erreur", "detail": "base de données injoignable"}, status=503
        )
    return JsonResponse({"status": "ok"})
