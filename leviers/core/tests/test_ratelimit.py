from django.core.cache import cache
from django.test import RequestFactory, override_settings

from leviers.core.ratelimit import RateLimit


def _request(address="203.0.113.7", **meta):
    return RequestFactory().post("/", REMOTE_ADDR=address, **meta)


def test_a_client_gets_its_limit_then_is_refused():
    limit = RateLimit("essai", limit=3, window=600)
    assert [limit.allow(_request()) for _ in range(4)] == [True, True, True, False]


def test_clients_are_counted_apart():
    limit = RateLimit("essai", limit=1, window=600)
    assert limit.allow(_request("203.0.113.7"))
    assert limit.allow(_request("203.0.113.8"))
    assert not limit.allow(_request("203.0.113.7"))


def test_only_hits_count_when_checking_first():
    limit = RateLimit("essai", limit=1, window=600)
    for _ in range(3):
        assert not limit.exceeded(_request())
    limit.hit(_request())
    assert limit.exceeded(_request())


@override_settings(TRUSTED_PROXIES=["127.0.0.1"])
def test_clients_behind_the_proxy_have_their_own_budget():
    limit = RateLimit("essai", limit=1, window=600)
    first = _request("127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.1")
    second = _request("127.0.0.1", HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert limit.allow(first)
    assert limit.allow(second)
    assert not limit.allow(first)


def test_no_address_is_written_in_the_cache():
    RateLimit("essai", limit=5, window=600).hit(_request("203.0.113.77"))
    keys = list(getattr(cache, "_cache", {}).keys())
    assert keys, "the local-memory cache of the tests holds the count"
    assert not any("203.0.113.77" in str(key) for key in keys)


def test_a_subject_is_counted_whatever_the_address():
    limit = RateLimit("essai", limit=1, window=600)
    assert limit.allow(_request("203.0.113.7"), subject="marie")
    assert not limit.allow(_request("203.0.113.8"), subject="marie")
    assert limit.allow(_request("203.0.113.8"), subject="paul")
    assert limit.allow(_request("203.0.113.8"))
