import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.filters import LocalDateFromFilter, LocalDateToFilter
from litigation.choices import Judgment, TrialLevel
from litigation.models import LitigationCase, LitigationParty
from litigation.process import STATES


class LitigationCaseFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("search"),
        method="filter_q",
        help_text=_("Court case number, court, cause of action or a party's name."),
    )
    state = django_filters.ChoiceFilter(
        label=_("state"), choices=[(s.name, s.label) for s in STATES]
    )
    trial_level = django_filters.ChoiceFilter(label=_("trial level"), choices=TrialLevel.choices)
    judgment_type = django_filters.ChoiceFilter(
        label=_("judgment or ruling"), choices=Judgment.choices
    )
    received_from = LocalDateFromFilter(label=_("served from"), field_name="received_at")
    received_to = LocalDateToFilter(label=_("served to"), field_name="received_at")

    class Meta:
        model = LitigationCase
        fields = ["q", "state", "trial_level", "judgment_type"]

    def filter_q(self, queryset, name, value):
        """Searched within `queryset`, already restricted to what the user may see (an agency
        handler: their own agency's cases)."""
        text = value.strip()
        if not text:
            return queryset
        parties = LitigationParty.objects.filter(party__name__icontains=text).values("case_id")
        return queryset.filter(
            Q(number__icontains=text)
            | Q(court__icontains=text)
            | Q(cause__icontains=text)
            | Q(pk__in=parties)
        )
