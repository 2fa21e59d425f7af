import pytest


@pytest.fixture(autouse=True)
def _media_root(tmp_path, settings):
    """Uploaded documents go to a folder of the test, removed with it."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def example(db):
    """The shipped example: the Pays de la Loire club and its Durtal meeting."""
    from leviers.clubs.example import load_example
    from leviers.clubs.models import Club

    load_example()
    return Club.objects.get(slug="pays-de-la-loire")
