"""The staff form of administrative reconsideration: an application (窗口, post, or oral and
recorded by staff, Art. 22) with its parties. It runs the service's own checks in `clean()`, so
every problem is named in the first round, beside its field; the service checks again on
save."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.forms import DateInput
from cases.models import Channel
from core import fields
from core import forms as core_forms
from core.forms import SubmissionKeyMixin, add_field_errors, single_default
from core.models import Organization, OrganizationKind, PartyKind
from reconsideration.choices import ActType, Side
from reconsideration.services import CHANNELS, offices


def _blank(choices):
    return [("", "—"), *choices]


class ApplicationForm(SubmissionKeyMixin, forms.Form):
    organization = fields.ModelChoiceField(label=_("reconsideration office"), queryset=None)
    respondent = fields.ModelChoiceField(
        label=_("respondent"),
        queryset=None,
        help_text=_("The agency whose act is challenged."),
    )
    act_type = forms.ChoiceField(label=_("kind of act"), choices=_blank(ActType.choices))
    act_description = forms.CharField(label=_("the challenged act"), max_length=300)
    act_number = forms.CharField(
        label=_("document number of the act"), max_length=100, required=False
    )
    act_on = forms.DateField(label=_("act made on"), required=False, widget=DateInput())
    knew_on = forms.DateField(
        label=_("learned of the act on"),
        required=False,
        widget=DateInput(),
        help_text=_("The application period runs from this day (Art. 20)."),
    )
    informed_of_right = forms.BooleanField(
        label=_("the agency told the applicant of the right to apply and the period"),
        required=False,
        initial=True,
    )
    requests = forms.CharField(label=_("requests"), widget=forms.Textarea(attrs={"rows": 2}))
    requests_void = forms.BooleanField(
        label=_("the applicant asks that the act be declared void"), required=False
    )
    facts = forms.CharField(
        label=_("facts and reasons"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    title = forms.CharField(
        label=_("matter in brief"),
        max_length=200,
        required=False,
        help_text=_("Left empty: the challenged act."),
    )
    channel = forms.ChoiceField(
        label=_("channel"), choices=[c for c in Channel.choices if c[0] in CHANNELS]
    )
    oral = forms.BooleanField(label=_("applied orally (recorded by staff, Art. 22)"),
                              required=False)  # fmt: skip
    received_on = forms.DateField(label=_("received on"), required=False, widget=DateInput())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        bureaus = offices(user).order_by("region_id", "name")
        single_default(self, "organization", bureaus)
        regions = [code for code in user.jurisdictions("reconsideration.add_reconsiderationcase")]
        agencies = Organization.objects.filter(kind=OrganizationKind.AGENCY, is_active=True)
        if regions:
            from core.regions import within

            condition = within("region_id", regions[0])
            for code in regions[1:]:
                condition |= within("region_id", code)
            agencies = agencies.filter(condition)
        else:
            agencies = agencies.none()
        self.fields["respondent"].queryset = agencies.order_by("region_id", "name")

    def clean(self):
        from reconsideration.services import clean_application_data

        cleaned = super().clean()
        _data, errors = clean_application_data(
            self.application_data(), office=cleaned.get("organization")
        )
        add_field_errors(self, errors)
        return cleaned

    def application_data(self) -> dict:
        skip = {"organization", "submission_key"}
        return {k: v for k, v in self.cleaned_data.items() if k not in skip}


class PartyEntryForm(core_forms.PartyEntryForm):
    side = forms.ChoiceField(label=_("side"), choices=Side.choices)


PartyFormSet = forms.formset_factory(PartyEntryForm, extra=0)


def party_formset(data=None):
    initial = [
        {"side": Side.APPLICANT, "kind": PartyKind.PERSON},
        {"side": Side.AGENT, "kind": PartyKind.PERSON},
        {"side": Side.THIRD_PARTY, "kind": PartyKind.PERSON},
    ]
    return core_forms.party_formset(PartyFormSet, data, initial)
