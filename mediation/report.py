"""People's mediation's section of the annual report: figures as tokens, words as the sample
reports put them (reference/statutes.md §3; samples: 白云 2019 "全年共排查矛盾纠纷……调解成功率",
海珠 2020 "受理……调解成功……司法确认"). {{period}} is 全年 once the year has ended and e.g. 1—11月
before; registers are counted 截至{{period_end}}.

As in the other lines' sections, a figure is claimed only when the period's data hold it: the
disputes received are always stated (the main count, 0 included); the screenings, the
registers, the concluded disputes with the success rate, the amount involved, the online share,
the judicial confirmations and the mass disputes only when there are some; 同比 only when the
same span a year earlier had some (no "与上年持平" between two empty years), the rate's when the
year before had concluded disputes (figures.display leaves a rate's clause out otherwise). A
rate without a denominator would print "—": its clause is left out rather than written as 0%.
Which sentences the default text holds is decided once, when the report is created, from the
same indicators' live values; the numbers stay tokens, refreshed and frozen with the report's
other figures.
"""

from __future__ import annotations

from dataclasses import dataclass

from reports import figures
from reports.outline import Contribution, contribute

# The figures that decide which sentences the default text holds.
DECIDING = (
    "mediation.screenings",
    "mediation.committees",
    "mediation.mediators",
    "mediation.received",
    "mediation.success_rate",
    "mediation.amount_involved",
    "mediation.judicial_confirmations",
    "mediation.mass_disputes",
)


@dataclass(frozen=True)
class Facts:
    """What decides which sentences the default text holds, for the report's jurisdiction and
    period."""

    screenings: int
    committees: int
    mediators: int
    received: int
    received_before: int
    concluded: int
    amount: int
    confirmations: int
    mass: int


def facts(report) -> Facts:
    live = figures.live(report, set(DECIDING), figures.period_of(report))
    return Facts(
        screenings=live["mediation.screenings"].value or 0,
        committees=live["mediation.committees"].value or 0,
        mediators=live["mediation.mediators"].value or 0,
        received=live["mediation.received"].value or 0,
        received_before=live["mediation.received"].previous or 0,
        concluded=live["mediation.success_rate"].denominator or 0,
        amount=live["mediation.amount_involved"].value or 0,
        confirmations=live["mediation.judicial_confirmations"].value or 0,
        mass=live["mediation.mass_disputes"].value or 0,
    )


def _body(report) -> str:
    f = facts(report)
    text = "坚持和发展新时代“枫桥经验”，健全人民调解组织网络，推进矛盾纠纷多元化解。"
    if f.screenings:
        text += "{{period}}开展矛盾纠纷排查{{mediation.screenings}}。"
    registers = []
    if f.committees:
        registers.append("人民调解委员会{{mediation.committees}}")
    if f.mediators:
        registers.append("人民调解员{{mediation.mediators}}")
    if registers:
        text += "截至{{period_end}}，共有" + "、".join(registers) + "。"
    text += "{{period}}共受理矛盾纠纷{{mediation.received}}"
    if f.received_before:
        text += "，{{mediation.received|同比}}"
    if f.concluded:
        text += (
            "；调解结案{{mediation.concluded}}，其中调解成功{{mediation.succeeded}}，"
            "调解成功率{{mediation.success_rate}}，{{mediation.success_rate|同比}}"
        )
    if f.amount:
        text += "；涉及金额{{mediation.amount_involved}}"
    text += "。"
    more = []
    if f.received:
        more.append("通过网上平台受理的纠纷占{{mediation.online_share}}")
    if f.confirmations:
        more.append("调解协议经人民法院司法确认{{mediation.judicial_confirmations}}")
    if f.mass:
        more.append("受理群体性纠纷{{mediation.mass_disputes}}")
    if more:
        text += "，".join(more) + "。"
    return text


contribute(
    Contribution("mediation", "坚持和发展新时代“枫桥经验”，人民调解工作扎实推进", _body, order=10)
)
