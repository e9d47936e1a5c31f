"""Demo data for administrative reconsideration (行政复议): numbering rules, the respondents the
core world lacks, applications of the two last full years and of this year up to the demo's
present (so that the latest full year has 同比), and open work for the demo logins.

Every city of the world gets its applications: to each district's justice bureau (the office
that handles the district government's reconsideration, 海珠 2020: "区级人民政府统一行使行政复议
职责") against the district's agencies, and to the city's bureau against the city's agencies and
the district governments. Each application is planned in full from its receipt — the acceptance
review within 5 working days (Art. 30), the procedure (ordinary or simplified, Art. 53), the copy
and the answer (Arts. 48, 54), a hearing for the major cases (Arts. 50, 51), a suspension
(Art. 39), and the conclusion within the decision period (60 or 30 days, Art. 62): a decision
(Arts. 63–69), a mediation (Art. 73), a settlement or a withdrawal (Art. 74), a termination
(Art. 41) or the rejection of the application (Art. 33) — then cut at the demo's present, so
recent applications stand in review or accepted. The rows are written by
`reconsideration.history.write` (COPY on PostgreSQL), with the events and the replayed clocks of
the steps it knows, in chunks of at most `CHUNK` applications cut between bureaus or, within a
bureau's year, between dates of receipt (numbers follow receipt), with a progress bar on a
terminal. No audit rows (the audit log records what people do).

What history.write does not write as steps is given as case fields only: the dates of the
copy and the answer (and the answer's text) of the cases that reached them, without their
events (so an ordinary case has no copy clock once the copy is sent); the days of a suspension
as a number (Record.suspended_days). A case on the simplified procedure keeps history's copy
clock (3 working days, Art. 54), stopped on its conclusion, running while it is open.

Open work for the demo logins (`{district}_staff`, bureau staff; `{district}_agency`, the
handler of the district's 市场监督管理局) in each focus district: applications in review (one
filed online with a tracking code, one whose review period has passed so that it may be deemed
accepted under Art. 30 ¶3), one waiting for corrections (Art. 31), cases accepted waiting for
the copy, for the answer and for the decision, a major case with its hearing scheduled, two
suspended. They are written like the history and taken on through `cases.engine` (the
correction notice, the copy, the answer, the hearing notice, the suspension), so their events
and clocks are the engine's; the staff login claims all but the one filed online. Three wait
for the answer of the agency login's agency.

Deterministic: the same seed and date give the same rows (the engine's steps are stamped at
the clock's time of day, as in the running system).

Register it with `demo` in reconsideration.apps.ReconsiderationConfig.ready's import of the
line's modules (as legalaid.apps does), which runs `demo.register(70, "reconsideration", build)`
below.
"""

from __future__ import annotations

import datetime
import random
from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from django.utils import timezone
from django.utils.translation import gettext

from cases import bulk, engine
from cases.calendar import get_calendar
from cases.models import Channel, NumberingRule
from core import demo
from core.models import Organization, OrganizationKind, Party, PartyKind, Region
from portal.security import TRACKING_ALPHABET
from reconsideration import history
from reconsideration.choices import (
    ActType,
    DecisionType,
    Outcome,
    Procedure,
    Side,
    SimplifiedGround,
    SuspensionGround,
    TerminationGround,
)
from reconsideration.models import ReconsiderationCase
from reconsideration.process import RECONSIDERATION_PROCESS, S

# -- calibration ---------------------------------------------------------------------------------
#
# Applications received a year per city. "city": 广州's. DESIGN.md (from the sample reports):
# 广州 concludes about 6,400 reconsideration cases a year; with ~91% of applications accepted
# (below) that is ~7,100 received. "small" is a fiftieth (a few hundred cases in all over the
# three years); "province" gives each of its ten cities 广州's volume, as the other lines do.
PER_YEAR = {"small": 142, "city": 7_100, "province": 7_100}
# The most applications generated and written at once, so that memory does not grow with scale.
CHUNK = 5_000
# Share of 广州's applications per bureau ("4401": the city's own, against the city's agencies
# and the district governments), by county code: rough population weights like mediation's.
# 白云 received 439 in 2019 (sample report) before the reform that made each district's
# government the one reconsideration body for its departments (海珠 2020: "区级人民政府统一行使
# 行政复议职责"); its weight here gives it ~850 a year at city scale.
BUREAU_WEIGHT = {
    "4401": 0.16, "440103": 0.06, "440104": 0.06, "440105": 0.08, "440106": 0.09,
    "440111": 0.12, "440112": 0.06, "440113": 0.09, "440114": 0.06, "440115": 0.04,
    "440117": 0.04, "440118": 0.06,
}  # fmt: skip
# The acceptance review (Art. 30). The samples give no acceptance rate: 白云 2019 concluded 338
# of its 439 applications of the year by the year end (办结 400, 62 of them from 2018), which
# leaves room for ~7% not accepted, ~2% withdrawn during the review and the cases still open.
REVIEW = [("accept", 91), ("refuse", 7), ("withdraw", 2)]
# Working days the review takes (at most the 5 of Art. 30).
REVIEW_DAYS = [(1, 15), (2, 25), (3, 25), (4, 20), (5, 15)]
# How accepted cases end (shares of the cases concluded). Mediation and settlement together
# 30%: 海珠 2020 resolved 30% of the cases about enterprises by mediation ("30%的涉企行政复议案件
# 通过依法调解化解"); 东莞: 681 of 2,041 applications mediated or settled, a third (a figure
# given with this task, not among /work/shared/samples).
OUTCOMES = [(Outcome.DECIDED, 56), (Outcome.MEDIATED, 12), (Outcome.SETTLED, 18),
            (Outcome.WITHDRAWN, 8), (Outcome.TERMINATED, 3), (Outcome.REJECTED, 3)]  # fmt: skip
# Direct correction (decisions of a correcting type ÷ decisions, choices.CORRECTING): 17%.
DIRECT_CORRECTION = 0.17
# Agreed conclusions in which the respondent corrected the act or conceded, by outcome, so that
# the overall correction rate (statutes §8) is 0.56 × 0.17 + 0.12 × 0.72 + 0.18 × 0.66 + 0.08 ×
# 0.45 ≈ 33.6%: 白云 2019 综合纠错率 33.5%, 海珠 2020 33.3% (sample reports).
CORRECTED = {Outcome.MEDIATED: 0.72, Outcome.SETTLED: 0.66, Outcome.WITHDRAWN: 0.45}
# 白云 2019: "近 77.25% 的行政复议案件未进入行政诉讼程序". Lawsuits are the litigation line's
# (cases.models.CaseLink, LITIGATION_OF): its demo may link this share of the decisions; this
# builder links none.
LITIGATED_SHARE = 1 - 0.7725
# "简案快办": a large share on the simplified procedure (Arts. 53–55; the figure is not in the
# sample files). The chance of the simplified procedure by kind of act, when an Art. 53 ground
# is at hand: about 42% of accepted cases in all.
SIMPLIFIED = {ActType.PENALTY: 0.6, ActType.INFORMATION: 0.85, ActType.FAILURE_TO_ACT: 0.3}
SIMPLIFIED_OTHER = 0.15  # all parties agree (Art. 53 ¶2)
# Ordinary cases: major, difficult or complex (a hearing is required, Art. 50 ¶1); others heard
# because the office sees fit (Art. 50 ¶2; 海珠 2020: "开庭听证制度" for cases about
# enterprises); suspended for a while (Art. 39).
MAJOR = 0.06
HEARD = 0.06
SUSPENDED = 0.05
CHANNELS = [(Channel.WINDOW, 40), (Channel.ONLINE, 50), (Channel.POST, 10)]


@dataclass(frozen=True)
class Kind:
    """A kind of respondent: how its name ends, its weight at a district's bureau and at the
    city's, the acts it is challenged for, the short name in its document numbers, and what
    an applicant says it failed to deal with."""

    suffixes: tuple[str, ...]
    district: float
    city: float
    acts: tuple[tuple[str, float], ...]
    abbreviation: str
    duty: str

    @property
    def government(self) -> bool:
        return self.suffixes == ("人民政府",)


KINDS = (
    Kind(("公安分局", "公安局"), 30, 18, ((ActType.PENALTY, 70), (ActType.COERCION, 10),
         (ActType.FAILURE_TO_ACT, 12), (ActType.INFORMATION, 5), (ActType.OTHER, 3)),
         "公", "报警求助"),
    Kind(("市场监督管理局",), 14, 14, ((ActType.PENALTY, 45), (ActType.FAILURE_TO_ACT, 35),
         (ActType.INFORMATION, 12), (ActType.LICENCE, 8)), "市监", "投诉举报"),
    Kind(("人力资源和社会保障局",), 12, 12, ((ActType.WORK_INJURY, 50),
         (ActType.FAILURE_TO_ACT, 30), (ActType.INFORMATION, 10), (ActType.PENALTY, 10)),
         "人社", "劳动保障监察投诉"),
    Kind(("城市管理和综合执法局",), 12, 0, ((ActType.PENALTY, 50), (ActType.COERCION, 35),
         (ActType.FAILURE_TO_ACT, 10), (ActType.INFORMATION, 5)), "城管", "违法建设举报"),
    Kind(("住房和城乡建设局",), 9, 10, ((ActType.LICENCE, 30), (ActType.FAILURE_TO_ACT, 30),
         (ActType.INFORMATION, 20), (ActType.PENALTY, 20)), "建", "物业管理投诉"),
    Kind(("规划和自然资源分局", "规划和自然资源局", "自然资源局"), 8, 10,
         ((ActType.LICENCE, 30), (ActType.OWNERSHIP, 20), (ActType.INFORMATION, 20),
          (ActType.PENALTY, 20), (ActType.FAILURE_TO_ACT, 10)), "规自", "违法用地举报"),
    Kind(("卫生健康局",), 5, 0, ((ActType.PENALTY, 40), (ActType.FAILURE_TO_ACT, 30),
         (ActType.INFORMATION, 20), (ActType.LICENCE, 10)), "卫健", "医疗服务投诉"),
    Kind(("生态环境局",), 4, 8, ((ActType.PENALTY, 60), (ActType.INFORMATION, 20),
         (ActType.FAILURE_TO_ACT, 20)), "环", "环境污染举报"),
    # A district's government answers to the city (its cases go to the city's bureau).
    Kind(("人民政府",), 0, 28, ((ActType.EXPROPRIATION, 40), (ActType.INFORMATION, 30),
         (ActType.FAILURE_TO_ACT, 20), (ActType.OTHER, 10)), "府", "信访事项"),
)  # fmt: skip
OTHER_KIND = Kind((), 2, 2, ((ActType.PENALTY, 40), (ActType.FAILURE_TO_ACT, 30),
                             (ActType.INFORMATION, 20), (ActType.OTHER, 10)), "", "申请事项")  # fmt: skip
# The agencies `ensure_agencies` adds: (kind of unit, for a district; for the city).
DISTRICT_AGENCIES = ("公安分局", "规划和自然资源分局", "卫生健康局", "人民政府")
CITY_AGENCIES = ("公安局", "住房和城乡建设局", "规划和自然资源局")

# The challenged act by kind: (document word of its number, the document, the request).
ACTS = {
    ActType.PENALTY: ("罚决字", "《行政处罚决定书》", "撤销被申请人作出的{act}。"),
    ActType.COERCION: ("强制字", "《查封（扣押）决定书》", "确认被申请人作出的{act}违法并予以撤销。"),
    ActType.LICENCE: ("许字", "《不予行政许可决定书》", "撤销被申请人作出的{act}，责令其依法作出许可决定。"),
    ActType.INFORMATION: ("依申请公开", "《政府信息公开申请答复书》", "撤销被申请人作出的{act}，责令其重新答复。"),
    ActType.WORK_INJURY: ("工伤认字", "《不予认定工伤决定书》", "撤销被申请人作出的{act}，责令其重新作出工伤认定。"),
    ActType.OWNERSHIP: ("确权字", "《土地权属争议处理决定书》", "撤销被申请人作出的{act}。"),
    ActType.EXPROPRIATION: ("征补字", "《房屋征收补偿决定书》", "撤销被申请人作出的{act}。"),
    ActType.OTHER: ("决字", "《行政确认决定书》", "撤销被申请人作出的{act}。"),
}  # fmt: skip
SHORT_ACT = {ActType.PENALTY: "行政处罚", ActType.COERCION: "行政强制", ActType.LICENCE: "行政许可",
             ActType.INFORMATION: "政府信息公开答复", ActType.WORK_INJURY: "工伤认定",
             ActType.OWNERSHIP: "确权决定", ActType.EXPROPRIATION: "征收补偿决定",
             ActType.OTHER: "行政确认", ActType.FAILURE_TO_ACT: "不履行法定职责"}  # fmt: skip
FACTS = {
    ActType.PENALTY: "申请人认为被申请人认定事实不清，处罚明显过重，请求依法撤销。",
    ActType.COERCION: "申请人认为被申请人采取强制措施前未依法告知陈述、申辩权利，程序违法。",
    ActType.LICENCE: "申请人提交的申请材料齐全、符合法定形式，被申请人不予许可缺乏依据。",
    ActType.INFORMATION: "申请人依法申请公开政府信息，被申请人的答复内容不完整、理由不充分。",
    ActType.WORK_INJURY: "申请人在工作时间和工作场所内因工作原因受伤，被申请人不予认定工伤缺乏依据。",
    ActType.OWNERSHIP: "申请人认为争议土地历来由其使用，被申请人的处理决定认定事实错误。",
    ActType.EXPROPRIATION: "申请人认为补偿标准明显低于同类房屋市场价格，补偿决定不合理。",
    ActType.OTHER: "申请人认为被申请人作出的行政行为缺乏事实和法律依据。",
    ActType.FAILURE_TO_ACT: "申请人依法向被申请人提出申请，被申请人在法定期限内未予处理和答复。",
}
# Decisions on the merits: the correcting ones by kind of act (Arts. 63–67), with weights.
CORRECTING_DECISIONS = [(DecisionType.ANNUL, 35), (DecisionType.ANNUL_REDO, 25),
                        (DecisionType.CHANGE, 15), (DecisionType.DECLARE_UNLAWFUL, 15),
                        (DecisionType.ANNUL_PART, 10)]  # fmt: skip
CORRECTING_FAILURES = [(DecisionType.ORDER_PERFORMANCE, 70), (DecisionType.DECLARE_UNLAWFUL, 30)]
REASONS = {
    DecisionType.UPHOLD: "被申请人作出的行政行为认定事实清楚，证据确凿，适用依据正确，程序合法，"
    "内容适当。根据《中华人民共和国行政复议法》第六十八条，决定维持。",
    DecisionType.REJECT_CLAIM: "被申请人已依法履行法定职责。根据《中华人民共和国行政复议法》"
    "第六十九条，决定驳回申请人的行政复议请求。",
    DecisionType.ANNUL: "被申请人作出的行政行为主要事实不清、证据不足。根据《中华人民共和国"
    "行政复议法》第六十四条，决定撤销。",
    DecisionType.ANNUL_REDO: "被申请人作出的行政行为违反法定程序。根据《中华人民共和国行政复议法》"
    "第六十四条，决定撤销，责令被申请人在六十日内重新作出行政行为。",
    DecisionType.ANNUL_PART: "被申请人作出的行政行为部分适用依据错误。根据《中华人民共和国"
    "行政复议法》第六十四条，决定部分撤销。",
    DecisionType.CHANGE: "被申请人作出的行政处罚内容不适当。根据《中华人民共和国行政复议法》"
    "第六十三条，决定变更罚款数额。",
    DecisionType.DECLARE_UNLAWFUL: "被申请人的行政行为程序轻微违法，但对申请人权利不产生实际影响。"
    "根据《中华人民共和国行政复议法》第六十五条，决定确认该行政行为违法。",
    DecisionType.ORDER_PERFORMANCE: "被申请人不履行法定职责。根据《中华人民共和国行政复议法》"
    "第六十六条，决定责令被申请人在三十日内依法履行法定职责。",
    DecisionType.DECLARE_VOID: "被申请人的行政行为没有依据。根据《中华人民共和国行政复议法》"
    "第六十七条，决定确认该行政行为无效。",
}
MEDIATION_TERMS = {
    True: "经行政复议机构主持调解，被申请人同意自行纠正被申请的行政行为，申请人予以接受，双方自愿达成调解协议。",
    False: "经行政复议机构主持调解，申请人理解并接受被申请人的处理，双方自愿达成调解协议。",
}
REFUSALS = ("申请超过法定申请期限且无正当理由（第二十条、第三十条）。",
            "申请事项不属于行政复议范围（第十一条、第三十条）。",
            "申请人与被申请的行政行为没有利害关系（第三十条）。")  # fmt: skip
REJECTION = "受理后发现申请人与被申请的行政行为没有利害关系，不符合受理条件（第三十三条）。"
ANSWER = (
    "被申请人认为其作出的行政行为认定事实清楚，证据确凿，适用依据正确，程序合法，请求予以维持。"
)
COMPANY_WORDS = ("恒信", "粤发", "穗安", "珠江", "南湖", "华鑫", "宏达", "锦程")
COMPANY_KINDS = ("贸易", "餐饮管理", "物业管理", "建筑工程", "电子科技", "食品")
DAY = datetime.timedelta(days=1)


class _Open(NamedTuple):
    """An open case of a focus district's logins: received and accepted so many working days
    before the present (accepted None: still in review), its procedure ("major": ordinary,
    with a hearing required), whether it is against the agency login's agency, the act, the
    engine's steps (transition, login, working days before the present, data), and whether it
    was filed online (with a tracking code, left in the team's queue; the staff login claims
    the others). `from_late`: the days count back from the first working day of the last 58
    days, not from the present."""

    received: int
    accepted: int | None
    procedure: str
    ours: bool
    act: str
    steps: tuple = ()
    online: bool = False
    from_late: bool = False


_COPY = ("send_copy", "staff")
_ANSWER = {"answer": ANSWER}
OPEN_WORK = (
    # In review (Art. 30): new online; due today (or on the next working day); its 5 working
    # days passed (deemed accepted, Art. 30 ¶3); waiting for corrections (Art. 31, 10 working
    # days).
    _Open(1, None, "", True, ActType.PENALTY, online=True),
    _Open(5, None, "", False, ActType.INFORMATION),
    _Open(7, None, "", False, ActType.FAILURE_TO_ACT),
    _Open(6, None, "", False, ActType.LICENCE, (("request_correction", "staff", 4, {
        "items": "请补充提交申请人身份证明复印件及被申请行政行为的相关材料。"}),)),
    # Accepted, the copy to send (Arts. 48, 54: 7 or 3 working days).
    _Open(6, 3, Procedure.ORDINARY, True, ActType.PENALTY),
    _Open(4, 2, Procedure.SIMPLIFIED, False, ActType.PENALTY),
    # The agency's answer awaited (10 or 5 working days): due, due soon, overdue.
    _Open(14, 10, Procedure.ORDINARY, True, ActType.FAILURE_TO_ACT, ((*_COPY, 6, {}),)),
    _Open(8, 6, Procedure.SIMPLIFIED, True, ActType.PENALTY, ((*_COPY, 4, {}),)),
    _Open(25, 21, Procedure.ORDINARY, True, ActType.PENALTY, ((*_COPY, 16, {}),)),
    # Answered, the decision to make (Art. 62: 60 days), one due within days.
    _Open(30, 26, Procedure.ORDINARY, False, ActType.WORK_INJURY,
          ((*_COPY, 24, {}), ("submit_answer", "staff", 15, _ANSWER))),
    _Open(3, 0, Procedure.ORDINARY, True, ActType.PENALTY,
          ((*_COPY, -2, {}), ("submit_answer", "agency", -10, _ANSWER)), from_late=True),
    # A major case: the hearing notified, to be held (Arts. 50, 51).
    _Open(20, 17, "major", False, ActType.COERCION,
          ((*_COPY, 15, {}), ("submit_answer", "staff", 8, _ANSWER),
           ("schedule_hearing", "staff", 2, {}))),
    # Suspended (Art. 39): on another case (ground 8); on the applicant's death (ground 1,
    # which ends the case after 60 days, Art. 41 ¶1 (5)).
    _Open(35, 32, Procedure.ORDINARY, False, ActType.OTHER,
          ((*_COPY, 30, {}), ("submit_answer", "staff", 22, _ANSWER),
           ("suspend", "staff", 10, {"ground": SuspensionGround.OTHER_CASE,
                                     "reason": "本案需以相关行政诉讼案件的审理结果为依据。"}))),
    _Open(24, 21, Procedure.ORDINARY, False, ActType.EXPROPRIATION,
          ((*_COPY, 19, {}), ("submit_answer", "staff", 12, _ANSWER),
           ("suspend", "staff", 5, {"ground": SuspensionGround.DEATH,
                                    "reason": "申请人死亡，其近亲属尚未确定是否参加行政复议。"}))),
)  # fmt: skip


def build(world: demo.DemoWorld) -> None:
    rng = random.Random(world.seed + 21)
    ensure_agencies(world)
    bureaus = _bureaus(world)
    if not bureaus:
        return
    _numbering(bureaus)
    _Writer(world, rng, bureaus).history()


# -- the organisations --------------------------------------------------------------------------


def ensure_agencies(world: demo.DemoWorld) -> list[Organization]:
    """Add the respondents the core world lacks, as core.demo names its agencies: for each
    district of each city its 公安分局 (a county's 公安局), 规划和自然资源分局 (a county's
    自然资源局), 卫生健康局 and 人民政府 (its government, whose cases the city's bureau
    handles); for each city its 公安局, 住房和城乡建设局 and 规划和自然资源局. An agency of that
    name already there is kept. The new ones go into `world.agencies`; returns them."""
    made = []
    for city in world.cities:
        city_region = Region.objects.get(code=city.code)
        wanted = [(f"{city_region.name}{word}", "", city_region) for word in CITY_AGENCIES]
        for district in city_region.children.order_by("code"):
            if district.code not in world.bureaus:
                continue
            prefix, name = demo.county_unit_prefix(district), district.name
            urban = name.endswith("区")
            for word in DISTRICT_AGENCIES:
                if word == "公安分局":
                    full = f"{city_region.name}公安局{name}分局" if urban else f"{name}公安局"
                elif word == "规划和自然资源分局":
                    full = (f"{city_region.name}规划和自然资源局{name}分局" if urban
                            else f"{name}自然资源局")  # fmt: skip
                else:
                    full = f"{prefix}{word}"
                wanted.append((full, f"{name}{word}", district))
        for full, short, region in wanted:
            if Organization.objects.filter(region=region, name=full).exists():
                continue
            agency = Organization.objects.create(
                name=full, short_name=short, kind=OrganizationKind.AGENCY, region=region
            )
            world.agencies.append(agency)
            made.append(agency)
    return made


def kind_of(agency: Organization) -> Kind:
    for kind in KINDS:
        if agency.name.endswith(kind.suffixes):
            return kind
    return OTHER_KIND


@dataclass
class _Agency:
    org: Organization
    kind: Kind
    abbreviation: str  # of its document numbers: 穗海市监
    serials: dict[int, int] = field(default_factory=dict)  # year -> last document serial


@dataclass
class _Bureau:
    org: Organization
    city: demo.City
    region: Region  # the district, or the city for the city's own bureau
    weight: float
    agencies: list[_Agency]
    pick: demo.Picker
    staff: object = None  # the focus district's `{slug}_staff` login
    agency_user: object = None  # the focus district's `{slug}_agency` login
    abbreviation: str = ""  # in its case numbers: 穗海 (（2025）穗海行复字第0001号)


def _bureaus(world: demo.DemoWorld) -> list[_Bureau]:
    out = []
    agencies = [
        (agency, kind_of(agency))
        for agency in Organization.objects.filter(kind=OrganizationKind.AGENCY, is_active=True)
        .select_related("region")
        .order_by("region_id", "pk")
    ]
    for city in world.cities:
        city_bureau = world.bureaus.get(city.code)
        if city_bureau is None:
            continue
        districts = [b.region for code, b in sorted(world.bureaus.items())
                     if code[:4] == city.code[:4] and b.region.level == 3]  # fmt: skip
        short = demo.short_names(districts)
        streets = defaultdict(int)
        for code in world.offices:
            streets[code[:6]] += 1
        total_streets = sum(streets[d.code[:6]] for d in districts) or 1
        for region in [city_bureau.region, *districts]:
            org = world.bureaus[region.code]
            own = region.level == 2
            if city.code == demo.CITY_CODE:
                weight = BUREAU_WEIGHT.get("4401" if own else region.code[:6], 0.05)
            else:  # by the number of streets, like the mediation demo; the city's bureau 16%
                weight = 0.16 if own else 0.84 * streets[region.code[:6]] / total_streets
            mine = []
            for agency, kind in agencies:
                if own:
                    ok = agency.region_id == region.code or (
                        kind.government and agency.region_id[:4] == city.code[:4]
                        and agency.region.level == 3
                    )  # fmt: skip
                else:
                    ok = agency.region_id[:6] == region.code[:6] and not kind.government
                if not ok:
                    continue
                place = city.abbreviation + ("" if agency.region_id == city.code
                                             else short.get(agency.region_id[:6] + "000000", ""))  # fmt: skip
                mine.append(_Agency(agency, kind, place + (kind.abbreviation or "")))
            if not mine:
                continue
            weights = []
            governments = sum(1 for a in mine if a.kind.government) or 1
            for a in mine:
                w = a.kind.city if own else a.kind.district
                if a.kind.government:
                    w /= governments
                weights.append((a, w or 0.5))
            bureau = _Bureau(org, city, region, weight, mine, demo.Picker(weights))
            slug = demo.FOCUS_DISTRICTS.get(region.code)
            if slug:
                bureau.staff = world.users.get(f"{slug}_staff")
                bureau.agency_user = world.users.get(f"{slug}_agency")
            bureau.abbreviation = city.abbreviation + ("" if own else short[region.code])
            out.append(bureau)
    return out


def _numbering(bureaus: list[_Bureau]) -> None:
    """Each bureau's numbering rule: （2025）穗海行复字第0001号, the city's （2025）穗行复字第…号."""
    NumberingRule.objects.bulk_create(
        [NumberingRule(organization=b.org, series=RECONSIDERATION_PROCESS.number_series,
                       pattern=f"（{{year}}）{b.abbreviation}行复字第{{seq:04d}}号")
         for b in bureaus],
        ignore_conflicts=True,
    )  # fmt: skip


# -- rates held to their targets -----------------------------------------------------------------


# -- the history ---------------------------------------------------------------------------------


@dataclass
class _Plan:
    record: history.Record
    bureau: _Bureau
    steps: list = field(default_factory=list)  # for the engine: (transition, login, data)
    claim: bool = False


class _Writer(bulk.WorkingDays):
    """Plans every application, cuts it at the demo's present and writes it with
    reconsideration.history."""

    def __init__(self, world, rng, bureaus):
        self.world, self.rng, self.bureaus = world, rng, bureaus
        self.calendar = get_calendar()
        self.zone = timezone.get_current_timezone()
        self.today = world.today
        now = timezone.now()
        # What happened up to the present: nothing after now, the time of the build, if it is
        # the demo's day (the steps of history.write are stamped at noon).
        self.cutoff = now if timezone.localdate(now) == self.today else self.at(self.today, 23)
        self.make_case, self.make_party = demo.Maker(ReconsiderationCase), demo.Maker(Party)
        self.pick_channel = demo.Picker(CHANNELS)
        self.pick_review_days = demo.Picker(REVIEW_DAYS)
        self.pick_correcting = demo.Picker(CORRECTING_DECISIONS)
        self.pick_correcting_failure = demo.Picker(CORRECTING_FAILURES)
        self.acts = {kind: demo.Picker(kind.acts) for kind in (*KINDS, OTHER_KIND)}
        self.companies = demo.city_names()
        # Per city, so that each city's rates are the targets.
        self.review: dict[str, demo.Rotation] = {}
        self.outcome: dict[str, demo.Rotation] = {}
        self.correcting: dict[str, demo.Quota] = {}
        self.corrected: dict[tuple, demo.Quota] = {}

    # -- calendar

    def happened(self, day) -> bool:
        """A step after the receipt happened by the present: on a day before it (the steps
        are stamped at noon and later, never in the future)."""
        return day < self.today

    # -- the loop

    def history(self) -> None:
        world, rng = self.world, self.rng
        per_year = PER_YEAR[world.scale]
        years = demo.history_years(self.today)
        expected = round(per_year * len(world.cities) * sum(f for *_x, f in years))
        work = {b.org.pk: self.plan_open_work(b) for b in self.bureaus if b.staff}
        pending: list[_Plan] = []
        label = gettext("Demo reconsideration cases")
        with world.progress(expected, gettext("cases"), label) as bar:

            def flush():
                history.write([p.record for p in pending])
                bar.update(len(pending))
                for plan in pending:
                    if plan.steps or plan.claim:
                        self.take_on(plan)
                pending.clear()
                demo.forget_queries()

            for first_day, bureau, days, n, last in demo.spread_receipts(
                rng, world, self.bureaus, per_year, chunk=CHUNK, pending=lambda: len(pending),
                flush=flush,
            ):  # fmt: skip
                for _ in range(n):
                    plan = self.plan(bureau, days[rng.randrange(len(days))])
                    if plan is not None:
                        pending.append(plan)
                if last:  # the open work received this year
                    pending.extend(p for p in work.get(bureau.org.pk, ())
                                   if p.record.case.received_at.year == first_day.year)  # fmt: skip
            bar.total = bar.n
            bar.refresh()

    # -- one application

    def plan(self, bureau: _Bureau, received: datetime.date) -> _Plan | None:
        """One application and what became of it, planned in full from its receipt and cut
        at the present; None if it was received after the present (planned all the same, so
        that the random stream does not depend on the time of day)."""
        rng = self.rng
        random_ = rng.random
        city = bureau.city.code
        channel = self.pick_channel(random_())
        if channel != Channel.ONLINE:  # the window and the post office: working days
            shifted = self.calendar.next_workday(received)
            received = shifted if shifted.year == received.year else received
        hour = rng.randint(0, 23) if channel == Channel.ONLINE else rng.randint(9, 17)
        received_at = self.at(received, hour, rng.randrange(60))
        agency = bureau.pick(random_())
        act_type = self.acts[agency.kind](random_())
        case = self.application(bureau, agency, act_type, received, received_at, channel)
        parties = self.parties(case, act_type)
        record = history.Record(case=case, parties=parties)
        review = self.review.setdefault(city, demo.Rotation(REVIEW))()
        decided = self.add_workdays(received, self.pick_review_days(random_()))
        # Everything below is planned whatever the present, then cut at it.
        course = self.course(city, case, act_type, received, decided, review)
        if received_at > self.cutoff or not (
            received < self.today or self.at(received) <= self.cutoff
        ):
            return None
        self.cut(record, course)
        return _Plan(record, bureau)

    def application(self, bureau, agency, act_type, received, received_at, channel):
        rng = self.rng
        word, document, request = ACTS.get(act_type, ACTS[ActType.OTHER])
        respondent = agency.org
        name = respondent.short_name or respondent.name
        if act_type == ActType.FAILURE_TO_ACT:
            act_on = None
            knew_on = received - datetime.timedelta(days=rng.randint(3, 40))
            number = ""
            act = f"{respondent.name}未在法定期限内对申请人的{agency.kind.duty}作出处理"
            requests = "确认被申请人未履行法定职责违法，责令其依法履行法定职责。"
        else:
            knew_on = received - datetime.timedelta(days=rng.randint(1, 50))
            act_on = knew_on - datetime.timedelta(days=rng.choice((0, 0, 1, 2, 3, 5)))
            serial = agency.serials.get(act_on.year) or rng.randint(20, 400)
            serial += rng.randint(1, 30)
            agency.serials[act_on.year] = serial
            number = f"{agency.abbreviation}{word}〔{act_on.year}〕{serial}号"
            if act_type == ActType.COERCION and agency.kind.abbreviation == "城管":
                document = "《限期拆除决定书》"
            act = f"{number}{document}"
            requests = request.format(act=document)
        case = self.make_case(
            organization_id=bureau.org.pk,
            region_code=bureau.org.region_id,
            team_id=bureau.org.pk,
            state=S.SUBMITTED,
            channel=channel,
            received_at=received_at,
            title=f"不服{name}{SHORT_ACT[act_type]}",
            respondent_id=respondent.pk,
            act_type=act_type,
            act_description=act,
            act_number=number,
            act_on=act_on,
            knew_on=knew_on,
            requests=requests,
            facts=FACTS[act_type],
            requests_void=act_type != ActType.FAILURE_TO_ACT and rng.random() < 0.01,
            version=1,
        )
        case.organization = bureau.org  # cached: history.write numbers per bureau
        return case

    def parties(self, case, act_type) -> list:
        """The applicant (a person mostly, a company in one case in six), sometimes a third
        party (the employer in a work-injury case) and an agent."""
        rng = self.rng
        county = case.region_code
        company = self.companies.get(county[:4], "广州")
        out = []
        if rng.random() < 0.16 and act_type != ActType.WORK_INJURY:
            out.append((Side.APPLICANT, self.company(company, county)))
        else:
            number = demo.resident_id(rng, county, year_from=1955, year_to=2004)
            out.append((Side.APPLICANT, self.make_party(
                kind=PartyKind.PERSON, name=demo.person_name(rng), id_number=number,
                gender="male" if int(number[16]) % 2 else "female",
                birth_date=datetime.date(int(number[6:10]), int(number[10:12]),
                                         int(number[12:14])),
                phone=demo.mobile(rng) if rng.random() < 0.85 else "",
            )))  # fmt: skip
        if act_type == ActType.WORK_INJURY:
            out.append((Side.THIRD_PARTY, self.company(company, county)))
        elif rng.random() < 0.06:
            out.append((Side.THIRD_PARTY, self.make_party(kind=PartyKind.PERSON,
                                                          name=demo.person_name(rng))))  # fmt: skip
        if rng.random() < 0.15:
            out.append((Side.AGENT, self.make_party(kind=PartyKind.PERSON,
                                                    name=demo.person_name(rng),
                                                    phone=demo.mobile(rng))))  # fmt: skip
        return out

    def company(self, city_name, county):
        rng = self.rng
        name = f"{city_name}{rng.choice(COMPANY_WORDS)}{rng.choice(COMPANY_KINDS)}有限公司"
        return self.make_party(kind=PartyKind.ORGANIZATION, name=name,
                               credit_code=demo.enterprise_credit_code(rng, county),
                               legal_representative=demo.person_name(rng),
                               phone=demo.mobile(rng))  # fmt: skip

    def course(self, city, case, act_type, received, decided, review) -> dict:
        """The application's steps from its receipt, planned in full."""
        rng = self.rng
        random_ = rng.random
        course = {"review": review, "decided": decided}
        if review == "refuse":
            course["reason"] = rng.choice(REFUSALS)
            return course
        if review == "withdraw":
            return course
        accepted = decided
        simplified = random_() < SIMPLIFIED.get(act_type, SIMPLIFIED_OTHER)
        ground = ""
        if simplified:
            if act_type == ActType.PENALTY:
                ground = rng.choice((SimplifiedGround.SMALL_FINE, SimplifiedGround.SMALL_FINE,
                                     SimplifiedGround.ON_THE_SPOT, SimplifiedGround.WARNING))  # fmt: skip
            elif act_type == ActType.INFORMATION:
                ground = SimplifiedGround.INFORMATION
            else:
                ground = SimplifiedGround.AGREED
        major = not simplified and random_() < MAJOR
        heard = major or (not simplified and random_() < HEARD)
        suspended = 0 if simplified else (rng.randint(10, 60) if random_() < SUSPENDED else 0)
        outcome = self.outcome.setdefault(city, demo.Rotation(OUTCOMES))()
        limit = 29 if simplified else 59  # days within the decision period (Art. 62)
        if outcome == Outcome.DECIDED:
            low, mode = (8, 18) if simplified else (20, 45)
        elif outcome in (Outcome.TERMINATED, Outcome.REJECTED):
            low, mode = (5, 12) if simplified else (10, 25)
        else:  # mediated, settled, withdrawn
            low, mode = (4, 12) if simplified else (8, 28)
        # Days the case runs, suspensions not counted (Art. 62), and on which of them the
        # hearing is held and the suspension begins; the calendar days follow.
        active = int(rng.triangular(low, limit, mode))
        heard_after = rng.randint(20, 40) if heard else 0
        if heard:
            active = max(active, heard_after + rng.randint(3, 12))
        active = min(active, limit)
        begins = rng.randint(3, max(3, active - 3)) if suspended else 0

        def on(days):  # the calendar day `days` days of the case after the acceptance
            paused = suspended if suspended and begins <= days else 0
            return accepted + datetime.timedelta(days=days + paused)

        copy = self.add_workdays(accepted, rng.randint(1, 3 if simplified else 5))
        answer = self.add_workdays(copy, rng.randint(2, 5) if simplified else rng.randint(4, 10))
        hearing = self.calendar.next_workday(on(heard_after)) if heard else None
        floor = (hearing or copy) + DAY
        concluded = self.workday_on_or_before(max(on(active), floor), floor)
        course.update(accepted=accepted, procedure=Procedure.SIMPLIFIED if simplified
                      else Procedure.ORDINARY, ground=ground, major=major, hearing=hearing,
                      suspended=suspended, outcome=outcome, concluded=concluded, copy=copy,
                      answer=answer)  # fmt: skip
        if suspended:
            course["suspended_from"] = accepted + datetime.timedelta(days=begins)
        if outcome == Outcome.DECIDED:
            correcting = self.correcting.setdefault(city, demo.Quota(DIRECT_CORRECTION))()
            if not correcting:
                kind = (DecisionType.REJECT_CLAIM if act_type == ActType.FAILURE_TO_ACT
                        else DecisionType.UPHOLD)  # fmt: skip
            elif act_type == ActType.FAILURE_TO_ACT:
                kind = self.pick_correcting_failure(random_())
            elif case.requests_void and random_() < 0.5:
                kind = DecisionType.DECLARE_VOID
            else:
                kind = self.pick_correcting(random_())
                if kind == DecisionType.CHANGE and act_type != ActType.PENALTY:
                    kind = DecisionType.ANNUL
            course["decision"] = kind
        elif outcome in CORRECTED:
            quota = self.corrected.setdefault((city, outcome), demo.Quota(CORRECTED[outcome]))
            course["corrected"] = quota()
        elif outcome == Outcome.TERMINATED:
            course["termination"] = rng.choice((TerminationGround.CRIMINAL,
                                                TerminationGround.NO_SUCCESSOR_ORG,
                                                TerminationGround.NO_SUCCESSOR_PERSON))  # fmt: skip
        return course

    def cut(self, record: history.Record, course: dict) -> None:
        """Set the case as it stands at the present: the steps that happened, and its state."""
        case = record.case
        decided = course["decided"]
        if not self.happened(decided):
            return  # still in the acceptance review
        review = course["review"]
        if review == "refuse":
            case.state, case.outcome = S.REFUSED, Outcome.REFUSED
            case.refusal_reason = course["reason"]
            case.closed_at = self.at(decided, 16)
            return
        if review == "withdraw":  # during the review: closed, never concluded (Art. 74)
            case.state, case.outcome = S.WITHDRAWN, Outcome.WITHDRAWN
            case.closed_at = self.at(decided, 16)
            return
        accepted = course["accepted"]
        case.state = S.ACCEPTED
        case.accepted_on, case.accepted_at = accepted, self.at(accepted, 10)
        case.procedure, case.simplified_ground = course["procedure"], course["ground"]
        case.major = course["major"]
        concluded = course["concluded"]
        done = self.happened(concluded)
        for key in ("copy", "answer"):
            day = course[key]
            if day >= concluded or not self.happened(day):
                break
            if key == "copy":
                case.copy_sent_on = day
            else:
                case.answer_received_on, case.answer = day, ANSWER
        hearing = course["hearing"]
        if hearing and hearing < concluded and self.happened(hearing):
            case.hearing_on = case.hearing_held_on = hearing
            case.hearing_place = f"{record.case.organization.name}听证室"
        if course["suspended"]:
            start = course["suspended_from"]
            end = start + datetime.timedelta(days=course["suspended"])
            if done:
                record.suspended_days = course["suspended"]
            elif self.happened(start):  # the days suspended so far
                record.suspended_days = (min(end, self.today) - start).days
        if not done:
            return
        outcome = course["outcome"]
        case.state = {Outcome.DECIDED: S.DECIDED, Outcome.MEDIATED: S.MEDIATED,
                      Outcome.SETTLED: S.WITHDRAWN, Outcome.WITHDRAWN: S.WITHDRAWN,
                      Outcome.TERMINATED: S.TERMINATED, Outcome.REJECTED: S.REJECTED}[outcome]  # fmt: skip
        case.outcome = outcome
        case.concluded_on, case.closed_at = concluded, self.at(concluded, 16)
        if outcome == Outcome.DECIDED:
            case.decision_type = course["decision"]
            case.decision_reasons = REASONS[course["decision"]]
        elif outcome in CORRECTED:
            case.respondent_corrected = course["corrected"]
            if outcome == Outcome.MEDIATED:
                case.decision_reasons = MEDIATION_TERMS[course["corrected"]]
        elif outcome == Outcome.TERMINATED:
            case.termination_ground = course["termination"]
        elif outcome == Outcome.REJECTED:
            case.refusal_reason = REJECTION

    # -- open work for the demo logins

    def plan_open_work(self, bureau: _Bureau) -> list[_Plan]:
        """The focus district's open cases (OPEN_WORK), written with the history and then
        taken on through the engine (`take_on`)."""
        rng = self.rng
        member = bureau.agency_user.primary_membership if bureau.agency_user else None
        ours = next((a for a in bureau.agencies
                     if member and a.org.pk == member.organization_id), None)  # fmt: skip
        others = [a for a in bureau.agencies if a is not ours] or bureau.agencies
        # The first working day of the last 58 days: a case accepted then is due within days.
        late = sum(self.is_workday(self.today - datetime.timedelta(days=d)) for d in range(1, 59))
        plans = []
        for spec in OPEN_WORK:
            shift = late if spec.from_late else 0
            agency = ours if spec.ours and ours else rng.choice(others)
            act_type = spec.act
            if act_type not in dict(agency.kind.acts) and agency is not ours:
                act_type = agency.kind.acts[0][0]
            received = self.back(spec.received + shift)
            channel = Channel.ONLINE if spec.online else Channel.WINDOW
            received_at = self.at(received, rng.randint(9, 16), rng.randrange(60))
            case = self.application(bureau, agency, act_type, received, received_at, channel)
            parties = self.parties(case, act_type)
            if spec.online:  # the applicant follows it on the portal (tracking code, SMS)
                parties[0][1].phone = "13800138000"
                case.tracking_code = "".join(rng.choice(TRACKING_ALPHABET) for _ in range(10))
                self.world.logins.append((f"查询码 {case.tracking_code}",
                                          "群众（手机 13800138000）", bureau.org.name))  # fmt: skip
            if spec.accepted is not None:
                accepted = self.back(spec.accepted + shift)
                case.state = S.ACCEPTED
                case.accepted_on, case.accepted_at = accepted, self.at(accepted, 10)
                case.major = spec.procedure == "major"
                case.procedure = Procedure.ORDINARY if case.major else spec.procedure
                if case.procedure == Procedure.SIMPLIFIED:
                    case.simplified_ground = (SimplifiedGround.SMALL_FINE
                                              if act_type == ActType.PENALTY
                                              else SimplifiedGround.AGREED)  # fmt: skip
            steps = []
            for name, login, days_back, data in spec.steps:
                day = self.back(days_back + shift)
                data = {**data, "on_date": day.isoformat()}
                if name == "schedule_hearing":  # notified 5 working days ahead (Art. 51)
                    data["hearing_on"] = self.add_workdays(day, 6).isoformat()
                    data["hearing_place"] = f"{bureau.org.name}听证室"
                steps.append((name, login, data))
            record = history.Record(case=case, parties=parties)
            plans.append(_Plan(record, bureau, steps, claim=not spec.online))
        return plans

    def take_on(self, plan: _Plan) -> None:
        """Fire the open case's steps through the engine as the logins would, then have the
        staff login claim it (its clocks then name them, for 我的工作 and the reminders)."""
        case = plan.record.case
        actors = {"staff": plan.bureau.staff, "agency": plan.bureau.agency_user}
        for name, login, data in plan.steps:
            case = engine.fire(case, name, actor=actors[login], data=data)
        if plan.claim and plan.bureau.staff is not None:
            engine.claim(case, actor=plan.bureau.staff)


demo.register(70, "reconsideration", build)
