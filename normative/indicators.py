"""Normative document indicators (reference/statutes-lines.md §B "Indicators"; GLOSSARY:
normative.*).

- normative.issued: documents published in the period (by the day published; a document is
  issued with its unified number and must be published, §B.4–5), by kind and issuing body.
- normative.filed: filings (备案) received in the period (by the day filed).
- normative.filed_on_time_rate (报备及时率): filings of the period filed within the filing
  period (FAZHI_NORMATIVE_FILING_DAYS from publication, 30 ❓) ÷ filings of the period.
- normative.filing_corrections: filing reviews that ended in the period with a suggestion to
  correct or to revoke (纠正 / 撤销建议), by the day of the opinion, by opinion.
- normative.cleaned_up: documents decided in clean-up campaigns confirmed with an effective
  date in the period, by decision (保留 / 修改 / 废止 / 宣布失效).
- normative.in_force: documents in force (有效) on the last day of the period (a register
  count; the status is read from the dates, normative.validity.in_force_q).

normative.fair_competition_reviews is not defined here: the fair-competition self-check is a
material of the legality review (legality.LegalityReview.market_activity), another line's data
that this line does not import; it belongs in legality's indicators.

Local definitions (no national statistical definition found). A rate whose denominator is 0
has no value (None).
"""

from __future__ import annotations

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from indicators.registry import Breakdown, Indicator, Measure, registry
from normative.choices import FilingOpinion
from normative.models import CleanupItem, FilingCase, NormativeDocument
from normative.validity import in_force_q

LINE = "normative"
LOCAL = _("Local definition (no national statistical definition found); 国办发〔2018〕37号 ❓ "
          "(三统一, publication)")  # fmt: skip
LOCAL_FILING = _("Local definition (报备率 / 报备及时率, statutes-lines §B ◑ S14); filing "
                 "period configurable (30 days ❓, 法规规章备案审查条例 Art. 4 by analogy)")  # fmt: skip
LOCAL_REVIEW = _("Local definition; 法规规章备案审查条例 Art. 3 (有错必纠) by analogy ❓")
LOCAL_CLEANUP = _("Local definition; clean-ups of normative documents (statutes-lines §B.9 ❓)")

issued = Measure(NormativeDocument, lambda p: Q(published_on__gte=p.start, published_on__lte=p.end))
filed = Measure(FilingCase, lambda p: Q(filed_on__gte=p.start, filed_on__lte=p.end))
filed_on_time = filed.filter(late=False)
corrections = Measure(
    FilingCase,
    lambda p: Q(opinion_on__gte=p.start, opinion_on__lte=p.end,
                opinion__in=(FilingOpinion.CORRECT, FilingOpinion.REVOKE)),
)  # fmt: skip
cleaned_up = Measure(
    CleanupItem,
    lambda p: Q(campaign__confirmed_on__isnull=False, campaign__effective_on__gte=p.start,
                campaign__effective_on__lte=p.end) & ~Q(decision=""),
)  # fmt: skip
in_force = Measure(NormativeDocument, lambda p: in_force_q(p.end))

for indicator in (
    Indicator(
        "normative.issued", _("Normative documents issued"), _("documents"),
        _("Normative documents published in the period with their unified number (by the day "
          "published)."),
        LOCAL, "count", issued,
        breakdowns={"kind": Breakdown(issued, "kind"),
                    "issuing_body": Breakdown(issued, "issuing_body__name")},
        business_line=LINE,
    ),
    Indicator(
        "normative.filed", _("Normative documents filed"), _("documents"),
        _("Normative documents filed with the bureau in the period (by the day filed)."),
        LOCAL_FILING, "count", filed,
        breakdowns={"issuing_body": Breakdown(filed, "issuing_body__name")},
        business_line=LINE,
    ),
    Indicator(
        "normative.filed_on_time_rate", _("Normative documents filed on time"), "%",
        _("Filings of the period made within the filing period from publication ÷ filings of "
          "the period."),
        LOCAL_FILING, "ratio", filed_on_time, filed,
        business_line=LINE,
    ),
    Indicator(
        "normative.filing_corrections", _("Filing reviews with a correction suggestion"),
        _("documents"),
        _("Filing reviews ending in the period (by the day of the opinion) with a suggestion "
          "to correct or to revoke the document."),
        LOCAL_REVIEW, "count", corrections,
        breakdowns={"opinion": Breakdown(corrections, "opinion")},
        business_line=LINE,
    ),
    Indicator(
        "normative.cleaned_up", _("Normative documents cleaned up"), _("documents"),
        _("Documents decided in clean-up campaigns confirmed with an effective date in the "
          "period, by decision (keep, amend, repeal, declare expired)."),
        LOCAL_CLEANUP, "count", cleaned_up,
        breakdowns={"decision": Breakdown(cleaned_up, "decision")},
        columns=(("campaign__title", _("clean-up campaign")),
                 ("document__unified_number", _("unified number")),
                 ("document__title", _("title")), ("decision", _("decision"))),
        business_line=LINE,
    ),
    Indicator(
        "normative.in_force", _("Normative documents in force"), _("documents"),
        _("Published documents in force on the last day of the period: in effect, within their "
          "validity, not repealed, declared expired or amended."),
        LOCAL, "count", in_force, register=True,
        breakdowns={"kind": Breakdown(in_force, "kind")},
        business_line=LINE,
    ),
):  # fmt: skip
    registry.register(indicator)
