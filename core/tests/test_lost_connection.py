"""A database connection terminated under a request (core.middleware.LostConnectionMiddleware):
a read, or a view marked retry_safe, runs once more on a new connection instead of answering
500; a write not marked so, or a second loss, goes on to the usual error handling. Issue 11's
load test (benchmarks/load.py) terminates the server's connections and counts the 5xx."""

from __future__ import annotations

from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.urls import reverse

from mediation import online
from mediation.tests.test_online import committees  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _lost_once(real):
    """`real`, but the first call finds its connection terminated."""
    calls = {"n": 0}

    def flaky(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 1:
            connection.close()  # what the server's pg_terminate_backend leaves behind
            raise OperationalError("terminating connection due to administrator command")
        return real(*args, **kwargs)

    return flaky, calls


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite's in-memory test database keeps its connection open through close()",
)
def test_a_read_whose_connection_was_lost_runs_again(client):
    flaky, calls = _lost_once(online.street_choices)
    with mock.patch("mediation.online.street_choices", flaky):
        response = client.get(reverse("mediation:online_apply"))
    assert response.status_code == 200
    assert calls["n"] == 2
    assert "street" in response.context["form"].fields


def test_a_second_loss_is_not_retried_again(client):
    def always(*args, **kwargs):
        connection.close()
        raise OperationalError("terminating connection due to administrator command")

    client.raise_request_exception = True
    with (
        mock.patch("mediation.online.street_choices", always),
        pytest.raises(OperationalError),
    ):
        client.get(reverse("mediation:online_apply"))


def test_a_write_not_marked_safe_is_not_run_again(client, world):
    """The staff's own views are not marked: their POST goes to the error page."""
    from core.middleware import LostConnectionMiddleware

    request = mock.Mock(method="POST", resolver_match=mock.Mock(func=lambda r: None))
    request._fazhi_retried = False
    connection.close()
    middleware = LostConnectionMiddleware(lambda r: None)
    assert middleware.process_exception(request, OperationalError("lost")) is None
    assert online.apply.retry_on_lost_connection  # the portal's form is marked
    # A database that still answers is a real error, not a lost connection: not retried.
    request.method = "GET"
    connection.ensure_connection()
    assert middleware.process_exception(request, OperationalError("deadlock")) is None


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite's in-memory test database keeps its connection open through close()",
)
def test_an_application_whose_connection_was_lost_in_its_transaction_is_filed_once(
    client,
    committees,  # noqa: F811
):
    """The portal's form is retry_safe: its write is one transaction under the form's key."""
    from mediation.models import Dispute
    from mediation.tests.test_online import _form

    real = online.dispute_file_online
    calls = {"n": 0}

    def flaky(data):
        calls["n"] += 1
        dispute = real(data)
        if calls["n"] == 1:  # written, then the connection dies before the commit
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_terminate_backend(pg_backend_pid())")
        return dispute

    with mock.patch("mediation.online.dispute_file_online", flaky):
        response = client.post(reverse("mediation:online_apply"), _form())
    assert response.status_code == 302, response.content[:300]
    assert calls["n"] == 2
    assert Dispute.objects.count() == 1


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite's in-memory test database keeps its connection open through close()",
)
def test_the_session_is_saved_on_a_new_connection_when_the_old_one_was_lost():
    """After the view's work is committed, the session middleware saves the session: a
    connection terminated just then must not turn the request into a 500."""
    from core.sessions import SessionStore, _once_more

    calls = {"n": 0}

    def save_terminated_once(store, must_create=False):
        calls["n"] += 1
        if calls["n"] == 1:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_terminate_backend(pg_backend_pid())")
        return SessionStore.save.__wrapped__(store, must_create)

    session = SessionStore()
    session["portal_filed"] = "ABCDEFGH23"
    _once_more(save_terminated_once)(session)
    assert calls["n"] == 2
    assert SessionStore(session.session_key).load()["portal_filed"] == "ABCDEFGH23"
    # A second loss in a row is not hidden.
    calls["n"] = 0

    def always(store):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(pg_backend_pid())")

    with pytest.raises(OperationalError):
        _once_more(always)(session)
    connection.close()  # the next test starts on a new connection
