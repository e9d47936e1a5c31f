import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from normative.choices import DocumentKind
from normative.models import CleanupCampaign, FilingCase, NormativeDocument, ReviewProposal
from normative.process import DOCUMENT_PROCESS, FILING_PROCESS, PROPOSAL_PROCESS


class DocumentFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("search"), method="filter_q",
                                  help_text=_("Number, unified number or title."))  # fmt: skip
    kind = django_filters.ChoiceFilter(label=_("kind of document"), choices=DocumentKind.choices)
    state = django_filters.ChoiceFilter(
        label=_("state"), choices=[(s.name, s.label) for s in DOCUMENT_PROCESS.states]
    )

    class Meta:
        model = NormativeDocument
        fields = ["q", "kind", "state"]

    def filter_q(self, queryset, name, value):
        value = (value or "").strip()
        if not value:
            return queryset
        return queryset.filter(Q(number__icontains=value) | Q(unified_number__icontains=value)
                               | Q(title__icontains=value))  # fmt: skip


class CampaignFilter(django_filters.FilterSet):
    class Meta:
        model = CleanupCampaign
        fields: list[str] = []


class FilingFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(
        label=_("state"), choices=[(s.name, s.label) for s in FILING_PROCESS.states]
    )
    late = django_filters.BooleanFilter(label=_("filed late"))

    class Meta:
        model = FilingCase
        fields = ["state", "late"]


class ProposalFilter(django_filters.FilterSet):
    state = django_filters.ChoiceFilter(
        label=_("state"), choices=[(s.name, s.label) for s in PROPOSAL_PROCESS.states]
    )

    class Meta:
        model = ReviewProposal
        fields = ["state"]
