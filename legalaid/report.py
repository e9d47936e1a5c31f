"""Legal aid's section of the annual report: figures as tokens, words as the sample reports put
them (reference/statutes.md §2; samples: 白云 2019 "推进“公告+群发邀约+摇珠”指派法律援助人员新模式，
…落实法律援助证明事项告知承诺制…，法援申请的审查办结时限压缩到 1 个工作日"; 罗湖 2020 "组织评估专家
208人次开展70场法律援助案件庭审评估，淘汰排名靠后的10名办案律师"). {{period}} is 全年 once the
year has ended and e.g. 1—11月 before; 同比 where the mediation section gives it: the main count
and the rate.

A measure is claimed only when the period's data show it: the lottery draws, the applications
on a personal commitment (告知承诺), the quality evaluations and the removals from the pool are
each written only when there were some, with their number; so is the review time, when a
decision was reviewed. Every number is an indicator's token (legalaid.indicators), refreshed
and frozen with the report's other figures; which sentences the default text holds is decided
once, when the report is created, from the same indicators' live values. The number of
hearings evaluated (罗湖's "70场") is not printed: it counts distinct hearings, which is no
indicator (see legalaid.indicators). The review target is the local service target
(FAZHI_LEGALAID_TARGET_WORKING_DAYS), under the statutory period of Art. 43.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

from reports import figures
from reports.outline import Contribution, contribute

# The figures that decide which sentences the default text holds (each > 0 when created).
DECIDING = (
    "legalaid.lottery_draws",
    "legalaid.commitment_applications",
    "legalaid.review_days_mean",
    "legalaid.hearing_evaluations",
    "legalaid.file_evaluations",
    "legalaid.lawyers_removed",
)


@dataclass(frozen=True)
class Facts:
    """What decides which sentences the default text holds, for the report's jurisdiction and
    period."""

    lottery_draws: int
    on_commitment: int
    reviewed: int
    expert_scores: int
    files_scored: int
    removed: int


def facts(report) -> Facts:
    live = figures.live(report, set(DECIDING), figures.period_of(report))
    return Facts(
        lottery_draws=live["legalaid.lottery_draws"].value or 0,
        on_commitment=live["legalaid.commitment_applications"].value or 0,
        reviewed=live["legalaid.review_days_mean"].denominator or 0,
        expert_scores=live["legalaid.hearing_evaluations"].value or 0,
        files_scored=live["legalaid.file_evaluations"].value or 0,
        removed=live["legalaid.lawyers_removed"].value or 0,
    )


def _body(report) -> str:
    f = facts(report)
    target = settings.FAZHI_LEGALAID_TARGET_WORKING_DAYS
    measures = ["深入实施法律援助惠民工程"]
    if f.lottery_draws:
        measures.append(
            "推进“公告+群发邀约+摇珠”指派法律援助人员新模式，"
            "{{period}}通过摇珠指派法律援助人员{{legalaid.lottery_draws}}"
        )
    if f.on_commitment:
        measures.append(
            "落实法律援助证明事项告知承诺制，"
            "{{period}}以个人诚信承诺代替经济困难证明的申请{{legalaid.commitment_applications}}"
        )
    if target < settings.FAZHI_LEGALAID_REVIEW_DAYS:
        measures.append(f"法律援助申请审查办结时限压缩到{target}个工作日")
    else:
        measures.append(f"法律援助申请审查办结时限为{target}个工作日")
    text = "，".join(measures[:2]) + "".join(f"；{m}" for m in measures[2:]) + "。"
    text += (
        "{{period}}共收到法律援助申请{{legalaid.applications}}，{{legalaid.applications|同比}}；"
        "给予法律援助{{legalaid.granted}}，给予率{{legalaid.grant_rate}}，"
        "{{legalaid.grant_rate|同比}}"
    )
    if f.reviewed:
        text += (
            "；法律援助申请平均审查用时{{legalaid.review_days_mean}}，"
            f"在{target}个工作日内审查办结的占" + "{{legalaid.review_within_target_rate}}"
        )
    text += (
        "。办结法律援助案件{{legalaid.cases_closed}}，"
        "为受援人挽回经济损失{{legalaid.recovered_losses}}；"
        "提供免费法律咨询{{legalaid.consultations}}。"
    )
    quality = []
    if f.expert_scores or f.files_scored:
        scored = []
        if f.expert_scores:
            scored.append("组织评估专家{{legalaid.hearing_evaluations}}开展法律援助案件庭审评估")
        if f.files_scored:
            scored.append("评查法律援助案卷{{legalaid.file_evaluations}}")
        quality.append("开展法律援助案件质量评估，{{period}}" + "，".join(scored))
    if f.removed:
        quality.append("淘汰排名靠后的{{legalaid.lawyers_removed}}办案律师")
    if quality:
        text += "，".join(quality) + "。"
    return text + "发放办案补贴{{legalaid.subsidies_paid}}。"


contribute(Contribution("legalaid", "法律援助惠民工程提质增效", _body, order=20))
