"""The server's access logs keep no query string and no Referer for the journal's pages and
the account pages (issue 14), whatever a page puts after « ? » (a search, the sign-in code of
the mail's link): the nginx site of deploy/ is run here and asked
for a journal address carrying initials, and gunicorn's access log format is read from
deploy/systemd/leviers.service as gunicorn reads its arguments. The site sends a
Referrer-Policy of same-origin or stricter."""

import contextlib
import http.client
import re
import shlex
import shutil
import socket
import ssl
import subprocess
import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.urls import reverse

from leviers.core.tests.test_access_log import SECRET, secret_examples
from leviers.core.tests.test_deploy_nginx import (
    CERTIFICATES,
    MAIN,
    SITE,
    STATIC_ROOT,
    nginx_binary,
)

SERVICE = SITE.parents[1] / "systemd" / "leviers.service"
HOST = "leviers.example.org"
TYPED = "Zo%C3%A9+Q"  # « Zoé Q », as a browser would send it
ADDRESS = "/aller-vers/equipe12345/?q=" + TYPED
REFERER = f"https://{HOST}/aller-vers/equipe12345/personnes/?recherche={TYPED}"
WITNESS = "/projets/?q=temoin"  # elsewhere, the query is logged: the log is read
CODE = "SECRET-CODE-42"
SIGN_IN = "/compte/connexion/code/confirmer/?code=" + CODE  # the link of the sign-in mail


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _Answer(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (http.server's name)
        self.send_response(200)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


def _site_on_ports(folder: Path, https: int, http_port: int, app: int) -> str:
    """The shipped site, on loopback ports of this test, its files in `folder`."""
    site = SITE.read_text()
    assert CERTIFICATES in site and STATIC_ROOT in site
    site = site.replace(CERTIFICATES, str(folder)).replace(STATIC_ROOT, f"{folder}/static/")
    site = site.replace("/var/log/nginx/", f"{folder}/")
    site = re.sub(r"^\s*listen \[::\]:.*\n", "", site, flags=re.M)
    site = re.sub(r"listen 443\b", f"listen 127.0.0.1:{https}", site)
    site = re.sub(r"listen 80\b", f"listen 127.0.0.1:{http_port}", site)
    return site.replace("server 127.0.0.1:8000", f"server 127.0.0.1:{app}")


def _wait_for(server: subprocess.Popen, port: int, folder: Path) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and server.poll() is None:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise AssertionError((folder / "error.log").read_text() if server.poll() else "délai")


def _get(connection, path: str, referer: str = REFERER) -> int:
    connection.request("GET", path, headers={"Host": HOST, "Referer": referer})
    response = connection.getresponse()
    response.read()
    return response.status


@pytest.fixture(scope="module")
def certificate(tmp_path_factory) -> Path:
    """A folder holding a self-signed certificate for HOST and its key, made once for the
    module (an RSA key takes some 0.4 s to make). Skips where nginx is absent."""
    nginx_binary()
    folder = tmp_path_factory.mktemp("certificat")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", f"/CN={HOST}",
         "-keyout", folder / "privkey.pem", "-out", folder / "fullchain.pem"],
        check=True, capture_output=True,
    )  # fmt: skip
    return folder


@contextlib.contextmanager
def _shipped_site(folder: Path, certificate: Path, app_up: bool = True):
    """The shipped site run by nginx on loopback ports, before an app that answers 200 to all
    (or, `app_up` false, before a port where nothing listens): yields (HTTPS port, HTTP port);
    its access log is `folder`/access.log, its error log `folder`/error.log; its certificate
    is copied from `certificate`."""
    nginx = nginx_binary()
    for name in ("privkey.pem", "fullchain.pem"):
        shutil.copy(certificate / name, folder / name)
    (folder / "static").mkdir()
    https, http_port = _free_port(), _free_port()
    app = ThreadingHTTPServer(("127.0.0.1", 0), _Answer)
    # shutdown() waits for the loop to look at its flag: every 20 ms, not every 0.5 s.
    threading.Thread(target=app.serve_forever, args=(0.02,), daemon=True).start()
    upstream = app.server_address[1] if app_up else _free_port()
    (folder / "leviers.conf").write_text(_site_on_ports(folder, https, http_port, upstream))
    (folder / "nginx.conf").write_text(MAIN.format(folder=folder))
    server = subprocess.Popen(
        [nginx, "-p", str(folder), "-c", str(folder / "nginx.conf"), "-g", "daemon off;"],
        stderr=subprocess.DEVNULL,  # its errors: error.log, read if it stops
    )
    try:
        _wait_for(server, https, folder)
        _wait_for(server, http_port, folder)
        yield https, http_port
    finally:
        server.terminate()
        server.wait(10)
        app.shutdown()
        app.server_close()


def _secure(port: int) -> http.client.HTTPSConnection:
    return http.client.HTTPSConnection(
        "127.0.0.1", port, context=ssl._create_unverified_context(), timeout=10
    )


def test_nginx_logs_the_journals_and_accounts_addresses_without_query_or_referer(
    tmp_path, certificate
):
    # The prefixes of the site's `map $uri $leviers_sans_requete`.
    assert reverse("outreach:home") == "/aller-vers/"
    assert SIGN_IN.startswith(reverse("account_confirm_login_code") + "?code=")
    with _shipped_site(tmp_path, certificate) as (https, http_port):
        secure = _secure(https)
        assert _get(secure, ADDRESS) == 200
        assert _get(secure, SIGN_IN) == 200
        assert _get(secure, WITNESS) == 200
        secure.close()
        plain = http.client.HTTPConnection("127.0.0.1", http_port, timeout=10)
        assert _get(plain, ADDRESS) == 301  # to HTTPS: logged the same way
        assert _get(plain, SIGN_IN) == 301
        plain.close()
    journal, accounts, elsewhere = [], [], []
    for line in (tmp_path / "access.log").read_text().splitlines():
        if '"GET /aller-vers/' in line:
            journal.append(line)
        else:
            (accounts if '"GET /compte/' in line else elsewhere).append(line)
    # One line per request: never in both formats.
    assert (len(journal), len(accounts), len(elsewhere)) == (2, 2, 1)
    for line in journal:
        assert '"GET /aller-vers/equipe12345/ HTTP/1.1"' in line and HOST not in line
    for line in accounts:
        assert '"GET /compte/connexion/code/confirmer/ HTTP/1.1"' in line and HOST not in line
    # Elsewhere the query is logged (the log is read), the Referer without its own.
    assert '"GET /projets/?q=temoin HTTP/1.1"' in elsewhere[0]
    assert f'"https://{HOST}/aller-vers/equipe12345/personnes/"' in elsewhere[0]
    everything = journal + accounts + elsewhere
    assert not [line for line in everything if "Zo" in line or "recherche" in line]
    assert not [line for line in everything if CODE in line or "code=" in line]


def test_nginx_logs_no_secret_of_an_address_in_its_path_or_referer(tmp_path, certificate):
    """One example of each URL pattern whose kwargs hold a secret (walked in
    core/tests/test_access_log.py), requested and sent as Referer: the log keeps its path with
    « [secret] » from the first secret to the last, never the secret."""
    examples = [path for path, _ in secret_examples()]
    signed = ".eJxTeSt:1uAbCd:SeCrEt-_9"  # a signed token (clubs/newsletter.py): « . », « : »
    examples.append(reverse("clubs:unsubscribe", args=[signed]))
    examples.append(examples[0].rstrip("/"))  # Django adds the final « / » by a redirection
    shared = f"{reverse('workspace:new')}?feuille={SECRET}"  # « En faire un projet »
    with _shipped_site(tmp_path, certificate) as (https, http_port):
        secure = _secure(https)
        for path in examples:
            assert _get(secure, path) == 200
            assert _get(secure, WITNESS, referer=f"https://{HOST}{path}?a=b") == 200
        assert _get(secure, shared) == 200
        secure.close()
        plain = http.client.HTTPConnection("127.0.0.1", http_port, timeout=10)
        for path in examples:
            assert _get(plain, path) == 301
        plain.close()
    lines = (tmp_path / "access.log").read_text().splitlines()
    assert len(lines) == 3 * len(examples) + 1  # one line per request
    assert [line for line in lines if '"GET /projets/nouveau/ HTTP/1.1" 200 2 "-"' in line]
    assert not [line for line in lines if SECRET in line]
    forms = [
        re.sub(rf"{SECRET}.*{SECRET}[-_\w]*|{SECRET}[-_\w]*", "[secret]", path).replace(
            ".eJxTeSt:1uAbCd:[secret]", "[secret]"
        )
        for path in examples
    ]
    for logged in forms:
        assert "[secret]" in logged
        requested = [line for line in lines if f'"GET {logged} HTTP/1.1"' in line]
        assert len(requested) == 2 * forms.count(logged), (logged, lines)
        referer = f'"GET {WITNESS} HTTP/1.1" 200 2 "https://{HOST}{logged}"'
        assert [line for line in lines if referer in line], (referer, lines)


def _exec_start() -> list[str]:
    """ExecStart of the unit as systemd reads it: lines joined, « %% » one « % », quotes."""
    unit = SERVICE.read_text().replace("\\\n", " ")
    line = next(line for line in unit.splitlines() if line.startswith("ExecStart="))
    line = line.removeprefix("ExecStart=")
    assert not re.search(r"%[^%]", line.replace("%%", "")), "un « % » seul : un spécificateur"
    return shlex.split(line.replace("%%", "%"))


def test_gunicorn_logs_the_path_without_query_or_referer():
    from gunicorn.config import Config

    from leviers.core.access_log import AccessLogger

    argv = _exec_start()
    assert argv[0].endswith("/gunicorn")
    config = Config()
    for name, value in vars(config.parser().parse_args(argv[1:])).items():
        if value is not None and name in config.settings:
            config.set(name, value)
    assert config.accesslog == "-"
    assert config.logger_class is AccessLogger  # no secret of an address (core/access_log.py)
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": ADDRESS,
        "PATH_INFO": "/aller-vers/equipe12345/",
        "QUERY_STRING": ADDRESS.split("?")[1],
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        "HTTP_REFERER": REFERER,
        "HTTP_USER_AGENT": "Firefox",
    }
    response = SimpleNamespace(status="200 OK", sent=2, headers=[])
    logger = config.logger_class(config)
    atoms = logger.atoms(response, SimpleNamespace(headers=[]), environ, timedelta(0))
    line = config.access_log_format % logger.atoms_wrapper_class(atoms)
    assert '"GET /aller-vers/equipe12345/ HTTP/1.1" 200 2' in line
    assert "q=" not in line and "Zo" not in line and "recherche" not in line, line
    assert line.endswith('"-" "Firefox"')
    edit = reverse("journey:roadmap-edit", args=[CODE])
    environ |= {"RAW_URI": edit, "PATH_INFO": edit, "QUERY_STRING": ""}
    atoms = logger.atoms(response, SimpleNamespace(headers=[]), environ, timedelta(0))
    line = config.access_log_format % logger.atoms_wrapper_class(atoms)
    assert '"GET /projets/feuilles-de-route/modifier/[secret]/ HTTP/1.1"' in line, line
    assert CODE not in line


@pytest.mark.django_db
def test_the_site_sends_no_referer_to_other_sites(client, world):
    client.force_login(world.users["intervenant"])
    response = client.get(reverse("outreach:journal", args=[world.team.public_id]))
    assert response.status_code == 200
    assert response["Referrer-Policy"] in ("same-origin", "no-referrer")


def test_nginx_logs_no_secret_of_an_address_written_with_percent_escapes(tmp_path, certificate):
    """An address may reach the server with some of its characters written as « % » escapes
    (a mail client, a copy through another tool): nginx decodes them to choose its location and
    the application gets the same page. The log keeps the decoded path with « [secret] », and a
    Referer with escapes in its path only its site (nginx does not decode a Referer)."""
    path = reverse("journey:roadmap", args=[SECRET])
    assert path.startswith("/projets/")
    escaped = path.replace("/projets/", "/%70rojets/", 1).replace("-de-", "%2Dde-", 1)
    assert escaped != path and SECRET in escaped
    with _shipped_site(tmp_path, certificate) as (https, _http_port):
        secure = _secure(https)
        assert _get(secure, escaped) == 200
        assert _get(secure, WITNESS, referer=f"https://{HOST}{escaped}") == 200
        secure.close()
    lines = (tmp_path / "access.log").read_text().splitlines()
    assert len(lines) == 2
    assert not [line for line in lines if SECRET in line], lines
    masked = path.replace(SECRET, "[secret]")
    assert f'"GET {masked} HTTP/1.1" 200' in lines[0]
    assert f'"GET {WITNESS} HTTP/1.1" 200 2 "https://{HOST}/[secret]"' in lines[1]


def test_nginx_writes_no_address_in_its_error_log_when_the_application_is_down(
    tmp_path, certificate
):
    """With the application down, nginx's error log would write each request line and Referer
    (what was typed about a person, a sign-in code, a roadmap's secret) at the level « error »:
    the site logs only from « crit » up. The access log keeps the 502, as masked as always."""
    secret_path = reverse("journey:roadmap", args=[SECRET])
    with _shipped_site(tmp_path, certificate, app_up=False) as (https, _http_port):
        secure = _secure(https)
        assert _get(secure, ADDRESS) == 502
        assert _get(secure, SIGN_IN) == 502
        assert _get(secure, secret_path, referer=f"https://{HOST}{secret_path}") == 502
        secure.close()
    errors = (tmp_path / "error.log").read_text()
    for private in ("Zo", "recherche", CODE, SECRET, "aller-vers", "confirmer"):
        assert private not in errors, errors
    logged = (tmp_path / "access.log").read_text()
    assert '"GET /aller-vers/equipe12345/ HTTP/1.1" 502' in logged
    assert f'"GET {secret_path.replace(SECRET, "[secret]")} HTTP/1.1" 502' in logged
    assert SECRET not in logged and CODE not in logged
