import pytest

from leviers.api.openapi import EXAMPLE_PROJECT


@pytest.fixture(autouse=True)
def example_project(db):
    """The public project the OpenAPI document's examples name, with a weekly public meeting
    and a team-only one (which the API never shows)."""
    from leviers.testing.factories import MeetingFactory, ProjectFactory

    project = ProjectFactory(public_id=EXAMPLE_PROJECT)
    MeetingFactory(project=project)
    MeetingFactory(project=project, is_public=False, title="Réunion d'équipe")
    return project
