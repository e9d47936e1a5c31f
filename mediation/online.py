"""Online mediation requests from the public (网上申请调解), routed automatically to a committee,
tracked with a code and a one-time SMS code (DESIGN.md, Public portal and Public identity)."""

from __future__ import annotations

from django import forms
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from cases.models import Channel
from core.errors import InvalidInput
from core.fields import PhoneInput
from core.middleware import retry_safe
from core.models import Organization, OrganizationKind, Region
from core.regions import ancestor_codes
from mediation.choices import DisputeType, Side, Source
from mediation.models import Dispute
from mediation.routing import route, serves_street_itself
from mediation.services import dispute_register
from portal import online as portal_online
from portal.forms import ApplicationForm
from portal.regions import contact_of, street_choices
from portal.registry import Service, Tracker, register_service, register_tracker

# The form's fields for each party, as the party fields they are (core.services).
PARTY_FIELDS = {
    "applicant_": ("name", "phone", "id_number"),
    "respondent_": ("name", "phone"),
}


def no_one_serves(street_code: str) -> str:
    """What to tell a citizen whose street no unit of its district can take a request for:
    whom to call instead (the nearest justice bureau above the street), never a dead end."""
    street = Region.objects.filter(code=street_code).first()
    bureaus = Organization.objects.filter(kind=OrganizationKind.JUSTICE_BUREAU, is_active=True)
    bureau = None
    for code in ancestor_codes(street_code):
        bureau = bureaus.filter(region_id=code).order_by("name").first()
        if bureau:
            break
    unit, phone = contact_of(bureau)
    names = {"street": street.name if street else street_code, "unit": unit}
    if unit and phone:
        return gettext(
            "No mediation committee or justice office takes online requests for %(street)s "
            "yet. Please call %(unit)s at %(phone)s: they will tell you where to apply."
        ) % {**names, "phone": phone}
    if unit:
        return (
            gettext(
                "No mediation committee or justice office takes online requests for %(street)s "
                "yet. Please contact %(unit)s: they will tell you where to apply."
            )
            % names
        )
    return (
        gettext(
            "No mediation committee or justice office takes online requests for %(street)s yet. "
            "Please contact the justice bureau of your district."
        )
        % names
    )


class OnlineRequestForm(ApplicationForm):
    party_fields = PARTY_FIELDS

    consent = forms.BooleanField(
        label=_("I apply for people's mediation voluntarily and agree to it"),
        error_messages={"required": _("Mediation needs your consent (Art. 17).")},
    )
    applicant_name = forms.CharField(label=_("your name"), max_length=64)
    applicant_phone = forms.CharField(
        label=_("your mobile phone"),
        max_length=20,
        widget=PhoneInput(own=True),
        help_text=_(
            "We text you the tracking code, each change of status and each reply, and the "
            "verification code when you track the case."
        ),
    )
    applicant_id_number = forms.CharField(
        label=_("your resident ID number (optional)"), max_length=18, required=False
    )
    respondent_name = forms.CharField(label=_("the other party"), max_length=128)
    respondent_phone = forms.CharField(
        label=_("the other party's phone (optional)"),
        max_length=20,
        required=False,
        widget=PhoneInput(),
    )
    street = forms.ChoiceField(label=_("street or town where the dispute is"), choices=())
    address = forms.CharField(label=_("place of the dispute"), max_length=200)
    dispute_type = forms.ChoiceField(
        label=_("kind of dispute"), choices=[("", "—"), *DisputeType.choices]
    )
    facts = forms.CharField(
        label=_("what happened"), max_length=2000, widget=forms.Textarea(attrs={"rows": 5})
    )
    requests = forms.CharField(
        label=_("what you ask for"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["street"].choices = street_choices()

    def clean(self):
        """Check the parties (portal.forms.ApplicationForm) and the routing here, with every
        other field, so that all errors show at once: the service would otherwise find them
        only after this form passed."""
        cleaned = super().clean()
        if cleaned.get("street") and cleaned.get("dispute_type"):
            organization = route(cleaned["street"], cleaned["dispute_type"])
            if organization is None:
                self.add_error("street", no_one_serves(cleaned["street"]))
            else:
                cleaned["organization"] = organization
        return cleaned


def dispute_file_online(data: dict):
    """Register a request filed on the portal and route it (订单式推送); the applicant is
    texted the tracking code once it is committed."""
    organization = data.get("organization") or route(data["street"], data["dispute_type"])
    if organization is None:
        message = no_one_serves(data["street"])
        raise InvalidInput(message, fields={"street": [message]})
    title = gettext("Online request: %(type)s") % {"type": DisputeType(data["dispute_type"]).label}
    dispute = dispute_register(
        actor=None,
        organization=organization,
        data={
            "title": title,
            "facts": data["facts"],
            "requests": data["requests"],
            "dispute_type": data["dispute_type"],
            "address": data["address"],
            "source": Source.APPLICATION,
            "channel": Channel.ONLINE,
        },
        parties=[
            {
                "side": Side.APPLICANT,
                "name": data["applicant_name"],
                "phone": data["applicant_phone"],
                "id_number": data.get("applicant_id_number", ""),
            },
            {
                "side": Side.RESPONDENT,
                "name": data["respondent_name"],
                "phone": data.get("respondent_phone", ""),
            },
        ],
        tracking_code=True,
    )
    portal_online.announce_filing(dispute, notify_unit)
    return dispute


def notify_unit(dispute, *, kind: str, body: str = "") -> None:
    """Tell the people of the handling unit (or the assignee) about something from the public."""
    title = {
        "online_request": gettext("New online request: %(title)s"),
        "applicant_message": gettext("Message from the applicant of %(title)s"),
    }[kind] % {"title": dispute.number}
    portal_online.notify_handlers(dispute, kind=kind, title=title, body=body)


@retry_safe
def apply(request):
    """The public form. A resubmitted form (same hidden key) shows the first case's code."""
    form = OnlineRequestForm(request.POST or None)
    dispute = portal_online.file_application(
        request,
        form,
        line="mediation",
        scope="portal.mediation_apply",
        model=Dispute,
        create=dispute_file_online,
        phone_limited=gettext(
            "Too many requests with this phone number today; if your earlier request "
            "has a tracking code, follow it there, or call the justice office."
        ),
        parties=("applicant_", "respondent_"),
    )
    if dispute is not None:
        request.session["portal_filed"] = dispute.tracking_code
        request.session["portal_filed_street"] = form.cleaned_data["street"]
        return redirect("mediation:online_filed")
    return render(
        request,
        "mediation/online_apply.html",
        {"form": form, "title": gettext("Apply for mediation")},
    )


def filed(request):
    context = portal_online.filed_context(
        request,
        Dispute,
        session_key="portal_filed",
        name="dispute",
        title=gettext("Request received"),
    )
    if context is None:
        return redirect("mediation:online_apply")
    dispute = context["dispute"]
    if dispute is not None:
        street_code = request.session.get("portal_filed_street") or ""
        if street_code and not serves_street_itself(dispute.organization, street_code):
            # The street has no committee of its own: say so, and who stands in for it.
            context["street"] = Region.objects.filter(code=street_code).first()
    return render(request, "mediation/online_filed.html", context)


# -- staff side: messages to the applicant -------------------------------------------------

message_applicant = portal_online.message_applicant_view(Dispute)


# -- what the applicant sees ---------------------------------------------------------------


def _public_view(dispute) -> dict:
    return portal_online.public_view(
        dispute, (gettext("kind of dispute"), dispute.get_dispute_type_display())
    )


register_service(
    Service(
        "mediation",
        _("Apply for people's mediation"),
        _("Free of charge. Your request goes straight to the committee for your street."),
        "mediation:online_apply",
        order=10,
    )
)
register_tracker(
    Tracker(
        "mediation.dispute",
        find=portal_online.find_by_tracking_code(Dispute),
        phones=lambda dispute: portal_online.applicant_phones(
            dispute.dispute_parties, Side.APPLICANT
        ),
        public_view=_public_view,
        on_message=portal_online.message_received(notify_unit),
        # A change of status, or of the unit the applicant should call.
        announces=lambda case, event: (
            event.from_state != event.to_state or event.transition == "reroute"
        ),
    )
)
