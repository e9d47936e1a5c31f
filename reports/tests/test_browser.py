"""A leader opens the dashboard, follows a figure to its cases, edits the report (a unit typed
after a figure prints once), freezes it (confirming, since placeholders remain), sees the
落款 and downloads the DOCX — in a real browser."""

from __future__ import annotations

import io
import re

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
    # The writer types the unit the figure already prints: it appears once (广州 2025: 5).
    page.locator("[name=body]").fill("基层调解力量仍需加强，共受理{{mediation.received}}件。")
    page.locator("#save-section").click()
    page.wait_for_selector("#report-state")
    report_text = page.locator(".fz-report").inner_text()
    assert "基层调解力量仍需加强，共受理5件。" in report_text and "件件" not in report_text

    # The leaders' part and the plans still say 请填写: freezing asks first.
    page.locator("#freeze").click()
    page.wait_for_selector("#freeze-confirm")
    unfinished = page.locator("#placeholder-sections li")
    assert [unfinished.nth(i).get_attribute("data-key") for i in range(unfinished.count())] == [
        "leaders", "plans"]  # fmt: skip
    assert not Report.objects.get(pk=report.pk).is_frozen
    page.locator("#confirm-freeze").click()
    page.wait_for_selector("#reopen")
    assert Report.objects.get(pk=report.pk).is_frozen

    # The report ends with its 落款: the bureau and the day it was frozen.
    assert page.locator("#signature-name").inner_text() == "广州市司法局"
    assert re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", page.locator("#signature-date").inner_text())
    page.screenshot(path=str(ARTIFACTS / "report-frozen.png"), full_page=True)
    with page.expect_download() as download_info:
        page.locator("#download-docx").click()
    path = download_info.value.path()
    document = Document(io.BytesIO(open(path, "rb").read()))
    lines = [p.text for p in document.paragraphs]
    assert "基层调解力量仍需加强，共受理5件。" in lines
    assert lines[-2:] == ["广州市司法局", page.locator("#signature-date").inner_text()]

    # The parts follow the regulation (statutes.md §9): measures, shortcomings, the leaders'
    # duty, next year's plans, other matters.
    parts = page.locator("section h3.h5").all_inner_texts()
    order = ["举措", "不足", "第一责任人", "安排", "其他"]
    positions = [next(i for i, h in enumerate(parts) if word in h) for word in order]
    assert positions == sorted(positions), parts
    # Figures print as the samples print them: no thousands separator, no 100.0% and no
    # trailing zero after the decimal point of a rate or an amount.
    text = page.locator("main").inner_text()
    assert not re.search(r"\d,\d{3}", text)
    assert not re.search(r"\d\.\d*0(%|万元|元)", text)
    assert "100.0%" not in text

    # The PDF is made from the same document, each role in its face (cases/pdf.py).
    with page.expect_download() as download_info:
        page.locator("#download-pdf").click()
    assert open(download_info.value.path(), "rb").read(5) == b"%PDF-"
