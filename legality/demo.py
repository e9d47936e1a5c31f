"""Demo data for legality review (合法性审核 / 审查): the counsel register (法律顾问 / 公职律师) and
the submissions of the two last full years and of this year up to the demo's present, reviewed by
each justice bureau of the world (the city's for the city's agencies, each district's for the
district's), and open work for the demo logins.

Calibration (sample reports, issue 14): 广州 (the city) reviews a year 673 normative documents and
475 major-decision and contract proposals; 白云 1,511 legality reviews, 90 of them contracts;
海珠 8 normative documents reviewed and 45 government lawyers. Each submission is planned in full
from the day it is submitted — the review started the next working day, a 补正 request for one in
six (the clock paused until the materials arrive), counsel asked on one in four, the opinion
(合法 / 修改后合法 / 不合法 with its points) within the review period of its kind for ~95%, the
department's answers some working days later (~90% of the points adopted) — then cut at the
demo's present, so recent ones stand under review or wait for the answers. A few are withdrawn.

The history is written in bulk through legality.history (numbers issued in blocks, in the order
of submission per bureau and year), with the events of its steps and the review clocks replayed
over them (补正 pauses included), as an import of past reviews writes them; no audit rows (the
audit log records what people do). Open work for the demo logins of each focus district (`{district}_staff`, bureau section
staff; `{district}_agency`, the handler of the district's 市场监督管理局, the submitting
department) is opened and taken on through `cases.engine`, so its events and clocks are the
engine's: a new submission, one waiting for materials (补正), two under review (one with counsel
asked, one past its period), and an opinion waiting for the department's answers.

Deterministic: the same seed and date give the same rows.

Registered by legality.apps.LegalityConfig.ready's import of the line's modules, which runs
`demo.register(80, "legality", build)` below (after litigation's 75; normative's builder, 81,
reads the lawful document reviews by their numbers).
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from cases import bulk, engine
from cases.calendar import get_calendar
from cases.models import Channel, NumberingRule
from core import demo
from core.models import Organization, OrganizationKind, Region
from legality import history
from legality.choices import Answer, Conclusion, CounselKind, ReviewKind
from legality.models import Counsel, LegalityReview, OpinionPoint
from legality.process import LEGALITY_PROCESS, minimum_days, review_days

# -- calibration ---------------------------------------------------------------------------------
#
# Submissions a year per city. "city": 广州's, its city bureau and its eleven districts'. The city
# bureau's ~1,150 (673 documents + 475 decisions and contracts) are 19% of it, 白云's ~1,510 a
# quarter; the other districts share the rest. "small" is a fiftieth; "province" gives each city
# 广州's volume, as the other lines do.
PER_YEAR = {"small": 120, "city": 6_000, "province": 6_000}
BUREAU_WEIGHT = {
    "4401": 0.19, "440103": 0.06, "440104": 0.06, "440105": 0.03, "440106": 0.08,
    "440111": 0.25, "440112": 0.06, "440113": 0.08, "440114": 0.05, "440115": 0.04,
    "440117": 0.04, "440118": 0.06,
}  # fmt: skip
# The kinds reviewed: the city bureau 673 : 475 (documents : decisions and contracts; the split
# of the 475 is not given: about half each); a district (白云) 1,511 of which 90 contracts, the
# rest mostly documents and decisions of the district government and its departments.
KINDS_CITY = [(ReviewKind.DOCUMENT, 59), (ReviewKind.DECISION, 21), (ReviewKind.CONTRACT, 20)]
KINDS_DISTRICT = [(ReviewKind.DOCUMENT, 74), (ReviewKind.DECISION, 20), (ReviewKind.CONTRACT, 6)]
FOCUS_FLOOR = 12  # reviews a year at least, at a focus district's bureau (see _Writer.floor)
CONCLUSIONS = [(Conclusion.LAWFUL, 40), (Conclusion.LAWFUL_IF_REVISED, 55),
               (Conclusion.UNLAWFUL, 5)]  # fmt: skip
CORRECTION = 1 / 6  # 补正 asked for
COUNSEL_ASKED = 0.25
WITHDRAWN = 0.02
ON_TIME = 0.95  # opinions within the review period of their kind
ADOPTED = 0.9  # points of the opinions the department adopts
MARKET_ACTIVITY = 0.35  # drafts touching market activity (fair-competition self-check)
# Government lawyers (公职律师) in the register at the end of last year: 海珠 45 (sample); the
# other districts 20 to 60, the city's agencies 120. Legal advisers retained: 5 to 10 a bureau.
GOVERNMENT_LAWYERS = {"440105": 45, "4401": 120}

DOCUMENT_TOPICS = (
    "进一步规范{area}行政执法自由裁量权", "加强{area}消防安全管理", "促进{area}中小企业发展",
    "规范{area}停车场收费管理", "加强{area}食品安全监督管理", "推进{area}老旧小区改造",
    "规范{area}城市道路挖掘管理", "加强{area}建筑工地扬尘治理", "支持{area}科技创新",
    "规范{area}户外广告设置管理", "加强{area}生活垃圾分类管理", "规范{area}公共资源交易",
)  # fmt: skip
DOCUMENT_FORMS = ("办法", "实施意见", "管理规定", "实施细则", "暂行办法")
DECISION_TOPICS = (
    "{area}老旧小区微改造三年行动计划", "{area}城市更新专项规划", "{area}公立医院建设项目",
    "{area}中小学学位建设规划", "{area}停车设施建设规划", "{area}河涌综合整治工程",
    "{area}公共交通线网优化方案", "{area}产业园区发展规划",
)  # fmt: skip
CONTRACT_TOPICS = (
    "政府购买法律顾问服务合同", "物业管理服务采购合同", "信息化系统建设合同",
    "办公用房租赁合同", "道路保洁服务合同", "工程施工合同", "专项资金委托管理合同",
    "政府和社会资本合作（PPP）项目协议",
)  # fmt: skip
COMPANY_WORDS = ("恒信", "粤发", "穗安", "珠江", "南湖", "华鑫", "宏达", "锦程")
COMPANY_KINDS = ("信息技术", "物业管理", "建筑工程", "环境服务", "咨询服务")
POINTS = (
    "第{n}条设定的行政许可条件缺乏上位法依据，建议删除。",
    "第{n}条关于罚款的规定超出上位法规定的幅度，建议修改。",
    "第{n}条减损公民、法人和其他组织合法权益，建议删除。",
    "建议补充公开征求意见及采纳情况的说明。",
    "第{n}条表述不够明确，建议进一步细化适用情形。",
    "建议补充公平竞争审查结论。",
    "第{n}条关于违约责任的约定不对等，建议修改。",
    "建议明确有效期。",
)  # fmt: skip
REASONS = "该条款系依据上级部门文件制定，已与上级部门沟通，暂予保留。"
CORRECTION_ITEMS = "请补充提交起草说明及征求意见采纳情况。"
AUTHORITY = "起草单位具有制定主体资格，所涉事项属于其法定职权范围。"
PROCEDURE = "已按规定开展调查研究、征求意见等起草程序。"
CONFORMITY = {
    Conclusion.LAWFUL: "内容符合法律、法规、规章和国家政策规定。",
    Conclusion.LAWFUL_IF_REVISED: "内容基本符合法律、法规、规章和国家政策规定，按审查意见修改后合法。",
    Conclusion.UNLAWFUL: "部分内容违反上位法规定，不宜出台。",
}
DAY = datetime.timedelta(days=1)


@dataclass
class _Bureau:
    org: Organization
    city: demo.City
    region: Region
    weight: float
    departments: list[Organization]
    kinds: demo.Picker
    staff: object = None
    agency_user: object = None
    abbreviation: str = ""  # in its case numbers: 穗海 (（2025）穗海合审字第0001号)


def build(world: demo.DemoWorld) -> None:
    rng = random.Random(world.seed + 80)
    bureaus = _bureaus(world)
    if not bureaus:
        return
    _numbering(bureaus)
    _counsel(world, rng, bureaus)
    _Writer(world, rng, bureaus).history()


def _bureaus(world: demo.DemoWorld) -> list[_Bureau]:
    agencies: dict[str, list[Organization]] = {}
    for agency in Organization.objects.filter(
        kind=OrganizationKind.AGENCY, is_active=True
    ).order_by("region_id", "pk"):
        agencies.setdefault(agency.region_id, []).append(agency)
    out = []
    for city in world.cities:
        city_bureau = world.bureaus.get(city.code)
        if city_bureau is None:
            continue
        districts = [b.region for code, b in sorted(world.bureaus.items())
                     if code[:4] == city.code[:4] and b.region.level == 3]  # fmt: skip
        short = demo.short_names(districts)
        streets: dict[str, int] = {}
        for code in world.offices:
            streets[code[:6]] = streets.get(code[:6], 0) + 1
        total = sum(streets.get(d.code[:6], 0) for d in districts) or 1
        for region in [city_bureau.region, *districts]:
            own = region.level == 2
            departments = agencies.get(region.code, [])
            if not departments:
                continue
            if city.code == demo.CITY_CODE:
                weight = BUREAU_WEIGHT.get("4401" if own else region.code[:6], 0.05)
            else:
                weight = 0.19 if own else 0.81 * streets.get(region.code[:6], 0) / total
            bureau = _Bureau(
                org=world.bureaus[region.code], city=city, region=region, weight=weight,
                departments=departments,
                kinds=demo.Picker(KINDS_CITY if own else KINDS_DISTRICT),
            )  # fmt: skip
            bureau.abbreviation = city.abbreviation + ("" if own else short[region.code])
            slug = demo.FOCUS_DISTRICTS.get(region.code)
            if slug:
                bureau.staff = world.users.get(f"{slug}_staff")
                bureau.agency_user = world.users.get(f"{slug}_agency")
            out.append(bureau)
    return out


def _numbering(bureaus: list[_Bureau]) -> None:
    """Each bureau's numbering rule: （2025）穗海合审字第0001号, the city's （2025）穗合审字第…号."""
    NumberingRule.objects.bulk_create(
        [NumberingRule(organization=b.org, series=LEGALITY_PROCESS.number_series,
                       pattern=f"（{{year}}）{b.abbreviation}合审字第{{seq:04d}}号")
         for b in bureaus],
        ignore_conflicts=True,
    )  # fmt: skip


def _counsel(world, rng, bureaus: list[_Bureau]) -> None:
    """The register: government lawyers of each bureau's agencies (and of the bureau itself),
    exactly the calibrated number in the register at the end of last year — most since before
    the history, some joining in the two last years, a few who left before; two more joining
    this year — and 5 to 10 legal advisers retained by the bureau."""
    years = demo.history_years(world.today)
    last_year_end = datetime.date(years[1][0].year, 12, 31)
    first = years[0][0]
    rows = []
    for bureau in bureaus:
        key = "4401" if bureau.region.level == 2 else bureau.region.code[:6]
        if bureau.city.code != demo.CITY_CODE:
            key = ""
        count = GOVERNMENT_LAWYERS.get(key) or rng.randint(20, 60)
        employers = [bureau.org, *bureau.departments]

        def lawyer(since, until=None, active=True, employers=employers, bureau=bureau):
            employer = rng.choice(employers)
            return Counsel(
                name=demo.person_name(rng), kind=CounselKind.GOVERNMENT_LAWYER,
                organization=employer, region_code=employer.region_id,
                licence_number=f"1{bureau.region.code[:4]}{rng.randint(2010, first.year - 1)}"
                               f"{rng.randint(10_000_000, 99_999_999)}",
                since=since, until=until, active=active,
            )  # fmt: skip

        for i in range(count):
            if i < count * 0.8:
                since = datetime.date(rng.randint(2012, first.year - 1), rng.randint(1, 12), 1)
            else:
                since = first + DAY * rng.randint(0, (last_year_end - first).days)
            rows.append(lawyer(since))
        for _ in range(rng.randint(1, 3)):  # left during the history
            since = datetime.date(rng.randint(2012, first.year - 1), rng.randint(1, 12), 1)
            until = first + DAY * rng.randint(0, (last_year_end - first).days - 1)
            rows.append(lawyer(since, until, active=False))
        for _ in range(2):  # joined this year
            span = max(1, (world.today - years[2][0]).days)
            rows.append(lawyer(years[2][0] + DAY * rng.randrange(span)))
        for _ in range(rng.randint(5, 10)):
            rows.append(Counsel(
                name=demo.person_name(rng), kind=CounselKind.LEGAL_ADVISER,
                organization=bureau.org, region_code=bureau.org.region_id,
                since=datetime.date(rng.randint(2015, first.year), 1, 1),
            ))  # fmt: skip
    Counsel.objects.bulk_create(rows, batch_size=2_000)


class _Writer(bulk.WorkingDays):
    def __init__(self, world, rng, bureaus):
        self.world, self.rng, self.bureaus = world, rng, bureaus
        self.today = world.today
        self.calendar = get_calendar()
        self.zone = timezone.get_current_timezone()
        self.conclusions = demo.Rotation(CONCLUSIONS)
        self.on_time = demo.Quota(ON_TIME, rounded=True)
        self.adopted = demo.Quota(ADOPTED, rounded=True)
        self.correction = demo.Quota(CORRECTION, rounded=True)
        self.counsel = demo.Quota(COUNSEL_ASKED, rounded=True)
        self.withdrawn = demo.Quota(WITHDRAWN, rounded=True)
        self.market = demo.Quota(MARKET_ACTIVITY, rounded=True)
        self.pending: list[tuple[_Bureau, history.Record]] = []

    # -- the history

    def history(self) -> None:
        world, rng = self.world, self.rng
        per_year = PER_YEAR[world.scale]
        bar = world.progress(per_year * 3 * len(world.cities), "reviews", "legality")
        for _first, bureau, days, n, _last in demo.spread_receipts(
            rng, world, self.bureaus, per_year, chunk=5_000,
            pending=lambda: len(self.pending), flush=self.flush, adjust=self.floor,
        ):  # fmt: skip
            for _ in range(n):
                day = rng.choice(days)
                if not self.is_workday(day):
                    day = self.calendar.next_workday(day)
                if day >= self.today:
                    continue
                self.pending.append(self.plan(bureau, day))
            bar.update(n)
        if self.pending:
            self.flush()
        bar.close()
        for bureau in self.bureaus:
            if bureau.staff is not None and bureau.agency_user is not None:
                self.open_work(bureau)

    def floor(self, bureau: _Bureau, first_day, count: int) -> int:
        """A focus district's bureau reviews at least FOCUS_FLOOR drafts a year, so that the
        small demo's logins have documents, filings and clean-ups to work on (海珠 reviews 8
        normative documents a year; the floor gives it about as many)."""
        if bureau.staff is not None:
            share = next(s for day, _n, s in demo.history_years(self.today) if day == first_day)
            return max(count, round(FOCUS_FLOOR * share))
        return count

    def plan(self, bureau: _Bureau, submitted: datetime.date) -> tuple[_Bureau, history.Record]:
        """A submission's course as far as it went by the demo's present (legality.history
        derives the state, the clock and the review time from it)."""
        rng = self.rng
        kind = bureau.kinds(rng.random())
        department = rng.choice(bureau.departments)
        review = LegalityReview(
            organization_id=bureau.org.pk, region_code=bureau.org.region_id,
            team_id=bureau.org.pk, channel=Channel.ONLINE, kind=kind,
            department_id=department.pk, submitted_on=submitted,
            received_at=self.at(submitted, rng.randint(9, 16), rng.randrange(60)),
        )  # fmt: skip
        review.organization = bureau.org
        self.content(review, bureau, department)
        record = history.Record(review)
        started = self.add_workdays(submitted, 1)
        if not started < self.today:
            return bureau, record
        record.started_on, review.accepted_at = started, self.at(started, 10)
        period, minimum = review_days(kind), minimum_days(kind)
        paused = lead = 0
        if self.correction():
            lead = rng.randint(1, 3)  # working days after submission
            asked = self.add_workdays(submitted, lead)
            paused = rng.randint(3, 10)  # working days waiting for the materials
            if asked < self.today:
                back = self.add_workdays(asked, paused)
                record.corrections.append(history.Correction(
                    asked, CORRECTION_ITEMS, back if back < self.today else None
                ))  # fmt: skip
                if back >= self.today:
                    return bureau, record
        if self.withdrawn():
            day = self.add_workdays(started, rng.randint(1, 5) + paused)
            if day < self.today:
                # Withdrawn before the 补正 request: none was made; while it was pending: the
                # materials never came.
                for correction in list(record.corrections):
                    if day < correction.asked_on:
                        record.corrections.remove(correction)
                    elif day < correction.supplied_on:
                        correction.supplied_on = None
                record.withdrawn_on, review.closed_at = day, self.at(day, 16)
            return bureau, record
        on_time = self.on_time()
        if on_time:
            low = max(1, minimum)
            days = int(rng.triangular(low, period, max(low, period * 0.6)))
        else:
            days = period + rng.randint(1, 6)
        # The opinion comes after the materials asked for (lead working days in).
        days = max(days, lead)
        opinion = self.add_workdays(submitted, days + paused)
        if opinion >= self.today:
            return bureau, record
        conclusion = self.conclusions()
        review.conclusion = conclusion
        review.opinion_authority, review.opinion_procedure = AUTHORITY, PROCEDURE
        review.opinion_conformity = CONFORMITY[conclusion]
        review.opinion_on = opinion
        count = 0 if conclusion == Conclusion.LAWFUL else rng.randint(1, 4)
        texts = rng.sample(POINTS, count)
        answered = self.add_workdays(opinion, rng.randint(2, 12))
        done = answered < self.today
        for number, text in enumerate(texts, start=1):
            point = OpinionPoint(number=number, text=text.format(n=rng.randint(2, 20)))
            if done:
                point.answer = Answer.ADOPTED if self.adopted() else Answer.NOT_ADOPTED
                point.reasons = REASONS if point.answer == Answer.NOT_ADOPTED else ""
            record.points.append(point)
        if done:
            review.answered_on, review.closed_at = answered, self.at(answered, 16)
        return bureau, record

    def content(self, review, bureau, department) -> None:
        rng = self.rng
        area = bureau.region.name
        unit = department.name
        if review.kind == ReviewKind.DOCUMENT:
            topic = rng.choice(DOCUMENT_TOPICS).format(area=area)
            review.title = f"{unit}关于{topic}的{rng.choice(DOCUMENT_FORMS)}（送审稿）"
            review.market_activity = self.market()
        elif review.kind == ReviewKind.DECISION:
            review.title = rng.choice(DECISION_TOPICS).format(area=area) + "（决策草案）"
            review.market_activity = rng.random() < 0.2
        else:
            company = f"广东{rng.choice(COMPANY_WORDS)}{rng.choice(COMPANY_KINDS)}有限公司"
            review.title = f"{unit}{rng.choice(CONTRACT_TOPICS)}"
            review.counterparty = company
            review.amount = Decimal(rng.randint(5, 5_000) * 10_000)
            start = review.submitted_on + DAY * rng.randint(20, 60)
            review.term_start = start
            review.term_end = start + DAY * rng.choice((364, 729, 1094))
            review.key_risks = "履约保证金及违约责任条款需进一步明确。"
        review.summary = f"{unit}报送{review.get_kind_display()}，请予合法性审查。"

    def flush(self) -> None:
        """Write the pending reviews through legality.history, in their order of submission per
        bureau (numbers in blocks per bureau and year, in order of submission), with their
        points, events and clocks."""
        pending = sorted(self.pending, key=lambda p: (p[0].org.pk, p[1].review.received_at))
        self.pending = []
        history.write([record for _bureau, record in pending], today=self.today)
        demo.forget_queries()

    # -- open work for the demo logins

    def open_work(self, bureau: _Bureau) -> None:
        """Through the engine: a new submission by the agency login (in the team's queue); one
        waiting for materials; one under review with counsel asked; one past its review
        period; an opinion waiting for the agency's answers. The staff login claims all but
        the new one."""
        staff, agency_user = bureau.staff, bureau.agency_user
        department = agency_user.primary_membership.organization
        counsel = Counsel.objects.filter(
            region_code__startswith=bureau.region.code[:6], active=True,
            kind=CounselKind.LEGAL_ADVISER,
        ).order_by("pk").first()  # fmt: skip
        iso = datetime.date.isoformat
        specs = (
            # (kind, working days since submission, steps: (name, login, days back, data), claim)
            (ReviewKind.DOCUMENT, 1, (), False),
            (ReviewKind.DOCUMENT, 6, (
                ("start_review", "staff", 5, {}),
                ("request_correction", "staff", 3,
                 {"items": "请补充提交公平竞争审查自查表及征求意见采纳情况。"}),
            ), True),
            (ReviewKind.DECISION, 9, (
                ("start_review", "staff", 8, {}),
                *((("ask_counsel", "staff", 4, {"counsel": counsel.pk}),) if counsel else ()),
            ), True),
            (ReviewKind.CONTRACT, 12, (("start_review", "staff", 11, {}),), True),
            (ReviewKind.DOCUMENT, 14, (
                ("start_review", "staff", 13, {}),
                ("issue_opinion", "staff", 3, {
                    "conclusion": Conclusion.LAWFUL_IF_REVISED,
                    "opinion_authority": AUTHORITY, "opinion_procedure": PROCEDURE,
                    "opinion_conformity": CONFORMITY[Conclusion.LAWFUL_IF_REVISED],
                    "points": "\n".join(p.format(n=n) for n, p in
                                        ((3, POINTS[1]), (5, POINTS[4]), (0, POINTS[7]))),
                }),
            ), True),
        )  # fmt: skip
        actors = {"staff": staff, "agency": agency_user}
        for kind, age, steps, claim in specs:
            submitted = self.back(age)
            review = LegalityReview(
                organization=bureau.org, region_code=bureau.org.region_id,
                channel=Channel.ONLINE, kind=kind, department=department,
                submitted_on=submitted,
                received_at=self.at(submitted, 9, 30 + len(steps)),
            )  # fmt: skip
            self.content(review, bureau, department)
            review = engine.open_case(
                review, actor=agency_user, data={"title": review.title, "kind": kind},
                on_date=submitted,
            )  # fmt: skip
            for name, login, days_back, data in steps:
                review = engine.fire(review, name, actor=actors[login],
                                     data={**data, "on_date": iso(self.back(days_back))})  # fmt: skip
            if claim:
                engine.claim(review, actor=staff)


demo.register(80, "legality", build)
