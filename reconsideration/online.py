"""Administrative reconsideration on the public portal: the online application (网上申请,
行政复议法第二十二条), and what its applicant may follow with the tracking code and a one-time SMS
code (DESIGN.md, Public portal and Public identity).

The form shows the application period (Arts. 20, 21, reconsideration.application_period)
once the dates are given: when it has passed, the applicant is warned and applies only after
confirming that they have a good reason (force majeure, not having been told of the right) —
a warning, never a refusal: the office decides on acceptance (Art. 30).
"""

from __future__ import annotations

from django import forms
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cases.forms import DateInput
from cases.models import Channel, Clock, ClockState
from core import fields
from core.fields import PhoneInput
from core.middleware import retry_safe
from core.models import Organization, OrganizationKind
from portal import online as portal_online
from portal.forms import ApplicationForm
from portal.regions import within_served
from portal.registry import Service, Tracker, register_service, register_tracker
from reconsideration import application_period
from reconsideration.choices import ActType, Side
from reconsideration.models import ReconsiderationCase

PARTY_FIELDS = {"applicant_": ("name", "id_number", "phone", "address")}


def offices():
    """The justice bureaus of the portal's regions (their reconsideration offices)."""
    queryset = Organization.objects.filter(kind=OrganizationKind.JUSTICE_BUREAU, is_active=True)
    return within_served(queryset, "region_id").order_by("region_id", "name")


def agencies():
    queryset = Organization.objects.filter(kind=OrganizationKind.AGENCY, is_active=True)
    return within_served(queryset, "region_id").order_by("region_id", "name")


class NameChoiceField(fields.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class OnlineApplicationForm(ApplicationForm):
    party_fields = PARTY_FIELDS

    office = NameChoiceField(
        label=_("reconsideration authority"),
        queryset=Organization.objects.none(),
        empty_label="—",
        help_text=_("The people's government at the level of the agency, whose justice bureau "
                    "handles reconsideration."),
    )  # fmt: skip
    respondent = NameChoiceField(
        label=_("the agency whose act you challenge"),
        queryset=Organization.objects.none(),
        empty_label="—",
    )
    act_type = forms.ChoiceField(label=_("kind of act"), choices=[("", "—"), *ActType.choices])
    act_description = forms.CharField(
        label=_("the act you challenge"),
        max_length=300,
        help_text=_("e.g. the decision imposing a fine of 5,000 yuan for …"),
    )
    act_number = forms.CharField(
        label=_("its document number (optional)"), max_length=100, required=False
    )
    act_on = forms.DateField(label=_("the act was made on (optional)"), required=False,
                             widget=DateInput())  # fmt: skip
    knew_on = forms.DateField(label=_("you learned of the act on"), widget=DateInput())
    informed_of_right = forms.BooleanField(
        label=_("The agency told me that I may apply for reconsideration and within what time"),
        required=False,
    )
    requests = forms.CharField(
        label=_("what you ask the authority to decide"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("e.g. annul the decision; order the agency to reply to my request."),
    )
    requests_void = forms.BooleanField(
        label=_("I ask that the act be declared void (Art. 67)"), required=False
    )
    facts = forms.CharField(
        label=_("facts and reasons"), max_length=3000, widget=forms.Textarea(attrs={"rows": 5})
    )
    applicant_name = forms.CharField(label=_("your name"), max_length=64)
    applicant_id_number = forms.CharField(
        label=_("your resident ID number"),
        max_length=18,
        help_text=_("18 characters, as on your identity card."),
    )
    applicant_phone = forms.CharField(
        label=_("your mobile phone"),
        max_length=20,
        widget=PhoneInput(own=True),
        help_text=_("We text you the tracking code and each change of status."),
    )
    applicant_address = forms.CharField(
        label=_("your address"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    late_confirmed = forms.BooleanField(
        label=_("I still apply: I will explain why I could not apply in time"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = offices()
        self.fields["respondent"].queryset = agencies()
        self.period = None

    def clean(self):
        from reconsideration.services import clean_application_data

        cleaned = super().clean()
        _data, errors = clean_application_data(
            application_data(cleaned), office=cleaned.get("office")
        )
        for field, messages in errors.items():
            self.add_error_once(SERVICE_FIELDS.get(field, field), messages)
        if cleaned.get("knew_on"):
            self.period = application_period.check(
                knew_on=cleaned["knew_on"],
                on=timezone.localdate(),
                act_on=cleaned.get("act_on"),
                informed=bool(cleaned.get("informed_of_right")),
            )
            warning = application_period.warning(self.period)
            if warning and not cleaned.get("late_confirmed"):
                self.add_error("late_confirmed", warning)
        return cleaned


SERVICE_FIELDS = {"organization": "office"}


def application_data(cleaned: dict) -> dict:
    """The application as reconsideration.services takes it, from the form's cleaned data."""
    return {
        "respondent": cleaned.get("respondent"),
        "act_type": cleaned.get("act_type", ""),
        "act_description": cleaned.get("act_description", ""),
        "act_number": cleaned.get("act_number", ""),
        "act_on": cleaned.get("act_on"),
        "knew_on": cleaned.get("knew_on"),
        "informed_of_right": bool(cleaned.get("informed_of_right")),
        "requests": cleaned.get("requests", ""),
        "requests_void": bool(cleaned.get("requests_void")),
        "facts": cleaned.get("facts", ""),
        "channel": Channel.ONLINE,
    }


def application_file_online(cleaned: dict) -> ReconsiderationCase:
    """Register the application with the chosen office, with a tracking code; the office's
    staff hear of it, and the applicant is texted the code, once it is committed."""
    from reconsideration.services import application_register

    case = application_register(
        actor=None,
        organization=cleaned["office"],
        data=application_data(cleaned),
        parties=[
            {
                "side": Side.APPLICANT,
                "name": cleaned["applicant_name"],
                "id_number": cleaned["applicant_id_number"],
                "phone": cleaned["applicant_phone"],
                "address": cleaned["applicant_address"],
            }
        ],
        tracking_code=True,
    )
    portal_online.announce_filing(case, notify_office)
    return case


def notify_office(case, *, kind: str, body: str = "") -> None:
    title = {
        "online_request": gettext("New online reconsideration application: %(number)s"),
        "applicant_message": gettext("Message from the applicant of %(number)s"),
    }[kind] % {"number": case.number}
    portal_online.notify_handlers(case, kind=kind, title=title, body=body)


@retry_safe
def apply(request):
    """The public form. A resubmitted form (same hidden key) shows the first case's code."""
    form = OnlineApplicationForm(request.POST or None)
    case = portal_online.file_application(
        request,
        form,
        line="reconsideration",
        scope="portal.reconsideration_apply",
        model=ReconsiderationCase,
        create=application_file_online,
        phone_limited=gettext(
            "Too many applications with this phone number today; follow your earlier "
            "application with its tracking code, or call the reconsideration office."
        ),
        parties=("applicant_",),
        fields=SERVICE_FIELDS,
    )
    if case is not None:
        request.session["reconsideration_filed"] = case.tracking_code
        return redirect("reconsideration:online_filed")
    return render(
        request,
        "reconsideration/online_apply.html",
        {"form": form, "title": gettext("Apply for administrative reconsideration")},
    )


def _clock_due(case, key: str):
    clock = Clock.for_case(case).filter(key=key).first()
    if clock is None or clock.state != ClockState.RUNNING:
        return None
    return clock.due_date


def filed(request):
    context = portal_online.filed_context(
        request,
        ReconsiderationCase,
        session_key="reconsideration_filed",
        name="case",
        title=gettext("Application received"),
    )
    if context is None:
        return redirect("reconsideration:online_apply")
    if context["case"] is not None:
        context["acceptance_due"] = _clock_due(context["case"], "acceptance")
    return render(request, "reconsideration/online_filed.html", context)


message_applicant = portal_online.message_applicant_view(ReconsiderationCase)


def public_view(case) -> dict:
    """What the applicant may see: the number, the status, the office, the respondent, the
    acceptance review and decision due dates, the corrections asked for, the decision or other
    conclusion with its date; never the respondent's answer or staff notes."""
    from reconsideration.process import S

    view = portal_online.public_view(
        case, (gettext("respondent"), case.respondent.name),
    )  # fmt: skip
    facts = view["facts"]
    if case.state == S.SUBMITTED:
        due = _clock_due(case, "acceptance")
        if due:
            facts.append((gettext("decision on acceptance by (Art. 30)"), due.isoformat()))
    if case.state == S.CORRECTION:
        facts.append((gettext("corrections asked for"), case.correction_items))
        due = _clock_due(case, "correction")
        if due:
            facts.append((gettext("corrections due by (Art. 31)"), due.isoformat()))
    if case.accepted_on:
        facts.append((gettext("accepted on"), case.accepted_on.isoformat()))
        facts.append((gettext("procedure"), case.get_procedure_display()))
    for key in ("decision", "decision_simplified"):
        due = _clock_due(case, key)
        if due and case.state == S.ACCEPTED:
            facts.append((gettext("decision due by (Art. 62)"), due.isoformat()))
    if case.hearing_on and not case.closed_at:
        facts.append((gettext("hearing"), f"{case.hearing_on.isoformat()} {case.hearing_place}"))
    if case.decision_type:
        facts.append((gettext("decision"), f"{case.get_decision_type_display()} "
                      f"({case.concluded_on.isoformat() if case.concluded_on else '—'})"))  # fmt: skip
        facts.append((
            gettext("if you do not accept it"),
            gettext("You may sue in a people's court within 15 days of receiving the decision "
                    "(Administrative Litigation Law Art. 45)."),
        ))  # fmt: skip
    if case.state in (S.REFUSED, S.REJECTED, S.ABANDONED) and case.refusal_reason:
        facts.append((gettext("reasons"), case.refusal_reason))
    return view


def _announces(case, event) -> bool:
    return event.from_state != event.to_state


register_service(
    Service(
        "reconsideration",
        _("Apply for administrative reconsideration"),
        _("Challenge an administrative act — a penalty, a refusal, an agency's failure to act — "
          "before the government's reconsideration office. Free of charge."),
        "reconsideration:online_apply",
        order=30,
    )
)  # fmt: skip
register_service(
    Service(
        "reconsideration_decisions",
        _("Published reconsideration decisions"),
        _("Read the decisions of the reconsideration office, with personal data removed."),
        "reconsideration:public_decisions",
        order=85,
    )
)
register_tracker(
    Tracker(
        "reconsideration.reconsiderationcase",
        find=portal_online.find_by_tracking_code(ReconsiderationCase),
        phones=lambda case: portal_online.applicant_phones(case.recon_parties, Side.APPLICANT),
        public_view=public_view,
        on_message=portal_online.message_received(notify_office),
        announces=_announces,
    )
)
