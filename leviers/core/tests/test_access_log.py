"""No secret of an address in gunicorn's access log (core/access_log.py): the pure redaction,
every URL pattern of the project whose kwargs hold a secret, and the logger's atoms on a
request parsed and turned into an environ by gunicorn itself."""

import re
from datetime import timedelta

from django.urls import URLResolver, get_resolver, reverse
from gunicorn.config import Config
from gunicorn.http import wsgi
from gunicorn.http.parser import RequestParser

from leviers.core.access_log import (
    MARK,
    SECRET_NAME,
    AccessLogger,
    redact_address,
    redact_path,
    secret_routes,
)

SECRET = "SeCrEt"  # each example's secrets: SeCrEt0, SeCrEt1...
ROUTES = (
    re.compile(r"/feuilles/(?P<token>[^/]+)/"),
    re.compile(r"/feuilles/modifier/(?P<token>[^/]+)/"),
    re.compile(r"/agenda/(?P<token>[^/]+)\.ics"),
    re.compile(r"/cle/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/"),
    re.compile(r"/communes/(?P<code>[^/]+)/acteurs/(?P<key>[^/]+)/completer/"),
)
# A gunicorn --access-logformat with every atom that can carry an address.
EVERY_ADDRESS = (
    '"%(r)s" %(U)s "%(f)s" %({referer}i)s %({raw_uri}e)s %({path_info}e)s '
    '%({http_referer}e)s "%(a)s"'
)


def secret_examples() -> list[tuple[str, str]]:
    """(path, the same path with MARK for each secret), for every URL pattern of the project
    that has a kwarg named like a secret, found by walking the URLconf here."""
    examples = []

    def walk(patterns, namespaces, groups):
        for pattern in patterns:
            names = [*groups, *pattern.pattern.regex.groupindex]
            if isinstance(pattern, URLResolver):
                inner = [*namespaces, pattern.namespace] if pattern.namespace else namespaces
                walk(pattern.url_patterns, inner, names)
            elif any(SECRET_NAME.fullmatch(name) for name in names):
                values = {
                    name: f"{SECRET}{i}" if SECRET_NAME.fullmatch(name) else f"x{i}"
                    for i, name in enumerate(names)
                }
                path = reverse(":".join([*namespaces, pattern.name]), kwargs=values)
                redacted = re.sub(SECRET + r"\d", MARK, path)
                examples.append((path, redacted))

    walk(get_resolver().url_patterns, [], [])
    return examples


def test_the_secret_of_each_path_is_replaced_and_the_rest_kept():
    assert redact_path("/feuilles/AbC-12_x/", ROUTES) == f"/feuilles/{MARK}/"
    assert redact_path("/feuilles/AbC/pdf/", ROUTES) == f"/feuilles/{MARK}/pdf/"
    assert redact_path("/agenda/AbC.ics", ROUTES) == f"/agenda/{MARK}.ics"
    assert redact_path("/cle/4f-abc-123/", ROUTES) == f"/cle/{MARK}-{MARK}/"
    assert (
        redact_path("/communes/12345/acteurs/K3y/completer/", ROUTES)
        == f"/communes/12345/acteurs/{MARK}/completer/"
    )


def test_the_longest_matching_route_names_the_secret():
    # « modifier » would be the token of the shorter route.
    assert redact_path("/feuilles/modifier/AbC/", ROUTES) == f"/feuilles/modifier/{MARK}/"


def test_a_path_without_its_final_slash_keeps_no_secret():
    assert redact_path("/feuilles/AbC", ROUTES) == f"/feuilles/{MARK}"
    assert redact_path("/cle/4f-abc", ROUTES) == f"/cle/{MARK}-{MARK}"


def test_other_paths_are_kept_as_they_are():
    for path in ("/", "/feuilles/", "/agenda/", "/communes/12345/acteurs/ajouter/", "-"):
        assert redact_path(path, ROUTES) == path
    assert redact_address("/projets/?q=a%20b", ROUTES) == "/projets/?q=a%20b"


def test_an_address_with_its_query_or_host_has_only_its_path_redacted():
    assert redact_address("/feuilles/AbC/?a=b", ROUTES) == f"/feuilles/{MARK}/?a=b"
    assert (
        redact_address("https://leviers.example.org/feuilles/AbC/", ROUTES)
        == f"https://leviers.example.org/feuilles/{MARK}/"
    )


def test_every_url_pattern_with_a_secret_kwarg_is_redacted():
    examples = secret_examples()
    names = {get_resolver().resolve(path).view_name for path, _ in examples}
    assert names >= {
        "journey:roadmap",
        "journey:roadmap-edit",
        "meetings:team_feed_ics",
        "rotas:feed",
        "clubs:unsubscribe",
        "accounts:invitation",
        "account_reset_password_from_key",
        "observatory:contribute",
    }
    for path, redacted in examples:
        assert SECRET in path and SECRET not in redacted
        assert redact_path(path, secret_routes()) == redacted


def test_the_gunicorn_logger_writes_no_secret():
    path = reverse("journey:roadmap-edit", args=["SeCrEt0"]) + "ajouter/"
    referer = "https://leviers.example.org" + reverse("journey:roadmap", args=["SeCrEt1"])
    config = Config()
    config.set("logger_class", "leviers.core.access_log.AccessLogger")
    assert config.logger_class is AccessLogger
    request = (
        f"GET {path}?x=1 HTTP/1.1\r\nHost: leviers.example.org\r\n"
        f"Referer: {referer}\r\nUser-Agent: Firefox\r\n\r\n"
    )
    req = next(iter(RequestParser(config, iter([request.encode()]), ("127.0.0.1", 5000))))
    resp, environ = wsgi.create(req, None, ("127.0.0.1", 5000), ("127.0.0.1", 8000), config)
    resp.status, resp.sent = "200 OK", 2
    logger = config.logger_class(config)
    atoms = logger.atoms(resp, req, environ, timedelta(0))
    line = EVERY_ADDRESS % logger.atoms_wrapper_class(atoms)
    redacted = path.replace("SeCrEt0", MARK)
    assert line == (
        f'"GET {redacted}?x=1 HTTP/1.1" {redacted} '
        f'"https://leviers.example.org/projets/feuilles-de-route/{MARK}/" '
        f"https://leviers.example.org/projets/feuilles-de-route/{MARK}/ "
        f"{redacted}?x=1 {redacted} "
        f'https://leviers.example.org/projets/feuilles-de-route/{MARK}/ "Firefox"'
    )
