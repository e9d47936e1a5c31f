"""Complaints about enforcement on the public portal (投诉举报, DESIGN.md Public portal and Public
identity): a citizen or a business files a complaint with the justice bureau of the district
(SD-JD Art. 6 ✅), proving the mobile phone with a one-time SMS code first (as the comments on
major decisions do); the complaint gets a tracking code, and a resubmitted form gives the first
complaint back, never a second one (portal.online.file_application: submission key, rate
limits, challenge). With the code and the phone the complainant follows it on the portal's
tracking page: its status in plain words, each dispatched body's status, the steps with their
dates and the bureau's answer — never the instructions, the bodies' replies, the reasons for a
send-back or any note (enforcement.complaint_selectors.public_view)."""

from __future__ import annotations

import logging

from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from cases.attachments import accept_attribute
from cases.forms import DateInput
from core import fields
from core.challenge import add_challenge, challenge_active
from core.errors import InvalidInput
from core.fields import PhoneInput
from core.middleware import retry_safe
from core.models import Organization, PartyKind
from core.regions import within
from enforcement.complaint_models import Complaint
from enforcement.complaint_selectors import public_view
from enforcement.complaint_services import (
    bureaus,
    complaint_clean,
    complaint_register,
    notify_bureau,
)
from enforcement.models import EnforcementBody
from enforcement.validity import body_standing_q
from portal import online as portal_online
from portal.forms import ApplicationForm
from portal.regions import served_prefixes, within_served
from portal.registry import Service, Tracker, register_service, register_tracker
from portal.security import check_otp, client_ip, issue_otp, rate_limited
from portal.sms import gateway

logger = logging.getLogger(__name__)
FILED_KEY = "enforcement_complaint_filed"
# The service's field names → the form's.
FIELDS = {
    "organization": "bureau",
    "complainant_kind": "applicant_kind",
    "complainant_name": "applicant_name",
    "complainant_phone": "applicant_phone",
}


def otp_key(phone: str) -> str:
    """The one-time code proves the phone for a complaint (not for tracking a case)."""
    return f"enforcement-complaint:{phone}"


def public_bodies():
    """The enforcement bodies of the portal's regions standing today."""
    rows = EnforcementBody.objects.filter(body_standing_q(timezone.localdate()))
    prefixes = served_prefixes()
    if prefixes:
        condition = within("region_code", prefixes[0])
        for prefix in prefixes[1:]:
            condition |= within("region_code", prefix)
        rows = rows.filter(condition)
    return rows.order_by("region_code", "name", "id")


class NameChoiceField(fields.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class ComplaintForm(ApplicationForm):
    bureau = NameChoiceField(
        label=_("justice bureau"), queryset=Organization.objects.none(), empty_label="—",
        help_text=_("The justice bureau of the district where it happened."),
    )  # fmt: skip
    applicant_kind = forms.ChoiceField(label=_("you are"), choices=PartyKind.choices,
                                       initial=PartyKind.PERSON, widget=forms.RadioSelect)  # fmt: skip
    applicant_name = forms.CharField(label=_("your name, or your business's name"),
                                     max_length=128)  # fmt: skip
    applicant_phone = forms.CharField(
        label=_("your mobile phone"), max_length=20, widget=PhoneInput(own=True),
        help_text=_("Not shown to the body you complain about. We send the verification code, "
                    "the tracking code and each change of status to it."),
    )  # fmt: skip
    code = forms.CharField(
        label=_("verification code"), max_length=6, required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )  # fmt: skip
    body = NameChoiceField(
        label=_("the enforcement body you complain about (if you know it)"),
        queryset=EnforcementBody.objects.none(), required=False, empty_label="—",
    )  # fmt: skip
    agency_named = forms.CharField(
        label=_("or name the department or its officers' unit"), max_length=200, required=False
    )
    happened_on = forms.DateField(label=_("when it happened"), widget=DateInput())
    place = forms.CharField(label=_("where it happened (optional)"), max_length=200,
                            required=False)  # fmt: skip
    facts = forms.CharField(label=pgettext_lazy("enforcement complaint", "what happened"), max_length=5000,
                            widget=forms.Textarea(attrs={"rows": 6}))  # fmt: skip
    attachment = forms.FileField(
        label=_("a photo or a document (optional)"), required=False,
        widget=forms.ClearableFileInput(attrs={"accept": accept_attribute()}),
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bureau"].queryset = within_served(bureaus(), "region_id").order_by(
            "region_id", "name"
        )
        self.fields["body"].queryset = public_bodies()

    def clean_attachment(self):
        """The file checked by content and size here, so that a refused file costs no code."""
        from cases.attachments import validate_size, validate_type

        upload = self.cleaned_data.get("attachment")
        if upload:
            try:
                validate_size(upload.name, upload.size)
                validate_type(upload, upload.name)
            except InvalidInput as exc:
                raise forms.ValidationError(exc.message) from None
        return upload

    def clean(self):
        cleaned = super().clean()
        if self.data.get("action") != "send_code" and not cleaned.get("code"):
            self.add_error("code", gettext("Enter the verification code sent to your phone."))
        return cleaned


def _file(cleaned: dict) -> Complaint:
    """The service behind the form, run once per submission key: the one-time code is checked
    here (a resubmitted form finds the first complaint before this runs, so it needs no new
    code), after the service's own checks (a refusal does not spend the code), then the
    complaint is registered."""
    phone = cleaned["applicant_phone"]
    data = {
        "complainant_kind": cleaned["applicant_kind"],
        "complainant_name": cleaned["applicant_name"], "complainant_phone": phone,
        "body": cleaned.get("body"), "agency_named": cleaned.get("agency_named", ""),
        "happened_on": cleaned["happened_on"], "place": cleaned.get("place", ""),
        "facts": cleaned["facts"],
    }  # fmt: skip
    complaint_clean(organization=cleaned["bureau"], data=data, online=True)
    if not check_otp(otp_key(phone), cleaned.get("code") or ""):
        message = gettext("The verification code is wrong or has expired.")
        raise InvalidInput(message, fields={"code": [message]})
    return complaint_register(actor=None, organization=cleaned["bureau"], online=True,
                              upload=cleaned.get("attachment"), data=data)  # fmt: skip


def _send_code(request, form) -> None:
    """Send the one-time code to the phone of a form whose other fields may still be empty:
    only the phone's own error (and the challenge's) is shown."""
    form.is_valid()
    for name in list(form.errors):
        if name not in ("applicant_phone", "captcha"):
            del form.errors[name]
    if form.errors:
        return
    phone = form.cleaned_data["applicant_phone"]
    if rate_limited("complaint-code", client_ip(request),
                    limit=settings.FAZHI_PORTAL_TRACK_PER_ADDRESS, window=3600) or rate_limited(
            "complaint-code-phone", phone, limit=5, window=3600):  # fmt: skip
        form.add_error(None, gettext("Too many attempts. Please try again in an hour."))
        return
    code = issue_otp(otp_key(phone))
    try:
        gateway().send(phone, gettext("Your Fazhi verification code is %(code)s (valid for 10 "
                                      "minutes).") % {"code": code})  # fmt: skip
    except Exception:  # the provider's outage must not show the citizen a crash
        logger.exception("SMS gateway failed")
        form.add_error(None, gettext("The text message could not be sent. Please try again "
                                     "later."))  # fmt: skip
        return
    messages.info(request, gettext("A verification code has been sent to your phone."))


@retry_safe
def file(request):
    """The public complaint form. "Send me a code" proves the phone; "Send my complaint" files
    it once per form (the same hidden key gives the first complaint's code)."""
    form = ComplaintForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and request.POST.get("action") == "send_code":
        if challenge_active("apply"):
            add_challenge(form)
        _send_code(request, form)
    else:
        complaint = portal_online.file_application(
            request, form, line="enforcement", scope="portal.enforcement_complaint",
            model=Complaint, create=_file, parties=(), fields=FIELDS,
            phone_limited=gettext("Too many complaints with this phone number today; if your "
                                  "earlier complaint has a tracking code, follow it there."),
        )  # fmt: skip
        if complaint is not None:
            request.session[FILED_KEY] = complaint.tracking_code
            return redirect("enforcement:complaint_filed")
    return render(request, "enforcement/complaint_file.html",
                  {"form": form, "title": gettext("Complain about enforcement")})  # fmt: skip


def filed(request):
    context = portal_online.filed_context(request, Complaint, session_key=FILED_KEY,
                                          name="complaint",
                                          title=gettext("Complaint received"))  # fmt: skip
    if context is None:
        return redirect("enforcement:complaint_file")
    return render(request, "enforcement/complaint_filed.html", context)


register_service(
    Service(
        "enforcement_complaint",
        _("Complain about enforcement"),
        _("Tell the justice bureau about enforcement you think unlawful or improper; it passes "
          "the matter to the responsible department and answers you. Follow it with the "
          "tracking code."),
        "enforcement:complaint_file",
        order=76,
    )
)  # fmt: skip
register_tracker(
    Tracker(
        "enforcement.complaint",
        find=portal_online.find_by_tracking_code(Complaint),
        phones=lambda case: [case.complainant_phone] if case.complainant_phone else [],
        public_view=public_view,
        on_message=portal_online.message_received(notify_bureau),
    )
)
