"""The workspace in Debian's Chromium, signed in as a project's admin: every page passes
axe-core, fits a phone, and the roadmap → project step works end to end.

The kit (server, browser, fixtures) is leviers/testing/browser.py. This module serves its own
copy of the site, where a `leviers shell` command made the people and the project first."""

from contextlib import contextmanager

import pytest

from leviers.testing.browser import (
    PHONE_OPTIONS,
    assert_fits,
    axe_violations,
    format_violations,
    leviers_server,
    visit,
)

pytestmark = pytest.mark.browser

SETUP = """
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.sessions.backends.db import SessionStore
from django.conf import settings
from pathlib import Path
from leviers.accounts.models import Membership, Organisation
from leviers.territories.models import Commune
from leviers.workspace import activity
from leviers.workspace.models import Project

user = get_user_model().objects.create_user("maire", "maire@mairie.example", first_name="Ana")
commune = Commune.objects.get(code="53180")
mairie = Organisation.objects.create(name="Pommerieux", kind="commune", commune=commune)
Membership.objects.create(user=user, organisation=mairie, role="admin")
project = Project.objects.create(title="Une guinguette", organisation=mairie, commune=commune)
activity.record(project, "meeting", "Réunion publique samedi à 10 h", "/projets/")
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session.create()
Path(settings.VAR_DIR, "browser-session").write_text(session.session_key + " " + project.public_id)
"""


@pytest.fixture(scope="module")
def signed_in(browser_site, tmp_path_factory):
    var_dir = tmp_path_factory.mktemp("leviers-workspace")
    with leviers_server(var_dir, browser_site, ("shell", "-c", SETUP)) as url:
        key, public_id = (var_dir / "browser-session").read_text().split()
        yield url, key, public_id


@contextmanager
def _signed_in_page(tabs, signed_in, blocked, **options):
    url, key, _ = signed_in
    with tabs.open(url, blocked, **options) as page:
        page.context.add_cookies([{"name": "sessionid", "value": key, "url": url}])
        yield page


def _pages(public_id):
    return [
        "/projets/mes-projets/",
        "/projets/mes-notifications/",
        "/projets/nouveau/",
        f"/projets/{public_id}/reglages/",
        f"/projets/{public_id}/etape/",
        f"/projets/{public_id}/partenaires/?q=pomm",
        f"/projets/{public_id}/equipe/",
        f"/projets/{public_id}/activite/",
    ]


def test_every_workspace_page_passes_axe_and_fits_a_phone(tabs, signed_in, blocked):
    reports = []
    for options in ({}, PHONE_OPTIONS):
        with _signed_in_page(tabs, signed_in, blocked, **options) as page:
            for path in _pages(signed_in[2]):
                visit(page, path)
                if options:
                    assert_fits(page, path)
                elif violations := axe_violations(page):
                    reports.append(format_violations(path, violations))
    assert not reports, "\n\n".join(reports)
    assert blocked == []


def test_a_roadmap_becomes_a_project_from_its_page(tabs, signed_in, blocked):
    with _signed_in_page(tabs, signed_in, blocked) as page:
        visit(page, "/projets/recommandations/?commune=53180&besoin=commerce&etape=emergence")
        page.locator("#choisir-levier-cafe-associatif").check()
        with page.expect_navigation():
            page.get_by_role("button", name="Créer la feuille de route").click()
        share = page.locator(".links-box a.long-url").first.get_attribute("href")
        visit(page, share)
        with page.expect_navigation():
            page.get_by_role("link", name="En faire un projet").click()
        page.get_by_label("Titre du projet").fill("Le café du bourg")
        with page.expect_navigation():
            page.get_by_role("button", name="Créer le projet").click()
        assert page.locator("h1").inner_text().startswith("Le café du bourg")
        visit(page, "/projets/mes-projets/")
        assert page.get_by_role("link", name="Le café du bourg", exact=True).count() == 1
    assert blocked == []
