"""The API against its OpenAPI document, by Schemathesis: every operation called with values
generated from the document (valid ones and invalid ones), on the test database (the real
referential and catalogue); every answer checked: no server error, a documented status and
content type, a body that fits the schema of its status... (Schemathesis' default checks).

Bounded: 50 generated examples per operation (besides Schemathesis' own examples and boundary
values), about ten seconds for the 13 operations. A run with 800 found nothing more.

In process (the WSGI application, no socket): offline, as every test.
"""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

pytestmark = [pytest.mark.django_db, pytest.mark.contract]

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@pytest.fixture(autouse=True)
def _connection_kept_open():
    """The test's transaction survives each request, as with Django's test client: the WSGI
    handler would close the connection at the end of each (on PostgreSQL, the test's data and
    its transaction with it)."""
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (signals.request_started, signals.request_finished):
        signal.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=50,
    deadline=None,
    database=None,  # no example database: each run starts afresh, as in CI
    suppress_health_check=list(HealthCheck),
)
def test_api_answers_as_its_openapi_document_says(case):
    excluded = []
    if case.operation.path == "/match" and not {"commune", "epci"} & set(case.query or {}):
        # "A commune or an EPCI (400 otherwise)": said in the operation's description, since
        # OpenAPI cannot require one of two parameters; every other answer is checked.
        excluded.append(positive_data_acceptance)
    case.call_and_validate(excluded_checks=excluded)
