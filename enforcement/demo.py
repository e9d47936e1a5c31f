"""Demo data for administrative enforcement supervision (行政执法监督, reference/statutes-lines.md
§C): for every agency of the demo world (the city's and each district's), its enforcement body
(执法主体) with a few powers of each kind (权责清单) and, in one district, the comprehensive-
enforcement reform (综合执法改革, CF Art. 18 ◑) moving the housing bureau's penalties to the
城市管理和综合执法局; officers with their training hours, a yearly qualification exam of each
justice bureau (执法资格考试) with its candidates, the certificates of those who passed (执法证件,
mostly valid, some expired, suspended or revoked); three years of decisions (licences,
penalties, inspections, coercive measures) with their publicity (执法公示) and the 三项制度
flags; and a handful of complaints with their dispatches (投诉举报, 交办) as open work for the
demo logins.

Calibration (the sample reports, /work/shared/samples/): 广州 published ~1.72 million items of
enforcement information (the city scale's order of magnitude, `PER_YEAR`), 白云 7,376; 海珠
examined 473 officers for certificates. The small scale keeps a few hundred decisions a year.
Each decision is made by two officers whose certificates were valid on its day (CF Art. 42,
Art. 55); ~95% are published within the window (7 working days for licences and penalties, 20
for the rest, enforcement.publication ❓), the rest late; about one in a hundred is changed
and withdrawn, mostly within 3 working days (CF Art. 48 ¶2, Art. 85). The full-process record
(CF Art. 47) and the legal review where an Art. 58 trigger applies are there, a few missing.
Each body publishes a discretion standard (裁量基准, CF Art. 34) for its penalty powers from the
history's first day; the 市场监督管理局s revise theirs from 1 January last year, and the
城市管理和综合执法局 that receives the transferred penalties adds them from the transfer day.
Each penalty records the version in force on its day (as a report does,
enforcement.discretion_services.record_check); about 3% of the fines lie outside its range.
Exam pass rate ~87%; certificates valid 3 years ❓ (demo assumption), renewed on expiry for
most officers.

The registers and decisions are written in bulk (core.copy, the publicity windows through
enforcement.publication.apply as an import does); the complaints go through the line's
services and the engine (`cases.engine`). Deterministic for a seed and a date.

Registered by `demo.register(83, "enforcement", build)` below (enforcement.apps.ready imports
this module).
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext

from cases import bulk, engine
from cases.calendar import get_calendar
from cases.models import Channel
from core import copy, demo
from core.models import Organization, OrganizationKind, PartyKind
from enforcement import publication
from enforcement.choices import BodyKind, PowerKind
from enforcement.decision_choices import (
    DecisionSource,
    LegalReviewTrigger,
    PenaltyKind,
    WithdrawalGround,
)
from enforcement.discretion_models import (
    DiscretionItem,
    DiscretionStandard,
    LenientEntry,
    LenientTreatment,
)
from enforcement.discretion_services import StandardsInForce, record_check
from enforcement.models import (
    Certificate,
    Decision,
    DecisionOfficer,
    EnforcementBody,
    ExamCandidate,
    ExamSitting,
    Officer,
    Power,
    PowerTransfer,
    Suspension,
    Training,
)

# Decisions a year in the whole city (all bodies), by scale. 广州's 1.72 million published items
# are the city's order of magnitude; the city scale writes what builds in about a minute.
PER_YEAR = {"small": 600, "city": 300_000, "province": 3_000}
# Officers of a body when the history starts, and the share hired each year after.
OFFICERS = {"small": 5, "city": 60, "province": 8}
HIRED = 0.08
PASS_RATE = 0.87
ABSENT = 0.02
CERTIFICATE_YEARS = 3  # ❓ demo assumption
RENEWED = 0.95  # of the certificates that expire, renewed the day after
SUSPENDED = 0.02
REVOKED = 0.01
ON_TIME = 0.95
CHANGED = 0.01
WITHDRAWN_ON_TIME = 0.8
RECORDED = 0.97
REVIEW_TRIGGERED = 0.12  # of penalties and coercive measures
REVIEWED = 0.95
PERSON = 0.35
UNPUBLISHED = 0.01  # not published by law (CF Art. 48 ¶1: state secrets, privacy)
OUTSIDE_STANDARD = 0.03  # of the penalties: a fine outside the discretion standard's range
# Discretion items of a penalty power: (circumstance, lowest, highest fine), by version; the
# fines drawn (500 … 30,000 yuan) lie within both, those outside (OUTSIDE_FINES) outside both.
RANGES = {1: (("一般", 500, 10000), ("严重", 10000, 30000)),
          2: (("一般", 500, 20000), ("严重", 20000, 50000))}  # fmt: skip
OUTSIDE_FINES = (Decimal(200), Decimal(100000))
REVISED = "市场监督管理局"
CHUNK = 20_000
DAY = datetime.timedelta(days=1)

KIND_WEIGHTS = ((PowerKind.INSPECTION, 40), (PowerKind.PENALTY, 30), (PowerKind.LICENCE, 25),
                (PowerKind.COERCION, 5))  # fmt: skip
KIND_CHAR = {PowerKind.INSPECTION: "检", PowerKind.PENALTY: "罚", PowerKind.LICENCE: "许",
             PowerKind.COERCION: "强"}  # fmt: skip
POWERS = {
    PowerKind.LICENCE: ("{field}经营许可", "{field}许可证变更", "{field}许可证延续"),
    PowerKind.PENALTY: ("对违反{field}管理规定的处罚", "对未经许可从事{field}活动的处罚",
                        "对{field}活动中提供虚假材料的处罚"),
    PowerKind.INSPECTION: ("{field}日常监督检查", "{field}专项检查"),
    PowerKind.COERCION: ("查封、扣押与{field}违法行为有关的场所、物品",),
}  # fmt: skip
FIELDS = {
    "市场监督管理局": ("食品", "特种设备", "计量"),
    "城市管理和综合执法局": ("市容环境卫生", "户外广告", "城市道路占用"),
    "人力资源和社会保障局": ("劳动保障", "人力资源服务", "职业培训"),
    "住房和城乡建设局": ("建筑施工", "房地产开发", "物业管理"),
    "生态环境局": ("排污", "危险废物", "建设项目环境影响评价"),
}
BASIS = "《中华人民共和国行政处罚法》第十八条、第四十二条及相关法律、法规"
TOPICS = ("行政执法三项制度", "行政处罚法专题", "执法文书制作规范", "执法全过程记录",
          "行政强制法专题")  # fmt: skip
FACTS = {
    PowerKind.INSPECTION: "依法对当事人的{field}活动进行检查，未发现违法行为。",
    PowerKind.PENALTY: "当事人在{field}活动中违反有关管理规定，经调查属实。",
    PowerKind.LICENCE: "当事人申请{field}许可，材料齐全，符合法定条件。",
    PowerKind.COERCION: "当事人涉嫌{field}违法，为防止证据损毁，依法采取强制措施。",
}
RESULTS = {
    PowerKind.INSPECTION: "检查合格，责令继续保持。",
    PowerKind.PENALTY: "给予警告，并处罚款{fine}元。",
    PowerKind.LICENCE: "准予许可。",
    PowerKind.COERCION: "查封涉案场所、物品三十日。",
}
COMPANY = "{city}{word}{trade}有限公司"
WORDS = "恒信宏达瑞丰华盛鑫源锦程天成永安嘉禾佳德中和盛世宏图金鹏"
TRADES = ("餐饮管理", "建筑工程", "物业服务", "商贸", "食品", "广告", "人力资源", "环保科技")


def build(world: demo.DemoWorld) -> None:
    rng = random.Random(world.seed + 83)
    _Writer(world, rng).write()


@dataclass
class _Body:
    body: EnforcementBody
    city: demo.City
    weight: float
    sector: str = ""
    abbr: str = ""
    powers: list[Power] = field(default_factory=list)
    # (officer id, certificate id, first valid day, last valid day)
    spans: list[tuple[int, int, datetime.date, datetime.date]] = field(default_factory=list)
    hired: list[tuple[Officer, int]] = field(default_factory=list)  # officer, year hired


class _Writer(bulk.WorkingDays):
    def __init__(self, world, rng):
        self.world, self.rng = world, rng
        self.today = world.today
        self.calendar = get_calendar()
        self.zone = timezone.get_current_timezone()
        self.dues = publication.Dues(self.calendar)
        self.bodies: list[_Body] = []
        self.pass_mark = settings.FAZHI_ENFORCEMENT_PASS_MARK
        self.discretion = StandardsInForce()
        self.transfer_day: datetime.date | None = None

    def write(self) -> None:
        self.registers()
        if not self.bodies:
            return
        self.transfer()
        self.standards()
        self.people()
        self.decisions()
        self.complaints()

    # -- bodies and powers

    def registers(self) -> None:
        world = self.world
        cities = {c.code[:4] for c in world.cities}
        regions = {code for code in world.bureaus if code[:4] in cities}
        agencies = (Organization.objects.filter(kind=OrganizationKind.AGENCY, is_active=True,
                                                region_id__in=sorted(regions))
                    .exclude(name__endswith="人民政府").select_related("region")
                    .order_by("region_id", "pk"))  # fmt: skip
        start = datetime.date(self.today.year - 6, 1, 1)
        bodies = []
        for agency in agencies:
            suffix = next((s for s in FIELDS if agency.name.endswith(s)), None)
            if suffix is None:
                continue
            city = demo.city_of(agency.region_id)
            body = EnforcementBody(
                agency=agency, name=agency.name, kind=BodyKind.AGENCY,
                legal_basis=f"{agency.name}“三定”规定及有关法律、法规",
                region_code=agency.region_id,
            )  # fmt: skip
            weight = 2.0 if agency.region.level == 2 else 1.0
            entry = _Body(body, city, weight, sector=suffix,
                          abbr=(agency.short_name or agency.name)[:4])  # fmt: skip
            bodies.append(entry)
        EnforcementBody.objects.bulk_create([b.body for b in bodies])
        powers = []
        for entry in bodies:
            areas = FIELDS[entry.sector]
            number = 0
            for kind, names in POWERS.items():
                for name in names:
                    number += 1
                    area = areas[number % len(areas)]
                    power = Power(
                        body=entry.body, region_code=entry.body.region_code,
                        code=f"{entry.body.region_code[:6]}-{entry.body.pk:05d}-{number:02d}",
                        name=name.format(field=area), kind=kind, legal_basis=BASIS,
                        valid_from=start,
                    )  # fmt: skip
                    entry.powers.append(power)
                    powers.append(power)
        Power.objects.bulk_create(powers)
        self.bodies = bodies

    def transfer(self) -> None:
        """The comprehensive-enforcement reform in one district (白云 if built, else the first
        district): on 1 July of last year the 住房和城乡建设局's penalties pass to the
        城市管理和综合执法局 (CF Art. 18 ◑); the old rows end the day before."""
        districts = sorted({b.body.region_code for b in self.bodies
                            if b.body.region_code[4:6] != "00"})  # fmt: skip
        if not districts:
            return
        code = "440111000000" if "440111000000" in districts else districts[0]
        here = {b.sector: b for b in self.bodies if b.body.region_code == code}
        giver, taker = here.get("住房和城乡建设局"), here.get("城市管理和综合执法局")
        if giver is None or taker is None:
            return
        effective = datetime.date(self.today.year - 1, 7, 1)
        moved = PowerTransfer.objects.create(
            from_body=giver.body, to_body=taker.body, region_code=taker.body.region_code,
            from_region_code=giver.body.region_code, effective_on=effective,
            basis_document=f"关于{giver.body.agency.region.name}推进综合行政执法改革的通知",
            note="住房和城乡建设领域行政处罚权划转综合行政执法部门。",
        )  # fmt: skip
        ended, new = [], []
        for power in giver.powers:
            if power.kind != PowerKind.PENALTY:
                continue
            power.valid_until = effective - DAY
            power.end_reason = "综合行政执法改革划转"
            ended.append(power)
            new.append(Power(
                body=taker.body, region_code=taker.body.region_code,
                code=f"{power.code}-Z", name=power.name, kind=power.kind,
                legal_basis=power.legal_basis, valid_from=effective, predecessor=power,
                transfer=moved,
            ))  # fmt: skip
        Power.objects.bulk_update(ended, ["valid_until", "end_reason"])
        Power.objects.bulk_create(new)
        taker.powers.extend(new)
        self.transfer_day = effective

    # -- discretion standards (CF Art. 34)

    def standards(self) -> None:
        """Version 1 of each body's standard from the history's first day; version 2 of the
        市场监督管理局s from 1 January last year (wider ranges), and of the body that received
        the transferred penalties from the transfer day (their items added). Published two
        weeks before they come into force; the version before ends the day before."""
        first = datetime.date(self.today.year - 2, 1, 1)
        revised = datetime.date(self.today.year - 1, 1, 1)
        versions = []  # (standard, its penalty powers, ranges)
        for entry in self.bodies:
            body = entry.body
            own = [p for p in entry.powers if p.kind == PowerKind.PENALTY and p.transfer_id is None]
            starts = [(first, own, RANGES[1])]
            moved = [p for p in entry.powers if p.kind == PowerKind.PENALTY and p.transfer_id]
            if moved and self.transfer_day is not None:
                starts.append((self.transfer_day, own + moved, RANGES[1]))
            elif entry.sector == REVISED:
                starts.append((revised, own, RANGES[2]))
            for number, (start, powers, ranges) in enumerate(starts, 1):
                following = starts[number][0] if number < len(starts) else None
                standard = DiscretionStandard(
                    body=body, agency_id=body.agency_id, region_code=body.region_code,
                    title=f"{body.name}行政处罚裁量基准", version=number,
                    basis_document=f"{entry.abbr}规〔{start.year - 1}〕{number}号",
                    effective_from=start, published_on=start - DAY * 14,
                    effective_until=following - DAY if following else None,
                )  # fmt: skip
                versions.append((standard, powers, ranges))
        DiscretionStandard.objects.bulk_create([v[0] for v in versions])
        items, lenient = [], []
        for standard, powers, ranges in versions:
            mine = [DiscretionItem(
                standard=standard, power_code=p.code, violation=p.name, legal_basis=p.legal_basis,
                circumstance=circumstance, fine_min=Decimal(low), fine_max=Decimal(high),
                other_penalties="警告",
            ) for p in powers for circumstance, low, high in ranges]  # fmt: skip
            items.extend(mine)
            lenient.append(LenientEntry(
                standard=standard, treatment=LenientTreatment.NO_PENALTY,
                violation="首次轻微违法行为", condition="初次违法且危害后果轻微并及时改正",
                legal_basis="《中华人民共和国行政处罚法》第三十三条第一款",
            ))  # fmt: skip
            self.discretion.add(standard, mine)
        DiscretionItem.objects.bulk_create(items, batch_size=2000)
        LenientEntry.objects.bulk_create(lenient, batch_size=2000)

    # -- officers, training, exams, certificates

    def people(self) -> None:
        world, rng = self.world, self.rng
        scale = OFFICERS.get(world.scale, OFFICERS["small"])
        first = self.today.year - 3  # the founding sitting, before the history
        years = [y for y in range(first, self.today.year + 1)]
        officers = []
        for entry in self.bodies:
            base = max(3, round(scale * entry.weight))
            for year in years:
                count = base if year == first else round(base * HIRED + rng.random())
                for _ in range(count):
                    county = entry.body.region_code
                    officer = Officer(
                        body=entry.body, region_code=county, name=demo.person_name(rng),
                        id_number=demo.resident_id(rng, county, year_from=1966,
                                                   year_to=2000),
                        post="执法人员", legal_qualification=rng.random() < 0.15,
                    )  # fmt: skip
                    entry.hired.append((officer, year))
                    officers.append(officer)
        # Unique ID numbers in the register (the blind index): redraw the rare repeat.
        seen = set()
        for officer in officers:
            while officer.id_number in seen:
                officer.id_number = demo.resident_id(rng, officer.region_code, year_from=1966,
                                                     year_to=2000)  # fmt: skip
            seen.add(officer.id_number)
        copy.copy_insert(Officer, officers)
        # One sitting a year of each justice bureau with bodies.
        bureaus = {}
        for entry in self.bodies:
            bureau = self.world.bureaus.get(entry.body.region_code)
            if bureau is not None:
                bureaus[entry.body.region_code] = bureau
        sittings = {}
        for year in years:
            for code, bureau in sorted(bureaus.items()):
                held = self.next_workday(datetime.date(year, 4, 10) + DAY * rng.randint(0, 20))
                if held >= self.today:
                    continue
                sittings[(code, year)] = ExamSitting(
                    organization=bureau, region_code=code,
                    title=f"{year}年{bureau.region.name}行政执法资格考试", held_on=held,
                    place=f"{bureau.name}考试中心", pass_mark=self.pass_mark,
                )  # fmt: skip
        ExamSitting.objects.bulk_create(list(sittings.values()))
        passed_quota, absent_quota = demo.Quota(PASS_RATE, rounded=True), demo.Quota(ABSENT)
        trainings, candidates, results = [], [], []
        for entry in self.bodies:
            for officer, hired in entry.hired:
                for year in years:
                    if year < hired:
                        continue
                    for _ in range(rng.randint(1, 2)):
                        day = datetime.date(year, rng.randint(1, 12), rng.randint(1, 28))
                        if day < self.today:
                            trainings.append(Training(
                                officer=officer, region_code=officer.region_code, held_on=day,
                                hours=Decimal(rng.choice((8, 12, 16, 24, 40))),
                                topic=rng.choice(TOPICS),
                            ))  # fmt: skip
                # Sits the first sitting after hiring, again the next year if failed.
                for year in years:
                    sitting = sittings.get((officer.region_code, year))
                    if year < hired or sitting is None:
                        continue
                    absent = absent_quota()
                    passed = not absent and passed_quota()
                    if absent:
                        score = None
                    elif passed:
                        score = Decimal(rng.randint(self.pass_mark, 98))
                    else:
                        score = Decimal(rng.randint(35, self.pass_mark - 1))
                    scored = sitting.held_on + DAY * 10
                    candidate = ExamCandidate(
                        sitting=sitting, officer=officer, body=entry.body,
                        region_code=officer.region_code, sat_on=sitting.held_on,
                        signed_up_on=sitting.held_on - DAY * rng.randint(20, 40),
                        training_hours=Decimal(rng.randint(40, 80)), score=score,
                        absent=absent, passed=passed,
                        scored_on=scored if scored < self.today else None,
                    )  # fmt: skip
                    if candidate.scored_on is None:
                        candidate.score, candidate.passed = None, False
                    candidates.append(candidate)
                    if candidate.passed:
                        results.append((entry, officer, candidate))
                        break
        copy.copy_insert(Training, trainings)
        copy.copy_insert(ExamCandidate, candidates)
        self.certificates(results)

    def certificates(self, results) -> None:
        rng = self.rng
        renewed, suspended = demo.Quota(RENEWED, rounded=True), demo.Quota(SUSPENDED)
        revoked = demo.Quota(REVOKED)
        certificates, suspensions, spans = [], [], []
        serial = 0
        for entry, officer, candidate in results:
            issued = self.add_workdays(candidate.scored_on, rng.randint(5, 15))
            while issued < self.today:
                serial += 1
                until = issued.replace(year=issued.year + CERTIFICATE_YEARS) - DAY
                cert = Certificate(
                    number=f"粤{officer.region_code[:6]}{issued.year}{serial:07d}",
                    officer=officer, body=entry.body, region_code=officer.region_code,
                    exam=candidate, issued_on=issued, valid_until=until,
                )  # fmt: skip
                last = until
                gap = None
                if revoked():
                    day = issued + DAY * rng.randint(60, 500)
                    if day < self.today:
                        cert.revoked_on, cert.revoke_reason = day, "违法违纪被吊销执法证件"
                        last = min(last, day - DAY)
                elif suspended():
                    day = issued + DAY * rng.randint(60, 500)
                    if day < self.today:
                        lifted = day + DAY * rng.randint(30, 120)
                        lifted = lifted if lifted < self.today else None
                        suspensions.append(Suspension(
                            certificate=cert, region_code=cert.region_code, suspended_on=day,
                            reason="涉嫌违规执法，暂扣执法证件", lifted_on=lifted,
                            lift_reason="核查完毕，予以发还" if lifted else "",
                        ))  # fmt: skip
                        gap = (day, lifted)
                certificates.append(cert)
                spans.append((entry, cert, issued, last, gap))
                if cert.revoked_on or until >= self.today - DAY or not renewed():
                    break
                issued = until + DAY
        copy.copy_insert(Certificate, certificates)
        copy.copy_insert(Suspension, suspensions)
        for entry, cert, first, last, gap in spans:
            if gap is None:
                entry.spans.append((cert.officer_id, cert.pk, first, last))
            else:
                entry.spans.append((cert.officer_id, cert.pk, first, gap[0] - DAY))
                if gap[1] is not None:
                    entry.spans.append((cert.officer_id, cert.pk, gap[1], last))

    # -- decisions and their publicity

    def decisions(self) -> None:
        world, rng = self.world, self.rng
        per_year = PER_YEAR.get(world.scale, PER_YEAR["small"])
        make, pick_kind = demo.Maker(Decision), demo.Picker(KIND_WEIGHTS)
        on_time, changed = demo.Quota(ON_TIME, rounded=True), demo.Quota(CHANGED, rounded=True)
        withdrawn_on_time = demo.Quota(WITHDRAWN_ON_TIME, rounded=True)
        recorded, reviewed = demo.Quota(RECORDED, rounded=True), demo.Quota(REVIEWED, rounded=True)
        triggered, unpublished = demo.Quota(REVIEW_TRIGGERED), demo.Quota(UNPUBLISHED)
        outside = demo.Quota(OUTSIDE_STANDARD, rounded=True)
        outside_count = 0
        city_names = demo.city_names()
        grounds = [g for g, _label in WithdrawalGround.choices]
        triggers = [t for t, _label in LegalReviewTrigger.choices]
        pending: list[tuple[Decision, tuple[int, int], tuple[int, int]]] = []
        total = sum(round(per_year * f) for _d, _s, f in demo.history_years(self.today))
        bar = world.progress(total, gettext("decisions"), gettext("Enforcement decisions"))

        def flush():
            decisions = [d for d, _a, _b in pending]
            copy.copy_insert(Decision, decisions, batch_size=2000)
            copy.copy_rows(DecisionOfficer, ("decision_id", "officer_id", "certificate_id"),
                           [(d.pk, *h) for d, a, b in pending for h in (a, b)])  # fmt: skip
            from indicators.rollups import note_rows

            note_rows(Decision, decisions)
            bar.update(len(decisions))
            pending.clear()
            demo.forget_queries()

        seq: dict[tuple[int, int], int] = {}
        holders: dict[tuple[int, datetime.date], list] = {}
        for first_day, entry, days, count, _last in demo.spread_receipts(
            rng, world, self.bodies, per_year, chunk=CHUNK, pending=lambda: len(pending),
            flush=flush,
        ):  # fmt: skip
            body = entry.body
            year = first_day.year
            town = city_names.get(body.region_code[:4], "广州")
            for _ in range(count):
                day = self.workday_on_or_before(rng.choice(days), first_day)
                if day >= self.today or not self.is_workday(day):
                    continue
                key = (body.pk, day)
                able = holders.get(key)
                if able is None:
                    able = holders[key] = [(o, c) for o, c, a, b in entry.spans if a <= day <= b]
                if len(able) < 2:
                    continue
                kind = pick_kind(rng.random())
                powers = [p for p in entry.powers if p.kind == kind and p.valid_on(day)]
                if not powers:
                    continue
                power = rng.choice(powers)
                first, second = rng.sample(able, 2)
                n = seq[(body.pk, year)] = seq.get((body.pk, year), 0) + 1
                person = rng.random() < PERSON
                area = power.name
                fine = None
                penalties = []
                if kind == PowerKind.PENALTY:
                    fine = Decimal(rng.choice((500, 1000, 2000, 5000, 10000, 30000)))
                    if outside():  # below or above the standard's range, in turn
                        fine = OUTSIDE_FINES[outside_count % 2]
                        outside_count += 1
                    penalties = [PenaltyKind.WARNING, PenaltyKind.FINE]
                must_review = kind in (PowerKind.PENALTY, PowerKind.COERCION) and triggered()
                decision = make(
                    body_id=body.pk, agency_id=body.agency_id, region_code=body.region_code,
                    case_number=f"{entry.abbr}{KIND_CHAR[kind]}〔{year}〕{n}号", kind=kind,
                    power_id=power.pk,
                    party_kind=PartyKind.PERSON if person else PartyKind.ORGANIZATION,
                    party_name=(demo.person_name(rng) if person else COMPANY.format(
                        city=town, word=rng.choice(WORDS) + rng.choice(WORDS),
                        trade=rng.choice(TRADES))),
                    party_id_number="", decided_on=day,
                    facts=FACTS[kind].format(field=area), legal_basis=power.legal_basis,
                    result=RESULTS[kind].format(fine=fine or ""), penalty_kinds=penalties,
                    fine_amount=fine, recorded_full_process=recorded(),
                    legal_review_triggers=[rng.choice(triggers)] if must_review else [],
                    legal_review_required=must_review, source=DecisionSource.API,
                )  # fmt: skip
                if must_review and reviewed():
                    decision.legal_reviewed_on = day - DAY * rng.randint(1, 5)
                if unpublished():
                    decision.publication_required = False
                    decision.publication_exempt_reason = "涉及个人隐私，依法不予公开"
                else:
                    window = publication.publication_days(kind)
                    lag = rng.randint(1, window) if on_time() else window + rng.randint(1, 8)
                    published = self.add_workdays(day, lag)
                    if published < self.today:
                        decision.published_on = published
                        if changed():
                            when = self.add_workdays(published, rng.randint(5, 60))
                            if when < self.today:
                                decision.withdrawal_ground = rng.choice(grounds)
                                decision.changed_on = when
                                late = not withdrawn_on_time()
                                out = self.add_workdays(when, rng.randint(4, 8) if late
                                                        else rng.randint(1, 3))  # fmt: skip
                                if out < self.today:
                                    decision.withdrawn_on = out
                                    decision.withdrawal_reason = "原决定已依法变更，撤下原公示信息"
                publication.apply(decision, self.dues)
                if kind == PowerKind.PENALTY:  # the standard in force (CF Art. 34)
                    record_check(decision, self.discretion, code=power.code)
                pending.append((decision, first, second))
        if pending:
            flush()
        bar.close()

    # -- open work for the demo logins

    def complaints(self) -> None:
        """For each focus district: a complaint just received (the staff's to accept), one
        dispatched to the agency login's body long ago and overdue, one dispatched lately
        (the agency's to answer), one whose reply waits for the staff's verification."""
        from enforcement.complaint_services import complaint_register

        iso = datetime.date.isoformat
        for slug in demo.FOCUS_DISTRICTS.values():
            staff = self.world.users.get(f"{slug}_staff")
            agency_user = self.world.users.get(f"{slug}_agency")
            if staff is None or agency_user is None:
                continue
            bureau = staff.primary_membership.organization
            agency = agency_user.primary_membership.organization
            entry = next((b for b in self.bodies if b.body.agency_id == agency.pk), None)
            if entry is None:
                continue
            body = entry.body
            specs = (
                # (received so many working days ago, dispatched so many ago or None, replied)
                (2, None, False),
                (25, 16, False),
                (6, 3, False),
                (12, 8, True),
            )
            for index, (received_ago, dispatched_ago, replied) in enumerate(specs):
                received = self.back(received_ago)
                complaint = complaint_register(
                    actor=staff, organization=bureau, online=False, data={
                        "channel": Channel.REFERRAL if index % 2 else Channel.PHONE,
                        "referral_source": "12345政务服务便民热线" if index % 2 else "",
                        "referral_number": f"GZ{received:%Y%m%d}{index:04d}" if index % 2 else "",
                        "complainant_kind": PartyKind.PERSON,
                        "complainant_name": demo.person_name(self.rng),
                        "complainant_phone": demo.mobile(self.rng), "body": body,
                        "happened_on": iso(received - DAY * 3), "received_on": iso(received),
                        "place": f"{body.agency.region.name}某商铺",
                        "facts": "执法人员检查时未出示执法证件，未告知陈述、申辩权利。",
                    },
                )  # fmt: skip
                engine.claim(complaint, actor=staff)
                if dispatched_ago is None:
                    continue
                accepted = self.add_workdays(received, 1)
                complaint = engine.fire(complaint, "accept", actor=staff,
                                        data={"on_date": iso(accepted)})  # fmt: skip
                day = self.back(dispatched_ago)
                complaint = engine.fire(complaint, "dispatch", actor=staff, data={
                    "bodies": [str(body.pk)], "on_date": iso(day),
                    "instructions": "请核查执法人员是否出示证件、是否告知陈述申辩权利，"
                                    "十个工作日内书面答复。",
                })  # fmt: skip
                if replied:
                    dispatch = complaint.dispatches.get()
                    engine.fire(dispatch, "reply", actor=agency_user,
                                data={"reply": "经核查，执法人员当时已出示执法证件并告知权利。"})  # fmt: skip


demo.register(83, "enforcement", build)
