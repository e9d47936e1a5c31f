import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from legality.models import Counsel, LegalityReview


class LegalityReviewTable(tables.Table):
    number = tables.Column(linkify=True, verbose_name=_("case number"))
    title = tables.Column(verbose_name=_("title"))
    department = tables.Column(verbose_name=_("submitting department"))
    state = tables.Column(accessor="state_label", verbose_name=_("state"), order_by="state")
    received_at = tables.DateTimeColumn(format="Y-m-d", verbose_name=_("submitted on"))
    due_date = tables.DateColumn(format="Y-m-d", verbose_name=_("current deadline"))

    class Meta:
        model = LegalityReview
        fields = ("number", "kind", "title", "department", "state", "conclusion", "received_at",
                  "due_date")  # fmt: skip
        attrs = {"class": "table table-sm table-hover align-middle"}
        order_by = "-received_at"


class ContractTable(tables.Table):
    department = tables.Column(
        verbose_name=_("submitting department"), order_by=("department__name",)
    )
    number = tables.Column(linkify=True, verbose_name=_("case number"))
    title = tables.Column(verbose_name=_("title"))
    state = tables.Column(accessor="state_label", verbose_name=_("state"), order_by="state")

    class Meta:
        model = LegalityReview
        fields = ("department", "number", "title", "counterparty", "amount", "term_start",
                  "term_end", "conclusion", "opinion_on", "state")  # fmt: skip
        attrs = {"class": "table table-sm table-hover align-middle"}
        order_by = ("department", "-received_at")


class CounselTable(tables.Table):
    class Meta:
        model = Counsel
        fields = ("name", "kind", "organization", "licence_number", "since", "until", "active")
        attrs = {"class": "table table-sm table-hover align-middle"}
