"""The submission form of legality review: the draft's particulars and one file field per
category of material. Which materials are required (by kind, and the fair-competition self-check
when the draft touches market activity) is the service's to decide, so that the error names the
missing material beside its field."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.forms import DateInput
from core import fields
from core.forms import SubmissionKeyMixin, add_field_errors, single_default
from core.models import Organization, OrganizationKind
from core.regions import ancestor_codes
from legality.choices import CounselKind, MaterialCategory, ReviewKind
from legality.services import departments, material_field


def _blank(choices):
    return [("", "—"), *choices]


class SubmissionForm(SubmissionKeyMixin, forms.Form):
    department = fields.ModelChoiceField(label=_("submitting department"), queryset=None)
    organization = fields.ModelChoiceField(
        label=_("reviewing justice bureau"),
        queryset=None,
        help_text=_("The bureau whose legal section reviews the draft."),
    )
    kind = forms.ChoiceField(label=_("kind of review"), choices=_blank(ReviewKind.choices))
    title = forms.CharField(label=_("title"), max_length=200)
    summary = forms.CharField(
        label=_("summary"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    market_activity = forms.BooleanField(
        label=_("touches the economic activity of market participants"),
        required=False,
        help_text=_("Then the fair-competition review self-check is required."),
    )
    counterparty = forms.CharField(label=_("counterparty"), max_length=200, required=False)
    amount = forms.DecimalField(
        label=_("contract amount (yuan)"), max_digits=16, decimal_places=2, required=False
    )
    term_start = forms.DateField(label=_("contract term from"), required=False,
                                 widget=DateInput())  # fmt: skip
    term_end = forms.DateField(label=_("contract term to"), required=False, widget=DateInput())
    key_risks = forms.CharField(
        label=_("key risks"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = departments(user).order_by("region_id", "name")
        single_default(self, "department", agencies)
        # The bureaus that review the drafts of those departments: at their region or above.
        codes = {c for a in agencies for c in (a.region_id, *ancestor_codes(a.region_id))}
        bureaus = Organization.objects.filter(
            kind=OrganizationKind.JUSTICE_BUREAU, is_active=True, region_id__in=codes
        )
        single_default(self, "organization", bureaus.order_by("-region_id", "name"))
        for value, label in MaterialCategory.choices:
            self.fields[material_field(value)] = forms.FileField(label=label, required=False)

    def clean(self):
        from legality.services import clean_submission_data

        cleaned = super().clean()
        _data, errors = clean_submission_data(self.submission_data())
        add_field_errors(self, errors)
        return cleaned

    def submission_data(self) -> dict:
        skip = {"organization", "department", "submission_key"}
        return {
            k: v
            for k, v in self.cleaned_data.items()
            if k not in skip and not k.startswith("material_")
        }

    def materials(self) -> dict:
        return {
            value: self.cleaned_data.get(material_field(value))
            for value in MaterialCategory.values
            if self.cleaned_data.get(material_field(value))
        }

    def material_fields(self):
        return [self[material_field(value)] for value in MaterialCategory.values]


class MaterialsForm(forms.Form):
    category = forms.ChoiceField(label=_("material"), choices=_blank(MaterialCategory.choices))
    file = forms.FileField(label=_("file"))


class CounselForm(SubmissionKeyMixin, forms.Form):
    name = forms.CharField(label=_("name"), max_length=64)
    kind = forms.ChoiceField(label=_("kind"), choices=_blank(CounselKind.choices))
    organization = fields.ModelChoiceField(label=_("organisation"), queryset=None)
    licence_number = forms.CharField(label=_("licence number"), max_length=32, required=False)
    since = forms.DateField(label=_("in the register since"), required=False,
                            widget=DateInput())  # fmt: skip

    def __init__(self, *args, user, **kwargs):
        from core.regions import within

        super().__init__(*args, **kwargs)
        orgs = Organization.objects.filter(is_active=True)
        codes = user.jurisdictions("legality.add_counsel")
        condition = None
        for code in codes:
            part = within("region_id", code)
            condition = part if condition is None else condition | part
        orgs = orgs.filter(condition) if condition is not None else orgs.none()
        self.fields["organization"].queryset = orgs.order_by("region_id", "name")
