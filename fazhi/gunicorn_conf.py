"""gunicorn settings for Fazhi: `gunicorn -c python:fazhi.gunicorn_conf fazhi.wsgi`.

Everything here can be overridden on the command line or through GUNICORN_CMD_ARGS; the
values are the ones docs/operators/deploy.md explains.

gunicorn names itself in a `Server` header on every response and has no setting to turn that
off; an attacker learns the software (and looks up its flaws) from it. This file takes the
header out of gunicorn's response, so that neither the application server nor its version is
announced (nginx's own header is handled in its configuration, see deploy.md).

Each worker, once it has loaded the application (`post_worker_init`), warms what the first
request would otherwise wait for: the Chinese word dictionary of the legal Q&A search (jieba,
about a second). This runs only under gunicorn, so tests and `fazhi` commands do not pay it.
"""

from __future__ import annotations

import multiprocessing

from gunicorn.http import wsgi

bind = "127.0.0.1:8000"
workers = multiprocessing.cpu_count() * 2 + 1
timeout = 60
accesslog = "-"


def _without_server_header(default_headers):
    def headers(self):
        return [line for line in default_headers(self) if not line.lower().startswith("server:")]

    headers.__wrapped__ = default_headers
    return headers


if not hasattr(wsgi.Response.default_headers, "__wrapped__"):
    wsgi.Response.default_headers = _without_server_header(wsgi.Response.default_headers)


def post_worker_init(worker):
    """Load the Q&A search's word dictionary before the worker takes requests; a failure is
    logged and the dictionary then loads on the first search, as without this hook."""
    try:
        from legalservice.qa_search import warm_up

        warm_up()
    except Exception:
        worker.log.exception("Could not load the Q&A search's word dictionary in advance")
