"""A leader opens the dashboard, follows a figure to its cases, edits the report, freezes it
and downloads the DOCX — in a real browser."""

from __future__ import annotations

import io

import pytest
from docx import Document

from conftest import ARTIFACTS, PASSWORD
from mediation.tests.test_indicators import history  # noqa: F401  (fixture)
from reports.models import Report
from reports.services import report_create


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_leader_goes_from_dashboard_to_a_frozen_report(world, live_server, page, history):  # noqa: F811
    ARTIFACTS.mkdir(exist_ok=True)
    report = report_create(actor=world.leader_gz, region=world.city, year=2025)
    page.goto(f"{live_server.url}/login/")
    page.locator("input[name=username]").fill("leader_gz")
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/")

    page.goto(f"{live_server.url}/dashboard/?year=2025")
    page.wait_for_selector("#chart-trend canvas")
    page.screenshot(path=str(ARTIFACTS / "dashboard.png"), full_page=True)
    figure = page.locator('[data-figure="mediation.succeeded"]')
    assert figure.inner_text().strip() == "4"
    figure.click()
    page.wait_for_selector("#cases-table")
    assert page.locator("#case-count").inner_text() == "4"
    assert page.locator("#cases-table tbody tr").count() == 4

    page.goto(f"{live_server.url}{report.get_absolute_url()}")
    page.locator('[data-edit="problems"]').click()
    page.locator("[name=body]").fill("基层调解力量仍需加强，共受理{{mediation.received}}。")
    page.locator("#save-section").click()
    page.wait_for_selector("#report-state")
    assert "基层调解力量仍需加强" in page.locator(".fz-report").inner_text()
    page.locator("#freeze").click()
    page.wait_for_selector("#reopen")
    page.screenshot(path=str(ARTIFACTS / "report-frozen.png"), full_page=True)
    with page.expect_download() as download_info:
        page.locator("#download-docx").click()
    path = download_info.value.path()
    document = Document(io.BytesIO(open(path, "rb").read()))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "基层调解力量仍需加强" in text
    assert Report.objects.get(pk=report.pk).is_frozen
