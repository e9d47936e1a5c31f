"""Enforcement decision indicators (slice 2; reference/statutes.md §8, statutes-lines.md §C
"Indicators (C)"), each by body and by kind of decision:

- enforcement.decisions: decisions made in the period (decided_on within it).
- enforcement.published_on_time_rate (行政执法数据公示率, statutes.md §8): of the decisions made
  in the period that must be published, those published within their window (7 working days
  for licences and penalties, 20 for the others: 国办发〔2018〕118号 ◑ ❓, configurable;
  enforcement.publication). A decision not yet published counts in the denominator only, so
  the figure of a recent period rises as its decisions are published; a decision the agency
  marked as not to be published (with its reason) counts in neither.
- enforcement.legal_review_missing: decisions made in the period for which the legal review
  was mandatory (CF Art. 58 ✅) and none is recorded.
- enforcement.recording_missing: decisions made in the period without a full-process record
  (CF Art. 47 ✅).
- enforcement.decisions_outside_standard: penalties made in the period whose fine lies outside
  the range of the discretion standard (裁量基准, CF Art. 34 ✅) recorded with them — the version
  of the body's standard in force on the decision day when the penalty was reported
  (Decision.outside_standard, enforcement.discretion_services.record_check), so a version
  published later does not change the figure of a past period. By body.
- enforcement.discretion_standards: bodies with a published discretion standard in force on the
  last day of the period (a register: at most one version of a body is in force on a day, so
  the versions counted are the bodies), by body. A version counts once published by that day.

A rate whose denominator is 0 has no value (None): no data, never 0%.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from enforcement.decision_models import Decision
from enforcement.discretion_models import DiscretionStandard
from indicators.registry import Breakdown, Indicator, Measure, registry

LINE = "enforcement"
SOURCE_RATE = _("国办发〔2018〕118号 ◑ (7 working days for licences and penalties, 20 for the "
                "others; ❓ configurable); reference/statutes.md §8")  # fmt: skip
SOURCE_COUNT = _("Local definition; 行政处罚法 Arts. 9, 39, 48; reference/statutes-lines.md §C")
SOURCE_DISCRETION = _("Local definition; 行政处罚法 Art. 34 (discretion standards set and "
                      "published); reference/statutes-lines.md §C.4")  # fmt: skip

decided = Measure(Decision, lambda p: Q(decided_on__gte=p.start, decided_on__lte=p.end))
required = decided.filter(publication_required=True)
on_time = required.filter(published_on_time=True)
review_missing = decided.filter(legal_review_required=True, legal_reviewed_on__isnull=True)
recording_missing = decided.filter(recorded_full_process=False)
outside_standard = decided.filter(outside_standard=True)
in_force = Measure(DiscretionStandard, lambda p: (
    Q(published_on__isnull=False, published_on__lte=p.end, effective_from__lte=p.end)
    & (Q(effective_until__isnull=True) | Q(effective_until__gte=p.end))))  # fmt: skip
COLUMNS = (("case_number", _("case number")), ("body__name", _("enforcement body")),
           ("kind", _("kind of decision")), ("decided_on", _("decided on")),
           ("publication_due", _("to be published by")), ("published_on", _("publicity day")))  # fmt: skip
OUTSIDE_COLUMNS = (("case_number", _("case number")), ("body__name", _("enforcement body")),
                   ("decided_on", _("decided on")), ("power__code", _("power code")),
                   ("fine_amount", _("fine (yuan)")),
                   ("discretion_standard__version", _("version")))  # fmt: skip
STANDARD_COLUMNS = (("body__name", _("enforcement body")), ("title", _("title")),
                    ("version", _("version")), ("effective_from", _("in force from")),
                    ("published_on", _("published on")))  # fmt: skip


def _by(measure, denominator=None) -> dict:
    return {"body": Breakdown(measure, "body__name", denominator),
            "kind": Breakdown(measure, "kind", denominator)}  # fmt: skip


for indicator in (
    Indicator(
        "enforcement.decisions", _("Enforcement decisions"), _("decisions"),
        _("Enforcement decisions (licences, penalties, coercive measures, inspections, …) made in "
          "the period, as the agencies reported them."),
        SOURCE_COUNT, "count", decided, breakdowns=_by(decided), columns=COLUMNS,
        business_line=LINE,
    ),
    Indicator(
        "enforcement.published_on_time_rate", _("Enforcement publicity rate"), "%",
        _("Decisions made in the period and published within their window (7 working days "
          "after the decision for licences and penalties, 20 for the others) ÷ decisions made in "
          "the period that must be published. A decision not yet published counts in the "
          "denominator only; one not to be published (with its reason) in neither."),
        SOURCE_RATE, "ratio", on_time, required, breakdowns=_by(on_time, required),
        columns=COLUMNS, business_line=LINE,
    ),
    Indicator(
        "enforcement.legal_review_missing", _("Decisions missing the mandatory legal review"),
        _("decisions"),
        _("Decisions made in the period in a case where Article 58 of the Administrative Penalty "
          "Law makes the legal review mandatory, with no legal review recorded."),
        SOURCE_COUNT, "count", review_missing, breakdowns=_by(review_missing), columns=COLUMNS,
        business_line=LINE,
    ),
    Indicator(
        "enforcement.recording_missing", _("Decisions without a full-process record"),
        _("decisions"),
        _("Decisions made in the period whose full process (start, investigation, review, "
          "decision, service, execution) was not recorded (Administrative Penalty Law Art. 47)."),
        SOURCE_COUNT, "count", recording_missing, breakdowns=_by(recording_missing),
        columns=COLUMNS, business_line=LINE,
    ),
    Indicator(
        "enforcement.decisions_outside_standard",
        _("Penalties outside the discretion standard"), _("decisions"),
        _("Penalty decisions made in the period whose fine lies outside the range that the "
          "discretion standard in force on the decision day sets for the power exercised (the "
          "version recorded with the decision when it was reported)."),
        SOURCE_DISCRETION, "count", outside_standard,
        breakdowns={"body": Breakdown(outside_standard, "body__name")},
        columns=OUTSIDE_COLUMNS, business_line=LINE,
    ),
    Indicator(
        "enforcement.discretion_standards", _("Bodies with a discretion standard in force"),
        _("bodies"),
        _("Enforcement bodies with a published discretion standard in force on the last day of "
          "the period (one version of a body is in force on a day)."),
        SOURCE_DISCRETION, "count", in_force, register=True,
        breakdowns={"body": Breakdown(in_force, "body__name")},
        columns=STANDARD_COLUMNS, business_line=LINE,
    ),
):  # fmt: skip
    registry.register(indicator)
