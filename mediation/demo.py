"""Demo data for people's mediation: committee profiles, mediators, screenings, and disputes of
the two last full years and of this year to date (so that the latest full year has 同比),
written with bulk inserts.

The registers have a history: committees were established and mediators appointed before the
disputes begin; a few studios were dissolved last year (with their mediators), a few were set
up this year, and some mediators left or joined, so that committee and mediator counts differ
between year ends. These dates come from their own random stream, so the disputes stay the
same for a given seed.

Calibrated on the sample reports: 广州 handles about 92,000 disputes a year (scale "city");
the "small" scale is a hundredth of that; at scale "province" each of the ten cities has
广州's volume (about 2.7 million disputes over the three years). Volumes per district follow a
rough population weight (广州's by hand, the other cities' by their number of streets and
towns); success rates per district lie between 94% and 99.9%; the type mix, sources, channels
and amounts are plausible, not official figures. Bulk-inserted history carries events and
clocks but no audit rows (the audit log records what people do in the running system).

Disputes are generated and written in chunks of at most `CHUNK` disputes, cut between
districts or, within a district's year, between dates of receipt (numbers are issued per write
in order of receipt, so they still follow it): memory stays bounded whatever the scale, and a
progress bar counts them on a terminal.
"""

from __future__ import annotations

import datetime
import random
from collections import Counter
from decimal import Decimal

from django.utils.translation import gettext

from cases.models import Channel
from core import demo
from core.models import Organization, OrganizationKind, Party, PartyKind
from mediation import history
from mediation.choices import (
    AgreementForm,
    CommitteeKind,
    ConfirmationResult,
    DisputeType,
    Employment,
    OtherRoute,
    Outcome,
    Performance,
    Side,
    Source,
)
from mediation.models import Committee, Dispute, Mediator, Screening

PER_YEAR = {"small": 920, "city": 92_000, "province": 92_000}  # per city
# The most disputes generated and written at once (history.write), so that memory does not
# grow with the scale.
CHUNK = 10_000

# Rough weights of 广州's districts (share of the city's disputes), by county code.
DISTRICT_WEIGHT = {
    "440103": 0.08, "440104": 0.07, "440105": 0.10, "440106": 0.11, "440111": 0.15,
    "440112": 0.07, "440113": 0.10, "440114": 0.07, "440115": 0.05, "440117": 0.05,
    "440118": 0.08,
}  # fmt: skip

TYPE_MIX = [
    (DisputeType.NEIGHBOUR, 20, (500, 8_000)),
    (DisputeType.MARRIAGE_FAMILY, 15, (0, 50_000)),
    (DisputeType.PROPERTY_MANAGEMENT, 12, (800, 20_000)),
    (DisputeType.CONTRACT, 10, (5_000, 200_000)),
    (DisputeType.DAMAGES, 10, (2_000, 80_000)),
    (DisputeType.LABOUR, 8, (3_000, 60_000)),
    (DisputeType.TRAFFIC, 6, (2_000, 150_000)),
    (DisputeType.HOUSING_LAND, 5, (0, 300_000)),
    (DisputeType.CONSUMER, 4, (100, 10_000)),
    (DisputeType.BUSINESS, 3, (10_000, 500_000)),
    (DisputeType.MEDICAL, 2, (10_000, 400_000)),
    (DisputeType.LAND_ACQUISITION, 1, (50_000, 1_000_000)),
    (DisputeType.ENVIRONMENT, 1, (1_000, 50_000)),
    (DisputeType.OTHER, 3, (0, 20_000)),
]
INDUSTRY = {
    "物业纠纷": DisputeType.PROPERTY_MANAGEMENT,
    "劳动争议": DisputeType.LABOUR,
    "道路交通事故": DisputeType.TRAFFIC,
    "医疗纠纷": DisputeType.MEDICAL,
}
TITLES = {
    DisputeType.NEIGHBOUR: ["楼上漏水纠纷", "噪音扰民纠纷", "通道占用纠纷", "宠物伤人纠纷"],
    DisputeType.MARRIAGE_FAMILY: ["赡养费纠纷", "离婚财产分割纠纷", "抚养费纠纷"],
    DisputeType.PROPERTY_MANAGEMENT: ["物业费纠纷", "车位管理纠纷", "维修基金纠纷"],
    DisputeType.CONTRACT: ["装修合同纠纷", "买卖合同纠纷", "租赁合同纠纷"],
    DisputeType.DAMAGES: ["人身损害赔偿纠纷", "财产损害赔偿纠纷"],
    DisputeType.LABOUR: ["拖欠工资纠纷", "工伤赔偿纠纷", "解除劳动合同纠纷"],
    DisputeType.TRAFFIC: ["交通事故赔偿纠纷"],
    DisputeType.HOUSING_LAND: ["房屋漏水维修纠纷", "宅基地界址纠纷"],
    DisputeType.CONSUMER: ["预付卡退费纠纷", "网购退货纠纷"],
    DisputeType.BUSINESS: ["货款结算纠纷"],
    DisputeType.MEDICAL: ["医疗损害纠纷"],
    DisputeType.LAND_ACQUISITION: ["征地补偿纠纷"],
    DisputeType.ENVIRONMENT: ["油烟污染纠纷"],
    DisputeType.OTHER: ["其他民间纠纷"],
}
SOURCES = [(Source.APPLICATION, 55), (Source.INITIATIVE, 25), (Source.COURT, 6),
           (Source.POLICE, 6), (Source.PETITION, 3), (Source.HOTLINE, 4), (Source.GOVERNMENT, 1)]  # fmt: skip
CHANNELS = [(Channel.WINDOW, 58), (Channel.ONLINE, 25), (Channel.PHONE, 10), (Channel.REFERRAL, 7)]


def _abbreviation(org) -> str:
    region = org.region
    district = region if region.level == 3 else region.parent
    city = demo.city_of(region.code).abbreviation  # 穗 for 广州
    if org.kind == OrganizationKind.MEDIATION_STUDIO:
        return f"{city}{district.name[:1]}{org.name[:3]}调"
    if region.level == 3:  # an industry committee of the district
        industry = next((k for k in INDUSTRY if k in org.name), "行")
        return f"{city}{district.name[:1]}{industry[:1]}调"
    return f"{city}{district.name[:1]}{region.name[:2]}调"


def build(world: demo.DemoWorld) -> None:
    rng = random.Random(world.seed + 4)
    dates = random.Random(world.seed + 9)  # register history, apart from the disputes' stream
    committees = _committees(world, dates)
    _mediators(world, rng, committees, dates)
    _screenings(world, rng)
    _disputes(world, rng, committees)
    _current_work(world, rng)
    _register_changes(world, dates, committees)


def _day(rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
    return first + datetime.timedelta(days=rng.randrange((last - first).days + 1))


def _before_history(rng, world, years_back: int) -> datetime.date:
    """A day between `years_back` years ago and the last day before the disputes begin."""
    this_year = world.today.year
    return _day(rng, datetime.date(this_year - years_back, 1, 1),
                datetime.date(this_year - 3, 12, 31))  # fmt: skip


def _joined(dates, world, org) -> datetime.date:
    """An appointment before the disputes begin, not before the committee was set up."""
    return max(org.established_on or datetime.date.min, _before_history(dates, world, 15))


def _committees(world, dates) -> list:
    rows = []
    for org in world.committees:
        if org.kind == OrganizationKind.MEDIATION_STUDIO:
            kind, types = CommitteeKind.STUDIO, []
        elif org.region.level == 3:
            kind = CommitteeKind.INDUSTRY
            types = [t for k, t in INDUSTRY.items() if k in org.name]
        else:
            kind, types = CommitteeKind.STREET, []
        org.short_name = _abbreviation(org)
        org.established_on = _before_history(
            dates, world, 10 if kind == CommitteeKind.STUDIO else 25
        )
        org.save(update_fields=["short_name", "established_on"])
        rows.append(
            Committee(organization=org, kind=kind, industry_types=types, region_code=org.region_id)
        )
    return Committee.objects.bulk_create(rows)


def _mediators(world, rng, committees, dates) -> None:
    rows = []
    for committee in committees:
        for _ in range(rng.randint(2, 5)):
            rows.append(
                Mediator(
                    name=demo.person_name(rng),
                    committee=committee.organization,
                    employment=Employment.FULL_TIME if rng.random() < 0.3 else Employment.PART_TIME,
                    grade=rng.choice(["", "一级", "二级", "三级"]),
                    region_code=committee.region_code,
                    joined_on=_joined(dates, world, committee.organization),
                )
            )
    for username, user in world.users.items():
        if username.endswith("_mediator"):
            org = user.primary_membership.organization
            rows.append(
                Mediator(
                    name=user.full_name or username,
                    committee=org,
                    user=user,
                    employment=Employment.FULL_TIME,
                    region_code=org.region_id,
                    joined_on=_joined(dates, world, org),
                )
            )
    Mediator.objects.bulk_create(rows, batch_size=1000)


def _register_changes(world, dates, committees) -> None:
    """Changes to the registers in the last two years: studios dissolved last year (their
    mediators leave with them) and set up this year, mediators who left or joined. None of
    them handles a demo dispute."""
    today, this_year = world.today, world.today.year
    last_year = (datetime.date(this_year - 1, 1, 1), datetime.date(this_year - 1, 12, 31))
    offices = [world.offices[code] for code in sorted(world.offices)]
    mediators = []
    for index, office in enumerate(dates.sample(offices, k=min(5, len(offices)))):
        name = f"{demo.person_name(dates)}个人调解工作室"
        if Organization.objects.filter(region=office.region, name=name).exists():
            continue
        dissolved = index < 3
        if dissolved:
            established = _before_history(dates, world, 10)
            ended = _day(dates, *last_year)
        else:
            established, ended = _day(dates, datetime.date(this_year, 1, 1), today), None
        org = Organization.objects.create(
            name=name, kind=OrganizationKind.MEDIATION_STUDIO, region=office.region,
            parent=office, established_on=established, dissolved_on=ended,
            is_active=not dissolved,
        )  # fmt: skip
        org.short_name = _abbreviation(org)
        org.save(update_fields=["short_name"])
        Committee.objects.create(organization=org, kind=CommitteeKind.STUDIO,
                                 region_code=org.region_id)  # fmt: skip
        mediators.append(Mediator(name=name.removesuffix("个人调解工作室"), committee=org,
                                  employment=Employment.FULL_TIME, region_code=org.region_id,
                                  joined_on=established, left_on=ended,
                                  is_active=not dissolved))  # fmt: skip
    for committee in committees:
        roll = dates.random()
        if roll < 0.1:  # a mediator who left since the start of last year
            left = _day(dates, last_year[0], today - datetime.timedelta(days=1))
            joined, active = _joined(dates, world, committee.organization), False
        elif roll < 0.2:  # a mediator appointed this year
            left, joined, active = None, _day(dates, datetime.date(this_year, 1, 1), today), True
        else:
            continue
        mediators.append(Mediator(name=demo.person_name(dates), committee=committee.organization,
                                  employment=Employment.PART_TIME, region_code=committee.region_code,
                                  joined_on=joined, left_on=left, is_active=active))  # fmt: skip
    Mediator.objects.bulk_create(mediators, batch_size=1000)


def _screenings(world, rng) -> None:
    rows = []
    for office in world.offices.values():
        for month_back in range(0, 36, 3 if world.scale == "small" else 1):
            day = world.today - datetime.timedelta(days=30 * month_back + rng.randint(0, 20))
            found = rng.randint(0, 6)
            rows.append(
                Screening(
                    organization=office,
                    region_code=office.region_id,
                    held_on=day,
                    scope=rng.choice(["辖区社区", "重点企业", "建筑工地", "出租屋"]),
                    disputes_found=found,
                    disputes_prevented=rng.randint(0, found),
                )
            )
    Screening.objects.bulk_create(rows, batch_size=1000)


def _district_weights(world, city: demo.City) -> dict[str, float]:
    """County code (6 digits) -> weight of its share of the city's disputes."""
    if city.code == demo.CITY_CODE:
        return DISTRICT_WEIGHT
    streets = Counter(code[:6] for code in world.offices if code[:4] == city.code[:4])
    return {district: streets[district] for district in sorted(streets)}


def _disputes(world, rng, committees) -> None:
    per_year = PER_YEAR[world.scale]
    by_district: dict[str, list] = {}
    industry_by_district: dict[str, dict[str, object]] = {}
    for c in committees:
        district = c.region_code[:6]
        if c.kind == CommitteeKind.INDUSTRY:
            for t in c.industry_types:
                industry_by_district.setdefault(district, {})[t] = c.organization
        else:
            by_district.setdefault(district, []).append(c.organization)
    mediators_of: dict[int, list[int]] = {}
    for committee_id, pk in Mediator.objects.values_list("committee_id", "pk"):
        mediators_of.setdefault(committee_id, []).append(pk)
    weights = {city.code: _district_weights(world, city) for city in world.cities}
    success_rate = {d: _Quota(rng.uniform(0.95, 0.995)) for w in weights.values() for d in w}
    generate = _Generator(rng, world.today)
    years = demo.history_years(world.today)
    expected = round(per_year * len(world.cities) * sum(fraction for *_x, fraction in years))
    pending: list[Dispute] = []
    with world.progress(expected, gettext("disputes"), gettext("Demo disputes")) as bar:

        def flush():
            history.write(
                [
                    history.Record(
                        dispute=d,
                        parties=generate.parties(d),
                        mediator_ids=generate.mediators(d, mediators_of),
                    )
                    for d in pending
                ]
            )
            bar.update(len(pending))
            pending.clear()
            demo.forget_queries()

        for first_day, span, fraction in years:
            for city in world.cities:
                district_weight = weights[city.code]
                total_weight = sum(district_weight.values())
                for district, weight in district_weight.items():
                    orgs = by_district.get(district)
                    if not orgs:
                        continue
                    growth = rng.uniform(0.9, 1.1)
                    count = round(per_year * weight / total_weight * fraction * growth)
                    # A district's year of more than CHUNK disputes is cut into parts by date
                    # of receipt, written in order, so its numbers still follow receipt.
                    parts = -(-count // CHUNK)
                    for part in range(parts):
                        start, end = span * part // parts, span * (part + 1) // parts
                        n = count * (part + 1) // parts - count * part // parts
                        if pending and len(pending) + n > CHUNK:
                            flush()
                        generate.disputes(
                            pending,
                            n,
                            first_day + datetime.timedelta(days=start),
                            end - start,
                            orgs,
                            industry_by_district.get(district, {}),
                            success_rate[district],
                        )
            if pending:
                flush()
        bar.total = bar.n  # the estimate did not know each district's growth
        bar.refresh()


class _Generator:
    """The disputes of the demo's history, drawn from one random stream: for each dispute the
    same draws in the same order as ever (the small world must not change for a seed), but
    with the lookups, weights and constants of the loop worked out once."""

    def __init__(self, rng: random.Random, today: datetime.date):
        self.rng, self.today = rng, today
        self.pick_type = demo.Picker([(t, w) for t, w, _r in TYPE_MIX])
        self.pick_channel = demo.Picker(CHANNELS)
        self.pick_source = demo.Picker(SOURCES)
        self.ranges = {t: r for t, _w, r in TYPE_MIX}
        self.titles = {t: (titles, [f"双方因{title[:-2]}问题产生争执，经协商未果，申请调解。"
                                    for title in titles]) for t, titles in TITLES.items()}  # fmt: skip
        self.performances = [Performance.FULL] * 8 + [Performance.PARTIAL, Performance.PENDING]
        self.companies = demo.city_names()  # 广州
        self.courts: dict[int, str] = {}  # organisation id -> the court that confirms
        self.make_dispute, self.make_party = demo.Maker(Dispute), demo.Maker(Party)

    def disputes(self, out, count, first_day, span, orgs, industry, success) -> None:
        """Append `count` unsaved disputes received in the `span` days from `first_day` and
        handled by one of `orgs` (or the district's industry committee of their type)."""
        rng = self.rng
        random_, randrange, choice = rng.random, rng.randrange, rng.choice
        pick_type, ranges, today = self.pick_type, self.ranges, self.today
        days = [first_day + datetime.timedelta(days=n) for n in range(span)]
        for _ in range(count):
            received = days[randrange(span)]
            dtype = pick_type(random_())
            org = industry.get(dtype) if random_() < 0.5 else None
            org = org or choice(orgs)
            plan = _plan(rng, today, received, dtype, ranges[dtype], success)
            out.append(self.dispute(org, received, dtype, plan))

    def dispute(self, org, received, dtype, plan) -> Dispute:
        rng = self.rng
        random_ = rng.random
        titles, facts = self.titles[dtype]
        index = rng.randrange(len(titles))  # the draw of rng.choice(titles)
        state = plan["state"]
        d = self.make_dispute(
            number_year=received.year,
            region_code=org.region_id,
            organization_id=org.pk,
            team_id=org.pk,
            state=state,
            channel=self.pick_channel(random_()),
            received_at=history.at(received, rng.randint(8, 17)),
            title=titles[index],
            facts=facts[index],
            requests="请求依法调解处理。",
            dispute_type=dtype,
            source=self.pick_source(random_()),
            amount=plan["amount"],
            is_mass=random_() < 0.01,
            tags=["涉疫"] if random_() < 0.005 else [],
            consent_recorded=state != "refused",
            version=1,
        )
        d.organization = org  # cached: history.write numbers per organisation
        if dtype == DisputeType.LABOUR:
            d.dispute_subtype = "labour.wage_arrears" if random_() < 0.5 else "labour.other"
        if state != "refused":
            d.accepted_at = history.at(plan["accepted"], 11)
        outcome = plan["outcome"]
        if plan["concluded"]:
            d.closed_at = history.at(plan["concluded"], 16)
            d.outcome = outcome
        if outcome == Outcome.REFUSED:
            d.refusal_reason = "不属于人民调解受理范围。"
        elif outcome == Outcome.SUCCEEDED:
            d.agreement_form = plan["form"]
            d.agreement_terms = "双方自愿达成调解协议，按约定履行。"
            d.agreement_performance = "协议签订之日起十五日内履行完毕。"
            d.agreement_effective_on = plan["concluded"]
            written = plan["form"] == AgreementForm.WRITTEN
            d.parties_signed = d.mediator_signed = d.committee_sealed = written
            d.performance = rng.choice(self.performances)
            if plan["confirmed"]:
                d.confirmation_applied_on = plan["concluded"] + datetime.timedelta(
                    days=rng.randint(1, 20)
                )
                d.confirmation_court = self.court(org)
                d.confirmation_result = ConfirmationResult.VALID
                d.confirmation_ruled_on = d.confirmation_applied_on + datetime.timedelta(days=7)
        elif outcome in (Outcome.FAILED, Outcome.TERMINATED):
            d.failure_reason = "双方分歧较大，未能达成一致。"
            d.routes_told = [OtherRoute.LITIGATION, OtherRoute.ARBITRATION]
        return d

    def court(self, org) -> str:
        """The basic people's court of the committee's county (广州市海珠区人民法院)."""
        if org.pk not in self.courts:
            county = org.region.parent if org.region.level == 4 else org.region
            self.courts[org.pk] = f"{demo.county_unit_prefix(county)}人民法院"
        return self.courts[org.pk]

    def parties(self, d) -> list:
        rng = self.rng
        result = []
        for side in (Side.APPLICANT, Side.RESPONDENT):
            org_party = side == Side.RESPONDENT and d.dispute_type in _COMPANY_RESPONDENTS
            name = (
                f"{self.companies[d.region_code[:4]]}{rng.choice('恒信粤发穗安珠江南湖')}有限公司"
                if org_party
                else demo.person_name(rng)
            )
            kind = PartyKind.ORGANIZATION if org_party else PartyKind.PERSON
            phone = demo.mobile(rng) if side == Side.APPLICANT and rng.random() < 0.6 else ""
            result.append((side, self.make_party(kind=kind, name=name, phone=phone)))
        return result

    def mediators(self, d, mediators_of) -> list[int]:
        rng = self.rng
        pool = mediators_of.get(d.organization_id) or []
        return rng.sample(pool, k=min(len(pool), rng.choice((1, 1, 2))))


_COMPANY_RESPONDENTS = (DisputeType.PROPERTY_MANAGEMENT, DisputeType.LABOUR, DisputeType.CONTRACT)


def _current_work(world, rng) -> None:
    """Open cases for each demo mediator, made through the real services and the engine: new
    requests (one filed online, with a tracking code), cases in mediation due soon and one
    overdue, so that 我的工作 and the reminders have something to show."""
    from cases import engine
    from mediation.services import dispute_register

    today = world.today
    for username, user in world.users.items():
        if not username.endswith("_mediator"):
            continue
        committee = user.primary_membership.organization
        specs = [
            (2, None, True, "邻里漏水纠纷"),
            (1, None, False, "物业费纠纷"),
            (26, 25, False, "装修合同纠纷"),
            (29, 28, False, "劳务费纠纷"),
            (45, 40, False, "租赁合同纠纷"),
        ]
        tracked = None
        for days_ago, accepted_days_ago, online, title in specs:
            received = today - datetime.timedelta(days=days_ago)
            dispute = dispute_register(
                actor=user,
                organization=committee,
                data={
                    "title": title,
                    "facts": f"双方因{title[:-2]}问题发生争执，申请调解。",
                    "requests": "请求调解处理。",
                    "dispute_type": DisputeType.NEIGHBOUR
                    if "漏水" in title
                    else DisputeType.CONTRACT,
                    "amount": str(rng.randint(1, 50) * 500),
                    "channel": Channel.ONLINE if online else Channel.WINDOW,
                    "received_on": received,
                },
                parties=[
                    {
                        "side": Side.APPLICANT,
                        "name": demo.person_name(rng),
                        "phone": "13800138000" if online else demo.mobile(rng),
                    },
                    {"side": Side.RESPONDENT, "name": demo.person_name(rng)},
                ],
                tracking_code=online,
            )
            tracked = dispute if online else tracked
            if accepted_days_ago is None:
                continue
            accepted = today - datetime.timedelta(days=accepted_days_ago)
            dispute = engine.claim(dispute, actor=user, version=dispute.version)
            dispute = engine.fire(dispute, "accept", actor=user, version=dispute.version,
                                  data={"consent": True, "accepted_on": accepted})  # fmt: skip
            engine.fire(dispute, "record_session", actor=user, version=dispute.version,
                        data={"held_on": accepted, "place": "调委会调解室",
                              "notes": "听取双方陈述，释明权利义务。"})  # fmt: skip
        if tracked is not None:
            world.logins.append(
                (f"查询码 {tracked.tracking_code}", "群众（手机 13800138000）", committee.name)
            )


class _Quota:
    """Failures spread evenly (every ~1/(1-rate)-th concluded dispute), so that each district's
    success rate is its target to within one case, not a coin-flip that can stray below 94%."""

    def __init__(self, rate: float):
        self.rate, self.count = rate, 0

    def __call__(self) -> bool:
        self.count += 1
        miss = 1 - self.rate
        return int(self.count * miss) == int((self.count - 1) * miss)


def _plan(rng, today, received, dtype, amount_range, success) -> dict:
    """What happened to one dispute, decided before anything is written."""
    accepted = received + datetime.timedelta(days=rng.choice((0, 0, 0, 1, 2)))
    duration = max(1, int(rng.expovariate(1 / 9)))
    concluded = accepted + datetime.timedelta(days=duration)
    low, high = amount_range
    amount = Decimal(int(rng.triangular(low, high, low + (high - low) * 0.15))) if high else 0
    plan = {"accepted": accepted, "concluded": concluded, "amount": amount}
    if rng.random() < 0.01:
        plan.update(outcome=Outcome.REFUSED, state="refused", concluded=received)
    elif concluded > today:
        plan.update(outcome="", state="mediating" if duration > 3 else "accepted", concluded=None)
    elif success():
        written = rng.random() < 0.7
        confirmed = written and rng.random() < 0.08
        plan.update(
            outcome=Outcome.SUCCEEDED,
            state="confirmed" if confirmed else "agreed",
            form=AgreementForm.WRITTEN if written else AgreementForm.ORAL,
            confirmed=confirmed,
        )
    else:
        failed = rng.random() < 0.8
        plan.update(
            outcome=Outcome.FAILED if failed else Outcome.TERMINATED,
            state="failed" if failed else "terminated",
        )
    return plan


demo.register(50, "mediation", build)
