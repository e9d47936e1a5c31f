"""Excel import of the registry of normative documents already issued (normative.importing): all
rows or none, errors by row and column, the unified number in the region's format (三统一,
statutes-lines §B.4 ❓), the validity within the longest allowed (§B.8 ❓: 5 years, 2 for 暂行 /
试行), the filing and its review as far as they went (§B.6–7; 法规规章备案审查条例第三条、第四条、
第十一条、第二十一条 by analogy), no unified number or body's document number twice, only the
bodies within the importer's reach; the portal library then shows each document with the
status read from its dates (政府信息公开条例第二十条).

The tests run on Monday 28 December 2026. Days counted by the house rule (statutes-lines §0):
the first day not counted, a last day on a rest day moved to the next working day.
- Published Mon 2026-03-02 → filing due +30 days → Wed 2026-04-01.
- Filed Fri 2026-03-20 → review +2 months → Wed 2026-05-20; opinion Wed 2026-04-15 → answer
  +30 days → Fri 2026-05-15.
- In effect Wed 2026-04-01, 5 years → Mon 2031-03-31 (the day before the corresponding day),
  evaluation 6 months before → Mon 2030-09-30.
- 暂行 in effect Thu 2023-06-01, 2 years → Sat 2025-05-31: 失效 on 2026-12-28.
"""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from cases.models import CaseEvent, Clock, ClockState
from cases.testing import on
from core.errors import PermissionDenied
from core.testing import Sheet, cells, filled
from normative.choices import DocumentKind, FilingOpinion
from normative.importing import COLUMNS, KINDS, OPINIONS, import_normative_documents, template
from normative.models import FilingCase, NormativeDocument

D = datetime.date
pytestmark = pytest.mark.django_db
HEADERS = [c.header for c in COLUMNS]
TODAY = D(2026, 12, 28)  # a Monday


@pytest.fixture(autouse=True)
def _on_the_test_day(db):
    with on(TODAY):
        yield


# A department document published Monday 2 March 2026, in effect from 1 April, filed on time
# on Friday 20 March, reviewed from Monday 23 March, a suggestion to correct on Wednesday 15
# April, answered on Friday 8 May.
BASE = {
    "制定机关": "海珠区市场监督管理局",
    "文件类别": "部门规范性文件",
    "文件名称": "广州市海珠区占道经营管理规定",
    "统一编号": "穗海规〔2026〕1号",
    "文号": "海市监规〔2026〕1号",
    "签发日期": D(2026, 2, 27),
    "公布日期": D(2026, 3, 2),
    "施行日期": D(2026, 4, 1),
    "有效期至": None,
    "废止日期": None,
    "宣布失效日期": None,
    "修改文件统一编号": None,
    "全文": "第一条 为规范占道经营管理，制定本规定。",
    "备案机关": None,
    "报备日期": D(2026, 3, 20),
    "审查开始日期": D(2026, 3, 23),
    "审查意见": "纠正建议",
    "审查意见日期": D(2026, 4, 15),
    "意见要点": "第五条增设备案义务，缺乏上位法依据，建议删除。",
    "答复日期": D(2026, 5, 8),
    "答复内容": "已删除第五条。",
}
NO_ANSWER = {"答复日期": None, "答复内容": None}
NO_REVIEW = {**NO_ANSWER, "审查开始日期": None, "审查意见": None, "审查意见日期": None,
             "意见要点": None}  # fmt: skip
NO_FILING = {**NO_REVIEW, "报备日期": None, "备案机关": None}


SHEET = Sheet(COLUMNS, BASE, "documents.xlsx")
_row, _file = SHEET.row, SHEET.file  # BASE with parts laid over it; rows as a workbook


def _doc(n: int, year: int = 2026, *parts: dict, **overrides):
    """Document number n of `year`: its own unified number and document number."""
    numbers = {"统一编号": f"穗海规〔{year}〕{n}号", "文号": f"海市监规〔{year}〕{n}号"}
    return _row(NO_FILING, numbers, *parts, **overrides)


def _counts():
    return (NormativeDocument.objects.count(), FilingCase.objects.count(),
            CaseEvent.objects.count(), Clock.objects.count())  # fmt: skip


def _clocks(case) -> dict:
    return {c.key: (c.state, c.started_on, c.due_date, c.stopped_on) for c in Clock.for_case(case)}


def _events(case) -> list:
    return [(e.transition, e.on_date) for e in CaseEvent.for_case(case).order_by("version")]


# -- the template ----------------------------------------------------------------------------


def test_the_template_has_every_column_and_instructions():
    wb = load_workbook(io.BytesIO(template()))
    assert [c.value for c in wb.worksheets[0][1]] == HEADERS
    assert wb.sheetnames == ["规范性文件", "填写说明"]
    notes = {row[0]: row for row in wb["填写说明"].iter_rows(values_only=True) if row}
    assert notes["文件类别"][3] == "政府规范性文件、部门规范性文件"
    assert notes["审查意见"][3] == "未发现问题、纠正建议、撤销建议"
    assert notes["统一编号"][1] == "是" and notes["报备日期"][1] == "否"
    assert "5 年" in notes["有效期"][2] and "2 年" in notes["有效期"][2]
    assert "30 日" in notes["报备期限"][2]


def test_the_template_follows_the_configured_periods(settings):
    settings.FAZHI_NORMATIVE_VALIDITY_YEARS = 3
    settings.FAZHI_NORMATIVE_FILING_DAYS = 15
    notes = {row[0]: row for row in load_workbook(io.BytesIO(template()))["填写说明"]
             .iter_rows(values_only=True) if row}  # fmt: skip
    assert "3 年" in notes["有效期"][2] and "15 日" in notes["报备期限"][2]


def test_every_choice_has_a_chinese_value():
    assert set(KINDS.values()) == set(DocumentKind.values)
    assert set(OPINIONS.values()) == set(FilingOpinion.values)


def test_the_template_filled_in_comes_back_in(nw):
    buffer = filled(template(), [_row()])
    result = import_normative_documents(buffer, actor=nw.clerk_haizhu)
    assert result.ok, result.errors
    assert result.written == 1


# -- a good file -----------------------------------------------------------------------------

# The statuses on Monday 28 December 2026, each read from the dates.
REGISTRY = [
    (_row(), "valid"),
    (_doc(2, 2023, 文件名称="广州市海珠区农贸市场管理暂行办法", 签发日期=None,
          公布日期=D(2023, 5, 4), 施行日期=D(2023, 6, 1)), "expired"),
    (_doc(3, 2024, 公布日期=D(2024, 1, 10), 签发日期=D(2024, 1, 8), 施行日期=D(2024, 2, 1),
          有效期至=D(2027, 1, 31), 废止日期=D(2026, 10, 31)), "repealed"),
    (_doc(4, 2025, 公布日期=D(2025, 3, 3), 签发日期=D(2025, 3, 3), 施行日期=D(2025, 4, 1),
          修改文件统一编号="穗海规〔2026〕5号"), "amended"),
    (_doc(5, 2026, {"报备日期": D(2026, 8, 20), "审查意见": "未发现问题",
                    "审查意见日期": D(2026, 9, 10)},
          文件名称="关于修改《广州市海珠区占道经营管理规定》的决定", 签发日期=D(2026, 7, 31),
          公布日期=D(2026, 8, 3), 施行日期=D(2026, 9, 1)), "valid"),
    (_doc(6, 2025, 公布日期=D(2025, 6, 2), 签发日期=D(2025, 6, 2), 施行日期=D(2025, 7, 1),
          宣布失效日期=D(2026, 12, 1)), "expired"),
    (_doc(7, 2026, 签发日期=D(2026, 12, 18), 公布日期=D(2026, 12, 21), 施行日期=D(2027, 1, 1)),
     "not_yet"),
    (_doc(8, 2026, {"报备日期": D(2026, 4, 2), "审查意见": "撤销建议",
                    "审查意见日期": D(2026, 12, 21), "意见要点": "违法减损权利，建议撤销。"},
          文件名称="海珠区户外广告设置管理规定"), "valid"),
]  # fmt: skip


def test_a_valid_file_writes_every_document_and_filing(nw):
    """Row 2 (BASE): valid until Mon 2031-03-31, evaluation by Mon 2030-09-30; the filing on
    time (due Wed 2026-04-01), review Fri 2026-03-20 → Wed 2026-05-20 stopped by the opinion of
    Wed 2026-04-15, answer → Fri 2026-05-15 stopped by the answer of Fri 2026-05-08.
    Row 9: published Mon 2026-03-02, filed Thu 2026-04-02, a day late; a suggestion to revoke
    of Mon 2026-12-21 awaits the answer: +30 days → Wed 2027-01-20, the filing's deadline."""
    w = nw
    result = import_normative_documents(_file([row for row, _s in REGISTRY]), actor=w.agency_haizhu)
    assert result.ok, result.errors
    assert (result.rows, result.written) == (8, 8)
    first = NormativeDocument.objects.get(unified_number="穗海规〔2026〕1号")
    assert (first.state, first.version, first.issuing_body, first.organization) == (
        "published", 3, w.haizhu_agency, w.haizhu_bureau,
    )  # fmt: skip
    assert (first.unified_prefix, first.unified_year, first.unified_seq) == ("穗海规", 2026, 1)
    assert (first.kind, first.document_number, first.region_code) == (
        "department", "海市监规〔2026〕1号", "440105000000",
    )  # fmt: skip
    assert (first.valid_until, first.evaluate_by) == (D(2031, 3, 31), D(2030, 9, 30))
    assert first.created_by == w.agency_haizhu
    assert first.number.startswith("（2026）") and "规登字第" in first.number
    assert _events(first) == [("register", D(2026, 2, 27)), ("issue", D(2026, 2, 27)),
                              ("publish", D(2026, 3, 2))]  # fmt: skip
    filing = first.filings.get()
    assert (filing.state, filing.filing_due, filing.late, filing.opinion) == (
        "closed", D(2026, 4, 1), False, "correct",
    )  # fmt: skip
    assert (filing.answer, filing.answered_on, filing.organization) == (
        "已删除第五条。", D(2026, 5, 8), w.haizhu_bureau,
    )  # fmt: skip
    assert _events(filing) == [("register", D(2026, 3, 20)), ("start_review", D(2026, 3, 23)),
                               ("issue_opinion", D(2026, 4, 15)),
                               ("record_answer", D(2026, 5, 8))]  # fmt: skip
    assert _clocks(filing) == {
        "filing_review": (ClockState.STOPPED, D(2026, 3, 20), D(2026, 5, 20), D(2026, 4, 15)),
        "filing_answer": (ClockState.STOPPED, D(2026, 4, 15), D(2026, 5, 15), D(2026, 5, 8)),
    }
    late = FilingCase.objects.get(document__unified_number="穗海规〔2026〕8号")
    assert (late.late, late.state, late.due_date) == (True, "awaiting_answer", D(2027, 1, 20))
    assert [t for t, _d in _events(late)] == ["register", "issue_opinion"]
    provisional = NormativeDocument.objects.get(unified_number="穗海规〔2023〕2号")
    assert provisional.valid_until == D(2025, 5, 31)  # 暂行: 2 years
    assert _events(provisional)[1] == ("issue", D(2023, 5, 4))  # not signed: on publication
    amended = NormativeDocument.objects.get(unified_number="穗海规〔2025〕4号")
    assert amended.amended_by.unified_number == "穗海规〔2026〕5号"
    assert amended.amended_on == D(2026, 9, 1)
    assert FilingCase.objects.count() == 3


def test_the_portal_library_shows_each_document_with_its_status(nw, client):
    assert import_normative_documents(_file([r for r, _s in REGISTRY]), actor=nw.clerk_haizhu).ok
    response = client.get(reverse("normative:library"))
    assert response.status_code == 200
    shown = {d.unified_number: d.status_today for d in response.context["page"].object_list}
    assert shown == {row[HEADERS.index("统一编号")]: status for row, status in REGISTRY}
    valid = client.get(reverse("normative:library"), {"status": "valid"})
    assert {d.unified_number for d in valid.context["page"].object_list} == {
        "穗海规〔2026〕1号", "穗海规〔2026〕5号", "穗海规〔2026〕8号",
    }  # fmt: skip
    amended = NormativeDocument.objects.get(unified_number="穗海规〔2025〕4号")
    page = client.get(reverse("normative:library_detail", args=[amended.pk]))
    assert page.context["document"].status_today == "amended"
    assert page.context["amending"].unified_number == "穗海规〔2026〕5号"
    assert 'id="amending"' in page.content.decode()


def test_the_amending_document_may_be_registered_already(nw):
    assert import_normative_documents(_file([REGISTRY[4][0]]), actor=nw.clerk_haizhu).ok
    assert import_normative_documents(_file([REGISTRY[3][0]]), actor=nw.clerk_haizhu).ok
    amended = NormativeDocument.objects.get(unified_number="穗海规〔2025〕4号")
    assert (amended.amended_by.unified_number, amended.amended_on) == ("穗海规〔2026〕5号",
                                                                        D(2026, 9, 1))  # fmt: skip
    assert amended.status_on(TODAY) == "amended"


def test_a_file_with_only_the_required_columns_imports(nw):
    keep = [c.header for c in COLUMNS if c.required]
    row = dict(BASE)
    result = import_normative_documents(_file([[row[h] for h in keep]], keep),
                                        actor=nw.clerk_haizhu)  # fmt: skip
    assert result.ok, result.errors
    document = NormativeDocument.objects.get()
    assert (document.signed_on, document.valid_until, document.filings.count()) == (
        None, D(2031, 3, 31), 0,
    )  # fmt: skip


def test_the_registration_numbers_follow_the_bureaus_numbering_rule(nw):
    """Each document is registered by the bureau's sequence in its year, in order of issue."""
    from cases.models import NumberingRule

    NumberingRule.objects.create(organization=nw.haizhu_bureau, series="normative",
                                 pattern="（{year}）穗海规登字第{seq:04d}号")  # fmt: skip
    rows = [
        _doc(2, 2026, 签发日期=D(2026, 5, 6), 公布日期=D(2026, 5, 6), 施行日期=D(2026, 6, 1)),
        _row(NO_FILING),
    ]
    assert import_normative_documents(_file(rows), actor=nw.clerk_haizhu).ok
    numbers = dict(NormativeDocument.objects.values_list("unified_number", "number"))
    assert numbers == {"穗海规〔2026〕1号": "（2026）穗海规登字第0001号",
                       "穗海规〔2026〕2号": "（2026）穗海规登字第0002号"}  # fmt: skip


# -- bad rows --------------------------------------------------------------------------------


def test_one_bad_row_writes_nothing_and_is_reported_by_row_and_column(nw):
    before = _counts()
    rows = [_doc(n) for n in range(10, 15)]
    rows.insert(2, _doc(20, 文件类别="规章", 施行日期="2026-13-01"))
    result = import_normative_documents(_file(rows), actor=nw.clerk_haizhu)
    assert not result.ok and result.rows == 6
    assert {(e.row, e.column) for e in result.errors} == {(4, "文件类别"), (4, "施行日期")}
    assert _counts() == before


@pytest.mark.parametrize(
    ("overrides", "column"),
    [
        ({"制定机关": None}, "制定机关"),
        ({"制定机关": "某某局"}, "制定机关"),  # no such body
        ({"文件类别": "规章"}, "文件类别"),
        ({"文件名称": None}, "文件名称"),
        ({"文件名称": "长" * 201}, "文件名称"),
        ({"统一编号": None}, "统一编号"),
        ({"统一编号": "穗海规2026-1"}, "统一编号"),  # not the region's format
        ({"统一编号": "号" * 65}, "统一编号"),
        ({"文号": None}, "文号"),
        ({"签发日期": D(2026, 3, 3)}, "公布日期"),  # published before it was signed
        ({"公布日期": None}, "公布日期"),
        ({"公布日期": "2026-02-30"}, "公布日期"),
        ({"公布日期": D(2026, 12, 29)}, "公布日期"),  # in the future
        ({"施行日期": None}, "施行日期"),
        ({"施行日期": D(2026, 3, 1)}, "施行日期"),  # in effect before publication
        ({"有效期至": D(2031, 4, 1)}, "有效期至"),  # longer than 5 years
        ({"有效期至": D(2026, 3, 31)}, "有效期至"),  # ends before it begins
        ({"文件名称": "海珠区占道经营管理试行办法", "有效期至": D(2028, 4, 1)}, "有效期至"),
        ({"废止日期": D(2026, 2, 1)}, "废止日期"),  # before publication
        ({"宣布失效日期": "明天"}, "宣布失效日期"),
        ({"修改文件统一编号": "穗海规〔2026〕99号"}, "修改文件统一编号"),  # nowhere
        ({"修改文件统一编号": "穗海规〔2026〕1号"}, "修改文件统一编号"),  # itself
        ({"备案机关": "白云区司法局"}, "备案机关"),  # not the body's bureau
        ({"报备日期": D(2026, 2, 28)}, "报备日期"),  # before publication
        (NO_FILING | {"审查意见": "未发现问题"}, "审查意见"),  # a review without a filing
        ({"审查开始日期": D(2026, 3, 19)}, "审查开始日期"),  # before the filing
        ({"审查意见": "同意"}, "审查意见"),
        ({"审查意见日期": None}, "审查意见日期"),
        ({"审查意见日期": D(2026, 3, 22)}, "审查意见日期"),  # before the review began
        (NO_ANSWER | {"审查意见": None, "意见要点": None}, "审查意见"),  # a date, no opinion
        ({"意见要点": None}, "意见要点"),
        (NO_ANSWER | {"审查意见": "未发现问题"}, "意见要点"),  # a suggestion's only
        ({"审查意见": "未发现问题", "意见要点": None}, "答复日期"),  # only a suggestion
        ({"答复日期": D(2026, 4, 14)}, "答复日期"),  # before the opinion
        ({"答复日期": TODAY + datetime.timedelta(days=1)}, "答复日期"),
        ({"答复内容": None}, "答复内容"),
        ({"答复日期": None}, "答复日期"),
    ],
)  # fmt: skip
def test_each_kind_of_problem_names_its_row_and_column(nw, overrides, column):
    before = _counts()
    result = import_normative_documents(_file([_row(**overrides)]), actor=nw.clerk_haizhu)
    assert cells(result) == [(2, column)], result.errors
    assert all(e.reason for e in result.errors)
    assert _counts() == before


def test_the_reasons_name_the_rule(nw):
    """A sample of the reasons, in the users' language (the English source until its
    translation is compiled): the longest validity is named by its day."""
    result = import_normative_documents(_file([_row(有效期至=D(2031, 4, 1))]),
                                        actor=nw.clerk_haizhu)  # fmt: skip
    [error] = result.errors
    assert "2031-03-31" in error.reason


def test_a_missing_column_is_reported_on_the_header_row(nw):
    headers = [h for h in HEADERS if h not in ("统一编号", "公布日期")]
    result = import_normative_documents(_file([], headers), actor=nw.clerk_haizhu)
    assert cells(result) == [(1, "统一编号"), (1, "公布日期")]


def test_an_empty_file_and_a_file_that_is_not_a_workbook_are_refused(nw):
    assert [e.row for e in import_normative_documents(_file([]), actor=nw.clerk_haizhu).errors] == [
        2
    ]
    result = import_normative_documents(io.BytesIO(b"PK\x03\x04 not really"),
                                        actor=nw.clerk_haizhu)  # fmt: skip
    assert not result.ok and NormativeDocument.objects.count() == 0


# -- not twice, and who ------------------------------------------------------------------------


def test_a_file_uploaded_twice_is_refused_the_second_time(nw):
    rows = [row for row, _s in REGISTRY]
    assert import_normative_documents(_file(rows), actor=nw.clerk_haizhu).ok
    before = _counts()
    again = import_normative_documents(_file(rows), actor=nw.clerk_haizhu)
    assert not again.ok
    assert {e.row for e in again.errors} == set(range(2, 10))
    assert {e.column for e in again.errors} == {"统一编号", "文号"}
    assert _counts() == before


def test_duplicates_in_the_file_are_refused(nw):
    """The same unified number (written with a leading zero, the same parse), or the same
    document number of the same body; another body may use the same document number."""
    w = nw
    rows = [_doc(1), _doc(2, 统一编号="穗海规〔2026〕01号")]
    result = import_normative_documents(_file(rows), actor=w.clerk_haizhu)
    assert cells(result) == [(3, "统一编号")]
    assert "2" in result.errors[0].reason
    rows = [_doc(1), _doc(2, 文号="海市监规（2026）1号")]
    result = import_normative_documents(_file(rows), actor=w.clerk_haizhu)
    assert cells(result) == [(3, "文号")]
    rows = [_doc(1), _doc(2, 文号="海市监规〔2026〕1号", 制定机关=w.chengguan.name)]
    assert import_normative_documents(_file(rows), actor=w.clerk_haizhu).ok
    assert NormativeDocument.objects.count() == 2


def test_a_document_number_the_body_registered_is_refused(nw):
    assert import_normative_documents(_file([_doc(1)]), actor=nw.clerk_haizhu).ok
    result = import_normative_documents(_file([_doc(2, 文号="海市监规〔2026〕1号")]),
                                        actor=nw.clerk_haizhu)  # fmt: skip
    assert cells(result) == [(2, "文号")]


def test_who_may_import(nw):
    """An agency's handler imports only its own body's documents; the bureau's staff those of
    the bodies in their jurisdiction; a leader reads only."""
    w = nw
    with pytest.raises(PermissionDenied):
        import_normative_documents(_file([_row()]), actor=w.leader_gz)
    with pytest.raises(PermissionDenied):
        import_normative_documents(_file([_row()]), actor=w.leader_haizhu)
    rows = [_doc(1), _doc(2, 制定机关=w.chengguan.name)]
    result = import_normative_documents(_file(rows), actor=w.agency_haizhu)
    assert cells(result) == [(3, "制定机关")]
    assert w.chengguan.name in result.errors[0].reason
    assert NormativeDocument.objects.count() == 0
    # The district's staff: its bodies, not another district's.
    baiyun = [_doc(3, 制定机关=w.baiyun_agency.name, 统一编号="穗白规〔2026〕3号")]
    result = import_normative_documents(_file(baiyun), actor=w.clerk_haizhu)
    assert cells(result) == [(2, "制定机关")]
    assert import_normative_documents(_file(rows), actor=w.clerk_haizhu).ok
    assert import_normative_documents(_file(baiyun), actor=w.clerk_baiyun).ok
    document = NormativeDocument.objects.get(issuing_body=w.baiyun_agency)
    assert (document.organization, document.region_code) == (w.baiyun_bureau, "440111000000")
    # What each may see afterwards.
    from normative import selectors

    assert selectors.documents(w.agency_haizhu).count() == 1
    assert selectors.documents(w.agency_chengguan).count() == 1
    assert selectors.documents(w.clerk_baiyun).count() == 1


def test_a_filing_may_go_to_the_city_bureau(nw):
    row = _row(备案机关="广州市司法局")
    assert import_normative_documents(_file([row]), actor=nw.clerk_haizhu).ok
    filing = FilingCase.objects.get()
    assert (filing.organization, filing.region_code) == (nw.city_bureau, "440105000000")


# -- the command and the pages -----------------------------------------------------------------


def test_the_command_checks_and_imports(nw, tmp_path):
    path = tmp_path / "documents.xlsx"
    path.write_bytes(_file([_row(), _doc(2)]).getvalue())
    out = io.StringIO()
    call_command("import_normative_documents", str(path), user="clerk_haizhu", check=True,
                 stdout=out)  # fmt: skip
    assert NormativeDocument.objects.count() == 0 and "2" in out.getvalue()
    call_command("import_normative_documents", str(path), user="agency_haizhu", stdout=out)
    assert NormativeDocument.objects.count() == 2
    assert set(NormativeDocument.objects.values_list("created_by__username", flat=True)) == {
        "agency_haizhu"
    }
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(_file([_doc(3, 施行日期=D(2026, 3, 1))]).getvalue())
    err = io.StringIO()
    with pytest.raises(CommandError):
        call_command("import_normative_documents", str(bad), user="clerk_haizhu", stderr=err)
    assert "2\t施行日期\t" in err.getvalue()
    assert NormativeDocument.objects.count() == 2
    with pytest.raises(CommandError):  # the same file again
        call_command("import_normative_documents", str(path), user="clerk_haizhu",
                     stderr=io.StringIO())  # fmt: skip
    with pytest.raises(CommandError):
        call_command("import_normative_documents", str(path), user="leader_gz")
    with pytest.raises(CommandError):
        call_command("import_normative_documents", str(path), user="nobody")


def test_the_template_download(nw, client):
    client.force_login(nw.agency_haizhu)
    response = client.get(reverse("normative:document_import_template"))
    assert response.status_code == 200
    assert load_workbook(io.BytesIO(response.content)).sheetnames[0] == "规范性文件"
    assert "attachment" in response["Content-Disposition"]
    client.force_login(nw.leader_gz)
    assert client.get(reverse("normative:document_import_template")).status_code == 403


def test_the_upload_page_and_the_link_from_the_list(nw, client):
    """GET shows the form; a bad file writes nothing and lists its problems by row and
    column; a good one is written and leads to the documents list, which links to the
    import for those who may import."""
    url = reverse("normative:document_import")
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(nw.agency_haizhu)
    listing = client.get(reverse("normative:document_list")).content.decode()
    assert 'id="document-import"' in listing and url in listing
    page = client.get(url)
    assert page.status_code == 200
    assert reverse("normative:document_import_template") in page.content.decode()
    upload = SHEET.upload
    bad = client.post(url, {"file": upload([_row(文件类别="规章")])})
    assert bad.status_code == 200
    text = bad.content.decode()
    assert 'id="import-errors"' in text and "文件类别" in text
    assert NormativeDocument.objects.count() == 0
    good = client.post(url, {"file": upload([_row()])})
    assert good.status_code == 302 and good["Location"] == reverse("normative:document_list")
    assert NormativeDocument.objects.count() == 1
    client.force_login(nw.leader_gz)
    assert client.get(url).status_code == 403
    listing = client.get(reverse("normative:document_list")).content.decode()
    assert 'id="document-import"' not in listing
