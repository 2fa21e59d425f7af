import pytest


@pytest.fixture
def training(db):
    """The real training content shipped in leviers/training/content (after the catalogue,
    loaded once per session); rolled back with the test."""
    from leviers.training.content import load_training

    load_training()
