"""People's mediation's section of the annual report: figures as tokens, words as the sample
reports put them (reference/statutes.md §3, samples: 调解成功率, 司法确认, 排查). {{period}} is
全年 once the year has ended and e.g. 1—11月 before; registers are counted 截至{{period_end}}."""

from reports.outline import Contribution, contribute


def _body(report) -> str:
    return (
        "坚持和发展新时代“枫桥经验”，健全人民调解组织网络，推进矛盾纠纷多元化解。"
        "{{period}}开展矛盾纠纷排查{{mediation.screenings}}；"
        "截至{{period_end}}，共有人民调解委员会{{mediation.committees}}、"
        "人民调解员{{mediation.mediators}}。"
        "{{period}}共受理矛盾纠纷{{mediation.received}}，{{mediation.received|同比}}；"
        "调解结案{{mediation.concluded}}，其中调解成功{{mediation.succeeded}}，"
        "调解成功率{{mediation.success_rate}}，{{mediation.success_rate|同比}}；"
        "涉及金额{{mediation.amount_involved}}。"
        "通过网上平台受理的纠纷占{{mediation.online_share}}，"
        "调解协议经人民法院司法确认{{mediation.judicial_confirmations}}，"
        "受理群体性纠纷{{mediation.mass_disputes}}。"
    )


contribute(
    Contribution("mediation", "坚持和发展新时代“枫桥经验”，人民调解工作扎实推进", _body, order=10)
)
