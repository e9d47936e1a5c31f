"""A gunicorn for the benchmarks that talk HTTP, on a copy of the prepared database.

`gunicorn(env, workers=N)` starts `gunicorn -c python:fazhi.gunicorn_conf fazhi.wsgi` — the
project's settings (timeout, access log, no Server header), with the bind address, the number
of workers and the graceful timeout overridden — on a free loopback port (gunicorn binds
127.0.0.1:0 and its log says which port it got), waits until every worker has booted and the
server answers, and stops it with SIGTERM (gunicorn's graceful stop), then SIGKILL to its
process group if it has not gone. Its output goes to a log file, removed afterwards unless the
benchmark keeps it as evidence (`keep_log`).

`database_copy(context, label)` gives a benchmark that writes (online applications leave cases,
audit rows and roll-up changes behind, and the audit log refuses DELETE) a copy of the prepared
database: `CREATE DATABASE … TEMPLATE …` on PostgreSQL, SQLite's backup API on SQLite. Django's
default connection in this process points at the copy meanwhile, so the benchmark can check
what the server wrote with the ORM; the copy is dropped afterwards.
"""

from __future__ import annotations

import contextlib
import http.client
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from benchmarks.common import Context

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
SETTINGS = "benchmarks.bench_settings"
_LISTENING = re.compile(r"Listening at: http://127\.0\.0\.1:(\d+)")
_BOOTED = re.compile(r"Booting worker with pid: (\d+)")


class ServerError(RuntimeError):
    """gunicorn did not start or answer; the message ends with the tail of its log."""


@dataclass
class Gunicorn:
    process: subprocess.Popen
    port: int
    log_path: Path
    keep_log: bool = False  # set to keep the log file (evidence of a failure) after the stop

    @property
    def pid(self) -> int:
        return self.process.pid

    def workers(self) -> list[int]:
        """The worker processes now alive (children of the master), by pid."""
        return _children(self.process.pid)

    def kill_worker(self) -> int | None:
        """SIGKILL one worker (the master starts another); its pid, or None if none ran."""
        workers = self.workers()
        if not workers:
            return None
        pid = workers[0]
        os.kill(pid, signal.SIGKILL)
        return pid

    def wait_for_workers(self, count: int, timeout: float = 30.0) -> bool:
        """True once `count` worker processes are alive (the master has replaced the dead)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(self.workers()) >= count:
                return True
            time.sleep(0.1)
        return False

    def log(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")
        except OSError:
            return ""

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log().splitlines()[-lines:])


def _children(pid: int) -> list[int]:
    children = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        # The command name in parentheses may hold spaces; the parent pid follows the state.
        fields = stat.rsplit(")", 1)[-1].split()
        if len(fields) > 1 and fields[0] != "Z" and int(fields[1]) == pid:
            children.append(int(entry))
    return sorted(children)


def request(port: int, method: str, path: str, timeout: float = 5.0) -> int:
    """The status of one request on a fresh connection."""
    connection = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        connection.request(method, path)
        response = connection.getresponse()
        response.read()
        return response.status
    finally:
        connection.close()


@contextlib.contextmanager
def gunicorn(
    env: dict[str, str],
    *,
    workers: int = 2,
    settings: str = SETTINGS,
    ready_path: str = "/portal/",
    start_timeout: float = 60.0,
    graceful_timeout: int = 10,
) -> Iterator[Gunicorn]:
    """A gunicorn with `workers` workers on a free loopback port, in the environment `env`
    (DJANGO_SETTINGS_MODULE set to `settings`), until the block ends."""
    log_file = tempfile.NamedTemporaryFile(
        prefix="fazhi-bench-gunicorn-", suffix=".log", delete=False
    )
    log_path = Path(log_file.name)
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "-c",
        "python:fazhi.gunicorn_conf",
        "--bind",
        f"{HOST}:0",
        "--workers",
        str(workers),
        "--graceful-timeout",
        str(graceful_timeout),
        "fazhi.wsgi:application",
    ]
    if _has_control_socket():
        # gunicorn ≥ 24 opens a control socket at one path per user: a second gunicorn (a
        # deployment's, another benchmark's) must not find it taken.
        command.insert(-1, "--no-control-socket")
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env={**env, "DJANGO_SETTINGS_MODULE": settings, "PYTHONUNBUFFERED": "1"},
        stdin=subprocess.DEVNULL,
        stdout=log_file,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group: stopped by us alone, all of it
    )
    log_file.close()
    server = Gunicorn(process=process, port=0, log_path=log_path)
    try:
        server.port = _wait_listening(server, start_timeout)
        _wait_ready(server, workers, ready_path, start_timeout)
        yield server
    finally:
        _stop(process, graceful_timeout)
        if not server.keep_log:
            log_path.unlink(missing_ok=True)


def _has_control_socket() -> bool:
    try:
        from gunicorn.config import ControlSocketDisable  # noqa: F401
    except ImportError:
        return False
    return True


def _wait_listening(server: Gunicorn, timeout: float) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = _LISTENING.search(server.log())
        if found:
            return int(found.group(1))
        if server.process.poll() is not None:
            break
        time.sleep(0.05)
    raise ServerError(f"gunicorn did not start listening:\n{server.log_tail()}")


def _wait_ready(server: Gunicorn, workers: int, path: str, timeout: float) -> None:
    """Every worker has booted (loaded the application) and a request is answered."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            break
        if len(_BOOTED.findall(server.log())) >= workers:
            try:
                if request(server.port, "GET", path) < 500:
                    return
            except OSError:
                pass
        time.sleep(0.1)
    raise ServerError(f"gunicorn did not answer {path}:\n{server.log_tail()}")


def _stop(process: subprocess.Popen, graceful_timeout: int) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=graceful_timeout + 5)
        except subprocess.TimeoutExpired:
            pass
    # The master is gone (or stuck): nothing of its group may outlive the benchmark.
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=5)


# -- the database the server writes to --------------------------------------------------------


@dataclass
class DatabaseCopy:
    env: dict[str, str]  # the environment for a child process on the copy
    postgresql: bool
    name: str  # the copy's database name (PostgreSQL) or file (SQLite)


@contextlib.contextmanager
def database_copy(context: Context, label: str) -> Iterator[DatabaseCopy]:
    """A copy of the prepared database for the length of the block; Django's default connection
    in this process points at it meanwhile."""
    from django.db import connection

    env = dict(os.environ)
    env.update(context.env())
    original = connection.settings_dict["NAME"]
    connection.close()
    if context.database_url:
        url = urlsplit(context.database_url)
        source = url.path.lstrip("/")
        copy = f"{source}_{label}"[:63]
        admin = urlunsplit(url._replace(path="/postgres"))
        _pg_copy(admin, source, copy)
        env["DATABASE_URL"] = urlunsplit(url._replace(path=f"/{copy}"))
        result = DatabaseCopy(env=env, postgresql=True, name=copy)
    else:
        source_dir = Path(context.data_dir)
        copy_dir = Path(tempfile.mkdtemp(prefix=f"fazhi-{label}-copy-"))
        # The secrets (field keys!) travel with the data, or the copy cannot be read.
        for item in source_dir.iterdir():
            if item.is_file() and not item.name.startswith(Path(original).name):
                shutil.copy2(item, copy_dir / item.name)
        copy = str(copy_dir / Path(original).name)
        with contextlib.closing(sqlite3.connect(original)) as src:
            with contextlib.closing(sqlite3.connect(copy)) as dst:
                src.backup(dst)
        env.pop("DATABASE_URL", None)
        env["FAZHI_DATA_DIR"] = str(copy_dir)
        result = DatabaseCopy(env=env, postgresql=False, name=copy)
    connection.settings_dict["NAME"] = copy
    try:
        yield result
    finally:
        connection.close()
        connection.settings_dict["NAME"] = original
        if result.postgresql:
            _pg_drop(admin, copy)
        else:
            shutil.rmtree(Path(copy).parent, ignore_errors=True)


def _pg_copy(admin_url: str, source: str, copy: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(copy))
        )
        # FILE_COPY (PostgreSQL 15+) copies the files after a checkpoint instead of writing
        # every block to the WAL: much faster for a city- or province-sized database, slower
        # (the checkpoint) for a small one.
        size = admin.execute("SELECT pg_database_size(%s)", [source]).fetchone()[0]
        big = size > 1 << 30 and admin.info.server_version >= 150000
        strategy = " STRATEGY FILE_COPY" if big else ""
        create = sql.SQL("CREATE DATABASE {} TEMPLATE {}" + strategy).format(
            sql.Identifier(copy), sql.Identifier(source)
        )
        # A template must have no other session; the one this process held is closed, a
        # session that is just ending may need a moment.
        for attempt in range(20):
            try:
                admin.execute(create)
                return
            except psycopg.errors.ObjectInUse:
                if attempt == 19:
                    raise
                time.sleep(0.25)


def _pg_drop(admin_url: str, copy: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(copy))
        )


def terminate_backends() -> int:
    """Terminate every other session on the database of Django's default connection (the
    server's connections); how many. PostgreSQL only."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


def database_url_of(connection) -> str:
    """The DATABASE_URL of a Django PostgreSQL connection (e.g. a scratch database)."""
    s = connection.settings_dict
    auth = s["USER"] or ""
    if s.get("PASSWORD"):
        auth += f":{s['PASSWORD']}"
    host = s["HOST"] or "localhost"
    port = f":{s['PORT']}" if s.get("PORT") else ""
    return f"postgres://{auth}@{host}{port}/{s['NAME']}"
