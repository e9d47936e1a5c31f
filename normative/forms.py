"""Staff forms of normative documents: registration, a clean-up campaign, a decision."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.forms import DateInput
from core import fields
from core.forms import SubmissionKeyMixin
from core.models import Organization, OrganizationKind
from normative.choices import CleanupDecision, DocumentKind


def _blank(choices):
    return [("", "—"), *choices]


def issuing_bodies(user):
    """The bodies `user` may register documents for: their own agency (a handler), or the
    agencies in the jurisdiction of a section-staff member."""
    from django.db.models import Q

    from core.regions import within

    condition = Q(pk__in=[m.organization_id for m in user.active_memberships()
                          if m.role == "agency_handler"])  # fmt: skip
    for code in user.jurisdictions("normative.add_normativedocument"):
        condition |= within("region_id", code)
    return Organization.objects.filter(condition, kind=OrganizationKind.AGENCY, is_active=True)


class RegisterForm(SubmissionKeyMixin, forms.Form):
    issuing_body = fields.ModelChoiceField(label=_("issuing body"), queryset=None)
    kind = forms.ChoiceField(label=_("kind of document"), choices=_blank(DocumentKind.choices))
    title = forms.CharField(label=_("title"), max_length=200)
    full_text = forms.CharField(label=_("full text"), widget=forms.Textarea(attrs={"rows": 12}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuing_body"].queryset = issuing_bodies(user).order_by("region_id", "name")


class CampaignForm(SubmissionKeyMixin, forms.Form):
    organization = fields.ModelChoiceField(label=_("justice bureau"), queryset=None)
    title = forms.CharField(label=_("title"), max_length=200)
    effective_on = forms.DateField(label=_("decisions take effect on"), widget=DateInput())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        from django.db.models import Q

        from core.regions import within

        condition = Q(pk__in=[])
        for code in user.jurisdictions("normative.add_cleanupcampaign"):
            condition |= within("region_id", code)
        self.fields["organization"].queryset = Organization.objects.filter(
            condition, kind=OrganizationKind.JUSTICE_BUREAU, is_active=True
        ).order_by("region_id")


class DecisionForm(forms.Form):
    document = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(label=_("decision"), choices=_blank(CleanupDecision.choices))
    reasons = forms.CharField(label=_("reasons"), required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip


class FilingForm(SubmissionKeyMixin, forms.Form):
    """Filing (报备) a published document with the bureau: the day it was filed."""

    on_date = forms.DateField(label=_("filed on"), widget=DateInput())


class EvaluationForm(SubmissionKeyMixin, forms.Form):
    """A post-evaluation report (后评估): the file and its conclusion."""

    file = forms.FileField(label=_("evaluation report"))
    conclusion = forms.CharField(label=_("conclusion of the evaluation"), required=False,
                                 widget=forms.Textarea(attrs={"rows": 4}))  # fmt: skip


def amending_choices(document):
    """The documents that may amend `document`: the other published documents in the
    jurisdiction of the bureau that registers it."""
    from core.regions import jurisdiction_prefix, within
    from normative.models import NormativeDocument
    from normative.process import S

    prefix = jurisdiction_prefix(document.organization.region_id)
    return (
        NormativeDocument.objects.filter(
            within("region_code", prefix), state=S.PUBLISHED, effective_from__isnull=False
        )
        .exclude(pk=document.pk)
        .select_related("issuing_body")
        .order_by("-published_on", "-id")
    )


class AmendmentForm(SubmissionKeyMixin, forms.Form):
    """The document that amends this one."""

    amended_by = fields.ModelChoiceField(label=_("amending document"), queryset=None)

    def __init__(self, *args, document, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["amended_by"].queryset = amending_choices(document)
        self.fields["amended_by"].label_from_instance = lambda d: (
            f"{d.unified_number or d.number} {d.title}"
        )
