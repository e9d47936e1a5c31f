"""Online mediation requests from the public (网上申请调解), routed automatically to a committee,
tracked with a code and a one-time SMS code (DESIGN.md, Public portal and Public identity)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from cases.models import CaseEvent, Channel
from core.challenge import add_challenge, challenge_active, count_submission
from core.errors import InvalidInput
from core.fields import PhoneInput
from core.forms import SubmissionKeyMixin
from core.generic import scoped_object_or_404
from core.idempotency import run_once
from core.middleware import retry_safe
from core.models import Organization, OrganizationKind, Region
from core.regions import ancestor_codes
from core.services import clean_party_data
from mediation.choices import DisputeType, Side, Source
from mediation.models import Dispute
from mediation.routing import route, serves_street_itself
from mediation.services import dispute_register
from portal.forms import MessageForm
from portal.regions import contact_of, served_streets
from portal.registry import Service, Tracker, register_service, register_tracker
from portal.security import client_ip, rate_limited
from portal.services import applicant_notify_filed, reply_to_applicant


def street_choices():
    """The streets of the regions the portal serves, grouped by district."""
    by_district: dict[str, list] = {}
    for s in served_streets():
        by_district.setdefault(s.parent.name if s.parent else "", []).append((s.code, s.name))
    return [("", "—")] + [(district, items) for district, items in by_district.items()]


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


class OnlineRequestForm(SubmissionKeyMixin, forms.Form):
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

    def clean_applicant_phone(self):
        from django.core.exceptions import ValidationError

        from core.validators import validate_phone

        try:
            phone = validate_phone(self.cleaned_data["applicant_phone"])
        except ValidationError as exc:
            raise forms.ValidationError(exc.messages[0]) from None
        if not (len(phone) == 11 and phone.startswith("1")):
            raise forms.ValidationError(
                gettext("Give a mobile number: the verification code is sent by SMS.")
            )
        return phone

    def clean(self):
        """Check the parties and the routing here, with every other field, so that all errors
        show at once: the service would otherwise find them only after this form passed."""
        cleaned = super().clean()
        for prefix, names in PARTY_FIELDS.items():
            entry = {name: cleaned[prefix + name] for name in names if prefix + name in cleaned}
            try:
                normalised = clean_party_data(entry)
            except InvalidInput as exc:
                for name, errors in exc.fields.items():
                    target = prefix + name
                    if target in self.errors:
                        continue  # the field's own check has already said what is wrong
                    for error in errors:
                        self.add_error(target if target in self.fields else None, error)
            else:
                cleaned.update(
                    {prefix + name: normalised[name] for name in names if name in normalised}
                )
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
    transaction.on_commit(lambda: notify_unit(dispute, kind="online_request"))
    transaction.on_commit(lambda: applicant_notify_filed(dispute))
    return dispute


def notify_unit(dispute, *, kind: str, body: str = "") -> None:
    """Tell the people of the handling unit (or the assignee) about something from the public."""
    from cases.notifications import notify
    from core.models import User

    if dispute.assignee_id:
        recipients = [dispute.assignee]
    else:
        recipients = User.objects.filter(
            is_active=True,
            memberships__is_active=True,
            memberships__organization_id=dispute.organization_id,
        ).distinct()
    title = {
        "online_request": gettext("New online request: %(title)s"),
        "applicant_message": gettext("Message from the applicant of %(title)s"),
    }[kind] % {"title": dispute.number}
    for user in recipients:
        notify(user, title=title, body=body, url=dispute.get_absolute_url(), kind=kind)


@retry_safe
def apply(request):
    """The public form. A resubmitted form (same hidden key) shows the first case's code."""
    form = OnlineRequestForm(request.POST or None)
    if challenge_active("apply"):
        add_challenge(form)
    if request.method == "POST" and form.is_valid():
        phone = form.cleaned_data.get("applicant_phone") or ""
        if rate_limited(
            "mediation-apply",
            client_ip(request),
            limit=settings.FAZHI_PORTAL_APPLY_PER_ADDRESS,
            window=3600,
        ):
            form.add_error(None, gettext("Too many requests from this address; try again later."))
        elif phone and rate_limited(
            "mediation-apply-phone",
            phone,
            limit=settings.FAZHI_PORTAL_APPLY_PER_PHONE_DAY,
            window=86400,
        ):
            form.add_error(
                "applicant_phone",
                gettext(
                    "Too many requests with this phone number today; if your earlier request "
                    "has a tracking code, follow it there, or call the justice office."
                ),
            )
        else:
            try:
                dispute, _created = run_once(
                    key=form.cleaned_data["submission_key"],
                    scope="portal.mediation_apply",
                    create=lambda: dispute_file_online(form.cleaned_data),
                    load=lambda pk: Dispute.objects.get(pk=pk),
                )
            except InvalidInput as exc:
                for field, errors in exc.fields.items():
                    target = field
                    if field.startswith("parties-0-"):
                        target = "applicant_" + field.removeprefix("parties-0-")
                    elif field.startswith("parties-1-"):
                        target = "respondent_" + field.removeprefix("parties-1-")
                    for error in errors:
                        form.add_error(target if target in form.fields else None, error)
            else:
                if _created:
                    count_submission("apply")
                request.session["portal_filed"] = dispute.tracking_code
                request.session["portal_filed_street"] = form.cleaned_data["street"]
                return redirect("mediation:online_filed")
    return render(
        request,
        "mediation/online_apply.html",
        {"form": form, "title": gettext("Apply for mediation")},
    )


def filed(request):
    code = request.session.get("portal_filed")
    if not code:
        return redirect("mediation:online_apply")
    dispute = Dispute.objects.select_related("organization").filter(tracking_code=code).first()
    context = {"code": code, "dispute": dispute, "title": gettext("Request received")}
    if dispute is not None:
        context["contact"], context["phone"] = contact_of(dispute.organization)
        street_code = request.session.get("portal_filed_street") or ""
        if street_code and not serves_street_itself(dispute.organization, street_code):
            # The street has no committee of its own: say so, and who stands in for it.
            context["street"] = Region.objects.filter(code=street_code).first()
    return render(request, "mediation/online_filed.html", context)


# -- staff side: messages to the applicant -------------------------------------------------


@login_required
@require_POST
def message_applicant(request, pk: int):
    from cases.engine import roles_over

    dispute = scoped_object_or_404(Dispute, request.user, pk)
    if not dispute.tracking_code or not roles_over(request.user, dispute) - {"leader"}:
        raise PermissionDenied
    form = MessageForm(request.POST)
    if form.is_valid():
        reply_to_applicant(case=dispute, author=request.user, body=form.cleaned_data["body"])
        messages.success(
            request, gettext("The message is visible to the applicant, who is told by SMS.")
        )
    else:
        messages.error(request, gettext("Write a message first."))
    return redirect(dispute.get_absolute_url())


# -- what the applicant sees ---------------------------------------------------------------


def _phones(dispute) -> list[str]:
    return [
        dp.party.phone
        for dp in dispute.dispute_parties.select_related("party")
        if dp.side == Side.APPLICANT and dp.party.phone
    ]


def _public_view(dispute) -> dict:
    process = dispute.process
    steps, last = [], None
    for event in CaseEvent.for_case(dispute).order_by("at", "id"):
        label = process.state(event.to_state).label
        if event.to_state != last:
            steps.append((event.on_date, label))
            last = event.to_state
    org = dispute.organization
    contact, phone = contact_of(org)
    return {
        "title": dispute.title,
        "number": dispute.number,
        "status": dispute.state_label,
        "handler": org.name,
        "facts": [
            (gettext("handled by"), org.name),
            (
                gettext("telephone"),
                gettext("%(phone)s (%(unit)s)") % {"phone": phone, "unit": contact}
                if phone and contact != org.name
                else phone,
            ),
            (gettext("received on"), dispute.received_at.date().isoformat()),
            (gettext("kind of dispute"), dispute.get_dispute_type_display()),
        ],
        "steps": steps,
    }


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
        find=lambda code: Dispute.objects.filter(tracking_code=code).first() if code else None,
        phones=_phones,
        public_view=_public_view,
        on_message=lambda case, message: _message_received(case, message),
        # A change of status, or of the unit the applicant should call.
        announces=lambda case, event: (
            event.from_state != event.to_state or event.transition == "reroute"
        ),
    )
)


def _message_received(case, message) -> None:
    transaction.on_commit(
        lambda: notify_unit(case, kind="applicant_message", body=message.body[:500])
    )
