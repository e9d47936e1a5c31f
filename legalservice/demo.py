"""Public legal service demo data over three years (this year and the two before it), on the
bureaus and justice offices of the core demo world: a centre in every district, a station in
every street, services at them and on the 12348 hotline and online, enterprise check-ups by
the demo's lawyers, and — where the region register holds villages (a deployment that loaded
the national table) — village legal advisers with their monthly logs.

Calibrated on the samples (scale "city"): 白云 12,362 services in 2019 (+38 % on the year
before), 海珠 legal check-ups of 325 enterprises in 2020; the "small" scale writes about a
hundredth of that, the "province" scale (ten cities) a fiftieth per street. Written in bulk (no audit row per record, like the other lines' demo history).
Registered by `demo.register(86, "legalservice", build)` below, after the lines whose lawyers
it reuses (legal aid, 60)."""

from __future__ import annotations

import datetime
import random

from core import demo
from core.models import Lawyer, OrganizationKind, PractitionerStatus, Region
from core.regions import RegionLevel
from legalservice.choices import (
    MatterKind,
    PointLevel,
    PointService,
    ServiceChannel,
    ServiceOutcome,
)
from legalservice.models import (
    AdviserLog,
    EnterpriseCheckup,
    ServicePoint,
    ServiceRecord,
    VillageAdviser,
)

# Services a year per street station (city scale); the district centre takes as many again.
SERVICES_PER_STREET = {"small": 6, "city": 550, "province": 10}
CHECKUPS_PER_DISTRICT = {"small": 4, "city": 320, "province": 10}
GROWTH = (0.72, 0.85, 1.0)  # the year two before, the year before, this year
CHANNELS = ((ServiceChannel.WINDOW, 50), (ServiceChannel.HOTLINE, 35), (ServiceChannel.ONLINE, 15))
MATTERS = (
    (MatterKind.MARRIAGE_FAMILY, 22), (MatterKind.LABOUR, 24), (MatterKind.CONTRACT, 12),
    (MatterKind.LOAN, 12), (MatterKind.PROPERTY, 10), (MatterKind.TORT, 8),
    (MatterKind.ADMINISTRATIVE, 4), (MatterKind.OTHER, 8),
)  # fmt: skip
OUTCOMES = (
    (ServiceOutcome.ANSWERED, 80), (ServiceOutcome.TO_MEDIATION, 6),
    (ServiceOutcome.TO_LEGAL_AID, 5), (ServiceOutcome.TO_RECONSIDERATION, 2),
    (ServiceOutcome.LITIGATION_GUIDANCE, 6), (ServiceOutcome.OTHER, 1),
)  # fmt: skip
SUMMARIES = {
    MatterKind.MARRIAGE_FAMILY: "离婚财产分割及子女抚养问题咨询",
    MatterKind.LABOUR: "被拖欠工资、解除劳动合同经济补偿咨询",
    MatterKind.CONTRACT: "买卖合同违约责任咨询",
    MatterKind.LOAN: "民间借贷借条效力及追讨咨询",
    MatterKind.PROPERTY: "房屋租赁押金纠纷咨询",
    MatterKind.TORT: "交通事故人身损害赔偿咨询",
    MatterKind.ADMINISTRATIVE: "对行政处罚决定不服的救济途径咨询",
    MatterKind.OTHER: "其他法律问题咨询",
}
ENTERPRISES = ("商贸有限公司", "科技有限公司", "餐饮管理有限公司", "物流有限公司", "服装有限公司")
SURNAMES = "陈李张黄王林刘何吴梁郑谢罗周"


def _pick(rng: random.Random, weighted) -> str:
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights=weights)[0]


def _day_in(rng: random.Random, year: int, today: datetime.date) -> datetime.date:
    start = datetime.date(year, 1, 1)
    end = min(datetime.date(year, 12, 31), today)
    return start + datetime.timedelta(days=rng.randrange((end - start).days + 1))


def build(world: demo.DemoWorld) -> None:
    rng = random.Random(world.seed + 86)
    today = world.today
    years = [today.year - 2, today.year - 1, today.year]
    first = datetime.date(years[0], 1, 1)
    districts = {
        code: b for code, b in world.bureaus.items() if b.region.level == RegionLevel.COUNTY
    }
    points: list[ServicePoint] = []
    for code, bureau in sorted(districts.items()):
        points.append(ServicePoint(
            name=f"{bureau.region.name}公共法律服务中心", level=PointLevel.CENTRE,
            region_id=code, organization=bureau, address=f"{bureau.region.name}政务服务中心一楼",
            hours="周一至周五 9:00—12:00，13:30—17:30", phone="12348",
            services=list(PointService.values), established_on=first,
        ))  # fmt: skip
    for _code, office in sorted(world.offices.items()):
        street = office.region
        points.append(ServicePoint(
            name=f"{street.name}公共法律服务工作站", level=PointLevel.STATION, region_id=street.code,
            organization=office, address=f"{street.name}党群服务中心",
            hours="周一至周五 9:00—17:30", services=[
                PointService.CONSULTATION, PointService.MEDIATION_INTAKE,
                PointService.LEGAL_AID_INTAKE, PointService.EDUCATION],
            established_on=first,
        ))  # fmt: skip
    ServicePoint.objects.bulk_create(points)
    per_street = SERVICES_PER_STREET.get(world.scale, 6)
    records: list[ServiceRecord] = []
    by_district: dict[str, list[ServicePoint]] = {}
    for p in points:
        by_district.setdefault(p.region_id[:6], []).append(p)
    for point in points:
        unit = point.organization
        count = per_street * (2 if point.level == PointLevel.CENTRE else 1)
        for index, year in enumerate(years):
            for _i in range(round(count * GROWTH[index])):
                channel = _pick(rng, CHANNELS)
                matter = _pick(rng, MATTERS)
                at_point = channel == ServiceChannel.WINDOW
                records.append(ServiceRecord(
                    served_on=_day_in(rng, year, today), organization=unit,
                    service_point=point if at_point else None,
                    region_code=point.region_id if at_point else unit.region_id,
                    channel=channel, matter_kind=matter, outcome=_pick(rng, OUTCOMES),
                    person_name=rng.choice(SURNAMES) + rng.choice(("先生", "女士")),
                    summary=SUMMARIES[matter],
                ))  # fmt: skip
    ServiceRecord.objects.bulk_create(records, batch_size=2000)
    _checkups(world, rng, districts, years)
    _advisers(world, rng, first)


def _lawyers_of(prefix: str) -> list[Lawyer]:
    return list(Lawyer.objects.filter(region_code__startswith=prefix,
                                      status=PractitionerStatus.PRACTISING).order_by("pk")[:40])  # fmt: skip


def _checkups(world, rng, districts, years) -> None:
    per_district = CHECKUPS_PER_DISTRICT.get(world.scale, 4)
    rows = []
    for code, bureau in sorted(districts.items()):
        lawyers = _lawyers_of(code[:6]) or _lawyers_of(code[:4])
        if not lawyers:
            continue
        for index, year in enumerate(years):
            for _i in range(round(per_district * GROWTH[index])):
                problems = rng.choice((0, 1, 2, 2, 3, 4, 5))
                rows.append(EnterpriseCheckup(
                    enterprise_name=f"广州{rng.choice(SURNAMES)}{rng.randrange(10, 99)}"
                                    f"{rng.choice(ENTERPRISES)}",
                    checked_on=_day_in(rng, year, world.today), organization=bureau,
                    region_code=code, lawyer=rng.choice(lawyers), problems_found=problems,
                    advice="完善劳动合同和规章制度，规范合同审查流程。" if problems else "未发现明显法律风险。",
                ))  # fmt: skip
    EnterpriseCheckup.objects.bulk_create(rows, batch_size=2000)


def _advisers(world, rng, first: datetime.date) -> None:
    """Only where the region register holds villages: an adviser for nine villages in ten,
    and a log for each month served."""
    offices = [o for o in world.offices.values() if o.kind == OrganizationKind.JUSTICE_OFFICE]
    logs = []
    for office in sorted(offices, key=lambda o: o.region_id):
        street = office.region_id
        villages = list(Region.objects.filter(level=RegionLevel.VILLAGE,
                                              code__startswith=street[:9]).order_by("code"))  # fmt: skip
        lawyers = _lawyers_of(street[:6]) if villages else []
        if not lawyers:
            continue
        for village in villages:
            if rng.random() >= 0.9:
                continue
            adviser = VillageAdviser.objects.create(
                lawyer=rng.choice(lawyers), village=village, started_on=first
            )
            month = first
            while month <= world.today:
                visits, consultations = rng.randrange(1, 5), rng.randrange(0, 12)
                documents, lectures = rng.randrange(0, 4), rng.randrange(0, 2)
                logs.append(AdviserLog(
                    adviser=adviser, month=month, region_code=village.code, visits=visits,
                    consultations=consultations, documents_reviewed=documents,
                    lectures=lectures, services=visits + consultations + documents + lectures,
                ))  # fmt: skip
                month = (month + datetime.timedelta(days=32)).replace(day=1)
    AdviserLog.objects.bulk_create(logs, batch_size=2000)


demo.register(86, "legalservice", build)
