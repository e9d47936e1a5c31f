"""Every staff list: its filter form (全部, date pickers), its Excel export and its print view.

The export and the print view read the list's own rows (core.generic.ScopedListView): the
same jurisdiction, the same filter and sort, the same masked cells."""

from __future__ import annotations

import io
import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from openpyxl import load_workbook

from conftest import frozen_today
from core.generic import ScopedListView
from core.models import Party
from core.views import PartyListView
from mediation.tests.factories import make_dispute

pytestmark = pytest.mark.django_db

EXCEL = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _workbook(response):
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == EXCEL
    assert response["Content-Disposition"].startswith("attachment")
    return load_workbook(io.BytesIO(b"".join(response.streaming_content)))


def _rows(workbook):
    sheet = workbook.worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def _about(workbook) -> dict:
    return {label: value for label, value in workbook.worksheets[1].iter_rows(values_only=True)}


def _list_urls() -> list[str]:
    """The path of every list page built on ScopedListView, found from the URL configuration,
    so that a new list cannot be left without its export and print view."""
    found = []

    def walk(patterns, prefix):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, prefix + str(entry.pattern))
            elif isinstance(entry, URLPattern):
                view = getattr(entry.callback, "view_class", None)
                if view and issubclass(view, ScopedListView) and "<" not in str(entry.pattern):
                    found.append("/" + prefix + str(entry.pattern))

    walk(get_resolver().url_patterns, "")
    return found


# -- the filter form ----------------------------------------------------------------------


def test_an_empty_choice_reads_all_on_every_list(world, login):
    client = login(world.clerk_haizhu)
    urls = _list_urls()
    assert {"/parties/", "/organizations/", "/mediation/disputes/"} <= set(urls)
    for url in urls:
        body = client.get(url).content.decode()
        assert "---------" not in body, url
        assert "未知" not in body, url
    body = client.get("/parties/").content.decode()
    assert re.search(r'<select name="kind"[^>]*>\s*<option value="" selected>全部</option>', body)


def test_a_yes_no_filter_offers_all_yes_and_no(world, login):
    body = login(world.clerk_haizhu).get("/mediation/mediators/").content.decode()
    select = re.search(r'<select name="is_active".*?</select>', body, re.S).group(0)
    assert re.findall(r"<option[^>]*>([^<]*)</option>", select) == ["全部", "是", "否"]


def test_date_filters_are_date_pickers_and_keep_the_date(world, login):
    client = login(world.clerk_haizhu)
    body = client.get("/mediation/disputes/?received_from=2026-06-01").content.decode()
    start = re.search(r'<input[^>]*name="received_from"[^>]*>', body).group(0)
    end = re.search(r'<input[^>]*name="received_to"[^>]*>', body).group(0)
    assert 'type="date"' in start and 'type="date"' in end
    assert 'value="2026-06-01"' in start


def test_a_bad_date_is_named_beside_its_field_and_kept(world, login):
    client = login(world.clerk_haizhu)
    body = client.get("/mediation/disputes/?received_from=2026-02-30").content.decode()
    assert "输入一个有效的日期" in body
    assert 'value="2026-02-30"' in body
    # Asked for a download, the same bad filter goes back to the list that shows the error.
    response = client.get("/mediation/disputes/?received_from=2026-02-30&output=xlsx")
    assert response.status_code == 302
    assert response.url == "/mediation/disputes/?received_from=2026-02-30"


# -- the export ------------------------------------------------------------------------------


def test_every_list_exports_a_workbook(world, login):
    client = login(world.leader_gz)
    for url in _list_urls():
        rows = _rows(_workbook(client.get(url + "?output=xlsx")))
        assert rows and all(rows[0]), url  # a header row naming every column


def test_the_export_holds_the_filtered_rows_as_the_list_shows_them(world, login):
    client = login(world.clerk_haizhu)
    world.party_street.name = "张四"
    world.party_street.save()
    rows = _rows(_workbook(client.get("/parties/?q=张&sort=name&output=xlsx")))
    header, data = rows[0], rows[1:]
    assert header == ["名称", "当事人类型", "证件号码 / 统一社会信用代码", "联系电话", "登记单位",
                      "创建时间"]  # fmt: skip
    assert [row[0] for row in data] == ["张三", "张四"]
    zhang = data[0]
    assert zhang[2] == world.party_haizhu.masked_id_number != world.party_haizhu.id_number
    assert zhang[3] == world.party_haizhu.masked_phone != world.party_haizhu.phone
    assert zhang[4] == "海珠区司法局"
    assert zhang[5].date() == frozen_today()  # a real date, in local time
    # The list page itself shows the same rows.
    page = client.get("/parties/?q=张&sort=name").content.decode()
    assert page.index("张三") < page.index("张四") and "王五" not in page


def test_the_export_says_what_it_holds(world, login):
    response = login(world.clerk_haizhu).get("/parties/?kind=person&output=xlsx")
    about = _about(_workbook(response))
    assert about["列表"] == "当事人"
    assert about["筛选条件"] == "当事人类型：自然人"
    assert about["导出时间"].startswith(frozen_today().isoformat())
    assert about["导出人"] == "clerk_haizhu · 海珠区司法局"
    assert about["行数"] == "3"


def test_clerk_baiyun_never_exports_haizhu_rows(world, login):
    haizhu = make_dispute(organization=world.haizhu_committee,
                          actor=world.mediator_haizhu, title="海珠漏水纠纷")  # fmt: skip
    baiyun = make_dispute(organization=world.baiyun_committee,
                          actor=world.mediator_baiyun, title="白云噪音纠纷")  # fmt: skip
    client = login(world.clerk_baiyun)
    for url in _list_urls():
        cells = " ".join(
            str(cell) for row in _rows(_workbook(client.get(url + "?output=xlsx"))) for cell in row
        )
        assert "海珠" not in cells, url
        assert "赤岗" not in cells, url
    parties = {row[0] for row in _rows(_workbook(client.get("/parties/?output=xlsx")))[1:]}
    assert parties == {"王五", *(dp.party.name for dp in baiyun.dispute_parties.all())}
    disputes = _rows(_workbook(client.get("/mediation/disputes/?output=xlsx")))
    assert [row[0] for row in disputes[1:]] == [baiyun.number]
    # A filter asking for Haizhu's rows by name finds nothing, not Haizhu's rows.
    assert len(_rows(_workbook(client.get("/parties/?q=张三&output=xlsx")))) == 1
    assert (
        len(_rows(_workbook(client.get(f"/mediation/disputes/?q={haizhu.number}&output=xlsx"))))
        == 1
    )


def test_the_agency_exports_only_its_own_organisations_parties(world, login):
    rows = _rows(_workbook(login(world.agency_haizhu).get("/parties/?output=xlsx")))
    assert [row[0] for row in rows[1:]] == ["赵六"]


def test_text_that_looks_like_a_formula_stays_text(world, login):
    Party.objects.filter(pk=world.party_haizhu.pk).update(name='=HYPERLINK("http://x","y")')
    workbook = _workbook(login(world.clerk_haizhu).get("/parties/?output=xlsx"))
    cells = [row[0] for row in workbook.worksheets[0].iter_rows(min_row=2)]
    cell = next(c for c in cells if str(c.value).startswith("="))
    assert cell.data_type == "s"


def test_an_export_over_the_limit_is_refused_with_the_filter_kept(world, login, monkeypatch):
    monkeypatch.setattr(PartyListView, "export_max_rows", 2)
    client = login(world.clerk_haizhu)
    response = client.get("/parties/?kind=person&output=xlsx")
    assert response.status_code == 302 and response.url == "/parties/?kind=person"
    body = client.get(response.url).content.decode()
    assert "列表共有 3 条记录，一次最多导出 2 条" in body
    assert _rows(_workbook(client.get("/parties/?q=张&output=xlsx")))[1][0] == "张三"


def test_an_anonymous_visitor_gets_no_export(world, client):
    response = client.get("/parties/?output=xlsx")
    assert response.status_code == 302 and response.url.startswith("/login/")


# -- the print view ---------------------------------------------------------------------------


def test_the_print_view_is_the_filtered_list_without_navigation(world, login):
    client = login(world.clerk_haizhu)
    list_page = client.get("/parties/?kind=person").content.decode()
    assert 'href="?kind=person&amp;output=print"' in list_page
    assert 'href="?kind=person&amp;output=xlsx"' in list_page
    body = client.get("/parties/?kind=person&output=print").content.decode()
    assert "fz-navbar" not in body and "<nav" not in body and "<form" not in body
    assert '<h1 class="h5 mb-1" id="print-title">当事人</h1>' in body
    assert re.search(r'id="print-filter">当事人类型：自然人<', body)
    assert re.search(rf'id="print-date">{frozen_today().isoformat()} \d\d:\d\d<', body)
    assert re.search(r'id="print-count">3<', body)
    for name in ("张三", "李四", "赵六"):
        assert name in body
    assert "王五" not in body
    assert world.party_haizhu.id_number not in body and world.party_haizhu.phone not in body
    assert "<script" not in body.replace('<script src="/static/fazhi/fazhi.js', "")


def test_a_long_print_says_how_many_rows_it_left_out(world, login, monkeypatch):
    monkeypatch.setattr(PartyListView, "print_max_rows", 2)
    body = login(world.clerk_haizhu).get("/parties/?output=print").content.decode()
    assert "仅打印前 2 条，共 3 条" in body
    assert len(re.findall(r'<a href="/parties/\d+/"', body)) == 2


def test_the_export_reads_cells_as_django_tables2_renders_them(world):
    """The export's own cell reader (one signature inspection per column, not two per cell)
    gives what django-tables2's `get_cell_value` gives, for plain, choice, related and
    rendered columns; dates and yes/no are the only cells it writes as typed values."""
    from django_tables2.rows import BoundRow

    from core.models import Organization, Region
    from core.tables import (
        CellReader,
        OrganizationTable,
        PartyTable,
        RegionTable,
        _spreadsheet_value,
        export_columns,
    )
    from mediation.models import Dispute
    from mediation.tables import DisputeTable

    make_dispute(organization=world.haizhu_committee, actor=world.mediator_haizhu)
    checked = set()
    for table_class, queryset in (
        (PartyTable, Party.objects.select_related("organization")),
        (OrganizationTable, Organization.objects.select_related("region", "parent")),
        (RegionTable, Region.objects.filter(parent_id="440100000000")),
        (DisputeTable, Dispute.objects.select_related("organization", "assignee")),
    ):
        table = table_class(data=queryset)
        readers = [CellReader(table, column) for column in export_columns(table)]
        for record in queryset:
            row = BoundRow(record, table=table)
            for read in readers:
                checked.add(read.mode)
                if read.mode in ("date", "boolean"):
                    continue
                expected = _spreadsheet_value(row.get_cell_value(read.name))
                assert read(row) == expected, (table_class.__name__, read.name)
    assert {"plain", "method", "date"} <= checked
