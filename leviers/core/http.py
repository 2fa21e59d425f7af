"""What a request says about its client, read the same way by every view.

Behind a reverse proxy every request comes from the proxy's address: the client's is the last
address the proxy appended to ``X-Forwarded-For``. That header is read only when the request
really comes from a proxy named in the ``TRUSTED_PROXIES`` setting (``LEVIERS_TRUSTED_PROXIES``);
anyone else could write it.
"""

from django.conf import settings
from django.http import HttpRequest

API_PREFIX = "/api"


def for_api(request: HttpRequest) -> bool:
    """Whether the request is for the JSON API (every path under /api/): its answers, errors
    included, are JSON, never an HTML page."""
    path = request.path_info
    return path == API_PREFIX or path.startswith(f"{API_PREFIX}/")


def client_address(request: HttpRequest) -> str:
    """The address of the client that sent ``request``: the one rate limits are keyed on."""
    remote = request.META.get("REMOTE_ADDR", "")
    trusted = set(getattr(settings, "TRUSTED_PROXIES", ()))
    if remote not in trusted:
        return remote
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    # Walk back from the nearest hop: the first address that is not one of our proxies is the
    # client as our own proxies saw it (what lies further left, the client may have written).
    for hop in reversed(hops):
        if hop not in trusted:
            return hop
    return remote


class SignInRequired(Exception):
    """Raised by a view when only a signed-in person may go on: `SignInRequiredMiddleware`
    answers with the sign-in page, which brings the person back here afterwards."""


PAGE_TOKEN = "jeton"  # drawn with a form's page, sent back by the form (idempotent writes)


def sent_fields(form) -> list[tuple[str, list[str]]] | None:
    """Everything a form sends but its CSRF token, in name order: what names one sending of an
    idempotent write (roadmap creation, a contribution typed by the team), so that the same
    sending arriving twice — a double click, or nginx passing it to another server when the
    first died before answering — makes one record. None without the page's token: then each
    sending writes."""
    if not form.get(PAGE_TOKEN):
        return None
    return [(name, form.getlist(name)) for name in sorted(form) if name != "csrfmiddlewaretoken"]
