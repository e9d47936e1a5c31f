"""Staff forms of major administrative decisions: starting a decision, adding the evidence of a
step, answering a public comment. What is required is the services' to decide."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cases.forms import DateInput
from core import fields
from core.forms import SubmissionKeyMixin, single_default
from core.models import Organization, OrganizationKind
from core.regions import jurisdiction_prefix, within
from core.roles import Role
from decisions.choices import Answer, MatterKind, Step
from decisions.services import ADD


def agencies_for(user):
    """The decision-makers `user` may act for: their own agency, or every agency in the
    jurisdiction of a section-staff member."""
    agencies = Organization.objects.filter(kind=OrganizationKind.AGENCY, is_active=True)
    condition = Q(pk__in=[m.organization_id for m in user.active_memberships()
                          if m.role == Role.AGENCY_HANDLER])  # fmt: skip
    for code in user.jurisdictions(ADD):
        condition |= within("region_id", code)
    return agencies.filter(condition).order_by("region_id", "name")


class StartForm(SubmissionKeyMixin, forms.Form):
    decision_maker = fields.ModelChoiceField(label=_("decision-maker"), queryset=None)
    lead_unit = fields.ModelChoiceField(label=_("lead unit (承办单位)"), queryset=None)
    title = forms.CharField(label=_("matter"), max_length=200)
    matter_kind = forms.ChoiceField(label=_("kind of matter"),
                                    choices=[("", "—"), *MatterKind.choices])  # fmt: skip
    catalogue_item = fields.ModelChoiceField(
        label=_("catalogue item"), queryset=None, required=False,
        help_text=_("The matter of the decision-maker's catalogue this decision implements."),
    )  # fmt: skip
    summary = forms.CharField(label=_("summary"), widget=forms.Textarea(attrs={"rows": 3}),
                              required=False)  # fmt: skip
    expert_triggered = forms.BooleanField(
        label=_("professional or technical matter: expert argumentation required (Art. 19)"),
        required=False,
    )
    risk_triggered = forms.BooleanField(
        label=_("stability or public security may be affected: risk assessment required "
                "(Art. 22)"),
        required=False,
    )  # fmt: skip

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        makers = agencies_for(user)
        single_default(self, "decision_maker", makers)
        from decisions.models import CatalogueItem

        self.fields["catalogue_item"].queryset = (
            CatalogueItem.objects.filter(
                catalogue__decision_maker__in=makers, removed_by__isnull=True
            )
            .select_related("catalogue__decision_maker")
            .order_by("-catalogue__year", "number")
        )
        # Lead units in the jurisdictions of the decision-makers offered (the service checks
        # the chosen decision-maker's).
        lead = Q(pk__in=[])
        for code in {jurisdiction_prefix(m.region_id) for m in makers}:
            lead |= within("region_id", code)
        self.fields["lead_unit"].queryset = Organization.objects.filter(
            lead, kind=OrganizationKind.AGENCY, is_active=True
        ).order_by("region_id", "name")


class EvidenceForm(forms.Form):
    step = forms.ChoiceField(label=_("step"), choices=Step.choices)
    file = forms.FileField(label=_("file"))


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(label=_("answer"), choices=Answer.choices)
    reasons = forms.CharField(label=_("reasons"), widget=forms.Textarea(attrs={"rows": 2}),
                              required=False)  # fmt: skip


class ItemForm(forms.Form):
    """One matter of a catalogue (a row of the items formset; an empty row is ignored)."""

    title = forms.CharField(label=_("matter"), max_length=200, required=False)
    matter_kind = forms.ChoiceField(label=_("kind of matter"),
                                    choices=[("", "—"), *MatterKind.choices], required=False)  # fmt: skip
    lead_unit = fields.ModelChoiceField(
        label=_("lead unit"),
        queryset=Organization.objects.filter(kind=OrganizationKind.AGENCY, is_active=True),
        required=False,
    )
    planned = forms.CharField(label=_("planned completion"), max_length=64, required=False)


ItemFormSet = forms.formset_factory(ItemForm, extra=5)


def filled_items(formset) -> tuple[list[dict], list]:
    """The filled rows of the items formset, as the services take them, and their forms (for
    the errors `items-N-field`, N counting filled rows)."""
    rows, forms_ = [], []
    for row in formset.forms:
        data = getattr(row, "cleaned_data", {}) or {}
        if any(data.get(k) for k in ("title", "matter_kind", "planned")):
            rows.append({k: data.get(k) for k in ("title", "matter_kind", "lead_unit", "planned")})
            forms_.append(row)
    return rows, forms_


class CatalogueForm(SubmissionKeyMixin, forms.Form):
    decision_maker = fields.ModelChoiceField(label=_("decision-maker"), queryset=None)
    year = forms.IntegerField(label=_("year"), min_value=2019, max_value=2100)
    note = forms.CharField(label=_("note"), widget=forms.Textarea(attrs={"rows": 2}),
                           required=False)  # fmt: skip

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        single_default(self, "decision_maker", agencies_for(user))


class CataloguePublishForm(forms.Form):
    party_approved_on = forms.DateField(label=_("approved by the Party committee on"),
                                        widget=DateInput())  # fmt: skip
    published_on = forms.DateField(label=_("published on"), widget=DateInput())


class CatalogueAdjustForm(CataloguePublishForm):
    reason = forms.CharField(label=_("reasons for the adjustment"),
                             widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip
    remove = forms.TypedMultipleChoiceField(label=_("matters removed"), coerce=int,
                                            required=False, choices=(),
                                            widget=forms.CheckboxSelectMultiple)  # fmt: skip

    def __init__(self, *args, catalogue, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["remove"].choices = [
            (i.number, str(i)) for i in catalogue.items.filter(removed_by__isnull=True)
        ]


def add_item_errors(form, rows, exc) -> None:
    """A service's errors beside their fields: `items-N-field` on the N-th filled row."""
    for field, errors in exc.fields.items():
        target, name = form, field
        if field.startswith("items-") and field.count("-") >= 2:
            _prefix, index, name = field.split("-", 2)
            target = rows[int(index)] if int(index) < len(rows) else form
        for error in errors:
            target.add_error(name if name in target.fields else None, error)
