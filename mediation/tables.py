import django_tables2 as tables
from django.utils.html import format_html
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

    def render_due_date(self, value, record):
        # DateColumn is a TemplateColumn, which renders empty values too: a case whose period
        # has not started (registered, not yet accepted) has no deadline.
        if value is None:
            return "—"
        if not record.due_provisional:
            return value.isoformat()
        return format_html(
            '{} <span class="badge text-bg-warning" data-provisional="1">{}</span>',
            value.isoformat(),
            _("provisional"),
        )


class CommitteeTable(tables.Table):
    organization = tables.Column(linkify=True, verbose_name=_("committee"))
    kind = tables.Column(verbose_name=_("committee kind"))
    mediators = tables.Column(verbose_name=_("mediators"), orderable=False, empty_values=())
    established_on = tables.DateColumn(
        accessor="organization__established_on", format="Y-m-d", verbose_name=_("established on")
    )
    dissolved_on = tables.DateColumn(
        accessor="organization__dissolved_on", format="Y-m-d", verbose_name=_("dissolved on")
    )

    class Meta:
        model = Committee
        fields = ("organization", "kind", "region_code", "mediators", "established_on",
                  "dissolved_on")  # fmt: skip
        attrs = {"class": "table table-sm table-hover align-middle"}
        empty_text = _("No committees.")

    def render_mediators(self, record):
        return record.mediator_count


class MediatorTable(tables.Table):
    class Meta:
        model = Mediator
        fields = ("name", "committee", "employment", "grade", "certificates", "joined_on",
                  "left_on", "is_active")  # fmt: skip
        attrs = {"class": "table table-sm table-hover align-middle"}
        empty_text = _("No mediators.")


class ScreeningTable(tables.Table):
    class Meta:
        model = Screening
        fields = ("held_on", "organization", "scope", "disputes_found", "disputes_prevented")
        attrs = {"class": "table table-sm table-hover align-middle"}
        empty_text = _("No screenings recorded.")
