import itertools

from leviers.core import identifiers


def test_a_public_id_never_begins_with_a_dash(monkeypatch):
    # token_urlsafe begins with « - » once in 64 draws; the command line would read it as an option
    draws = itertools.chain(["-Zk3Qx9aLm2P", "--aB4cD5eF6g"], itertools.repeat("Zk3Qx9aLm2P-"))
    monkeypatch.setattr(identifiers.secrets, "token_urlsafe", lambda nbytes: next(draws))
    assert identifiers.new_public_id() == "Zk3Qx9aLm2P-"


def test_public_ids_are_twelve_url_safe_characters():
    ids = {identifiers.new_public_id() for _ in range(500)}
    assert len(ids) == 500
    assert all(
        len(i) == 12 and not i.startswith("-") and i.replace("-", "").replace("_", "").isalnum()
        for i in ids
    )
