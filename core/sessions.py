"""The session store: Django's database sessions, once more on a new connection when the
database connection was lost under them (SESSION_ENGINE = "core.sessions").

The session is read before the view and saved after it, outside the view's transaction; a
connection terminated at that moment (a failover, pg_terminate_backend) would turn a request
whose work is done and committed into a 500. Reading, checking a key and saving a session
are each safe to run again, so each is, once, when the error says the session with the
database ended (core.middleware.connection_lost) and no transaction is open.
"""

from __future__ import annotations

import functools

from django.contrib.sessions.backends.db import SessionStore as DatabaseStore
from django.db import OperationalError, connection

from core.middleware import connection_lost


def _once_more(method):
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except OperationalError as error:
            if connection.in_atomic_block or not connection_lost(error):
                raise
            connection.close()
            return method(self, *args, **kwargs)

    return wrapper


class SessionStore(DatabaseStore):
    load = _once_more(DatabaseStore.load)
    exists = _once_more(DatabaseStore.exists)
    save = _once_more(DatabaseStore.save)
    delete = _once_more(DatabaseStore.delete)
