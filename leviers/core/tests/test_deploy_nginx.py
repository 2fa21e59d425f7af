"""deploy/nginx/leviers.conf is accepted by the nginx of this machine (`nginx -t`).

Skipped, with the reason, where nginx or openssl is missing (Debian: apt-get install nginx).
The certificate paths and the static folder are pointed at a temporary folder; the rest of the
file is tested as shipped.
"""

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse

SITE = Path(__file__).resolve().parents[3] / "deploy" / "nginx" / "leviers.conf"
CERTIFICATES = "/etc/letsencrypt/live/leviers.example.org"
STATIC_ROOT = "/srv/leviers/staticfiles/"

MAIN = """
pid {folder}/nginx.pid;
error_log {folder}/error.log;
events {{}}
http {{
    include /etc/nginx/mime.types;
    access_log {folder}/access.log;
    client_body_temp_path {folder}/body;
    proxy_temp_path {folder}/proxy;
    fastcgi_temp_path {folder}/fastcgi;
    uwsgi_temp_path {folder}/uwsgi;
    scgi_temp_path {folder}/scgi;
    include {folder}/leviers.conf;
}}
"""


def nginx_binary() -> str:
    for candidate in (shutil.which("nginx"), "/usr/sbin/nginx"):
        if candidate and Path(candidate).exists():
            return candidate
    pytest.skip("nginx est absent de cette machine (apt-get install nginx) : config non testée.")


def test_shipped_nginx_site_passes_nginx_t(tmp_path):
    nginx = nginx_binary()
    if shutil.which("openssl") is None or not Path("/etc/nginx/mime.types").exists():
        pytest.skip("openssl ou /etc/nginx/mime.types absent : config nginx non testée.")
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=leviers.example.org",
         "-keyout", tmp_path / "privkey.pem", "-out", tmp_path / "fullchain.pem"],
        check=True, capture_output=True,
    )  # fmt: skip
    (tmp_path / "static").mkdir()
    site = SITE.read_text()
    assert CERTIFICATES in site and STATIC_ROOT in site
    site = site.replace(CERTIFICATES, str(tmp_path)).replace(STATIC_ROOT, f"{tmp_path}/static/")
    (tmp_path / "leviers.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(MAIN.format(folder=tmp_path))
    result = subprocess.run(
        [nginx, "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr


def test_only_the_idempotent_creations_are_replayed_on_another_server():
    """nginx passes a POST it has already sent to another app server only where the app makes
    the same request sent twice harmless: the roadmap creation (journey/actions.py) and the
    contribution typed by the team (participation/actions.py)."""
    site = SITE.read_text()
    blocks = re.findall(r"location ([^{]*)\{([^}]*)\}", site)
    replayed = [where.strip() for where, body in blocks if "non_idempotent" in body]
    assert replayed[0] == f"= {reverse('journey:roadmap-new')}"
    assert len(replayed) == 2 and replayed[1].startswith("~ ")
    pattern = replayed[1][2:]  # a PCRE that Python reads the same
    typed = reverse("participation:record", args=["Ab-_12345678"])
    assert re.fullmatch(pattern, typed)
    assert not re.fullmatch(pattern, reverse("participation:contribute", args=["Ab-_12345678"]))
