"""The administrative reconsideration process (行政复议法 2023, reference/statutes.md §1).

Periods (Art. 88: 三日、五日、七日、十日 are working days; the others follow the 期间 rules,
reference/statutes.md §10):

- Acceptance review (受理审查, Art. 30): 5 working days from receipt; not refused by then, the
  application is deemed accepted from the day the period ends (Art. 30 ¶3, "deem_accepted",
  dated that day). A correction notice (补正, Art. 31) lists everything at once; the applicant
  has 10 working days; once the corrections arrive the review starts again (a fresh 5 working
  days); not corrected without good reason, the application is deemed abandoned.
- Ordinary procedure: the copy to the respondent within 7 working days of acceptance, the
  respondent's answer within 10 working days of receiving it (Art. 48); the decision within 60
  days of acceptance, extendable once approved by the office head by at most 30 days (Art. 62).
- Simplified procedure (Arts. 53–55): only on an Art. 53 ground; copy within 3 and answer within
  5 working days; the decision within 30 days, never extended. Converted to the ordinary
  procedure (Art. 55) the case has the ordinary periods, counted from acceptance (the copy and
  answer periods only while those steps are still to come).
- Hearing (Arts. 50, 51): required for major, difficult or complex cases; the written notice at
  least 5 working days before the hearing.
- Suspension (中止, Art. 39) pauses the decision period; on grounds 1, 2 and 4 a suspension that
  lasts 60 days ends the case (Art. 41 ¶1 (5)): the "suspension" clock counts them.
- Decisions (Arts. 63–72) in their statutory order (choices.DecisionType): 确认无效 only on the
  applicant's request (Art. 67), 驳回复议请求 only for a failure to act (Art. 69).
- Mediation (Art. 73): the 调解书 takes effect only when every party has signed; settlement
  (和解, Art. 74) ends the case by withdrawal.
- The opinion letter (意见书, Art. 76): the respondent reports what it did within 60 days.
"""

from __future__ import annotations

import datetime

from django import forms
from django.conf import settings
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from cases.forms import DatedForm, DateInput, ReasonForm, TransitionForm
from cases.process import REGISTER, ClockSpec, Process, State, Transition, registry
from core import fields
from core.roles import Role
from reconsideration.choices import (
    LAPSING_GROUNDS,
    ActType,
    DecisionType,
    Outcome,
    Procedure,
    SimplifiedGround,
    SuspensionGround,
    TerminationGround,
)

STAFF = frozenset({Role.SECTION_STAFF})
AGENCY = frozenset({Role.AGENCY_HANDLER})


class S:
    SUBMITTED = "submitted"
    CORRECTION = "correction_requested"
    ACCEPTED = "accepted"
    SUSPENDED = "suspended"
    DECIDED = "decided"
    MEDIATED = "mediated"
    WITHDRAWN = "withdrawn"
    TERMINATED = "terminated"
    REFUSED = "refused"
    REJECTED = "rejected"
    ABANDONED = "abandoned"


STATES = (
    State(S.SUBMITTED, _("Acceptance review"), tone="info"),
    State(S.CORRECTION, _("Waiting for corrections"), tone="warning"),
    State(S.ACCEPTED, _("Accepted, under review"), tone="primary"),
    State(S.SUSPENDED, pgettext_lazy("reconsideration", "Suspended"), tone="warning"),
    State(S.DECIDED, _("Decided"), final=True, tone="success"),
    State(S.MEDIATED, _("Concluded by mediation"), final=True, tone="success"),
    State(S.WITHDRAWN, _("Withdrawn or settled"), final=True, tone="secondary"),
    State(
        S.TERMINATED, pgettext_lazy("reconsideration", "Terminated"), final=True, tone="secondary"
    ),
    State(S.REFUSED, _("Not accepted"), final=True, tone="secondary"),
    State(S.REJECTED, _("Application rejected"), final=True, tone="secondary"),
    State(S.ABANDONED, _("Deemed abandoned"), final=True, tone="secondary"),
)

_OPEN = (S.ACCEPTED, S.SUSPENDED)
_CLOSED = (S.DECIDED, S.MEDIATED, S.WITHDRAWN, S.TERMINATED, S.REJECTED)


# -- forms ------------------------------------------------------------------------------------


class CorrectionForm(DatedForm):
    items = forms.CharField(
        label=_("corrections needed (all of them, at once: Art. 31)"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class AcceptForm(DatedForm):
    procedure = forms.ChoiceField(label=_("procedure"), choices=Procedure.choices)
    simplified_ground = forms.ChoiceField(
        label=_("ground for the simplified procedure (Art. 53)"),
        choices=[("", "—"), *SimplifiedGround.choices],
        required=False,
    )
    major = forms.BooleanField(
        label=_("major, difficult or complex (a hearing is required, Art. 50)"), required=False
    )

    def clean(self):
        cleaned = super().clean()
        simplified = cleaned.get("procedure") == Procedure.SIMPLIFIED
        if simplified and not cleaned.get("simplified_ground"):
            self.add_error(
                "simplified_ground",
                gettext("The simplified procedure needs one of the grounds of Art. 53."),
            )
        if simplified and cleaned.get("major"):
            self.add_error(
                "procedure",
                gettext(
                    "A major, difficult or complex case takes the ordinary procedure "
                    "(Arts. 50, 53)."
                ),
            )
        if not simplified:
            cleaned["simplified_ground"] = ""
        return cleaned


class DeemedAcceptanceForm(TransitionForm):
    """No field: the case is deemed accepted from the day the review period ended (Art. 30
    ¶2), and only once that day has passed."""

    def clean(self):
        from cases.models import Clock

        cleaned = super().clean()
        clock = Clock.for_case(self.case).filter(key="acceptance").first() if self.case else None
        today = _today()
        if clock is None or clock.due_date is None or clock.due_date >= today:
            raise forms.ValidationError(
                gettext(
                    "The acceptance review period has not ended yet (Art. 30): accept or "
                    "refuse the application."
                ),
            )
        cleaned["on_date"] = clock.due_date
        return cleaned


class ConvertForm(ReasonForm):
    approved_by = forms.CharField(
        label=_("approved by (head of the reconsideration office, Art. 55)"), max_length=64
    )


class AnswerForm(DatedForm):
    answer = forms.CharField(
        label=_("the respondent's answer"), widget=forms.Textarea(attrs={"rows": 6})
    )


class HearingForm(DatedForm):
    hearing_on = forms.DateField(label=_("hearing on"), widget=DateInput())
    hearing_place = forms.CharField(label=_("hearing place"), max_length=200)

    def clean(self):
        from cases.calendar import get_calendar

        cleaned = super().clean()
        notice, hearing = cleaned.get("on_date"), cleaned.get("hearing_on")
        if notice and hearing:
            earliest = get_calendar().count(notice, 5, "working_days").date
            if hearing < earliest:
                self.add_error(
                    "hearing_on",
                    gettext("The notice must reach the parties five working days before the "
                            "hearing (Art. 51): the hearing can be on %(date)s at the earliest.")
                    % {"date": earliest.isoformat()},
                )  # fmt: skip
        return cleaned


class ExtendForm(DatedForm):
    extension = fields.IntegerField(label=_("extension (days, at most 30)"), min_value=1,
                                    max_value=30)  # fmt: skip
    approved_by = forms.CharField(
        label=_("approved by (head of the reconsideration office, Art. 62)"), max_length=64
    )
    reason = forms.CharField(label=_("reasons"), widget=forms.Textarea(attrs={"rows": 3}))


class SuspendForm(ReasonForm):
    ground = forms.ChoiceField(label=_("ground (Art. 39)"), choices=SuspensionGround.choices)


class TerminateForm(ReasonForm):
    ground = forms.ChoiceField(label=_("ground (Art. 41)"), choices=TerminationGround.choices)


class DecideForm(DatedForm):
    decision_type = forms.ChoiceField(label=_("decision"), choices=DecisionType.choices)
    reasons = forms.CharField(
        label=_("reasons of the decision"), widget=forms.Textarea(attrs={"rows": 6})
    )


class MediateForm(DatedForm):
    terms = forms.CharField(label=_("terms of the mediation"),
                            widget=forms.Textarea(attrs={"rows": 4}))  # fmt: skip
    signed_by_all = forms.BooleanField(
        label=_("signed by every party and sealed (Art. 73)"),
        required=False,
    )
    respondent_corrected = forms.BooleanField(
        label=_("the respondent corrected the act or conceded"), required=False
    )

    def clean_signed_by_all(self):
        if not self.cleaned_data.get("signed_by_all"):
            raise forms.ValidationError(
                gettext("The mediation statement takes effect only when every party has signed "
                        "it (Art. 73); until then the case goes on, or is decided.")
            )  # fmt: skip
        return True


class WithdrawForm(ReasonForm):
    settled = forms.BooleanField(label=_("withdrawn after a settlement (Art. 74)"),
                                 required=False)  # fmt: skip
    respondent_corrected = forms.BooleanField(
        label=_("the respondent corrected the act or conceded"), required=False
    )


class OpinionForm(DatedForm):
    opinion = forms.CharField(label=_("opinion letter"), widget=forms.Textarea(attrs={"rows": 5}))


class OpinionReportForm(DatedForm):
    report = forms.CharField(label=_("what the respondent did"),
                             widget=forms.Textarea(attrs={"rows": 5}))  # fmt: skip


def _today() -> datetime.date:
    from django.utils import timezone

    return timezone.localdate()


# -- guards -----------------------------------------------------------------------------------


def _simplified_only(case, cleaned, ctx):
    if case.procedure != Procedure.SIMPLIFIED:
        return gettext("Only a case on the simplified procedure is converted (Art. 55).")
    return None


def _ordinary_only(case, cleaned, ctx):
    if case.procedure != Procedure.ORDINARY:
        return (
            "extension",
            gettext("A case on the simplified procedure is decided within 30 days and cannot "
                    "be extended (Art. 62): convert it to the ordinary procedure first."),
        )  # fmt: skip
    return None


def _copy_not_sent(case, cleaned, ctx):
    if case.copy_sent_on:
        return gettext("The copy was already sent on %(date)s.") % {
            "date": case.copy_sent_on.isoformat()
        }
    return None


def _answerable(case, cleaned, ctx):
    if not case.copy_sent_on:
        return gettext("The copy of the application has not been sent to the respondent yet.")
    if case.answer_received_on:
        return gettext("The answer was already received on %(date)s.") % {
            "date": case.answer_received_on.isoformat()
        }
    if cleaned.get("on_date") and cleaned["on_date"] < case.copy_sent_on:
        return ("on_date", gettext("The answer cannot precede the copy it answers."))
    return None


def _hearing_scheduled(case, cleaned, ctx):
    if not case.hearing_on:
        return gettext("Schedule the hearing and notify the parties first (Art. 51).")
    if cleaned.get("on_date") and cleaned["on_date"] < case.hearing_on:
        return ("on_date", gettext("The hearing is scheduled for %(date)s.")
                % {"date": case.hearing_on.isoformat()})  # fmt: skip
    return None


def _decision_allowed(case, cleaned, ctx):
    kind = cleaned.get("decision_type")
    if kind == DecisionType.DECLARE_VOID and not case.requests_void:
        return (
            "decision_type",
            gettext("An act is declared void only on the applicant's request (Art. 67)."),
        )
    if kind == DecisionType.REJECT_CLAIM and case.act_type != ActType.FAILURE_TO_ACT:
        return (
            "decision_type",
            gettext("The request is rejected under Art. 69 only in a case about a failure to "
                    "perform a statutory duty; otherwise uphold the act (Art. 68)."),
        )  # fmt: skip
    if case.major and not case.hearing_held_on:
        return gettext("A major, difficult or complex case is heard before it is decided "
                       "(Art. 50).")  # fmt: skip
    return None


def _termination_allowed(case, cleaned, ctx):
    from cases.models import Clock

    if cleaned.get("ground") != TerminationGround.LAPSED:
        return None
    clock = Clock.for_case(case).filter(key="suspension").first()
    if case.state != S.SUSPENDED or case.suspension_ground not in LAPSING_GROUNDS or clock is None:
        return ("ground", gettext("Only a suspension on ground 1, 2 or 4 of Art. 39 lapses."))
    if clock.due_date is None or cleaned["on_date"] <= clock.due_date:
        return (
            "ground",
            gettext("The suspension reaches 60 days on %(date)s (Art. 41 ¶1 (5)).")
            % {"date": clock.due_date.isoformat() if clock.due_date else "—"},
        )
    return None


def _opinion_open(case, cleaned, ctx):
    if not case.opinion_issued_on:
        return gettext("No opinion letter has been issued in this case.")
    if case.opinion_reported_on:
        return gettext("The respondent already reported on %(date)s.") % {
            "date": case.opinion_reported_on.isoformat()
        }
    return None


def _no_opinion_yet(case, cleaned, ctx):
    if case.opinion_issued_on:
        return gettext("An opinion letter was already issued on %(date)s.") % {
            "date": case.opinion_issued_on.isoformat()
        }
    return None


def _correction_period_over(case, cleaned, ctx):
    from cases.models import Clock

    clock = Clock.for_case(case).filter(key="correction").first()
    if clock is not None and clock.due_date and cleaned["on_date"] <= clock.due_date:
        return (
            "on_date",
            gettext("The applicant has until %(date)s to make the corrections (Art. 31).")
            % {"date": clock.due_date.isoformat()},
        )
    return None


# -- effects ----------------------------------------------------------------------------------


def processing_days(case, on_date: datetime.date) -> int | None:
    """Days from acceptance to `on_date`, the days of suspension not counted (Arts. 39, 62):
    the decision period's own count of time used."""
    from cases.models import Clock, ClockPause

    if case.accepted_on is None:
        return None
    days = (on_date - case.accepted_on).days
    clocks = Clock.for_case(case).filter(key__in=("decision", "decision_simplified"))
    for start, end in ClockPause.objects.filter(clock__in=clocks).values_list("start", "end"):
        days -= ((end or on_date) - start).days
    return max(days, 0)


def _request_correction(case, cleaned, ctx):
    case.correction_items = cleaned["items"]


def _refuse(case, cleaned, ctx):
    case.refusal_reason = cleaned["reason"]


def _accept(case, cleaned, ctx):
    case.accepted_on = cleaned["on_date"]
    case.procedure = cleaned["procedure"]
    case.simplified_ground = cleaned.get("simplified_ground") or ""
    case.major = bool(cleaned.get("major"))


def _deem_accepted(case, cleaned, ctx):
    case.accepted_on = cleaned["on_date"]
    case.deemed_accepted = True
    case.procedure = Procedure.ORDINARY


def _convert(case, cleaned, ctx):
    case.procedure = Procedure.ORDINARY
    case.converted_on = cleaned["on_date"]


def _send_copy(case, cleaned, ctx):
    case.copy_sent_on = cleaned["on_date"]


def _answer(case, cleaned, ctx):
    case.answer_received_on = cleaned["on_date"]
    case.answer = cleaned["answer"]


def _schedule_hearing(case, cleaned, ctx):
    case.hearing_on = cleaned["hearing_on"]
    case.hearing_place = cleaned["hearing_place"]


def _hold_hearing(case, cleaned, ctx):
    case.hearing_held_on = cleaned["on_date"]


def _consult_committee(case, cleaned, ctx):
    case.committee_on = cleaned["on_date"]


def _suspend(case, cleaned, ctx):
    case.suspension_ground = cleaned["ground"]
    case.suspended_on = cleaned["on_date"]


def _conclude(case, on_date):
    case.concluded_on = on_date
    case.processing_days = processing_days(case, on_date)


def _terminate(case, cleaned, ctx):
    case.termination_ground = cleaned["ground"]
    _conclude(case, cleaned["on_date"])


def _reject(case, cleaned, ctx):
    case.refusal_reason = cleaned["reason"]
    _conclude(case, cleaned["on_date"])


def _decide(case, cleaned, ctx):
    case.decision_type = cleaned["decision_type"]
    case.decision_reasons = cleaned["reasons"]
    _conclude(case, cleaned["on_date"])


def _mediate(case, cleaned, ctx):
    case.decision_reasons = cleaned["terms"]
    case.respondent_corrected = bool(cleaned.get("respondent_corrected"))
    _conclude(case, cleaned["on_date"])


def _withdraw(case, cleaned, ctx):
    case.outcome = Outcome.SETTLED if cleaned.get("settled") else Outcome.WITHDRAWN
    case.respondent_corrected = bool(cleaned.get("respondent_corrected"))
    if case.accepted_on:
        _conclude(case, cleaned["on_date"])


def _issue_opinion(case, cleaned, ctx):
    case.opinion_issued_on = cleaned["on_date"]
    case.opinion = cleaned["opinion"]


def _report_on_opinion(case, cleaned, ctx):
    case.opinion_reported_on = cleaned["on_date"]
    case.opinion_report = cleaned["report"]


_ENDS = ("decide", "mediate", "withdraw", "terminate", "reject_application")

TRANSITIONS = (
    Transition(
        "request_correction", _("Ask for corrections"), source=(S.SUBMITTED,),
        target=S.CORRECTION, roles=STAFF, form=CorrectionForm, effect=_request_correction,
        date_field="on_date", tone="outline-warning", article="行政复议法第三十一条",
    ),
    Transition(
        "corrections_received", _("Corrections received"), source=(S.CORRECTION,),
        target=S.SUBMITTED, roles=STAFF, form=DatedForm, date_field="on_date",
        article="行政复议法第三十一条",
    ),
    Transition(
        "abandon", _("Deemed abandoned: not corrected"), source=(S.CORRECTION,),
        target=S.ABANDONED, roles=STAFF, form=ReasonForm, guards=(_correction_period_over,),
        effect=_refuse, stamps=("closed_at",), date_field="on_date", outcome=Outcome.ABANDONED,
        tone="outline-secondary", article="行政复议法第三十一条",
    ),
    Transition(
        "accept", _("Accept"), source=(S.SUBMITTED,), target=S.ACCEPTED, roles=STAFF,
        form=AcceptForm, effect=_accept, stamps=("accepted_at",), date_field="on_date",
        tone="success", article="行政复议法第三十条",
    ),
    Transition(
        "deem_accepted", _("Deemed accepted: review period ended"), source=(S.SUBMITTED,),
        target=S.ACCEPTED, roles=STAFF, form=DeemedAcceptanceForm, effect=_deem_accepted,
        stamps=("accepted_at",), date_field="on_date", tone="outline-success",
        article="行政复议法第三十条",
    ),
    Transition(
        "refuse", _("Do not accept"), source=(S.SUBMITTED,), target=S.REFUSED, roles=STAFF,
        form=ReasonForm, effect=_refuse, stamps=("closed_at",), date_field="on_date",
        outcome=Outcome.REFUSED, tone="outline-danger", article="行政复议法第三十条",
    ),
    Transition(
        "reject_application", _("Reject the application"), source=_OPEN, target=S.REJECTED,
        roles=STAFF, form=ReasonForm, effect=_reject, stamps=("closed_at",),
        date_field="on_date", outcome=Outcome.REJECTED, tone="outline-danger",
        article="行政复议法第三十三条",
    ),
    Transition(
        "convert", _("Convert to the ordinary procedure"), source=_OPEN, target=None,
        roles=STAFF, form=ConvertForm, guards=(_simplified_only,), effect=_convert,
        offered_if=lambda case: case.procedure == Procedure.SIMPLIFIED,
        date_field="on_date", tone="outline-primary", article="行政复议法第五十五条",
    ),
    Transition(
        "send_copy", _("Send the copy to the respondent"), source=_OPEN, target=None,
        roles=STAFF, form=DatedForm, guards=(_copy_not_sent,), effect=_send_copy,
        offered_if=lambda case: not case.copy_sent_on,
        date_field="on_date", article="行政复议法第四十八条",
    ),
    Transition(
        "submit_answer", _("Submit the answer"), source=_OPEN, target=None,
        roles=AGENCY | STAFF, form=AnswerForm, guards=(_answerable,), effect=_answer,
        offered_if=lambda case: bool(case.copy_sent_on) and not case.answer_received_on,
        date_field="on_date", tone="primary", article="行政复议法第四十八条",
    ),
    Transition(
        "schedule_hearing", _("Schedule a hearing"), source=(S.ACCEPTED,), target=None,
        roles=STAFF, form=HearingForm, effect=_schedule_hearing, date_field="on_date",
        tone="outline-primary", article="行政复议法第五十一条",
    ),
    Transition(
        "hold_hearing", _("Record the hearing held"), source=(S.ACCEPTED,), target=None,
        roles=STAFF, form=DatedForm, guards=(_hearing_scheduled,), effect=_hold_hearing,
        offered_if=lambda case: bool(case.hearing_on) and not case.hearing_held_on,
        date_field="on_date", article="行政复议法第五十条",
    ),
    Transition(
        "consult_committee", _("Consult the reconsideration committee"), source=(S.ACCEPTED,),
        target=None, roles=STAFF, form=DatedForm, effect=_consult_committee,
        date_field="on_date", tone="outline-secondary", article="行政复议法第五十二条",
    ),
    Transition(
        "extend", _("Extend the decision period"), source=(S.ACCEPTED,), target=None,
        roles=STAFF, form=ExtendForm, guards=(_ordinary_only,), extends="decision",
        offered_if=lambda case: case.procedure == Procedure.ORDINARY,
        date_field="on_date", tone="outline-warning", article="行政复议法第六十二条",
    ),
    Transition(
        "suspend", _("Suspend"), source=(S.ACCEPTED,), target=S.SUSPENDED, roles=STAFF,
        form=SuspendForm, effect=_suspend, date_field="on_date", tone="outline-warning",
        article="行政复议法第三十九条",
    ),
    Transition(
        "resume", _("Resume"), source=(S.SUSPENDED,), target=S.ACCEPTED, roles=STAFF,
        form=ReasonForm, date_field="on_date", tone="primary", article="行政复议法第三十九条",
    ),
    Transition(
        "terminate", _("Terminate"), source=_OPEN, target=S.TERMINATED, roles=STAFF,
        form=TerminateForm, guards=(_termination_allowed,), effect=_terminate,
        stamps=("closed_at",), date_field="on_date", outcome=Outcome.TERMINATED,
        tone="outline-danger", article="行政复议法第四十一条",
    ),
    Transition(
        "decide", _("Decide"), source=(S.ACCEPTED,), target=S.DECIDED, roles=STAFF,
        form=DecideForm, guards=(_decision_allowed,), effect=_decide, stamps=("closed_at",),
        date_field="on_date", outcome=Outcome.DECIDED, tone="success",
        article="行政复议法第六十三条至第七十二条",
    ),
    Transition(
        "mediate", _("Conclude by mediation"), source=_OPEN, target=S.MEDIATED, roles=STAFF,
        form=MediateForm, effect=_mediate, stamps=("closed_at",), date_field="on_date",
        outcome=Outcome.MEDIATED, tone="success", article="行政复议法第七十三条",
    ),
    Transition(
        "withdraw", _("The applicant withdraws (or settles)"),
        source=(S.SUBMITTED, S.CORRECTION, *_OPEN), target=S.WITHDRAWN, roles=STAFF,
        form=WithdrawForm, effect=_withdraw, stamps=("closed_at",), date_field="on_date",
        tone="outline-secondary", article="行政复议法第七十四条",
    ),
    Transition(
        "issue_opinion", _("Issue an opinion letter"), source=(*_OPEN, *_CLOSED), target=None,
        roles=STAFF, form=OpinionForm, guards=(_no_opinion_yet,), effect=_issue_opinion,
        offered_if=lambda case: not case.opinion_issued_on,
        date_field="on_date", tone="outline-primary", article="行政复议法第七十六条",
    ),
    Transition(
        "report_on_opinion", _("Report on the opinion letter"), source=(*_OPEN, *_CLOSED),
        target=None, roles=AGENCY | STAFF, form=OpinionReportForm, guards=(_opinion_open,),
        offered_if=lambda case: bool(case.opinion_issued_on) and not case.opinion_reported_on,
        effect=_report_on_opinion, date_field="on_date", article="行政复议法第七十六条",
    ),
)  # fmt: skip


def _ordinary(case) -> bool:
    return case.procedure == Procedure.ORDINARY


def _simplified(case) -> bool:
    return case.procedure == Procedure.SIMPLIFIED


def _copy_due(case) -> bool:
    return _ordinary(case) and case.copy_sent_on is None


def _answer_due(case) -> bool:
    return _ordinary(case) and case.copy_sent_on is not None and case.answer_received_on is None


def _lapsing(case) -> bool:
    return case.suspension_ground in LAPSING_GROUNDS


def _days(name, default):
    return lambda: getattr(settings, name, default)


CLOCKS = (
    ClockSpec(
        "acceptance", _("Acceptance review (Art. 30)"), length=5, unit="working_days",
        start_on=(REGISTER, "corrections_received"),
        stop_on=("request_correction", "accept", "deem_accepted", "refuse", "withdraw"),
        lapse="deem_accepted", article="行政复议法第三十条",
    ),
    ClockSpec(
        "correction", _("Corrections by the applicant (Art. 31)"),
        length=_days("FAZHI_RECON_CORRECTION_WORKING_DAYS", 10), unit="working_days",
        start_on=("request_correction",), stop_on=("corrections_received", "abandon", "withdraw"),
        sets_case_due=False, article="行政复议法第三十一条",
    ),
    ClockSpec(
        "copy", _("Copy to the respondent (Art. 48)"), length=7, unit="working_days",
        start_on=("accept", "deem_accepted", "convert"), start_if=_copy_due,
        start_field="accepted_on", stop_on=("send_copy", *_ENDS), article="行政复议法第四十八条",
    ),
    ClockSpec(
        "copy_simplified", _("Copy to the respondent, simplified procedure (Art. 54)"),
        length=3, unit="working_days", start_on=("accept",), start_if=_simplified,
        stop_on=("send_copy", "convert", *_ENDS), article="行政复议法第五十四条",
    ),
    ClockSpec(
        "answer", _("The respondent's answer (Art. 48)"), length=10, unit="working_days",
        start_on=("send_copy", "convert"), start_if=_answer_due, start_field="copy_sent_on",
        stop_on=("submit_answer", *_ENDS), article="行政复议法第四十八条",
    ),
    ClockSpec(
        "answer_simplified", _("The respondent's answer, simplified procedure (Art. 54)"),
        length=5, unit="working_days", start_on=("send_copy",), start_if=_simplified,
        stop_on=("submit_answer", "convert", *_ENDS), article="行政复议法第五十四条",
    ),
    ClockSpec(
        "decision", _("Decision (Art. 62)"), length=60, unit="days",
        start_on=("accept", "deem_accepted", "convert"), start_if=_ordinary,
        start_field="accepted_on", stop_on=_ENDS, pause_on=("suspend",),
        resume_on=("resume",), extend_max=30, article="行政复议法第六十二条",
    ),
    ClockSpec(
        "decision_simplified", _("Decision, simplified procedure (Art. 62)"), length=30,
        unit="days", start_on=("accept",), start_if=_simplified,
        stop_on=(*_ENDS, "convert"), pause_on=("suspend",), resume_on=("resume",),
        article="行政复议法第六十二条",
    ),
    ClockSpec(
        "suspension", _("Suspension on ground 1, 2 or 4 (Art. 41 ¶1 (5))"), length=60,
        unit="days", start_on=("suspend",), start_if=_lapsing,
        stop_on=("resume", *_ENDS), article="行政复议法第四十一条",
    ),
    ClockSpec(
        "opinion_report", _("The respondent's report on the opinion letter (Art. 76)"),
        length=60, unit="days", start_on=("issue_opinion",), stop_on=("report_on_opinion",),
        sets_case_due=False, article="行政复议法第七十六条",
    ),
)  # fmt: skip

RECONSIDERATION_PROCESS = registry.register(
    Process(
        key="reconsideration",
        label=_("Administrative reconsideration"),
        model="reconsideration.ReconsiderationCase",
        states=STATES,
        initial=S.SUBMITTED,
        transitions=TRANSITIONS,
        clocks=CLOCKS,
        number_series="reconsideration",
        number_pattern="（{year}）{abbr}行复字第{seq:04d}号",
    )
)

__all__ = ["RECONSIDERATION_PROCESS", "S", "processing_days"]
