"""The test suite itself is strict: these tests fail if a setting that makes it so is lost."""

import socket

import pytest
from django.template import Context, Template


def test_an_unknown_template_variable_fails_the_test():
    with pytest.raises(pytest.fail.Exception, match="Undefined template variable 'typo'"):
        Template("{{ typo }}").render(Context({}))


def test_if_on_a_missing_variable_is_still_allowed():
    assert Template("{% if absent %}oui{% else %}non{% endif %}").render(Context({})) == "non"


def test_a_connection_outside_the_machine_is_refused():
    from pytest_socket import SocketConnectBlockedError

    # pytest-socket warns, then refuses; the suite turns warnings into errors anyway.
    with pytest.warns(UserWarning, match="192.0.2.1"), pytest.raises(SocketConnectBlockedError):
        socket.create_connection(("192.0.2.1", 80), timeout=1)  # TEST-NET-1, never routed


def test_a_connection_on_loopback_goes_through():
    with socket.create_server(("127.0.0.1", 0)) as server:
        client = socket.create_connection(server.getsockname(), timeout=1)
        client.close()


def test_passwords_use_the_fast_hasher_in_tests(db):
    from leviers.testing.factories import UserFactory

    assert UserFactory().password.startswith("md5$")
