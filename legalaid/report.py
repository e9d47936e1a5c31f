"""Legal aid's section of the annual report: figures as tokens, words as the sample reports put
them (reference/statutes.md §2; samples: 白云 "公告+群发邀约+摇珠", 审查办结时限压缩到1个工作日,
受理法律援助案件3037件, 免费法律咨询9059人次, 挽回经济损失1512.8万元; 罗湖 庭审评估, 淘汰排名靠后的办案
律师). {{period}} is 全年 once the year has ended and e.g. 1—11月 before; 同比 where the
mediation section gives it: the main count and the rate."""

from reports.outline import Contribution, contribute


def _body(report) -> str:
    return (
        "深入实施法律援助惠民工程，推进“公告+群发邀约+摇珠”指派法律援助人员新模式，"
        "落实法律援助证明事项告知承诺制。"
        "{{period}}共受理法律援助申请{{legalaid.applications}}，{{legalaid.applications|同比}}；"
        "决定给予法律援助{{legalaid.granted}}，给予率{{legalaid.grant_rate}}，"
        "{{legalaid.grant_rate|同比}}；"
        "法律援助申请平均审查用时{{legalaid.review_days_mean}}，"
        "在本地承诺时限内审查办结的占{{legalaid.review_within_target_rate}}。"
        "办结法律援助案件{{legalaid.cases_closed}}，"
        "为受援人挽回经济损失{{legalaid.recovered_losses}}；"
        "提供免费法律咨询{{legalaid.consultations}}。"
        "开展法律援助案件质量评估，淘汰排名靠后的办案律师{{legalaid.lawyers_removed}}，"
        "发放办案补贴{{legalaid.subsidies_paid}}。"
    )


contribute(Contribution("legalaid", "法律援助惠民工程提质增效", _body, order=20))
