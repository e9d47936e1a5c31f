import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from decisions.choices import MatterKind
from decisions.models import MajorDecision
from decisions.process import STATES


class MajorDecisionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("search"), method="filter_q",
                                  help_text=_("Case number or matter."))  # fmt: skip
    matter_kind = django_filters.ChoiceFilter(label=_("kind of matter"),
                                              choices=MatterKind.choices)  # fmt: skip
    state = django_filters.ChoiceFilter(
        label=_("state"), choices=[(s.name, s.label) for s in STATES]
    )

    class Meta:
        model = MajorDecision
        fields = ["q", "matter_kind", "state"]

    def filter_q(self, queryset, name, value):
        return queryset.filter(Q(number__icontains=value) | Q(title__icontains=value))
