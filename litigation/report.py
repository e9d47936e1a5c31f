"""Administrative litigation response's section of the annual report: figures as tokens, words
as the sample reports put them (reference/statutes.md §§5, 8; samples: 白云 2019 "共办理行政应诉
案件 282 件（含一审行政应诉案件 147 件），已判决的一审行政应诉案件为 117 件，胜诉率为 94.02%"; 海珠
2020 "为被告的一审案件33宗,二审及再审案31宗……胜诉率100%。建立行政应诉事前报备和事后跟踪机制,推动
落实行政机关负责人出庭应诉制度……行政机关负责人出庭应诉率达44%"; 罗湖 2020 "自觉维护司法权威,提升
行政复议及应诉答复水平"). {{period}} is 全年 once the year has ended and e.g. 1—11月 before;
同比 on the main count and the two rates, as reconsideration's section gives it: the count's
when the same span a year earlier received a case, a rate's when it had a denominator
(figures.display leaves the clause out).

The section comes right after reconsideration's (order 35 after 30): the samples report the two
together (白云 "做细做优行政复议与应诉工作", 罗湖 "提升行政复议及应诉答复水平"), each line
contributing its own sub-section, since neither knows the other.

A figure is claimed only when the period's data hold it: the split into first instance and
later levels when a case was received (the later levels when there were some), the win rate
when a first-instance case was decided by a judgment or by a ruling dismissing the suit, the
head appearances and their rate when a case was heard in court. A rate without a denominator
would print "—": its sentence is left out rather than written as 0%. Every number is an
indicator's token (litigation.indicators), refreshed and frozen with the report's other
figures; which sentences the default text holds is decided once, when the report is created,
from the same indicators' live values. The loss rate is not printed: it is 100% − the win rate
on the same cases, and the samples give the win rate.
"""

from __future__ import annotations

from dataclasses import dataclass

from reports import figures
from reports.outline import Contribution, contribute

# The figures that decide which sentences the default text holds.
DECIDING = (
    "litigation.received",
    "litigation.later_instance",
    "litigation.win_rate",
    "litigation.head_appearance_rate",
)


@dataclass(frozen=True)
class Facts:
    """What decides which sentences the default text holds, for the report's jurisdiction and
    period."""

    received: int
    received_before: int
    later_levels: int
    decided: int
    heard: int


def facts(report) -> Facts:
    live = figures.live(report, set(DECIDING), figures.period_of(report))
    return Facts(
        received=live["litigation.received"].value or 0,
        received_before=live["litigation.received"].previous or 0,
        later_levels=live["litigation.later_instance"].value or 0,
        decided=live["litigation.win_rate"].denominator or 0,
        heard=live["litigation.head_appearance_rate"].denominator or 0,
    )


def _body(report) -> str:
    f = facts(report)
    text = (
        "认真做好行政应诉工作，推动落实行政机关负责人出庭应诉制度，自觉履行人民法院生效裁判。"
        "{{period}}共办理行政应诉案件{{litigation.received}}"
    )
    if f.received:
        text += "（含一审行政应诉案件{{litigation.first_instance}}"
        if f.later_levels:
            text += "、二审及再审案件{{litigation.later_instance}}"
        text += "）"
    if f.received_before:
        text += "，{{litigation.received|同比}}"
    if f.decided:
        text += (
            "；已判决（含裁定驳回起诉）的一审行政应诉案件{{litigation.first_instance_decided}}，"
            "胜诉率{{litigation.win_rate}}，{{litigation.win_rate|同比}}"
        )
    text += "。"
    if f.heard:
        text += (
            "行政机关负责人出庭应诉{{litigation.head_appearances}}，"
            "出庭应诉率{{litigation.head_appearance_rate}}，"
            "{{litigation.head_appearance_rate|同比}}。"
        )
    return text


contribute(Contribution("litigation", "自觉维护司法权威，提升行政应诉水平", _body, order=35))
