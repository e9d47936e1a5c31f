"""The outline of an annual report and what each business line contributes to it.

Required content, in the regulation's order (厅字〔2019〕28号, reference/statutes.md §9): 1 the
year's main measures and results; 2 the shortcomings and their causes; 3 how the Party and
government principal leaders fulfilled their duty as first responsible persons; 4 next year's
main plans; 5 other matters. Business lines register a sub-section of the first part with a
default narrative whose figures are tokens. Parts left for the writer carry a placeholder
(（请填写：……）), which freezing asks to confirm.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

CN_NUMERALS = "一二三四五六七八九十"
# Marks text the writer still has to supply; the report's own words, like the rest of it.
PLACEHOLDER = "请填写"


@dataclass(frozen=True)
class Contribution:
    key: str
    heading: str
    body: Callable[[object], str]  # report -> default narrative with figure tokens
    order: int = 50


CONTRIBUTIONS: list[Contribution] = []


def contribute(contribution: Contribution) -> None:
    if all(c.key != contribution.key for c in CONTRIBUTIONS):
        CONTRIBUTIONS.append(contribution)


def numeral(n: int) -> str:
    if n <= 10:
        return CN_NUMERALS[n - 1]
    return CN_NUMERALS[9] + (CN_NUMERALS[n - 11] if n > 10 else "")


def default_sections(report) -> list[dict]:
    """[{key, level, heading, body}] for a new report, in order."""
    year = report.year
    lines = sorted(CONTRIBUTIONS, key=lambda c: c.order)
    sections = [
        {"key": "measures", "level": 1, "heading": f"{year}年推进法治政府建设的主要举措和成效",
         "body": f"{year}年，{report.organization.name}坚持以习近平新时代中国特色社会主义思想为指导，"
                 "全面贯彻落实党中央、国务院和省、市关于法治政府建设的决策部署，各项工作取得新成效。"},
    ]  # fmt: skip
    for index, line in enumerate(lines, start=1):
        sections.append(
            {
                "key": f"measures.{line.key}",
                "level": 2,
                "heading": f"（{numeral(index)}）{line.heading}",
                "body": line.body(report),
            }
        )
    sections += [
        {"key": "problems", "level": 1, "heading": "存在的不足和原因",
         "body": f"（{PLACEHOLDER}：工作中存在的主要问题及其原因。）"},
        {"key": "leaders", "level": 1,
         "heading": "党政主要负责人履行推进法治建设第一责任人职责情况",
         "body": f"（{PLACEHOLDER}：主要负责人研究部署法治政府建设工作、带头尊法学法守法用法、"
                 "推动解决重点难点问题等情况。）"},
        {"key": "plans", "level": 1, "heading": f"{year + 1}年推进法治政府建设的主要安排",
         "body": f"（{PLACEHOLDER}：下一年度的工作思路和主要安排。）"},
        {"key": "other", "level": 1, "heading": "其他需要报告的事项", "body": "无。"},
    ]  # fmt: skip
    level1 = 0
    for section in sections:
        if section["level"] == 1:
            level1 += 1
            section["heading"] = f"{numeral(level1)}、{section['heading']}"
    return sections


def has_placeholder(text: str) -> bool:
    return PLACEHOLDER in (text or "")
