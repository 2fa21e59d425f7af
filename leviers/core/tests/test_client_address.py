from django.test import RequestFactory, override_settings

from leviers.core.http import client_address


def _request(remote, forwarded=None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


def test_forwarded_header_is_ignored_without_a_trusted_proxy():
    assert client_address(_request("203.0.113.7", "198.51.100.1")) == "203.0.113.7"


@override_settings(TRUSTED_PROXIES=["127.0.0.1"])
def test_client_behind_a_trusted_proxy_is_the_address_it_appended():
    request = _request("127.0.0.1", "6.6.6.6, 198.51.100.1")
    assert client_address(request) == "198.51.100.1"


@override_settings(TRUSTED_PROXIES=["127.0.0.1", "10.0.0.2"])
def test_client_behind_two_trusted_proxies_skips_both():
    assert client_address(_request("127.0.0.1", "198.51.100.1, 10.0.0.2")) == "198.51.100.1"


@override_settings(TRUSTED_PROXIES=["127.0.0.1"])
def test_trusted_proxy_without_header_is_the_client():
    assert client_address(_request("127.0.0.1")) == "127.0.0.1"
