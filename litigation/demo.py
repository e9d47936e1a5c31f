"""Demo data for administrative litigation response (行政应诉): lawsuits against the agencies of
the demo world over the two last full years and this year up to the demo's present (so that
the latest full year has 同比), each trial level a case, and open work for the demo logins.

The defendants are the world's organisations of kind agency (the core world's departments, and
the police, planning, health agencies and district governments the reconsideration demo adds
when it ran before): each district's agencies and district government, and the city's own
departments. Each first-instance lawsuit is planned in full from the service of the complaint
(行政诉讼法 2017, reference/statutes.md §5) — the filing and the service within 5 days of it and
the answer within 15 days of the service (Art. 67); the hearings, with the notice to appear
served on the head at least three days before (最高人民法院关于行政机关负责人出庭应诉若干问题的
规定 Art. 5) and a qualifying head appearing (Arts. 2, 7) or an excuse given (Art. 8); the
judgment or ruling within six months of the filing (Art. 81) — the claims rejected (Art. 69),
the act annulled, declared unlawful or void, changed, the agency ordered to perform or to
compensate (Arts. 70–77) with the main ground of the loss, the suit dismissed, withdrawn
(Art. 62) or mediated (Art. 60); the appeal within 15 days of the service of a judgment, 10 of
a ruling (Art. 85), which makes the second-instance case (decided within three months,
Art. 88), and the petition for a retrial (Arts. 90, 91) which makes the retrial case; the
judicial recommendations (司法建议, Art. 66; Provisions Art. 12) and their replies — then cut at
the demo's present, so recent cases stand before the court.

A share of the reconsideration decisions of the demo (when that line built its cases before
this one) is taken to court within 15 days (Art. 45): found through litigation.services (the
reconsideration process looked up by its key, never imported) and cases.models.ChallengedAct,
and linked by litigation.history (cases.models.CaseLink), with the applicants as plaintiffs.

The rows are written by `litigation.history.write` (COPY on PostgreSQL), with the events and
the replayed clocks of every step, in chunks of at most `CHUNK` cases cut between the units
(a district's agencies, or the city's own) or, within a unit's year, between dates of service,
with a progress bar on a terminal. No audit rows (the audit log records what people do).

Open work for the demo logins of each focus district — `{district}_agency` (the handler of the
district's 市场监督管理局) for cases against that agency, `{district}_staff` (bureau section
staff) for cases against another agency of the district: two cases waiting for the answer
(the answer clock running, one due within days), one with a hearing scheduled (the notice to
appear served), one concluded within the appeal period (the appeal window running), and for
the agency a judicial recommendation to reply to. They are written like the history and taken
on through `cases.engine` (the answer, the hearing's notice and record, the judgment, the
recommendation), so their events and clocks are the engine's; the agency login claims its
cases, the staff login is assigned its own.

Deterministic: the same seed and date give the same rows (the engine's steps are stamped at
the clock's time of day, as in the running system). Registered below with order 75, after
reconsideration's 70 (whose decisions it may take to court).
"""

from __future__ import annotations

import datetime
import random
from collections import defaultdict
from dataclasses import dataclass, field
from typing import NamedTuple

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from django.utils.translation import gettext

from cases import bulk, engine
from cases.calendar import get_calendar, shift_months
from cases.models import ChallengedAct
from core import demo
from core.models import Organization, OrganizationKind, Party, PartyKind, Region
from litigation import history
from litigation.choices import (
    AbsenceGround,
    Appellant,
    HeadPosition,
    Judgment,
    LossGround,
    Side,
    TrialLevel,
)
from litigation.models import Hearing, LitigationCase, Recommendation
from litigation.process import HEAD_NOTICE_DAYS, S
from litigation.services import reconsideration_model

# -- calibration ---------------------------------------------------------------------------------
#
# First-instance lawsuits served a year per city. "city": 广州's — the issue text (issue 13,
# Figures): 5,249 first-instance cases a year. "small" is a fiftieth, as reconsideration's
# (a few hundred cases in all over the three years, every level counted); "province" gives
# each of its ten cities 广州's volume, as the other lines do.
PER_YEAR = {"small": 105, "city": 5_249, "province": 5_249}
# The most cases (every trial level counted) generated and written at once.
CHUNK = 5_000
# Share of 广州's first-instance lawsuits per unit ("4401": the city's own departments), by
# county code: rough population weights like reconsideration's. A district's government is a
# defendant of its own (Art. 26): the sample reports count the cases their justice bureaus
# handle, which we read as the district government's (海珠 2020, January to October: "为被告的
# 一审案件33宗"; 白云 2019: 147 first-instance cases); the rest of a district's lawsuits are
# against its departments (the kinds below give the government about a tenth).
UNIT_WEIGHT = {
    "4401": 0.20, "440103": 0.05, "440104": 0.06, "440105": 0.08, "440106": 0.10,
    "440111": 0.12, "440112": 0.05, "440113": 0.09, "440114": 0.06, "440115": 0.04,
    "440117": 0.04, "440118": 0.05,
}  # fmt: skip
# How a first-instance case ends (shares of the cases concluded). The decided ones (judgments
# and rulings dismissing the suit, the base of the win rate, litigation.indicators) are 80%:
# 白云 2019 "共办理行政应诉案件 282 件（含一审行政应诉案件 147 件），已判决的一审行政应诉案件为
# 117 件" — 117 of 147, the rest withdrawn (Art. 62), mediated (Art. 60) or still open. The
# losses are 6% of the decided: 白云 2019 "胜诉率为 94.02%" (7 of 117 lost). A district's
# government loses less: 海珠 2020 "区政府单独应诉的案件胜诉率100%", so its cases follow
# GOVERNMENT_OUTCOMES (1 loss in 80 decided).
FIRST_OUTCOMES = [("win", 61.2), ("loss", 4.8), ("dismiss", 14), ("withdrawn", 17),
                  ("mediated", 3)]  # fmt: skip
GOVERNMENT_OUTCOMES = [("win", 65), ("loss", 1), ("dismiss", 14), ("withdrawn", 17),
                       ("mediated", 3)]  # fmt: skip
# Appeals and retrials: 海珠 2020 "二审及再审案31宗" beside 33 at first instance; 白云 2019
# 135 of its 282 cases not first instance — about 0.9 later-level cases per first-instance
# one. The plaintiff appeals most judgments it lost, the agency few of its losses (Art. 85);
# a share of the appeals upheld goes on to a petition for a retrial (Arts. 90, 91): 0.612 ×
# 0.9 + 0.048 × 0.4 + 0.14 × 0.85 ≈ 0.69 appeals and 0.69 × 0.9 × 0.35 ≈ 0.22 petitions, 0.91
# later-level cases per first-instance case (0.89 measured at city scale, the last appeals
# still to come).
APPEAL = {"win": 0.9, "dismiss": 0.85, "loss": 0.4}
RETRIAL = 0.35
# Hearings: every judgment and mediation at first instance is heard (Art. 54); about half
# the dismissals and a third of the withdrawals are heard first; one case in eight is heard
# twice. At second instance the court may decide on the file (Art. 86): a third heard; a
# retrial petition seldom.
HEARD = {"withdrawn": 0.3, "dismiss": 0.5}
HEARD_AGAIN = 0.12
HEARD_LATER = {TrialLevel.SECOND: 0.35, TrialLevel.RETRIAL: 0.1}
# Heads appearing in court (负责人出庭应诉率, statutes §8), of the cases heard at a level: the
# issue text counts 1,780 appearances in 广州's 5,249 first-instance cases a year, a third of
# them; of the ~80% heard that is 42% (city scale: ~1,830 first-instance appearances a year).
# 海珠 2020: "疫情期间海珠区行政机关负责人出庭应诉率达44%". At the later levels fewer (an
# assumption: no sample gives them).
HEAD_RATE = {TrialLevel.FIRST: 0.42, TrialLevel.SECOND: 0.35, TrialLevel.RETRIAL: 0.3}
HEAD_RATE_FIRST = {"440105": 0.44}
HEAD_POSITIONS = [(HeadPosition.PRINCIPAL, 20), (HeadPosition.DEPUTY, 65),
                  (HeadPosition.OTHER, 15)]  # fmt: skip
# Why a head did not appear (Provisions Art. 8); "none": without a valid excuse.
ABSENCES = [(AbsenceGround.DUTY, 62), (AbsenceGround.OTHER, 26), (AbsenceGround.ACCIDENT, 4),
            (AbsenceGround.FORCE_MAJEURE, 1), (AbsenceGround.NONE, 7)]  # fmt: skip
# Judicial recommendations: to half the agencies whose head stayed away without a valid
# excuse (Provisions Art. 12), to a fifth of those that lost (Art. 66). Replies by the date
# the court's letter asks, if it names one.
RECOMMEND_ABSENT = 0.5
RECOMMEND_LOSS = 0.2
# 白云 2019 (reconsideration/demo.py): "近 77.25% 的行政复议案件未进入行政诉讼程序" — this share
# of the demo's reconsideration decisions on a numbered act is taken to court, and counted in
# the volume above.
LITIGATED_SHARE = 1 - 0.7725
# The reconsideration line's values this builder reads, by name only (no import): a
# decision's outcome and the applicant's side (reconsideration.choices).
RECONSIDERATION_DECIDED = "decided"
RECONSIDERATION_APPLICANT = "applicant"


@dataclass(frozen=True)
class Cause:
    """A cause of action (案由): its words, the document word of the act's number, the
    document, and whether it is a failure to act (no act, no document number)."""

    name: str
    word: str = ""
    document: str = ""
    failure: bool = False
    penalty: bool = False


CAUSES = {
    "penalty": Cause("行政处罚", "罚字", "《行政处罚决定书》", penalty=True),
    "public_order": Cause("治安管理行政处罚", "罚决字", "《行政处罚决定书》", penalty=True),
    "traffic": Cause("道路交通管理行政处罚", "交罚字", "《公安交通管理行政处罚决定书》",
                     penalty=True),
    "coercion": Cause("行政强制", "强制字", "《查封（扣押）决定书》"),
    "demolition": Cause("行政强制（限期拆除）", "限拆字", "《限期拆除决定书》"),
    "licence": Cause("行政许可", "许字", "《不予行政许可决定书》"),
    "information": Cause("政府信息公开", "依申请公开", "《政府信息公开申请答复书》"),
    "work_injury": Cause("工伤认定", "工伤认字", "《不予认定工伤决定书》"),
    "registration": Cause("不动产登记", "登字", "《不予登记决定书》"),
    "expropriation": Cause("房屋征收补偿", "征补字", "《房屋征收补偿决定书》"),
    "reconsideration": Cause("行政复议", "行复字", "《行政复议决定书》"),
    "confirmation": Cause("行政确认", "决字", "《行政确认决定书》"),
    "failure": Cause("不履行法定职责", failure=True),
}  # fmt: skip
# A reconsideration decision's act, by a word of its document number (one cause per act).
NUMBER_WORDS = (("工伤", "work_injury"), ("罚", "penalty"), ("强制", "coercion"),
                ("许", "licence"), ("公开", "information"), ("征", "expropriation"),
                ("登", "registration"))  # fmt: skip


@dataclass(frozen=True)
class Kind:
    """A kind of defendant: how its name ends, its weight among a district's defendants and
    among the city's, its causes, the short name in its document numbers, and the duty a
    plaintiff says it failed to perform."""

    suffixes: tuple[str, ...]
    district: float
    city: float
    causes: tuple[tuple[str, float], ...]
    abbreviation: str
    duty: str

    @property
    def government(self) -> bool:
        return self.suffixes == ("人民政府",)


KINDS = (
    Kind(("公安分局", "公安局"), 22, 22, (("public_order", 45), ("traffic", 15), ("failure", 20),
         ("information", 10), ("coercion", 10)), "公", "对原告的报警求助依法处理"),
    Kind(("市场监督管理局",), 8, 10, (("failure", 45), ("penalty", 35), ("information", 12),
         ("licence", 8)), "市监", "对原告的投诉举报依法处理并告知结果"),
    Kind(("人力资源和社会保障局",), 14, 14, (("work_injury", 55), ("failure", 25),
         ("information", 10), ("penalty", 10)), "人社", "对原告的劳动保障监察投诉依法处理"),
    Kind(("城市管理和综合执法局",), 12, 0, (("demolition", 50), ("penalty", 30),
         ("failure", 15), ("information", 5)), "城管", "对原告举报的违法建设依法查处"),
    Kind(("住房和城乡建设局",), 9, 12, (("failure", 30), ("licence", 25), ("information", 25),
         ("penalty", 20)), "建", "对原告的物业管理投诉依法处理"),
    Kind(("规划和自然资源分局", "规划和自然资源局", "自然资源局"), 10, 22,
         (("registration", 30), ("licence", 20), ("information", 20), ("penalty", 15),
          ("failure", 15)), "规自", "对原告举报的违法用地依法查处"),
    Kind(("卫生健康局",), 3, 0, (("penalty", 40), ("failure", 30), ("information", 20),
         ("licence", 10)), "卫健", "对原告的医疗服务投诉依法处理"),
    Kind(("生态环境局",), 3, 8, (("penalty", 60), ("information", 20), ("failure", 20)),
         "环", "对原告举报的环境污染依法查处"),
    # A district's government: expropriation, information, and the reconsideration decisions
    # it makes as the district's one reconsideration body (a co-defendant, Art. 26 ¶2).
    Kind(("人民政府",), 11, 0, (("expropriation", 40), ("information", 25),
         ("reconsideration", 20), ("failure", 15)), "府", "对原告的申请依法作出答复"),
)  # fmt: skip
OTHER_KIND = Kind((), 2, 2, (("penalty", 40), ("failure", 30), ("information", 20),
                             ("confirmation", 10)), "", "对原告的申请依法处理")  # fmt: skip

# The losses by cause (Arts. 70–77), with weights; CHANGE only of a penalty (Art. 77).
LOSSES = [(Judgment.ANNUL, 45), (Judgment.DECLARE_UNLAWFUL, 30), (Judgment.ANNUL_PART, 8),
          (Judgment.CHANGE, 7), (Judgment.COMPENSATION, 5), (Judgment.DECLARE_VOID, 5)]  # fmt: skip
FAILURE_LOSSES = [(Judgment.ORDER_PERFORMANCE, 70), (Judgment.DECLARE_UNLAWFUL, 30)]
ANNUL_GROUNDS = [(LossGround.EVIDENCE, 40), (LossGround.PROCEDURE, 30), (LossGround.LAW, 20),
                 (LossGround.EXCESS, 5), (LossGround.ABUSE, 5)]  # fmt: skip
GROUND_OF = {
    Judgment.ANNUL_PART: LossGround.LAW,
    Judgment.DECLARE_UNLAWFUL: LossGround.PROCEDURE,
    Judgment.ORDER_PERFORMANCE: LossGround.FAILURE_TO_ACT,
    Judgment.CHANGE: LossGround.UNREASONABLE,
    Judgment.DECLARE_VOID: LossGround.VOID,
    Judgment.COMPENSATION: LossGround.EVIDENCE,
}
LOSS_REASONS = {
    LossGround.EVIDENCE: "法院认为被诉行政行为认定事实的主要证据不足。整改：加强调查取证，完善证据链条。",
    LossGround.PROCEDURE: "法院认为被诉行政行为违反法定程序，未依法告知陈述、申辩权利。整改：严格执行告知和听证程序。",
    LossGround.LAW: "法院认为被诉行政行为适用法律、法规错误。整改：作出决定前加强法制审核。",
    LossGround.EXCESS: "法院认为被告超越职权作出被诉行政行为。整改：厘清职权边界，规范执法主体。",
    LossGround.ABUSE: "法院认为被诉行政行为滥用职权。整改：规范行政裁量权行使。",
    LossGround.UNREASONABLE: "法院认为行政处罚明显不当，判决变更罚款数额。整改：严格执行行政处罚裁量基准。",
    LossGround.FAILURE_TO_ACT: "法院认为被告对原告的申请未在法定期限内依法处理，判决限期履行法定职责。整改：建立投诉举报办理台账，按期答复。",
    LossGround.VOID: "法院认为被诉行政行为没有依据，属重大且明显违法。整改：全面清理执法依据。",
}  # fmt: skip
# The later levels' ends, by how the level before ended for the agency.
SECOND_AFTER_WIN = [(Judgment.UPHELD, 91), (Judgment.ANNUL, 3), (Judgment.DECLARE_UNLAWFUL, 2),
                    (Judgment.REMANDED, 2), (Judgment.WITHDRAWN, 2)]  # fmt: skip
SECOND_AFTER_LOSS = [(Judgment.UPHELD, 70), (Judgment.REJECT_CLAIMS, 22),
                     (Judgment.REMANDED, 4), (Judgment.WITHDRAWN, 4)]  # fmt: skip
SECOND_AFTER_DISMISSAL = [(Judgment.UPHELD, 88), (Judgment.REMANDED, 8),
                          (Judgment.WITHDRAWN, 4)]  # fmt: skip
RETRIAL_ENDS = [(Judgment.UPHELD, 95), (Judgment.REMANDED, 3), (Judgment.ANNUL, 2)]
ABSENCE_EXPLANATIONS = {
    AbsenceGround.DUTY: "负责人当日须出席区政府常务会议，依法委托分管业务科室负责人和法制科工作人员出庭。",
    AbsenceGround.OTHER: "负责人因公出差，已提前向法院书面说明情况并委托工作人员出庭。",
    AbsenceGround.ACCIDENT: "负责人突发疾病住院治疗，已向法院提交书面说明。",
    AbsenceGround.FORCE_MAJEURE: "受台风影响，负责人无法按时到庭，已向法院说明。",
    AbsenceGround.NONE: "",
}
RECOMMENDATIONS = {
    "absent": "建议被告严格落实行政机关负责人出庭应诉制度，被诉行政机关负责人无正当理由不得拒不出庭应诉。",
    "loss": "建议被告针对本案暴露的执法问题，完善执法程序，加强法制审核，提升依法行政水平。",
}
REPLIES = {
    "absent": "我局高度重视，已修订负责人出庭应诉工作规则，明确分管负责人出庭应诉责任。",
    "loss": "我局已组织专题学习，修订执法程序规范，并对相关案卷开展评查整改。",
}
COMPANY_WORDS = ("恒信", "粤发", "穗安", "珠江", "南湖", "华鑫", "宏达", "锦程")
COMPANY_KINDS = ("贸易", "餐饮管理", "物业管理", "建筑工程", "电子科技", "食品")
DAY = datetime.timedelta(days=1)


# -- the defendants and the courts ---------------------------------------------------------------


@dataclass
class _Court:
    name: str
    code: str  # in its case numbers: 粤0105, 粤01, 粤, 最高法
    above: _Court | None = None  # the court of appeal, or of a retrial petition


@dataclass
class _Agency:
    org: Organization
    kind: Kind
    abbreviation: str  # of its document numbers: 穗海市监
    court: _Court  # of first instance
    heads: tuple[str, ...]  # principal, two deputies, another person in charge
    serials: dict[int, int] = field(default_factory=dict)  # year -> last document serial


@dataclass
class _Unit:
    """A district's defendants (its departments and government), or the city's own."""

    city: demo.City
    region: Region
    weight: float
    agencies: list[_Agency]
    pick: demo.Picker
    staff: object = None  # the focus district's `{slug}_staff` login
    agency_user: object = None  # the focus district's `{slug}_agency` login


def kind_of(agency: Organization) -> Kind:
    for kind in KINDS:
        if agency.name.endswith(kind.suffixes):
            return kind
    return OTHER_KIND


def _units(world: demo.DemoWorld, rng: random.Random) -> list[_Unit]:
    """The defendants of each city by unit, with their courts of first instance: a district's
    departments are sued in the district's court, its government in the city's intermediate
    court (Art. 15 (1)); the city's departments in the court where they sit (Art. 18; 广州's
    in 越秀区, another city's in its first district)."""
    agencies = list(
        Organization.objects.filter(kind=OrganizationKind.AGENCY, is_active=True)
        .select_related("region")
        .order_by("region_id", "pk")
    )
    high = _Court("广东省高级人民法院", "粤", _Court("最高人民法院", "最高法"))
    out = []
    for city in world.cities:
        city_region = Region.objects.get(code=city.code)
        districts = list(city_region.children.order_by("code"))
        if not districts:
            continue
        short = demo.short_names(districts)
        intermediate = _Court(f"{city_region.name}中级人民法院", f"粤{city.code[2:4]}", high)
        courts = {d.code: _Court(f"{demo.county_unit_prefix(d)}人民法院", f"粤{d.code[2:6]}",
                                 intermediate) for d in districts}  # fmt: skip
        seat = "440104000000" if city.code == demo.CITY_CODE else districts[0].code
        streets = defaultdict(int)
        for code in world.offices:
            streets[code[:6]] += 1
        total_streets = sum(streets[d.code[:6]] for d in districts) or 1
        for region in [city_region, *districts]:
            own = region.level == 2
            if city.code == demo.CITY_CODE:
                weight = UNIT_WEIGHT.get("4401" if own else region.code[:6], 0.05)
            else:  # by the number of streets, like the mediation demo; the city's own 20%
                weight = 0.2 if own else 0.8 * streets[region.code[:6]] / total_streets
            mine = []
            for agency in agencies:
                if own and agency.region_id != region.code:
                    continue
                if not own and agency.region_id[:6] != region.code[:6]:
                    continue
                kind = kind_of(agency)
                court = intermediate if kind.government else courts.get(
                    region.code if not own else seat, intermediate)  # fmt: skip
                place = city.abbreviation + ("" if own else short[region.code])
                heads = tuple(demo.person_name(rng) for _ in range(4))
                mine.append(_Agency(agency, kind, place + (kind.abbreviation or ""), court, heads))
            if not mine:
                continue
            governments = sum(1 for a in mine if a.kind.government) or 1
            weights = []
            for a in mine:
                w = a.kind.city if own else a.kind.district
                if a.kind.government:
                    w /= governments
                weights.append((a, w or 0.5))
            unit = _Unit(city, region, weight, mine, demo.Picker(weights))
            slug = demo.FOCUS_DISTRICTS.get(region.code)
            if slug:
                unit.staff = world.users.get(f"{slug}_staff")
                unit.agency_user = world.users.get(f"{slug}_agency")
            out.append(unit)
    return out


# -- rates held to their targets (as reconsideration.demo's) -------------------------------------


# -- the plan of one trial level -----------------------------------------------------------------


@dataclass
class _HearingPlan:
    notice: datetime.date
    day: datetime.date
    place: str
    head: str = ""  # the name of the head who appeared
    position: str = ""
    staff: str = ""
    ground: str = ""  # why the head did not appear


@dataclass
class _Level:
    """One trial level planned in full; `cut` makes its record as it stands at the present."""

    agency: _Agency
    level: str
    court: _Court
    number: str
    filed: datetime.date
    served: datetime.date
    cause: Cause
    act: str
    act_number: str
    parties: list
    answer: datetime.date | None = None
    hearings: list[_HearingPlan] = field(default_factory=list)
    decided: datetime.date | None = None
    judgment_served: datetime.date | None = None
    judgment: str = ""
    loss_ground: str = ""
    lost: bool = False  # the judgment is a loss for the agency (choices.LOSSES)
    appeal: datetime.date | None = None
    appellant: str = ""
    recommendations: list[tuple] = field(default_factory=list)  # (received, kind, due, replied)
    reconsideration: str = ""  # its number
    links: list[tuple[int, int]] = field(default_factory=list)
    later: _Level | None = None


class _Decision(NamedTuple):
    """A reconsideration decision taken to court."""

    content_type_id: int
    pk: int
    number: str
    act_number: str  # as cases.models.ChallengedAct keeps it
    case: object
    served: datetime.date  # the complaint, on the agency


@dataclass
class _Plan:
    records: list[history.Record]
    unit: _Unit
    steps: list = field(default_factory=list)  # for the engine: (transition, data)
    login: str = ""  # who takes the open case on: "agency" or "staff"


class _Writer(bulk.WorkingDays):
    """Plans every lawsuit, cuts it at the demo's present and writes it with
    litigation.history."""

    def __init__(self, world, rng, units):
        self.world, self.rng, self.units = world, rng, units
        self.calendar = get_calendar()
        self.zone = timezone.get_current_timezone()
        self.today = world.today
        self.make_case, self.make_party = demo.Maker(LitigationCase), demo.Maker(Party)
        self.make_hearing, self.make_recommendation = (
            demo.Maker(Hearing),
            demo.Maker(Recommendation),
        )
        self.causes = {kind: demo.Picker(kind.causes) for kind in (*KINDS, OTHER_KIND)}
        self.pick_loss = demo.Picker(LOSSES)
        self.pick_failure_loss = demo.Picker(FAILURE_LOSSES)
        self.pick_annul_ground = demo.Picker(ANNUL_GROUNDS)
        self.pick_position = demo.Picker(HEAD_POSITIONS)
        self.pick_absence = demo.Picker(ABSENCES)
        self.later_ends = {key: demo.Picker(value) for key, value in (
            ("win", SECOND_AFTER_WIN), ("loss", SECOND_AFTER_LOSS),
            ("dismiss", SECOND_AFTER_DISMISSAL), ("retrial", RETRIAL_ENDS))}  # fmt: skip
        self.companies = demo.city_names()
        # Per city (and kind of defendant, unit, level), so that each one's rates are the
        # targets.
        self.outcomes: dict[tuple, demo.Rotation] = {}
        self.heads: dict[tuple, demo.Quota] = {}
        self.appeals: dict[tuple, demo.Quota] = {}
        self.retrials: dict[str, demo.Quota] = {}
        self.serials: dict[tuple, int] = {}  # (court code, year, word) -> last serial

    # -- calendar

    def happened(self, day) -> bool:
        """A step happened by the present: on a day before it (the history is stamped at
        noon, and nothing is written for the present's own day but the open work)."""
        return day is not None and day < self.today

    # -- the loop

    def history(self) -> None:
        world, rng = self.world, self.rng
        per_year = PER_YEAR[world.scale]
        years = demo.history_years(self.today)
        # Every level counted: ~1.8 cases per first-instance lawsuit once they have run.
        expected = round(per_year * len(world.cities) * sum(f for *_x, f in years) * 1.7)
        linked = self.reconsiderations()
        work = {id(u): self.plan_open_work(u) for u in self.units if u.staff or u.agency_user}
        pending: list[_Plan] = []
        label = gettext("Demo litigation cases")
        with world.progress(expected, gettext("cases"), label) as bar:

            def flush():
                records = [r for p in pending for r in p.records]
                history.write(records)
                bar.update(len(records))
                for plan in pending:
                    if plan.login:
                        self.take_on(plan)
                pending.clear()
                demo.forget_queries()

            def size():
                return sum(len(p.records) for p in pending)

            def adjust(unit, first_day, count):
                return max(0, count - len(linked.get((id(unit), first_day.year), [])))

            # ~1.8 cases a lawsuit once its later levels have run: parts of at most CHUNK cases.
            for first_day, unit, days, n, last in demo.spread_receipts(
                rng, world, self.units, per_year, chunk=CHUNK, pending=size, flush=flush,
                cases_per_receipt=(9, 5), adjust=adjust,
            ):  # fmt: skip
                for _ in range(n):
                    agency = unit.pick(rng.random())
                    plan = self.plan(unit, agency, days[rng.randrange(len(days))])
                    if plan is not None:
                        pending.append(plan)
                if last:
                    for agency, decision in linked.get((id(unit), first_day.year), []):
                        plan = self.plan(unit, agency, None, decision)
                        if plan is not None:
                            pending.append(plan)
                    # The open work served this year.
                    pending.extend(p for p in work.get(id(unit), ())
                                   if p.records[0].case.complaint_served_on.year
                                   == first_day.year)  # fmt: skip
            bar.total = bar.n
            bar.refresh()

    def reconsiderations(self) -> dict[tuple, list]:
        """The demo's reconsideration decisions taken to court (LITIGATED_SHARE of those on a
        numbered act of a defendant here), by (unit, year of the lawsuit's service), each with
        its agency; none if the reconsideration line is not installed or built nothing."""
        model = reconsideration_model()
        if model is None:
            return {}
        agencies = {a.org.pk: (u, a) for u in self.units for a in u.agencies}
        content_type = ContentType.objects.get_for_model(model)
        challenged = ChallengedAct.objects.filter(
            case_type=content_type, agency_id__in=list(agencies)
        )
        acts = {
            case_id: (agency_id, number)
            for case_id, agency_id, number in challenged.values_list(
                "case_id", "agency_id", "act_number"
            )
        }
        decided = (
            model.objects.filter(outcome=RECONSIDERATION_DECIDED, closed_at__isnull=False)
            .filter(pk__in=challenged.values("case_id"))
            .order_by("closed_at", "pk")
            .values_list("pk", "number", "closed_at")
        )
        quota = demo.Quota(LITIGATED_SHARE, rounded=True)
        chosen = [row for row in decided if quota()]
        cases = model.objects.in_bulk([pk for pk, *_x in chosen])
        out: dict[tuple, list] = defaultdict(list)
        for pk, number, closed_at in chosen:
            agency_id, act_number = acts[pk]
            unit, agency = agencies[agency_id]
            decided_on = timezone.localtime(closed_at, self.zone).date()
            # Sued within 15 days of the decision (Art. 45), filed within 7 (Art. 51),
            # served within 5 (Art. 67): the service falls this many days later.
            served = self.next_workday(
                decided_on + datetime.timedelta(days=self.rng.randint(6, 24))
            )
            decision = _Decision(content_type.pk, pk, number, act_number, cases[pk], served)
            out[id(unit), served.year].append((agency, decision))
        return out

    # -- one lawsuit

    def plan(self, unit: _Unit, agency: _Agency, served, decision=None) -> _Plan | None:
        """A lawsuit and what became of it at every level, planned in full from the service
        of the complaint and cut at the present; None if it was served after the present
        (planned all the same, so that the random stream does not depend on the day)."""
        rng = self.rng
        kind = agency.kind
        if decision is not None:
            served = decision.served
            cause = self.cause_of(decision.act_number)
        else:
            served = self.next_workday(served)
            cause = CAUSES[self.causes[kind](rng.random())]
        first = self.first_instance(unit, agency, served, cause, decision)
        if not self.happened(served):
            return None
        return _Plan(self.cut(first), unit)

    def cause_of(self, act_number: str) -> Cause:
        for word, key in NUMBER_WORDS:
            if word in act_number:
                return CAUSES[key]
        return CAUSES["confirmation"]

    def act(self, agency: _Agency, cause: Cause, served) -> tuple[str, str]:
        """The act challenged (its description and document number): made a few weeks to
        months before the complaint (Art. 46: within six months of knowing it)."""
        rng = self.rng
        org = agency.org
        if cause.failure:
            return f"{org.name}未依法{agency.kind.duty}", ""
        act_on = served - datetime.timedelta(days=rng.randint(20, 170))
        serial = agency.serials.get(act_on.year) or rng.randint(20, 400)
        serial += rng.randint(1, 30)
        agency.serials[act_on.year] = serial
        number = f"{agency.abbreviation}{cause.word}〔{act_on.year}〕{serial}号"
        return f"{number}{cause.document}", number

    def court_number(self, court: _Court, year: int, level: str) -> str:
        word = {TrialLevel.FIRST: "行初", TrialLevel.SECOND: "行终", TrialLevel.RETRIAL: "行申"}
        key = (court.code, year, word[level])
        serial = self.serials.get(key) or self.rng.randint(1, 40)
        serial += self.rng.randint(1, 4)  # the court's other cases between two of ours
        self.serials[key] = serial
        return f"（{year}）{court.code}{word[level]}{serial}号"

    def first_instance(self, unit, agency, served, cause, decision) -> _Level:
        rng = self.rng
        random_ = rng.random
        # Filed by the court up to 5 days before the service (Art. 67).
        filed = self.workday_on_or_before(served - datetime.timedelta(days=rng.randint(1, 5)),
                                    served - datetime.timedelta(days=9))  # fmt: skip
        if decision is not None:
            # The number as ChallengedAct keeps it, its brackets as the documents print them.
            act_number = decision.act_number.replace("[", "〔").replace("]", "〕")
            act = f"{act_number}{cause.document}（经{decision.number}行政复议）"
            parties = self.parties_of(decision.case)
        else:
            act, act_number = self.act(agency, cause, served)
            parties = []
        if not parties:
            parties = self.parties(unit.region.code, cause)
        level = _Level(agency, TrialLevel.FIRST, agency.court,
                       self.court_number(agency.court, filed.year, TrialLevel.FIRST), filed,
                       served, cause, act, act_number, parties)  # fmt: skip
        if decision is not None:
            level.reconsideration = decision.number
            level.links = [(decision.content_type_id, decision.pk)]
        rotation = ("government" if agency.kind.government else "agency", unit.city.code)
        end = self.outcomes.setdefault(rotation, demo.Rotation(
            GOVERNMENT_OUTCOMES if agency.kind.government else FIRST_OUTCOMES))()  # fmt: skip
        # The answer within 15 days of the service (Art. 67), on a working day.
        level.answer = self.workday_on_or_before(served + datetime.timedelta(days=rng.randint(6, 15)),
                                           served + DAY)  # fmt: skip
        heard = end in ("win", "loss", "mediated") or random_() < HEARD.get(end, 0)
        # The first-instance term: six months from the filing (Art. 81).
        term = self.workday_on_or_before(shift_months(filed, 6) - datetime.timedelta(days=3), filed)
        if heard:
            first = self.next_workday(
                served + datetime.timedelta(days=int(rng.triangular(22, 110, 45)))
            )
            days = [first]
            if random_() < HEARD_AGAIN:
                days.append(self.next_workday(first + datetime.timedelta(days=rng.randint(14, 45))))
            level.hearings = self.hearings(unit, agency, level, days, served)
            last = level.hearings[-1].day
            decided = last + datetime.timedelta(days=int(rng.triangular(3, 60, 20)))
        else:
            last = served
            decided = served + datetime.timedelta(days=int(rng.triangular(12, 120, 40)))
        level.decided = self.decision_day(decided, last, term)
        level.judgment_served = self.next_workday(level.decided
                                             + datetime.timedelta(days=rng.randint(1, 10)))  # fmt: skip
        if level.answer >= level.decided:  # withdrawn before the answer was due
            level.answer = None
        self.end(level, end)
        if level.lost:
            if random_() < RECOMMEND_LOSS:
                level.recommendations.append(self.recommendation(level.judgment_served, "loss"))
        if end in APPEAL:
            appeal = self.appeals.setdefault(
                (unit.city.code, end), demo.Quota(APPEAL[end], rounded=True)
            )()
            window = 15 if end != "dismiss" else 10  # Art. 85
            appealed = level.judgment_served + datetime.timedelta(days=rng.randint(3, window))
            if appeal:
                level.appeal = appealed
                level.appellant = Appellant.AGENCY if end == "loss" else Appellant.OTHER
                level.later = self.later_level(unit, level, end)
        return level

    def decision_day(self, day, last, term) -> datetime.date:
        """`day`, after the `last` step before it and within the court's `term` (unless the
        last hearing leaves no room), on a working day if one is at hand."""
        day = max(day, last + DAY)
        if day > term:
            day = max(term, last + DAY)
        return self.workday_on_or_before(day, last + DAY)

    def end(self, level: _Level, end: str) -> None:
        level.lost = False
        if end == "win":
            level.judgment = Judgment.REJECT_CLAIMS
        elif end == "dismiss":
            level.judgment = Judgment.DISMISS_SUIT
        elif end == "withdrawn":
            level.judgment = Judgment.WITHDRAWN
        elif end == "mediated":
            level.judgment = Judgment.MEDIATED
        else:
            self.loss(level)

    def loss(self, level: _Level, kind=None) -> None:
        rng = self.rng
        if kind is None:
            kind = (self.pick_failure_loss(rng.random()) if level.cause.failure
                    else self.pick_loss(rng.random()))  # fmt: skip
            if kind == Judgment.CHANGE and not level.cause.penalty:
                kind = Judgment.ANNUL
        level.judgment = kind
        level.lost = True
        level.loss_ground = GROUND_OF.get(kind) or self.pick_annul_ground(rng.random())

    def hearings(self, unit, agency, level, days, served) -> list[_HearingPlan]:
        """The hearings of a level on `days`: the notice to appear served on the head at least
        three days before each (Provisions Art. 5); a qualifying head at one of them (Arts.
        2, 7) in HEAD_RATE of the levels heard, else an excuse (Art. 8) at each."""
        rng = self.rng
        rate = HEAD_RATE[level.level]
        if level.level == TrialLevel.FIRST:
            rate = HEAD_RATE_FIRST.get(unit.region.code[:6], rate)
        key = (id(unit), level.level)
        appears = self.heads.setdefault(key, demo.Quota(rate, rounded=True))()
        at_hearing = rng.randrange(len(days)) if appears else -1
        staff = f"{agency.org.short_name or agency.org.name}法制工作人员 {demo.person_name(rng)}"
        out = []
        for i, day in enumerate(days):
            notice = day - datetime.timedelta(days=rng.randint(HEAD_NOTICE_DAYS, 20))
            notice = max(notice, served)
            if (day - notice).days < HEAD_NOTICE_DAYS:
                day = self.next_workday(notice + datetime.timedelta(days=HEAD_NOTICE_DAYS))
            plan = _HearingPlan(notice, day, f"{level.court.name}第{rng.randint(1, 9)}法庭",
                                staff=staff)  # fmt: skip
            if i == at_hearing:
                position = self.pick_position(rng.random())
                plan.position = position
                plan.head = agency.heads[{HeadPosition.PRINCIPAL: 0, HeadPosition.DEPUTY:
                                          rng.choice((1, 2)), HeadPosition.OTHER: 3}[position]]  # fmt: skip
            else:
                plan.ground = self.pick_absence(rng.random())
                if plan.ground == AbsenceGround.NONE and rng.random() < RECOMMEND_ABSENT:
                    level.recommendations.append(self.recommendation(day, "absent"))
            out.append(plan)
        return out

    def recommendation(self, after, kind) -> tuple:
        """A judicial recommendation received some weeks after `after`, the reply asked for
        within 30 or 60 days (the court's letter) and given within it."""
        rng = self.rng
        received = self.next_workday(after + datetime.timedelta(days=rng.randint(7, 30)))
        due = (
            received + datetime.timedelta(days=rng.choice((30, 30, 60)))
            if rng.random() < 0.8
            else None
        )
        replied = self.workday_on_or_before(received + datetime.timedelta(days=rng.randint(10, 28)),
                                      received + DAY)  # fmt: skip
        return (received, kind, due, replied)

    def later_level(self, unit, earlier: _Level, end: str) -> _Level:
        """The second instance (Arts. 85–89): the appeal papers served on the agency some
        weeks after the appeal, decided within three months of the filing (Art. 88); then, for
        a share of the appeals decided, the petition for a retrial (Arts. 90, 91)."""
        rng = self.rng
        random_ = rng.random
        court = earlier.court.above
        served = self.next_workday(earlier.appeal + datetime.timedelta(days=rng.randint(15, 45)))
        level = self.next_level(earlier, TrialLevel.SECOND, court, served)
        pick = self.later_ends["loss" if earlier.lost else end]
        kind = pick(random_())
        term = self.workday_on_or_before(shift_months(level.filed, 3) - datetime.timedelta(days=3),
                                   level.filed)  # fmt: skip
        self.decide_later(unit, level, kind, served, term)
        if level.judgment == Judgment.UPHELD:
            if self.retrials.setdefault(unit.city.code, demo.Quota(RETRIAL, rounded=True))():
                served = self.next_workday(level.judgment_served
                                      + datetime.timedelta(days=rng.randint(30, 170)))  # fmt: skip
                retrial = self.next_level(level, TrialLevel.RETRIAL, court.above, served)
                term = served + datetime.timedelta(days=rng.randint(60, 160))
                self.decide_later(unit, retrial, self.later_ends["retrial"](random_()), served,
                                  term)  # fmt: skip
                level.later = retrial
        return level

    def next_level(self, earlier: _Level, trial_level, court, served) -> _Level:
        rng = self.rng
        filed = self.workday_on_or_before(served - datetime.timedelta(days=rng.randint(1, 5)),
                                    served - datetime.timedelta(days=9))  # fmt: skip
        level = _Level(earlier.agency, trial_level, court,
                       self.court_number(court, filed.year, trial_level), filed, served,
                       earlier.cause, earlier.act, earlier.act_number,
                       [(side, self.copy_party(party)) for side, party in earlier.parties])  # fmt: skip
        level.reconsideration, level.links = earlier.reconsideration, earlier.links
        return level

    def decide_later(self, unit, level: _Level, kind, served, term) -> None:
        rng = self.rng
        if rng.random() < 0.6:  # the appellee's or respondent's answer, some weeks in
            level.answer = self.workday_on_or_before(
                served + datetime.timedelta(days=rng.randint(5, 15)), served + DAY
            )
        last = level.answer or served
        if kind != Judgment.WITHDRAWN and rng.random() < HEARD_LATER[level.level]:
            day = self.next_workday(served + datetime.timedelta(days=rng.randint(20, 50)))
            level.hearings = self.hearings(unit, level.agency, level, [day], served)
            last = level.hearings[-1].day
        decided = served + datetime.timedelta(days=int(rng.triangular(20, 85, 45)))
        level.decided = decided = self.decision_day(decided, last, term)
        level.judgment_served = self.next_workday(
            decided + datetime.timedelta(days=rng.randint(2, 12))
        )
        if level.answer and level.answer >= decided:
            level.answer = None
        level.lost = False
        if kind in (Judgment.ANNUL, Judgment.DECLARE_UNLAWFUL):
            self.loss(level, kind)
        else:
            level.judgment = kind

    def parties(self, county: str, cause: Cause) -> list:
        """The plaintiff (a person mostly, a company in one case in five; in a work-injury case
        the worker, with the employer as a third party), sometimes a third party."""
        rng = self.rng
        company = self.companies.get(county[:4], "广州")
        out = []
        if rng.random() < 0.2 and cause.name != "工伤认定":
            out.append((Side.PLAINTIFF, self.company(company, county)))
        else:
            out.append((Side.PLAINTIFF, self.person(county)))
        if cause.name == "工伤认定":
            out.append((Side.THIRD_PARTY, self.company(company, county)))
        elif rng.random() < 0.08:
            out.append((Side.THIRD_PARTY, self.make_party(kind=PartyKind.PERSON,
                                                          name=demo.person_name(rng))))  # fmt: skip
        return out

    def person(self, county):
        rng = self.rng
        number = demo.resident_id(rng, county, year_from=1955, year_to=2004)
        return self.make_party(
            kind=PartyKind.PERSON, name=demo.person_name(rng), id_number=number,
            gender="male" if int(number[16]) % 2 else "female",
            birth_date=datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14])),
            phone=demo.mobile(rng) if rng.random() < 0.85 else "",
        )  # fmt: skip

    def company(self, city_name, county):
        rng = self.rng
        name = f"{city_name}{rng.choice(COMPANY_WORDS)}{rng.choice(COMPANY_KINDS)}有限公司"
        return self.make_party(kind=PartyKind.ORGANIZATION, name=name,
                               credit_code=demo.enterprise_credit_code(rng, county),
                               legal_representative=demo.person_name(rng),
                               phone=demo.mobile(rng))  # fmt: skip

    def copy_party(self, party: Party) -> Party:
        """The same person or company as a party to another case (a row of its own)."""
        return self.make_party(
            kind=party.kind, name=party.name, id_number=party.id_number, gender=party.gender,
            birth_date=party.birth_date, phone=party.phone, credit_code=party.credit_code,
            legal_representative=party.legal_representative, address=party.address,
        )  # fmt: skip

    def parties_of(self, target) -> list:
        """The applicants of the reconsideration case as plaintiffs (its `parties_on`, the
        convention both lines' cases follow)."""
        parties_on = getattr(target, "parties_on", None)
        applicants = parties_on(RECONSIDERATION_APPLICANT) if parties_on else []
        return [(Side.PLAINTIFF, self.copy_party(p)) for p in applicants]

    # -- the present

    def cut(self, first: _Level) -> list[history.Record]:
        """The records of the lawsuit's levels as they stand at the present: the steps that
        happened, the state, and the later levels whose papers were served."""
        records, earlier, level = [], None, first
        while level is not None and self.happened(level.served):
            record = self.record(level, earlier)
            records.append(record)
            earlier, level = record.case, level.later
        return records

    def record(self, level: _Level, earlier) -> history.Record:
        agency = level.agency
        case = self.make_case(
            organization_id=agency.org.pk,
            region_code=agency.org.region_id,
            team_id=agency.org.pk,
            state=S.PENDING,
            court=level.court.name,
            court_case_number=level.number,
            trial_level=level.level,
            cause=level.cause.name,
            act_description=level.act,
            act_number=level.act_number,
            reconsideration_number=level.reconsideration,
            complaint_served_on=level.served,
            filed_on=level.filed,
            version=1,
        )
        case.organization = agency.org
        if earlier is not None:
            case.earlier = earlier
        happened = self.happened
        concluded = happened(level.judgment_served)
        if happened(level.answer):
            case.answer_submitted_on = level.answer
        hearings = []
        for plan in level.hearings:
            if not happened(plan.notice):
                break
            hearing = self.make_hearing(hearing_on=plan.day, place=plan.place,
                                        notice_served_on=plan.notice)  # fmt: skip
            if happened(plan.day):
                hearing.held_on = plan.day
                hearing.staff = plan.staff
                if plan.head:
                    hearing.head_appeared = True
                    hearing.head_name, hearing.head_position = plan.head, plan.position
                else:
                    hearing.absence_ground = plan.ground
                    hearing.absence_explanation = ABSENCE_EXPLANATIONS[plan.ground]
            hearings.append(hearing)
        recommendations = []
        for received, kind, due, replied in level.recommendations:
            if not happened(received):
                continue
            recommendation = self.make_recommendation(
                received_on=received, content=RECOMMENDATIONS[kind], reply_due=due
            )
            if happened(replied):
                recommendation.replied_on, recommendation.reply = replied, REPLIES[kind]
            recommendations.append(recommendation)
        if concluded:
            case.state = S.CONCLUDED
            case.judgment_type = level.judgment
            case.decided_on, case.judgment_served_on = level.decided, level.judgment_served
            case.closed_at = self.at(level.decided, 16)
            if level.loss_ground:
                case.loss_ground = level.loss_ground
                case.loss_reasons = LOSS_REASONS[level.loss_ground]
            if happened(level.appeal):
                case.appealed_on, case.appellant = level.appeal, level.appellant
        return history.Record(case=case, parties=level.parties, hearings=hearings,
                              recommendations=recommendations, links=list(level.links))  # fmt: skip

    # -- open work for the demo logins

    def plan_open_work(self, unit: _Unit) -> list[_Plan]:
        """The focus district's open cases for its two logins, written with the history and
        then taken on through the engine (`take_on`)."""
        member = unit.agency_user.primary_membership if unit.agency_user else None
        ours = next((a for a in unit.agencies
                     if member and a.org.pk == member.organization_id), None)  # fmt: skip
        others = [a for a in unit.agencies if a is not ours and not a.kind.government]
        theirs = next((a for a in others if a.kind.abbreviation == "城管"),
                      others[0] if others else None)  # fmt: skip
        plans = []
        for login, agency in (("agency", ours), ("staff", theirs)):
            if agency is None or (unit.agency_user if login == "agency" else unit.staff) is None:
                continue
            plans += self.open_cases(unit, agency, login)
        return plans

    def open_cases(self, unit, agency, login) -> list[_Plan]:
        rng = self.rng
        today = self.today
        ours = login == "agency"
        out = []

        def case(served, cause_key):
            cause = CAUSES[cause_key]
            filed = self.workday_on_or_before(served - datetime.timedelta(days=3),
                                        served - datetime.timedelta(days=9))  # fmt: skip
            act, act_number = self.act(agency, cause, served)
            level = _Level(agency, TrialLevel.FIRST, agency.court,
                           self.court_number(agency.court, filed.year, TrialLevel.FIRST), filed,
                           served, cause, act, act_number,
                           self.parties(unit.region.code, cause))  # fmt: skip
            return self.record(level, None)

        def day(n):
            return self.back(n).isoformat()

        def answered(served):  # ten days on (Art. 67: within 15)
            return self.workday_on_or_before(served + datetime.timedelta(days=10), served + DAY)

        # Waiting for the answer (Art. 67: 15 days from the service): served a week ago, and
        # twelve days ago (due within days).
        for days in (7, 12):
            served = self.workday_on_or_before(today - datetime.timedelta(days=days),
                                         today - datetime.timedelta(days=days + 2))  # fmt: skip
            out.append(_Plan([case(served, "failure" if ours else "penalty")], unit,
                             login=login))  # fmt: skip
        # A hearing scheduled: answered, the notice to appear served two working days ago for
        # a hearing a week on (Provisions Art. 5: at least three days ahead).
        served = self.back(30)
        hearing_on = self.next_workday(today + datetime.timedelta(days=7))
        out.append(_Plan([case(served, "penalty")], unit, [
            ("submit_answer", {"on_date": answered(served).isoformat()}),
            ("schedule_hearing", {"on_date": day(2), "hearing_on": hearing_on.isoformat(),
                                  "place": f"{agency.court.name}第三法庭"}),
        ], login=login))  # fmt: skip
        # Concluded within the appeal period (Art. 85: 15 days from the service of the
        # judgment): heard a month ago — the principal head in court for the agency login's,
        # excused for the staff's — the judgment served four working days ago. The first focus
        # district's agency lost (to appeal or not, Art. 85) and has a judicial recommendation
        # to reply to (Art. 66); the other cases were won, so that the open work leaves a
        # small demo's win rate near its target.
        served, heard = self.back(70), self.back(30)
        lost = ours and unit.region.code == next(iter(demo.FOCUS_DISTRICTS))
        staff = f"法制工作人员 {demo.person_name(rng)}"
        appeared = ({"head_appeared": True, "head_name": agency.heads[0],
                     "head_position": HeadPosition.PRINCIPAL, "staff": staff} if ours
                    else {"head_appeared": False, "absence_ground": AbsenceGround.DUTY,
                          "absence_explanation": ABSENCE_EXPLANATIONS[AbsenceGround.DUTY],
                          "staff": staff})  # fmt: skip
        judgment = ({"judgment_type": Judgment.ANNUL, "loss_ground": LossGround.PROCEDURE,
                     "loss_reasons": LOSS_REASONS[LossGround.PROCEDURE]} if lost
                    else {"judgment_type": Judgment.REJECT_CLAIMS})  # fmt: skip
        steps = [
            ("submit_answer", {"on_date": answered(served).isoformat()}),
            ("schedule_hearing", {"on_date": day(40), "hearing_on": heard.isoformat(),
                                  "place": f"{agency.court.name}第五法庭"}),
            ("record_hearing", {"on_date": heard.isoformat(), **appeared}),
            ("conclude", {"on_date": day(8), "served_on": day(4), **judgment}),
        ]  # fmt: skip
        if lost:
            due = today + datetime.timedelta(days=27)
            steps.append(("receive_recommendation", {
                "on_date": day(2), "content": RECOMMENDATIONS["loss"],
                "reply_due": due.isoformat()}))  # fmt: skip
        out.append(_Plan([case(served, "penalty")], unit, steps, login=login))
        return out

    def take_on(self, plan: _Plan) -> None:
        """Fire the open case's steps through the engine as the login would, then give it to
        the login: the agency's handler claims it from the agency's queue, the bureau's staff
        is assigned it (the case's team is the agency, not the bureau)."""
        case = plan.records[0].case
        user = plan.unit.agency_user if plan.login == "agency" else plan.unit.staff
        for name, data in plan.steps:
            case = engine.fire(case, name, actor=user, data=data)
        if plan.login == "agency":
            engine.claim(case, actor=user)
        else:
            engine.assign(case, actor=user, assignee=user)


def build(world: demo.DemoWorld) -> None:
    rng = random.Random(world.seed + 23)
    units = _units(world, rng)
    if not units:
        return
    _Writer(world, rng, units).history()


demo.register(75, "litigation", build)
