"""Staff forms of the legal-services sector: a profile in the register, opening an annual
inspection, entering a complaint. The services check everything again (profession.services)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.forms import DateInput
from core.forms import SubmissionKeyMixin
from core.models import Organization, OrganizationKind
from core.querysets import within_reach
from profession.choices import AppraisalCategory, FirmForm, InstitutionStatus, SubjectKind
from profession.selectors import SUBJECT_CHOICES, firms_for


class ProfileForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=_("organisation"), queryset=Organization.objects.none()
    )
    licence_number = forms.CharField(label=_("practice licence number"), max_length=32)
    status = forms.ChoiceField(label=_("status"), choices=InstitutionStatus.choices)
    licensed_on = forms.DateField(label=_("licensed on"), required=False, widget=DateInput())
    form = forms.ChoiceField(
        label=_("organisational form"), choices=FirmForm.choices, required=False
    )
    categories = forms.MultipleChoiceField(label=_("appraisal categories"), required=False,
                                           choices=AppraisalCategory.choices,
                                           widget=forms.CheckboxSelectMultiple)  # fmt: skip

    def __init__(self, *args, user, kind: str, perm: str, instance=None, **kwargs):
        super().__init__(*args, **kwargs)
        from profession.services import PROFILE

        # One profile per organisation: those in the register already are not offered.
        orgs = Organization.objects.filter(kind=kind, is_active=True).exclude(
            pk__in=PROFILE[kind].objects.values("organization_id"))  # fmt: skip
        self.fields["organization"].queryset = within_reach(orgs, user, perm).order_by("name")
        if instance is not None:
            del self.fields["organization"]
        if kind != OrganizationKind.LAW_FIRM:
            del self.fields["form"]
        if kind != OrganizationKind.FORENSIC_INSTITUTION:
            del self.fields["categories"]


class InspectionOpenForm(SubmissionKeyMixin, forms.Form):
    firm = forms.ModelChoiceField(label=_("law firm"), queryset=None)
    year = forms.IntegerField(
        label=_("year inspected"), min_value=2000, max_value=2100,
        help_text=_("The year of practice inspected: the inspection of 2025 is held in the "
                    "window of 2026."),
    )  # fmt: skip

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["firm"].queryset = firms_for(user, "profession.add_inspection")


class ComplaintForm(SubmissionKeyMixin, forms.Form):
    subject_kind = forms.ChoiceField(label=_("complaint against"), choices=SubjectKind.choices)
    lawyer = forms.ModelChoiceField(label=_("lawyer"), queryset=None, required=False)
    firm = forms.ModelChoiceField(label=_("law firm"), queryset=None, required=False)
    notary = forms.ModelChoiceField(label=_("notary"), queryset=None, required=False)
    notary_office = forms.ModelChoiceField(label=_("notary office"), queryset=None,
                                           required=False)  # fmt: skip
    appraiser = forms.ModelChoiceField(label=_("appraiser"), queryset=None,
                                       required=False)  # fmt: skip
    institution = forms.ModelChoiceField(label=_("forensic institution"), queryset=None,
                                         required=False)  # fmt: skip
    complainant_name = forms.CharField(label=_("complainant"), max_length=128)
    complainant_phone = forms.CharField(label=_("complainant's phone"), max_length=20,
                                        required=False)  # fmt: skip
    facts = forms.CharField(label=_("what the complaint says"), max_length=5000,
                            widget=forms.Textarea(attrs={"rows": 5}))  # fmt: skip
    received_on = forms.DateField(label=_("received on"), required=False, widget=DateInput())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Each register's rows of the user's jurisdiction only (the service checks again).
        for name, rows_for in SUBJECT_CHOICES.items():
            self.fields[name].queryset = rows_for(user, "profession.add_complaint")

    def service_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("submission_key", None)
        return data


class PractitionerForm(forms.Form):
    name = forms.CharField(label=_("name"), max_length=64)
    licence_number = forms.CharField(label=_("practising certificate number"), max_length=32)
    categories = forms.MultipleChoiceField(label=_("appraisal categories"), required=False,
                                           choices=(), widget=forms.CheckboxSelectMultiple)  # fmt: skip

    def __init__(self, *args, institution, **kwargs):
        super().__init__(*args, **kwargs)
        categories = getattr(institution, "categories", None)
        if categories is None:
            del self.fields["categories"]
        else:
            self.fields["categories"].choices = [
                (c, AppraisalCategory(c).label) for c in categories if c in AppraisalCategory.values
            ]
