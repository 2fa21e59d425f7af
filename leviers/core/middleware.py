"""Middleware of the whole site: which forwarded headers to believe, input no database can
store, a strict Content-Security-Policy (every asset comes from this server, nothing else),
and the headers of pages reached by a secret link."""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import SuspiciousOperation
from django.http import HttpResponse, JsonResponse
from django.utils.cache import add_never_cache_headers

from leviers.core.http import SignInRequired, for_api

NUL = "\x00"
NUL_MESSAGE = "La requête contient un caractère nul (%00), qui n'est accepté nulle part."
UNREADABLE_MESSAGE = "La requête est refusée : trop de paramètres, ou des paramètres illisibles."

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "img-src 'self' data:",
        "style-src 'self'",
        "script-src 'self'",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if not request.path.startswith("/admin/"):
            response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault(
            "Permissions-Policy", "geolocation=(), camera=(), microphone=()"
        )
        return response


class UntrustedForwardedProtoMiddleware:
    """Forget ``X-Forwarded-Proto`` unless a proxy named in ``TRUSTED_PROXIES`` sent the request.

    Django believes ``SECURE_PROXY_SSL_HEADER`` from anyone; a client talking to the app
    directly could otherwise claim HTTPS and skip the redirection. First in the chain.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.META.get("REMOTE_ADDR", "") not in settings.TRUSTED_PROXIES:
            request.META.pop("HTTP_X_FORWARDED_PROTO", None)
        return self.get_response(request)


def _has_nul(query_dict) -> bool:
    return any(
        NUL in key or any(NUL in value for value in values) for key, values in query_dict.lists()
    )


class RejectNulCharacterMiddleware:
    """Answer 400 to a NUL character in the path, the query, a form field or a cookie.

    PostgreSQL cannot store or compare a string holding NUL: without this, any view that puts
    such a value in a query answers 500. Checked once here, before any view runs.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        api = for_api(request)
        try:
            carries_nul = self._carries_nul(request)
        except SuspiciousOperation:  # too many fields...: Django's 400, in JSON for the API
            if api:
                return JsonResponse({"erreur": UNREADABLE_MESSAGE}, status=400)
            raise
        if carries_nul:
            if api:
                return JsonResponse({"erreur": NUL_MESSAGE}, status=400)
            return HttpResponse(NUL_MESSAGE, status=400, content_type="text/plain; charset=utf-8")
        return self.get_response(request)

    @staticmethod
    def _carries_nul(request) -> bool:
        if NUL in request.path_info or _has_nul(request.GET):
            return True
        if any(NUL in key or NUL in value for key, value in request.COOKIES.items()):
            return True
        if request.method == "POST" and request.content_type in (
            "application/x-www-form-urlencoded",
            "multipart/form-data",
        ):
            return _has_nul(request.POST)
        if request.content_type == "application/json" and request.method not in ("GET", "HEAD"):
            return b"\\u0000" in request.body.lower()
        return False


class SecretLinkHeadersMiddleware:
    """Pages reached by a secret link (a roadmap's share and edit links): ``X-Robots-Tag:
    noindex`` for those named in ``NOINDEX_URL_NAMES``, so that a link pasted somewhere public
    is not indexed, and no caching at all for those named in ``NO_STORE_URL_NAMES`` (an edit
    link in a shared browser's or proxy's cache gives the right to change). URL names are
    read from settings: core knows no app above it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        if match is None:
            return response
        if match.view_name in settings.NOINDEX_URL_NAMES:
            response.headers.setdefault("X-Robots-Tag", "noindex")
        if match.view_name in settings.NO_STORE_URL_NAMES:
            add_never_cache_headers(response)
        return response


class SignInRequiredMiddleware:
    """Turns `core.http.SignInRequired` into a redirection to the sign-in page and back."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, SignInRequired):
            return redirect_to_login(request.get_full_path())
        return None
