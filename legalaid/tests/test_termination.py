"""Termination of legal aid (法律援助法第四十八条) and the objection to it (第四十九条), aid
provided before the decision that ends with a refusal (第四十四条), and what the assigned
lawyer is told. Dates worked out by hand; 2026: 端午节 Fri 19 – Sun 21 June (statutes-lines.md
§H)."""

from __future__ import annotations

import datetime

import pytest

from cases import documents
from cases.calendar import sync_from_package
from cases.models import CalendarYear, Notification
from core.errors import InvalidInput
from legalaid.models import AidCase, Draw
from legalaid.online import public_view
from legalaid.tests import test_clocks
from legalaid.tests.test_clocks import _apply, clock, on

D = datetime.date
pytestmark = pytest.mark.django_db
_CAPTURE = []
JUNE_1 = D(2026, 6, 1)  # a Monday


@pytest.fixture(autouse=True)
def _holidays(db):
    if not CalendarYear.objects.exists():
        sync_from_package()


@pytest.fixture(autouse=True)
def _after_commit(django_capture_on_commit_callbacks):
    """Run what the engine leaves for after the commit (the lawyer's notices) at each step."""
    _CAPTURE.append(django_capture_on_commit_callbacks)
    yield
    _CAPTURE.pop()


def fire(case, name, actor, **data):
    with _CAPTURE[-1](execute=True):
        return test_clocks.fire(case, name, actor, **data)


def _assigned(w, received=JUNE_1):
    """Received Monday 1 June, granted on the 2nd, assigned to 陈律师 on the 3rd."""
    case = _apply(w, received)
    with on(received + datetime.timedelta(days=1)):
        case = fire(case, "grant", w.aid_clerk_haizhu)
    with on(received + datetime.timedelta(days=2)):
        case = fire(case, "assign", w.aid_clerk_haizhu, lawyer=w.lawyer_a1.pk, reason="案情紧急")
    return case


def _terminate(w, case, day, ground="own_lawyer"):
    with on(day):
        return fire(case, "terminate", w.aid_clerk_haizhu, ground=ground,
                    reason="受援人自行委托律师")  # fmt: skip


def _told(user) -> list[str]:
    return list(
        Notification.objects.filter(recipient=user, kind="legalaid")
        .order_by("id")
        .values_list("title", flat=True)
    )


def test_an_upheld_objection_to_a_termination_lets_the_aid_go_on(aid_world):
    w = aid_world
    case = _assigned(w)
    with on(D(2026, 6, 4)):
        case = fire(case, "report_progress", w.lawyer_a1.user, stage="filed", notes="已立案")
    assert case.state == "handling"
    # Terminated Friday 12 June (Art. 48): the case closes, the decision can be made.
    case = _terminate(w, case, D(2026, 6, 12))
    case = AidCase.objects.get(pk=case.pk)
    assert (case.state, case.outcome, case.terminated_from) == ("terminated", "terminated",
                                                                "handling")  # fmt: skip
    assert case.closed_at is not None
    # Objection filed Monday 15 June: 5 days → Saturday 20 June, inside 端午 (19–21 June) →
    # Monday 22 June (Art. 49).
    with on(D(2026, 6, 15)):
        case = fire(case, "file_objection", w.aid_clerk_haizhu, reason="受援人并未自行委托律师")
    objection = clock(case, "objection")
    assert (objection.nominal_due, objection.due_date) == (D(2026, 6, 20), D(2026, 6, 22))
    # The termination decision stays available while the objection is heard.
    assert "termination" in {k.key for k in documents.available_kinds(case, w.aid_clerk_haizhu)}
    view = dict(public_view(case)["facts"])
    assert "受援人自行委托律师" in view[str(_label("reason for termination"))]
    # Upheld on Monday 22 June: the aid goes on where it stopped, with the same lawyer.
    with on(D(2026, 6, 22)):
        case = fire(case, "uphold_objection", w.aid_clerk_haizhu, reason="终止理由不成立")
    case = AidCase.objects.get(pk=case.pk)
    assert (case.state, case.outcome, case.closed_at, case.termination_reason) == (
        "handling", "", None, "",
    )  # fmt: skip
    assert (case.lawyer, case.objection_upheld, case.objection_decided_on) == (
        w.lawyer_a1, True, D(2026, 6, 22),
    )  # fmt: skip
    assert clock(case, "objection").state == "stopped"
    with on(D(2026, 6, 30)):
        case = fire(case, "conclude", w.lawyer_a1.user, result="mediated",
                    recovered_losses="12000", report="调解结案")  # fmt: skip
    assert case.state == "concluded"
    told = _told(w.lawyer_a1.user)
    assert len(told) == 3  # assigned, terminated, set aside — not the steps they recorded
    assert all(case.number in title for title in told)


def test_termination_while_announced_cancels_the_draw_and_restarts_the_assignment(aid_world):
    w = aid_world
    case = _apply(w, D(2026, 6, 1))
    with on(D(2026, 6, 2)):
        case = fire(case, "grant", w.aid_clerk_haizhu)
        case = fire(case, "announce", w.aid_clerk_haizhu, hours=24)
    draw = Draw.objects.get(case_id=case.pk)
    assert draw.state == Draw.State.OPEN
    # Terminated on Wednesday 3 June while opt-ins were open: the draw is cancelled.
    case = _terminate(w, case, D(2026, 6, 3), ground="no_longer_eligible")
    draw.refresh_from_db()
    assert draw.state == Draw.State.CANCELLED
    with on(D(2026, 6, 4)):
        case = fire(case, "file_objection", w.aid_clerk_haizhu, reason="经济状况未改变")
    # Upheld on Friday 5 June: granted again, to be announced or assigned anew; the assignment
    # period (3 days, Art. 43) runs from the bureau's decision: Monday 8 June.
    with on(D(2026, 6, 5)):
        case = fire(case, "uphold_objection", w.aid_clerk_haizhu, reason="经济状况仍符合标准")
    assert case.state == "granted"
    assignment = clock(case, "assignment")
    assert (assignment.state, assignment.started_on, assignment.due_date) == (
        "running", D(2026, 6, 5), D(2026, 6, 8),
    )  # fmt: skip


def test_a_rejected_objection_keeps_the_termination_and_is_not_repeated(aid_world):
    w = aid_world
    case = _terminate(w, _assigned(w), D(2026, 6, 12), ground="fraud")
    with on(D(2026, 6, 15)):
        case = fire(case, "file_objection", w.aid_clerk_haizhu, reason="未隐瞒事实")
    with on(D(2026, 6, 17)):
        case = fire(case, "reject_objection", w.aid_clerk_haizhu, reason="隐瞒收入属实")
    case = AidCase.objects.get(pk=case.pk)
    assert (case.state, case.objection_upheld, case.outcome) == ("terminated", False,
                                                                 "terminated")  # fmt: skip
    facts = dict(public_view(case)["facts"])
    assert "2026-06-17" in facts[str(_label("result of the objection"))]
    assert str(_label("assigned lawyer")) not in facts
    version = case.version
    with on(D(2026, 6, 18)), pytest.raises(InvalidInput):
        fire(case, "file_objection", w.aid_clerk_haizhu, reason="再次异议")
    assert AidCase.objects.get(pk=case.pk).version == version


def test_a_termination_after_an_upheld_refusal_objection_may_be_objected_to(aid_world):
    """One objection per decision (Art. 49): the earlier objection to the refusal does not
    bar an objection to the later termination."""
    w = aid_world
    case = _apply(w, D(2026, 6, 1))
    with on(D(2026, 6, 2)):
        case = fire(case, "refuse", w.aid_clerk_haizhu, reason="不符合经济困难标准")
    with on(D(2026, 6, 3)):
        case = fire(case, "file_objection", w.aid_clerk_haizhu, reason="申请人系低保对象")
    with on(D(2026, 6, 4)):
        case = fire(case, "uphold_objection", w.aid_clerk_haizhu, reason="低保证明属实")
        case = fire(case, "assign", w.aid_clerk_haizhu, lawyer=w.lawyer_a1.pk, reason="案情紧急")
    case = _terminate(w, case, D(2026, 6, 10), ground="recipient_asks")
    with on(D(2026, 6, 11)):
        case = fire(case, "file_objection", w.aid_clerk_haizhu, reason="并未申请终止")
    assert (case.state, case.objection_upheld) == ("objection", None)
    with on(D(2026, 6, 12)):
        case = fire(case, "reject_objection", w.aid_clerk_haizhu, reason="受援人书面申请终止")
    assert case.state == "terminated"


def test_aid_provided_first_ends_with_a_refusal_and_the_lawyer_is_told(aid_world):
    """Art. 44: aid before the decision goes on only if aid is granted; refused, the lawyer
    stops and hears of it, and the applicant's page no longer names them."""
    w = aid_world
    with on(D(2026, 6, 1)):
        case = _apply(w, D(2026, 6, 1))
        case.urgent, case.urgent_reason = True, "仲裁时效七日内届满"
        case.save(update_fields=["urgent", "urgent_reason"])
        case = fire(case, "provide_first", w.aid_clerk_haizhu, lawyer=w.lawyer_a1.pk,
                    reason="仲裁时效将届满")  # fmt: skip
    assert str(_label("assigned lawyer")) in dict(public_view(case)["facts"])
    with on(D(2026, 6, 3)):
        case = fire(case, "refuse", w.aid_clerk_haizhu, reason="不符合经济困难标准")
    facts = dict(public_view(case)["facts"])
    assert str(_label("assigned lawyer")) not in facts
    told = _told(w.lawyer_a1.user)
    assert len(told) == 2 and ("Art. 44" in told[1] or "第四十四条" in told[1])


def _label(text):
    from django.utils.translation import gettext

    return gettext(text)


def test_a_computed_target_the_process_does_not_declare_writes_nothing(aid_world, monkeypatch):
    """cases.engine.fire checks a Transition.target_for result against the process's states
    before anything changes."""
    import dataclasses

    from legalaid.process import AID_PROCESS

    w = aid_world
    case = _assigned(w)
    terminate = AID_PROCESS.transition("terminate")
    monkeypatch.setitem(AID_PROCESS._transitions, "terminate",
                        dataclasses.replace(terminate, target_for=lambda case: "nowhere"))  # fmt: skip
    with pytest.raises(ValueError, match="nowhere"):
        _terminate(w, case, D(2026, 6, 12))
    case.refresh_from_db()
    assert (case.state, case.termination_reason, case.terminated_from) == ("assigned", "", "")
