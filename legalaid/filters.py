import django_filters
from django.utils.translation import gettext_lazy as _

from cases.models import Channel
from core.filters import LocalDateFromFilter, LocalDateToFilter, case_search
from legalaid.choices import Category, Matter, Source
from legalaid.models import AidCase, AidParty, Consultation, Exemption, PoolMember
from legalaid.process import STATES


class AidCaseFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("search"),
        method="filter_q",
        help_text=_("Case number, matter in brief, a party's name or the online tracking code."),
    )
    state = django_filters.ChoiceFilter(
        label=_("state"), choices=[(s.name, s.label) for s in STATES]
    )
    matter = django_filters.ChoiceFilter(label=_("matter"), choices=Matter.choices)
    category = django_filters.ChoiceFilter(label=_("category"), choices=Category.choices)
    source = django_filters.ChoiceFilter(label=_("source"), choices=Source.choices)
    channel = django_filters.ChoiceFilter(label=_("channel"), choices=Channel.choices)
    # Timestamp bounds (start of the local day): the (region_code, received_at) index serves them.
    received_from = LocalDateFromFilter(label=_("received from"), field_name="received_at")
    received_to = LocalDateToFilter(label=_("received to"), field_name="received_at")

    class Meta:
        model = AidCase
        fields = ["q", "state", "matter", "category", "source", "channel"]

    def filter_q(self, queryset, name, value):
        """Number or title (contains), a party's name (contains) or the tracking code of an
        online pre-application (exact, typed in any case and with spaces). Only `queryset` is
        searched, which the view has already restricted to the user's jurisdiction (and, for a
        lawyer, to their assignments). One `id IN (… UNION ALL …)`, each arm on its own index,
        as mediation.filters.DisputeFilter does."""
        return case_search(queryset, value, links=AidParty.objects, case_field="case_id")


class ConsultationFilter(django_filters.FilterSet):
    on_from = django_filters.DateFilter(label=_("from"), field_name="on_date", lookup_expr="gte")
    on_to = django_filters.DateFilter(label=_("to"), field_name="on_date", lookup_expr="lte")
    channel = django_filters.ChoiceFilter(label=_("channel"), choices=Consultation.Channel.choices)
    category = django_filters.ChoiceFilter(label=_("category"), choices=Category.choices)

    class Meta:
        model = Consultation
        fields = ["on_from", "on_to", "channel", "category"]


class PoolMemberFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("name contains"), field_name="lawyer__name", lookup_expr="icontains"
    )
    status = django_filters.ChoiceFilter(label=_("status"), choices=PoolMember.Status.choices)

    class Meta:
        model = PoolMember
        fields = ["q", "status"]


class ExemptionFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("kind"), choices=Exemption.Kind.choices)
    is_active = django_filters.BooleanFilter(label=_("active"))

    class Meta:
        model = Exemption
        fields = ["kind", "is_active"]
