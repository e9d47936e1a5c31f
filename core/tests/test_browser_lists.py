"""Staff lists and home pages in a real browser: 全部 in the filter, date pickers, the Excel
export, the print view and a leader's home (one short journey each)."""

from __future__ import annotations

import datetime

import pytest
from openpyxl import load_workbook

from cases import engine
from conftest import ARTIFACTS, frozen_today, sign_in
from indicators.home import home_year
from mediation.tests.factories import make_dispute

browser = pytest.mark.browser
transactional = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _table_names(page) -> list[str]:
    return page.locator("table tbody tr td:first-child").all_inner_texts()


@browser
@transactional
def test_an_empty_filter_choice_reads_all_and_shows_everything(world, live_server, page):
    sign_in(page, live_server, "clerk_haizhu")
    page.goto(f"{live_server.url}/parties/?kind=organization")
    kind = page.locator("select[name=kind]")
    assert kind.locator("option").first.inner_text() == "全部"
    assert "张三" not in page.locator("table").inner_text()
    kind.select_option(label="全部")
    page.get_by_role("button", name="筛选").click()
    page.wait_for_url("**/parties/?*kind=*")
    assert set(_table_names(page)) == {"张三", "李四", "赵六"}


@browser
@transactional
def test_a_date_filter_is_a_date_picker(world, live_server, page):
    today = frozen_today()
    early = (today - datetime.timedelta(days=20)).isoformat()
    make_dispute(organization=world.haizhu_committee, actor=world.mediator_haizhu,
                 title="早先的纠纷", received_on=early)  # fmt: skip
    make_dispute(organization=world.haizhu_committee, actor=world.mediator_haizhu,
                 title="今天的纠纷", received_on=today.isoformat())  # fmt: skip
    sign_in(page, live_server, "clerk_haizhu")
    page.goto(f"{live_server.url}/mediation/disputes/")
    start = page.locator("input[name=received_from]")
    end = page.locator("input[name=received_to]")
    assert start.get_attribute("type") == "date" and end.get_attribute("type") == "date"
    start.fill((today - datetime.timedelta(days=1)).isoformat())  # the picker's own value
    page.get_by_role("button", name="筛选").click()
    page.wait_for_url("**received_from=*")
    assert start.input_value() == (today - datetime.timedelta(days=1)).isoformat()
    subjects = page.locator("table tbody").inner_text()
    assert "今天的纠纷" in subjects and "早先的纠纷" not in subjects


@browser
@transactional
def test_the_excel_export_holds_the_filtered_rows(world, live_server, page, tmp_path):
    sign_in(page, live_server, "clerk_haizhu")
    page.goto(f"{live_server.url}/parties/")
    page.locator("select[name=kind]").select_option("person")
    page.locator("input[name=q]").fill("三")
    page.get_by_role("button", name="筛选").click()
    page.wait_for_url("**q=*")
    shown = _table_names(page)
    assert shown == ["张三"]
    with page.expect_download() as download:
        page.get_by_role("link", name="导出Excel").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    assert path.suffix == ".xlsx"
    workbook = load_workbook(path)
    rows = list(workbook.worksheets[0].iter_rows(values_only=True))
    assert rows[0][0] == "名称"
    assert [row[0] for row in rows[1:]] == shown
    phone = page.locator("table tbody tr td:nth-child(4)").inner_text()
    assert rows[1][3] == phone != world.party_haizhu.phone  # masked, as in the list
    about = dict(workbook.worksheets[1].iter_rows(values_only=True))
    assert about["筛选条件"] == "名称包含：三；当事人类型：自然人"


@browser
@transactional
def test_the_print_view_is_a_clean_list_with_its_filter_and_date(world, live_server, page):
    ARTIFACTS.mkdir(exist_ok=True)
    page.context.add_init_script("window.print = function () { window.__printed = true; };")
    sign_in(page, live_server, "clerk_haizhu")
    page.goto(f"{live_server.url}/parties/?kind=person")
    with page.context.expect_page() as opened:
        page.get_by_role("link", name="打印").click()
    sheet = opened.value
    sheet.wait_for_load_state()
    sheet.wait_for_function("window.__printed === true")  # the print dialog was asked for
    assert sheet.locator("#print-title").inner_text() == "当事人"
    assert sheet.locator("#print-filter").inner_text() == "当事人类型：自然人"
    assert sheet.locator("#print-date").inner_text().startswith(frozen_today().isoformat())
    assert sheet.locator("nav").count() == 0
    names = sheet.locator("#print-table tbody tr td:first-child").all_inner_texts()
    assert sorted(names) == sorted(["张三", "李四", "赵六"])
    sheet.emulate_media(media="print")
    assert not sheet.locator(".fz-print-toolbar").is_visible()
    assert sheet.locator("#print-header").is_visible()
    sheet.screenshot(path=str(ARTIFACTS / "list-print.png"), full_page=True)


@browser
@transactional
def test_a_leaders_home_shows_figures_and_work(world, live_server, page):
    ARTIFACTS.mkdir(exist_ok=True)
    day = datetime.date(home_year(frozen_today()), 1, 5).isoformat()
    dispute = make_dispute(organization=world.haizhu_committee, actor=world.mediator_haizhu,
                           received_on=day)  # fmt: skip
    engine.fire(dispute, "accept", actor=world.mediator_haizhu, version=1,
                data={"consent": True, "accepted_on": day})  # fmt: skip
    sign_in(page, live_server, "leader_gz")
    page.screenshot(path=str(ARTIFACTS / "home-leader.png"), full_page=True)
    assert page.locator('[data-figure="mediation.received"]').inner_text() == "1"
    assert page.locator('[data-count="jurisdiction_running"]').inner_text() == "1"
    main = page.locator("main").inner_text()
    for name in ("张三", "李四", "王五", "赵六"):
        assert name not in main
    page.locator("#home-dashboard-link").click()
    page.wait_for_url("**/dashboard/?*")
    assert page.locator('#tiles [data-figure="mediation.received"]').inner_text() == "1"
