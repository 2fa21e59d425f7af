"""End-to-end tests of a project's public page and contribution form in Debian's Chromium:
accessibility (axe-core) on a desktop and on a phone, and a contribution sent without account.

The kit (server, browser, fixtures) is leviers/testing/browser.py.
"""

import sqlite3
import time
from contextlib import closing

import pytest

from leviers.participation.forms import MIN_SECONDS
from leviers.participation.models import Contribution
from leviers.testing.browser import (
    PHONE_OPTIONS,
    assert_fits,
    axe_violations,
    format_violations,
    leviers_server,
    visit,
    wider_than_the_screen,
)
from leviers.testing.database import SITE_DATABASE

pytestmark = pytest.mark.browser

PUBLIC_ID = "essai-projet"  # 12 characters, like every public id
PROJECT = f"/projets/{PUBLIC_ID}/"
SETUP = f"""
import datetime
from leviers.accounts.models import Organisation
from leviers.participation.models import Contribution
from leviers.territories.models import Commune
from leviers.workspace.models import Project
commune = Commune.objects.get(code="53180")
organisation = Organisation.objects.create(
    name="Commune de Pommerieux", kind="commune", commune=commune)
project = Project.objects.create(public_id="{PUBLIC_ID}", title="Une guinguette au bord de l'étang",
    description="Un lieu de convivialité.", organisation=organisation, commune=commune,
    anonymous_contributions=True)
Contribution.objects.create(project=project, kind="idee", text="Des concerts le vendredi.",
    channel="porte-a-porte", collector="Jeanne Martin", place="Hameau de la Cour",
    collected_on=datetime.date(2025, 3, 3))
"""


@pytest.fixture(scope="module")
def participation_folder(tmp_path_factory):
    return tmp_path_factory.mktemp("leviers-participation")


@pytest.fixture(scope="module")
def participation_url(browser_site, participation_folder):
    with leviers_server(participation_folder, browser_site, ("shell", "-c", SETUP)) as url:
        yield url


def contributions_recorded(folder, text: str) -> int:
    """How many contributions of `text` the server wrote in its own database: a robot gets the
    same thanks page as a person, only the database tells them apart."""
    database = f"file:{folder / SITE_DATABASE}?mode=ro"
    with closing(sqlite3.connect(database, uri=True)) as connection:
        return connection.execute(
            f"SELECT COUNT(*) FROM {Contribution._meta.db_table} WHERE text = ?", (text,)
        ).fetchone()[0]


@pytest.fixture
def desktop(tabs, participation_url, blocked):
    with tabs.open(participation_url, blocked) as page:
        yield page
    assert blocked == [], f"requêtes vers un site tiers : {blocked}"


@pytest.fixture
def mobile(tabs, participation_url, blocked):
    with tabs.open(participation_url, blocked, **PHONE_OPTIONS) as page:
        yield page
    assert blocked == [], f"requêtes vers un site tiers : {blocked}"


@pytest.mark.parametrize("path", [PROJECT, PROJECT + "contribuer/", PROJECT + "contributions/"])
def test_participation_pages_pass_axe(desktop, path):
    visit(desktop, path)
    violations = axe_violations(desktop)
    assert not violations, format_violations(path, violations)


def test_public_page_shows_the_collected_contribution_truthfully(desktop):
    visit(desktop, PROJECT)
    text = desktop.locator("main").inner_text()
    assert "recueilli par Jeanne Martin au porte-à-porte, Hameau de la Cour" in text


def test_contribution_form_on_a_phone(mobile, participation_folder):
    visit(mobile, PROJECT + "contribuer/")
    shown = time.monotonic()
    assert not wider_than_the_screen(mobile), wider_than_the_screen(mobile)
    assert_fits(mobile, "le formulaire de contribution")
    violations = axe_violations(mobile)
    assert not violations, format_violations("contribuer (téléphone)", violations)
    mobile.get_by_role("radio", name="Besoin").check()
    idea = "Un abri au car."
    mobile.get_by_label("Votre idée, votre besoin, votre remarque").fill(idea)
    # A person takes more than MIN_SECONDS from the form shown to sent (anti-spam): the checks
    # above count in them, the test waits only for what is left.
    left = MIN_SECONDS + 0.2 - (time.monotonic() - shown)
    mobile.wait_for_timeout(max(0, left) * 1000)
    mobile.get_by_role("button", name="Envoyer ma contribution").click()
    assert "après relecture" in mobile.locator("main").inner_text()
    assert contributions_recorded(participation_folder, idea) == 1
