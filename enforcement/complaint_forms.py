"""The staff's form to enter a complaint received by telephone, letter, a referral (the 12345
hotline) or at the window. It collects the input; the checks that decide are the service's
(enforcement.complaint_services.complaint_clean), whose errors stand beside these fields."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cases.forms import DateInput
from cases.models import Channel
from core import fields
from core.fields import PhoneInput
from core.forms import SubmissionKeyMixin, single_default
from core.models import Organization, OrganizationKind, PartyKind
from enforcement.complaint_services import STAFF_CHANNELS
from enforcement.models import EnforcementBody
from enforcement.validity import body_standing_q


class NameChoiceField(fields.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


def bureaus_for(user):
    """The justice bureaus in whose jurisdiction `user` may register complaints."""
    from core.regions import within

    condition = None
    for prefix in user.jurisdictions("enforcement.add_complaint"):
        part = within("region_id", prefix)
        condition = part if condition is None else condition | part
    rows = Organization.objects.filter(kind=OrganizationKind.JUSTICE_BUREAU, is_active=True)
    return (rows.filter(condition) if condition is not None else rows.none()).order_by(
        "region_id", "name"
    )


class ComplaintEntryForm(SubmissionKeyMixin, forms.Form):
    organization = NameChoiceField(label=_("justice bureau"), queryset=None, empty_label="—")
    channel = forms.ChoiceField(
        label=_("channel"), choices=[("", "—"), *((c, Channel(c).label) for c in STAFF_CHANNELS)]
    )
    referral_source = forms.CharField(
        label=_("referred by"), max_length=64, required=False,
        help_text=_("For a referral: e.g. the 12345 government service hotline."),
    )  # fmt: skip
    referral_number = forms.CharField(label=_("referral number (工单号)"), max_length=64,
                                      required=False)  # fmt: skip
    received_on = forms.DateField(label=_("received on"), widget=DateInput(),
                                  initial=timezone.localdate)  # fmt: skip
    complainant_kind = forms.ChoiceField(label=_("complainant is"), choices=PartyKind.choices)
    complainant_name = forms.CharField(label=_("complainant"), max_length=128)
    complainant_phone = forms.CharField(
        label=_("complainant's phone"), max_length=20, required=False, widget=PhoneInput(),
        help_text=_("With a mobile number the complainant gets a tracking code by SMS."),
    )  # fmt: skip
    body = NameChoiceField(label=_("enforcement body complained about"), queryset=None,
                           required=False, empty_label="—")  # fmt: skip
    agency_named = forms.CharField(label=_("agency named by the complainant"), max_length=200,
                                   required=False)  # fmt: skip
    happened_on = forms.DateField(label=_("when it happened"), widget=DateInput())
    place = forms.CharField(label=_("where it happened"), max_length=200, required=False)
    facts = forms.CharField(label=pgettext_lazy("enforcement complaint", "what happened"), max_length=5000,
                            widget=forms.Textarea(attrs={"rows": 6}))  # fmt: skip

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        single_default(self, "organization", bureaus_for(user))
        self.fields["body"].queryset = (
            EnforcementBody.objects.restrict(user)
            .filter(body_standing_q(timezone.localdate()))
            .order_by("region_code", "name")
        )

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        for key in ("submission_key", "organization"):
            data.pop(key, None)
        return data
