import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from reconsideration.models import ReconsiderationCase


class ReconsiderationCaseTable(tables.Table):
    number = tables.Column(linkify=True, verbose_name=_("case number"))
    title = tables.Column(verbose_name=_("matter in brief"))
    respondent = tables.Column(verbose_name=_("respondent"))
    state = tables.Column(accessor="state_label", verbose_name=_("state"), order_by="state")
    received_at = tables.DateTimeColumn(format="Y-m-d", verbose_name=_("received at"))
    due_date = tables.DateColumn(format="Y-m-d", verbose_name=_("current deadline"))

    class Meta:
        model = ReconsiderationCase
        fields = ("number", "title", "respondent", "act_type", "procedure", "state",
                  "received_at", "due_date")  # fmt: skip
        attrs = {"class": "table table-sm table-hover align-middle"}
        order_by = "-received_at"
