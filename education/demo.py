"""Demo data for public legal education (普法): three years of activities for every district
bureau and justice office, the agencies' responsibility lists (谁执法谁普法), the yearly
evaluation of five agencies per district (履职评议) and a few 民主法治示范村（社区）.

Calibration (samples): 白云 2019 held ~11,800 events reaching ~3.07 million people with ~3.35
million copies of material (about 260 people and 280 copies an event); 海珠's lawyers' four
live streams were watched by over 830,000; 罗湖 evaluated 5 key units, 12,715 votes in all. The
small demo keeps the shape at a fraction of the volume (`EVENTS`, per district and year); a
December carries its law-education month and the Constitution Week (4 December).

Written in bulk, like an import of past records (no audit rows); the village regions the titles
need are added to the region table under the focus districts' first streets. Deterministic:
the same seed and date give the same rows.

Registered by education.apps.EducationConfig.ready's import, which runs
`demo.register(85, "education", build)` below.
"""

from __future__ import annotations

import datetime
import random
from decimal import Decimal

from core import demo
from core.models import Organization, OrganizationKind, Region
from core.regions import RegionLevel
from education.choices import ActivityForm, AudienceKind, Grade, TitleLevel
from education.models import (
    EducationActivity,
    Evaluation,
    ModelVillage,
    ResponsibilityItem,
    ResponsibilityList,
)

EVENTS = {"small": 40, "city": 600, "province": 60}  # per district and year
YEARS = 3
PUBLISHED = 0.8  # agencies that publish their list in a year (the rest: a draft or nothing)
EVALUATED = 5  # agencies evaluated a district and year
FORMS = (
    (ActivityForm.LECTURE, 30), (ActivityForm.CONSULTATION, 20), (ActivityForm.EXHIBITION, 12),
    (ActivityForm.CASE_EXPLANATION, 12), (ActivityForm.ONLINE_POST, 10),
    (ActivityForm.LIVE_STREAM, 4), (ActivityForm.COMPETITION, 4), (ActivityForm.PERFORMANCE, 3),
    (ActivityForm.OTHER, 5),
)  # fmt: skip
TOPICS = ("民法典进社区", "宪法宣传", "防范电信网络诈骗", "禁毒宣传", "扫黑除恶常态化",
          "未成年人保护法", "劳动合同法与欠薪维权", "消费者权益保护", "安全生产法",
          "反家庭暴力法", "食品安全法", "法律明白人培训")  # fmt: skip
PLACES = ("社区党群服务中心", "街道文化广场", "辖区中学", "产业园区", "村委会议室", "地铁站口",
          "线上直播间")  # fmt: skip
LAWS = {
    "市场监督管理局": (("食品安全法", "食品生产经营者"), ("广告法", "广告经营者"),
                       ("消费者权益保护法", "消费者")),
    "城市管理和综合执法局": (("城乡规划法", "辖区居民和商户"), ("广东省城乡生活垃圾管理条例",
                                                            "辖区居民")),
    "人力资源和社会保障局": (("劳动合同法", "用人单位和劳动者"), ("保障农民工工资支付条例",
                                                              "建筑施工企业、农民工")),
    "住房和城乡建设局": (("建筑法", "建设单位、施工单位"), ("物业管理条例", "物业服务企业、业主")),
    "生态环境局": (("环境保护法", "排污单位"), ("大气污染防治法", "工业企业")),
}  # fmt: skip
MEASURES = ("以案释法、送法进企业", "专题讲座和现场咨询", "执法全过程普法、发放告知书",
            "网络直播和短视频", "“12·4”宪法宣传周集中宣传")  # fmt: skip


def build(world: demo.DemoWorld) -> None:
    rng = random.Random(world.seed + 85)
    today = world.today
    years = list(range(today.year - YEARS + 1, today.year + 1))
    _activities(world, rng, years)
    _lists(rng, years, today)
    _evaluations(rng, years, today)
    _villages(world, rng, today)


def _day(rng: random.Random, year: int, today: datetime.date) -> datetime.date | None:
    last = min(datetime.date(year, 12, 31), today)
    first = datetime.date(year, 1, 1)
    if last < first:
        return None
    return first + datetime.timedelta(days=rng.randrange((last - first).days + 1))


def _activities(world, rng: random.Random, years: list[int]) -> None:
    per_year = EVENTS.get(world.scale, EVENTS["small"])
    forms, weights = zip(*FORMS, strict=True)
    rows = []
    districts = {
        code: b for code, b in world.bureaus.items() if b.region.level == RegionLevel.COUNTY
    }
    for code, bureau in sorted(districts.items()):
        organizers = [bureau, *[o for c, o in sorted(world.offices.items()) if c[:6] == code[:6]]]
        for year in years:
            for _n in range(per_year):
                day = _day(rng, year, world.today)
                if day is None:
                    break
                form = rng.choices(forms, weights)[0]
                if day.month == 12 and day.day <= 7:
                    form = ActivityForm.CONSTITUTION_WEEK
                elif day.month == 12 and rng.random() < 0.5:
                    form = ActivityForm.LAW_MONTH
                organizer = rng.choice(organizers)
                online = form in (ActivityForm.LIVE_STREAM, ActivityForm.ONLINE_POST)
                rows.append(EducationActivity(
                    held_on=day, organizer=organizer, region_code=organizer.region_id,
                    place="线上直播间" if online else rng.choice(PLACES[:-1]),
                    topic=("宪法宣传周" if form == ActivityForm.CONSTITUTION_WEEK
                           else rng.choice(TOPICS)),
                    form=form, audience=rng.choice(AudienceKind.values),
                    people_reached=0 if online else rng.randint(30, 500),
                    materials_distributed=0 if online else rng.randint(0, 560),
                    online_views=(rng.randint(2_000, 200_000) if form == ActivityForm.LIVE_STREAM
                                  else rng.randint(500, 20_000) if online else 0),
                ))  # fmt: skip
    EducationActivity.objects.bulk_create(rows, batch_size=2000)


def _agencies():
    return list(
        Organization.objects.filter(kind=OrganizationKind.AGENCY, is_active=True).order_by("pk")
    )


def _laws(agency: Organization):
    for suffix, laws in LAWS.items():
        if agency.name.endswith(suffix):
            return laws
    return (("宪法", "本单位工作人员"), ("行政处罚法", "行政相对人"))


def _lists(rng: random.Random, years: list[int], today: datetime.date) -> None:
    quota = demo.Quota(PUBLISHED, rounded=True)
    lists, items = [], []
    for agency in _agencies():
        for year in years:
            published_on = datetime.date(year, 3, 1) + datetime.timedelta(days=rng.randrange(60))
            published = quota() and published_on <= today
            if not published and rng.random() < 0.5:
                continue  # no list at all
            lst = ResponsibilityList(agency=agency, year=year, region_code=agency.region_id,
                                     published=published,
                                     published_on=published_on if published else None)  # fmt: skip
            lists.append(lst)
            items.append([(law, audience, rng.choice(MEASURES)) for law, audience in _laws(agency)])
    ResponsibilityList.objects.bulk_create(lists, batch_size=2000)
    ResponsibilityItem.objects.bulk_create(
        [ResponsibilityItem(responsibility_list=lst, region_code=lst.region_code, position=i,
                            law=law, target_audience=audience, measures=measures)
         for lst, rows in zip(lists, items, strict=True)
         for i, (law, audience, measures) in enumerate(rows, start=1)],
        batch_size=2000,
    )  # fmt: skip


def _grade(score: Decimal) -> str:
    if score >= 90:
        return Grade.EXCELLENT
    if score >= 80:
        return Grade.GOOD
    return Grade.PASS if score >= 60 else Grade.FAIL


def _evaluations(rng: random.Random, years: list[int], today: datetime.date) -> None:
    """Each year, five agencies of each region with agencies report in November and are
    graded and published in late December (once that day has come)."""
    by_region: dict[str, list[Organization]] = {}
    for agency in _agencies():
        by_region.setdefault(agency.region_id, []).append(agency)
    rows = []
    for _region, agencies in sorted(by_region.items()):
        for year in years:
            reported_on = datetime.date(year, 11, 10) + datetime.timedelta(days=rng.randrange(15))
            if reported_on > today:
                continue
            for agency in rng.sample(agencies, min(EVALUATED, len(agencies))):
                score = Decimal(rng.randint(7000, 9900)) / 100
                published_on = datetime.date(year, 12, 20) + datetime.timedelta(
                    days=rng.randrange(8)
                )
                done = published_on <= today
                rows.append(Evaluation(
                    agency=agency, year=year, region_code=agency.region_id,
                    self_report=f"{agency.name}{year}年度普法履职报告：落实谁执法谁普法责任制，"
                                f"开展以案释法和执法过程普法。",
                    reported_on=reported_on, expert_score=score,
                    # Past years' votes as tallied then (imported); an evaluation not yet
                    # published takes its votes on the portal.
                    public_votes=rng.randint(1500, 3200) if done else 0, grade=_grade(score) if done else "",
                    published=done, published_on=published_on if done else None,
                ))  # fmt: skip
    Evaluation.objects.bulk_create(rows, batch_size=2000)


def _villages(world, rng: random.Random, today: datetime.date) -> None:
    """Two communities under the first two streets of each focus district, with titles."""
    rows = []
    for code in sorted(demo.FOCUS_DISTRICTS):
        district = Region.objects.filter(code=code).first()
        if district is None:
            continue
        for street in district.children.order_by("code")[:2]:
            stem = street.name.removesuffix("街道").removesuffix("镇")
            for n, side in enumerate(("东", "西"), start=1):
                village, _created = Region.objects.get_or_create(
                    code=f"{street.code[:9]}{n:03d}",
                    defaults={"name": f"{stem}{side}社区", "level": RegionLevel.VILLAGE,
                              "parent": street, "prefix": f"{street.code[:9]}{n:03d}"},
                )  # fmt: skip
                level = rng.choice((TitleLevel.CITY, TitleLevel.PROVINCIAL, TitleLevel.NATIONAL))
                year = rng.randint(today.year - 8, today.year - 1)
                rows.append(ModelVillage(region=village, region_code=village.code, level=level,
                                         year_named=year, batch=f"{year}年命名"))  # fmt: skip
    ModelVillage.objects.bulk_create(rows)


demo.register(85, "education", build)
