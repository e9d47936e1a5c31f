"""The staff forms of legal aid: the application with its parties, a consultation, a pool
lawyer and an exemption category. Each runs the service's own checks in `clean()`, so every
problem is named in the first round, beside its field; the service checks again on save."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.forms import DateInput
from cases.models import Channel
from core import fields
from core import forms as core_forms
from core.forms import SubmissionKeyMixin, add_field_errors, single_default
from core.models import Lawyer, PartyKind, PractitionerStatus
from legalaid.choices import (
    Category,
    Group,
    Hardship,
    Material,
    Matter,
    NotifyingAuthority,
    Side,
    Source,
)
from legalaid.models import Consultation, Exemption
from legalaid.services import (
    applicable_exemptions,
    application_centres,
    consultation_organizations,
    exemption_organizations,
    pool_centres,
)


def _blank(choices):
    return [("", "—"), *choices]


class ApplicationForm(SubmissionKeyMixin, forms.Form):
    organization = fields.ModelChoiceField(label=_("legal aid centre"), queryset=None)
    title = forms.CharField(label=_("matter in brief"), max_length=200)
    matter = forms.ChoiceField(label=_("matter"), choices=_blank(Matter.choices))
    category = forms.ChoiceField(label=_("category"), choices=_blank(Category.choices))
    facts = forms.CharField(label=_("facts and reasons"), widget=forms.Textarea(attrs={"rows": 4}))
    requests = forms.CharField(
        label=_("help asked for"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    legal_role = forms.CharField(
        label=_("the applicant's role in the matter"),
        max_length=32,
        required=False,
        help_text=_("e.g. plaintiff, defendant, suspect, victim, applicant for arbitration"),
    )
    stage = forms.CharField(label=_("stage of proceedings"), max_length=64, required=False)
    source = forms.ChoiceField(label=_("source"), choices=Source.choices)
    channel = forms.ChoiceField(label=_("channel"), choices=Channel.choices)
    notifying_authority = forms.ChoiceField(
        label=_("notifying authority"),
        choices=_blank(NotifyingAuthority.choices),
        required=False,
        help_text=_("For a case notified by the police, procuratorate or court (Arts. 25–28)."),
    )
    notifying_body = forms.CharField(label=_("notifying organ"), max_length=100, required=False)
    hardship = forms.ChoiceField(
        label=_("financial condition"),
        choices=_blank([c for c in Hardship.choices if c[0] != Hardship.NOTIFIED]),
        required=False,
        help_text=_("A notified case needs none: it skips the means test."),
    )
    exemption = fields.ModelChoiceField(
        label=_("exemption category"),
        queryset=None,
        required=False,
        help_text=_("Required when the financial condition rests on an exemption category."),
    )
    groups = forms.MultipleChoiceField(
        label=_("groups"), choices=Group.choices, widget=forms.CheckboxSelectMultiple,
        required=False,
    )  # fmt: skip
    materials = forms.MultipleChoiceField(
        label=_("materials received"),
        choices=Material.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("What is missing is asked for, all at once, during the review (Art. 43)."),
    )
    amount_claimed = forms.CharField(
        label=_("amount claimed (yuan)"), required=False, help_text=_("0 if none.")
    )
    life_or_death = forms.BooleanField(
        label=_("may lead to life imprisonment or death"), required=False
    )
    urgent = forms.BooleanField(label=_("aid before the decision (Art. 44)"), required=False)
    urgent_reason = forms.CharField(
        label=_("reason for aid before the decision"), max_length=200, required=False
    )
    received_on = forms.DateField(label=_("received on"), required=False, widget=DateInput())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        centres = application_centres(user).order_by("region_id", "name")
        single_default(self, "organization", centres)
        regions = list(centres.values_list("region_id", flat=True))
        self.fields["exemption"].queryset = applicable_exemptions(regions).filter(is_active=True)

    def clean(self):
        from legalaid.services import clean_application_data

        cleaned = super().clean()
        _data, errors = clean_application_data(
            self.application_data(), organization=cleaned.get("organization")
        )
        add_field_errors(self, errors)
        return cleaned

    def application_data(self) -> dict:
        skip = {"organization", "submission_key"}
        return {k: v for k, v in self.cleaned_data.items() if k not in skip}


class PartyEntryForm(core_forms.PartyEntryForm):
    side = forms.ChoiceField(label=_("side"), choices=Side.choices)

    def check_entry(self, cleaned: dict) -> None:
        if cleaned.get("side") == Side.APPLICANT and cleaned.get("kind") == PartyKind.ORGANIZATION:
            if "kind" not in self.errors:
                self.add_error("kind", _("The applicant for legal aid is a natural person."))


PartyFormSet = forms.formset_factory(PartyEntryForm, extra=0)


def party_formset(data=None):
    initial = [
        {"side": Side.APPLICANT, "kind": PartyKind.PERSON},
        {"side": Side.AGENT, "kind": PartyKind.PERSON},
        {"side": Side.OPPOSING, "kind": PartyKind.ORGANIZATION},
        {"side": Side.OPPOSING, "kind": PartyKind.PERSON},
    ]
    return core_forms.party_formset(PartyFormSet, data, initial)


class ConsultationForm(SubmissionKeyMixin, forms.Form):
    organization = fields.ModelChoiceField(label=_("centre or office"), queryset=None)
    on_date = forms.DateField(label=_("date"), widget=DateInput())
    channel = forms.ChoiceField(label=_("channel"), choices=Consultation.Channel.choices)
    category = forms.ChoiceField(label=_("category"), choices=_blank(Category.choices))
    summary = forms.CharField(label=_("question in brief"), max_length=200, required=False)
    referred = forms.BooleanField(label=_("referred to an application"), required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        from django.utils import timezone

        single_default(self, "organization", consultation_organizations(user).order_by("name"))
        self.initial.setdefault("on_date", timezone.localdate())

    def consultation_data(self) -> dict:
        skip = {"organization", "submission_key"}
        return {k: v for k, v in self.cleaned_data.items() if k not in skip}


class PoolMemberForm(SubmissionKeyMixin, forms.Form):
    centre = fields.ModelChoiceField(label=_("legal aid centre"), queryset=None)
    lawyer = fields.ModelChoiceField(label=_("lawyer"), queryset=None)
    matters = forms.MultipleChoiceField(
        label=_("matters taken"),
        choices=Matter.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("None ticked: every matter."),
    )
    joined_on = forms.DateField(label=_("joined on"), widget=DateInput())
    workload_cap = fields.IntegerField(
        label=_("workload cap"),
        min_value=1,
        max_value=99,
        required=False,
        help_text=_("Open legal aid cases at most; empty: the centre's default."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        from django.db.models import Q
        from django.utils import timezone

        from core.regions import within

        centres = pool_centres(user).order_by("region_id", "name")
        single_default(self, "centre", centres)
        # The practising lawyers of the cities of those centres (a district centre's pool
        # takes lawyers of firms across the city).
        condition = Q(pk__in=[])
        for prefix in {code[:4] for code in centres.values_list("region_id", flat=True)}:
            condition |= within("region_code", prefix)
        self.fields["lawyer"].queryset = (
            Lawyer.objects.filter(condition, status=PractitionerStatus.PRACTISING)
            .select_related("organization")
            .order_by("name")
        )
        self.fields["lawyer"].label_from_instance = lambda lawyer: (
            f"{lawyer.name}（{lawyer.organization}）"
        )
        self.initial.setdefault("joined_on", timezone.localdate())

    def pool_data(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "submission_key"}


class ExemptionForm(SubmissionKeyMixin, forms.Form):
    organization = fields.ModelChoiceField(label=_("added by"), queryset=None)
    name = forms.CharField(label=_("category"), max_length=120)
    kind = forms.ChoiceField(label=_("kind"), choices=_blank(Exemption.Kind.choices))
    legal_basis = forms.CharField(
        label=_("legal basis"),
        max_length=200,
        help_text=_("The provision that sets up the category, e.g. 广东省法律援助条例第十八条."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        single_default(self, "organization", exemption_organizations(user).order_by("name"))

    def exemption_data(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "submission_key"}
