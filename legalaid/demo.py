"""Demo data for legal aid (法律援助): the lawyers of the demo firms and the centres' pools,
exemption categories, rubrics and subsidy rates, three years of applications and cases with
their lottery draws (摇珠), evaluations, removals from the pools, subsidies and consultations,
and open work for the demo logins, written with bulk inserts.

Calibrated on the sample reports: 广州 receives about 23,000 legal aid applications a year
(scale "city"); 白云 3,037 applications and 9,059 consultations a year (so about three
consultations per application), losses recovered of about 5,000 yuan per application, and the
review cut to one working day (most decisions on the day of receipt or the next working day,
法律援助法第四十三条). The "small" scale is a hundredth of that; at scale "province" each of the
ten cities has 广州's volume. Aid is granted in about 95% of decisions; criminal defence is
mostly notified by a court, procuratorate or the police (Arts. 25, 35–36, no means test);
most lawyers are drawn by lot from those who opted in (Art. 43; a few by rotation when nobody
eligible opted in, some assigned directly), and every draw verifies with legalaid.lottery
(`fazhi lottery verify`): its seed is drawn from the demo's random stream, its commitment is
SHA-256 of the seed, its candidates are the lawyers who opted in less those excluded (Art. 26:
a case that may end in life imprisonment or death excludes lawyers under three years'
practice), ordered by id.

Every case is written as the engine would have left it: its number from the centre's
sequence (a numbering rule per centre, 穗海法援字), one event per step, the clocks of
legalaid.process (the review with its 补正 pause, the local target, the assignment, the
objection and the case file) with the due dates the engine computes, the review time measured
as `legalaid.process.review_days` measures it, and the draw, opt-ins, progress reports and
representation of the lawyer. Histories are planned in full and cut at the demo's present,
so recent cases stand in every state. No audit rows (the audit log records what people do).

Cases are generated and written in chunks of at most `CHUNK`, cut between centres or, within
a centre's year, between dates of receipt, so that memory stays bounded at any scale; a
progress bar counts them on a terminal.

Open work for the demo logins (`{district}_legalaid`, centre staff, and `{district}_lawyer`):
applications waiting for review (one filed online, with a tracking code), one waiting for
materials, one granted and announced for the draw with opt-ins open, one granted to be
announced, an objection; for the lawyer, cases assigned, in progress and concluded with the
case file due, and the open draw to opt into.
"""

from __future__ import annotations

import datetime
import random
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connections, router
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext

from cases import bulk
from cases.calendar import get_calendar
from cases.clocks import excluded_days
from cases.models import (
    CaseEvent,
    Channel,
    Clock,
    ClockPause,
    ClockState,
    NumberingRule,
    Representation,
)
from core import demo
from core.copy import copy_insert, copy_rows, next_ids
from core.models import (
    Lawyer,
    Organization,
    OrganizationKind,
    Party,
    PartyKind,
    Region,
    User,
)
from core.roles import Role
from indicators.rollups import months_between, note_change
from legalaid import draws as draw_rules
from legalaid import lottery
from legalaid.choices import (
    AssignmentMethod,
    Category,
    Decision,
    Grade,
    Group,
    Hardship,
    Material,
    Matter,
    NotifyingAuthority,
    Outcome,
    ProgressStage,
    Result,
    Side,
    Source,
    TerminationGround,
)
from legalaid.models import (
    AidCase,
    AidParty,
    Consultation,
    Criterion,
    Draw,
    Evaluation,
    Exemption,
    OptIn,
    PoolMember,
    Progress,
    Removal,
    Subsidy,
    SubsidyRate,
)
from legalaid.process import AID_PROCESS, S
from legalaid.services import exemption_applies

# Applications a year per city. "city": 广州's, about 23,000 — 白云 received 3,037 in 2019, its
# CENTRE_WEIGHT (13%) of that, and 海珠 1,158 in January–October 2020, about its 6% (sample
# reports); "small" a hundredth. "province" gives each of its ten cities 广州's volume, as
# mediation.demo.PER_YEAR does (92,000 disputes a year per city at both scales): ten times the
# city scale in all, about 230,000 a year and 670,000 over the three years for the province.
PER_YEAR = {"small": 230, "city": 23_000, "province": 23_000}
CONSULTATIONS_PER_CASE = 9_059 / 3_037  # 白云 2019
# The most cases generated and written at once, so that memory does not grow with the scale.
CHUNK = 5_000
# Law firms per district (the core world's first) and lawyers per firm.
FIRMS_PER_DISTRICT = {"small": 0, "city": 8, "province": 8}
LAWYERS_PER_FIRM = {"small": 4, "city": 12, "province": 12}
FIRM_WORDS = ("正平", "明德", "信诚", "法正", "德和", "君信", "华誉", "广信", "金诚", "卓越")

# Share of 广州's applications per centre (county code; "4401" the city's own centre, which
# takes the intermediate court's cases). 白云 3,037 of about 23,000.
CENTRE_WEIGHT = {
    "4401": 0.06, "440103": 0.06, "440104": 0.06, "440105": 0.06, "440106": 0.08,
    "440111": 0.13, "440112": 0.07, "440113": 0.12, "440114": 0.10, "440115": 0.06,
    "440117": 0.07, "440118": 0.13,
}  # fmt: skip

# (matter, category, weight, amount claimed: (low, high, mode) in yuan or None)
MIX = [
    (Matter.CIVIL, Category.WAGES, 18, (1_000, 50_000, 6_000)),
    (Matter.CIVIL, Category.WORK_INJURY, 7, (5_000, 200_000, 30_000)),
    (Matter.CIVIL, Category.MARRIAGE_FAMILY, 8, (0, 100_000, 2_000)),
    (Matter.CIVIL, Category.MAINTENANCE, 3, (3_000, 60_000, 10_000)),
    (Matter.CIVIL, Category.TRAFFIC, 6, (5_000, 200_000, 30_000)),
    (Matter.CIVIL, Category.MEDICAL, 1, (10_000, 300_000, 50_000)),
    (Matter.CIVIL, Category.SOCIAL_INSURANCE, 2, (1_000, 50_000, 8_000)),
    (Matter.CIVIL, Category.PERSONAL_INJURY, 4, (2_000, 100_000, 10_000)),
    (Matter.CIVIL, Category.ENVIRONMENT, 0.2, (1_000, 100_000, 10_000)),
    (Matter.CIVIL, Category.OTHER, 3.8, (0, 50_000, 5_000)),
    (Matter.CRIMINAL, Category.CRIMINAL_DEFENCE, 40, None),
    (Matter.CRIMINAL, Category.CRIMINAL_VICTIM, 3, (0, 100_000, 10_000)),
    (Matter.ADMINISTRATIVE, Category.SOCIAL_INSURANCE, 1, (1_000, 50_000, 8_000)),
    (Matter.ADMINISTRATIVE, Category.OTHER, 1.5, (0, 50_000, 0)),
    (Matter.STATE_COMPENSATION, Category.STATE_COMPENSATION, 0.5, (5_000, 200_000, 30_000)),
]
LABOUR = (Category.WAGES, Category.WORK_INJURY, Category.SOCIAL_INSURANCE)
# Stages of proceedings (AidCase.stage, SubsidyRate.stage): (stage, weight, days of handling
# from the assignment to the end of the matter: low, high, mode; litigation or not).
STAGES = {
    "labour": [("劳动仲裁", 50, (30, 100, 50), True), ("一审", 35, (60, 200, 100), True),
               ("二审", 5, (45, 120, 70), True), ("非诉讼", 10, (10, 60, 25), False)],
    "civil": [("一审", 75, (60, 200, 100), True), ("二审", 10, (45, 120, 70), True),
              ("非诉讼", 15, (10, 60, 25), False)],
    "defence": [("侦查阶段", 15, (20, 60, 30), False), ("审查起诉阶段", 25, (20, 60, 35), False),
                ("审判阶段", 60, (30, 120, 60), True)],
    "victim": [("审判阶段", 100, (30, 120, 60), True)],
    "administrative": [("一审", 70, (60, 180, 90), True), ("行政复议", 30, (30, 90, 50), False)],
    "state_compensation": [("赔偿申请", 100, (60, 150, 90), False)],
}  # fmt: skip
RATES = {  # subsidy per case (yuan) by matter and stage, before this year's rise
    Matter.CIVIL: {"劳动仲裁": 2_000, "一审": 2_500, "二审": 2_000, "非诉讼": 1_200},
    Matter.CRIMINAL: {"侦查阶段": 1_200, "审查起诉阶段": 1_500, "审判阶段": 2_500},
    Matter.ADMINISTRATIVE: {"一审": 2_500, "行政复议": 1_500},
    Matter.STATE_COMPENSATION: {"赔偿申请": 2_000},
}
TITLES = {
    Category.WAGES: ("追索劳动报酬", "申请人在{place}务工，用人单位拖欠工资{amount}元，多次催讨未果。"),
    Category.WORK_INJURY: ("工伤赔偿", "申请人在{place}工作期间受伤，经认定为工伤，用人单位拒绝支付工伤待遇。"),
    Category.MARRIAGE_FAMILY: ("离婚纠纷", "申请人与配偶感情破裂，就子女抚养和财产分割无法协商一致。"),
    Category.MAINTENANCE: ("追索赡养费", "申请人年老体弱，无固定收入，子女拒绝履行赡养义务。"),
    Category.TRAFFIC: ("交通事故损害赔偿", "申请人在{place}发生交通事故受伤，肇事方未足额赔偿。"),
    Category.MEDICAL: ("医疗损害赔偿", "申请人在医院治疗后病情加重，认为医疗机构存在过错。"),
    Category.SOCIAL_INSURANCE: ("社会保险待遇", "申请人的社会保险待遇未依法核定发放。"),
    Category.PERSONAL_INJURY: ("人身损害赔偿", "申请人在{place}被他人致伤，对方拒绝赔偿医疗费等损失。"),
    Category.ENVIRONMENT: ("环境污染损害赔偿", "申请人住所附近工厂排放污染物，造成养殖损失。"),
    Category.CRIMINAL_DEFENCE: ("刑事辩护", "犯罪嫌疑人（被告人）因经济困难或属法定情形没有委托辩护人。"),
    Category.CRIMINAL_VICTIM: ("被害人代理", "申请人系刑事案件被害人，因经济困难无力委托诉讼代理人。"),
    Category.STATE_COMPENSATION: ("国家赔偿", "申请人被羁押后经再审改判无罪，申请国家赔偿。"),
    Category.OTHER: ("其他法律事务", "申请人因经济困难无力委托代理人，申请法律援助。"),
}  # fmt: skip
CRIMES = ("盗窃", "故意伤害", "诈骗", "抢劫", "贩卖毒品", "寻衅滋事", "交通肇事", "非法拘禁")
SERIOUS_CRIMES = ("故意杀人", "贩卖毒品", "抢劫", "绑架")
COMPANY_WORDS = ("恒信", "粤发", "穗安", "珠江", "南湖", "华鑫", "宏达", "锦程")
COMPANY_KINDS = ("建筑劳务", "物流", "餐饮管理", "电子厂", "物业管理", "制衣")
RESULTS = {
    "civil": [(Result.JUDGMENT_WON, 30), (Result.JUDGMENT_PARTLY, 20), (Result.MEDIATED, 25),
              (Result.SETTLED, 12), (Result.WITHDRAWN, 5), (Result.JUDGMENT_LOST, 6),
              (Result.OTHER, 2)],
    "defence": [(Result.DEFENCE_ADOPTED, 60), (Result.DEFENCE_NOT_ADOPTED, 35),
                (Result.OTHER, 5)],
    "victim": [(Result.JUDGMENT_WON, 50), (Result.JUDGMENT_PARTLY, 25), (Result.MEDIATED, 15),
               (Result.OTHER, 10)],
}  # fmt: skip
RECOVERED = {  # share of the amount claimed recovered or avoided, by result (low, high)
    Result.JUDGMENT_WON: (0.25, 0.5), Result.JUDGMENT_PARTLY: (0.1, 0.25),
    Result.MEDIATED: (0.15, 0.4), Result.SETTLED: (0.15, 0.4),
}  # fmt: skip
CLOSING = {  # the closing report (结案报告) in brief, by result
    Result.JUDGMENT_WON: "承办律师依法出庭代理，法院判决支持受援人的诉讼请求。",
    Result.JUDGMENT_PARTLY: "承办律师依法出庭代理，法院判决部分支持受援人的诉讼请求。",
    Result.JUDGMENT_LOST: "承办律师依法出庭代理，法院判决驳回受援人的诉讼请求。",
    Result.MEDIATED: "经承办律师参与调解，双方达成调解协议。",
    Result.SETTLED: "经承办律师协调，双方自行和解。",
    Result.WITHDRAWN: "受援人撤回起诉（申请），案件办结。",
    Result.DEFENCE_ADOPTED: "承办律师依法提出辩护意见，辩护意见被采纳。",
    Result.DEFENCE_NOT_ADOPTED: "承办律师依法提出辩护意见，辩护意见未被采纳。",
    Result.OTHER: "承办律师依法履行职责，案件办结。",
}
RUBRIC = {
    Criterion.Kind.HEARING: (("庭前准备", 20), ("庭审表现", 40), ("法律文书", 20), ("职业礼仪", 20)),
    Criterion.Kind.FILE: (("卷宗完整", 30), ("办案过程", 40), ("结案报告", 30)),
}  # fmt: skip
EXPERTS = ("评估专家", "中心质量评估小组")
# National exemption categories (Arts. 32, 42) and a local one of 海珠 (sample report 2020).
EXEMPTIONS = [
    ("英雄烈士近亲属为维护英雄烈士的人格权益", Exemption.Kind.NO_HARDSHIP, "法律援助法第三十二条第一项"),
    ("因见义勇为行为主张相关民事权益", Exemption.Kind.NO_HARDSHIP, "法律援助法第三十二条第二项"),
    ("再审改判无罪请求国家赔偿", Exemption.Kind.NO_HARDSHIP, "法律援助法第三十二条第三项"),
    ("遭受虐待、遗弃或者家庭暴力的受害人主张相关权益", Exemption.Kind.NO_HARDSHIP,
     "法律援助法第三十二条第四项"),
    ("无固定生活来源的未成年人、老年人、残疾人等特定群体", Exemption.Kind.CHECK_WAIVED,
     "法律援助法第四十二条第一项"),
    ("社会救助、司法救助或者优抚对象", Exemption.Kind.CHECK_WAIVED, "法律援助法第四十二条第二项"),
    ("申请支付劳动报酬或者请求工伤事故人身损害赔偿的进城务工人员", Exemption.Kind.CHECK_WAIVED,
     "法律援助法第四十二条第三项"),
]  # fmt: skip
LOCAL_EXEMPTION = ("疫情防控一线医务人员、社区工作者和志愿者", Exemption.Kind.CHECK_WAIVED,
                   "海珠区司法局法律援助便民措施（2020年）")  # fmt: skip
# cases.bulk's rows, with what the demo writes besides: an event's data, a clock's assignee.
EVENT_FIELDS = (*bulk.EVENT_FIELDS, "data")
CLOCK_FIELDS = (*bulk.CLOCK_FIELDS, "assignee_id")
DAY = datetime.timedelta(days=1)
HALF, CENT = Decimal("0.5"), Decimal("0.01")


# -- the register of lawyers and the pools -------------------------------------------------------


@dataclass
class _Lawyer:
    pk: int
    name: str
    firm_id: int
    licensed_on: datetime.date
    user_id: int | None
    quality: float  # the mean score experts give them

    def years(self, on: datetime.date) -> int:
        years = on.year - self.licensed_on.year
        if (on.month, on.day) < (self.licensed_on.month, self.licensed_on.day):
            years -= 1
        return max(years, 0)


@dataclass
class _Member:
    lawyer: _Lawyer
    centre_id: int
    matters: tuple[str, ...]
    joined_on: datetime.date
    off_from: datetime.date | None = None  # removed or suspended from this day
    suspended: bool = False
    pk: int | None = None

    def serves(self, day: datetime.date, matter: str) -> bool:
        return (
            self.joined_on <= day
            and (self.off_from is None or day < self.off_from)
            and (not self.matters or matter in self.matters)
        )


@dataclass
class _Centre:
    org: Organization
    city: demo.City
    district: Region  # the county, or the city for the city's own centre
    weight: float
    members: list[_Member] = field(default_factory=list)
    staff_id: int | None = None


def build(world: demo.DemoWorld) -> None:
    rng = random.Random(world.seed + 12)
    dates = random.Random(world.seed + 13)  # registers: lawyers, pools, removals
    centres = _centres(world)
    if not centres:
        return
    _numbering(centres)
    exemptions = _exemptions(world, centres)
    criteria = _criteria(centres)
    rates = _rates(world, centres)
    lawyers = _lawyers(world, dates, centres)
    removals = _plan_removals(world, dates, centres)
    _write_pools(centres)
    _staff(world, centres)
    writer = _Writer(world, rng, centres, exemptions, criteria, rates, lawyers)
    writer.watched = {(r.member.lawyer.pk, r.member.centre_id, r.year) for r in removals}
    writer.history()
    _removals(centres, removals)
    _consultations(world, rng, centres)
    # Past months' figures change: their roll-ups are counted live until refreshed.
    first = datetime.date(world.today.year - 2, 1, 1)
    note_change(months_between(first, world.today))


def _centres(world) -> list[_Centre]:
    cities = {city.code[:4]: city for city in world.cities}
    rows = (
        Organization.objects.filter(kind=OrganizationKind.LEGAL_AID_CENTRE, is_active=True)
        .select_related("region", "region__parent")
        .order_by("region_id", "pk")
    )
    centres = []
    for org in rows:
        city = cities.get(org.region_id[:4])
        if city is None:
            continue
        if any(c.district.code == org.region_id for c in centres):
            continue  # one centre per region takes the demo's cases
        centres.append(_Centre(org=org, city=city, district=org.region, weight=0.0))
    for city in world.cities:
        ours = [c for c in centres if c.city is city]
        if city.code == demo.CITY_CODE:
            for c in ours:
                key = "4401" if c.district.level == 2 else c.district.code[:6]
                c.weight = CENTRE_WEIGHT.get(key, 0.05)
        else:  # by the number of streets, like the mediation demo; the city centre 6%
            streets = {c.district.code: c.district.children.count() for c in ours
                       if c.district.level == 3}  # fmt: skip
            total = sum(streets.values()) or 1
            for c in ours:
                c.weight = (
                    0.06 if c.district.level == 2 else 0.94 * streets[c.district.code] / total
                )
    return centres


def _abbreviation(centre: _Centre) -> str:
    """穗海 for 海珠区's centre, 穗 for the city's own (its cases: （2025）穗海法援字第0001号)."""
    if centre.district.level == 2:
        return centre.city.abbreviation
    return centre.city.abbreviation + centre.district.name[:1]


def _numbering(centres) -> None:
    NumberingRule.objects.bulk_create(
        [NumberingRule(organization=c.org, series=AID_PROCESS.number_series,
                       pattern=f"（{{year}}）{_abbreviation(c)}法援字第{{seq:04d}}号")
         for c in centres],
        ignore_conflicts=True,
    )  # fmt: skip


def _exemptions(world, centres) -> dict:
    """The national categories (Arts. 32, 42), added by the province's department or by each
    city's bureau, and 海珠's local one; returns the active ones by kind."""
    if demo.PROVINCE_CODE in world.bureaus:
        adders = [world.bureaus[demo.PROVINCE_CODE]]
    else:
        adders = [world.bureaus[city.code] for city in world.cities if city.code in world.bureaus]
    made = []
    for org in adders:
        for name, kind, basis in EXEMPTIONS:
            if not Exemption.objects.filter(
                region_code=org.region_id, name=name, kind=kind
            ).exists():
                made.append(Exemption(name=name, kind=kind, legal_basis=basis, organization=org,
                                      region_code=org.region_id))  # fmt: skip
    haizhu = world.bureaus.get("440105000000")
    if haizhu is not None:
        name, kind, basis = LOCAL_EXEMPTION
        made.append(Exemption(name=name, kind=kind, legal_basis=basis, organization=haizhu,
                              region_code=haizhu.region_id))  # fmt: skip
    Exemption.objects.bulk_create(made)
    by_kind: dict = defaultdict(list)
    for e in Exemption.objects.filter(is_active=True).order_by("pk"):
        by_kind[e.kind].append(e)
    return by_kind


def _criteria(centres) -> dict[int, dict[str, list[Criterion]]]:
    rows = []
    for c in centres:
        for kind, lines in RUBRIC.items():
            for position, (name, points) in enumerate(lines):
                rows.append(Criterion(centre=c.org, kind=kind, name=name, max_score=points,
                                      position=position, region_code=c.org.region_id))  # fmt: skip
    Criterion.objects.bulk_create(rows)
    out: dict[int, dict[str, list[Criterion]]] = defaultdict(lambda: defaultdict(list))
    for criterion in Criterion.objects.filter(centre__in=[c.org for c in centres]).order_by(
        "centre_id", "kind", "position"
    ):
        out[criterion.centre_id][criterion.kind].append(criterion)
    return out


def _rates(world, centres) -> dict:
    """The subsidy schedule (Art. 52) of each centre: the rates of three years ago and a rise
    of 10% from 1 January this year. {(centre id, matter, stage): [(valid from, amount)]}."""
    this_year = world.today.year
    old, new = datetime.date(this_year - 3, 1, 1), datetime.date(this_year, 1, 1)
    rows, out = [], defaultdict(list)
    for c in centres:
        for matter, stages in RATES.items():
            for stage, amount in stages.items():
                for valid_from, value in ((old, amount), (new, round(amount * 1.1, -1))):
                    value = Decimal(value)
                    rows.append(SubsidyRate(centre=c.org, matter=matter, stage=stage,
                                            amount=value, valid_from=valid_from,
                                            region_code=c.org.region_id))  # fmt: skip
                    out[c.org.pk, matter, stage].append((valid_from, value))
    SubsidyRate.objects.bulk_create(rows)
    return out


def _lawyers(world, dates, centres) -> dict[int, _Lawyer]:
    """Lawyers of the demo firms (more firms per district at the larger scales), each with a
    unique practising certificate number; about one in seven licensed less than three years
    ago (Art. 26). The demo's `{district}_lawyer` logins are lawyers of their firm."""
    today = world.today
    firms_by_district: dict[str, list[Organization]] = defaultdict(list)
    for firm in world.law_firms:
        firms_by_district[firm.region_id].append(firm)
    wanted = FIRMS_PER_DISTRICT[world.scale]
    for firms in firms_by_district.values():
        if len(firms) >= wanted:
            continue
        district = firms[0].region
        used = {f.name for f in firms}
        for word in FIRM_WORDS:
            if len(firms) >= wanted:
                break
            name = f"广东{district.name[:2]}{word}律师事务所"
            if name in used:
                continue
            firm = Organization.objects.create(
                name=name, kind=OrganizationKind.LAW_FIRM, region=district, parent=firms[0].parent
            )
            firms.append(firm)
    serial = 0
    rows, quality = [], {}
    demo_lawyers = {
        user.primary_membership.organization_id: user
        for name, user in world.users.items()
        if name.endswith("_lawyer")
    }
    per_firm = LAWYERS_PER_FIRM[world.scale]
    for district_code in sorted(firms_by_district):
        for firm in firms_by_district[district_code]:
            people = [(demo.person_name(dates), None) for _ in range(per_firm)]
            if firm.pk in demo_lawyers:
                user = demo_lawyers[firm.pk]
                people.insert(0, (user.full_name or user.username, user))
            for name, user in people:
                serial += 1
                if user is not None:
                    licensed = today.replace(year=today.year - 8, day=1)
                elif dates.random() < 0.15:  # under three years' practice
                    licensed = today - datetime.timedelta(days=dates.randint(120, 1000))
                else:
                    licensed = today - datetime.timedelta(days=dates.randint(3 * 366, 25 * 365))
                male = dates.random() < 0.55
                number = f"1{firm.region_id[:4]}{licensed.year}{int(male)}{serial:07d}"
                rows.append(Lawyer(name=name, organization=firm, user=user,
                                   licence_number=number, licensed_on=licensed,
                                   phone=demo.mobile(dates), region_code=firm.region_id))  # fmt: skip
                quality[number] = min(97.0, max(62.0, dates.gauss(84, 5)))
    created = Lawyer.objects.bulk_create(rows, batch_size=1000)
    if any(lawyer.pk is None for lawyer in created):  # a database that returns no ids
        created = Lawyer.objects.filter(licence_number__in=list(quality))
    lawyers = {}
    for lawyer in sorted(created, key=lambda x: x.pk):
        lawyers[lawyer.pk] = _Lawyer(lawyer.pk, lawyer.name, lawyer.organization_id,
                                     lawyer.licensed_on, lawyer.user_id,
                                     quality[lawyer.licence_number])  # fmt: skip
    firm_region = {f.pk: f.region_id for firms in firms_by_district.values() for f in firms}
    # Pools: a district's centre takes most of its district's lawyers; the city's centre
    # about a fifth of the city's, mostly experienced ones.
    first_day = datetime.date(today.year - 2, 1, 1)
    by_district: dict[str, list[_Lawyer]] = defaultdict(list)
    for lawyer in lawyers.values():
        by_district[firm_region[lawyer.firm_id]].append(lawyer)
    for centre in centres:
        if centre.district.level == 2:
            prefix = centre.district.code[:4]
            pool = [x for code, xs in sorted(by_district.items()) if code.startswith(prefix)
                    for x in xs if x.years(today) >= 3 and dates.random() < 0.2]  # fmt: skip
        else:
            pool = [x for x in by_district.get(centre.district.code, [])
                    if x.user_id or dates.random() < 0.92]  # fmt: skip
        for lawyer in pool:
            if lawyer.user_id:
                joined, matters = first_day - datetime.timedelta(days=400), ()
            else:
                earliest = max(lawyer.licensed_on + datetime.timedelta(days=30),
                               first_day - datetime.timedelta(days=6 * 365))  # fmt: skip
                if dates.random() < 0.85 and earliest < first_day:
                    joined = earliest + datetime.timedelta(
                        days=dates.randrange((first_day - earliest).days)
                    )
                else:  # joined during the demo's three years
                    start = max(earliest, first_day)
                    span = max(1, (today - start).days - 30)
                    joined = start + datetime.timedelta(days=dates.randrange(span))
                roll = dates.random()
                matters = ((Matter.CIVIL, Matter.ADMINISTRATIVE) if roll < 0.12
                           else (Matter.CRIMINAL,) if roll < 0.2 else ())  # fmt: skip
            centre.members.append(_Member(lawyer, centre.org.pk, matters, joined))
        # A few members suspended lately (they take no draw from that day).
        for member in centre.members:
            if not member.lawyer.user_id and dates.random() < 0.02:
                member.off_from = today - datetime.timedelta(days=dates.randint(10, 120))
                member.suspended = True
    return lawyers


@dataclass
class _Removal:
    member: _Member
    year: int
    noticed_on: datetime.date
    appeal_until: datetime.date
    appealed: bool
    withdrawn: bool
    effective_on: datetime.date | None  # None: not yet (or withdrawn)


def _plan_removals(world, dates, centres) -> list[_Removal]:
    """The yearly ranking of the two last full years removes about the lowest 8% of each
    district pool (罗湖: 10 of 70), after notice and an appeal period
    (FAZHI_LEGALAID_APPEAL_DAYS); a few appeals succeed. Decided before the cases, so that a
    removed lawyer takes no draw after the removal; their scores are low."""
    from legalaid.quality import appeal_deadline

    today = world.today
    out = []
    for centre in centres:
        if centre.district.level == 2:
            continue
        for year in (today.year - 2, today.year - 1):
            noticed = datetime.date(year + 1, 1, 10) + datetime.timedelta(days=dates.randint(0, 40))
            if noticed > today:
                continue
            active = [m for m in centre.members if m.joined_on <= datetime.date(year, 6, 30)
                      and m.off_from is None and not m.lawyer.user_id]  # fmt: skip
            n = round(0.08 * len(active))
            if n == 0:
                continue
            for member in sorted(active, key=lambda m: m.lawyer.quality)[:n]:
                member.lawyer.quality = min(member.lawyer.quality, dates.uniform(62, 72))
                appeal_until = appeal_deadline(noticed)
                appealed = dates.random() < 0.2
                withdrawn = appealed and dates.random() < 0.3
                effective = appeal_until + datetime.timedelta(days=dates.randint(1, 10))
                if withdrawn or effective > today:
                    effective = None
                if effective is not None:
                    member.off_from = effective
                out.append(_Removal(member, year, noticed, appeal_until, appealed, withdrawn,
                                    effective))  # fmt: skip
    return out


def _write_pools(centres) -> None:
    rows = []
    for centre in centres:
        for m in centre.members:
            status = (PoolMember.Status.SUSPENDED if m.suspended
                      else PoolMember.Status.REMOVED if m.off_from else PoolMember.Status.ACTIVE)  # fmt: skip
            rows.append(PoolMember(
                centre_id=centre.org.pk, lawyer_id=m.lawyer.pk, matters=list(m.matters),
                status=status, joined_on=m.joined_on,
                left_on=m.off_from if status == PoolMember.Status.REMOVED else None,
                workload_cap=20 if m.lawyer.user_id else None, region_code=centre.org.region_id,
            ))  # fmt: skip
    PoolMember.objects.bulk_create(rows, batch_size=1000)
    ids = {
        (p.centre_id, p.lawyer_id): p.pk for p in PoolMember.objects.only("centre_id", "lawyer_id")
    }
    for centre in centres:
        for m in centre.members:
            m.pk = ids[centre.org.pk, m.lawyer.pk]


def _staff(world, centres) -> None:
    """A staff login (`{district}_legalaid`, section staff) at each focus district's centre,
    printed with the other demo logins."""
    rng = random.Random(world.seed + 14)
    for code, slug in demo.FOCUS_DISTRICTS.items():
        centre = next((c for c in centres if c.district.code == code), None)
        username = f"{slug}_legalaid"
        if centre is None or User.objects.filter(username=username).exists():
            continue
        user = demo.add_user(world, username, demo.person_name(rng), centre.org,
                             Role.SECTION_STAFF)  # fmt: skip
        centre.staff_id = user.pk


# -- cases ---------------------------------------------------------------------------------------


@dataclass
class _Step:
    name: str
    target: str | None  # None: the state does not change (aid before the decision)
    at: datetime.datetime
    changes: dict = field(default_factory=dict)


@dataclass
class _Plan:
    case: AidCase
    parties: list  # (side, unsaved Party)
    steps: list[_Step]
    centre: _Centre
    amount: Decimal
    assignee_id: int | None = None  # set by the demo's open work
    draw: dict | None = None  # the lottery's inputs, once announced
    hearing_on: datetime.date | None = None


class _Writer(bulk.WorkingDays):
    """Plans every case, cuts it at the demo's present and writes it as the engine would
    have."""

    def __init__(self, world, rng, centres, exemptions, criteria, rates, lawyers):
        self.world, self.rng, self.centres = world, rng, centres
        self.exemptions, self.criteria, self.rates = exemptions, criteria, rates
        self.lawyers = lawyers
        self.calendar = get_calendar()
        self.zone = timezone.get_current_timezone()
        self.today = world.today
        now = timezone.now()
        end = self.at(self.today, 23, 59)
        self.cutoff = now if timezone.localdate(now) == self.today else end
        self.target = settings.FAZHI_LEGALAID_TARGET_WORKING_DAYS
        self.opt_hours = settings.FAZHI_LEGALAID_OPT_IN_HOURS
        self.pick_mix = demo.Picker([((m, c, r), w) for m, c, w, r in MIX])
        self.pick_stage = {k: demo.Picker([(s, w) for s, w, *_r in v]) for k, v in STAGES.items()}
        self.handling = {k: {s: (d, lit) for s, _w, d, lit in v} for k, v in STAGES.items()}
        self.pick_result = {k: demo.Picker(v) for k, v in RESULTS.items()}
        self.make_case, self.make_party = demo.Maker(AidCase), demo.Maker(Party)
        self.make_draw, self.make_clock = demo.Maker(Draw), demo.Maker(Clock)
        self.content_type_id = ContentType.objects.get_for_model(AidCase).pk
        self.places: dict[int, str] = {c.org.pk: c.district.name for c in centres}
        self.notifiers = {c.org.pk: _notifiers(c) for c in centres}
        self.assigned: dict[int, list[datetime.date]] = defaultdict(list)  # for rotation rows
        self.watched: set[tuple] = set()  # (lawyer, centre, year) to be proposed for removal
        self.announcements: dict[tuple, str] = {}
        self.applicable_cache: dict[int, tuple] = {}
        self.due_cache: dict[tuple, object] = {}
        self.companies = demo.city_names()

    # -- small helpers

    def local(self, moment) -> datetime.date:
        return bulk.local_day(moment, self.zone)

    def hour(self, moment) -> int:
        return timezone.localtime(moment, self.zone).hour

    def review_days(self, received, decided, pauses) -> int:
        """As legalaid.process.review_days counts it."""
        skip = excluded_days(pauses, decided) if pauses else ()
        days, day = 0, received
        while day < decided:
            day += DAY
            if day not in skip and self.is_workday(day):
                days += 1
        return days

    # -- the history

    def history(self) -> None:
        world, rng = self.world, self.rng
        per_year = PER_YEAR[world.scale]
        this_year = self.today.year
        years = demo.history_years(self.today)
        expected = round(per_year * len(world.cities) * sum(f for *_x, f in years))
        pending: list[_Plan] = []
        with world.progress(expected, gettext("cases"), gettext("Demo legal aid cases")) as bar:

            def flush():
                self.write(pending)
                bar.update(len(pending))
                pending.clear()
                demo.forget_queries()

            for first_day, centre, days, n, last in demo.spread_receipts(
                rng, world, self.centres, per_year, chunk=CHUNK, pending=lambda: len(pending),
                flush=flush, on_year=self.forget_assignments,
            ):  # fmt: skip
                for _ in range(n):
                    plan = self.plan(centre, days[rng.randrange(len(days))])
                    if plan is not None:
                        pending.append(plan)
                if last and first_day.year == this_year and centre.staff_id:
                    pending.extend(self.open_work(centre))
            bar.total = bar.n
            bar.refresh()

    def plan(self, centre: _Centre, received: datetime.date, **forced) -> _Plan | None:
        """One application and what became of it, planned in full from its receipt."""
        rng = self.rng
        random_ = rng.random
        matter, category, amounts = forced.get("mix") or self.pick_mix(random_())
        criminal = matter == Matter.CRIMINAL
        if criminal:
            kind = "defence" if category == Category.CRIMINAL_DEFENCE else "victim"
        elif matter == Matter.CIVIL:
            kind = "labour" if category in LABOUR else "civil"
        else:
            kind = str(matter)
        stage = self.pick_stage[kind](random_())
        days_range, litigation = self.handling[kind][stage]
        notified = category == Category.CRIMINAL_DEFENCE and random_() < 0.8
        if notified:
            source, channel = Source.NOTIFICATION, Channel.REFERRAL
        elif random_() < 0.08:
            source, channel = Source.DUTY_LAWYER, Channel.REFERRAL
        else:
            source = Source.APPLICATION
            channel = Channel.ONLINE if random_() < 0.25 else Channel.WINDOW
        if "received_at" in forced:
            received_at = forced["received_at"]
            received = self.local(received_at)
        else:
            if channel != Channel.ONLINE:  # the window is closed on rest days
                shifted = self.next_workday(received)
                received = shifted if shifted.year == received.year else received
            hour = rng.randint(8, 17) if channel != Channel.ONLINE else rng.randint(0, 23)
            received_at = self.at(received, hour, rng.randrange(60))
        # A case received after the present is planned all the same (so that the random
        # stream, and the demo, do not depend on the time of day it is built) and not written.
        amount = Decimal(0)
        if amounts and not (category == Category.MARRIAGE_FAMILY and random_() < 0.5):
            low, high, mode = amounts
            amount = Decimal(int(rng.triangular(low, high, mode)) // 100 * 100)
        title, facts = TITLES[category]
        place = self.places[centre.org.pk]
        life_or_death = False
        legal_role = "申请人"
        if criminal:
            crime = rng.choice(CRIMES)
            if category == Category.CRIMINAL_DEFENCE:
                serious = 0.15 if centre.district.level == 2 else 0.03
                if random_() < serious:
                    crime, life_or_death = rng.choice(SERIOUS_CRIMES), True
                title, legal_role = f"{crime}案刑事辩护", "犯罪嫌疑人、被告人"
            else:
                title, legal_role = f"{crime}案被害人代理", "被害人"
        elif stage in ("一审", "二审"):
            legal_role = "原告" if random_() < 0.85 else "被告"
        elif stage == "劳动仲裁":
            legal_role = "仲裁申请人"
        hardship, exemption = self.hardship(notified, category, centre)
        groups = []
        if category in (Category.WAGES, Category.WORK_INJURY) and random_() < 0.7:
            groups.append(Group.MIGRANT_WORKER)
        if category == Category.MAINTENANCE or random_() < 0.08:
            groups.append(Group.ELDERLY)
        if random_() < 0.04:
            groups.append(Group.DISABLED)
        if category == Category.MARRIAGE_FAMILY and random_() < 0.6:
            groups.append(Group.WOMAN)
        agent = not criminal and random_() < 0.05
        case = self.make_case(
            organization_id=centre.org.pk,
            region_code=centre.org.region_id,
            team_id=centre.org.pk,
            state=S.SUBMITTED,
            channel=channel,
            received_at=received_at,
            title=title,
            facts=facts.format(place=place, amount=amount),
            requests="申请指派律师提供辩护。" if category == Category.CRIMINAL_DEFENCE
            else "申请指派律师代理。",
            matter=matter,
            category=category,
            source=source,
            legal_role=legal_role,
            stage=stage,
            groups=groups,
            hardship=hardship,
            exemption_id=exemption.pk if exemption else None,
            amount_claimed=amount,
            life_or_death=life_or_death,
        )  # fmt: skip
        case.organization = centre.org
        if notified:
            authority = rng.choices(
                (NotifyingAuthority.COURT, NotifyingAuthority.PROCURATORATE,
                 NotifyingAuthority.POLICE), (60, 25, 15))[0]  # fmt: skip
            case.notifying_authority = authority
            case.notifying_body = self.notifiers[centre.org.pk][authority]
        needed = [Material.IDENTITY, Material.MATTER]
        if hardship not in (Hardship.NOT_REQUIRED, Hardship.NOTIFIED, Hardship.CHECK_WAIVED):
            needed.append(Material.HARDSHIP)
        if agent:
            needed.append(Material.AGENT_AUTHORITY)
        parties = self.parties(case, category, agent)
        plan = _Plan(case=case, parties=parties, steps=[], centre=centre, amount=amount)
        self.timeline(plan, received, received_at, needed, days_range, litigation, notified, forced)
        return plan

    def hardship(self, notified, category, centre):
        """How the financial condition was settled: the commitment (告知承诺) mostly, proof,
        or a category of Arts. 32 and 42 or a local one that holds at the centre."""
        if notified:
            return Hardship.NOTIFIED, None
        roll = self.rng.random()
        if roll < 0.68:
            return Hardship.COMMITMENT, None
        if roll < 0.78:
            return Hardship.PROOF, None
        national, local = self.applicable(centre)
        if roll >= 0.97 and local:
            return Hardship.LOCAL, self.rng.choice(local)
        if roll < 0.88 or roll >= 0.97:
            hardship, kind = Hardship.CHECK_WAIVED, Exemption.Kind.CHECK_WAIVED
        else:
            hardship, kind = Hardship.NOT_REQUIRED, Exemption.Kind.NO_HARDSHIP
        choices = national.get(kind, [])
        if kind == Exemption.Kind.CHECK_WAIVED and category in (Category.WAGES,
                                                                Category.WORK_INJURY):  # fmt: skip
            choices = [e for e in choices if "务工" in e.name] or choices
        if not choices:
            return Hardship.COMMITMENT, None
        return hardship, self.rng.choice(choices)

    def applicable(self, centre) -> tuple[dict, list]:
        """The categories that hold at the centre (legalaid.services.exemption_applies): the
        national ones by kind, and those its district added."""
        found = self.applicable_cache.get(centre.org.pk)
        if found is None:
            national, local = defaultdict(list), []
            for kind, items in sorted(self.exemptions.items()):
                for e in items:
                    if not exemption_applies(e, centre.org.region_id):
                        continue
                    if e.name == LOCAL_EXEMPTION[0]:
                        local.append(e)
                    else:
                        national[kind].append(e)
            found = self.applicable_cache[centre.org.pk] = (national, local)
        return found

    def parties(self, case, category, agent) -> list:
        rng = self.rng
        county = case.region_code
        number = demo.resident_id(rng, county, year_from=1950, year_to=2004)
        applicant = self.make_party(
            kind=PartyKind.PERSON, name=demo.person_name(rng), id_number=number,
            gender="male" if int(number[16]) % 2 else "female",
            birth_date=datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14])),
            phone=demo.mobile(rng) if rng.random() < 0.8 else "",
        )  # fmt: skip
        out = [(Side.APPLICANT, applicant)]
        if agent:
            out.append((Side.AGENT, self.make_party(kind=PartyKind.PERSON,
                                                    name=demo.person_name(rng),
                                                    phone=demo.mobile(rng))))  # fmt: skip
        company = self.companies.get(county[:4], "广州")
        if category in (Category.WAGES, Category.WORK_INJURY, Category.SOCIAL_INSURANCE):
            name = f"{company}{rng.choice(COMPANY_WORDS)}{rng.choice(COMPANY_KINDS)}有限公司"
            out.append((Side.OPPOSING, self.make_party(kind=PartyKind.ORGANIZATION, name=name)))
        elif category == Category.MEDICAL:
            name = f"{company}{rng.choice(COMPANY_WORDS)}医院"
            out.append((Side.OPPOSING, self.make_party(kind=PartyKind.ORGANIZATION, name=name)))
        elif category not in (Category.CRIMINAL_DEFENCE, Category.STATE_COMPENSATION):
            out.append((Side.OPPOSING, self.make_party(kind=PartyKind.PERSON,
                                                       name=demo.person_name(rng))))  # fmt: skip
        return out

    def timeline(
        self, plan, received, received_at, needed, days_range, litigation, notified, forced
    ) -> None:
        """The steps of the case from its receipt to its archive, as legalaid.process declares
        them; `forced` pins some of them for the demo's open work."""
        rng, steps, case = self.rng, plan.steps, plan.case
        random_ = rng.random
        if notified:
            # Arts. 25, 28, 36: aided from receipt without review (legalaid.process
            # initial_state); the lawyer is assigned within three days of the notice.
            case.materials = sorted(str(m) for m in needed)
            steps.append(_Step("register", S.GRANTED, received_at, {
                "decision": Decision.GRANTED, "decided_on": received,
                "accepted_at": received_at}))  # fmt: skip
            if forced.get("stop") not in ("submitted", "correction", "granted"):
                self.assign_and_handle(plan, received_at, None, days_range, litigation,
                                       notified, forced)  # fmt: skip
            return
        steps.append(_Step("register", S.SUBMITTED, received_at))
        t = received_at
        pauses = []
        complete = sorted(str(m) for m in needed)
        correction = forced.get("correction", not notified and random_() < 0.08)
        if correction:
            drop = Material.HARDSHIP if Material.HARDSHIP in complete else Material.MATTER
            have = [m for m in complete if m != drop]
            case.materials = have
            t = t + datetime.timedelta(minutes=rng.randint(20, 90))
            missing = [str(Material(m).label) for m in complete if m not in have]
            items = "请补充提交：" + "、".join(missing or ["与所申请法律援助事项有关的证明材料"])
            steps.append(_Step("request_correction", S.CORRECTION, t,
                               {"correction_items": items}))  # fmt: skip
            if forced.get("stop") == "correction":
                return
            asked = self.local(t)
            if random_() < 0.1:  # not supplied: deemed withdrawn (Art. 43)
                day = self.next_workday(asked + datetime.timedelta(days=rng.randint(15, 30)))
                at = self.at(day, 10)
                steps.append(_Step("deem_withdrawn", S.WITHDRAWN, at, {
                    "refusal_reason": "申请人未在规定期限内补充材料，视为撤回申请。",
                    "closed_at": at, "outcome": Outcome.WITHDRAWN}))  # fmt: skip
                return
            back = self.next_workday(asked + datetime.timedelta(days=rng.randint(1, 10)))
            t = self.at(back, rng.randint(9, 16))
            steps.append(_Step("corrections_received", S.SUBMITTED, t, {"materials": complete}))
            pauses.append((asked, back))
        else:
            case.materials = complete
        if forced.get("stop") == "submitted":
            return
        provided = None
        if not notified and random_() < 0.02:  # a deadline within days: aid first (Art. 44)
            case.urgent, case.urgent_reason = True, "诉讼时效即将届满，需立即采取法律措施。"
            lawyer = self.direct(plan, self.local(t))
            if lawyer is not None:
                t = t + datetime.timedelta(minutes=30)
                day = self.local(t)
                steps.append(_Step("provide_first", None, t, {
                    "lawyer_id": lawyer.pk, "assigned_on": day,
                    "assignment_method": AssignmentMethod.DIRECT}))  # fmt: skip
                provided = (lawyer, day)
        base = self.local(t)
        review = forced.get("review", self.review_sample())
        if "decided_at" in forced:
            dt = forced["decided_at"]
            decided = self.local(dt)
        else:
            if review == 0 and self.is_workday(base):
                decided = base
            else:
                decided = self.add_workdays(base, max(review, 1))
            dt = None
            if decided == base:  # the same day, in office hours
                if self.hour(t) < 8:
                    dt = self.at(base, rng.randint(9, 11), rng.randrange(60))
                else:
                    dt = t + datetime.timedelta(minutes=rng.randint(30, 180))
                if self.local(dt) != base or self.hour(dt) >= 18:
                    decided, dt = self.add_workdays(base, 1), None
            if dt is None:
                dt = self.at(decided, rng.randint(9, 16), rng.randrange(60))
        days = self.review_days(received, decided, pauses)
        decision = {"decided_on": decided, "review_days": days,
                    "review_within_target": days <= self.target}  # fmt: skip
        refuse = forced.get("refuse", not notified and not provided and random_() < 0.07)
        if refuse:
            steps.append(_Step("refuse", S.REFUSED, dt, {
                **decision, "decision": Decision.REFUSED, "closed_at": dt,
                "outcome": Outcome.REFUSED,
                "refusal_reason": rng.choice(("申请人的经济状况不符合法律援助条件。",
                                              "申请事项不属于法律援助范围。"))}))  # fmt: skip
            if not forced.get("objection", random_() < 0.15):
                return
            filed = self.next_workday(decided + datetime.timedelta(days=rng.randint(1, 8)))
            filed = forced.get("objection_on", filed)
            steps.append(_Step("file_objection", S.OBJECTION, self.at(filed, 10), {
                "objection_filed_on": filed, "objection_reason": "申请人认为其经济困难，"
                "符合法律援助条件，对不予法律援助决定有异议。",
                "objection_upheld": None, "objection_decided_on": None}))  # fmt: skip
            if forced.get("stop") == "objection":
                return
            ruled = filed + datetime.timedelta(days=rng.randint(1, 5))
            if random_() >= 0.3:
                steps.append(_Step("reject_objection", S.REFUSED, self.at(ruled, 15), {
                    "objection_upheld": False, "objection_decided_on": ruled}))  # fmt: skip
                return
            dt = self.at(ruled, 15)
            steps.append(_Step("uphold_objection", S.GRANTED, dt, {
                "objection_upheld": True, "objection_decided_on": ruled,
                "decision": Decision.GRANTED, "decided_on": ruled, "closed_at": None,
                "outcome": ""}))  # fmt: skip
        elif provided:
            steps.append(_Step("grant_provided", S.ASSIGNED, dt, {
                **decision, "decision": Decision.GRANTED, "accepted_at": dt}))  # fmt: skip
        else:
            steps.append(_Step("grant", S.GRANTED, dt, {
                **decision, "decision": Decision.GRANTED, "accepted_at": dt}))  # fmt: skip
        if forced.get("stop") == "granted":
            return
        self.assign_and_handle(plan, dt, provided, days_range, litigation, notified, forced)

    def assign_and_handle(self, plan, granted_at, provided, days_range, litigation, notified,
                          forced) -> None:  # fmt: skip
        """From the grant (or the receipt of a notified case) to the archive."""
        if provided:
            lawyer, assigned = provided
        else:
            lawyer, assigned, _t = self.assignment(plan, granted_at, notified, forced)
            if lawyer is None:
                return
        self.assigned[lawyer.pk].append(assigned)
        self.handle(plan, lawyer, assigned, days_range, litigation, forced)

    def review_sample(self) -> int:
        """Working days of review: mostly the day of receipt or the next working day."""
        roll = self.rng.random()
        if roll < 0.5:
            return 0
        if roll < 0.88:
            return 1
        if roll < 0.95:
            return 2
        if roll < 0.98:
            return 3
        return self.rng.randint(4, 5)

    def direct(self, plan, day):
        """A lawyer of the pool assigned directly (duty lawyers, aid before the decision)."""
        case = plan.case
        members = [m for m in plan.centre.members if m.serves(day, case.matter)
                   and (not case.life_or_death or m.lawyer.years(day) >= 3)]  # fmt: skip
        if not members:
            return None
        return self.rng.choice(members).lawyer

    def assignment(self, plan, granted_at, notified, forced):
        """Assign within three days of the grant (Art. 43): mostly a lottery among the pool
        lawyers who opted in, otherwise directly. Returns (lawyer, day, time)."""
        rng, case = self.rng, plan.case
        granted = self.local(granted_at)
        method = forced.get("method")
        if method is None:
            direct_share = 0.45 if notified else 0.04
            method = AssignmentMethod.DIRECT if rng.random() < direct_share else "draw"
        if method == AssignmentMethod.DIRECT:
            at = granted_at + datetime.timedelta(hours=rng.randint(1, 3))
            if self.local(at) != granted or self.hour(at) >= 18:
                at = self.at(self.next_workday(granted + DAY), 9, rng.randrange(60))
            day = self.local(at)
            lawyer = forced.get("lawyer") or self.direct(plan, day)
            if lawyer is None:
                return None, None, None
            plan.steps.append(_Step("assign", S.ASSIGNED, at, {
                "lawyer_id": lawyer.pk, "assigned_on": day,
                "assignment_method": AssignmentMethod.DIRECT}))  # fmt: skip
            return lawyer, day, at
        announced = forced.get("announced_at")
        if announced is None:
            announced = granted_at + datetime.timedelta(minutes=rng.randint(20, 90))
            if rng.random() < 0.01:  # announced late
                announced = self.at(granted + datetime.timedelta(days=rng.randint(2, 4)), 9)
            elif self.local(announced) != granted or self.hour(announced) >= 18:
                announced = self.at(self.next_workday(granted + DAY), 9, rng.randrange(60))
        closes = announced + datetime.timedelta(hours=self.opt_hours)
        seed = f"{rng.getrandbits(256):064x}"
        weighted = rng.random() < 0.2
        draw = {"announced_at": announced, "closes_at": closes, "seed": seed,
                "weighted": weighted, "opt_ins": [], "state": Draw.State.OPEN}  # fmt: skip
        plan.draw = draw
        plan.steps.append(_Step("announce", S.ANNOUNCED, announced, {"_draw": "open"}))
        drawn_at = closes + datetime.timedelta(minutes=rng.randint(5, 90))
        day = self.local(drawn_at)
        opened, matter = self.local(announced), case.matter
        pool = [m for m in plan.centre.members if m.serves(opened, matter)]
        if forced.get("opt_ins") is not None:
            opted = [m.lawyer for m in pool if m.lawyer.pk in forced["opt_ins"]]
        elif pool and rng.random() > 0.02:
            k = min(len(pool), max(1, int(rng.expovariate(1 / 4)) + 1))
            opted = [m.lawyer for m in rng.sample(pool, k)]
        else:
            opted = []  # nobody opted in: rotation
        if forced.get("opt_ins") is not None:  # the open work's: since the announcement
            times = [
                announced + datetime.timedelta(minutes=15 * (i + 1)) for i in range(len(opted))
            ]
        else:
            span = max(60, int((closes - announced).total_seconds()) - 60)
            times = [announced + datetime.timedelta(seconds=rng.randrange(span)) for _x in opted]
        draw["opt_ins"] = sorted(zip(opted, times, strict=True), key=lambda row: row[1])
        if forced.get("stop") == "announced":
            return None, None, None
        candidates, excluded = [], []
        for lawyer in sorted(opted, key=lambda x: x.pk):
            codes = []
            if case.life_or_death and lawyer.years(day) < 3:
                codes.append((draw_rules.Reason.EXPERIENCE, {}))
            elif rng.random() < 0.02:
                cap = settings.FAZHI_LEGALAID_WORKLOAD_CAP
                codes.append((draw_rules.Reason.WORKLOAD, {"open": cap, "cap": cap}))
            if codes:
                excluded.append({
                    "id": lawyer.pk, "name": lawyer.name,
                    "reason": " ".join(draw_rules._reason_text(c, **p) for c, p in codes),
                    "codes": [c for c, _p in codes]})  # fmt: skip
            else:
                candidates.append(lawyer)
        if candidates:
            listed = [lottery.Candidate(x.pk, x.name, round(x.quality) if weighted else 1)
                      for x in candidates]  # fmt: skip
            winner = candidates[lottery.pick(seed, listed, weighted=weighted)]
            # Candidate.as_dict, without dataclasses.asdict's deep copy.
            draw["candidates"] = [{"id": c.id, "name": c.name, "weight": c.weight} for c in listed]
            method = AssignmentMethod.LOTTERY
        else:
            out = {row["id"] for row in excluded}  # as excluded from the pool too
            eligible = sorted(
                (m.lawyer for m in pool if m.lawyer.pk not in out
                 and (not case.life_or_death or m.lawyer.years(day) >= 3)),
                key=lambda x: x.pk,
            )  # fmt: skip
            if not eligible:
                return None, None, None
            rows = [self.rotation_row(x, day) for x in eligible]
            winner_id = lottery.rotation_pick(rows)
            winner = next(x for x in eligible if x.pk == winner_id)
            draw["candidates"] = rows
            method = AssignmentMethod.ROTATION
        draw.update(excluded=excluded, method=method, winner_id=winner.pk, drawn_at=drawn_at)
        plan.steps.append(_Step("draw", S.ASSIGNED, drawn_at, {
            "lawyer_id": winner.pk, "assigned_on": day, "assignment_method": method,
            "_draw": "drawn"}))  # fmt: skip
        return winner, day, drawn_at

    def forget_assignments(self, first_day) -> None:
        """Keep of each lawyer's assignments only what a rotation in the year from
        `first_day` reads (the twelve months before, and the last one), so that memory does
        not grow with the years."""
        horizon = draw_rules._year_before(first_day) - datetime.timedelta(days=31)
        for dates in self.assigned.values():
            if dates and min(dates) < horizon:
                last = max(dates)
                dates[:] = [d for d in dates if d >= horizon] or [last]

    def rotation_row(self, lawyer, day) -> dict:
        year_before = draw_rules._year_before(day)
        dates = [d for d in self.assigned.get(lawyer.pk, ()) if d <= day]
        return {"id": lawyer.pk, "name": lawyer.name,
                "cases_12m": sum(1 for d in dates if d > year_before),
                "last_assigned": max(dates).isoformat() if dates else None}  # fmt: skip

    def handle(self, plan, lawyer, assigned, days_range, litigation, forced) -> None:
        """The lawyer's part: progress reports, the end of the matter, the case file and the
        centre's review (归档审查), or termination (Art. 48)."""
        rng, steps, case = self.rng, plan.steps, plan.case
        low, high, mode = forced.get("duration") or days_range
        duration = int(rng.triangular(low, high, mode))
        # Aid given before the decision (Art. 44) is reported on once aid is granted.
        start = max(assigned, self.local(steps[-1].at))
        concluded = assigned + datetime.timedelta(days=duration)
        day = start
        if litigation and duration > 15:
            filed = start + datetime.timedelta(days=rng.randint(3, min(20, duration // 3)))
            steps.append(_Step("report_progress", S.HANDLING, self.at(filed, 17), {
                "_progress": (ProgressStage.FILED, filed, "已向受理机关递交材料并立案。")}))  # fmt: skip
            day = filed
            if (concluded - filed).days > 10:
                hearing = filed + datetime.timedelta(
                    days=rng.randint(5, max(6, (concluded - filed).days - 5))
                )
                hearing = self.next_workday(hearing)
                if hearing < concluded:
                    steps.append(_Step("report_progress", S.HANDLING, self.at(hearing, 18), {
                        "_progress": (ProgressStage.HEARING, hearing,
                                      "出庭参加庭审，发表代理（辩护）意见。")}))  # fmt: skip
                    plan.hearing_on = hearing
                    day = hearing
        if forced.get("stop") == "handling":
            return
        if rng.random() < 0.015 and not forced:
            ended = day + datetime.timedelta(days=rng.randint(1, 20))
            at = self.at(self.next_workday(ended), 11)
            ground = rng.choice((TerminationGround.OWN_LAWYER, TerminationGround.RECIPIENT_ASKS,
                                 TerminationGround.NO_LONGER_ELIGIBLE))  # fmt: skip
            before = next(step.target for step in reversed(steps) if step.target)
            steps.append(_Step("terminate", S.TERMINATED, at, {
                "termination_reason": f"{TerminationGround(ground).label}：经审查决定终止法律援助。",
                "terminated_from": before, "closed_at": at, "outcome": Outcome.TERMINATED}))  # fmt: skip
            return
        concluded = max(concluded, day + DAY)
        kind = ("defence" if case.category == Category.CRIMINAL_DEFENCE
                else "victim" if case.category == Category.CRIMINAL_VICTIM else "civil")  # fmt: skip
        result = self.pick_result[kind](rng.random())
        share = RECOVERED.get(result)
        recovered = Decimal(0)
        if share and plan.amount:
            recovered = (plan.amount * Decimal(str(round(rng.uniform(*share), 2)))).quantize(
                Decimal("0.01"))  # fmt: skip
        steps.append(_Step("conclude", S.CONCLUDED, self.at(concluded, 16), {
            "result": result, "recovered_losses": recovered, "concluded_on": concluded,
            "closing_report": CLOSING[result]}))  # fmt: skip
        if forced.get("stop") == "concluded":
            return
        roll = rng.random()
        late = roll < 0.05
        submitted = concluded + datetime.timedelta(
            days=rng.randint(31, 50) if late else rng.randint(3, 30)
        )
        submitted = forced.get("submitted_on", submitted)
        steps.append(_Step("submit_file", S.FILE_REVIEW, self.at(submitted, 10),
                           {"file_submitted_on": submitted}))  # fmt: skip
        if forced.get("stop") == "file_review":
            return
        if rng.random() < 0.04:  # returned for completion
            returned = self.add_workdays(submitted, rng.randint(1, 5))
            steps.append(_Step("return_file", S.CONCLUDED, self.at(returned, 15),
                               {"file_submitted_on": None}))  # fmt: skip
            submitted = returned + datetime.timedelta(days=rng.randint(3, 10))
            steps.append(_Step("submit_file", S.FILE_REVIEW, self.at(submitted, 10),
                               {"file_submitted_on": submitted}))  # fmt: skip
        archived = self.add_workdays(submitted, rng.randint(1, 10))
        score = lawyer.quality + rng.gauss(0, 5)
        grade = (Grade.EXCELLENT if score >= 90 else Grade.GOOD if score >= 80
                 else Grade.PASS)  # fmt: skip
        if (lawyer.pk, plan.centre.org.pk, archived.year) in self.watched:
            # The year's ranking will propose them for removal: their files fail (a lawyer
            # not watched never does), so that they rank last whatever the draw.
            grade = Grade.FAIL
        at = self.at(archived, 15)
        steps.append(_Step("archive", S.ARCHIVED, at, {"grade": grade, "closed_at": at,
                                                       "outcome": Outcome.CLOSED}))  # fmt: skip

    # -- the demo logins' open work

    def open_work(self, centre: _Centre) -> list[_Plan]:
        """Cases in every open state for the centre's staff login and its district's lawyer
        login, planned like the others with some steps pinned relative to the present: the
        staff's claimed from the centre's queue (a "claim" event, as cases.engine.claim
        writes), the lawyer's assigned to them."""
        now, today = self.cutoff, self.today
        staff = centre.staff_id
        lawyer = next((m.lawyer for m in centre.members if m.lawyer.user_id), None)
        wages = (Matter.CIVIL, Category.WAGES, (3_000, 30_000, 8_000))
        injury = (Matter.CIVIL, Category.WORK_INJURY, (20_000, 120_000, 50_000))
        traffic = (Matter.CIVIL, Category.TRAFFIC, (10_000, 150_000, 40_000))
        out = []

        def ago(hours):
            return now - datetime.timedelta(hours=hours)

        def add(received_at, assignee, mix=wages, decided_at=None, **forced):
            if isinstance(received_at, int):  # days ago: the last working day by then
                day = today - datetime.timedelta(days=received_at)
                while not self.is_workday(day):
                    day -= DAY
                received_at = self.at(day, 9, 30)
            if decided_at is not None:
                forced["decided_at"] = decided_at
            plan = self.plan(centre, self.local(received_at), mix=mix, received_at=received_at,
                             correction=forced.pop("correction", False), review=0, **forced)  # fmt: skip
            if plan is None:
                return None
            plan.assignee_id = assignee
            if assignee is not None and assignee == staff:
                claimed = plan.steps[0].at + datetime.timedelta(minutes=5)
                plan.steps.insert(1, _Step("claim", None, claimed, {"_claim": staff}))
            out.append(plan)
            return plan

        online = add(ago(1), None, stop="submitted", channel=Channel.ONLINE)
        if online is not None:  # an online pre-application, with its tracking code
            from portal.security import new_tracking_code

            online.case.channel = Channel.ONLINE
            online.case.tracking_code = new_tracking_code()
            online.parties[0][1].phone = "13800138000"
            self.world.logins.append((f"查询码 {online.case.tracking_code}",
                                      "群众（手机 13800138000）", centre.org.name))  # fmt: skip
        add(ago(2), staff, stop="submitted")
        add(3, staff, stop="submitted", mix=injury)
        add(4, staff, stop="correction", correction=True)
        add(ago(5), staff, decided_at=ago(4), stop="granted", mix=traffic)
        # Granted and announced: the draw is open, two lawyers have opted in, and the
        # district's lawyer login may still opt in.
        others = [m.lawyer.pk for m in centre.members
                  if m.lawyer.user_id is None and m.serves(today, Matter.CIVIL)][:2]  # fmt: skip
        add(ago(4), staff, decided_at=ago(3), method="draw", stop="announced",
            announced_at=ago(2), opt_ins=others)  # fmt: skip
        yesterday = today - DAY
        while not self.is_workday(yesterday):
            yesterday -= DAY
        add(6, staff, refuse=True, objection=True, objection_on=yesterday, stop="objection")
        if lawyer is not None:
            user = lawyer.user_id
            common = {"method": AssignmentMethod.DIRECT, "lawyer": lawyer}
            add(2, user, stop="handling", duration=(200, 240, 220), **common)
            add(45, user, stop="handling", duration=(200, 240, 220), **common)
            add(120, user, stop="handling", duration=(150, 200, 160), mix=injury, **common)
            add(40, user, stop="concluded", duration=(10, 14, 12), **common)
            add(52, user, stop="concluded", duration=(10, 12, 11), mix=traffic, **common)
            add(75, staff, stop="file_review", duration=(20, 24, 22), submitted_on=yesterday,
                **common)  # fmt: skip
            add(150, None, duration=(40, 60, 50), **common)
        return out

    # -- writing

    def realise(self, plan: _Plan) -> list[tuple]:
        """Apply the steps up to the demo's present to the case; return its events."""
        case = plan.case
        events = []
        state = ""
        for step in plan.steps:
            if step.at > self.cutoff:
                break
            for name, value in step.changes.items():
                if name == "_draw":
                    plan.draw["state"] = Draw.State.DRAWN if value == "drawn" else Draw.State.OPEN
                elif not name.startswith("_"):
                    setattr(case, name, value)
            target = step.target or state
            events.append((step.name, state, target, step.at, self.local(step.at), step))
            state = target
        case.state = state
        case.version = len(events)
        return events

    def clocks(self, plan, events) -> list[dict]:
        """The clocks legalaid.process starts, stops, pauses and resumes on these steps, with
        the due dates cases.clocks would have given them (an open pause counts to today)."""
        out = bulk.replay_clocks(
            AID_PROCESS,
            plan.case,
            ((name, after, day) for name, _b, after, _a, day, _s in events),
            self.due,
        )
        for clock in out:
            if clock["state"] == ClockState.PAUSED:  # `fazhi remind` refreshes it daily
                clock["due"] = self.due(clock, self.today)
        return out

    def due(self, clock, today):
        pauses = tuple(clock["pauses"])
        key = (clock["started_on"], clock["length"], clock["unit"], pauses,
               today if pauses else None)  # fmt: skip
        due = self.due_cache.get(key)
        if due is None:
            due = self.due_cache[key] = self.calendar.count(
                clock["started_on"], clock["length"], clock["unit"],
                excluded_days(list(pauses), today),
            )  # fmt: skip
        return due

    def write(self, plans: list[_Plan]) -> None:
        """Write a chunk: numbers in order of receipt per centre and year, then every table by
        COPY (core.copy)."""
        realised = []
        for plan in plans:
            events = self.realise(plan)
            if events:
                realised.append((plan, events))
        realised.sort(key=lambda r: r[0].case.received_at)
        cases = [plan.case for plan, _e in realised]
        bulk.issue_numbers(cases, series=AID_PROCESS.number_series,
                           pattern=AID_PROCESS.number_pattern, zone=self.zone)  # fmt: skip
        all_clocks = []
        for plan, events in realised:
            case = plan.case
            if case.lawyer_id and plan.assignee_id is None and not case.closed_at:
                plan.assignee_id = self.lawyers[case.lawyer_id].user_id
            case.assignee_id = plan.assignee_id
            clocks = self.clocks(plan, events)
            running = [c["due"] for c in clocks if c["state"] != ClockState.STOPPED]
            earliest = min((d.date for d in running), default=None)
            case.due_date = earliest
            case.due_provisional = any(d.provisional for d in running if d.date == earliest)
            all_clocks.append(clocks)
        copy_insert(AidCase, cases)
        bulk.write_parties(AidParty, "case_id", [(p.case, p.parties) for p, _e in realised])
        ct = self.content_type_id
        copy_rows(CaseEvent, EVENT_FIELDS, (
            (*bulk.event_row(ref, name, before, after, at, day, version), _event_data(step))
            for p, events in realised
            for ref in (bulk.ref(ct, p.case),)
            for version, (name, before, after, at, day, step) in enumerate(events, start=1)
        ))  # fmt: skip
        self.write_clocks(realised, all_clocks)
        self.write_draws(realised)
        copy_rows(Progress, ("case_id", "stage", "on_date", "notes"), (
            (p.case.pk, *step.changes["_progress"]) for p, events in realised
            for *_x, step in events if "_progress" in step.changes))  # fmt: skip
        copy_rows(Representation, ("case_type_id", "case_id", "region_code", "organization_id",
                                   "lawyer_id", "party_id", "since", "until"), (
            (ct, p.case.pk, p.case.region_code, p.case.organization_id, p.case.lawyer_id,
             party.pk, p.case.assigned_on, p.case.concluded_on or (
                 self.local(p.case.closed_at) if p.case.closed_at else None))
            for p, _e in realised if p.case.lawyer_id
            for side, party in p.parties if side == Side.APPLICANT))  # fmt: skip
        self.write_quality(realised)

    def write_clocks(self, realised, all_clocks) -> None:
        ct = self.content_type_id
        plain, paused = [], []
        for (plan, _events), clocks in zip(realised, all_clocks, strict=True):
            case = plan.case
            ref = bulk.ref(ct, case)
            for c in clocks:
                row = (*bulk.clock_row(ref, c["key"], c["unit"], c["length"], c["started_on"],
                                       c["due"], c["stopped_on"], c["state"]),
                       case.assignee_id)  # fmt: skip
                (paused if c["pauses"] else plain).append((row, c["pauses"]))
        copy_rows(Clock, CLOCK_FIELDS, (row for row, _p in plain))
        if paused:
            attnames = [Clock._meta.get_field(f).attname for f in CLOCK_FIELDS]
            objs = [self.make_clock(**dict(zip(attnames, row, strict=True))) for row, _p in paused]
            copy_insert(Clock, objs)
            copy_rows(ClockPause, ("clock_id", "start", "end", "reason"), (
                (obj.pk, start, end, "request_correction")
                for obj, (_row, pauses) in zip(objs, paused, strict=True)
                for start, end in pauses))  # fmt: skip

    def write_draws(self, realised) -> None:
        planned = [(p, p.draw) for p, _e in realised if p.draw is not None
                   and any(s.name == "announce" for *_x, s in _e)]  # fmt: skip
        if not planned:
            return
        ids = _reserve_ids(Draw, len(planned))
        draws = []
        for (plan, d), pk in zip(planned, ids, strict=True):
            case = plan.case
            drawn = d["state"] == Draw.State.DRAWN
            draw = self.make_draw(
                id=pk, case_id=case.pk,
                public_code=f"{draw_rules.CODE_PREFIX}{self.local(d['announced_at']).year}-{pk:06d}",
                announcement=self.announcement(case, d["closes_at"]), matter=case.matter,
                category=case.category, announced_at=d["announced_at"], closes_at=d["closes_at"],
                commitment=lottery.commitment(d["seed"]), seed=d["seed"], weighted=d["weighted"],
                state=d["state"], organization_id=case.organization_id,
                region_code=case.region_code,
            )  # fmt: skip
            if drawn:
                draw.candidates = d["candidates"]
                draw.excluded = d["excluded"]
                draw.method, draw.winner_id, draw.drawn_at = (
                    d["method"],
                    d["winner_id"],
                    d["drawn_at"],
                )
            draws.append(draw)
        copy_insert(Draw, draws)
        cutoff = self.cutoff
        copy_rows(OptIn, ("draw_id", "lawyer_id", "at"), (
            (draw.pk, lawyer.pk, at) for draw, (_p, d) in zip(draws, planned, strict=True)
            for lawyer, at in d["opt_ins"] if at <= cutoff))  # fmt: skip

    def announcement(self, case, closes_at) -> str:
        """draws.announcement_text, its district looked up once per case kind."""
        key = (case.matter, case.category, case.stage, case.region_code[:6], case.life_or_death)
        text = self.announcements.get(key)
        if text is None:
            text = self.announcements[key] = draw_rules.announcement_text(case, _SENTINEL)
        shown = "%Y-%m-%d %H:%M"  # as draws.announcement_text shows the time
        return text.replace(
            timezone.localtime(_SENTINEL).strftime(shown),
            timezone.localtime(closes_at).strftime(shown),
        )

    def write_quality(self, realised) -> None:
        """Evaluations of live hearings and case files (about one hearing in twenty and one
        archived file in ten), and the subsidy of each archived case on the next month's
        payment list."""
        rng, today = self.rng, self.today
        evaluations, subsidies = [], []
        for plan, _events in realised:
            case = plan.case
            if not case.lawyer_id:
                continue
            lawyer = self.lawyers[case.lawyer_id]
            centre = plan.centre.org
            rubric = self.criteria[centre.pk]
            hearing = plan.hearing_on
            if hearing and hearing <= today and rng.random() < self.evaluated(lawyer, centre,
                                                                                hearing, 0.05):  # fmt: skip
                evaluations.append(self.evaluation(case, lawyer, centre, Criterion.Kind.HEARING,
                                                   plan.hearing_on, rubric))  # fmt: skip
            if case.state != S.ARCHIVED:
                continue
            archived = self.local(case.closed_at)
            on = archived + datetime.timedelta(days=rng.randint(0, 20))
            if rng.random() < self.evaluated(lawyer, centre, on, 0.1):
                if on <= today:
                    evaluations.append(self.evaluation(case, lawyer, centre, Criterion.Kind.FILE,
                                                       on, rubric))  # fmt: skip
            subsidies.append(self.subsidy(case, lawyer, centre, archived))
        copy_rows(Evaluation, ("lawyer_id", "case_id", "kind", "evaluated_on", "scores", "score",
                               "evaluator", "notes", "centre_id", "region_code"), evaluations)  # fmt: skip
        copy_rows(Subsidy, ("case_id", "lawyer_id", "firm_id", "month", "base", "adjustment",
                            "adjustment_reason", "amount", "paid_on", "centre_id",
                            "region_code"), subsidies)  # fmt: skip

    def evaluated(self, lawyer, centre, on, share) -> float:
        """The chance that experts evaluate this hearing or file: more for a lawyer the year's
        ranking will propose for removal, so that they are ranked (legalaid.quality)."""
        return 0.6 if (lawyer.pk, centre.pk, on.year) in self.watched else share

    def evaluation(self, case, lawyer, centre, kind, on, rubric) -> tuple:
        """A row as legalaid.quality.evaluation_record writes it: every criterion of the
        rubric scored, the score their sum over the maxima times 100 (half up to 0.01)."""
        rng = self.rng
        level = min(99.0, max(50.0, lawyer.quality + rng.gauss(0, 4)))
        if (lawyer.pk, centre.pk, on.year) in self.watched:
            level = min(level, 45.0)  # below every lawyer not watched (50 and up): ranked last
        level = Decimal(str(round(level, 1)))
        lines = rubric.get(kind, [])
        scores, given, maximum = {}, Decimal(0), 0
        for criterion in lines:
            points = (criterion.max_score * level / 100).quantize(HALF, rounding=ROUND_HALF_UP)
            scores[str(criterion.pk)] = {"criterion": criterion.name,
                                         "max": criterion.max_score, "score": str(points)}  # fmt: skip
            given += points
            maximum += criterion.max_score
        value = (given * 100 / maximum if maximum else level).quantize(
            CENT, rounding=ROUND_HALF_UP)  # fmt: skip
        evaluator = (f"{EXPERTS[0]}{demo.person_name(rng)}" if kind == Criterion.Kind.HEARING
                     else EXPERTS[1])  # fmt: skip
        return (
            lawyer.pk,
            case.pk,
            kind,
            on,
            scores,
            value,
            evaluator,
            "",
            centre.pk,
            centre.region_id,
        )

    def subsidy(self, case, lawyer, centre, archived) -> tuple:
        rng = self.rng
        rates = self.rates.get((centre.pk, case.matter, case.stage)) or [(archived, Decimal(1500))]
        base = next((amount for valid, amount in sorted(rates, reverse=True) if valid <= archived),
                    rates[0][1])  # fmt: skip
        adjustment, reason = Decimal(0), ""
        if case.grade == Grade.EXCELLENT:
            adjustment, reason = (base * Decimal("0.1")).quantize(Decimal("1")), "案卷评为优秀"
        elif case.grade == Grade.FAIL:
            adjustment, reason = -(base * Decimal("0.3")).quantize(Decimal("1")), "案卷不合格"
        elif rng.random() < 0.03:
            adjustment, reason = Decimal(300), "异地办案交通补贴"
        month = (archived.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
        paid = month + datetime.timedelta(days=14)
        return (
            case.pk,
            lawyer.pk,
            lawyer.firm_id,
            month,
            base,
            adjustment,
            reason,
            base + adjustment,
            paid if paid <= self.today else None,
            centre.pk,
            centre.region_id,
        )


def _notifiers(centre: _Centre) -> dict[str, str]:
    """The organs that notify the centre of criminal cases (Arts. 35–36): the court, the
    procuratorate and the police of its district (of the city, for the city's centre)."""
    district = centre.district
    if district.level == 3:
        prefix = demo.county_unit_prefix(district)
        police = f"{district.parent.name}公安局{district.name}分局"
        if not district.name.endswith("区"):
            police = f"{district.name}公安局"
        court = f"{prefix}人民法院"
    else:
        prefix, police, court = (
            district.name,
            f"{district.name}公安局",
            f"{district.name}中级人民法院",
        )
    return {NotifyingAuthority.COURT: court, NotifyingAuthority.PROCURATORATE: f"{prefix}人民检察院",
            NotifyingAuthority.POLICE: police}  # fmt: skip


def _event_data(step: _Step) -> dict:
    changes = step.changes
    out = {}
    for key in ("decided_on", "assigned_on", "concluded_on", "objection_filed_on",
                "file_submitted_on"):  # fmt: skip
        value = changes.get(key)
        if isinstance(value, datetime.date):
            out["on_date"] = value.isoformat()
    if "_progress" in changes:
        stage, _day, notes = changes["_progress"]
        out.update(stage=str(stage), notes=notes)
    if "result" in changes:
        out.update(result=str(changes["result"]), recovered_losses=str(changes["recovered_losses"]))
    if "grade" in changes:
        out["grade"] = str(changes["grade"])
    if "_claim" in changes:
        out["assignee"] = str(changes["_claim"])
    if step.name == "announce":
        out.update(hours=settings.FAZHI_LEGALAID_OPT_IN_HOURS, weighted=False)
    return out


# A stand-in closing time: the announcement of a kind of case is written once with it, and
# each draw's closing time is put in its place.
_SENTINEL = datetime.datetime(2000, 1, 1, 0, 0, tzinfo=datetime.UTC)


def _reserve_ids(model, count: int) -> list[int]:
    """Primary keys for rows whose other columns need them (a draw's public code)."""
    connection = connections[router.db_for_write(model)]
    if connection.vendor == "postgresql":
        return next_ids(model, count)
    start = (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1
    return list(range(start, start + count))


# -- the registers' history and the consultations ----------------------------------------------


def _removals(centres, removals) -> None:
    """Removal rows of the yearly rankings, with the rank and composite score the centre's
    ranking gives the lawyer (legalaid.quality.ranking; below everyone ranked when they were
    not evaluated that year)."""
    from legalaid.quality import ranking

    rows = []
    by_centre = {c.org.pk: c for c in centres}
    for centre_id, year in sorted({(r.member.centre_id, r.year) for r in removals}):
        standings = {s.lawyer.pk: s for s in ranking(by_centre[centre_id].org, year)}
        for r in removals:
            if r.member.centre_id != centre_id or r.year != year:
                continue
            standing = standings.get(r.member.lawyer.pk)
            if standing is not None:
                rank, score = standing.rank, standing.score
            else:
                rank = len(standings) + 1
                score = Decimal(str(round(r.member.lawyer.quality, 2)))
            if r.withdrawn:
                state = Removal.State.WITHDRAWN
            elif r.effective_on:
                state = Removal.State.EFFECTIVE
            elif r.appealed:
                state = Removal.State.APPEALED
            else:
                state = Removal.State.PROPOSED
            centre = by_centre[centre_id].org
            rows.append(Removal(
                member_id=r.member.pk, year=year, rank=rank, score=score, state=state,
                noticed_on=r.noticed_on, appeal_until=r.appeal_until,
                appeal="本人年度办案数量较多，部分评分受客观因素影响，申请复核。" if r.appealed else "",
                decision=("经复核，申诉理由成立，撤回除名。" if r.withdrawn
                          else "经复核，维持除名决定。" if r.appealed and r.effective_on
                          else ""),
                effective_on=r.effective_on, region_code=centre.region_id, centre_id=centre.pk,
            ))  # fmt: skip
    Removal.objects.bulk_create(rows, batch_size=1000)


CONSULTATION_MIX = [(Category.WAGES, 22), (Category.MARRIAGE_FAMILY, 20),
                    (Category.WORK_INJURY, 8), (Category.TRAFFIC, 8),
                    (Category.PERSONAL_INJURY, 6), (Category.MAINTENANCE, 5),
                    (Category.SOCIAL_INSURANCE, 5), (Category.CRIMINAL_DEFENCE, 6),
                    (Category.MEDICAL, 2), (Category.OTHER, 18)]  # fmt: skip
QUESTIONS = {
    Category.WAGES: "公司拖欠工资如何维权", Category.MARRIAGE_FAMILY: "离婚时财产如何分割",
    Category.WORK_INJURY: "工伤认定的程序和期限", Category.TRAFFIC: "交通事故赔偿项目有哪些",
    Category.PERSONAL_INJURY: "被人打伤后如何索赔", Category.MAINTENANCE: "子女不支付赡养费怎么办",
    Category.SOCIAL_INSURANCE: "单位未缴社保如何处理", Category.CRIMINAL_DEFENCE: "家属被刑事拘留后如何委托辩护",
    Category.MEDICAL: "医疗纠纷如何申请鉴定", Category.OTHER: "租房押金不退如何处理",
}  # fmt: skip


def _consultations(world, rng, centres) -> None:
    """About three consultations per application (白云: 9,059 and 3,037), at the window, on
    the 12348 hotline or online, every day of the three years, written by COPY."""
    today, this_year = world.today, world.today.year
    per_year = PER_YEAR[world.scale] * CONSULTATIONS_PER_CASE
    pick = demo.Picker(CONSULTATION_MIX)
    channels = demo.Picker([(Consultation.Channel.WINDOW, 50),
                            (Consultation.Channel.HOTLINE, 35),
                            (Consultation.Channel.ONLINE, 15)])  # fmt: skip
    by_city: dict[str, list[_Centre]] = defaultdict(list)
    for centre in centres:
        by_city[centre.city.code].append(centre)
    first = datetime.date(this_year - 2, 1, 1)
    days = [first + datetime.timedelta(days=n) for n in range((today - first).days + 1)]
    fraction = len(days) / 365.25
    for centres_of_city in by_city.values():
        total = sum(c.weight for c in centres_of_city) or 1
        for centre in centres_of_city:
            count = round(per_year * fraction * centre.weight / total)
            org_id, code = centre.org.pk, centre.org.region_id

            def rows(count=count, org_id=org_id, code=code):
                random_, randrange = rng.random, rng.randrange
                for _ in range(count):
                    category = pick(random_())
                    yield (
                        org_id,
                        code,
                        days[randrange(len(days))],
                        channels(random_()),
                        category,
                        QUESTIONS[category],
                        random_() < 0.1,
                    )

            copy_rows(Consultation, ("organization_id", "region_code", "on_date", "channel",
                                     "category", "summary", "referred"), rows())  # fmt: skip
            demo.forget_queries()


demo.register(60, "legalaid", build)
