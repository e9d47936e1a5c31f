"""Major administrative decision indicators (reference/statutes-lines.md §A "Indicators";
GLOSSARY: decision.*). Per decision-maker's region, by the dates below.

- decision.catalogued: matters in published catalogues (DEC Art. 3 ¶3) of the period's years,
  standing on the period's last day: published by then, not added by a later adjustment, not
  removed by an adjustment published by then.
- decision.with_all_procedures_rate: decisions decided in the period (decided_on) whose
  mandatory procedures were all recorded — public participation (or an exemption with
  reasons), legality review, collective discussion adopting the draft; expert argumentation
  and risk assessment where triggered — ÷ decisions decided in the period. The `decide` step
  refuses a decision with a step missing, so this is 100% for decisions taken through Fazhi;
  it is kept because the annual report states it (§A "coverage", target 100%).
- decision.public_comments: comments from the public received in the period (received_on).
- decision.comment_compliance_rate: comment periods opened in the period (comment_opens_on) of
  at least 30 days, or shorter with the reasons stated (DEC Art. 15) ÷ comment periods opened.
- decision.published_on_time_rate: decisions published in the period within the publication
  window (default 20 working days ❓) ÷ decisions published in the period.

Legality review adequacy (≥ 7 working days, DEC Art. 26) is the legality line's figure. A rate
whose denominator is 0 has no value (None): no data, never 0%.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from decisions.choices import Conclusion, MeetingResult
from decisions.models import CatalogueItem, Comment, MajorDecision
from decisions.process import COMMENT_DAYS
from indicators.registry import Breakdown, Indicator, Measure, registry

LINE = "decisions"
SOURCE = _("重大行政决策程序暂行条例 (State Council Decree 713); local definition after "
           "reference/statutes-lines.md §A (no national statistical definition found)")  # fmt: skip

catalogued = Measure(
    CatalogueItem,
    lambda p: (
        Q(catalogue__published_on__isnull=False, catalogue__published_on__lte=p.end,
          catalogue__year__gte=p.start.year, catalogue__year__lte=p.end.year)
        & (Q(added_by__isnull=True) | Q(added_by__published_on__lte=p.end))
        & (Q(removed_by__isnull=True) | Q(removed_by__published_on__gt=p.end))
    ),
)  # fmt: skip
decided = Measure(MajorDecision, lambda p: Q(decided_on__gte=p.start, decided_on__lte=p.end))
ALL_PROCEDURES = (
    (
        (Q(participation_exempt=True) & ~Q(exemption_reason=""))
        | Q(participation_exempt=False, answers_published_on__isnull=False)
    )
    & Q(
        legality_opinion_on__isnull=False,
        meeting_on__isnull=False,
        meeting_result=MeetingResult.ADOPTED,
    )
    & ~Q(legality_conclusion=Conclusion.UNLAWFUL)
    & (Q(expert_triggered=False) | Q(expert_on__isnull=False))
    & (Q(risk_triggered=False) | Q(risk_on__isnull=False))
)
decided_complete = decided.filter(ALL_PROCEDURES)
comments = Measure(Comment, lambda p: Q(received_on__gte=p.start, received_on__lte=p.end))
consultations = Measure(
    MajorDecision,
    lambda p: Q(participation_exempt=False, comment_opens_on__gte=p.start,
                comment_opens_on__lte=p.end),
)  # fmt: skip
consultations_compliant = consultations.filter(
    Q(comment_days__gte=COMMENT_DAYS) | ~Q(short_period_reason="")
)
published = Measure(MajorDecision, lambda p: Q(published_on__gte=p.start, published_on__lte=p.end))
published_on_time = published.filter(published_on_time=True)

for indicator in (
    Indicator(
        "decision.catalogued", _("Major decision matters catalogued"), _("items"),
        _("Matters in the published catalogues of major decision matters of the period's "
          "years, as they stood on the period's last day (adjustments published by then "
          "applied)."),
        SOURCE, "count", catalogued, register=True,
        breakdowns={"decision_maker": Breakdown(catalogued, "catalogue__decision_maker__name")},
        columns=(("catalogue__decision_maker__name", _("decision-maker")),
                 ("catalogue__year", _("year")), ("number", _("item")), ("title", _("matter"))),
        business_line=LINE,
    ),
    Indicator(
        "decision.with_all_procedures_rate", _("Major decisions with all statutory procedures"),
        "%",
        _("Decisions decided in the period whose mandatory procedures were all done (public "
          "participation or a reasoned exemption, legality review, collective discussion; "
          "expert argumentation and risk assessment where required) ÷ decisions decided in "
          "the period."),
        SOURCE, "ratio", decided_complete, decided, business_line=LINE,
    ),
    Indicator(
        "decision.public_comments", _("Public comments on draft major decisions"),
        pgettext_lazy("unit", "comments"),
        _("Comments from the public on drafts of major decisions received in the period."),
        SOURCE, "count", comments,
        columns=(("decision__number", _("case number")), ("number", _("comment")),
                 ("received_on", _("received on")), ("answer", _("answer"))),
        business_line=LINE,
    ),
    Indicator(
        "decision.comment_compliance_rate", _("Comment periods complying with Art. 15"), "%",
        _("Public comment periods opened in the period that lasted at least 30 days, or less "
          "with the reasons stated ÷ comment periods opened in the period."),
        SOURCE, "ratio", consultations_compliant, consultations, business_line=LINE,
    ),
    Indicator(
        "decision.published_on_time_rate", _("Major decisions published on time"), "%",
        _("Decisions published in the period within the publication window (default 20 "
          "working days from the decision, configurable) ÷ decisions published in the "
          "period."),
        SOURCE, "ratio", published_on_time, published, business_line=LINE,
    ),
):  # fmt: skip
    registry.register(indicator)
