"""activity.record: what other apps call when something happens in a project."""

import pytest

from leviers.testing.factories import ProjectFactory, UserFactory
from leviers.workspace import activity
from leviers.workspace.models import Activity

pytestmark = pytest.mark.django_db


def test_record_writes_the_activity_of_the_project_with_its_actor():
    project, user = ProjectFactory(), UserFactory()
    recorded = activity.record(project, "meeting", "Réunion samedi", "/projets/x/", actor=user)
    assert Activity.objects.get() == recorded
    assert (recorded.project, recorded.kind, recorded.actor) == (project, "meeting", user)


def test_record_refuses_an_unknown_kind():
    with pytest.raises(ValueError, match="inconnue"):
        activity.record(ProjectFactory(), "reunion", "Réunion samedi", "/projets/x/")
    assert not Activity.objects.exists()


@pytest.mark.parametrize("url", ["https://example.org/", "//example.org/", "projets/x/"])
def test_record_refuses_a_url_that_is_not_a_path_of_the_site(url):
    with pytest.raises(ValueError, match="chemin"):
        activity.record(ProjectFactory(), "decision", "Décision", url)


def test_record_shortens_a_long_text_to_one_line():
    recorded = activity.record(ProjectFactory(), "project", "Un\n" + "mot " * 200, "/projets/x/")
    assert len(recorded.text) == 300 and recorded.text.endswith("…")
    assert "\n" not in recorded.text
