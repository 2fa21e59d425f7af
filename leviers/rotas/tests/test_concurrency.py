"""Two people taking the last place of a slot at the same moment, on two connections.

On PostgreSQL: two threads, each with its own connection, start together; the conditional
UPDATE (`taken < capacity`) of the second waits for the first to commit, then finds the slot
full. SQLite writes one transaction at a time (the database is locked), so the race cannot
happen there; the conditional UPDATE is the same code, tested in test_actions.
"""

import threading

import pytest
from django.db import connection, connections

from leviers.rotas import actions
from leviers.rotas.models import SignUp, Slot, Volunteer
from leviers.testing.factories import OrganisationFactory, make_rota, make_series

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite sérialise les écritures : la course ne se produit que sur PostgreSQL",
)


@pytest.fixture
def committed(django_db_blocker):
    """Threads see only committed rows: the test commits (transactional_db), and the flush
    that follows empties the referential and the catalogue, loaded again here for the tests
    after this one. Ask for it before `transactional_db`: its teardown then runs last."""
    yield
    from leviers.catalogue.content import load_content
    from leviers.territories.importers.decoupage import import_referential

    with django_db_blocker.unblock():
        import_referential(progress=False)
        load_content()


def _race(*calls):
    barrier = threading.Barrier(len(calls))
    outcomes = []

    def run(call):
        try:
            barrier.wait()
            call()
            outcomes.append("ok")
        except actions.Refused as refused:
            outcomes.append(str(refused))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_two_people_take_the_last_place_at_once_one_gets_it(committed, transactional_db):
    for _ in range(5):  # a few rounds: the threads do meet in the UPDATE
        rota = make_rota(capacity=1)
        slot = rota.slots.first()
        people = [Volunteer.objects.create(project=rota.project, name=n) for n in ("Anne", "Paul")]
        outcomes = _race(*[lambda v=v, s=slot: actions.sign_up(s, v) for v in people])
        assert sorted(outcomes)[0].startswith("Ce créneau est complet")
        assert outcomes.count("ok") == 1
        assert Slot.objects.get(pk=slot.pk).taken == 1
        assert SignUp.objects.filter(slot=slot).count() == 1


def test_two_associations_take_the_same_evening_at_once_one_gets_it(committed, transactional_db):
    slot = make_series().slots.first()
    clubs = [OrganisationFactory(), OrganisationFactory()]
    outcomes = _race(*[lambda c=c: actions.slot_take(slot, c) for c in clubs])
    assert outcomes.count("") == 0 and outcomes.count("ok") == 1
    assert any("vient d'être pris" in o for o in outcomes)
    assert Slot.objects.get(pk=slot.pk).organisation in clubs
