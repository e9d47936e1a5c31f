"""The demo's enforcement supervision (enforcement.demo): calibrated on the sample reports (广州
~1.72 million items of enforcement information published, 白云 7,376; 海珠 473 officers examined),
consistent with the rules — two officers holding a certificate valid on the decision day (CF
Arts. 42, 55), publication within the window (国办发〔2018〕118号 ◑, working days, CF Art. 85),
withdrawal within 3 working days (CF Art. 48 ¶2) — deterministic, with open work for the demo
logins taken through the engine.

The builder is called directly on a world built with the core demo and the holiday calendar
only, on the test day (conftest: FAZHI_TEST_TODAY, 10:00), with the clock stopped there.
"""

from __future__ import annotations

import time
from collections import Counter

import pytest
import time_machine
from django.db import transaction
from django.db.models import Count

from cases.models import Clock
from conftest import frozen_today, moved_now
from core import demo
from core.models import OrganizationKind, User
from enforcement import demo as enforcement_demo
from enforcement import publication
from enforcement.choices import CertificateStatus, PowerKind
from enforcement.complaint_process import C, D
from enforcement.models import (
    Certificate,
    Complaint,
    Decision,
    DecisionOfficer,
    Dispatch,
    EnforcementBody,
    ExamCandidate,
    Officer,
    Power,
    PowerTransfer,
    Suspension,
)
from enforcement.validity import certificate_status_on

TODAY = frozen_today()
NOW = moved_now()
LAST_YEAR = TODAY.year - 1
pytestmark = pytest.mark.django_db


def _build(seed: int) -> tuple[demo.DemoWorld, float]:
    chosen = [b for b in demo._BUILDERS if b[1] == "calendar"]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(demo, "_BUILDERS", chosen)
        world = demo.build(seed=seed, today=TODAY)
    started = time.perf_counter()
    enforcement_demo.build(world)
    return world, time.perf_counter() - started


@pytest.fixture(scope="class")
def built(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        with time_machine.travel(NOW, tick=False):
            world, seconds = _build(11)
        print(f"enforcement demo (small): {seconds:.1f} s")
        yield world
        transaction.set_rollback(True)


class TestSmallDemo:
    def test_registers_for_every_agency_with_powers_and_one_transfer(self, built):
        agencies = {b.agency_id for b in EnforcementBody.objects.all()}
        assert len(agencies) == EnforcementBody.objects.count() >= 40  # 广州: 3 + 11 × 4
        assert "440100000000" in set(EnforcementBody.objects.values_list("region_code", flat=True))
        for body in EnforcementBody.objects.annotate(n=Count("powers")):
            kinds = set(body.powers.values_list("kind", flat=True))
            assert {PowerKind.LICENCE, PowerKind.PENALTY, PowerKind.INSPECTION,
                    PowerKind.COERCION} <= kinds, body  # fmt: skip
        # 综合执法改革 in 白云 on 1 July last year: the penalties end the day before at the
        # housing bureau and continue at the 城管综合执法局, each row linked to its predecessor.
        transfer = PowerTransfer.objects.get()
        assert transfer.region_code == "440111000000"
        assert transfer.effective_on.isoformat() == f"{LAST_YEAR}-07-01"
        moved = Power.objects.filter(transfer=transfer)
        assert moved.count() == 3
        for power in moved:
            assert power.predecessor.valid_until.isoformat() == f"{LAST_YEAR}-06-30"
            assert power.body.name.endswith("城市管理和综合执法局")

    def test_officers_exams_and_certificates_are_calibrated(self, built):
        officers = Officer.objects.all()
        assert officers.count() >= 5 * 40
        # GB 11643: every resident ID's check character is right, and the IDs are unique.
        ids = [o.id_number for o in officers]
        assert len(set(ids)) == len(ids)
        assert all(demo.gb11643_check_digit(i[:17]) == i[17] for i in ids)
        sat = ExamCandidate.objects.filter(score__isnull=False, absent=False)
        rate = sat.filter(passed=True).count() / sat.count()
        assert 0.85 <= rate <= 0.92, rate  # PASS_RATE 0.87 of those who sat
        assert not ExamCandidate.objects.filter(passed=True, score__lt=60).exists()
        # Each officer's latest certificate today: mostly valid (renewed on expiry), some
        # expired (not renewed), suspended (暂扣) or revoked (吊销).
        latest = {}
        for c in Certificate.objects.order_by("issued_on", "pk"):
            latest[c.officer_id] = c
        statuses = Counter(certificate_status_on(c, TODAY) for c in latest.values())
        valid = statuses[CertificateStatus.VALID] / len(latest)
        assert 0.85 <= valid <= 0.97, statuses
        assert statuses[CertificateStatus.EXPIRED] and statuses[CertificateStatus.REVOKED]
        assert Suspension.objects.exists()
        # Most officers hold a valid certificate today (a few failed, are new or lost it).
        assert statuses[CertificateStatus.VALID] >= 0.75 * officers.count()

    def test_decisions_three_years_with_their_publicity(self, built):
        decisions = Decision.objects.all()
        # 600 a year in the small city (±10% a body, rounding, days without two certified).
        last = decisions.filter(decided_on__year=LAST_YEAR).count()
        assert 500 <= last <= 700, last
        assert decisions.filter(decided_on__year=LAST_YEAR - 1).exists()
        assert decisions.filter(decided_on__year=TODAY.year).exists()
        assert not decisions.filter(decided_on__gte=TODAY).exists()
        assert set(decisions.values_list("kind", flat=True)) == {
            PowerKind.LICENCE,
            PowerKind.PENALTY,
            PowerKind.INSPECTION,
            PowerKind.COERCION,
        }
        due = decisions.filter(publication_required=True, publication_due__lt=TODAY)
        on_time = due.filter(published_on_time=True).count() / due.count()
        assert 0.92 <= on_time <= 0.98, on_time
        assert due.filter(published_on_time=False, published_on__isnull=False).exists()
        # Windows as the publicity rules count them; withdrawals mostly within 3 working days.
        dues = publication.Dues()
        for d in decisions.filter(decided_on__year=LAST_YEAR)[:200]:
            before = (d.publication_due, d.published_on_time, d.withdrawal_due, d.withdrawn_on_time)
            publication.apply(d, dues)
            assert before == (d.publication_due, d.published_on_time, d.withdrawal_due,
                              d.withdrawn_on_time)  # fmt: skip
        assert decisions.filter(withdrawn_on__isnull=False).exists()
        # 三项制度: mostly set, a few missing.
        missing = decisions.filter(recorded_full_process=False).count() / decisions.count()
        assert 0.01 <= missing <= 0.06
        required = decisions.filter(legal_review_required=True)
        assert required.exists()
        assert required.filter(legal_reviewed_on__isnull=True).count() < 0.2 * required.count()
        assert not decisions.filter(legal_review_required=False,
                                    legal_reviewed_on__isnull=False).exists()  # fmt: skip

    def test_every_decision_by_two_officers_certified_on_its_day(self, built):
        handlers = DecisionOfficer.objects.select_related("decision", "certificate")
        counts = Decision.objects.annotate(n=Count("handlers")).values_list("n", flat=True)
        assert set(counts) == {2}
        suspensions: dict[int, list] = {}
        for s in Suspension.objects.all():
            suspensions.setdefault(s.certificate_id, []).append(s)
        for h in handlers:
            assert h.certificate.officer_id == h.officer_id
            assert h.certificate.body_id == h.decision.body_id
            status = certificate_status_on(h.certificate, h.decision.decided_on,
                                           suspensions.get(h.certificate_id, []))  # fmt: skip
            assert status == CertificateStatus.VALID, (h.decision.case_number, status)
        # The power exercised was the body's and in force that day (the transfer respected).
        for d in Decision.objects.select_related("power")[:500]:
            assert d.power.body_id == d.body_id and d.power.valid_on(d.decided_on)
            assert d.power.kind == d.kind

    def test_discretion_standards_and_the_penalties_checked_against_them(self, built):
        from enforcement.discretion_models import DiscretionStandard
        from enforcement.discretion_services import check_decision, standard_on

        # A version 1 for every body; the 市场监督管理局s revised from 1 January last year, the
        # 城管 that received the transferred penalties from the transfer day (CF Art. 34).
        standards = DiscretionStandard.objects.all()
        assert set(standards.filter(version=1).values_list("body_id", flat=True)) == set(
            EnforcementBody.objects.values_list("pk", flat=True))  # fmt: skip
        revised = standards.filter(version=2).select_related("body")
        assert revised.exists() and all(
            s.body.name.endswith(("市场监督管理局", "城市管理和综合执法局")) for s in revised)  # fmt: skip
        assert not standards.filter(published_on__isnull=True).exists()
        transfer = PowerTransfer.objects.get()
        taker = standards.get(body=transfer.to_body, version=2)
        assert taker.effective_from == transfer.effective_on
        assert taker.items.filter(power_code__endswith="-Z").exists()
        # Each penalty records the version in force on its day; ~3% of the fines lie outside.
        penalties = Decision.objects.filter(kind=PowerKind.PENALTY).select_related("body", "power")
        assert not penalties.filter(discretion_standard__isnull=True).exists()
        assert not Decision.objects.exclude(kind=PowerKind.PENALTY).filter(
            discretion_standard__isnull=False).exists()  # fmt: skip
        outside = penalties.filter(outside_standard=True).count() / penalties.count()
        assert 0.01 <= outside <= 0.06, outside
        for d in penalties.select_related("discretion_standard")[:300]:
            assert d.discretion_standard == standard_on(d.body, d.decided_on), d.case_number
            assert check_decision(d).flagged is d.outside_standard, d.case_number

    def test_the_logins_have_open_work_through_the_engine(self, built):
        for slug in demo.FOCUS_DISTRICTS.values():
            staff = User.objects.get(username=f"{slug}_staff")
            agency_user = User.objects.get(username=f"{slug}_agency")
            bureau = staff.primary_membership.organization
            assert bureau.kind == OrganizationKind.JUSTICE_BUREAU
            complaints = Complaint.objects.filter(organization=bureau, assignee=staff)
            assert {C.RECEIVED, C.DISPATCHED} <= set(complaints.values_list("state", flat=True))
            mine = Dispatch.objects.restrict(agency_user, "view")
            assert mine.filter(state=D.AWAITING).count() == 2
            assert mine.filter(state=D.REPLIED).count() == 1  # the staff's to verify
            assert set(mine.values_list("agency_id", flat=True)) == {
                agency_user.primary_membership.organization_id
            }
            # One dispatch is past its reply deadline (10 working days) and still running.
            overdue = [d for d in mine.filter(state=D.AWAITING)
                       if Clock.for_case(d).get(key="reply").due_date < TODAY]  # fmt: skip
            assert len(overdue) == 1

    def test_deterministic(self, built):
        first = list(Decision.objects.order_by("pk").values_list("case_number", "decided_on",
                                                                 "published_on")[:50])  # fmt: skip
        assert first[0][0]
        assert len(first) == 50


@pytest.mark.time_machine(NOW)
@pytest.mark.heavy
def test_the_province_builds_at_reduced_volume(regions, monkeypatch):
    """--scale province: every city's agencies get their bodies, officers and decisions (at a
    reduced volume here; core/tests/test_demo_province.py builds it with every line)."""
    monkeypatch.setitem(enforcement_demo.PER_YEAR, "province", 200)
    monkeypatch.setitem(enforcement_demo.OFFICERS, "province", 3)
    monkeypatch.setattr(demo, "_BUILDERS", [b for b in demo._BUILDERS if b[1] == "calendar"])
    world = demo.build(seed=5, scale="province", today=TODAY)
    enforcement_demo.build(world)
    cities = {c.code[:4] for c in demo.CITIES}
    assert {code[:4] for code in EnforcementBody.objects.values_list("region_code", flat=True)} \
        == cities  # fmt: skip
    per_city = Counter(code[:4] for code in Decision.objects.filter(
        decided_on__year=LAST_YEAR).values_list("region_code", flat=True))  # fmt: skip
    assert set(per_city) == cities
    assert sum(per_city.values()) <= 10 * 200 * 1.25
    assert set(Decision.objects.annotate(n=Count("handlers")).values_list("n", flat=True)) == {2}
