"""Public legal services' section of the annual report (完善公共法律服务体系): figures as tokens,
words as the sample reports put them (reference/statutes-lines.md §F; samples: 白云 2019 "发挥三级
公共法律服务平台作用 … 实体和网络平台提供法律服务 12362 件，同比增长 38% … 全区村（社区）法律顾问共为群众
提供法律服务 8472 件次"; 海珠 2020 "各级公共法律服务实体平台共提供律师服务时长14251小时，社区法律顾问
共提供各类法律服务10534件 … 为325家企业提供法治体检"; 罗湖 2020 "启动一社区一法律顾问线上线下“全时空”
服务模式"). {{period}} is 全年 once the year has ended and e.g. 1—11月 before, {{period_end}} its
last day.

Three paragraphs: the network and the services given on it (the points standing at the
period's end, the services, those referred to mediation, legal aid or reconsideration), the
village legal advisers (coverage at the period's end, their services) and the enterprise legal
check-ups. Comes after enforcement supervision's section (order 50 after 45); no other app
imports this one.

As in the other lines' sections, a figure is claimed only when the period's data hold it: each
count only when there are some, with its 同比 only when the same span a year earlier had some;
the coverage only when the jurisdiction has villages (a rate without a denominator would print
"—": its clause is left out rather than written as 0%). The registers (points, coverage) are
stated as they stood on the period's last day, without 同比 for the points. A paragraph with
nothing to say is left out but for the opening sentence. Which sentences the default text holds
is decided once, when the report is created, from the same indicators' live values; the
numbers stay tokens, refreshed and frozen with the report's other figures.
"""

from __future__ import annotations

from dataclasses import dataclass

from reports import figures
from reports.outline import Contribution, contribute

HEADING = "完善公共法律服务体系"
INTRO = "推进公共法律服务实体平台、12348热线平台和网络平台建设，为群众提供便捷高效的公共法律服务。"

# The figures that decide which sentences the default text holds.
DECIDING = (
    "legalservice.service_points",
    "legalservice.services",
    "legalservice.referrals",
    "legalservice.village_adviser_coverage",
    "legalservice.village_adviser_services",
    "legalservice.enterprise_checkups",
)


@dataclass(frozen=True)
class Facts:
    """What decides which sentences the default text holds, for the report's jurisdiction and
    period."""

    points: int
    services: int
    services_before: int
    referrals: int
    referrals_before: int
    villages: int
    adviser_services: int
    adviser_services_before: int
    checkups: int
    checkups_before: int


def facts(report) -> Facts:
    live = figures.live(report, set(DECIDING), figures.period_of(report))

    def value(key):
        return live[key].value or 0

    def before(key):
        return live[key].previous or 0

    return Facts(
        points=value("legalservice.service_points"),
        services=value("legalservice.services"),
        services_before=before("legalservice.services"),
        referrals=value("legalservice.referrals"),
        referrals_before=before("legalservice.referrals"),
        villages=live["legalservice.village_adviser_coverage"].denominator or 0,
        adviser_services=value("legalservice.village_adviser_services"),
        adviser_services_before=before("legalservice.village_adviser_services"),
        checkups=value("legalservice.enterprise_checkups"),
        checkups_before=before("legalservice.enterprise_checkups"),
    )


def _count(token: str, has_before: bool) -> str:
    """A count's token, with its 同比 when the same span a year earlier had some."""
    return "{{" + token + "}}" + ("，{{" + token + "|同比}}" if has_before else "")


def _network(f: Facts) -> str:
    said = []
    if f.points:
        said.append("截至{{period_end}}，建成公共法律服务实体平台{{legalservice.service_points}}")
    if f.services:
        said.append(
            "{{period}}实体、热线和网络平台提供法律服务"
            + _count("legalservice.services", f.services_before)
        )
    if f.referrals:
        said.append(
            "其中转介人民调解、法律援助、行政复议"
            + _count("legalservice.referrals", f.referrals_before)
        )
    return "；".join(said) + "。" if said else ""


def _advisers(f: Facts) -> str:
    said = []
    if f.villages:
        said.append(
            "截至{{period_end}}，村（社区）法律顾问覆盖率{{legalservice.village_adviser_coverage}}，"
            "{{legalservice.village_adviser_coverage|同比}}"
        )
    if f.adviser_services:
        said.append(
            "{{period}}村（社区）法律顾问共为群众提供法律服务"
            + _count("legalservice.village_adviser_services", f.adviser_services_before)
        )
    if not said:
        return ""
    return "推进一村（社区）一法律顾问工作，" + "；".join(said) + "。"


def _checkups(f: Facts) -> str:
    if not f.checkups:
        return ""
    return (
        "组织律师为企业开展法治体检，{{period}}为{{legalservice.enterprise_checkups}}企业提供法治体检"
        + ("，{{legalservice.enterprise_checkups|同比}}" if f.checkups_before else "")
        + "。"
    )


def _body(report) -> str:
    f = facts(report)
    first = INTRO + _network(f)
    rest = [p for p in (_advisers(f), _checkups(f)) if p]
    return "\n".join([first, *rest])


contribute(Contribution("legalservice", HEADING, _body, order=50))
