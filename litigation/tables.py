import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from litigation.models import LitigationCase


class LitigationCaseTable(tables.Table):
    number = tables.Column(linkify=True, verbose_name=_("court case number"))
    organization = tables.Column(verbose_name=_("defendant"))
    state = tables.Column(accessor="state_label", verbose_name=_("state"), order_by="state")
    received_at = tables.DateTimeColumn(format="Y-m-d", verbose_name=_("complaint served on"))
    due_date = tables.DateColumn(format="Y-m-d", verbose_name=_("current deadline"))

    class Meta:
        model = LitigationCase
        fields = ("number", "court", "trial_level", "organization", "cause", "state",
                  "judgment_type", "received_at", "due_date")  # fmt: skip
        attrs = {"class": "table table-sm table-hover align-middle"}
        order_by = "-received_at"
