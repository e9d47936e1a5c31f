"""Administrative reconsideration's section of the annual report: figures as tokens, words as
the sample reports put them (reference/statutes.md §§1, 8; samples: 白云 2019 "2019 年共收到行政
复议申请 439 件，同比下降 22.7%，办结 400 件……近 77.25% 的行政复议案件未进入行政诉讼程序。综合纠错率
为 33.5%"; 海珠 2020 "1至10月共收到行政复议申请104宗……已受理案件的综合纠错率达33.3%"; 罗湖 2020
"充分发挥行政复议在解决行政争议中的主渠道和层级监督作用"). {{period}} is 全年 once the year has
ended and e.g. 1—11月 before; 同比 where the other sections give it, the main count and the
rate, and only when the previous year has a figure: the count's when the same span a year
earlier received an application (no "与上年持平" between two empty years), the rate's when it
had a denominator (figures.display leaves the clause out).

A figure is claimed only when the period's data hold it: the direct correction rate when a
case was concluded by a decision, the overall rate, the share not taken to court and the
processing time when a case was concluded, the mediations and settlements and the hearings
when there were some. A rate without a denominator would print "—": its sentence is left out
rather than written as 0%. Every number is an indicator's token (reconsideration.indicators),
refreshed and frozen with the report's other figures; which sentences the default text holds
is decided once, when the report is created, from the same indicators' live values.
"""

from __future__ import annotations

from dataclasses import dataclass

from reports import figures
from reports.outline import Contribution, contribute

# The figures that decide which sentences the default text holds.
DECIDING = (
    "reconsideration.received",
    "reconsideration.correction_rate_direct",
    "reconsideration.correction_rate_overall",
    "reconsideration.mediated_settled",
    "reconsideration.processing_days_mean",
    "reconsideration.hearings",
)


@dataclass(frozen=True)
class Facts:
    """What decides which sentences the default text holds, for the report's jurisdiction and
    period."""

    received_before: int
    decided: int
    concluded: int
    mediated_settled: int
    timed: int
    hearings: int


def facts(report) -> Facts:
    live = figures.live(report, set(DECIDING), figures.period_of(report))
    return Facts(
        received_before=live["reconsideration.received"].previous or 0,
        decided=live["reconsideration.correction_rate_direct"].denominator or 0,
        concluded=live["reconsideration.correction_rate_overall"].denominator or 0,
        mediated_settled=live["reconsideration.mediated_settled"].value or 0,
        timed=live["reconsideration.processing_days_mean"].denominator or 0,
        hearings=live["reconsideration.hearings"].value or 0,
    )


def _body(report) -> str:
    f = facts(report)
    text = (
        "充分发挥行政复议在解决行政争议中的主渠道和层级监督作用，依法纠正违法或者不当的行政行为。"
        "{{period}}共收到行政复议申请{{reconsideration.received}}"
    )
    if f.received_before:
        text += "，{{reconsideration.received|同比}}"
    text += "；受理{{reconsideration.accepted}}，审结{{reconsideration.concluded}}"
    if f.mediated_settled:
        text += "，其中调解、和解{{reconsideration.mediated_settled}}"
    rates = []
    if f.decided:
        rates.append("直接纠错率{{reconsideration.correction_rate_direct}}")
    if f.concluded:
        rates.append(
            "综合纠错率{{reconsideration.correction_rate_overall}}，"
            "{{reconsideration.correction_rate_overall|同比}}"
        )
    if rates:
        text += "；" + "，".join(rates)
    text += "。"
    after = []
    if f.concluded:
        after.append("审结的行政复议案件中{{reconsideration.not_litigated_rate}}未进入行政诉讼程序")
    if f.timed:
        after.append("案件平均办理用时{{reconsideration.processing_days_mean}}")
    if f.hearings:
        after.append("举行行政复议听证{{reconsideration.hearings}}")
    if after:
        text += "，".join(after) + "。"
    return text


contribute(Contribution("reconsideration", "发挥行政复议化解行政争议主渠道作用", _body, order=30))
