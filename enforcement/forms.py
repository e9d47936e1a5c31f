"""The forms of the enforcement registers. They collect the input; the checks that decide
(ID checksum, a passed exam, a unique number, dates in order, training hours) are the
services', whose errors stand beside these fields (core.generic.add_service_errors)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from cases.forms import DateInput
from core import fields
from core.forms import SubmissionKeyMixin, single_default
from core.models import Organization, OrganizationKind
from core.regions import within
from enforcement.choices import BodyKind, PowerKind


def _blank(choices):
    return [("", "—"), *choices]


def _in_jurisdictions(queryset, field: str, prefixes):
    condition = None
    for prefix in prefixes:
        part = within(field, prefix)
        condition = part if condition is None else condition | part
    return queryset.filter(condition) if condition is not None else queryset.none()


def agencies_for(user, perm: str):
    """The agencies whose rows `user` may write with `perm`: their own (agency handler), or
    every agency in a jurisdiction where a region role grants it."""
    from core.roles import Role

    own = [m.organization_id for m in user.active_memberships()
           if m.role == Role.AGENCY_HANDLER and user.can(perm)]  # fmt: skip
    agencies = Organization.objects.filter(kind=OrganizationKind.AGENCY, is_active=True)
    in_region = _in_jurisdictions(agencies, "region_id", user.jurisdictions(perm))
    return (in_region | agencies.filter(pk__in=own)).order_by("region_id", "name")


class BodyForm(SubmissionKeyMixin, forms.Form):
    agency = fields.ModelChoiceField(label=_("agency"), queryset=None)
    name = forms.CharField(label=_("name"), max_length=128)
    kind = forms.ChoiceField(label=_("kind of body"), choices=_blank(BodyKind.choices))
    legal_basis = forms.CharField(label=_("legal basis"), widget=forms.Textarea(attrs={"rows": 3}))
    region = forms.CharField(
        label=_("jurisdiction (region code)"), max_length=12, required=False,
        help_text=_("12 digits; empty: the agency's region."),
    )  # fmt: skip
    established_on = forms.DateField(label=_("established on"), required=False,
                                     widget=DateInput())  # fmt: skip

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        single_default(self, "agency", agencies_for(user, "enforcement.add_enforcementbody"))

    def body_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("submission_key", None)
        data.pop("agency", None)
        if not data.get("region"):
            data.pop("region", None)
        return data


class BodyEditForm(forms.Form):
    name = forms.CharField(label=_("name"), max_length=128)
    kind = forms.ChoiceField(label=_("kind of body"), choices=_blank(BodyKind.choices))
    legal_basis = forms.CharField(label=_("legal basis"), widget=forms.Textarea(attrs={"rows": 3}))
    established_on = forms.DateField(label=_("established on"), required=False,
                                     widget=DateInput())  # fmt: skip
    abolished_on = forms.DateField(
        label=_("abolished on"), required=False, widget=DateInput(),
        help_text=_("The first day it no longer exists; empty while it stands."),
    )  # fmt: skip


class PowerForm(SubmissionKeyMixin, forms.Form):
    code = forms.CharField(label=_("power code"), max_length=64)
    name = forms.CharField(label=_("name of the power"), max_length=200)
    kind = forms.ChoiceField(label=_("kind of power"), choices=_blank(PowerKind.choices))
    legal_basis = forms.CharField(label=_("legal basis"), widget=forms.Textarea(attrs={"rows": 3}))
    valid_from = forms.DateField(label=_("in force from"), widget=DateInput())
    valid_until = forms.DateField(label=_("valid until"), required=False, widget=DateInput())


class PowerEndForm(SubmissionKeyMixin, forms.Form):
    valid_until = forms.DateField(label=_("last valid day"), widget=DateInput())
    end_reason = forms.CharField(label=_("why it ended"), max_length=200)


class TransferForm(SubmissionKeyMixin, forms.Form):
    """Powers of one body moved to another on a day (综合执法改革)."""

    to_body = fields.ModelChoiceField(label=_("receiving body"), queryset=None)
    powers = fields.ModelMultipleChoiceField(
        label=_("powers transferred"), queryset=None, widget=forms.CheckboxSelectMultiple
    )
    effective_on = forms.DateField(label=_("effective on"), widget=DateInput())
    basis_document = forms.CharField(
        label=_("basis document"), max_length=200,
        help_text=_("The number and title of the document that decided the transfer."),
    )  # fmt: skip
    note = forms.CharField(label=_("note"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip

    def __init__(self, *args, user, from_body, **kwargs):
        from enforcement.models import EnforcementBody

        super().__init__(*args, **kwargs)
        bodies = _in_jurisdictions(EnforcementBody.objects.all(), "region_code",
                                   user.jurisdictions("enforcement.add_powertransfer"))  # fmt: skip
        self.fields["to_body"].queryset = bodies.exclude(pk=from_body.pk).order_by("name")
        # The body's rows not already handed on (the service checks the day).
        self.fields["powers"].queryset = from_body.powers.filter(successors__isnull=True).order_by(
            "code", "valid_from"
        )
        self.fields["powers"].label_from_instance = lambda p: (
            f"{p.code} {p.name}（{p.valid_from}—{p.valid_until or ''}）"
        )


class OfficerForm(SubmissionKeyMixin, forms.Form):
    body = fields.ModelChoiceField(label=_("enforcement body"), queryset=None)
    name = forms.CharField(label=_("full name"), max_length=64)
    id_number = forms.CharField(label=_("resident ID number"), max_length=18,
                                help_text=_("18 characters; checked against GB 11643."))  # fmt: skip
    post = forms.CharField(label=_("post"), max_length=64, required=False)
    legal_qualification = forms.BooleanField(
        label=_("holds the legal professional qualification"), required=False
    )

    def __init__(self, *args, user, **kwargs):
        from django.utils import timezone

        from enforcement.models import EnforcementBody
        from enforcement.validity import body_standing_q

        super().__init__(*args, **kwargs)
        bodies = EnforcementBody.objects.restrict(user, "change").filter(
            body_standing_q(timezone.localdate())
        )
        single_default(self, "body", bodies.order_by("region_code", "name"))


class OfficerEditForm(forms.Form):
    name = forms.CharField(label=_("full name"), max_length=64)
    post = forms.CharField(label=_("post"), max_length=64, required=False)
    legal_qualification = forms.BooleanField(
        label=_("holds the legal professional qualification"), required=False
    )


class TrainingForm(SubmissionKeyMixin, forms.Form):
    held_on = forms.DateField(label=_("training day"), widget=DateInput())
    hours = forms.DecimalField(label=_("training hours"), max_digits=5, decimal_places=1,
                               min_value=0, max_value=500)  # fmt: skip
    topic = forms.CharField(label=_("topic"), max_length=200)


class SittingForm(SubmissionKeyMixin, forms.Form):
    organization = fields.ModelChoiceField(label=_("justice bureau"), queryset=None)
    title = forms.CharField(label=_("title"), max_length=200)
    held_on = forms.DateField(label=_("exam day"), widget=DateInput())
    place = forms.CharField(label=_("place"), max_length=200, required=False)
    pass_mark = fields.IntegerField(label=_("pass mark"), min_value=0, max_value=100)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        bureaus = Organization.objects.filter(kind=OrganizationKind.JUSTICE_BUREAU, is_active=True)
        bureaus = _in_jurisdictions(bureaus, "region_id",
                                    user.jurisdictions("enforcement.add_examsitting"))  # fmt: skip
        single_default(self, "organization", bureaus.order_by("region_id", "name"))
        self.initial.setdefault("pass_mark", settings.FAZHI_ENFORCEMENT_PASS_MARK)


class SignUpForm(SubmissionKeyMixin, forms.Form):
    officer = fields.ModelChoiceField(label=_("enforcement officer"), queryset=None)

    def __init__(self, *args, user, sitting, **kwargs):
        from core.regions import jurisdiction_prefix
        from enforcement.models import Officer

        super().__init__(*args, **kwargs)
        officers = (
            Officer.objects.restrict(user, "view")
            .filter(within("region_code", jurisdiction_prefix(sitting.region_code)))
            .exclude(exams__sitting=sitting)
        )
        self.fields["officer"].queryset = officers.select_related("body").order_by("body__name",
                                                                                  "name")  # fmt: skip
        self.fields["officer"].label_from_instance = lambda o: f"{o.name}（{o.body.name}）"
        self.fields["officer"].empty_label = "—"


class ScoresForm(forms.Form):
    """One score box and one absent box per candidate (score_<id>, absent_<id>)."""

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = list(candidates)
        for c in self.candidates:
            self.fields[f"score_{c.pk}"] = forms.CharField(
                label=c.officer.name, max_length=8, required=False,
                initial="" if c.score is None else str(c.score),
            )  # fmt: skip
            self.fields[f"absent_{c.pk}"] = forms.BooleanField(
                label=_("absent"), required=False, initial=c.absent
            )

    def scores(self) -> dict:
        from enforcement.services import ABSENT

        out = {}
        for c in self.candidates:
            if self.cleaned_data.get(f"absent_{c.pk}"):
                out[c.pk] = ABSENT
            else:
                out[c.pk] = self.cleaned_data.get(f"score_{c.pk}") or ""
        return out

    def rows(self):
        return [(c, self[f"score_{c.pk}"], self[f"absent_{c.pk}"]) for c in self.candidates]


class CertificateForm(SubmissionKeyMixin, forms.Form):
    number = forms.CharField(label=_("certificate number"), max_length=32)
    issued_on = forms.DateField(label=_("issue day"), widget=DateInput())
    valid_until = forms.DateField(label=_("valid until"), widget=DateInput())


class CertificateActionForm(SubmissionKeyMixin, forms.Form):
    on_date = forms.DateField(label=_("date"), widget=DateInput())
    reason = forms.CharField(label=_("reason"), max_length=200, required=False)


class AnnualReviewForm(SubmissionKeyMixin, forms.Form):
    year = fields.IntegerField(label=_("year reviewed"), min_value=1990, max_value=2100)
    reviewed_on = forms.DateField(label=_("reviewed on"), widget=DateInput())
    passed = forms.ChoiceField(
        label=_("review result"), choices=[("", "—"), ("yes", _("passed")), ("no", _("not passed"))]
    )
    remarks = forms.CharField(label=_("remarks"), max_length=200, required=False)

    def review_data(self) -> dict:
        data = dict(self.cleaned_data)
        data["passed"] = {"yes": True, "no": False}.get(data.get("passed"), "")
        return data


class LookupForm(forms.Form):
    number = forms.CharField(
        label=_("certificate number"), max_length=32,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )  # fmt: skip
