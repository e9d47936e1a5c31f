import django_tables2 as tables
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from enforcement.complaint_models import Complaint, Dispatch
from enforcement.complaint_process import AWAITING_REPLY_STATES

ATTRS = {"class": "table table-sm table-hover align-middle"}


class ComplaintTable(tables.Table):
    number = tables.Column(linkify=True, verbose_name=_("case number"))
    received_at = tables.DateColumn(format="Y-m-d", verbose_name=_("received on"))
    complainant_name = tables.Column(verbose_name=_("complainant"))
    subject = tables.Column(verbose_name=_("complaint about"), orderable=False, empty_values=())
    state = tables.Column(accessor="state_label", verbose_name=_("state"), order_by="state")
    due_date = tables.DateColumn(format="Y-m-d", verbose_name=_("current deadline"))

    class Meta:
        model = Complaint
        fields = ("number", "received_at", "complainant_name", "subject", "channel", "state",
                  "due_date")  # fmt: skip
        attrs = ATTRS
        order_by = "-received_at"
        empty_text = _("No complaints.")

    def render_subject(self, record):
        return record.subject or "—"


class DispatchTable(tables.Table):
    number = tables.Column(linkify=True, verbose_name=_("dispatch number"))
    body = tables.Column(verbose_name=_("enforcement body"), order_by=("body__name",))
    received_at = tables.DateColumn(format="Y-m-d", verbose_name=_("dispatched on"))
    state = tables.Column(accessor="state_label", verbose_name=_("state"), order_by="state")
    due_date = tables.DateColumn(format="Y-m-d", verbose_name=_("reply due"))
    round = tables.Column(verbose_name=_("round"))
    overdue = tables.Column(verbose_name=_("overdue"), orderable=False, empty_values=(),
                            accessor="pk")  # fmt: skip

    class Meta:
        model = Dispatch
        fields = ("number", "body", "received_at", "state", "due_date", "round", "replied_on",
                  "overdue")  # fmt: skip
        attrs = ATTRS
        order_by = "-received_at"
        empty_text = _("No dispatches.")

    def render_overdue(self, record):
        late = (record.state in AWAITING_REPLY_STATES and record.due_date is not None
                and record.due_date < timezone.localdate())  # fmt: skip
        return _("overdue") if late else "—"

    def value_overdue(self, record):
        return str(self.render_overdue(record))
