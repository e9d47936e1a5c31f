"""The registration form of a lawsuit against an agency, with its parties. It runs the
service's own checks in `clean()`, so every problem is named in the first round, beside its
field; the service checks again on save."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.forms import DateInput
from core import fields
from core import forms as core_forms
from core.forms import SubmissionKeyMixin, add_field_errors, single_default
from core.models import PartyKind
from litigation.choices import Side, TrialLevel
from litigation.services import defendants


class CaseForm(SubmissionKeyMixin, forms.Form):
    organization = fields.ModelChoiceField(label=_("defendant agency"), queryset=None,
                                           required=False)  # fmt: skip
    court = forms.CharField(label=_("court"), max_length=100, required=False)
    court_case_number = forms.CharField(
        label=_("court case number"), max_length=64, required=False,
        help_text=_("As the court writes it, e.g. （2026）粤0105行初12号."),
    )  # fmt: skip
    trial_level = forms.ChoiceField(label=_("trial level"), choices=TrialLevel.choices)
    earlier_number = forms.CharField(
        label=_("court case number at the earlier level"), max_length=64, required=False,
        help_text=_("For an appeal or a retrial: the case it follows, if registered here."),
    )  # fmt: skip
    cause = forms.CharField(label=_("cause of action"), max_length=200, required=False)
    act_description = forms.CharField(label=_("the act challenged"), max_length=300,
                                      required=False)  # fmt: skip
    act_number = forms.CharField(label=_("document number of the act"), max_length=100,
                                 required=False)  # fmt: skip
    complaint_served_on = forms.DateField(
        label=_("complaint served on"), widget=DateInput(), required=False,
        help_text=_("The day the agency received the complaint (or the appeal or retrial "
                    "papers): the 15 days to answer run from it (Art. 67)."),
    )  # fmt: skip
    filed_on = forms.DateField(label=_("filed by the court on"), widget=DateInput(),
                               required=False)  # fmt: skip
    simplified = forms.BooleanField(
        label=_("simplified procedure"), required=False,
        help_text=_("The court hears the case under the simplified procedure (Art. 82): "
                    "judgment within 45 days of filing (Art. 83)."),
    )  # fmt: skip
    reconsideration_number = forms.CharField(
        label=_("reconsideration case number"), max_length=64, required=False,
        help_text=_("If the lawsuit follows an administrative reconsideration."),
    )  # fmt: skip

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        single_default(self, "organization", defendants(user).order_by("region_id", "name"))

    def clean(self):
        from litigation.services import check_defendant, clean_case_data

        cleaned = super().clean()
        errors: dict = {}
        check_defendant(self.user, cleaned.get("organization"), errors)
        defendant = cleaned.get("organization") if "organization" not in errors else None
        _data, data_errors = clean_case_data(self.case_data(), actor=self.user,
                                             defendant=defendant, unique=False)  # fmt: skip
        add_field_errors(self, errors | data_errors)
        return cleaned

    def case_data(self) -> dict:
        skip = {"organization", "submission_key"}
        return {k: v for k, v in self.cleaned_data.items() if k not in skip}


class PartyEntryForm(core_forms.PartyEntryForm):
    side = forms.ChoiceField(label=_("side"), choices=Side.choices)


PartyFormSet = forms.formset_factory(PartyEntryForm, extra=0)


def party_formset(data=None):
    initial = [
        {"side": Side.PLAINTIFF, "kind": PartyKind.PERSON},
        {"side": Side.PLAINTIFF, "kind": PartyKind.ORGANIZATION},
        {"side": Side.THIRD_PARTY, "kind": PartyKind.PERSON},
    ]
    return core_forms.party_formset(PartyFormSet, data, initial)
