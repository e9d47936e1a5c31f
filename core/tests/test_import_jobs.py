"""Large Excel imports run in the task worker with a progress page (issue 10, "Limits that
hold"): the request stores the file and answers at once; all-or-nothing still holds."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import Workbook

from core import jobs
from core.models import ImportJob
from core.spreadsheets import count_rows
from mediation.models import Dispute
from mediation.tests.test_import import _file, _row


@pytest.fixture
def background(settings):
    settings.FAZHI_IMPORT_BACKGROUND_ROWS = 3
    settings.FAZHI_TASK_WORKER = "external"
    return settings


def _upload(client, rows):
    data = _file(rows)
    data.name = "调解台账.xlsx"
    return client.post(reverse("mediation:dispute_import"), {"file": data})


def _work():
    """What `fazhi db_worker` does with each queued task, without its loop: the loop closes
    "old" connections, and inside a test's transaction that would be the test's own."""
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    worker = Worker(queue_names=["default"], interval=0, batch=True, backend_name="default",
                    startup_delay=False, max_tasks=None, worker_id="test",
                    excluded_queue_names=[])  # fmt: skip
    queued = list(DBTaskResult.objects.ready())
    assert queued, "nothing was queued"
    for result in queued:
        result.claim(worker.worker_id)
        worker.run_task(result)


@pytest.mark.django_db
def test_a_large_file_is_queued_and_the_request_answers_at_once(
    client, world, background, django_capture_on_commit_callbacks
):
    client.force_login(world.mediator_haizhu)
    with django_capture_on_commit_callbacks(execute=True):
        response = _upload(client, [_row() for _ in range(5)])
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response.url == f"/imports/{job.pk}/"
    assert (job.status, job.total_rows, Dispute.objects.count()) == ("queued", 5, 0)
    page = client.get(response.url, HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert 'role="progressbar"' in page and 'hx-trigger="every 1s"' in page
    assert "等待" in page

    _work()
    job.refresh_from_db()
    assert (job.status, job.written, job.rows_checked) == ("done", 5, 5)
    assert Dispute.objects.count() == 5
    assert not (jobs.job_dir() / job.stored_file).exists()
    fragment = client.get(response.url, HTTP_HX_REQUEST="true", HTTP_ACCEPT_LANGUAGE="zh-hans")
    html = fragment.content.decode()
    assert 'id="import-done"' in html and "hx-trigger" not in html
    assert "5" in html and reverse("mediation:dispute_list") in html


@pytest.mark.django_db
def test_a_bad_row_in_a_large_file_writes_nothing_and_is_listed(
    client, world, background, django_capture_on_commit_callbacks
):
    client.force_login(world.mediator_haizhu)
    rows = [_row() for _ in range(5)]
    rows[3] = _row(**{"涉及金额（元）": -100})
    with django_capture_on_commit_callbacks(execute=True):
        _upload(client, rows)
    _work()
    job = ImportJob.objects.get()
    assert job.status == "done" and job.written == 0 and Dispute.objects.count() == 0
    assert [(e["row"], e["column"]) for e in job.errors] == [(5, "涉及金额（元）")]
    html = client.get(f"/imports/{job.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert 'id="import-errors"' in html and "涉及金额（元）" in html


@pytest.mark.django_db
def test_a_small_file_is_still_imported_in_the_request(client, world, background):
    client.force_login(world.mediator_haizhu)
    response = _upload(client, [_row() for _ in range(2)])
    assert response.status_code == 302 and response.url == reverse("mediation:dispute_list")
    assert Dispute.objects.count() == 2 and not ImportJob.objects.exists()


@pytest.mark.django_db
def test_only_the_uploader_sees_the_job(client, world, background):
    client.force_login(world.mediator_haizhu)
    _upload(client, [_row() for _ in range(5)])
    job = ImportJob.objects.get()
    client.force_login(world.leader_gz)
    assert client.get(f"/imports/{job.pk}/").status_code == 404


@pytest.mark.django_db
def test_a_zip_bomb_is_refused_in_the_request_without_a_job(client, world, background):
    client.force_login(world.mediator_haizhu)
    wb = Workbook()
    wb.active["A1"] = "纠纷名称"
    wb.active["A1000000"] = "x"  # declares a million rows
    data = io.BytesIO()
    wb.save(data)
    data.seek(0)
    data.name = "炸弹.xlsx"
    # How fast: benchmarks/import_limits.py (a third of a second for a million rows).
    response = client.post(reverse("mediation:dispute_import"), {"file": data})
    assert response.status_code == 200 and not ImportJob.objects.exists()
    assert "import-errors" in response.content.decode()


def test_rows_are_counted_whatever_the_sheet_declares():
    for write_only in (True, False):
        wb = Workbook(write_only=write_only)
        ws = wb.create_sheet() if write_only else wb.active
        for i in range(1 + 2500):
            ws.append([i, "甲" * 20])
        data = io.BytesIO()
        wb.save(data)
        assert count_rows(data) == 2500
        assert data.tell() == 0
    assert count_rows(io.BytesIO(b"not a zip")) is None


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_embedded_default_runs_the_task_in_a_thread_of_the_process(client, world, settings):
    settings.FAZHI_IMPORT_BACKGROUND_ROWS = 3
    settings.FAZHI_TASK_WORKER = "inprocess"
    client.force_login(world.mediator_haizhu)
    _upload(client, [_row() for _ in range(4)])
    jobs._worker_thread.join(timeout=30)
    job = ImportJob.objects.get()
    assert (job.status, job.written) == ("done", 4)
    assert Dispute.objects.count() == 4
