from django import forms
from django.utils.translation import gettext_lazy as _

from cases.forms import DateInput
from cases.models import Channel
from core import fields
from core import forms as core_forms
from core.forms import SubmissionKeyMixin, add_field_errors, single_default
from core.models import PartyKind
from mediation.choices import DisputeSubtype, DisputeType, Side, Source
from mediation.models import Mediator
from mediation.services import handling_organizations


class DisputeForm(SubmissionKeyMixin, forms.Form):
    organization = fields.ModelChoiceField(label=_("handling committee"), queryset=None)
    title = forms.CharField(label=_("subject"), max_length=200)
    dispute_type = forms.ChoiceField(
        label=_("dispute type"), choices=[("", "—"), *DisputeType.choices]
    )
    dispute_subtype = forms.ChoiceField(
        label=_("dispute subtype"), choices=[("", "—"), *DisputeSubtype.choices], required=False
    )
    facts = forms.CharField(
        label=_("brief facts of the dispute"), widget=forms.Textarea(attrs={"rows": 4})
    )
    requests = forms.CharField(
        label=_("what the applicant asks for"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    amount = forms.CharField(
        label=_("amount involved (yuan)"), required=False, help_text=_("0 if none.")
    )
    source = forms.ChoiceField(label=_("source"), choices=Source.choices)
    channel = forms.ChoiceField(label=_("channel"), choices=Channel.choices)
    received_on = forms.DateField(label=_("received on"), required=False, widget=DateInput())
    address = forms.CharField(label=_("place of the dispute"), max_length=200, required=False)
    is_mass = forms.BooleanField(label=_("mass dispute"), required=False)
    tags = forms.CharField(
        label=_("tags"), required=False, help_text=_("Separated by commas, e.g. 涉疫, 农民工.")
    )
    mediators = fields.ModelMultipleChoiceField(label=_("mediators"), queryset=None, required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        single_default(self, "organization", handling_organizations(user).order_by("kind", "name"))
        self.fields["mediators"].queryset = Mediator.objects.restrict(user, "view").filter(
            is_active=True
        )

    def clean(self):
        # The service's own checks (amount, dates, subtype) run here too, so the form names
        # every problem at once instead of after its fields have passed.
        from mediation.services import clean_dispute_data

        cleaned = super().clean()
        _data, errors = clean_dispute_data(self.dispute_data())
        add_field_errors(self, errors)
        return cleaned

    def dispute_data(self) -> dict:
        skip = {"organization", "mediators", "submission_key"}
        return {k: v for k, v in self.cleaned_data.items() if k not in skip}


class PartyEntryForm(core_forms.PartyEntryForm):
    side = forms.ChoiceField(label=_("side"), choices=Side.choices)

    def has_content(self) -> bool:
        return bool(self.is_valid() and self.cleaned_data.get("name"))


class BasePartyFormSet(forms.BaseFormSet):
    def clean(self):
        super().clean()
        # Rows left blank are ignored; the service checks both sides are named.


PartyFormSet = forms.formset_factory(PartyEntryForm, formset=BasePartyFormSet, extra=0)


def party_formset(data=None):
    initial = [
        {"side": Side.APPLICANT, "kind": PartyKind.PERSON},
        {"side": Side.RESPONDENT, "kind": PartyKind.PERSON},
        {"side": Side.APPLICANT, "kind": PartyKind.PERSON},
        {"side": Side.RESPONDENT, "kind": PartyKind.PERSON},
    ]
    return core_forms.party_formset(PartyFormSet, data, initial)


class ScreeningForm(SubmissionKeyMixin, forms.Form):
    organization = fields.ModelChoiceField(label=_("organisation"), queryset=None)
    held_on = forms.DateField(label=_("date"), widget=DateInput())
    scope = forms.CharField(
        label=_("scope"), max_length=200, help_text=_("e.g. 辖区社区, 建筑工地")
    )
    disputes_found = fields.IntegerField(label=_("disputes found"), min_value=0, initial=0)
    disputes_prevented = fields.IntegerField(
        label=_("disputes resolved early"), min_value=0, initial=0
    )
    notes = forms.CharField(label=_("notes"), widget=forms.Textarea(attrs={"rows": 3}),
                            required=False)  # fmt: skip

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        single_default(self, "organization", handling_organizations(user).order_by("kind", "name"))

    def screening_data(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "submission_key"}
