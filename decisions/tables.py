import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from decisions.models import Catalogue, MajorDecision


class MajorDecisionTable(tables.Table):
    number = tables.Column(linkify=True, verbose_name=_("case number"))
    title = tables.Column(verbose_name=_("matter"))
    decision_maker = tables.Column(verbose_name=_("decision-maker"))
    state = tables.Column(accessor="state_label", verbose_name=_("state"), order_by="state")
    received_at = tables.DateTimeColumn(format="Y-m-d", verbose_name=_("started on"))

    class Meta:
        model = MajorDecision
        fields = ("number", "title", "decision_maker", "matter_kind", "state",
                  "comment_closes_on", "decided_on", "published_on", "received_at")  # fmt: skip
        attrs = {"class": "table table-sm table-hover align-middle"}
        order_by = "-received_at"


class CatalogueTable(tables.Table):
    decision_maker = tables.Column(linkify=True, verbose_name=_("decision-maker"))

    class Meta:
        model = Catalogue
        fields = ("decision_maker", "year", "party_approved_on", "published_on")
        attrs = {"class": "table table-sm table-hover align-middle"}
        order_by = ("-year",)
