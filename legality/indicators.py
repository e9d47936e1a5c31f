"""Legality review indicators (reference/statutes-lines.md §A, §B; GLOSSARY: legality.*,
contract.*, counsel.*).

- legality.reviews: submissions received in the period (by the day submitted), whatever became
  of them, by kind (normative document / major decision / contract).
- legality.reviews_on_time_rate: opinions issued in the period within the review period of
  their kind (the clock's due date, 补正 not counted) ÷ opinions issued in the period.
- legality.opinions_adopted_rate: points of opinions answered "adopted" in the period ÷ points
  answered in the period (by the day answered). Counted per point, not per review: a review
  with three points of which two were adopted adds 2 and 3.
- legality.document_reviews, legality.decision_reviews, contract.reviewed: drafts of normative
  documents, major-decision proposals and government contracts whose review opinion was issued
  in the period (by the opinion date) — the samples' "审查规范性文件8件" (海珠 2020), "重大决策文件
  合法性审查 1511 件，重大政府合同审查 90 件" (白云 2019): a draft counts as reviewed once it has
  its opinion, whatever the conclusion.
- counsel.government_lawyers: government lawyers (公职律师) in the register on the last day of
  the period (a register count, `standing_on`).
- normative.fair_competition_reviews (公平竞争审查件数): reviews of drafts that touch market
  activity (`market_activity`, for which the fair-competition self-check is a required
  material) whose opinion was issued in the period (by the opinion date), by department. The
  key keeps the name the issue gives it (normative.*), but the data are the legality review's,
  so it is defined and counted here, on this line (公平竞争审查制度; statutes-lines §B step 1).

No national statistical definition was found for these figures: they are local definitions,
named as such. A rate whose denominator is 0 has no value (None): no data, never 0%.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from indicators.registry import Breakdown, Indicator, Measure, registry, standing_on
from legality.choices import Answer, CounselKind, ReviewKind
from legality.models import Counsel, LegalityReview, OpinionPoint

LINE = "legality"
LOCAL = _("Local definition (no national statistical definition found); 重大行政决策程序暂行条例 "
          "Arts. 25–28, 国办发〔2018〕115号 ❓")  # fmt: skip
LOCAL_PERIOD = _("Local definition; review periods configured per kind (❓): 国办发〔2018〕115号, "
                 "重大行政决策程序暂行条例 Art. 26")  # fmt: skip
LOCAL_ADOPTED = _("Local definition; 重大行政决策程序暂行条例 Art. 28 (the opinion is studied "
                  "and adopted)")  # fmt: skip
LOCAL_FAIR = _("Local definition; 公平竞争审查制度 (fair-competition review of drafts touching "
               "market activity, reference/statutes-lines.md §B step 1) ❓")  # fmt: skip
LOCAL_COUNSEL = _("Local definition; 重大行政决策程序暂行条例 Art. 27 (legal advisers and "
                  "government lawyers)")  # fmt: skip

reviews = Measure(
    LegalityReview, lambda p: Q(received_at__gte=p.start_at, received_at__lt=p.end_before)
)
opinions = Measure(LegalityReview, lambda p: Q(opinion_on__gte=p.start, opinion_on__lte=p.end))
opinions_on_time = opinions.filter(on_time=True)
contracts_reviewed = opinions.filter(kind=ReviewKind.CONTRACT)
documents_reviewed = opinions.filter(kind=ReviewKind.DOCUMENT)
decisions_reviewed = opinions.filter(kind=ReviewKind.DECISION)
fair_competition = opinions.filter(market_activity=True)
points_answered = Measure(
    OpinionPoint, lambda p: Q(answered_on__gte=p.start, answered_on__lte=p.end)
)
points_adopted = points_answered.filter(answer=Answer.ADOPTED)


# Government lawyers in the register on the period's last day.
government_lawyers = Measure(
    Counsel,
    lambda p: (
        standing_on(p.end, since="since", until="until", active="active")
        & Q(kind=CounselKind.GOVERNMENT_LAWYER)
    ),
)


for indicator in (
    Indicator(
        "legality.reviews", _("Legality reviews received"), _("cases"),
        _("Drafts submitted for legality review in the period (by the day submitted): "
          "normative documents, major decision proposals and government contracts, whatever "
          "became of them."),
        LOCAL, "count", reviews,
        breakdowns={"kind": Breakdown(reviews, "kind"),
                    "department": Breakdown(reviews, "department__name")},
        business_line=LINE,
    ),
    Indicator(
        "legality.reviews_on_time_rate", _("Legality reviews completed on time"), "%",
        _("Opinions issued in the period within the review period of their kind (working "
          "days, the days waiting for materials not counted) ÷ opinions issued in the "
          "period."),
        LOCAL_PERIOD, "ratio", opinions_on_time, opinions,
        breakdowns={"kind": Breakdown(opinions_on_time, "kind", opinions)},
        business_line=LINE,
    ),
    Indicator(
        "legality.opinions_adopted_rate", _("Review opinions adopted"), "%",
        _("Points of review opinions the drafting department adopted ÷ points it answered in "
          "the period (by the day answered), counted point by point."),
        LOCAL_ADOPTED, "ratio", points_adopted, points_answered,
        columns=(("review__number", _("case number")), ("number", _("point")),
                 ("text", _("opinion point")), ("answer", _("answer"))),
        business_line=LINE,
    ),
    Indicator(
        "legality.document_reviews", _("Normative document drafts reviewed"), _("cases"),
        _("Drafts of normative documents whose legality review opinion was issued in the "
          "period (by the day of the opinion), whatever its conclusion."),
        LOCAL, "count", documents_reviewed,
        breakdowns={"department": Breakdown(documents_reviewed, "department__name")},
        business_line=LINE,
    ),
    Indicator(
        "legality.decision_reviews", _("Major decision drafts reviewed"), _("cases"),
        _("Major administrative decision proposals whose legality review opinion was issued "
          "in the period (by the day of the opinion), whatever its conclusion."),
        LOCAL, "count", decisions_reviewed,
        breakdowns={"department": Breakdown(decisions_reviewed, "department__name")},
        business_line=LINE,
    ),
    Indicator(
        "contract.reviewed", _("Government contracts reviewed"), _("cases"),
        _("Government contracts whose legality review opinion was issued in the period."),
        LOCAL, "count", contracts_reviewed,
        breakdowns={"department": Breakdown(contracts_reviewed, "department__name")},
        business_line=LINE,
    ),
    Indicator(
        "normative.fair_competition_reviews", _("Fair-competition reviews"), _("cases"),
        _("Drafts touching market activity (the fair-competition review self-check required) "
          "whose legality review opinion was issued in the period (by the day of the "
          "opinion)."),
        LOCAL_FAIR, "count", fair_competition,
        breakdowns={"department": Breakdown(fair_competition, "department__name")},
        business_line=LINE,
    ),
    Indicator(
        "counsel.government_lawyers", _("Government lawyers"), _("persons"),
        _("Government lawyers (公职律师) in the register on the last day of the period."),
        LOCAL_COUNSEL, "count", government_lawyers, register=True,
        breakdowns={"organization": Breakdown(government_lawyers, "organization__name")},
        columns=(("name", _("name")), ("organization__name", _("organisation")),
                 ("licence_number", _("licence number"))),
        business_line=LINE,
    ),
):  # fmt: skip
    registry.register(indicator)
