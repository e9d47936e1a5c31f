"""The process of a people's mediation case, declared for the case engine.

People's Mediation Law (人民调解法, reference/statutes.md §3):
- Art. 17: mediation starts on a party's request or on the committee's initiative, and cannot
  go on if a party clearly refuses — acceptance records the parties' consent.
- Art. 26: when mediation fails the mediator ends it and tells the parties of arbitration,
  administrative and judicial routes.
- Arts. 28–31: an agreement is written or oral; a written agreement takes effect only when the
  parties have signed, sealed or fingerprinted it AND the mediator has signed AND the committee
  has sealed it; an oral one when it is reached.
- Art. 33 (Civil Procedure Law 2023 Arts. 205–206): the parties apply jointly to a court for
  judicial confirmation within 30 days of the agreement taking effect; the court confirms it
  valid or rejects the application.
- 人民调解工作若干规定 (2002) Art. 33: a dispute is normally concluded within one month, and
  may continue with both parties' consent — a configurable local target here
  (FAZHI_MEDIATION_TERM_MONTHS, FAZHI_MEDIATION_EXTENSION_MONTHS).
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cases.forms import DateInput, TransitionForm
from cases.process import REGISTER, ClockSpec, Process, State, Transition, registry
from core import fields
from core.roles import Role
from mediation.choices import AgreementForm, ConfirmationResult, OtherRoute, Outcome, Performance

HANDLERS = frozenset({Role.MEDIATOR, Role.OFFICE_STAFF, Role.SECTION_STAFF})


class S:
    REGISTERED = "registered"
    ACCEPTED = "accepted"
    REFUSED = "refused"
    MEDIATING = "mediating"
    AGREED = "agreed"
    FAILED = "failed"
    TERMINATED = "terminated"
    CONFIRMATION_PENDING = "confirmation_pending"
    CONFIRMED = "confirmed"
    CONFIRMATION_REJECTED = "confirmation_rejected"


STATES = (
    State(S.REGISTERED, _("Registered"), tone="info"),
    State(S.ACCEPTED, _("Accepted"), tone="primary"),
    State(S.REFUSED, _("Not accepted"), final=True, tone="secondary"),
    State(S.MEDIATING, _("In mediation"), tone="primary"),
    State(S.AGREED, _("Agreement reached"), tone="success"),
    State(S.FAILED, _("Mediation failed"), final=True, tone="warning"),
    State(S.TERMINATED, _("Terminated"), final=True, tone="secondary"),
    State(S.CONFIRMATION_PENDING, _("Judicial confirmation applied for"), tone="info"),
    State(S.CONFIRMED, _("Judicially confirmed"), tone="success"),
    State(S.CONFIRMATION_REJECTED, _("Judicial confirmation rejected"), tone="warning"),
)


def _today():
    from django.utils import timezone

    return timezone.localdate()


def _no_future(field):
    def check(value):
        if value and value > _today():
            raise forms.ValidationError(gettext("The date cannot be in the future."))

    return check


class AcceptForm(TransitionForm):
    accepted_on = forms.DateField(label=_("accepted on"), initial=_today, widget=DateInput())
    consent = forms.BooleanField(
        label=_("the parties agree to mediation (Art. 17)"),
        error_messages={"required": _("Mediation needs the parties' consent (Art. 17).")},
    )

    def clean_accepted_on(self):
        value = self.cleaned_data["accepted_on"]
        _no_future("accepted_on")(value)
        if self.case and value < self.case.received_at.date():
            raise forms.ValidationError(gettext("Acceptance cannot precede registration."))
        return value


class ReasonForm(TransitionForm):
    decided_on = forms.DateField(label=_("date"), initial=_today, widget=DateInput())
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea(attrs={"rows": 3}))

    def clean_decided_on(self):
        value = self.cleaned_data["decided_on"]
        _no_future("decided_on")(value)
        return value


class SessionForm(TransitionForm):
    held_on = forms.DateField(label=_("date"), initial=_today, widget=DateInput())
    place = forms.CharField(label=_("place"), max_length=200)
    attendees = forms.CharField(label=_("attendees"), max_length=300, required=False)
    notes = forms.CharField(label=_("record"), widget=forms.Textarea(attrs={"rows": 6}))

    def clean_held_on(self):
        value = self.cleaned_data["held_on"]
        _no_future("held_on")(value)
        return value


class AgreementFormFields(TransitionForm):
    form = forms.ChoiceField(
        label=_("agreement form"), choices=AgreementForm.choices, widget=forms.RadioSelect
    )
    terms = forms.CharField(
        label=_("terms of the agreement"), widget=forms.Textarea(attrs={"rows": 5})
    )
    performance = forms.CharField(
        label=_("manner and time of performance"), widget=forms.Textarea(attrs={"rows": 2})
    )
    effective_on = forms.DateField(
        label=_("agreement in force on"), initial=_today, widget=DateInput()
    )
    parties_signed = forms.BooleanField(
        label=_("all parties signed, sealed or fingerprinted"), required=False
    )
    mediator_signed = forms.BooleanField(label=_("the mediator signed"), required=False)
    committee_sealed = forms.BooleanField(
        label=_("the committee's seal is affixed"), required=False
    )

    def clean_effective_on(self):
        value = self.cleaned_data["effective_on"]
        _no_future("effective_on")(value)
        return value

    def clean(self):
        data = super().clean()
        if data.get("form") == AgreementForm.WRITTEN:
            # Art. 29: a written agreement takes effect only with all three.
            missing = {
                "parties_signed": gettext("the parties' signatures, seals or fingerprints"),
                "mediator_signed": gettext("the mediator's signature"),
                "committee_sealed": gettext("the committee's seal"),
            }
            for name, what in missing.items():
                if not data.get(name):
                    self.add_error(
                        name,
                        gettext(
                            "A written agreement takes effect only with %(what)s "
                            "(People's Mediation Law Art. 29)."
                        )
                        % {"what": what},
                    )
        return data


class FailForm(ReasonForm):
    reason = forms.CharField(
        label=_("why mediation failed"), widget=forms.Textarea(attrs={"rows": 3})
    )
    routes_told = forms.MultipleChoiceField(
        label=_("other routes explained to the parties (Art. 26)"),
        choices=OtherRoute.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Tell the parties at least one other route (Art. 26).")},
    )


class ExtendForm(TransitionForm):
    extension = fields.IntegerField(label=_("extend by (months)"), min_value=1, initial=1)
    both_consent = forms.BooleanField(
        label=_("both parties agree to continue"),
        error_messages={"required": _("Mediation continues only with both parties' consent.")},
    )


class RerouteForm(TransitionForm):
    organization = fields.ModelChoiceField(label=_("send to"), queryset=None)
    reason = forms.CharField(label=_("reason"), max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from core.models import Organization
        from mediation.services import HANDLING_KINDS

        queryset = Organization.objects.filter(kind__in=HANDLING_KINDS, is_active=True)
        if self.case is not None:
            queryset = queryset.filter(region__code__startswith=self.case.region_code[:6]).exclude(
                pk=self.case.organization_id
            )
        self.fields["organization"].queryset = queryset.order_by("region_id", "name")


class ConfirmationApplyForm(TransitionForm):
    applied_on = forms.DateField(label=_("applied on"), initial=_today, widget=DateInput())
    court = forms.CharField(label=_("court"), max_length=100)

    def clean_applied_on(self):
        value = self.cleaned_data["applied_on"]
        _no_future("applied_on")(value)
        return value


class ConfirmationResultForm(TransitionForm):
    ruled_on = forms.DateField(label=_("court ruled on"), initial=_today, widget=DateInput())


class FollowUpForm(TransitionForm):
    visited_on = forms.DateField(label=_("date"), initial=_today, widget=DateInput())
    performance = forms.ChoiceField(label=_("performance"), choices=Performance.choices)
    satisfied = forms.BooleanField(label=_("parties satisfied"), required=False)
    notes = forms.CharField(
        label=_("findings"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


# -- guards -----------------------------------------------------------------------------------


def _written_only(case, cleaned, ctx):
    if case.agreement_form != AgreementForm.WRITTEN:
        return gettext("Judicial confirmation is for written mediation agreements.")
    return None


def _within_confirmation_window(case, cleaned, ctx):
    from cases.calendar import get_calendar

    due = get_calendar().add_days(case.agreement_effective_on, 30)
    if cleaned["applied_on"] > due.date:
        return (
            "applied_on",
            gettext(
                "The joint application is due within 30 days of the agreement taking effect "
                "(People's Mediation Law Art. 33): by %(due)s."
            )
            % {"due": due.date.isoformat()},
        )
    if cleaned["applied_on"] < case.agreement_effective_on:
        return ("applied_on", gettext("The application cannot precede the agreement."))
    return None


def _after_last_session(case, cleaned, ctx):
    last = case.sessions.order_by("-held_on").first()
    day = cleaned.get("effective_on")
    if last and day and day < last.held_on:
        return ("effective_on", gettext("The agreement cannot precede the last session."))
    return None


# -- effects ----------------------------------------------------------------------------------


def _accept(case, cleaned, ctx):
    case.consent_recorded = True


def _reroute(case, cleaned, ctx):
    """Hand the request to another committee of the district: the case and everything
    recorded on it move to the new organisation's jurisdiction."""
    from django.apps import apps

    from cases.models import CaseRecord

    target = cleaned["organization"]
    case.organization = target
    case.team = target
    case.region_code = target.region_id
    case.assignee = None
    case.mediators.clear()
    for model in apps.get_models():
        if issubclass(model, CaseRecord):
            model.for_case(case).update(organization=target, region_code=target.region_id)


def _refuse(case, cleaned, ctx):
    case.refusal_reason = cleaned["reason"]


def _session(case, cleaned, ctx):
    from mediation.models import Session

    Session.objects.create(
        dispute=case,
        held_on=cleaned["held_on"],
        place=cleaned["place"],
        attendees=cleaned.get("attendees", ""),
        notes=cleaned["notes"],
        recorded_by=ctx.actor,
    )


def _agree(case, cleaned, ctx):
    case.agreement_form = cleaned["form"]
    case.agreement_terms = cleaned["terms"]
    case.agreement_performance = cleaned["performance"]
    case.agreement_effective_on = cleaned["effective_on"]
    case.parties_signed = bool(cleaned.get("parties_signed"))
    case.mediator_signed = bool(cleaned.get("mediator_signed"))
    case.committee_sealed = bool(cleaned.get("committee_sealed"))
    case.performance = Performance.PENDING


def _fail(case, cleaned, ctx):
    case.failure_reason = cleaned["reason"]
    case.routes_told = list(cleaned["routes_told"])


def _terminate(case, cleaned, ctx):
    case.failure_reason = cleaned["reason"]


def _apply_confirmation(case, cleaned, ctx):
    case.confirmation_applied_on = cleaned["applied_on"]
    case.confirmation_court = cleaned["court"]


def _confirmed(result):
    def effect(case, cleaned, ctx):
        case.confirmation_result = result
        case.confirmation_ruled_on = cleaned["ruled_on"]

    return effect


def _follow_up(case, cleaned, ctx):
    from mediation.models import FollowUp

    FollowUp.objects.create(
        dispute=case,
        visited_on=cleaned["visited_on"],
        performance=cleaned["performance"],
        satisfied=bool(cleaned.get("satisfied")),
        notes=cleaned.get("notes", ""),
        visited_by=ctx.actor,
    )
    case.performance = cleaned["performance"]


_AFTER_AGREEMENT = (S.AGREED, S.CONFIRMATION_PENDING, S.CONFIRMED, S.CONFIRMATION_REJECTED)

TRANSITIONS = (
    Transition(
        "accept",
        _("Accept"),
        source=(S.REGISTERED,),
        target=S.ACCEPTED,
        roles=HANDLERS,
        form=AcceptForm,
        effect=_accept,
        stamps=("accepted_at",),
        date_field="accepted_on",
        article="人民调解法第十七条",
    ),
    Transition(
        "reroute",
        _("Send to another committee"),
        source=(S.REGISTERED,),
        target=None,
        roles=frozenset({Role.OFFICE_STAFF, Role.SECTION_STAFF}),
        form=RerouteForm,
        effect=_reroute,
        tone="outline-secondary",
    ),
    Transition(
        "refuse",
        _("Do not accept"),
        source=(S.REGISTERED,),
        target=S.REFUSED,
        roles=HANDLERS,
        form=ReasonForm,
        effect=_refuse,
        stamps=("closed_at",),
        date_field="decided_on",
        outcome=Outcome.REFUSED,
        tone="outline-danger",
    ),
    Transition(
        "record_session",
        _("Record a session"),
        source=(S.ACCEPTED, S.MEDIATING),
        target=S.MEDIATING,
        roles=HANDLERS,
        form=SessionForm,
        effect=_session,
        date_field="held_on",
    ),
    Transition(
        "reach_agreement",
        _("Agreement reached"),
        source=(S.MEDIATING,),
        target=S.AGREED,
        roles=HANDLERS,
        form=AgreementFormFields,
        guards=(_after_last_session,),
        effect=_agree,
        stamps=("closed_at",),
        outcome=Outcome.SUCCEEDED,
        date_field="effective_on",
        tone="success",
        article="人民调解法第二十八条至第三十一条",
    ),
    Transition(
        "fail",
        _("Mediation failed"),
        source=(S.ACCEPTED, S.MEDIATING),
        target=S.FAILED,
        roles=HANDLERS,
        form=FailForm,
        effect=_fail,
        stamps=("closed_at",),
        date_field="decided_on",
        outcome=Outcome.FAILED,
        tone="outline-warning",
        article="人民调解法第二十六条",
    ),
    Transition(
        "terminate",
        _("Terminate"),
        source=(S.ACCEPTED, S.MEDIATING),
        target=S.TERMINATED,
        roles=HANDLERS,
        form=ReasonForm,
        effect=_terminate,
        stamps=("closed_at",),
        date_field="decided_on",
        outcome=Outcome.TERMINATED,
        tone="outline-danger",
        article="人民调解法第十七条",
    ),
    Transition(
        "extend_term",
        _("Continue beyond the term"),
        source=(S.ACCEPTED, S.MEDIATING),
        target=None,
        roles=HANDLERS,
        form=ExtendForm,
        extends="mediation_term",
        tone="outline-secondary",
    ),
    Transition(
        "apply_confirmation",
        _("Judicial confirmation applied for"),
        source=(S.AGREED,),
        target=S.CONFIRMATION_PENDING,
        roles=HANDLERS,
        form=ConfirmationApplyForm,
        guards=(_written_only, _within_confirmation_window),
        effect=_apply_confirmation,
        date_field="applied_on",
        article="人民调解法第三十三条",
    ),
    Transition(
        "confirm_valid",
        _("Court confirmed the agreement"),
        source=(S.CONFIRMATION_PENDING,),
        target=S.CONFIRMED,
        roles=HANDLERS,
        form=ConfirmationResultForm,
        effect=_confirmed(ConfirmationResult.VALID),
        date_field="ruled_on",
        tone="success",
    ),
    Transition(
        "confirm_rejected",
        _("Court rejected the application"),
        source=(S.CONFIRMATION_PENDING,),
        target=S.CONFIRMATION_REJECTED,
        roles=HANDLERS,
        form=ConfirmationResultForm,
        effect=_confirmed(ConfirmationResult.REJECTED),
        date_field="ruled_on",
        tone="outline-warning",
    ),
    Transition(
        "follow_up",
        _("Record a follow-up visit"),
        source=_AFTER_AGREEMENT,
        target=None,
        roles=HANDLERS,
        form=FollowUpForm,
        effect=_follow_up,
        date_field="visited_on",
        tone="outline-primary",
    ),
)

CLOCKS = (
    ClockSpec(
        "mediation_term",
        _("Mediation term"),
        length=lambda: settings.FAZHI_MEDIATION_TERM_MONTHS,
        unit="months",
        start_on=("accept",),
        stop_on=("reach_agreement", "fail", "terminate"),
        extend_max=lambda: settings.FAZHI_MEDIATION_EXTENSION_MONTHS,
        article="人民调解工作若干规定第三十三条",
    ),
    ClockSpec(
        "confirmation_window",
        _("Window for judicial confirmation"),
        length=30,
        unit="days",
        start_on=("reach_agreement",),
        start_field="agreement_effective_on",
        start_if=lambda case: case.agreement_form == AgreementForm.WRITTEN,
        stop_on=("apply_confirmation",),
        sets_case_due=False,
        article="人民调解法第三十三条",
    ),
)

DISPUTE_PROCESS = registry.register(
    Process(
        key="mediation",
        label=_("People's mediation"),
        model="mediation.Dispute",
        states=STATES,
        initial=S.REGISTERED,
        transitions=TRANSITIONS,
        clocks=CLOCKS,
        number_series="mediation",
        number_pattern="（{year}）{abbr}字第{seq:04d}号",
    )
)

__all__ = ["DISPUTE_PROCESS", "REGISTER", "S"]
