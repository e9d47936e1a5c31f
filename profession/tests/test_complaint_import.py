"""Past complaints imported from Excel (profession.complaint_importing) as closed cases on the
engine, as mediation and legal aid import theirs: a number, one event per step, the clocks
replayed, the penalty within its article's limits (profession.penalties, as the live decision
checks it) and on the public record. All rows or none; an unknown or foreign subject, a bad or
future date, a penalty beyond the article's limits, a decision number used twice are refused
naming row and column, nothing written; the same file is imported once; only a justice bureau's
section staff import. The dates used are past on either test day."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.translation import gettext as _

from cases.models import CaseEvent, Clock
from core.errors import PermissionDenied
from core.models import ImportedFile, Lawyer, Organization, PractitionerStatus
from core.testing import Sheet, cells, filled
from enforcement.tests.conftest import on
from profession.complaint_importing import COLUMNS, import_complaints, template
from profession.models import Complaint, LawFirm, Penalty

pytestmark = pytest.mark.django_db
D = datetime.date

BASE = {"收到日期": "2025-03-03", "被投诉律师或律师事务所": "14401200010000001", "投诉人": "李某",
        "投诉人电话": "13900139000", "投诉事项": "收取代理费后未按约定出庭。",
        "处理结果": "不予处罚", "处理意见": "经调查，投诉事项不属实。", "受理日期": "2025-03-05",
        "办结日期": "2025-04-10"}  # fmt: skip
PENALTY = {"处理结果": "给予处罚", "处理意见": None, "处罚依据": "第四十七条", "警告": "是",
           "罚款（元）": 3000, "处罚决定书文号": "穗司罚〔2025〕7号", "处罚决定日期": "2025-04-10",
           "公开的事实和理由": "该律师收取代理费后未按约定出庭，依照律师法第四十七条给予处罚。"}  # fmt: skip
sheet = Sheet(COLUMNS, BASE, "complaints.xlsx")


def good_rows(pw):
    return [
        sheet.row(),
        sheet.row({"处理结果": "不予受理", "处理意见": "不属于律师执业行为。", "受理日期": None,
                   "收到日期": "2025-05-06", "办结日期": "2025-05-12"}),
        sheet.row(PENALTY),
        sheet.row(PENALTY, {"被投诉律师或律师事务所": pw.firm.licence_number, "处罚依据": "50",
                            "警告": "否", "停业整顿（月）": 2, "罚款（元）": None,
                            "处罚决定书文号": "穗司罚〔2025〕8号", "收到日期": "2025-01-02",
                            "受理日期": None, "处罚决定日期": "2025-04-01",
                            "办结日期": "2025-04-01"}),
    ]  # fmt: skip


def test_past_complaints_are_written_closed_on_the_engine_and_once(pw):
    rows = good_rows(pw)
    result = import_complaints(sheet.file(rows), actor=pw.clerk_city)
    assert result.ok and result.written == 4
    states = dict(Complaint.objects.values_list("received_at__date", "state"))
    assert sorted(Complaint.objects.values_list("state", "outcome")) == [
        ("dismissed", "dismissed"), ("not_accepted", "not_accepted"),
        ("penalised", "penalised"), ("penalised", "penalised")]  # fmt: skip
    assert len(states) == 3
    dismissed = Complaint.objects.get(state="dismissed")
    assert dismissed.number and dismissed.organization == pw.city_bureau
    assert dismissed.region_code == pw.haizhu.code and dismissed.closed_at is not None
    assert (dismissed.concluded_on, dismissed.on_time) == (D(2025, 4, 10), True)
    assert dismissed.findings == "经调查，投诉事项不属实。"
    assert list(CaseEvent.objects.filter(case_id=dismissed.pk).order_by("version")
                .values_list("transition", "on_date")) == [
        ("register", D(2025, 3, 3)), ("accept", D(2025, 3, 5)), ("dismiss", D(2025, 4, 10))]  # fmt: skip
    assert set(Clock.objects.filter(case_id=dismissed.pk).values_list("key", "state")) == {
        ("acceptance", "stopped"),
        ("handling", "stopped"),
    }
    late = Complaint.objects.get(subject_kind="firm")
    assert late.on_time is False  # 2 January to 1 April: beyond the 60 days
    penalty = Penalty.objects.get(decision_number="穗司罚〔2025〕7号")
    assert (penalty.article, penalty.warning, penalty.fine) == ("47", True, 3000)
    assert penalty.decided_by == pw.city_bureau and penalty.subject_name == "陈律师"
    closure = Penalty.objects.get(decision_number="穗司罚〔2025〕8号")
    assert (closure.effective_from, closure.effective_until) == (D(2025, 4, 1), D(2025, 5, 31))
    # The same file again: refused as a whole, nothing written twice.
    again = import_complaints(sheet.file(rows), actor=pw.clerk_city)
    assert not again.ok and again.errors[0].row == 0
    assert Complaint.objects.count() == 4 and ImportedFile.objects.count() == 1


def test_a_district_clerk_imports_for_the_district_through_the_template(pw):
    rows = good_rows(pw)[:2]
    result = import_complaints(filled(template(), rows), actor=pw.clerk_haizhu)
    assert result.ok and Complaint.objects.filter(organization=pw.haizhu_bureau).count() == 2


def test_each_bad_row_is_named_and_nothing_is_written(pw):
    import_complaints(sheet.file([sheet.row(PENALTY, 处罚决定书文号="穗司罚〔2024〕1号")]),
                      actor=pw.clerk_city)  # fmt: skip
    before = (Complaint.objects.count(), Penalty.objects.count(), CaseEvent.objects.count())
    rows = [
        sheet.row(),
        sheet.row(被投诉律师或律师事务所="14401299999999999"),  # unknown
        sheet.row(被投诉律师或律师事务所=pw.lawyer_baiyun.licence_number),  # 白云's
        sheet.row(收到日期="2025-02-30"),
        sheet.row(办结日期="2099-01-01"),
        sheet.row(办结日期="2025-03-01"),  # before receipt
        sheet.row(PENALTY, {"罚款（元）": 6000}),  # Art. 47: at most 5,000
        sheet.row(PENALTY, {"处罚依据": "第五十条", "处罚决定书文号": "穗司罚〔2025〕8号"}),
        sheet.row(PENALTY, {"罚款（元）": -100, "处罚决定书文号": "穗司罚〔2025〕9号"}),
        sheet.row(PENALTY, {"处罚决定书文号": "穗司罚〔2025〕9号", "停止执业（月）": 4}),
        sheet.row(PENALTY, {"处罚决定书文号": "穗司罚〔2024〕1号"}),  # recorded already
        sheet.row(
            PENALTY,
            {
                "处罚决定书文号": "穗司罚〔2025〕10号",
                "公开的事实和理由": "投诉人李某反映该律师未出庭。",
            },
        ),
        sheet.row({"罚款（元）": 100}),  # a penalty column on a dismissed complaint
    ]
    result = import_complaints(sheet.file(rows), actor=pw.clerk_haizhu)
    assert not result.ok and result.written == 0
    assert cells(result) == [
        (3, "被投诉律师或律师事务所"), (4, "被投诉律师或律师事务所"), (5, "收到日期"),
        (6, "办结日期"), (7, "办结日期"), (8, "罚款（元）"), (9, "处罚依据"), (10, "罚款（元）"),
        (11, "停止执业（月）"), (11, "处罚决定书文号"), (12, "处罚决定书文号"), (13, "公开的事实和理由"), (14, "罚款（元）"),
    ]  # fmt: skip
    reasons = {(e.row, e.column): e.reason for e in result.errors}
    assert reasons[8, "罚款（元）"] == _(
        "Art. %(article)s allows a fine of at most %(max)s yuan."
    ) % {"article": "47", "max": "5,000"}
    # Another jurisdiction's lawyer is not named.
    assert reasons[4, "被投诉律师或律师事务所"] == _(
        "This number is registered outside your jurisdiction; it cannot be imported."
    )
    assert reasons[12, "处罚决定书文号"] == _(
        "A penalty with this decision number is recorded already."
    )
    assert (Complaint.objects.count(), Penalty.objects.count(),
            CaseEvent.objects.count()) == before  # fmt: skip
    assert ImportedFile.objects.count() == 1


def test_only_a_bureaus_section_staff_import(pw, client):
    for actor in (pw.office_haizhu, pw.leader_gz, pw.mediator_haizhu, pw.agency_haizhu):
        with pytest.raises(PermissionDenied):
            import_complaints(sheet.file([sheet.row()]), actor=actor)
    client.force_login(pw.leader_gz)
    assert client.get("/profession/complaints/import/").status_code == 403
    assert client.get("/profession/complaints/import/template/").status_code == 403
    client.force_login(pw.clerk_haizhu)
    assert 'id="complaint-import"' in client.get("/profession/complaints/").content.decode()
    page = client.post("/profession/complaints/import/",
                       {"file": sheet.upload([sheet.row(办结日期="2025-03-01")])})  # fmt: skip
    assert page.status_code == 200 and "办结日期" in page.content.decode()
    assert not Complaint.objects.exists()
    page = client.post("/profession/complaints/import/", {"file": sheet.upload([sheet.row()])})
    assert page.status_code == 302 and Complaint.objects.count() == 1


def test_a_penalty_without_a_city_level_bureau_over_the_subject_is_refused(pw):
    """Arts. 47–50: the city-level bureau decides; a county's bureau is not put in its place."""
    Organization.objects.filter(pk=pw.city_bureau.pk).update(region=pw.baiyun)
    result = import_complaints(sheet.file([sheet.row(PENALTY)]), actor=pw.clerk_haizhu)
    assert cells(result) == [(2, "处罚决定书文号")]
    assert not Penalty.objects.exists() and not Complaint.objects.exists()


@pytest.mark.parametrize("status", [PractitionerStatus.REVOKED, PractitionerStatus.SUSPENDED])
def test_an_imported_penalty_whose_term_has_ended_leaves_a_status_set_by_hand(pw, status):
    """A suspension of 2025, imported in 2026, is history: the lawyer's status set by hand
    (吊销 / 停止执业) is not put back to 执业 by the register's sync."""
    Lawyer.objects.filter(pk=pw.lawyer_a.pk).update(status=status)
    row = sheet.row(PENALTY, {"停止执业（月）": 3, "处罚决定日期": "2025-04-01",
                              "办结日期": "2025-04-01"})  # fmt: skip
    with on(datetime.date(2026, 3, 20)):
        assert import_complaints(sheet.file([row]), actor=pw.clerk_city).ok
    assert Penalty.objects.get().effective_until == datetime.date(2025, 6, 30)
    pw.lawyer_a.refresh_from_db()
    assert pw.lawyer_a.status == status


def test_the_subjects_are_read_once_for_the_whole_file(pw):
    def run(n: int, start: int) -> int:
        rows = [sheet.row(PENALTY, {"处罚决定书文号": f"穗司罚〔2025〕{start + i}号",
                                    "被投诉律师或律师事务所": (pw.lawyer_a, pw.lawyer_b)[i % 2]
                                    .licence_number}) for i in range(n)]  # fmt: skip
        rows += [sheet.row(被投诉律师或律师事务所=pw.firm.licence_number)] * n
        actor = type(pw.clerk_city).objects.get(pk=pw.clerk_city.pk)
        with CaptureQueriesContext(connection) as queries:
            assert import_complaints(sheet.file(rows), actor=actor, write=False).ok
        return len(queries)

    run(1, 100)  # caches warmed
    assert run(2, 200) == run(6, 300)
    assert LawFirm.objects.count() == 2
