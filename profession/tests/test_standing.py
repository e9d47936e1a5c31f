"""A decided penalty's effect on the register (律师法 Arts. 47–50; profession.standing), on worked
dates, and legal aid's pool reading it (legalaid assigns only practising lawyers).

Worked example: a complaint against 陈律师 received Mon 2 Mar 2026, accepted 3 Mar, a penalty
proposed 6 Mar by 海珠区司法局 (Art. 52); on Tue 10 Mar 2026 广州市司法局 decides a suspension of
practice of 3 months under Art. 47 (its maximum), taking effect on Sun 15 Mar 2026. Its first
day counted, the term ends the day before the corresponding day of its third month (Civil Code
Art. 202): 15 Mar … 14 Jun 2026. 陈律师 may be assigned until 14 Mar, not
from 15 Mar to 14 Jun, and again from Mon 15 Jun 2026."""

from __future__ import annotations

import datetime
from types import SimpleNamespace

import pytest

from cases import daily
from core.errors import InvalidInput
from core.models import (
    Lawyer,
    Membership,
    Organization,
    OrganizationKind,
    PractitionerStatus,
    Region,
    User,
)
from core.roles import Role
from enforcement.tests.conftest import on
from legalaid.selectors import assignable_lawyers
from profession.models import LawFirm, Penalty
from profession.standing import lawyer_status_on, sync, term_end
from profession.tests.conftest import complain, fire

pytestmark = pytest.mark.django_db
D = datetime.date


def _decide(w, *, subject=None, firm=None, day=None, decider=None, **measures):
    complaint = complain(w, D(2026, 3, 2), lawyer=subject, firm=firm)
    complaint = fire(complaint, "accept", w.clerk_haizhu, D(2026, 3, 3))
    complaint = fire(complaint, "propose", w.clerk_haizhu, D(2026, 3, 6), findings="属实。")
    n = Penalty.objects.count() + 1
    return fire(complaint, "decide", decider or w.clerk_city, day or D(2026, 3, 10), decision_number=f"穗司罚〔2026〕{n}号",
                summary="违反律师法。", **measures)  # fmt: skip


def _drawable(w, lawyer) -> bool:
    """Whether legal aid may assign `lawyer` (a centre of 海珠 with no pool yet: any practising
    lawyer of the district, legalaid.selectors.assignable_lawyers)."""
    case = SimpleNamespace(organization_id=0, region_code=w.haizhu.code)
    return assignable_lawyers(case).filter(pk=lawyer.pk).exists()


def _day(w, day):
    with on(day):
        daily.run(day)
    w.lawyer_a.refresh_from_db()
    return w.lawyer_a.status


@pytest.mark.parametrize(("start", "months", "last"), [
    (D(2026, 3, 15), 3, D(2026, 6, 14)),
    (D(2026, 1, 31), 1, D(2026, 2, 28)),   # no 31 Feb: the month's last day (Art. 202)
    (D(2026, 3, 1), 1, D(2026, 3, 31)),
    (D(2026, 7, 1), 6, D(2026, 12, 31)),
    (D(2026, 12, 28), 12, D(2027, 12, 27)),
    (D(2026, 1, 28), 1, D(2026, 2, 27)),
])  # fmt: skip
def test_the_last_day_of_a_term(start, months, last):
    assert term_end(start, months) == last


def test_a_suspension_takes_the_lawyer_off_the_pool_for_its_term(pw):
    """Art. 47: suspension of at most 3 months; decided 10 Mar, from 15 Mar → 15 Mar–14 Jun."""
    w = pw
    _decide(w, article="47", suspension_months=3, effective_from="2026-03-15")
    penalty = Penalty.objects.get()
    assert (penalty.effective_from, penalty.effective_until) == (D(2026, 3, 15), D(2026, 6, 14))
    w.lawyer_a.refresh_from_db()
    assert w.lawyer_a.status == PractitionerStatus.PRACTISING and _drawable(w, w.lawyer_a)
    assert _day(w, D(2026, 3, 14)) == PractitionerStatus.PRACTISING and _drawable(w, w.lawyer_a)
    for day in (D(2026, 3, 15), D(2026, 5, 1), D(2026, 6, 14)):
        assert _day(w, day) == PractitionerStatus.SUSPENDED, day
        assert not _drawable(w, w.lawyer_a)
        assert lawyer_status_on(w.lawyer_a, day) == PractitionerStatus.SUSPENDED
    assert _day(w, D(2026, 6, 15)) == PractitionerStatus.PRACTISING and _drawable(w, w.lawyer_a)
    assert lawyer_status_on(w.lawyer_a, D(2026, 6, 15)) == PractitionerStatus.PRACTISING
    # The other lawyer of the firm is not touched.
    w.lawyer_b.refresh_from_db()
    assert w.lawyer_b.status == PractitionerStatus.PRACTISING


def test_a_suspension_from_the_decision_day_applies_at_once(pw):
    """Without a day named, the term starts on the decision day (10 Mar → 9 Jun for 3 months)."""
    w = pw
    _decide(w, article="47", suspension_months=3)
    penalty = Penalty.objects.get()
    assert (penalty.effective_from, penalty.effective_until) == (D(2026, 3, 10), D(2026, 6, 9))
    w.lawyer_a.refresh_from_db()
    assert w.lawyer_a.status == PractitionerStatus.SUSPENDED and not _drawable(w, w.lawyer_a)


def test_a_revocation_is_for_good(pw):
    """Art. 49: suspension of 6 to 12 months or, in serious cases, revocation (by the provincial
    department)."""
    w = pw
    province = Organization.objects.create(name="广东省司法厅", kind=OrganizationKind.JUSTICE_BUREAU,
                                           region=Region.objects.get(code="440000000000"))  # fmt: skip
    clerk = User.objects.create_user("clerk_gd", password="Testing2026pass")
    Membership.objects.create(user=clerk, organization=province, role=Role.SECTION_STAFF)
    _decide(w, article="49", revocation=True, fine="20000", decider=clerk)
    penalty = Penalty.objects.get()
    assert (penalty.effective_from, penalty.effective_until) == (D(2026, 3, 10), None)
    w.lawyer_a.refresh_from_db()
    assert w.lawyer_a.status == PractitionerStatus.REVOKED
    assert _day(w, D(2030, 1, 1)) == PractitionerStatus.REVOKED and not _drawable(w, w.lawyer_a)


def test_a_fine_alone_changes_nothing_and_a_hand_set_status_is_kept(pw):
    w = pw
    Lawyer.objects.filter(pk=w.lawyer_b.pk).update(status=PractitionerStatus.SUSPENDED)
    _decide(w, article="47", warning=True, fine="3000")
    assert Penalty.objects.get().effective_from is None
    assert _day(w, D(2026, 3, 11)) == PractitionerStatus.PRACTISING
    w.lawyer_b.refresh_from_db()
    assert w.lawyer_b.status == PractitionerStatus.SUSPENDED


def test_a_closure_closes_the_firm_and_suspends_its_lawyers_for_its_term(pw):
    """Art. 50: closure for rectification of 1 to 6 months; 1 month from 10 Mar → 9 Apr."""
    w = pw
    _decide(w, firm=w.firm, article="50", closure_months=1)
    w.firm.refresh_from_db()
    assert w.firm.status == "suspended"
    assert {lw.status for lw in Lawyer.objects.filter(organization=w.firm.organization)} == {
        PractitionerStatus.SUSPENDED}  # fmt: skip
    assert _day(w, D(2026, 4, 9)) == PractitionerStatus.SUSPENDED
    assert _day(w, D(2026, 4, 10)) == PractitionerStatus.PRACTISING and _drawable(w, w.lawyer_b)
    assert LawFirm.objects.get(pk=w.firm.pk).status == "practising"
    w.lawyer_baiyun.refresh_from_db()
    assert w.lawyer_baiyun.status == PractitionerStatus.PRACTISING


def test_a_penalty_cannot_take_effect_before_it_is_decided(pw):
    w = pw
    with pytest.raises(InvalidInput) as refused:
        _decide(w, article="47", suspension_months=3, effective_from="2026-03-09")
    assert list(refused.value.fields) == ["effective_from"]
    assert not Penalty.objects.exists()
    w.lawyer_a.refresh_from_db()
    assert w.lawyer_a.status == PractitionerStatus.PRACTISING


def test_a_dry_run_changes_nothing(pw):
    w = pw
    _decide(w, article="47", suspension_months=3, effective_from="2026-03-15")
    assert sync(D(2026, 3, 20), dry_run=True) == 1
    w.lawyer_a.refresh_from_db()
    assert w.lawyer_a.status == PractitionerStatus.PRACTISING


def test_a_revoked_status_is_never_lifted(pw):
    """A lawyer revoked by hand during a suspension stays revoked when the suspension ends."""
    w = pw
    _decide(w, article="47", suspension_months=3)
    Lawyer.objects.filter(pk=w.lawyer_a.pk).update(status=PractitionerStatus.REVOKED)
    assert _day(w, D(2026, 6, 10)) == PractitionerStatus.REVOKED
