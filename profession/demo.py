"""The legal-services sector's demo data over three years (this year and the two before it), on
the core demo world and the lawyers legal aid's builder writes (one register: no lawyer is
added here): the profile of every demo law firm, notary office and forensic institution, a few
notaries and appraisers, the institutions' monthly returns of notarisations and appraisals,
the annual inspections of the focus districts' firms, and complaints against their lawyers
through the engine (accepted, dismissed or penalised by the city bureau, some pending).

Calibrated on the samples (scale "city"): 广州 379,000 notarisations a year city-wide (issue 16),
appraisals about 40,000 a year (东莞 39,558). The register at scale "city" is topped up to the
samples' 广州: 838 law firms and about 17,000 lawyers city-wide, 白云 53 firms and 512 lawyers
(`_register`: firms and lawyers bulk-created in each district beyond legal aid's demo firms,
which keep their lawyers and pools; the added lawyers are in no legal-aid pool). 罗湖's 48
firms and 300-odd lawyers are not built: the scale "city" builds 广州 alone, and the "small" and
"province" scales keep legal aid's register as it is. The "small" scale writes about a
hundredth of the volumes, the "province" scale a fiftieth per city.
Registered by `demo.register(84, "profession", build)` below, after legal aid (60), whose
lawyers it reuses, and before public legal services (86)."""

from __future__ import annotations

import datetime
import random

from core import demo
from core.models import Lawyer, Organization, OrganizationKind, PractitionerStatus
from profession import services
from profession.choices import AppraisalCategory, FirmForm, VolumeKind
from profession.models import Appraiser, ForensicInstitution, LawFirm, Notary, NotaryOffice, Volume
from profession.process import inspection_window

# The register of 广州 at scale "city" (samples): firms and lawyers city-wide, and the districts
# the samples give; the other districts share the rest by these weights (天河 and 越秀 hold most
# of the city's firms).
CITY_REGISTER = {"city": ("440100000000", 838, 17_000)}
DISTRICT_REGISTER = {"440111000000": (53, 512)}  # 白云
DISTRICT_WEIGHTS = {"440106000000": 34, "440104000000": 22, "440105000000": 9,
                    "440113000000": 8, "440103000000": 5, "440112000000": 5, "440114000000": 4,
                    "440118000000": 4, "440115000000": 3, "440117000000": 2}  # fmt: skip
FIRM_PREFIXES = ("广东", "广州", "北京", "上海", "国信", "华商", "金桥", "正平", "南方", "新粤")
FIRM_SUFFIXES = ("律师事务所", "律师事务所", "律师事务所（广州）")

NOTARISATIONS_A_YEAR = {"small": 3_790, "city": 379_000, "province": 7_580}  # per city
APPRAISALS_A_YEAR = {"small": 400, "city": 40_000, "province": 800}
PEOPLE = {"small": 2, "city": 25, "province": 3}  # notaries / appraisers per institution
COMPLAINTS_A_YEAR = {"small": 2, "city": 8, "province": 2}  # per focus district
# The firms of a focus district whose annual inspections go through the engine (the first by id:
# legal aid's demo firms, then those `_register` added); None for all of them.
INSPECTED_FIRMS = {"small": None, "city": 60, "province": None}
GROWTH = (0.9, 0.95, 1.0)
CATEGORIES = ((AppraisalCategory.FORENSIC_MEDICINE, 0.70), (AppraisalCategory.PHYSICAL_EVIDENCE, 0.18),
              (AppraisalCategory.AUDIOVISUAL, 0.07), (AppraisalCategory.ENVIRONMENTAL, 0.05))  # fmt: skip
FACTS = ("收取代理费后未按约定出庭。", "未及时告知案件进展，拖延办理。", "私自收取费用，未开具发票。",
         "执业过程中言行不当，泄露当事人隐私。")  # fmt: skip


def build(world: demo.DemoWorld) -> None:
    rng = random.Random(world.seed + 84)
    today = world.today
    _register(world, rng)
    _profiles(world, rng)
    _volumes(world, rng, today)
    _inspections(world, rng, today)
    _complaints(world, rng, today)


def _targets(districts) -> dict[str, tuple[int, int]]:
    """(firms, lawyers) wanted in each district of the city at scale "city"."""
    _code, firms, lawyers = CITY_REGISTER["city"]
    fixed = {d: DISTRICT_REGISTER[d] for d in districts if d in DISTRICT_REGISTER}
    rest = [d for d in districts if d not in fixed]
    weights = {d: DISTRICT_WEIGHTS.get(d, 2) for d in rest}
    total = sum(weights.values()) or 1
    left_firms = firms - sum(f for f, _l in fixed.values())
    left_lawyers = lawyers - sum(n for _f, n in fixed.values())
    out = dict(fixed)
    for i, d in enumerate(rest):
        if i == len(rest) - 1:  # the last takes what rounding left
            out[d] = (left_firms, left_lawyers)
        else:
            share = weights[d] / total
            out[d] = (round((firms - sum(f for f, _l in fixed.values())) * share),
                      round((lawyers - sum(n for _f, n in fixed.values())) * share))  # fmt: skip
            left_firms -= out[d][0]
            left_lawyers -= out[d][1]
    return out


def _register(world, rng) -> None:
    """At scale "city": firms and lawyers bulk-created in each district of 广州 up to the samples'
    register (CITY_REGISTER, DISTRICT_REGISTER), beyond what legal aid's demo wrote. Nothing at
    the other scales."""
    from django.db.models import Count, Max

    from core.models import Region

    if world.scale not in CITY_REGISTER:
        return
    city_code = CITY_REGISTER[world.scale][0]
    districts = {r.code: r for r in Region.objects.filter(parent_id=city_code).order_by("code")}
    have_firms = dict(Organization.objects.filter(
        kind=OrganizationKind.LAW_FIRM, region_id__in=districts).values("region_id").annotate(
        n=Count("id")).values_list("region_id", "n"))  # fmt: skip
    have_lawyers = dict(Lawyer.objects.filter(region_code__in=districts).values(
        "region_code").annotate(n=Count("id")).values_list("region_code", "n"))  # fmt: skip
    parent = world.bureaus.get(city_code)
    taken = set(Organization.objects.filter(kind=OrganizationKind.LAW_FIRM).values_list(
        "region_id", "name"))  # fmt: skip
    new_orgs = []
    for code, (firms, _lawyers) in sorted(_targets(list(districts)).items()):
        district = districts[code]
        made = 0
        serial = 0
        while have_firms.get(code, 0) + made < firms:
            serial += 1
            name = (f"{rng.choice(FIRM_PREFIXES)}{district.name[:2]}"
                    f"{demo.person_name(rng)[:1]}{serial}{rng.choice(FIRM_SUFFIXES)}")  # fmt: skip
            if (code, name) in taken:
                continue
            taken.add((code, name))
            new_orgs.append(Organization(name=name, kind=OrganizationKind.LAW_FIRM,
                                         region=district, parent=parent))  # fmt: skip
            made += 1
    last = Organization.objects.aggregate(n=Max("pk"))["n"] or 0
    Organization.objects.bulk_create(new_orgs, batch_size=1000)
    added = Organization.objects.filter(kind=OrganizationKind.LAW_FIRM, pk__gt=last)
    by_district: dict[str, list[int]] = {}
    for org_id, region_id in added.values_list("pk", "region_id").order_by("pk"):
        by_district.setdefault(region_id, []).append(org_id)
    rows, serial = [], 0
    today = world.today
    for code, (_firms, lawyers) in sorted(_targets(list(districts)).items()):
        firm_ids = by_district.get(code, [])
        wanted = lawyers - have_lawyers.get(code, 0)
        if not firm_ids or wanted <= 0:
            continue
        # Firm sizes are skewed: a few large firms, many small ones (at least one lawyer each).
        sizes = [rng.paretovariate(1.3) for _ in firm_ids]
        scale = (wanted - len(firm_ids)) / sum(sizes)
        counts = [1 + int(x * scale) for x in sizes]
        counts[0] += wanted - sum(counts)
        for firm_id, count in zip(firm_ids, counts, strict=True):
            for _i in range(max(count, 0)):
                serial += 1
                licensed = today - datetime.timedelta(days=rng.randint(60, 30 * 365))
                rows.append(Lawyer(
                    name=demo.person_name(rng), organization_id=firm_id, region_code=code,
                    licence_number=f"1{code[:4]}{licensed.year}9{serial:07d}",
                    licensed_on=licensed, status=PractitionerStatus.PRACTISING))  # fmt: skip
    Lawyer.objects.bulk_create(rows, batch_size=2000)


def _profiles(world, rng) -> None:
    serial = 0
    firms, offices, institutions = [], [], []
    for org in Organization.objects.filter(kind__in=(
            OrganizationKind.LAW_FIRM, OrganizationKind.NOTARY_OFFICE,
            OrganizationKind.FORENSIC_INSTITUTION)).order_by("pk"):  # fmt: skip
        serial += 1
        number = f"3{org.region_id[:6]}{serial:06d}"
        common = {"organization": org, "licence_number": number, "region_code": org.region_id,
                  "licensed_on": datetime.date(2000 + serial % 20, 1 + serial % 12, 1)}  # fmt: skip
        if org.kind == OrganizationKind.LAW_FIRM:
            form = rng.choices(FirmForm.values, weights=(80, 15, 5))[0]
            firms.append(LawFirm(form=form, **common))
        elif org.kind == OrganizationKind.NOTARY_OFFICE:
            offices.append(NotaryOffice(**common))
        else:
            institutions.append(ForensicInstitution(
                categories=[c for c, _w in CATEGORIES], **common))  # fmt: skip
    LawFirm.objects.bulk_create(firms)
    NotaryOffice.objects.bulk_create(offices)
    ForensicInstitution.objects.bulk_create(institutions)
    per = PEOPLE.get(world.scale, 2)
    Notary.objects.bulk_create([
        Notary(name=demo.person_name(rng), office=o, region_code=o.region_code,
               licence_number=f"GZY{o.pk:04d}{i:03d}")
        for o in NotaryOffice.objects.all() for i in range(per)
    ])  # fmt: skip
    Appraiser.objects.bulk_create([
        Appraiser(name=demo.person_name(rng), institution=s, region_code=s.region_code,
                  licence_number=f"SJR{s.pk:04d}{i:03d}",
                  categories=[CATEGORIES[i % len(CATEGORIES)][0]])
        for s in ForensicInstitution.objects.all() for i in range(per)
    ])  # fmt: skip


def _months(today: datetime.date) -> list[datetime.date]:
    """The months of the three years whose returns are in: up to the month before this one."""
    months, day = [], datetime.date(today.year - 2, 1, 1)
    while day < today.replace(day=1):
        months.append(day)
        day = datetime.date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return months


def _volumes(world, rng, today) -> None:
    months = _months(today)
    rows = []
    notary_year = NOTARISATIONS_A_YEAR.get(world.scale, 3_790)
    appraisal_year = APPRAISALS_A_YEAR.get(world.scale, 400)
    for city in world.cities:
        prefix = city.code[:4]
        offices = [o.organization for o in NotaryOffice.objects.filter(
            region_code__startswith=prefix).select_related("organization")]  # fmt: skip
        institutions = [s.organization for s in ForensicInstitution.objects.filter(
            region_code__startswith=prefix).select_related("organization")]  # fmt: skip
        for month in months:
            growth = GROWTH[month.year - (today.year - 2)]
            for org in offices:
                count = notary_year * growth / 12 / len(offices) * rng.uniform(0.85, 1.15)
                rows.append(Volume(organization=org, kind=VolumeKind.NOTARISATION, category="",
                                   month=month, count=round(count), region_code=org.region_id))  # fmt: skip
            for org in institutions:
                for category, share in CATEGORIES:
                    count = appraisal_year * share * growth / 12 / len(institutions)
                    rows.append(Volume(organization=org, kind=VolumeKind.APPRAISAL,
                                       category=category, month=month,
                                       count=round(count * rng.uniform(0.8, 1.2)),
                                       region_code=org.region_id))  # fmt: skip
    Volume.objects.bulk_create(rows, batch_size=2000)


def _staff(world, code: str):
    slug = demo.FOCUS_DISTRICTS.get(code)
    return world.users.get(f"{slug}_staff") if slug else None


def _fire(case, name, actor, day, **data):
    from cases import engine

    case.refresh_from_db()
    return engine.fire(case, name, actor=actor, data={"on_date": day, **data})


def _inspections(world, rng, today) -> None:
    """The inspection of each focus-district firm held last year (of the practice of the year
    before), graded and filed with the city; this year's (of last year's practice) opened once
    its window has begun, the report in for most once it has closed."""
    city_bureau = world.bureaus[demo.CITY_CODE]
    for code in demo.FOCUS_DISTRICTS:
        actor = _staff(world, code)
        if actor is None:
            continue
        firms = LawFirm.objects.filter(region_code__startswith=code[:6]).order_by("pk")
        cap = INSPECTED_FIRMS.get(world.scale)
        for firm in firms[:cap] if cap else firms:
            # The inspections of the practice of the two years before, held in the windows of
            # last year and this year (考核年度 = the year of practice inspected).
            for year in (today.year - 2, today.year - 1):
                opens, closes = inspection_window(year + 1)
                if opens > today:
                    continue
                inspection = services.inspection_open(actor=actor, firm=firm, year=year)
                submitted = opens + datetime.timedelta(days=rng.randint(5, 55))
                if submitted > today:
                    continue
                _fire(inspection, "submit", actor, submitted)
                graded = closes + datetime.timedelta(days=rng.randint(5, 25))
                if graded > today:
                    continue
                result = "passed" if rng.random() < 0.95 else "failed"
                _fire(inspection, "grade", actor, graded, result=result)
                filed = graded + datetime.timedelta(days=rng.randint(3, 20))
                if filed <= today:
                    _fire(inspection, "file", actor, filed, filed_with=str(city_bureau.pk))


def _complaints(world, rng, today) -> None:
    city_staff = world.users.get("gz_staff")
    per_year = COMPLAINTS_A_YEAR.get(world.scale, 2)
    serial = 0
    for code in demo.FOCUS_DISTRICTS:
        actor = _staff(world, code)
        lawyers = list(Lawyer.objects.filter(region_code__startswith=code[:6], kind="lawyer",
                                             status=PractitionerStatus.PRACTISING).order_by("pk"))  # fmt: skip
        if actor is None or not lawyers:
            continue
        for year in (today.year - 2, today.year - 1, today.year):
            for _i in range(per_year):
                start = datetime.date(year, 1, 1)
                span = (min(datetime.date(year, 12, 31), today) - start).days
                received = start + datetime.timedelta(days=rng.randint(0, max(span, 0)))
                lawyer = rng.choice(lawyers)
                complaint = services.complaint_register(actor=actor, data={
                    "subject_kind": "lawyer", "lawyer": lawyer.pk,
                    "complainant_name": demo.person_name(rng), "complainant_phone": demo.mobile(rng),
                    "facts": rng.choice(FACTS), "received_on": received})  # fmt: skip
                roll = rng.random()
                if roll < 0.15:
                    day = received + datetime.timedelta(days=rng.randint(2, 12))
                    if day <= today:
                        _fire(complaint, "refuse", actor, day, reasons="不属于律师执业行为。")
                    continue
                accepted = received + datetime.timedelta(days=rng.randint(1, 8))
                if accepted > today:
                    continue
                _fire(complaint, "accept", actor, accepted)
                concluded = received + datetime.timedelta(days=rng.randint(25, 75))
                if concluded > today:
                    continue
                if roll < 0.75 or city_staff is None:
                    _fire(
                        complaint, "dismiss", actor, concluded, findings="经调查，投诉事项不属实。"
                    )
                    continue
                serial += 1
                _fire(complaint, "decide", city_staff, concluded, article="47", warning=True,
                      fine=str(rng.choice((1000, 2000, 3000, 5000))),
                      decision_number=f"穗司罚〔{concluded.year}〕{serial}号",
                      summary="该律师" + rng.choice(FACTS).rstrip("。") + "，违反律师执业规范，"
                      "依照《中华人民共和国律师法》第四十七条给予处罚。")  # fmt: skip
    if city_staff is not None:
        _other_practitioners(rng, today, next(iter(demo.FOCUS_DISTRICTS))[:4], city_staff)


def _other_practitioners(rng, today, code, actor) -> None:
    """A complaint a year against a notary and one against an appraiser of the city (the demo's
    notary offices and forensic institutions are the city's, so the city bureau registers them;
    公证法 Arts. 41–42; GD‑SJ Arts. 58–59): dismissed, but for last year's notary case, which
    ends in a warning under Art. 41."""
    subjects = []
    notary = Notary.objects.filter(region_code__startswith=code).order_by("pk").first()
    if notary is not None:
        subjects.append(("notary", notary.pk, "公证员未履行告知义务，公证书内容有误。"))
    appraiser = Appraiser.objects.filter(region_code__startswith=code).order_by("pk").first()
    if appraiser is not None:
        subjects.append(("appraiser", appraiser.pk, "鉴定人未按约定期限出具鉴定意见。"))
    for year in (today.year - 2, today.year - 1):
        for kind, pk, facts in subjects:
            received = datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randint(30, 300))
            complaint = services.complaint_register(actor=actor, data={
                "subject_kind": kind, kind: pk, "complainant_name": demo.person_name(rng),
                "complainant_phone": demo.mobile(rng), "facts": facts,
                "received_on": received})  # fmt: skip
            _fire(complaint, "accept", actor, received + datetime.timedelta(days=3))
            concluded = received + datetime.timedelta(days=rng.randint(25, 55))
            if kind == "notary" and year == today.year - 1:
                _fire(complaint, "decide", actor, concluded, article="gz41", warning=True,
                      decision_number=f"穗司公罚〔{concluded.year}〕{pk}号",
                      summary="该公证员办理公证时未履行告知义务，依照《中华人民共和国公证法》"
                              "第四十一条给予警告。")  # fmt: skip
            else:
                _fire(complaint, "dismiss", actor, concluded, findings="经调查，投诉事项不属实。")


demo.register(84, "profession", build)
