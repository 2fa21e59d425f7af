"""No secret of an address in gunicorn's access log.

Some addresses are the secret themselves (capability URLs): a roadmap's share and edit links,
calendar feeds, an invitation, a password reset, a newsletter unsubscription... Their URL
patterns name the secret part (`<str:token>`, `<key>`, `<uidb36>`): `secret_routes()` reads
them from the project's URLconf, so a new capability URL is covered without a list to edit,
and `redact_path()` puts `MARK` in place of each secret, keeping the rest of the path.

gunicorn runs `AccessLogger` (`--logger-class`, deploy/systemd/leviers.service); nginx does the
same with `map`s (deploy/nginx/leviers.conf), and a test requests there one address of each
pattern found here.
"""

import functools
import re
from urllib.parse import urlsplit, urlunsplit

from django.urls import URLResolver, get_resolver
from gunicorn.glogging import Logger

MARK = "[secret]"
# A URL kwarg holding a secret: `token`, `edit_token`, `key`, `uidb36`...
SECRET_NAME = re.compile(r"(\w+_)?(token|key)|uidb(36|64)")


def _walk(patterns, prefix: str):
    """(regex of the whole path without its end anchor, pattern), for every endpoint."""
    for pattern in patterns:
        piece = prefix + pattern.pattern.regex.pattern.removeprefix("^")
        if isinstance(pattern, URLResolver):
            yield from _walk(pattern.url_patterns, piece)
        else:
            yield re.sub(r"(\\Z|\$)$", "", piece), pattern


@functools.cache
def secret_routes() -> tuple[re.Pattern, ...]:
    """The project's URL patterns with a secret kwarg, matching any path that starts like
    theirs (a page's address with something after it, a 404, still holds the secret)."""
    routes = []
    for regex, _pattern in _walk(get_resolver().url_patterns, "/"):
        compiled = re.compile(regex)
        if any(SECRET_NAME.fullmatch(name) for name in compiled.groupindex):
            routes.append(compiled)
    return tuple(routes)


def redact_path(path: str, routes: tuple[re.Pattern, ...]) -> str:
    """`path` with `MARK` in place of each secret that the longest matching route names; the
    path is also tried with a final « / » (Django redirects there when it is missing)."""
    best = None
    for route in routes:
        match = route.match(path) or route.match(path + "/")
        if match and (best is None or match.end() > best.end()):
            best = match
    if best is None:
        return path
    spans = sorted(
        best.span(name)
        for name in best.re.groupindex
        if SECRET_NAME.fullmatch(name) and best.start(name) != -1
    )
    kept, start = [], 0
    for begin, end in spans:
        kept += [path[start:begin], MARK]
        start = min(end, len(path))
    return "".join(kept) + path[start:]


def redact_address(address: str, routes: tuple[re.Pattern, ...]) -> str:
    """A path with its query, or a whole URL (a Referer), its path redacted."""
    parts = urlsplit(address)
    path = redact_path(parts.path, routes)
    return address if path == parts.path else urlunsplit(parts._replace(path=path))


class AccessLogger(Logger):
    """gunicorn's logger whose access log atoms carry no secret of an address: the request
    line (%(r)s), the path (%(U)s), the Referer (%(f)s) and their {…}e / {…}i forms."""

    ADDRESSES = ("U", "f", "{path_info}e", "{raw_uri}e", "{http_referer}e", "{referer}i")

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        routes = secret_routes()
        for name in self.ADDRESSES:
            if isinstance(atoms.get(name), str):
                atoms[name] = redact_address(atoms[name], routes)
        method, _, rest = atoms["r"].partition(" ")
        address, _, protocol = rest.rpartition(" ")
        redacted = redact_address(address, routes)
        if redacted != address:
            atoms["r"] = f"{method} {redacted} {protocol}"
        return atoms
