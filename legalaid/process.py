"""The process of a legal aid case, declared for the case engine.

Legal Aid Law (法律援助法, reference/statutes.md §2):
- Art. 41: the applicant states their financial condition (a personal commitment will do) and
  supplies the materials; Art. 42 waives the means check for some; Art. 32 drops the hardship
  condition for others; Arts. 25–28 and 36: notified criminal cases need no means test.
- Art. 43: the agency reviews and decides within 7 days of receipt (FAZHI_LEGALAID_REVIEW_DAYS,
  in FAZHI_LEGALAID_PERIOD_UNIT ❓); incomplete materials are listed at once, and materials
  not supplied mean the application is deemed withdrawn (only after they were asked for); a
  refusal is in writing with reasons; a lawyer is assigned within 3 days of the grant
  (FAZHI_LEGALAID_ASSIGN_DAYS). The time the applicant takes to supply materials is not
  counted (the review clock pauses): 办理法律援助案件程序规定 (司法部令第148号) ◑, not Art. 43.
- Arts. 25, 28 and 36: a case notified by the police, a procuratorate or a court
  (Source.NOTIFICATION) is not reviewed: it is aided from receipt (`initial_for`, decision
  granted on the day of receipt, no review clocks, no refusal) and the agency assigns a lawyer
  within 3 days of receiving the notice (the assignment clock starts at registration).
- Art. 44: aid before the decision (先行提供) when a deadline is near or the matter is urgent.
- Art. 26: cases that may end in life imprisonment or death only for lawyers with three years'
  practice (checked by the draw and by direct assignment).
- Art. 48: the grounds for terminating aid.
- Art. 49: an objection to a refusal or termination goes to the justice bureau, which decides
  within 5 days (FAZHI_LEGALAID_OBJECTION_DAYS, in FAZHI_LEGALAID_PERIOD_UNIT ❓).
- 办理法律援助案件程序规定 (司法部令第148号): the case file is submitted within 30 days of
  the matter ending (FAZHI_LEGALAID_FILE_DAYS ❓); the centre reviews and grades it.
A local service target for the review (e.g. one working day, FAZHI_LEGALAID_TARGET_WORKING_DAYS)
runs beside the statutory period; both show on the worklist.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django import forms
from django.conf import settings
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from cases.forms import DatedForm, ReasonForm, TransitionForm
from cases.process import REGISTER, ClockSpec, Process, State, Transition, registry
from core import fields
from core.roles import Role
from legalaid.choices import (
    Decision,
    Grade,
    Hardship,
    Material,
    Outcome,
    ProgressStage,
    Result,
    Source,
    TerminationGround,
)

STAFF = frozenset({Role.SECTION_STAFF})
LAWYER = frozenset({Role.LAWYER})
HANDLING = STAFF | LAWYER


class S:
    SUBMITTED = "submitted"
    CORRECTION = "correction_requested"
    WITHDRAWN = "withdrawn"
    GRANTED = "granted"
    REFUSED = "refused"
    OBJECTION = "objection"
    ANNOUNCED = "announced"
    ASSIGNED = "assigned"
    HANDLING = "handling"
    CONCLUDED = "concluded"
    FILE_REVIEW = "file_review"
    ARCHIVED = "archived"
    TERMINATED = "terminated"


STATES = (
    State(S.SUBMITTED, _("Under review"), tone="info"),
    State(S.CORRECTION, _("Waiting for materials"), tone="warning"),
    State(S.WITHDRAWN, pgettext_lazy("legal aid", "Withdrawn"), final=True, tone="secondary"),
    State(S.GRANTED, _("Aid granted, to be assigned"), tone="primary"),
    State(S.REFUSED, _("Aid refused"), tone="secondary"),
    State(S.OBJECTION, _("Objection under review"), tone="warning"),
    State(S.ANNOUNCED, _("Announced for the draw"), tone="primary"),
    State(S.ASSIGNED, _("Lawyer assigned"), tone="primary"),
    State(S.HANDLING, _("In progress"), tone="primary"),
    State(S.CONCLUDED, _("Matter concluded, file due"), tone="info"),
    State(S.FILE_REVIEW, _("File under review"), tone="info"),
    State(S.ARCHIVED, _("Closed and archived"), final=True, tone="success"),
    # Not final: the applicant may object (Art. 49), like a refusal.
    State(S.TERMINATED, _("Aid terminated"), tone="secondary"),
)


class CorrectionForm(DatedForm):
    items = forms.CharField(
        label=_("materials to supply (all of them, at once: Art. 43)"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CorrectionsReceivedForm(DatedForm):
    materials = forms.MultipleChoiceField(
        label=_("materials now complete"),
        choices=Material.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class GrantForm(DatedForm):
    # No "note" field of its own: the transition page already has the event's note, and a
    # second field of that name was silently overridden by it (cases/transition.html).
    pass


class ObjectionForm(DatedForm):
    reason = forms.CharField(
        label=_("grounds of the objection"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ObjectionDecisionForm(DatedForm):
    reason = forms.CharField(
        label=_("reasons of the justice bureau"), widget=forms.Textarea(attrs={"rows": 3})
    )


class AnnounceForm(TransitionForm):
    hours = fields.IntegerField(
        label=_("opt-ins open for (hours)"),
        min_value=1,
        max_value=72,
        initial=lambda: settings.FAZHI_LEGALAID_OPT_IN_HOURS,
    )
    weighted = forms.BooleanField(label=_("weight the draw by quality scores"), required=False)


class DrawForm(DatedForm):
    pass


class AssignForm(DatedForm):
    lawyer = fields.ModelChoiceField(label=_("lawyer"), queryset=None)
    reason = forms.CharField(label=_("why assigned directly"), max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from legalaid.selectors import assignable_lawyers

        self.fields["lawyer"].queryset = assignable_lawyers(self.case)


class ProgressForm(DatedForm):
    stage = forms.ChoiceField(label=_("step"), choices=ProgressStage.choices)
    notes = forms.CharField(
        label=_("notes"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class ConcludeForm(DatedForm):
    result = forms.ChoiceField(label=_("result"), choices=Result.choices)
    recovered_losses = forms.DecimalField(
        label=_("economic losses recovered or avoided (yuan)"),
        min_value=Decimal("0"),
        max_digits=14,
        decimal_places=2,
        initial=Decimal("0"),
    )
    report = forms.CharField(
        label=_("closing report: how the case was handled"),
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class ArchiveForm(DatedForm):
    grade = forms.ChoiceField(label=_("file grade"), choices=Grade.choices)


class TerminateForm(ReasonForm):
    ground = forms.ChoiceField(label=_("ground (Art. 48)"), choices=TerminationGround.choices)


# -- guards -----------------------------------------------------------------------------------


def missing_materials(case) -> list[str]:
    """The checklist items the application still lacks (Art. 41); notified cases and those
    with no hardship condition need no hardship material."""
    needed = [Material.IDENTITY, Material.MATTER]
    if case.hardship not in (Hardship.NOT_REQUIRED, Hardship.NOTIFIED, Hardship.CHECK_WAIVED):
        needed.append(Material.HARDSHIP)
    if case.aid_parties.filter(side="agent").exists():
        needed.append(Material.AGENT_AUTHORITY)
    have = set(case.materials or [])
    return [str(Material(m).label) for m in needed if m not in have]


def _materials_complete(case, cleaned, ctx):
    missing = missing_materials(case)
    if missing:
        return gettext("Materials are missing: %(items)s. Ask for them all at once (Art. 43).") % {
            "items": "、".join(missing)
        }
    return None


def _not_provided_first(case, cleaned, ctx):
    if case.lawyer_id:
        return gettext("A lawyer already provides aid; confirm the aid granted instead.")
    return None


def _provided_first(case, cleaned, ctx):
    if not case.lawyer_id:
        return gettext("No lawyer provides aid before the decision.")
    return None


def _urgent(case, cleaned, ctx):
    if not case.urgent:
        return gettext(
            "Aid before the decision is for urgent cases only (Art. 44): mark the case urgent "
            "with its reason first."
        )
    return None


def _experience(case, cleaned, ctx):
    lawyer = cleaned.get("lawyer")
    if lawyer is not None and case.life_or_death and lawyer.years_of_practice(ctx.on_date) < 3:
        return (
            "lawyer",
            gettext(
                "This case may lead to life imprisonment or death: only a lawyer with three "
                "years' practice may be assigned (Art. 26)."
            ),
        )
    return None


def _first_objection(case, cleaned, ctx):
    """One objection per decision (Art. 49): a refusal or termination the bureau has upheld on
    objection is the bureau's decision, open to reconsideration or a lawsuit. A case stands
    refused or terminated after a rejected objection only through that rejection (the two
    states are left only by an objection), so a rejected last objection means it was this
    decision's."""
    if case.objection_upheld is False:
        return gettext(
            "The justice bureau has already decided an objection to this decision; the "
            "applicant may now apply for administrative reconsideration or sue (Art. 49)."
        )
    return None


def _after_conclusion(case, cleaned, ctx):
    if case.concluded_on and cleaned["on_date"] < case.concluded_on:
        return ("on_date", gettext("The file cannot be submitted before the matter ended."))
    return None


# -- effects ----------------------------------------------------------------------------------


def _request_correction(case, cleaned, ctx):
    case.correction_items = cleaned["items"]


def _corrections_received(case, cleaned, ctx):
    case.materials = sorted(set(case.materials or []) | set(cleaned.get("materials") or []))


def _withdrawn(case, cleaned, ctx):
    case.refusal_reason = cleaned["reason"]


def review_days(case, on_date: datetime.date) -> int:
    """Working days from receipt to the decision, the days spent waiting for materials not
    counted (Art. 43)."""
    from django.utils import timezone

    from cases.calendar import get_calendar
    from cases.clocks import excluded_days
    from cases.models import Clock, ClockPause

    calendar = get_calendar()
    start = timezone.localtime(case.received_at).date()
    clock = Clock.for_case(case).filter(key="review").first()
    pauses = (
        list(ClockPause.objects.filter(clock=clock).values_list("start", "end")) if clock else []
    )
    skip = excluded_days(pauses, on_date)
    days, day = 0, start
    while day < on_date:
        day += datetime.timedelta(days=1)
        if day not in skip and calendar.is_workday(day):
            days += 1
    return days


def _decide(decision):
    def effect(case, cleaned, ctx):
        case.decision = decision
        case.decided_on = cleaned["on_date"]
        case.review_days = review_days(case, cleaned["on_date"])
        case.review_within_target = case.review_days <= settings.FAZHI_LEGALAID_TARGET_WORKING_DAYS
        if decision == Decision.REFUSED:
            case.refusal_reason = cleaned["reason"]

    return effect


def _file_objection(case, cleaned, ctx):
    if case.state == S.REFUSED:
        case.terminated_from = ""  # an objection to the refusal, not to an earlier termination
    case.objection_filed_on = cleaned["on_date"]
    case.objection_reason = cleaned["reason"]
    case.objection_upheld = None
    case.objection_decided_on = None


def _decide_objection(upheld: bool):
    def effect(case, cleaned, ctx):
        case.objection_upheld = upheld
        case.objection_decided_on = cleaned["on_date"]
        if upheld and case.terminated_from:
            # The bureau sets the termination aside (Art. 49): the aid goes on where it stopped.
            case.terminated_from = ""
            case.termination_reason = ""
            case.closed_at = None
            case.outcome = ""
        elif upheld:
            # The bureau orders aid (Art. 49): the refusal is set aside and the case reopens.
            case.decision = Decision.GRANTED
            case.decided_on = cleaned["on_date"]
            case.closed_at = None
            case.outcome = ""

    return effect


def _announce(case, cleaned, ctx):
    from legalaid.draws import announce

    announce(case, hours=cleaned["hours"], weighted=bool(cleaned.get("weighted")), ctx=ctx)


def _draw(case, cleaned, ctx):
    from legalaid.draws import run_draw

    run_draw(case, ctx=ctx)


def _assign(method):
    def effect(case, cleaned, ctx):
        from legalaid.choices import AssignmentMethod

        case.lawyer = cleaned["lawyer"]
        case.assigned_on = cleaned["on_date"]
        case.assignment_method = method or AssignmentMethod.DIRECT

    return effect


def _progress(case, cleaned, ctx):
    from legalaid.models import Progress

    Progress.objects.create(
        case=case,
        stage=cleaned["stage"],
        on_date=cleaned["on_date"],
        notes=cleaned.get("notes", ""),
        recorded_by=ctx.actor,
    )


def _conclude(case, cleaned, ctx):
    case.result = cleaned["result"]
    case.recovered_losses = cleaned["recovered_losses"]
    case.concluded_on = cleaned["on_date"]
    case.closing_report = cleaned["report"]


def _submit_file(case, cleaned, ctx):
    case.file_submitted_on = cleaned["on_date"]


def _return_file(case, cleaned, ctx):
    case.file_submitted_on = None


def _archive(case, cleaned, ctx):
    case.grade = cleaned["grade"]


def _terminate(case, cleaned, ctx):
    from legalaid.draws import cancel_open_draw

    case.termination_reason = f"{TerminationGround(cleaned['ground']).label}：{cleaned['reason']}"
    case.terminated_from = case.state
    cancel_open_draw(case)


def _after_objection(upheld: bool):
    """Where a decided objection leads (Art. 49): upheld, a refused case is granted and a
    terminated one goes on in the state it was terminated in — granted again if it was
    waiting for a draw, whose announcement the termination cancelled (a new one is needed);
    rejected, the decision stands."""

    def target(case) -> str:
        if not case.terminated_from:
            return S.GRANTED if upheld else S.REFUSED
        if not upheld:
            return S.TERMINATED
        return S.GRANTED if case.terminated_from == S.ANNOUNCED else case.terminated_from

    return target


_REVIEWING = (S.SUBMITTED, S.CORRECTION)
_AIDED = (S.GRANTED, S.ANNOUNCED, S.ASSIGNED, S.HANDLING)

TRANSITIONS = (
    Transition(
        "request_correction", _("Ask for materials"), source=(S.SUBMITTED,),
        target=S.CORRECTION, roles=STAFF, form=CorrectionForm, effect=_request_correction,
        date_field="on_date", tone="outline-warning", article="法律援助法第四十三条",
    ),
    Transition(
        "corrections_received", _("Materials received"), source=(S.CORRECTION,),
        target=S.SUBMITTED, roles=STAFF, form=CorrectionsReceivedForm,
        effect=_corrections_received, date_field="on_date", article="法律援助法第四十三条",
    ),
    Transition(
        "deem_withdrawn", _("Deemed withdrawn"), source=(S.CORRECTION,), target=S.WITHDRAWN,
        roles=STAFF, form=ReasonForm, effect=_withdrawn, stamps=("closed_at",),
        date_field="on_date", outcome=Outcome.WITHDRAWN, tone="outline-secondary",
        article="法律援助法第四十三条",
    ),
    Transition(
        "withdraw", _("The applicant withdraws the application"), source=_REVIEWING,
        target=S.WITHDRAWN, roles=STAFF, form=ReasonForm, effect=_withdrawn,
        stamps=("closed_at",), date_field="on_date", outcome=Outcome.WITHDRAWN,
        tone="outline-secondary",
    ),
    Transition(
        "provide_first", _("Provide aid before the decision"), source=_REVIEWING, target=None,
        roles=STAFF, form=AssignForm, guards=(_urgent, _not_provided_first, _experience),
        effect=_assign(None), date_field="on_date", tone="outline-danger",
        article="法律援助法第四十四条",
    ),
    Transition(
        "grant", _("Grant legal aid"), source=(S.SUBMITTED,), target=S.GRANTED, roles=STAFF,
        form=GrantForm, guards=(_materials_complete, _not_provided_first),
        effect=_decide(Decision.GRANTED), stamps=("accepted_at",), date_field="on_date",
        tone="success", article="法律援助法第四十三条",
    ),
    Transition(
        "grant_provided", _("Grant legal aid (aid already provided)"), source=(S.SUBMITTED,),
        target=S.ASSIGNED, roles=STAFF, form=GrantForm,
        guards=(_materials_complete, _provided_first), effect=_decide(Decision.GRANTED),
        stamps=("accepted_at",), date_field="on_date", tone="success",
        article="法律援助法第四十四条",
    ),
    Transition(
        "refuse", _("Refuse legal aid"), source=(S.SUBMITTED,), target=S.REFUSED, roles=STAFF,
        form=ReasonForm, effect=_decide(Decision.REFUSED), stamps=("closed_at",),
        date_field="on_date", outcome=Outcome.REFUSED, tone="outline-danger",
        article="法律援助法第四十三条",
    ),
    Transition(
        "file_objection", _("Record an objection"), source=(S.REFUSED, S.TERMINATED),
        target=S.OBJECTION,
        roles=STAFF, form=ObjectionForm, guards=(_first_objection,), effect=_file_objection,
        date_field="on_date",
        tone="outline-warning", article="法律援助法第四十九条",
    ),
    Transition(
        "uphold_objection", _("Objection upheld: aid is granted or goes on"),
        source=(S.OBJECTION,), target=S.GRANTED, target_for=_after_objection(True),
        roles=STAFF, form=ObjectionDecisionForm,
        effect=_decide_objection(True), date_field="on_date", tone="success",
        article="法律援助法第四十九条",
    ),
    Transition(
        "reject_objection", _("Objection rejected"), source=(S.OBJECTION,), target=S.REFUSED,
        target_for=_after_objection(False), roles=STAFF, form=ObjectionDecisionForm, effect=_decide_objection(False),
        date_field="on_date", tone="outline-secondary", article="法律援助法第四十九条",
    ),
    Transition(
        "announce", _("Announce for the lottery draw"), source=(S.GRANTED,), target=S.ANNOUNCED,
        roles=STAFF, form=AnnounceForm, effect=_announce, tone="primary",
        article="法律援助法第四十三条",
    ),
    Transition(
        "draw", _("Draw the lawyer"), source=(S.ANNOUNCED,), target=S.ASSIGNED, roles=STAFF,
        form=DrawForm, effect=_draw, date_field="on_date", tone="success",
        article="法律援助法第四十三条",
    ),
    Transition(
        "assign", _("Assign a lawyer directly"), source=(S.GRANTED,), target=S.ASSIGNED,
        roles=STAFF, form=AssignForm, guards=(_experience,), effect=_assign(None),
        date_field="on_date", tone="outline-primary", article="法律援助法第四十三条",
    ),
    Transition(
        "report_progress", _("Report progress"), source=(S.ASSIGNED, S.HANDLING),
        target=S.HANDLING, roles=HANDLING, form=ProgressForm, effect=_progress,
        date_field="on_date",
    ),
    Transition(
        "conclude", _("Report the matter concluded"), source=(S.ASSIGNED, S.HANDLING),
        target=S.CONCLUDED, roles=HANDLING, form=ConcludeForm, effect=_conclude,
        date_field="on_date", tone="success",
    ),
    Transition(
        "submit_file", _("Submit the case file"), source=(S.CONCLUDED,), target=S.FILE_REVIEW,
        roles=HANDLING, form=DatedForm, guards=(_after_conclusion,), effect=_submit_file,
        date_field="on_date", article="办理法律援助案件程序规定",
    ),
    Transition(
        "return_file", _("Return the file for completion"), source=(S.FILE_REVIEW,),
        target=S.CONCLUDED, roles=STAFF, form=ReasonForm, effect=_return_file,
        date_field="on_date", tone="outline-warning",
    ),
    Transition(
        "archive", _("Review and archive the file"), source=(S.FILE_REVIEW,),
        target=S.ARCHIVED, roles=STAFF, form=ArchiveForm, effect=_archive,
        stamps=("closed_at",), date_field="on_date", outcome=Outcome.CLOSED, tone="success",
    ),
    Transition(
        "terminate", _("Terminate legal aid"), source=_AIDED, target=S.TERMINATED, roles=STAFF,
        form=TerminateForm, effect=_terminate, stamps=("closed_at",), date_field="on_date",
        outcome=Outcome.TERMINATED, tone="outline-danger", article="法律援助法第四十八条",
    ),
)  # fmt: skip


# Whether the Art. 43 periods count calendar or working days is a deployment setting (❓),
# read once at start-up like every clock's unit.
PERIOD_UNIT = settings.FAZHI_LEGALAID_PERIOD_UNIT


def notified(case) -> bool:
    """A case notified by the police, a procuratorate or a court (Arts. 25, 28, 36)."""
    return case.source == Source.NOTIFICATION


def initial_state(case) -> str:
    """A notified case is aided from receipt; an application is reviewed first."""
    return S.GRANTED if notified(case) else S.SUBMITTED


def _reviewed(case) -> bool:
    return not notified(case)


def _to_assign(case) -> bool:
    """The assignment period starts when the case stands granted: at the grant (Art. 43), on
    an upheld objection (Art. 49), or at registration of a notified case (Art. 36)."""
    return case.state == S.GRANTED


_REVIEW_ENDS = ("grant", "grant_provided", "refuse", "deem_withdrawn", "withdraw")

CLOCKS = (
    ClockSpec(
        "review", _("Review and decision (Art. 43)"),
        length=lambda: settings.FAZHI_LEGALAID_REVIEW_DAYS, unit=PERIOD_UNIT,
        start_on=(REGISTER,), stop_on=_REVIEW_ENDS, start_if=_reviewed,
        pause_on=("request_correction",), resume_on=("corrections_received",),
        article="法律援助法第四十三条",
    ),
    ClockSpec(
        "review_target", _("Local service target for the review"),
        length=lambda: settings.FAZHI_LEGALAID_TARGET_WORKING_DAYS, unit="working_days",
        start_on=(REGISTER,), stop_on=_REVIEW_ENDS, start_if=_reviewed,
        pause_on=("request_correction",), resume_on=("corrections_received",),
    ),
    ClockSpec(
        "assignment", _("Assignment of a lawyer (Arts. 36, 43)"),
        length=lambda: settings.FAZHI_LEGALAID_ASSIGN_DAYS, unit=PERIOD_UNIT,
        start_on=(REGISTER, "grant", "uphold_objection"), start_if=_to_assign,
        stop_on=("draw", "assign", "terminate"), article="法律援助法第四十三条",
    ),
    ClockSpec(
        "objection", _("Decision on the objection (Art. 49)"),
        length=lambda: settings.FAZHI_LEGALAID_OBJECTION_DAYS, unit=PERIOD_UNIT,
        start_on=("file_objection",), stop_on=("uphold_objection", "reject_objection"),
        start_field="objection_filed_on", article="法律援助法第四十九条",
    ),
    ClockSpec(
        "case_file", _("Submission of the case file"),
        length=lambda: settings.FAZHI_LEGALAID_FILE_DAYS, unit="days",
        start_on=("conclude",), stop_on=("submit_file",), start_field="concluded_on",
        article="办理法律援助案件程序规定",
    ),
)  # fmt: skip

AID_PROCESS = registry.register(
    Process(
        key="legalaid",
        label=_("Legal aid"),
        model="legalaid.AidCase",
        states=STATES,
        initial=S.SUBMITTED,
        initial_for=initial_state,
        transitions=TRANSITIONS,
        clocks=CLOCKS,
        number_series="legalaid",
        number_pattern="（{year}）{abbr}法援字第{seq:04d}号",
    )
)

__all__ = ["AID_PROCESS", "S"]
