import django_tables2 as tables
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from cases.models import ClockState
from legalaid.choices import Matter
from legalaid.models import AidCase, Consultation, Exemption, PoolMember


def _due(value, state):
    """A clock's due date as the list shows it: the date while it runs, "paused" while the
    applicant supplies materials (Art. 43), a dash once it stopped or before it started."""
    if state == ClockState.PAUSED:
        return format_html('<span class="badge text-bg-warning">{}</span>', _("paused"))
    if value is None or state in (None, ClockState.STOPPED):
        return "—"
    return value.isoformat()


class AidCaseTable(tables.Table):
    number = tables.Column(linkify=True, verbose_name=_("case number"))
    title = tables.Column(verbose_name=_("matter in brief"))
    state = tables.Column(accessor="state_label", verbose_name=_("state"), order_by="state")
    organization = tables.Column(verbose_name=_("legal aid centre"))
    received_at = tables.DateTimeColumn(format="Y-m-d", verbose_name=_("received at"))
    # Both review periods show on the worklist (issue 12): the statutory one (Art. 43) and the
    # local service target.
    review_due = tables.Column(
        verbose_name=_("review due (Art. 43)"), empty_values=(), order_by="review_due"
    )
    target_due = tables.Column(
        verbose_name=_("local target due"), empty_values=(), order_by="target_due"
    )
    lawyer = tables.Column(verbose_name=_("assigned lawyer"))
    due_date = tables.DateColumn(format="Y-m-d", verbose_name=_("current deadline"))

    class Meta:
        model = AidCase
        fields = ("number", "title", "matter", "category", "state", "organization",
                  "received_at", "review_due", "target_due", "lawyer", "due_date")  # fmt: skip
        attrs = {"class": "table table-sm table-hover align-middle"}
        empty_text = _("No legal aid cases.")

    def render_review_due(self, value, record):
        return _due(value, getattr(record, "review_state", None))

    def render_target_due(self, value, record):
        return _due(value, getattr(record, "target_state", None))

    def render_due_date(self, value, record):
        if value is None:
            return "—"
        if not record.due_provisional:
            return value.isoformat()
        return format_html(
            '{} <span class="badge text-bg-warning" data-provisional="1">{}</span>',
            value.isoformat(),
            _("provisional"),
        )


class PoolMemberTable(tables.Table):
    lawyer = tables.Column(verbose_name=_("lawyer"), order_by="lawyer__name")
    firm = tables.Column(
        accessor="lawyer__organization", verbose_name=_("law firm"), orderable=False
    )
    matters = tables.Column(verbose_name=_("matters taken"), orderable=False, empty_values=())
    open_cases = tables.Column(verbose_name=_("open cases"), order_by="open_cases")
    workload_cap = tables.Column(verbose_name=_("workload cap"), empty_values=())
    joined_on = tables.DateColumn(format="Y-m-d", verbose_name=_("joined on"))
    left_on = tables.DateColumn(format="Y-m-d", verbose_name=_("left on"))

    class Meta:
        model = PoolMember
        fields = ("lawyer", "firm", "centre", "status", "matters", "open_cases",
                  "workload_cap", "joined_on", "left_on")  # fmt: skip
        attrs = {"class": "table table-sm table-hover align-middle"}
        empty_text = _("No lawyers in the pool.")

    def render_matters(self, value):
        if not value:
            return _("every matter")
        return "、".join(str(Matter(m).label) for m in value if m in Matter.values)

    def render_workload_cap(self, value):
        if value is None:
            return format_html(
                '{} <span class="text-muted">({})</span>',
                settings.FAZHI_LEGALAID_WORKLOAD_CAP,
                _("default"),
            )
        return value


class ConsultationTable(tables.Table):
    on_date = tables.DateColumn(format="Y-m-d", verbose_name=_("date"))

    class Meta:
        model = Consultation
        fields = ("on_date", "organization", "channel", "category", "summary", "referred")
        attrs = {"class": "table table-sm table-hover align-middle"}
        empty_text = _("No consultations recorded.")


class ExemptionTable(tables.Table):
    class Meta:
        model = Exemption
        fields = ("name", "kind", "legal_basis", "organization", "region_code", "is_active")
        attrs = {"class": "table table-sm table-hover align-middle"}
        empty_text = _("No exemption categories.")
