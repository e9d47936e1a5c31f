"""The legal-services sector's section of the annual report (法律服务行业管理): figures as tokens,
words as the sample reports put them (白云 2019 "现有律所 53 家、执业律师 512 人"; 海珠 2020 "强化
律师行业管理 … 完成全区34家律所年度检查", "规范立案投诉查处程序，完善投诉案件办理流程"; 罗湖 2020
"严格办理律师投诉案件", "全年办理国内外公证案件26154件"; issue 16: 东莞 58,510 notarisations,
39,558 forensic appraisals). {{period}} is 全年 once the year has ended and e.g. 1—11月 before,
{{period_end}} its last day.

Two paragraphs: the lawyers (the firms and the lawyers holding a certificate on the period's
last day, dated 截至{{period_end}} — registers, without 同比 — and the complaints received
against lawyers, notaries, appraisers and their institutions, with the share concluded
within their period), then notarisation and forensic appraisal (the institutions' returned
volumes). Comes after public legal services (order 52 after 50) and before public legal
education (55); no other app imports this one.

As in the other lines' sections, a figure is claimed only when the period's data hold it: each
count only when there are some, with its 同比 only when the same span a year earlier had some;
the on-time rate only when a complaint was concluded (a rate without a denominator would print
"—"). A paragraph with nothing to say is left out but for the opening sentence. Which sentences
the default text holds is decided once, when the report is created, from the same indicators'
live values; the numbers stay tokens, refreshed and frozen with the report's other figures.
"""

from __future__ import annotations

from dataclasses import dataclass

from reports import figures
from reports.outline import Contribution, contribute

HEADING = "强化法律服务行业管理"
INTRO = "强化对律师事务所及律师日常监督管理，依法保障律师执业权利和规范律师执业行为。"

DECIDING = (
    "profession.law_firms",
    "profession.lawyers",
    "profession.complaints",
    "profession.complaints_on_time_rate",
    "profession.notarisations",
    "profession.appraisals",
)


@dataclass(frozen=True)
class Facts:
    firms: int
    lawyers: int
    complaints: int
    complaints_before: int
    concluded: int
    notarisations: int
    notarisations_before: int
    appraisals: int
    appraisals_before: int


def facts(report) -> Facts:
    live = figures.live(report, set(DECIDING), figures.period_of(report))

    def value(key):
        return live[key].value or 0

    def before(key):
        return live[key].previous or 0

    return Facts(
        firms=value("profession.law_firms"),
        lawyers=value("profession.lawyers"),
        complaints=value("profession.complaints"),
        complaints_before=before("profession.complaints"),
        concluded=live["profession.complaints_on_time_rate"].denominator or 0,
        notarisations=value("profession.notarisations"),
        notarisations_before=before("profession.notarisations"),
        appraisals=value("profession.appraisals"),
        appraisals_before=before("profession.appraisals"),
    )


def _count(token: str, has_before: bool) -> str:
    return "{{" + token + "}}" + ("，{{" + token + "|同比}}" if has_before else "")


def _lawyers(f: Facts) -> str:
    said = []
    register = []
    if f.firms:
        register.append("律师事务所{{profession.law_firms}}")
    if f.lawyers:
        # Both registers stand on the period's last day (profession.indicators).
        register.append("执业律师{{profession.lawyers}}")
    if register:
        said.append("截至{{period_end}}，现有" + "、".join(register))
    if f.complaints:
        # profession.complaints counts the complaints against notaries and appraisers too.
        clause = "严格办理律师、公证、司法鉴定执业投诉案件，{{period}}收到投诉" + _count(
            "profession.complaints", f.complaints_before
        )
        if f.concluded:
            clause += "，按期办结率{{profession.complaints_on_time_rate}}"
        said.append(clause)
    return "；".join(said) + "。" if said else ""


def _notary_and_appraisal(f: Facts) -> str:
    said = []
    if f.notarisations:
        said.append("{{period}}办理公证" + _count("profession.notarisations",
                                               f.notarisations_before))  # fmt: skip
    if f.appraisals:
        said.append("完成司法鉴定" + _count("profession.appraisals", f.appraisals_before))
    return "；".join(said) + "。" if said else ""


def _body(report) -> str:
    f = facts(report)
    first = INTRO + _lawyers(f)
    rest = [p for p in (_notary_and_appraisal(f),) if p]
    return "\n".join([first, *rest])


contribute(Contribution("profession", HEADING, _body, order=52))
