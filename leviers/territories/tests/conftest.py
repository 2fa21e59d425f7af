import pytest


@pytest.fixture(autouse=True)
def _fresh_aggregates():
    from leviers.territories.diagnosis import reset_aggregates

    reset_aggregates()
    yield
    reset_aggregates()
