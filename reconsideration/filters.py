import django_filters
from django.utils.translation import gettext_lazy as _

from core.filters import LocalDateFromFilter, LocalDateToFilter, case_search
from reconsideration.choices import ActType, DecisionType, Procedure
from reconsideration.models import ReconParty, ReconsiderationCase
from reconsideration.process import STATES


class ReconsiderationCaseFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("search"),
        method="filter_q",
        help_text=_("Case number, matter in brief, a party's name or the online tracking code."),
    )
    state = django_filters.ChoiceFilter(
        label=_("state"), choices=[(s.name, s.label) for s in STATES]
    )
    act_type = django_filters.ChoiceFilter(label=_("kind of act"), choices=ActType.choices)
    procedure = django_filters.ChoiceFilter(label=_("procedure"), choices=Procedure.choices)
    decision_type = django_filters.ChoiceFilter(label=_("decision"), choices=DecisionType.choices)
    received_from = LocalDateFromFilter(label=_("received from"), field_name="received_at")
    received_to = LocalDateToFilter(label=_("received to"), field_name="received_at")

    class Meta:
        model = ReconsiderationCase
        fields = ["q", "state", "act_type", "procedure", "decision_type"]

    def filter_q(self, queryset, name, value):
        """Searched within `queryset`, already restricted to what the user may see (an agency
        handler: the cases against their agency)."""
        return case_search(queryset, value, links=ReconParty.objects, case_field="case_id")
