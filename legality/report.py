"""Legality review's section of the annual report: figures as tokens, words as the sample
reports put them (reference/statutes-lines.md §§A, B; samples: 白云 2019 "推进政府依法决策……开展
重大决策文件合法性审查 1511 件，重大政府合同审查 90 件"; 海珠 2020 "在海珠区各单位建立45人的岗位公职
律师队伍，公职律师人数同比上升55.17%"; 东莞's fair-competition reviews). {{period}} is 全年 once
the year has ended and e.g. 1—11月 before; 同比 on the main count, the two rates and the
government lawyers, as the other sections give it: a count's when the same span a year earlier
had one (no "与上年持平" between two empty years), a rate's when it had a denominator
(figures.display leaves the clause out).

The three sections of the legality review line come together after litigation's (orders 40,
41, 42: this one, normative documents', major decisions'), each app contributing its own
sub-section since no app imports another; the samples write them as neighbouring items (海珠
2020 items 8, 9 and 11). The drafts reviewed by kind (海珠 2020 "审查规范性文件8件", 白云 2019
"重大决策文件合法性审查 1511 件，重大政府合同审查 90 件": documents, decisions and contracts whose
opinion was issued) and the fair-competition reviews are counted by the day of the opinion, the
reviews received by the day submitted: they are written as separate clauses, never as "其中".

A figure is claimed only when the period's data hold it: the contracts, the fair-competition
reviews and the government lawyers when there are some, the on-time rate when an opinion was
issued, the adoption rate when a point was answered. A rate without a denominator would print
"—": its clause is left out rather than written as 0%. Every number is an indicator's token
(legality.indicators), refreshed and frozen with the report's other figures; which sentences
the default text holds is decided once, when the report is created, from the same indicators'
live values.
"""

from __future__ import annotations

from dataclasses import dataclass

from reports import figures
from reports.outline import Contribution, contribute

# The figures that decide which sentences the default text holds.
DECIDING = (
    "legality.reviews",
    "legality.reviews_on_time_rate",
    "legality.opinions_adopted_rate",
    "legality.document_reviews",
    "legality.decision_reviews",
    "contract.reviewed",
    "normative.fair_competition_reviews",
    "counsel.government_lawyers",
)


@dataclass(frozen=True)
class Facts:
    """What decides which sentences the default text holds, for the report's jurisdiction and
    period."""

    reviews_before: int
    opinions: int
    answered: int
    documents: int
    decisions: int
    contracts: int
    fair_competition: int
    lawyers: int
    lawyers_before: int


def facts(report) -> Facts:
    live = figures.live(report, set(DECIDING), figures.period_of(report))
    lawyers = live["counsel.government_lawyers"]
    return Facts(
        reviews_before=live["legality.reviews"].previous or 0,
        opinions=live["legality.reviews_on_time_rate"].denominator or 0,
        answered=live["legality.opinions_adopted_rate"].denominator or 0,
        documents=live["legality.document_reviews"].value or 0,
        decisions=live["legality.decision_reviews"].value or 0,
        contracts=live["contract.reviewed"].value or 0,
        fair_competition=live["normative.fair_competition_reviews"].value or 0,
        lawyers=lawyers.value or 0,
        lawyers_before=lawyers.previous or 0,
    )


def _body(report) -> str:
    f = facts(report)
    text = (
        "严格落实行政规范性文件、重大行政决策和政府合同合法性审查制度，为政府依法决策提供法律保障。"
        "{{period}}共开展合法性审查{{legality.reviews}}"
    )
    if f.reviews_before:
        text += "，{{legality.reviews|同比}}"
    reviewed = [
        words
        for count, words in (
            (f.documents, "规范性文件{{legality.document_reviews}}"),
            (f.decisions, "重大行政决策{{legality.decision_reviews}}"),
            (f.contracts, "政府合同{{contract.reviewed}}"),
        )
        if count
    ]
    if reviewed:
        text += "；审查" + "、".join(reviewed)
    if f.fair_competition:
        text += (
            "；对涉及市场主体经济活动的文件开展公平竞争审查{{normative.fair_competition_reviews}}"
        )
    text += "。"
    rates = []
    if f.opinions:
        rates.append(
            "审查意见按期出具率{{legality.reviews_on_time_rate}}，"
            "{{legality.reviews_on_time_rate|同比}}"
        )
    if f.answered:
        rates.append(
            "审查意见采纳率{{legality.opinions_adopted_rate}}，"
            "{{legality.opinions_adopted_rate|同比}}"
        )
    if rates:
        text += "；".join(rates) + "。"
    if f.lawyers:
        text += "截至{{period_end}}，在册公职律师{{counsel.government_lawyers}}"
        if f.lawyers_before:
            text += "，{{counsel.government_lawyers|同比}}"
        text += "。"
    return text


contribute(Contribution("legality", "推进政府依法决策，严格合法性审查", _body, order=40))
