"""Indicators of complaints about enforcement and their dispatch (GLOSSARY: enforcement.*).
Local definitions: no national statistical definition was found (the 行政执法监督条例 2025 is not
in the collection, reference/statutes-lines.md §C.8).

- enforcement.complaints: complaints received in the period (by the day received), by channel
  and by the enforcement body complained about ("not named" when neither the complainant nor
  the bureau named one).
- enforcement.dispatches_on_time_rate: replies given by their deadline ÷ replies due in the
  period. One item per reply asked of a body (DispatchRound): the first when the complaint is
  dispatched, one more after each send-back (退回重办), each with its own deadline, counted in
  the period its deadline falls in. A reply given by its deadline counts as on time even if the
  bureau then sends it back; the new reply it asks is a new item with its own deadline. An item
  whose deadline has not yet passed and that has no reply yet is not counted (it may still be
  on time); one whose deadline has passed without a reply counts as not on time. By the body.
- enforcement.dispatches_overdue: replies awaited today whose deadline has passed (a snapshot:
  now, whatever the period), by the body.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from enforcement.complaint_models import Complaint, DispatchRound
from indicators.registry import Breakdown, Indicator, Measure, registry

LINE = "enforcement"
SOURCE = _("Local definition (no national statistical definition found); 山东省行政执法监督条例 "
           "Art. 6, 重庆市行政执法监督条例 Arts. 13 ¶3, 14 ¶3 and 20; reference/statutes-lines.md "
           "§C.8 ❓")  # fmt: skip

received = Measure(
    Complaint, lambda p: Q(received_at__gte=p.start_at, received_at__lt=p.end_before)
)


def _due(period) -> Q:
    """Replies due in the period whose deadline has passed or that have been given."""
    today = timezone.localdate()
    return Q(due_date__gte=period.start, due_date__lte=period.end) & (
        Q(replied_on__isnull=False) | Q(due_date__lt=today)
    )


due = Measure(DispatchRound, _due)
on_time = due.filter(on_time=True)
overdue = Measure(
    DispatchRound, lambda p: Q(replied_on__isnull=True, due_date__lt=timezone.localdate())
)


def _by_body(measure: Measure, denominator: Measure | None = None):
    """A breakdown by the body, with "not named" for rows that name none."""
    spec = Breakdown(measure, "body__name", denominator)

    def compute(prefix, period):
        rows = spec(prefix, period)
        if "None" in rows:
            rows[str(_("not named"))] = rows.pop("None")
        return rows

    return compute


COMPLAINT_COLUMNS = (("number", _("case number")), ("received_at", _("received at")),
                     ("body__name", _("enforcement body")), ("channel", _("channel")),
                     ("state", _("state")))  # fmt: skip
ROUND_COLUMNS = (("dispatch__number", _("dispatch number")), ("body__name", _("enforcement body")),
                 ("number", _("round")), ("due_date", _("reply due")),
                 ("replied_on", _("replied on")), ("on_time", _("replied on time")))  # fmt: skip


for indicator in (
    Indicator(
        "enforcement.complaints", _("Complaints about enforcement"), _("items"),
        _("Complaints about enforcement received in the period, filed on the portal or entered by "
          "the bureau (telephone, letter, referral such as the 12345 hotline, window)."),
        SOURCE, "count", received,
        breakdowns={"channel": Breakdown(received, "channel"), "body": _by_body(received)},
        columns=COMPLAINT_COLUMNS, business_line=LINE,
    ),
    Indicator(
        "enforcement.dispatches_on_time_rate", _("Dispatched complaints answered on time"), "%",
        _("Replies of enforcement bodies given by their deadline ÷ replies due in the period. "
          "Each reply asked counts once: the first on dispatch and one more after each "
          "send-back, each in the period of its own deadline; a reply on time that is sent back "
          "still counts as on time; a deadline not yet passed without a reply is not counted."),
        SOURCE, "ratio", on_time, due,
        breakdowns={"body": _by_body(on_time, due)},
        columns=ROUND_COLUMNS, business_line=LINE,
    ),
    Indicator(
        "enforcement.dispatches_overdue", _("Dispatched complaints overdue"), _("items"),
        _("Replies of enforcement bodies awaited today whose deadline has passed."),
        SOURCE, "count", overdue, snapshot=True,
        breakdowns={"body": _by_body(overdue)},
        columns=ROUND_COLUMNS, business_line=LINE,
    ),
):  # fmt: skip
    registry.register(indicator)
