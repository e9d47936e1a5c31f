"""Large Excel imports run as a background task, not in the request (issue 10).

The view stores the upload and creates an ImportJob; after the transaction commits, a task is
queued on Django's task framework (django-tasks, its database backend: the queue is a table,
so it works on SQLite and PostgreSQL alike). The task calls the line's import function — the
same all-or-nothing function the small imports call in the request — with a progress callback
that writes the rows checked so far on the job, which the job's page polls.

Who runs the task (FAZHI_TASK_WORKER):
- "inprocess" (the embedded default): the process that queued it starts a thread that works
  through the queue and ends when it is empty, so a laptop needs no second process;
- "external": `fazhi db_worker` runs as its own service (docs/operators/deploy.md) and the web
  processes only queue.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.utils import timezone
from django_tasks import task

from core.models import ImportJob

logger = logging.getLogger(__name__)

PROGRESS_EVERY_SECONDS = 0.5


def job_dir() -> Path:
    path = Path(settings.DATA_DIR) / "imports"
    path.mkdir(parents=True, exist_ok=True)
    return path


def is_large(rows: int | None) -> bool:
    """Run in the background when the sheet has more rows than the setting, or they could not
    be counted."""
    return rows is None or rows > settings.FAZHI_IMPORT_BACKGROUND_ROWS


def start_import(upload, *, importer: str, actor, title: str, done_url: str = "", rows=None):
    """Store the upload, record the job and queue its task once the job is committed."""
    job_id = uuid.uuid4()
    stored = job_dir() / f"{job_id}.xlsx"
    with stored.open("wb") as out:
        upload.seek(0)
        for chunk in upload.chunks() if hasattr(upload, "chunks") else [upload.read()]:
            out.write(chunk)
    job = ImportJob.objects.create(
        id=job_id,
        title=title[:200],
        importer=importer,
        done_url=done_url,
        actor=actor,
        file_name=(getattr(upload, "name", "") or "")[:255],
        stored_file=stored.name,
        total_rows=rows,
    )
    transaction.on_commit(lambda: _queue(job.pk))
    return job


def _queue(job_id) -> None:
    run_import.enqueue(str(job_id))
    if settings.FAZHI_TASK_WORKER == "inprocess":
        start_inprocess_worker()


@task()
def run_import(job_id: str) -> int:
    """Check and write one stored upload; returns the rows written."""
    from django.utils.module_loading import import_string

    job = ImportJob.objects.select_related("actor").get(pk=job_id)
    if job.finished:
        return job.written
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.RUNNING)
    path = job_dir() / job.stored_file
    last = [0.0]

    def progress(checked: int, phase: str = ImportJob.Phase.CHECKING) -> None:
        now = time.monotonic()
        if phase == ImportJob.Phase.CHECKING and now - last[0] < PROGRESS_EVERY_SECONDS:
            return
        last[0] = now
        ImportJob.objects.filter(pk=job.pk).update(rows_checked=checked, phase=phase)

    try:
        importer = import_string(job.importer)
        with path.open("rb") as fileobj:
            result = importer(fileobj, actor=job.actor, progress=progress)
    except Exception:
        logger.exception("import job %s failed", job.pk)
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportJob.Status.FAILED, finished_at=timezone.now()
        )
        raise
    finally:
        path.unlink(missing_ok=True)
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJob.Status.DONE,
        rows_checked=result.rows,
        written=result.written,
        errors=[{"row": e.row, "column": e.column, "reason": e.reason} for e in result.errors],
        more_errors=result.more_errors,
        finished_at=timezone.now(),
    )
    return result.written


_worker_lock = threading.Lock()
_worker_thread: threading.Thread | None = None


def start_inprocess_worker() -> None:
    """Work through the queue in a thread of this process until it is empty (the embedded
    default); a second call while one runs does nothing — the running one picks up the task."""
    global _worker_thread
    with _worker_lock:
        if _worker_thread is not None and _worker_thread.is_alive():
            return
        _worker_thread = threading.Thread(target=_drain, name="fazhi-tasks", daemon=True)
        _worker_thread.start()


def _drain() -> None:
    # The worker of `fazhi db_worker`, without its signal handlers (a thread may not set them).
    from django.utils.crypto import get_random_string
    from django_tasks_db.management.commands.db_worker import Worker

    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=f"inprocess-{get_random_string(20)}",
        excluded_queue_names=[],
    )
    try:
        close_old_connections()
        worker.run()
    except Exception:
        logger.exception("the in-process task worker stopped")
    finally:
        connection.close()
