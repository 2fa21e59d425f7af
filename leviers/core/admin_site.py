"""The admin site of Leviers: Django's, in French with the site's name, failed logins throttled.

After ``ADMIN_LOGIN_FAILURES`` failed logins from one client address, or
``ADMIN_LOGIN_USERNAME_FAILURES`` naming one username (from any address), within
``ADMIN_LOGIN_WINDOW`` seconds, the login page answers 429 to every attempt, the right password
included, until the window ends. Only failures count: a staff member who types the password
right the first time is never slowed. The counts live in the shared cache (`RateLimit`).
"""

from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest, HttpResponse

from leviers.core.ratelimit import RateLimit


def _limits() -> tuple[RateLimit, RateLimit]:
    window = settings.ADMIN_LOGIN_WINDOW
    return (
        RateLimit("admin-login", limit=settings.ADMIN_LOGIN_FAILURES, window=window),
        RateLimit("admin-login-user", limit=settings.ADMIN_LOGIN_USERNAME_FAILURES, window=window),
    )


def throttled_response(window: int) -> HttpResponse:
    minutes = max(1, round(window / 60))
    response = HttpResponse(
        "Trop de tentatives de connexion ont échoué. Par sécurité, la connexion est suspendue : "
        f"réessayez dans {minutes} minute{'s' if minutes > 1 else ''} au plus.",
        status=429,
        content_type="text/plain; charset=utf-8",
    )
    response["Retry-After"] = str(window)
    return response


class AdminSite(admin.AdminSite):
    site_header = "Leviers · administration"
    site_title = "Administration de Leviers"
    index_title = "Données et comptes"
    site_url = "/"

    def login(self, request: HttpRequest, extra_context=None):
        if request.method != "POST":
            return super().login(request, extra_context)
        by_address, by_username = _limits()
        username = request.POST.get("username", "").strip().casefold()
        if by_address.exceeded(request) or by_username.exceeded(request, subject=username):
            return throttled_response(settings.ADMIN_LOGIN_WINDOW)
        response = super().login(request, extra_context)
        # A successful login redirects; a refused one shows the form again with its error.
        if response.status_code == 200:
            by_address.hit(request)
            by_username.hit(request, subject=username)
        return response
