"""The mediation process on the case engine (People's Mediation Law; reference §3)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import override_settings

from cases import engine
from cases.models import CaseEvent, Clock, ClockState, StateLocked
from conftest import frozen_today
from core.errors import Conflict, InvalidInput, PermissionDenied
from mediation.models import Dispute
from mediation.tests.factories import make_dispute

pytestmark = pytest.mark.django_db


@pytest.fixture
def dispute(world):
    return make_dispute(organization=world.haizhu_committee, actor=world.mediator_haizhu)


def test_registration_numbers_the_case_and_logs_the_event(world, dispute):
    year = frozen_today().year
    assert dispute.number == f"（{year}）穗海赤调字第0001号"
    assert dispute.state == "registered"
    assert dispute.team == world.haizhu_committee
    assert [e.transition for e in CaseEvent.for_case(dispute)] == ["register"]
    assert dispute.dispute_parties.count() == 2


def test_state_cannot_be_assigned_outside_the_engine(dispute):
    dispute.state = "agreed"
    with pytest.raises(StateLocked):
        dispute.save()


def test_accept_requires_consent_and_names_it(world, dispute):
    with pytest.raises(InvalidInput) as exc:
        engine.fire(dispute, "accept", actor=world.mediator_haizhu, data={"accepted_on": ""},
                    version=1)  # fmt: skip
    assert "consent" in exc.value.fields
    assert "accepted_on" in exc.value.fields
    dispute.refresh_from_db()
    assert dispute.state == "registered" and dispute.version == 1


def test_wrong_role_is_refused_with_who_may(world, dispute):
    with pytest.raises(PermissionDenied) as exc:
        engine.fire(dispute, "accept", actor=world.leader_gz,
                    data={"consent": True, "accepted_on": frozen_today()}, version=1)  # fmt: skip
    assert "人民调解员" in exc.value.message
    dispute.refresh_from_db()
    assert dispute.state == "registered"


def test_foreign_district_cannot_see_the_case(world, dispute):
    from core.errors import NotFound

    with pytest.raises(NotFound):
        engine.fire(dispute, "accept", actor=world.mediator_baiyun,
                    data={"consent": True}, version=1)  # fmt: skip


def test_stale_version_is_a_conflict(world, dispute):
    today = frozen_today()
    engine.fire(dispute, "accept", actor=world.mediator_haizhu,
                data={"consent": True, "accepted_on": today}, version=1)  # fmt: skip
    with pytest.raises(Conflict):
        engine.fire(dispute, "refuse", actor=world.office_haizhu,
                    data={"reason": "x"}, version=1)  # fmt: skip


def _to_mediating(world, dispute, day):
    d = engine.fire(dispute, "accept", actor=world.mediator_haizhu,
                    data={"consent": True, "accepted_on": day}, version=dispute.version)  # fmt: skip
    return engine.fire(d, "record_session", actor=world.mediator_haizhu, version=d.version,
                       data={"held_on": day, "place": "调委会调解室", "notes": "双方陈述"})  # fmt: skip


def test_written_agreement_without_signatures_is_refused(world, dispute):
    day = frozen_today()
    d = _to_mediating(world, dispute, day)
    with pytest.raises(InvalidInput) as exc:
        engine.fire(d, "reach_agreement", actor=world.mediator_haizhu, version=d.version,
                    data={"form": "written", "terms": "赔偿3000元", "performance": "7日内付清",
                          "effective_on": day, "parties_signed": True})  # fmt: skip
    assert set(exc.value.fields) == {"mediator_signed", "committee_sealed"}
    d.refresh_from_db()
    assert d.state == "mediating" and d.outcome == ""


def test_full_journey_stops_and_starts_the_clocks(world, dispute):
    day = frozen_today()
    d = _to_mediating(world, dispute, day)
    term = Clock.for_case(d).get(key="mediation_term")
    assert term.state == ClockState.RUNNING and term.unit == "months"
    d = engine.fire(d, "reach_agreement", actor=world.mediator_haizhu, version=d.version,
                    data={"form": "written", "terms": "赔偿3000元", "performance": "7日内付清",
                          "effective_on": day, "parties_signed": True, "mediator_signed": True,
                          "committee_sealed": True})  # fmt: skip
    assert d.state == "agreed" and d.outcome == "succeeded" and d.closed_at
    term.refresh_from_db()
    assert term.state == ClockState.STOPPED and term.status() == "met"
    window = Clock.for_case(d).get(key="confirmation_window")
    assert window.started_on == day
    d = engine.fire(d, "apply_confirmation", actor=world.mediator_haizhu, version=d.version,
                    data={"applied_on": day, "court": "广州市海珠区人民法院"})  # fmt: skip
    d = engine.fire(d, "confirm_valid", actor=world.mediator_haizhu, version=d.version,
                    data={"ruled_on": day})  # fmt: skip
    assert d.state == "confirmed" and d.confirmation_result == "valid"
    events = [e.transition for e in CaseEvent.for_case(d)]
    assert events == ["register", "accept", "record_session", "reach_agreement",
                      "apply_confirmation", "confirm_valid"]  # fmt: skip


@pytest.fixture
def january_dispute(world):
    return make_dispute(organization=world.haizhu_committee, actor=world.mediator_haizhu,
                        received_on="2026-01-02")  # fmt: skip


# The worked example runs to March 2026; the clock is after it whatever FAZHI_TEST_TODAY says.
@pytest.mark.time_machine(datetime.datetime(2026, 6, 10, 10, tzinfo=ZoneInfo("Asia/Shanghai")))
@override_settings(FAZHI_MEDIATION_EXTENSION_MONTHS=1)
def test_extension_needs_consent_and_is_capped(world, january_dispute):
    dispute = january_dispute
    day = datetime.date(2026, 3, 2)
    d = engine.fire(dispute, "accept", actor=world.mediator_haizhu, version=1,
                    data={"consent": True, "accepted_on": day})  # fmt: skip
    term = Clock.for_case(d).get(key="mediation_term")
    # One month from Mon 2 March 2026: Thu 2 April 2026 (Civil Code Art. 202).
    assert term.due_date == datetime.date(2026, 4, 2)
    with pytest.raises(InvalidInput) as exc:
        engine.fire(d, "extend_term", actor=world.mediator_haizhu, version=d.version,
                    data={"extension": 1})  # fmt: skip
    assert "both_consent" in exc.value.fields
    d = engine.fire(d, "extend_term", actor=world.mediator_haizhu, version=d.version,
                    data={"extension": 1, "both_consent": True})  # fmt: skip
    term.refresh_from_db()
    # Two months: 2 May 2026 is a Saturday inside the Labour Day holiday (1–5 May) → 6 May.
    assert term.nominal_due == datetime.date(2026, 5, 2)
    assert term.due_date == datetime.date(2026, 5, 6)
    assert d.due_date == datetime.date(2026, 5, 6)
    with pytest.raises(InvalidInput) as exc:
        engine.fire(d, "extend_term", actor=world.mediator_haizhu, version=d.version,
                    data={"extension": 1, "both_consent": True})  # fmt: skip
    assert "extension" in exc.value.fields


def test_confirmation_after_thirty_days_is_refused(world, january_dispute):
    dispute = january_dispute
    day = datetime.date(2026, 1, 5)
    d = engine.fire(dispute, "accept", actor=world.mediator_haizhu, version=1,
                    data={"consent": True, "accepted_on": day})  # fmt: skip
    d = engine.fire(d, "record_session", actor=world.mediator_haizhu, version=d.version,
                    data={"held_on": day, "place": "调解室", "notes": "记录"})  # fmt: skip
    d = engine.fire(d, "reach_agreement", actor=world.mediator_haizhu, version=d.version,
                    data={"form": "written", "terms": "t", "performance": "p",
                          "effective_on": datetime.date(2026, 1, 9), "parties_signed": True,
                          "mediator_signed": True, "committee_sealed": True})  # fmt: skip
    window = Clock.for_case(d).get(key="confirmation_window")
    # 30 days from 9 Jan 2026 → Sun 8 Feb 2026 → Mon 9 Feb 2026.
    assert window.due_date == datetime.date(2026, 2, 9)
    with pytest.raises(InvalidInput) as exc:
        engine.fire(d, "apply_confirmation", actor=world.mediator_haizhu, version=d.version,
                    data={"applied_on": datetime.date(2026, 2, 10), "court": "海珠区法院"})  # fmt: skip
    assert "applied_on" in exc.value.fields
    assert Dispute.objects.get(pk=d.pk).state == "agreed"


def test_the_confirmation_window_is_for_written_agreements_and_closes(world, january_dispute):
    d = january_dispute
    day = datetime.date(2026, 1, 5)
    d = engine.fire(d, "accept", actor=world.mediator_haizhu, version=d.version,
                    data={"consent": True, "accepted_on": day})  # fmt: skip
    d = engine.fire(d, "record_session", actor=world.mediator_haizhu, version=d.version,
                    data={"held_on": day, "place": "调解室", "notes": "记录"})  # fmt: skip
    d = engine.fire(d, "reach_agreement", actor=world.mediator_haizhu, version=d.version,
                    data={"form": "oral", "terms": "t", "performance": "p",
                          "effective_on": day})  # fmt: skip
    assert not Clock.for_case(d).filter(key="confirmation_window").exists()


def test_an_unused_window_is_closed_not_overdue(world, january_dispute):
    d = january_dispute
    day = datetime.date(2026, 1, 5)
    d = engine.fire(d, "accept", actor=world.mediator_haizhu, version=d.version,
                    data={"consent": True, "accepted_on": day})  # fmt: skip
    d = engine.fire(d, "record_session", actor=world.mediator_haizhu, version=d.version,
                    data={"held_on": day, "place": "调解室", "notes": "记录"})  # fmt: skip
    d = engine.fire(d, "reach_agreement", actor=world.mediator_haizhu, version=d.version,
                    data={"form": "written", "terms": "t", "performance": "p",
                          "effective_on": day, "parties_signed": True, "mediator_signed": True,
                          "committee_sealed": True})  # fmt: skip
    window = Clock.for_case(d).get(key="confirmation_window")
    assert window.status(today=datetime.date(2026, 1, 20)) == "running"
    assert window.status(today=datetime.date(2026, 3, 1)) == "expired"


def test_remind_closes_an_expired_window(world, january_dispute):
    from django.core.management import call_command

    test_an_unused_window_is_closed_not_overdue(world, january_dispute)
    call_command("remind", "--date", "2026-03-01", stdout=open("/dev/null", "w"))
    window = Clock.objects.get(key="confirmation_window")
    assert window.state == ClockState.STOPPED
    assert window.status(today=datetime.date(2026, 3, 2)) == "expired"
