"""Case-file review indicators (案卷评查, reference/statutes-lines.md §C.8 "Indicators (C)": files
reviewed, scores; SD-JD Art. 14, 28), by enforcement body:

- enforcement.files_reviewed: files scored in the period (ReviewedFile.scored_on within it),
  counted in the decision's jurisdiction.
- enforcement.review_score_mean: the mean total of the files scored in the period = sum of
  their totals ÷ their number (points, not a percentage; a vetoed file counts with its points).
- enforcement.rectified_rate (整改完成率): rectifications due in the period (deadline within it)
  whose answer the bureau accepted ÷ rectifications due in the period. Local definition: an
  answer accepted after the deadline counts (the figure is about what was rectified; the
  overdue list shows the lateness); one awaiting an answer, sent back or not yet decided
  counts in the denominator only.

A rate or mean whose denominator is 0 has no value (None): no data, never 0.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from enforcement.review_models import Rectification, RectificationVerdict, ReviewedFile
from indicators.registry import Breakdown, Indicator, Measure, registry

LINE = "enforcement"
SOURCE = _("Local definition (❓); 山东省行政执法监督条例 Arts. 14, 28; 行政处罚法 Art. 75; "
           "reference/statutes-lines.md §C.8")  # fmt: skip

scored = Measure(ReviewedFile, lambda p: Q(scored_on__gte=p.start, scored_on__lte=p.end))
points = scored.summing("total")
due = Measure(Rectification, lambda p: Q(deadline__gte=p.start, deadline__lte=p.end))
accepted = due.filter(verdict=RectificationVerdict.ACCEPTED)
FILE_COLUMNS = (("decision__case_number", _("case number")), ("body__name", _("enforcement body")),
                ("total", _("total points")), ("grade", _("grade")),
                ("scored_on", _("scored on")))  # fmt: skip
RECT_COLUMNS = (("file__decision__case_number", _("case number")), ("agency__name", _("agency")),
                ("notified_on", _("notified on")), ("deadline", _("to be rectified by")),
                ("answered_on", _("answered on")), ("verdict", _("verdict")))  # fmt: skip

for indicator in (
    Indicator(
        "enforcement.files_reviewed", _("Case files reviewed"), _("files"),
        _("Enforcement case files scored in a case-file review (案卷评查) in the period."),
        SOURCE, "count", scored, breakdowns={"body": Breakdown(scored, "body__name")},
        columns=FILE_COLUMNS, business_line=LINE,
    ),
    Indicator(
        "enforcement.review_score_mean", _("Mean case-file review score"), _("points"),
        _("Sum of the total points of the files scored in the period ÷ the number of those "
          "files; a vetoed file counts with its points."),
        SOURCE, "ratio", points, scored, percent=False, listed=False,
        breakdowns={"body": Breakdown(points, "body__name", scored)}, business_line=LINE,
    ),
    Indicator(
        "enforcement.rectified_rate", _("Rectification rate of case-file reviews"), "%",
        _("Rectifications due in the period whose answer the bureau accepted ÷ rectifications "
          "due in the period (deadline within it: the notice day + 30 calendar days by "
          "default). One awaiting an answer or sent back counts in the denominator only."),
        SOURCE, "ratio", accepted, due, columns=RECT_COLUMNS,
        breakdowns={"agency": Breakdown(accepted, "agency__name", due)}, business_line=LINE,
    ),
):  # fmt: skip
    registry.register(indicator)
