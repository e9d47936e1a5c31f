"""Reporting, publishing and withdrawing enforcement decisions (enforcement.decision_services),
with the statutes' rules: at least two officers holding a valid certificate on the decision day
(行政处罚法 = CF Art. 42 ✅), the legal review of Art. 58 recorded or flagged missing, the
publicity window (7 working days for licences and penalties, 20 for the others: 国办发〔2018〕
118号 ◑ ❓) and the withdrawal within 3 working days after a change (CF Art. 48 ¶2 + Art. 85 ✅).

Worked dates (2026, the project's calendar: 清明 Mon 6 April; 劳动节 Fri 1 – Tue 5 May, make-up
working day Sat 9 May; 端午 Fri 19 June):
- penalty decided Mon 2 March → 7 working days: Tue 3, Wed 4, Thu 5, Fri 6, Mon 9, Tue 10, Wed 11
  → Wed 11 March;
- penalty decided Wed 29 April → Thu 30 April (1), 1–5 May holiday, Wed 6 (2), Thu 7 (3), Fri 8
  (4), Sat 9 调休 (5), Mon 11 (6), Tue 12 (7) → Tue 12 May;
- inspection decided Thu 2 April → 20 working days: 3 (1), [6 清明], 7–10 (5), 13–17 (10),
  20–24 (15), 27–30 (19), [1–5 May], Wed 6 May (20) → Wed 6 May;
- changed Thu 30 April → 3 working days: Wed 6, Thu 7, Fri 8 May → Fri 8 May;
- penalty decided Mon 28 December 2026 → Tue 29, Wed 30, Thu 31 (3), [Fri 1 January 2027: New
  Year's Day, provisional], Mon 4, Tue 5, Wed 6, Thu 7 → Thu 7 January 2027, provisional (the
  2027 schedule is not in the calendar).
"""

from __future__ import annotations

import datetime

import pytest
from django.utils.translation import gettext as _

from cases import calendar
from cases.models import CalendarDay, CalendarYear, DayKind
from core.errors import InvalidInput, PermissionDenied
from enforcement import decision_services as services
from enforcement import publication
from enforcement.decision_models import Decision, DecisionOfficer
from enforcement.tests.conftest import on
from enforcement.tests.decision_world import build, data, report

D = datetime.date
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("june_2026")]


@pytest.fixture
def dw(ew, settings):
    return build(ew, settings)


def refused(w, field, *, actor=None, **changes) -> list[str]:
    with pytest.raises(InvalidInput) as caught:
        report(w, actor=actor, **changes)
    assert field in caught.value.fields, caught.value.fields
    assert Decision.objects.count() == 0 and DecisionOfficer.objects.count() == 0
    return caught.value.fields[field]


# -- reporting ---------------------------------------------------------------------------------


def test_a_decision_is_recorded_with_its_officers_and_window(dw):
    w = dw
    decision, created = report(w)
    assert created and decision.source == "api" and decision.created_by == w.agency_haizhu
    assert (decision.agency, decision.region_code, decision.power) == (
        w.haizhu_agency,
        "440105000000",
        w.p_penalty,
    )
    assert {(h.officer, h.certificate) for h in decision.handlers.all()} == {
        (w.zhang, w.c_zhang),
        (w.li, w.c_li),
    }
    assert (decision.publication_due, decision.publication_due_provisional) == (
        D(2026, 3, 11),
        False,
    )
    assert not decision.published_on_time


def test_reporting_again_returns_the_recorded_decision_unchanged(dw):
    w = dw
    first, _c = report(w)
    again, created = report(w, result="另一个内容", officers=["44010500001"])
    assert (created, again.pk, again.result) == (False, first.pk, "警告，并处罚款5000元")
    assert Decision.objects.count() == 1 and DecisionOfficer.objects.count() == 2


@pytest.mark.parametrize(("kind", "decided", "due"), [
    ("penalty", D(2026, 4, 29), D(2026, 5, 12)),  # across 劳动节 and its make-up Saturday
    ("licence", D(2026, 3, 2), D(2026, 3, 11)),
    ("inspection", D(2026, 4, 2), D(2026, 5, 6)),  # 20 working days, across 清明 and 劳动节
])  # fmt: skip
def test_the_publication_window_in_working_days(dw, kind, decided, due):
    w = dw
    changes = {"kind": kind, "decided_on": decided}
    if kind != "penalty":
        changes |= {"penalty_kinds": [], "fine_amount": None,
                    "power_code": "L-001" if kind == "licence" else ""}  # fmt: skip
    decision, _c = report(w, **changes)
    assert decision.publication_due == due


def test_the_window_is_configurable(dw, settings):
    settings.FAZHI_ENFORCEMENT_PUBLICATION_DAYS = 5  # Mon 2 March + 5 → Mon 9 March
    decision, _c = report(dw)
    assert decision.publication_due == D(2026, 3, 9)


def test_a_window_into_a_year_without_a_schedule_is_provisional_and_recounted(dw):
    w = dw
    with on(D(2027, 1, 8)):
        decision, _c = report(w, decided_on=D(2026, 12, 28), published_on=D(2027, 1, 8))
    assert (decision.publication_due, decision.publication_due_provisional) == (D(2027, 1, 7), True)
    assert not decision.published_on_time  # 8 January on the provisional calendar: late
    # The 2027 schedule is entered with Thursday 7 January as a rest day (a made-up schedule).
    CalendarYear.objects.create(year=2027, source="manual")
    for day in (D(2027, 1, 1), D(2027, 1, 7)):
        CalendarDay.objects.create(date=day, year=2027, kind=DayKind.REST, name="元旦")
    calendar.invalidate()
    assert publication.recompute() == 1
    decision.refresh_from_db()
    assert (decision.publication_due, decision.publication_due_provisional) == (
        D(2027, 1, 8),
        False,
    )
    assert decision.published_on_time


def test_entering_a_schedule_recounts_after_it_is_committed(dw, django_capture_on_commit_callbacks):
    w = dw
    with on(D(2026, 12, 30)):
        decision, _c = report(w, decided_on=D(2026, 12, 28))
    with django_capture_on_commit_callbacks(execute=True):
        CalendarDay.objects.create(date=D(2027, 1, 1), year=2027, kind=DayKind.REST, name="元旦")
        calendar.invalidate()
        CalendarYear.objects.create(year=2027, source="manual")
    decision.refresh_from_db()
    assert (decision.publication_due, decision.publication_due_provisional) == (
        D(2027, 1, 7),
        False,
    )


# -- the officers (CF Art. 42) -------------------------------------------------------------------


def test_one_officer_is_not_enough(dw):
    (message,) = refused(dw, "officers", officers=["44010500001"])
    assert "第四十二条" in message  # CF Art. 42, as the Chinese message cites it


def test_an_officer_whose_certificate_is_suspended_is_named(dw):
    (message,) = refused(dw, "officers", officers=["44010500001", "44010500003"])
    assert "王芳" in message and "44010500003" in message and "2026-03-02" in message


def test_the_certificate_is_read_on_the_decision_day(dw):
    # 王芳's certificate was suspended from Mon 2 March: valid on Fri 27 February.
    decision, created = report(dw, decided_on=D(2026, 2, 27),
                               officers=["44010500001", "44010500003"])  # fmt: skip
    assert created and {h.officer.name for h in decision.handlers.all()} == {"张伟", "王芳"}


def test_an_officer_of_another_body_or_an_unknown_number(dw):
    (message,) = refused(dw, "officers", officers=["44010500001", "44010500004"])
    assert "赵敏" in message and "海珠区市场监督管理局" in message
    (message,) = refused(dw, "officers", officers=["44010500001", "44019999999"])
    assert "44019999999" in message
    refused(dw, "officers", officers=["44010500001", " 4401 0500 001 "])  # the same, twice


def test_a_decision_before_the_certificates_were_issued(dw):
    (message,) = refused(dw, "officers", decided_on=D(2025, 5, 30), power_code="")
    assert "张伟" in message


# -- bad input: the field named, nothing written -------------------------------------------------


@pytest.mark.parametrize(("changes", "field"), [
    ({"body": None}, "body"),
    ({"case_number": "  "}, "case_number"),
    ({"case_number": "号" * 65}, "case_number"),
    ({"kind": "adjudication"}, "kind"),
    ({"power_code": "P-999"}, "power_code"),
    ({"power_code": "L-001"}, "power_code"),
    ({"party_kind": ""}, "party_kind"),
    ({"party_name": ""}, "party_name"),
    ({"party_id_number": "91440105MA59ABCD18"}, "party_id_number"),
    ({"party_kind": "person", "party_id_number": "91440105MA59ABCD17"}, "party_id_number"),
    ({"decided_on": None}, "decided_on"),
    ({"decided_on": D(2026, 6, 11)}, "decided_on"),
    ({"decided_on": D(1999, 12, 31)}, "decided_on"),
    ({"facts": ""}, "facts"),
    ({"legal_basis": ""}, "legal_basis"),
    ({"result": ""}, "result"),
    ({"penalty_kinds": []}, "penalty_kinds"),
    ({"penalty_kinds": ["fine", "flogging"]}, "penalty_kinds"),
    ({"fine_amount": None}, "fine_amount"),
    ({"fine_amount": "-5"}, "fine_amount"),
    ({"fine_amount": "5000.001"}, "fine_amount"),
    ({"penalty_kinds": ["warning"]}, "fine_amount"),
    ({"kind": "inspection", "power_code": ""}, "penalty_kinds"),
    ({"recorded_full_process": None}, "recorded_full_process"),
    ({"legal_review_triggers": ["whim"]}, "legal_review_triggers"),
    ({"legal_reviewed_on": D(2026, 3, 3)}, "legal_reviewed_on"),
    ({"publication_required": False}, "publication_exempt_reason"),
    ({"publication_required": False, "publication_exempt_reason": "涉及国家秘密",
      "published_on": D(2026, 3, 5)}, "published_on"),
    ({"publication_exempt_reason": "涉及国家秘密"}, "publication_exempt_reason"),
    ({"published_on": D(2026, 3, 1)}, "published_on"),
    ({"published_on": D(2026, 6, 11)}, "published_on"),
    ({"withdrawal_ground": "revoked", "changed_on": D(2026, 4, 30)}, "withdrawal_ground"),
])  # fmt: skip
def test_bad_input_names_the_field_and_writes_nothing(dw, changes, field):
    refused(dw, field, **changes)


def test_the_body_must_stand_on_the_decision_day(dw):
    w = dw
    (message,) = refused(w, "body", decided_on=D(2018, 12, 31), power_code="")
    assert "海珠区市场监督管理局" in message


def test_a_required_legal_review_left_out_is_recorded_and_flagged(dw):
    """CF Art. 58: the review is mandatory in its four cases; a decision reported without it is
    what the agency did, recorded, and shown as missing (never refused: the supervision needs
    to see it)."""
    decision, created = report(dw, legal_review_triggers=["hearing", "public_interest"])
    assert created and decision.legal_review_required and decision.legal_review_missing
    reviewed, _c = report(dw, case_number="穗海市监罚〔2026〕2号", legal_reviewed_on=D(2026, 2, 27),
                         legal_review_triggers=["complex"])  # fmt: skip
    assert reviewed.legal_review_required and not reviewed.legal_review_missing


# -- who may report ------------------------------------------------------------------------------


def test_an_agency_reports_only_for_its_own_bodies(dw):
    w = dw
    with pytest.raises(PermissionDenied):
        report(w, actor=w.agency_chengguan)
    with pytest.raises(PermissionDenied):
        report(w, actor=w.clerk_baiyun)
    with pytest.raises(PermissionDenied):
        report(w, actor=w.leader_gz)
    assert Decision.objects.count() == 0
    assert report(w, actor=w.clerk_haizhu)[1]  # section staff of the jurisdiction


# -- publishing and withdrawing ------------------------------------------------------------------


def test_publishing_on_time_and_late(dw):
    w = dw
    d1, _c = report(w)
    services.decision_publish(actor=w.agency_haizhu, decision=d1,
                              data={"published_on": D(2026, 3, 11)})  # fmt: skip
    d2, _c = report(w, case_number="穗海市监罚〔2026〕2号")
    services.decision_publish(actor=w.clerk_haizhu, decision=d2,
                              data={"published_on": "2026-03-12"})  # fmt: skip
    d1.refresh_from_db(), d2.refresh_from_db()
    assert (d1.published_on, d1.published_on_time) == (D(2026, 3, 11), True)
    assert (d2.published_on, d2.published_on_time) == (D(2026, 3, 12), False)


@pytest.mark.parametrize(("value", "words"), [
    (None, None), ("2026-06-11", None), ("2026-03-01", None), ("tomorrow", None),
])  # fmt: skip
def test_a_bad_publication_day(dw, value, words):
    w = dw
    decision, _c = report(w)
    with pytest.raises(InvalidInput) as caught:
        services.decision_publish(actor=w.agency_haizhu, decision=decision,
                                  data={"published_on": value})  # fmt: skip
    assert "published_on" in caught.value.fields
    decision.refresh_from_db()
    assert decision.published_on is None


def test_publishing_twice_or_a_decision_not_to_be_published(dw):
    w = dw
    decision, _c = report(w, published_on=D(2026, 3, 5))
    with pytest.raises(InvalidInput):
        services.decision_publish(actor=w.agency_haizhu, decision=decision,
                                  data={"published_on": D(2026, 3, 6)})  # fmt: skip
    secret, _c = report(w, case_number="穗海市监罚〔2026〕9号", publication_required=False,
                       publication_exempt_reason="涉及国家秘密")  # fmt: skip
    assert secret.publication_due is None
    with pytest.raises(InvalidInput) as caught:
        services.decision_publish(actor=w.agency_haizhu, decision=secret,
                                  data={"published_on": D(2026, 3, 6)})  # fmt: skip
    assert "涉及国家秘密" in caught.value.fields["published_on"][0]


def test_only_those_who_may_change_it_publish(dw):
    w = dw
    decision, _c = report(w)
    for actor in (w.leader_gz, w.agency_chengguan, w.clerk_baiyun):
        with pytest.raises(PermissionDenied):
            services.decision_publish(actor=actor, decision=decision,
                                      data={"published_on": D(2026, 3, 6)})  # fmt: skip


def test_withdrawing_within_three_working_days(dw):
    """Changed Thu 30 April: to be withdrawn by Fri 8 May (the holiday 1–5 May not counted)."""
    w = dw
    on_time, _c = report(w, published_on=D(2026, 3, 10))
    late, _c = report(w, case_number="穗海市监罚〔2026〕2号", published_on=D(2026, 3, 10))
    for decision, day in ((on_time, D(2026, 5, 8)), (late, D(2026, 5, 11))):
        services.decision_withdraw(actor=w.agency_haizhu, decision=decision, data={
            "withdrawal_ground": "revoked", "changed_on": D(2026, 4, 30), "withdrawn_on": day,
            "withdrawal_reason": "经行政复议撤销"})  # fmt: skip
        decision.refresh_from_db()
        assert decision.withdrawal_due == D(2026, 5, 8)
    assert (on_time.withdrawn_on_time, late.withdrawn_on_time) == (True, False)
    with pytest.raises(InvalidInput) as caught:  # once only
        services.decision_withdraw(actor=w.agency_haizhu, decision=on_time, data={
            "withdrawal_ground": "revoked", "changed_on": D(2026, 4, 30),
            "withdrawn_on": D(2026, 5, 8), "withdrawal_reason": "x"})  # fmt: skip
    assert "__all__" in caught.value.fields


@pytest.mark.parametrize(("changes", "field"), [
    ({"withdrawal_ground": ""}, "withdrawal_ground"),
    ({"changed_on": None}, "changed_on"),
    ({"changed_on": D(2026, 3, 1)}, "changed_on"),
    ({"withdrawn_on": D(2026, 4, 29)}, "withdrawn_on"),
    ({"withdrawn_on": D(2026, 6, 11)}, "withdrawn_on"),
    ({"withdrawal_reason": " "}, "withdrawal_reason"),
])  # fmt: skip
def test_a_bad_withdrawal_changes_nothing(dw, changes, field):
    w = dw
    decision, _c = report(w, published_on=D(2026, 3, 10))
    values = {"withdrawal_ground": "changed", "changed_on": D(2026, 4, 30),
              "withdrawn_on": D(2026, 5, 6), "withdrawal_reason": "复议决定变更罚款数额"}  # fmt: skip
    with pytest.raises(InvalidInput) as caught:
        services.decision_withdraw(actor=w.agency_haizhu, decision=decision,
                                   data={**values, **changes})  # fmt: skip
    assert field in caught.value.fields
    decision.refresh_from_db()
    assert decision.withdrawn_on is None and decision.changed_on is None


def test_an_unpublished_decision_is_not_withdrawn(dw):
    decision, _c = report(dw)
    with pytest.raises(InvalidInput) as caught:
        services.decision_withdraw(actor=dw.agency_haizhu, decision=decision, data={
            "withdrawal_ground": "changed", "changed_on": D(2026, 4, 30),
            "withdrawn_on": D(2026, 5, 6), "withdrawal_reason": "x"})  # fmt: skip
    assert caught.value.fields["__all__"] == [_("Only a published decision is withdrawn.")]


def test_the_messages_are_the_services_words(dw):
    """Bad input is refused in the user's language (zh-hans by default): compared with the
    message under the active language, whether or not the translations are compiled."""
    (message,) = refused(dw, "facts", facts="")
    assert message == _("Give the facts (the main facts found).")
    assert data(dw)["body"] == dw.shijian_body
