"""Normative documents' section of the annual report: figures as tokens, words as the sample
reports put them (reference/statutes-lines.md §B; samples: 海珠 2020 "加强全区规范性文件监督管理。
审查规范性文件8件，修改、废止规范性文件10件，向市政府和区人大常委会备案审查政府规范性文件4件……开展……
规范性文件清理3次"; 罗湖 2020 "严格审查管理，提升政府规范性文件制发质量"). {{period}} is 全年 once
the year has ended and e.g. 1—11月 before, {{period_end}} its last day; 同比 on the documents
issued and the filings, when the same span a year earlier had some (no "与上年持平" between two
empty years), and on the on-time filing rate (figures.display leaves the clause out when the
previous year had no filing).

Comes right after legality review's section (order 41 after 40): the reviews themselves
("审查规范性文件8件") are the legality line's figures and are written there; this line does not
import it. Documents issued are always stated (like the other sections' main count); a figure
is claimed otherwise only when the period's data hold it: the filings and their on-time rate
when a document was filed, the correction suggestions, the documents cleaned up and those in
force when there are some. Every number is an indicator's token (normative.indicators),
refreshed and frozen with the report's other figures; which sentences the default text holds is
decided once, when the report is created, from the same indicators' live values.
"""

from __future__ import annotations

from dataclasses import dataclass

from reports import figures
from reports.outline import Contribution, contribute

# The figures that decide which sentences the default text holds.
DECIDING = (
    "normative.issued",
    "normative.filed",
    "normative.filing_corrections",
    "normative.cleaned_up",
    "normative.in_force",
)


@dataclass(frozen=True)
class Facts:
    """What decides which sentences the default text holds, for the report's jurisdiction and
    period."""

    issued_before: int
    filed: int
    filed_before: int
    corrections: int
    cleaned_up: int
    in_force: int


def facts(report) -> Facts:
    live = figures.live(report, set(DECIDING), figures.period_of(report))
    return Facts(
        issued_before=live["normative.issued"].previous or 0,
        filed=live["normative.filed"].value or 0,
        filed_before=live["normative.filed"].previous or 0,
        corrections=live["normative.filing_corrections"].value or 0,
        cleaned_up=live["normative.cleaned_up"].value or 0,
        in_force=live["normative.in_force"].value or 0,
    )


def _body(report) -> str:
    f = facts(report)
    text = (
        "落实行政规范性文件统一登记、统一编号、统一公布制度，及时备案审查新出台的规范性文件。"
        "{{period}}统一编号公布规范性文件{{normative.issued}}"
    )
    if f.issued_before:
        text += "，{{normative.issued|同比}}"
    if f.filed:
        text += "；备案规范性文件{{normative.filed}}"
        if f.filed_before:
            text += "，{{normative.filed|同比}}"
        text += (
            "，报备及时率{{normative.filed_on_time_rate}}，{{normative.filed_on_time_rate|同比}}"
        )
    if f.corrections:
        text += "；经备案审查提出纠正或者撤销建议{{normative.filing_corrections}}"
    text += "。"
    if f.cleaned_up:
        text += "开展规范性文件清理，经清理作出保留、修改、废止或者宣布失效决定的规范性文件{{normative.cleaned_up}}。"
    if f.in_force:
        text += "截至{{period_end}}，现行有效规范性文件{{normative.in_force}}。"
    return text


contribute(Contribution("normative", "加强规范性文件监督管理", _body, order=41))
