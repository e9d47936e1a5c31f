"""Major administrative decisions' section of the annual report: figures as tokens, words as
the sample reports put them (reference/statutes-lines.md §A, 重大行政决策程序暂行条例; samples: 海珠
2020 "完善全区重大行政决策程序制度。编制海珠区政府2020年度重大行政决策事项目录和听证目录……推进行政决策
科学化、民主化、法治化"; 白云 2019 "落实全区年度重大行政决策事项"). {{period}} is 全年 once the year
has ended and e.g. 1—11月 before, {{period_end}} its last day; 同比 on the public comments when
the same span a year earlier had some, and on the rates (figures.display leaves the clause out
when the previous year had no denominator).

Comes after the normative documents' section (order 42 after 41), the last of the three the
legality review line's apps contribute; no app imports another. A figure is claimed only when
the period's data hold it: the catalogue when matters stand in a published one, the rate of
decisions with all statutory procedures and the on-time publication rate when a decision was
decided or published, the comments when some were received, the Art. 15 compliance rate when a
comment period opened. A rate without a denominator would print "—": its clause is left out
rather than written as 0%. Every number is an indicator's token (decisions.indicators),
refreshed and frozen with the report's other figures; which sentences the default text holds is
decided once, when the report is created, from the same indicators' live values.
"""

from __future__ import annotations

from dataclasses import dataclass

from reports import figures
from reports.outline import Contribution, contribute

# The figures that decide which sentences the default text holds.
DECIDING = (
    "decision.catalogued",
    "decision.with_all_procedures_rate",
    "decision.published_on_time_rate",
    "decision.public_comments",
    "decision.comment_compliance_rate",
)


@dataclass(frozen=True)
class Facts:
    """What decides which sentences the default text holds, for the report's jurisdiction and
    period."""

    catalogued: int
    decided: int
    published: int
    comments: int
    comments_before: int
    consultations: int


def facts(report) -> Facts:
    live = figures.live(report, set(DECIDING), figures.period_of(report))
    return Facts(
        catalogued=live["decision.catalogued"].value or 0,
        decided=live["decision.with_all_procedures_rate"].denominator or 0,
        published=live["decision.published_on_time_rate"].denominator or 0,
        comments=live["decision.public_comments"].value or 0,
        comments_before=live["decision.public_comments"].previous or 0,
        consultations=live["decision.comment_compliance_rate"].denominator or 0,
    )


def _body(report) -> str:
    f = facts(report)
    text = (
        "严格落实《重大行政决策程序暂行条例》，健全公众参与、专家论证、风险评估、合法性审查和"
        "集体讨论决定等决策程序。"
    )
    if f.catalogued:
        text += "编制并公布年度重大行政决策事项目录，截至{{period_end}}列入目录的决策事项{{decision.catalogued}}。"
    done = []
    if f.decided:
        done.append(
            "作出的重大行政决策全部履行法定程序的比例为"
            "{{decision.with_all_procedures_rate}}，{{decision.with_all_procedures_rate|同比}}"
        )
    if f.published:
        done.append(
            "决策按时公开率{{decision.published_on_time_rate}}，"
            "{{decision.published_on_time_rate|同比}}"
        )
    if done:
        text += "{{period}}" + "；".join(done) + "。"
    heard = []
    if f.comments:
        comments = "决策草案公开征求意见，收到公众意见{{decision.public_comments}}"
        if f.comments_before:
            comments += "，{{decision.public_comments|同比}}"
        heard.append(comments)
    if f.consultations:
        heard.append(
            "征求意见期限符合规定的比例为{{decision.comment_compliance_rate}}，"
            "{{decision.comment_compliance_rate|同比}}"
        )
    if heard:
        text += "；".join(heard) + "。"
    return text


contribute(
    Contribution(
        "decisions", "完善重大行政决策程序制度，推进行政决策科学化、民主化、法治化", _body, order=42
    )
)
