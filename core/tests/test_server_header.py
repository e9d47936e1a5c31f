"""The Server header does not name the software (issue 10, "Limits that hold")."""

from __future__ import annotations

import importlib
import io
import urllib.error
import urllib.request
from types import SimpleNamespace

import pytest
from gunicorn.http import wsgi


def _response():
    request = SimpleNamespace(version=(1, 1), method="GET", headers=[], should_close=lambda: False)
    config = SimpleNamespace(is_ssl=False, secure_scheme_headers={}, forwarded_allow_ips=[])
    response = wsgi.Response(request, io.BytesIO(), config)
    response.status = "200 OK"
    response.status_code = 200
    response.response_length = 0
    return response


def test_gunicorn_configuration_takes_out_the_server_header():
    # What gunicorn does on its own: its unwrapped method, since another test in this process
    # may have imported the configuration already (the patch is process-wide).
    own = getattr(wsgi.Response.default_headers, "__wrapped__", wsgi.Response.default_headers)
    before = "".join(own(_response()))
    assert "Server: gunicorn" in before

    importlib.import_module("fazhi.gunicorn_conf")
    after = _response().default_headers()
    assert after[0].startswith("HTTP/1.1 200")
    assert not [line for line in after if line.lower().startswith("server:")]
    assert any(line.startswith("Date:") for line in after)


def test_configuration_is_applied_once():
    module = importlib.import_module("fazhi.gunicorn_conf")
    importlib.reload(module)
    wrapped = wsgi.Response.default_headers
    assert not hasattr(wrapped.__wrapped__, "__wrapped__")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_development_server_of_the_demo_does_not_name_itself(live_server, monkeypatch):
    from django.core.servers import basehttp

    from core.management.commands.demo import anonymous_server

    def server_header():
        try:
            with urllib.request.urlopen(f"{live_server.url}/static/fazhi/fazhi.js") as response:
                return response.headers.get("Server")
        except urllib.error.HTTPError as error:
            return error.headers.get("Server")

    monkeypatch.setattr(basehttp.ServerHandler, "server_software", "WSGIServer/0.2")
    assert server_header() == "WSGIServer/0.2"
    anonymous_server()
    assert server_header() is None
