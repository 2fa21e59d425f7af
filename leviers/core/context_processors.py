"""What every page's template may read."""

from functools import cache

from django.urls import reverse

# The URLs of the page layout (core/base.html), without arguments: `{{ layout_urls.home }}`.
LAYOUT_URLS = {
    "home": "core:home",
    "catalogue": "catalogue:search",
    "legal": "core:legal",
    # The header's sign-in link and the signed-in person's menu (accounts/urls.py).
    "sign_in": "account_login",
    "sign_out": "account_logout",
    "account": "accounts:home",
    # Named, not imported: core sits below the workspace (workspace/urls.py).
    "my_projects": "workspace:mine",
    "my_notifications": "workspace:notifications",
}


@cache
def _reversed() -> dict[str, str]:
    """Reversed once per process: the URL configuration does not change while it runs."""
    return {key: reverse(name) for key, name in LAYOUT_URLS.items()}


def layout_urls(request) -> dict:
    return {"layout_urls": _reversed()}
