"""Links of the page header that apps above core add: core/base.html cannot name them (core
is the lowest rung of the ladder), so each app registers its own from `AppConfig.ready()`:

    from leviers.core import navigation
    navigation.register("Aller-vers", "outreach:home", predicate=may_see_outreach, order=90)

`predicate(user)` says whether this person may see the link (anonymous people included: it is
asked for every page); without one, everyone sees it (a public page). The header shows the
links by `order`, lowest first, then in the order they were registered: the public sections
of the site first, the tools of a few last, « À propos et sources » after them all. The context
processor `navigation_links` gives base.html those the user may see, lazily: a page that does
not show the header asks nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import SimpleLazyObject


@dataclass(frozen=True)
class Link:
    label: str
    url_name: str
    predicate: Callable[[object], bool]
    order: int = 50

    @property
    def app_name(self) -> str:
        """The namespace of its URL: the header marks it current on the app's pages."""
        return self.url_name.partition(":")[0]


_links: dict[str, Link] = {}


def everyone(user) -> bool:
    """The predicate of a public page's link."""
    return True


def register(
    label: str, url_name: str, predicate: Callable[[object], bool] = everyone, order: int = 50
) -> None:
    """Add (or replace: `ready()` may run twice in tests) the link to `url_name`."""
    _links[url_name] = Link(label, url_name, predicate, order)


def unregister(url_name: str) -> None:
    _links.pop(url_name, None)


def links_for(user) -> list[dict]:
    """The registered links `user` may see, by order (then in registration order)."""
    return [
        {"label": link.label, "url": reverse(link.url_name), "app_name": link.app_name}
        for link in sorted(_links.values(), key=lambda link: link.order)
        if link.predicate(user)
    ]


def navigation_links(request) -> dict:
    # No user on an error page answered before the authentication middleware: no links.
    def links() -> list[dict]:
        user = getattr(request, "user", None)
        return links_for(user) if user is not None else []

    return {"nav_links": SimpleLazyObject(links)}
