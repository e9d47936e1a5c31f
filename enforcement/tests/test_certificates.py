"""Enforcement certificates (执法证件): issued only after a passed exam, one number once, one
certificate in force at a time; the status on any day read from the dates and suspensions; and
`may_handle`, on which the decisions of the next slice rest (CF Art. 42: two officers with
enforcement qualification; Art. 55: the certificate shown; Art. 76(5)).

Worked history of certificate 44010500001 (张伟, 海珠 市监): exam passed Wed 2025-05-20;
issued Mon 2025-06-02, valid until 2028-06-01. Suspended Mon 2026-01-05 (涉嫌违规执法,
under investigation), lifted Mon 2026-02-02 (valid again from that day). Revoked Mon
2026-05-11. Status: 2025-06-01 not yet issued; 2025-06-02 valid; 2026-01-04 valid;
2026-01-05 suspended; 2026-02-01 suspended; 2026-02-02 valid; 2026-05-10 valid; 2026-05-11
revoked; 2028-06-02 still revoked (revocation wins over expiry)."""

from __future__ import annotations

import datetime

import pytest

from core.errors import InvalidInput, PermissionDenied
from enforcement import selectors, services
from enforcement.choices import CertificateStatus as S
from enforcement.models import Certificate, Suspension
from enforcement.tests.conftest import act, id_number, issue, officer, on, qualified

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def zhang(ew):
    o = officer(ew, ew.shijian_body, "张伟", 1)
    qualified(ew, o, D(2025, 5, 20))
    return o


def test_a_certificate_needs_a_passed_exam(ew):
    o = officer(ew, ew.shijian_body, "李强", 2)
    with pytest.raises(InvalidInput) as exc:
        issue(ew, o, "44010500002", D(2025, 6, 2), D(2028, 6, 1))
    assert list(exc.value.fields) == ["officer"]
    qualified(ew, o, D(2025, 5, 20), score=59)  # sat, failed
    with pytest.raises(InvalidInput) as exc:
        issue(ew, o, "44010500002", D(2025, 6, 2), D(2028, 6, 1))
    assert list(exc.value.fields) == ["officer"]
    assert Certificate.objects.count() == 0


def test_a_certificate_rests_on_an_exam_passed_by_the_issue_day(ew, zhang):
    with pytest.raises(InvalidInput) as exc:  # exam passed 2025-05-20, issue 2025-05-19
        issue(ew, zhang, "44010500001", D(2025, 5, 19), D(2028, 6, 1))
    assert list(exc.value.fields) == ["officer"]
    c = issue(ew, zhang, "44010500001", D(2025, 6, 2), D(2028, 6, 1))
    assert (c.exam.sat_on, c.body, c.region_code) == (D(2025, 5, 20), ew.shijian_body,
                                                      "440105000000")  # fmt: skip


def test_a_number_is_used_once_and_dates_are_in_order(ew, zhang):
    issue(ew, zhang, "44010500001", D(2025, 6, 2), D(2028, 6, 1))
    other = officer(ew, ew.shijian_body, "李强", 2)
    qualified(ew, other, D(2025, 5, 20))
    with pytest.raises(InvalidInput) as exc:
        issue(ew, other, "4401 0500 001", D(2025, 6, 2), D(2028, 6, 1))  # spaces ignored
    assert list(exc.value.fields) == ["number"]
    with pytest.raises(InvalidInput) as exc:
        issue(ew, other, "44010500002", D(2025, 6, 2), D(2025, 6, 2))
    assert list(exc.value.fields) == ["valid_until"]
    with on(D(2026, 6, 10)), pytest.raises(InvalidInput) as exc:
        services.certificate_issue(actor=ew.clerk_haizhu, officer=other, data={
            "number": "44010500002", "issued_on": D(2026, 6, 11), "valid_until": D(2029, 1, 1)})  # fmt: skip
    assert list(exc.value.fields) == ["issued_on"]
    assert Certificate.objects.count() == 1


def test_one_certificate_in_force_at_a_time(ew, zhang):
    first = issue(ew, zhang, "44010500001", D(2025, 6, 2), D(2028, 6, 1))
    with pytest.raises(InvalidInput) as exc:
        issue(ew, zhang, "44010500009", D(2026, 3, 2), D(2029, 3, 1))
    assert list(exc.value.fields) == ["officer"]
    act(ew, "cancel", first, D(2026, 3, 2), "换发新证")
    second = issue(ew, zhang, "44010500009", D(2026, 3, 2), D(2029, 3, 1))
    assert selectors.certificate_on(zhang, D(2026, 3, 1)) == first
    assert selectors.certificate_on(zhang, D(2026, 3, 2)) == second


def test_the_status_on_each_day_of_the_worked_history(ew, zhang):
    c = issue(ew, zhang, "44010500001", D(2025, 6, 2), D(2028, 6, 1))
    act(ew, "suspend", c, D(2026, 1, 5), "涉嫌违规执法，接受调查")
    act(ew, "lift", c, D(2026, 2, 2), "调查结束")
    c.refresh_from_db()
    expected = {D(2025, 6, 1): S.NOT_YET, D(2025, 6, 2): S.VALID, D(2026, 1, 4): S.VALID,
                D(2026, 1, 5): S.SUSPENDED, D(2026, 2, 1): S.SUSPENDED, D(2026, 2, 2): S.VALID,
                D(2026, 5, 10): S.VALID, D(2028, 6, 1): S.VALID, D(2028, 6, 2): S.EXPIRED}  # fmt: skip
    for day, status in expected.items():
        assert c.status_on(day) == status, day
    act(ew, "revoke", c, D(2026, 5, 11), "违法执法造成严重后果")
    c.refresh_from_db()
    assert c.status_on(D(2026, 5, 10)) == S.VALID
    assert c.status_on(D(2026, 5, 11)) == S.REVOKED
    assert c.status_on(D(2028, 6, 2)) == S.REVOKED
    # The list's filter reads the same statuses from the database.
    from enforcement.validity import certificate_status_q

    for day in [*expected, D(2026, 5, 11)]:
        got = {
            s
            for s in S.values
            if Certificate.objects.filter(certificate_status_q(s, day), pk=c.pk).exists()
        }
        assert got == {c.status_on(day)}, day


def test_may_handle_answers_with_the_reason(ew, zhang):
    c = issue(ew, zhang, "44010500001", D(2025, 6, 2), D(2028, 6, 1))
    act(ew, "suspend", c, D(2026, 1, 5), "接受调查")
    ok, reason = selectors.may_handle(zhang, D(2026, 1, 4))
    assert ok and "44010500001" in reason
    ok, reason = selectors.may_handle(zhang, D(2026, 1, 5))
    assert not ok and str(S.SUSPENDED.label) in reason
    assert services.may_handle is selectors.may_handle  # the service slice 2 calls
    nobody = officer(ew, ew.shijian_body, "李强", 2)
    ok, reason = selectors.may_handle(nobody, D(2026, 1, 5))
    assert not ok and "李强" in reason
    assert selectors.may_handle(zhang, D(2025, 6, 1)).ok is False  # before the issue day


def test_suspension_lifting_and_ending_refuse_what_does_not_fit(ew, zhang):
    c = issue(ew, zhang, "44010500001", D(2025, 6, 2), D(2028, 6, 1))
    with pytest.raises(InvalidInput) as exc:  # no reason
        act(ew, "suspend", c, D(2026, 1, 5), "")
    assert list(exc.value.fields) == ["reason"]
    with pytest.raises(InvalidInput) as exc:  # not suspended
        act(ew, "lift", c, D(2026, 1, 5))
    assert list(exc.value.fields) == ["on_date"]
    with pytest.raises(InvalidInput) as exc:  # before the issue day
        act(ew, "suspend", c, D(2025, 6, 1), "x")
    assert list(exc.value.fields) == ["on_date"]
    act(ew, "suspend", c, D(2026, 1, 5), "接受调查")
    with pytest.raises(InvalidInput):  # suspended already
        act(ew, "suspend", c, D(2026, 1, 6), "x")
    with pytest.raises(InvalidInput):  # lifted on the day it began
        act(ew, "lift", c, D(2026, 1, 5))
    act(ew, "revoke", c, D(2026, 2, 1), "严重违法")
    with pytest.raises(InvalidInput):  # revoked already
        act(ew, "cancel", c, D(2026, 3, 1), "x")
    with pytest.raises(PermissionDenied):  # agency handlers change no certificate
        act(ew, "lift", c, D(2026, 3, 1), actor=ew.agency_haizhu)
    assert Suspension.objects.count() == 1


def test_after_revocation_a_new_certificate_needs_a_new_exam(ew, zhang):
    c = issue(ew, zhang, "44010500001", D(2025, 6, 2), D(2028, 6, 1))
    act(ew, "revoke", c, D(2025, 12, 1), "严重违法")
    with pytest.raises(InvalidInput) as exc:
        issue(ew, zhang, "44010500007", D(2026, 3, 2), D(2029, 3, 1))
    assert list(exc.value.fields) == ["officer"]
    qualified(ew, zhang, D(2026, 2, 10))
    assert issue(ew, zhang, "44010500007", D(2026, 3, 2), D(2029, 3, 1)).exam.sat_on == D(
        2026, 2, 10
    )


def test_a_failed_annual_review_suspends_the_certificate(ew, zhang):
    c = issue(ew, zhang, "44010500001", D(2025, 6, 2), D(2028, 6, 1))
    with on(D(2026, 3, 10)):
        services.annual_review_record(actor=ew.clerk_haizhu, certificate=c, data={
            "year": 2025, "reviewed_on": D(2026, 3, 10), "passed": False,
            "remarks": "年度培训学时不足"})  # fmt: skip
    assert c.status_on(D(2026, 3, 9)) == S.VALID
    assert c.status_on(D(2026, 3, 10)) == S.SUSPENDED
    with pytest.raises(InvalidInput) as exc:  # the same year twice
        services.annual_review_record(actor=ew.clerk_haizhu, certificate=c, data={
            "year": 2025, "reviewed_on": D(2026, 3, 11), "passed": True})  # fmt: skip
    assert list(exc.value.fields) == ["year"]
    with pytest.raises(InvalidInput) as exc:
        services.annual_review_record(actor=ew.clerk_haizhu, certificate=c, data={
            "year": 2031, "reviewed_on": "", "passed": ""})  # fmt: skip
    assert set(exc.value.fields) == {"year", "reviewed_on", "passed"}
    act(ew, "lift", c, D(2026, 4, 1), "补足学时")
    services.annual_review_record(actor=ew.clerk_haizhu, certificate=c, data={
        "year": 2026, "reviewed_on": D(2026, 6, 1), "passed": True})  # fmt: skip
    assert c.status_on(D(2026, 6, 1)) == S.VALID


def test_each_change_is_in_the_audit_log_with_its_actor(ew, zhang):
    from auditlog.models import LogEntry

    c = issue(ew, zhang, "44010500001", D(2025, 6, 2), D(2028, 6, 1))
    act(ew, "revoke", c, D(2026, 5, 11), "违法执法")
    entries = LogEntry.objects.get_for_object(c).order_by("timestamp", "id")
    assert [(e.action, e.actor) for e in entries] == [
        (LogEntry.Action.CREATE, ew.clerk_haizhu),
        (LogEntry.Action.UPDATE, ew.clerk_haizhu),
    ]
    officer_entry = LogEntry.objects.get_for_object(zhang).first()
    assert id_number(1) not in str(officer_entry.changes)
