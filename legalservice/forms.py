"""The forms of public legal services. They collect the input; the checks that decide (a
region inside the jurisdiction and of the right level, dates in order, a valid phone, one log
a month) are the services', whose errors stand beside these fields
(core.generic.add_service_errors)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.forms import DateInput
from core import fields, referrals
from core.forms import SubmissionKeyMixin, single_default
from core.regions import RegionLevel
from legalservice import selectors
from legalservice.choices import (
    MatterKind,
    PointLevel,
    PointService,
    ServiceChannel,
    ServiceOutcome,
)
from portal.regions import street_choices

MASKED_PHONE_HELP = _(
    "Shown masked; left as it is, the stored number is kept. The full number "
    "is shown on the record's page, and the view is logged."
)


def _blank(choices):
    return [("", "—"), *choices]


def _region_label(region) -> str:
    return f"{region.code} {region.name}"


def _lawyer_label(lawyer) -> str:
    return f"{lawyer.name}（{lawyer.organization.name}）"


class PointForm(SubmissionKeyMixin, forms.Form):
    # Texts the service checks are not required here, so that its message (which names what
    # is missing) shows in the first round with the other errors.
    name = forms.CharField(label=_("name"), max_length=128, required=False)
    level = forms.ChoiceField(label=_("level"), choices=_blank(PointLevel.choices))
    region = fields.ModelChoiceField(
        label=_("region"), queryset=None,
        help_text=_("A centre: the county/district or city; a station: the street; an office: "
                    "the village or community."),
    )  # fmt: skip
    organization = fields.ModelChoiceField(label=_("running organisation"), queryset=None)
    address = forms.CharField(label=_("address"), max_length=200, required=False)
    hours = forms.CharField(label=_("opening hours"), max_length=100, required=False)
    phone = forms.CharField(label=_("telephone"), max_length=32, required=False)
    services = forms.MultipleChoiceField(
        label=_("services offered"), choices=PointService.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    is_active = forms.BooleanField(label=_("active"), required=False, initial=True)
    established_on = forms.DateField(label=_("established on"), required=False,
                                     widget=DateInput())  # fmt: skip
    closed_on = forms.DateField(label=_("closed on"), required=False, widget=DateInput())

    def __init__(self, *args, user, perm: str, current_organization=None, **kwargs):
        super().__init__(*args, **kwargs)
        levels = (RegionLevel.PROVINCE, RegionLevel.CITY, RegionLevel.COUNTY,
                  RegionLevel.TOWNSHIP, RegionLevel.VILLAGE)  # fmt: skip
        self.fields["region"].queryset = selectors.regions_for(user, perm, levels=levels)
        self.fields["region"].label_from_instance = _region_label
        # A point keeps its running organisation even after that was deactivated.
        single_default(self, "organization",
                       selectors.serving_units(user, perm, keep=current_organization))  # fmt: skip

    def data_for_service(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("submission_key", None)
        return data


class RecordForm(SubmissionKeyMixin, forms.Form):
    served_on = forms.DateField(label=_("date"), widget=DateInput())
    organization = fields.ModelChoiceField(label=_("handling organisation"), queryset=None)
    service_point = fields.ModelChoiceField(
        label=_("service point"), queryset=None, required=False,
        help_text=_("Empty for a call on the hotline or a request online not taken at a point."),
    )  # fmt: skip
    channel = forms.ChoiceField(label=_("channel"), choices=_blank(ServiceChannel.choices))
    matter_kind = forms.ChoiceField(label=_("kind of matter"), choices=_blank(MatterKind.choices))
    person_name = forms.CharField(label=_("name of the person served"), max_length=64,
                                  required=False)  # fmt: skip
    person_phone = forms.CharField(
        label=_("telephone of the person served"), max_length=20, required=False,
        widget=fields.PhoneInput(),
    )  # fmt: skip
    summary = forms.CharField(label=_("summary"), required=False,
                              widget=forms.Textarea(attrs={"rows": 4}))  # fmt: skip
    outcome = forms.ChoiceField(label=_("outcome"), choices=_blank(ServiceOutcome.choices))

    def __init__(self, *args, user, perm: str, current_point=None, current_organization=None,
                 **kwargs):  # fmt: skip
        super().__init__(*args, **kwargs)
        # A record keeps its handling organisation even after that was deactivated.
        single_default(self, "organization",
                       selectors.serving_units(user, perm, keep=current_organization))  # fmt: skip
        # A record keeps the point it was given at even after the point closed: editing it must
        # not drop the point (and with it move the record to the organisation's region).
        self.fields["service_point"].queryset = selectors.points_for(user, perm, keep=current_point)

    def data_for_service(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("submission_key", None)
        return data


# The words core.referrals names these fields with in its messages.
LABELS = referrals.FIELD_LABELS
CARRIED_HELP = _("Carried over from the record; a change here is saved on the record too.")


class ReferForm(forms.Form):
    """Refer the person of a service record to another line (转介). The person's name and
    telephone, the kind of matter and the summary come filled in from the record; the rest is
    what the chosen line needs that a record does not hold."""

    target = forms.ChoiceField(label=_("refer to"), widget=forms.RadioSelect)
    person_name = forms.CharField(label=_("name of the person served"), max_length=64,
                                  required=False, help_text=CARRIED_HELP)  # fmt: skip
    person_phone = forms.CharField(
        label=_("telephone of the person served"), max_length=20, required=False,
        widget=fields.PhoneInput(), help_text=CARRIED_HELP,
    )  # fmt: skip
    region_code = forms.ChoiceField(
        label=LABELS["region_code"], required=False,
        help_text=_("Picks the mediation committee or the legal aid centre that takes the case."),
    )  # fmt: skip
    person_id_number = forms.CharField(
        label=LABELS["person_id_number"], max_length=18, required=False,
        help_text=_("Needed for legal aid."),
    )  # fmt: skip
    person_address = forms.CharField(label=LABELS["person_address"], max_length=200,
                                     required=False)  # fmt: skip
    other_party_name = forms.CharField(
        label=LABELS["other_party_name"], max_length=128, required=False,
        help_text=_("Needed for mediation: the person or company the dispute is with."),
    )  # fmt: skip
    other_party_phone = forms.CharField(
        label=LABELS["other_party_phone"], max_length=20, required=False,
        widget=fields.PhoneInput(),
    )  # fmt: skip
    matter_kind = forms.ChoiceField(label=_("kind of matter"), choices=_blank(MatterKind.choices),
                                    help_text=CARRIED_HELP)  # fmt: skip
    summary = forms.CharField(
        label=_("summary"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Carried over from the record and written on the case as its facts; a "
                    "change here is saved on the record too."),
    )  # fmt: skip

    def __init__(self, *args, targets, record, streets, default_street: str = "", **kwargs):
        initial = {k: getattr(record, k) for k in ("person_name", "matter_kind", "summary")}
        # Masked: sent back unchanged it keeps the stored number (services._kept_phone).
        initial["person_phone"] = record.masked_phone if record.person_phone else ""
        initial["region_code"] = default_street
        if len(targets) == 1:
            initial["target"] = targets[0].key
        initial.update(kwargs.pop("initial", None) or {})
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["target"].choices = [(t.key, t.label) for t in targets]
        # The streets within the user's reach for the lines offered (services.referral_streets).
        self.fields["region_code"].choices = street_choices(streets)

    def data_for_service(self) -> dict:
        return dict(self.cleaned_data)


class AdviserForm(SubmissionKeyMixin, forms.Form):
    village = fields.ModelChoiceField(label=_("village or community"), queryset=None)
    lawyer = fields.ModelChoiceField(label=_("lawyer"), queryset=None)
    started_on = forms.DateField(label=_("adviser from"), widget=DateInput())
    ended_on = forms.DateField(
        label=_("adviser until"), required=False, widget=DateInput(),
        help_text=_("The first day without this adviser; empty while serving."),
    )  # fmt: skip

    def __init__(self, *args, user, perm: str, current_lawyer=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = selectors.regions_for(
            user, perm, levels=(RegionLevel.VILLAGE,)
        )
        self.fields["village"].label_from_instance = _region_label
        lawyers = selectors.lawyers_for(user, perm)
        if current_lawyer is not None:  # an adviser whose lawyer has since stopped practising
            from core.models import Lawyer

            lawyers = (lawyers | Lawyer.objects.filter(pk=current_lawyer.pk)).distinct()
        self.fields["lawyer"].queryset = lawyers
        self.fields["lawyer"].label_from_instance = _lawyer_label

    def data_for_service(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("submission_key", None)
        return data


class AdviserLogForm(SubmissionKeyMixin, forms.Form):
    month = forms.DateField(
        label=_("month"), widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        input_formats=["%Y-%m", "%Y-%m-%d"],
    )  # fmt: skip
    visits = fields.IntegerField(
        label=_("visits to the village"), min_value=0, initial=0, required=False
    )
    consultations = fields.IntegerField(
        label=_("consultations"), min_value=0, initial=0, required=False
    )
    documents_reviewed = fields.IntegerField(label=_("documents reviewed"), min_value=0,
                                             initial=0, required=False)  # fmt: skip
    lectures = fields.IntegerField(
        label=_("lectures on the law"), min_value=0, initial=0, required=False
    )

    def data_for_service(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("submission_key", None)
        return data


class CheckupForm(SubmissionKeyMixin, forms.Form):
    enterprise_name = forms.CharField(label=_("enterprise"), max_length=128, required=False)
    checked_on = forms.DateField(label=_("date"), widget=DateInput())
    organization = fields.ModelChoiceField(label=_("organising unit"), queryset=None)
    lawyer = fields.ModelChoiceField(label=_("lawyer"), queryset=None)
    problems_found = fields.IntegerField(
        label=_("problems found"), min_value=0, initial=0, required=False
    )
    advice = forms.CharField(label=_("advice given"), required=False,
                             widget=forms.Textarea(attrs={"rows": 4}))  # fmt: skip

    def __init__(self, *args, user, perm: str, current_lawyer=None, current_organization=None,
                 **kwargs):  # fmt: skip
        super().__init__(*args, **kwargs)
        single_default(self, "organization",
                       selectors.serving_units(user, perm, keep=current_organization))  # fmt: skip
        lawyers = selectors.lawyers_for(user, perm)
        if current_lawyer is not None:
            from core.models import Lawyer

            lawyers = (lawyers | Lawyer.objects.filter(pk=current_lawyer.pk)).distinct()
        self.fields["lawyer"].queryset = lawyers
        self.fields["lawyer"].label_from_instance = _lawyer_label

    def data_for_service(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("submission_key", None)
        return data
