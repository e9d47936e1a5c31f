"""Public legal education's section of the annual report (深入开展法治宣传教育): figures as
tokens, words as the sample reports put them (reference/statutes-lines.md §F; samples: 白云 2019
"组织召开 2019 年白云区首届国家机关普法履职报告评议会，进一步推动落实“谁执法、谁普法”普法责任制 …
开展普法教育活动 11800 余场，发放各类法治宣传资料 335 万余册，受教育人数近 307 万人次"; 罗湖 2020
"压实“谁执法谁普法”责任制 … 对5家重点单位普法履职工作进行评议"; 海珠 2020 "开展直播普法22场 …
观看人数超83万人"). {{period}} is 全年 once the year has ended and e.g. 1—11月 before,
{{period_end}} its last day.

Three paragraphs: 谁执法谁普法 (the agencies with a published responsibility list at the
period's end, the evaluations whose result was published), the activities (held, materials
handed out, people reached, online views) and the 民主法治示范村（社区） titles standing at the
period's end. Comes after public legal services' section (order 55 after 50); no other app
imports this one.

As in the other lines' sections, a figure is claimed only when the period's data hold it: each
count or sum only when there are some, with its 同比 only when the same span a year earlier had
some; the lists' rate only when the jurisdiction has agencies (a rate without a denominator
would print "—": its clause is left out rather than written as 0%). The sums are said only
when activities were held. A paragraph with nothing to say is left out but for the opening
sentence. Which sentences the default text holds is decided once, when the report is created,
from the same indicators' live values; the numbers stay tokens, refreshed and frozen with the
report's other figures.
"""

from __future__ import annotations

from dataclasses import dataclass

from reports import figures
from reports.outline import Contribution, contribute

HEADING = "深入开展法治宣传教育"
INTRO = "落实“谁执法谁普法”普法责任制，推动全社会尊法学法守法用法。"

# The figures that decide which sentences the default text holds.
DECIDING = (
    "education.activities",
    "education.people_reached",
    "education.materials_distributed",
    "education.online_views",
    "education.model_villages",
    "education.responsibility_lists_published",
    "education.evaluations_published",
)


@dataclass(frozen=True)
class Facts:
    """What decides which sentences the default text holds, for the report's jurisdiction and
    period."""

    agencies: int
    evaluations: int
    evaluations_before: int
    activities: int
    activities_before: int
    materials: int
    materials_before: int
    people: int
    people_before: int
    views: int
    views_before: int
    villages: int


def facts(report) -> Facts:
    live = figures.live(report, set(DECIDING), figures.period_of(report))

    def value(key):
        return live[key].value or 0

    def before(key):
        return live[key].previous or 0

    return Facts(
        agencies=live["education.responsibility_lists_published"].denominator or 0,
        evaluations=value("education.evaluations_published"),
        evaluations_before=before("education.evaluations_published"),
        activities=value("education.activities"),
        activities_before=before("education.activities"),
        materials=value("education.materials_distributed"),
        materials_before=before("education.materials_distributed"),
        people=value("education.people_reached"),
        people_before=before("education.people_reached"),
        views=value("education.online_views"),
        views_before=before("education.online_views"),
        villages=value("education.model_villages"),
    )


def _count(token: str, has_before: bool) -> str:
    """A count's token, with its 同比 when the same span a year earlier had some."""
    return "{{" + token + "}}" + ("，{{" + token + "|同比}}" if has_before else "")


def _responsibility(f: Facts) -> str:
    said = []
    if f.agencies:
        said.append(
            "截至{{period_end}}，公布普法责任清单的行政机关占"
            "{{education.responsibility_lists_published}}，"
            "{{education.responsibility_lists_published|同比}}"
        )
    if f.evaluations:
        said.append(
            "开展国家机关普法履职评议，{{period}}对{{education.evaluations_published}}"
            "单位普法履职工作进行评议并公布结果"
            + ("，{{education.evaluations_published|同比}}" if f.evaluations_before else "")
        )
    return "；".join(said) + "。" if said else ""


def _activities(f: Facts) -> str:
    if not f.activities:
        return ""
    said = ["{{period}}开展普法教育活动" + _count("education.activities", f.activities_before)]
    if f.materials:
        said.append(
            "发放各类法治宣传资料" + _count("education.materials_distributed", f.materials_before)
        )
    if f.people:
        said.append("受教育人数" + _count("education.people_reached", f.people_before))
    if f.views:
        said.append("线上普法观看" + _count("education.online_views", f.views_before))
    return "广泛开展普法宣传，" + "；".join(said) + "。"


def _villages(f: Facts) -> str:
    if not f.villages:
        return ""
    return (
        "深化民主法治示范村（社区）创建，截至{{period_end}}，"
        "辖区村（社区）共获各级民主法治示范村（社区）称号{{education.model_villages}}。"
    )


def _body(report) -> str:
    f = facts(report)
    first = INTRO + _responsibility(f)
    rest = [p for p in (_activities(f), _villages(f)) if p]
    return "\n".join([first, *rest])


contribute(Contribution("education", HEADING, _body, order=55))
