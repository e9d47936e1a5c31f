import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from mediation.models import Committee, Dispute, Mediator, Screening


class DisputeTable(tables.Table):
    number = tables.Column(linkify=True, verbose_name=_("case number"))
    title = tables.Column(verbose_name=_("subject"))
    state = tables.Column(accessor="state_label", verbose_name=_("state"), order_by="state")
    organization = tables.Column(verbose_name=_("handling committee"))
    received_at = tables.DateTimeColumn(format="Y-m-d", verbose_name=_("received at"))
    due_date = tables.DateColumn(format="Y-m-d", verbose_name=_("current deadline"))

    class Meta:
        model = Dispute
        fields = ("number", "title", "dispute_type", "state", "organization", "received_at",
                  "due_date", "assignee")  # fmt: skip
        attrs = {"class": "table table-sm table-hover align-middle"}
        empty_text = _("No disputes.")


class CommitteeTable(tables.Table):
    organization = tables.Column(linkify=True, verbose_name=_("committee"))
    kind = tables.Column(verbose_name=_("committee kind"))
    mediators = tables.Column(verbose_name=_("mediators"), orderable=False, empty_values=())

    class Meta:
        model = Committee
        fields = ("organization", "kind", "region_code", "mediators")
        attrs = {"class": "table table-sm table-hover align-middle"}
        empty_text = _("No committees.")

    def render_mediators(self, record):
        return record.mediator_count


class MediatorTable(tables.Table):
    class Meta:
        model = Mediator
        fields = ("name", "committee", "employment", "grade", "certificates", "is_active")
        attrs = {"class": "table table-sm table-hover align-middle"}
        empty_text = _("No mediators.")


class ScreeningTable(tables.Table):
    class Meta:
        model = Screening
        fields = ("held_on", "organization", "scope", "disputes_found", "disputes_prevented")
        attrs = {"class": "table table-sm table-hover align-middle"}
        empty_text = _("No screenings recorded.")
