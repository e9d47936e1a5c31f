"""A bounded fuzz run of the whole API from its own OpenAPI document (issue #10): every operation,
as a logged-in clerk and anonymously, with schemathesis-generated input. It fails on any 5xx and
on any response that does not match the documented schema."""

import json

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance


def _raw_schema() -> dict:
    from drf_spectacular.generators import SchemaGenerator
    from drf_spectacular.renderers import OpenApiJsonRenderer

    generated = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(OpenApiJsonRenderer().render(generated, renderer_context={}))


schema = schemathesis.openapi.from_dict(_raw_schema())
schema.app = get_wsgi_application()

CHECKS = [not_a_server_error, response_schema_conformance]
FUZZ = settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    # The WSGI handler closes database connections at the end of each request, which would
    # close the test's transaction; Django's own test client disconnects this handler too.
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def token(world):
    return Token.objects.create(user=world.clerk_haizhu).key


@pytest.mark.django_db
@schema.parametrize()
@FUZZ
def test_no_operation_answers_5xx_or_off_schema_logged_in(case, token):
    case.call_and_validate(headers={"Authorization": f"Token {token}"}, checks=CHECKS)


@pytest.mark.django_db
@schema.parametrize()
@FUZZ
def test_no_operation_answers_5xx_or_off_schema_anonymously(case, world):
    case.call_and_validate(checks=CHECKS)
