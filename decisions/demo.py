"""Demo data for major administrative decisions (重大行政决策, DEC = 重大行政决策程序暂行条例): a
catalogue of decision matters (决策事项目录, DEC Art. 3 ¶3) a year for each district government and
each city government of the world, a decision for most of each catalogue's matters taken
through its statutory steps, the public's comments on the drafts answered, and open work for the
demo logins.

Calibration: 广州 reviews ~475 major-decision and contract proposals a year (sample report),
most of them contracts and department matters; the catalogues themselves are short — 4 to 8
matters a district government, 8 to 12 for the city's. Each matter's decision is started within
weeks of the catalogue's publication (after the Party committee's approval) and goes through:
the draft (Arts. 12–13), public comment for 30 days (Art. 15; one in twenty exempt as legally
non-disclosable, Art. 14) with 0 to 12 comments, each answered (Art. 18), the handling of the
comments published after the period, expert argumentation (Arts. 19–21) and risk assessment
(Arts. 22–24) where triggered, the legality review (Arts. 25–28), the collective discussion
(Arts. 29–31), the decision and its publication within the window (20 working days ❓, Art. 32),
then archived — cut at the demo's present, so this year's stand at some step. Every decided one
has all its mandatory steps (the `decide` step refuses otherwise).

The history is written in bulk through decisions.history, as an Excel import of past decisions
is: one event per step, the publication clock replayed over the steps, the comments; no
evidence files or audit rows (the steps' evidence is what people upload). The governments are
added as agencies when the core world lacks them (named as the reconsideration demo names
them). Open work for each focus district (`{district}_staff`, bureau section staff;
`{district}_agency`, the handler of the district's 市场监督管理局) goes through `cases.engine`: a
department decision of the agency login's 市场监督管理局 whose draft is out for public comment
(comments coming in on the portal), and one of the district government whose comment period is
over with comments to answer.

Deterministic: the same seed and date give the same rows.

Registered by decisions.apps.DecisionsConfig.ready's import of the line's modules, which runs
`demo.register(82, "decisions", build)` below.
"""

from __future__ import annotations

import datetime
import random

from django.apps import apps
from django.utils import timezone

from cases import bulk, engine
from cases.calendar import get_calendar
from cases.models import Channel, NumberingRule
from core import demo
from core.models import Organization, OrganizationKind, Region
from decisions import history
from decisions.choices import Answer, Conclusion, MatterKind, MeetingResult, MeetingType
from decisions.models import Catalogue, CatalogueItem, Comment, MajorDecision
from decisions.process import COMMENT_DAYS, DECISION_PROCESS, S, comment_closes_on

ITEMS_DISTRICT = (4, 8)
ITEMS_CITY = (8, 12)
EXEMPT = 0.05
EXPERT = 0.6
RISK = 0.5
COMMENTS = (0, 12)
ADOPTED = 0.4  # comments adopted (the rest answered with reasons)
MATTERS = (
    (MatterKind.PLAN, "{area}国民经济和社会发展第十五个五年规划纲要"),
    (MatterKind.PLAN, "{area}国土空间总体规划"),
    (MatterKind.PLAN, "{area}综合交通体系规划"),
    (MatterKind.PUBLIC_POLICY, "{area}促进民营经济高质量发展若干措施"),
    (MatterKind.PUBLIC_POLICY, "{area}养老服务体系建设实施方案"),
    (MatterKind.PUBLIC_POLICY, "{area}义务教育学位供给保障方案"),
    (MatterKind.RESOURCES, "{area}河长制水环境治理方案"),
    (MatterKind.RESOURCES, "{area}历史文化街区保护利用规划"),
    (MatterKind.PROJECT, "{area}人民医院新院区建设项目"),
    (MatterKind.PROJECT, "{area}老旧小区改造工程"),
    (MatterKind.PROJECT, "{area}垃圾焚烧发电厂扩建项目"),
    (MatterKind.OTHER, "{area}公共停车收费标准调整"),
    (MatterKind.OTHER, "{area}城市更新单元划定方案"),
)
COMMENT_BODIES = (
    "建议增加社区养老服务站点的数量。", "建议明确项目建设期间的交通疏导措施。",
    "希望进一步听取周边居民意见。", "建议补充对小微企业的扶持条款。",
    "收费标准调整幅度过大，建议分步实施。", "建议公开项目环境影响评价报告。",
    "建议增加学位供给的时间表。", "建议加强历史建筑的保护措施。",
)  # fmt: skip
NOT_ADOPTED = "该意见涉及事项不属于本决策范围，已转有关部门研究。"
DAY = datetime.timedelta(days=1)


def build(world: demo.DemoWorld) -> None:
    rng = random.Random(world.seed + 82)
    _Writer(world, rng).history()


class _Writer(bulk.WorkingDays):
    def __init__(self, world, rng):
        self.world, self.rng = world, rng
        self.today = world.today
        self.calendar = get_calendar()
        self.zone = timezone.get_current_timezone()
        self.exempt = demo.Quota(EXEMPT, rounded=True)
        self.expert = demo.Quota(EXPERT, rounded=True)
        self.risk = demo.Quota(RISK, rounded=True)
        self.adopted = demo.Quota(ADOPTED, rounded=True)
        self.records: list[history.Record] = []
        self.abbr: dict[int, str] = {}
        self.legality: dict[int, list[str]] = {}

    # -- the organisations

    def makers(self) -> list[tuple[Organization, Organization, list[Organization]]]:
        """(government, following bureau, its region's agencies) for each city and district
        of the world; a government missing from the core world is added as an agency."""
        out = []
        for city in self.world.cities:
            city_region = Region.objects.get(code=city.code)
            districts = [b.region for code, b in sorted(self.world.bureaus.items())
                         if code[:4] == city.code[:4] and b.region.level == 3]  # fmt: skip
            short = demo.short_names(districts)
            for region in [city_region, *districts]:
                bureau = self.world.bureaus.get(region.code)
                if bureau is None:
                    continue
                own = region.level == 2
                self.abbr[bureau.pk] = city.abbreviation + ("" if own else short[region.code])
                name = (f"{region.name}人民政府" if own
                        else f"{demo.county_unit_prefix(region)}人民政府")  # fmt: skip
                government = Organization.objects.filter(region=region, name=name).first()
                if government is None:
                    government = Organization.objects.create(
                        name=name, short_name=f"{region.name}人民政府",
                        kind=OrganizationKind.AGENCY, region=region,
                    )  # fmt: skip
                    self.world.agencies.append(government)
                agencies = list(
                    Organization.objects.filter(kind=OrganizationKind.AGENCY, region=region,
                                                is_active=True)
                    .exclude(pk=government.pk).order_by("pk")
                )  # fmt: skip
                if agencies:
                    out.append((government, bureau, agencies))
        return out

    def legality_numbers(self) -> None:
        """The legality demo's major-decision reviews with a lawful opinion, by bureau, read
        through the model registry (no import of that line)."""
        try:
            model = apps.get_model("legality", "LegalityReview")
        except LookupError:
            return
        rows = model.objects.filter(
            kind="decision", conclusion__in=("lawful", "lawful_if_revised")
        ).order_by("pk").values_list("organization_id", "number")  # fmt: skip
        for bureau_id, number in rows:
            self.legality.setdefault(bureau_id, []).append(number)

    # -- the history

    def history(self) -> None:
        world, rng = self.world, self.rng
        makers = self.makers()
        if not makers:
            return
        self.legality_numbers()
        NumberingRule.objects.bulk_create(
            [NumberingRule(organization=bureau, series=DECISION_PROCESS.number_series,
                           pattern=f"（{{year}}）{self.abbr[bureau.pk]}重决字第{{seq:04d}}号")
             for _g, bureau, _a in makers],
            ignore_conflicts=True,
        )  # fmt: skip
        for first_day, _span, _share in demo.history_years(self.today):
            year = first_day.year
            for government, bureau, agencies in makers:
                approved = datetime.date(year, 2, 1) + DAY * rng.randint(0, 25)
                published = self.add_workdays(approved, rng.randint(3, 10))
                if published >= self.today:
                    continue
                catalogue = Catalogue.objects.create(
                    decision_maker=government, region_code=government.region_id, year=year,
                    party_approved_on=approved, published_on=published,
                )  # fmt: skip
                own = government.region.level == 2
                count = rng.randint(*(ITEMS_CITY if own else ITEMS_DISTRICT))
                area = government.region.name
                items = []
                for number, (kind, title) in enumerate(rng.sample(MATTERS, count), start=1):
                    items.append(CatalogueItem(
                        catalogue=catalogue, region_code=catalogue.region_code, number=number,
                        title=title.format(area=area), matter_kind=kind,
                        lead_unit=rng.choice(agencies), planned=f"{year}年{rng.randint(6, 12)}月",
                    ))  # fmt: skip
                CatalogueItem.objects.bulk_create(items)
                for item in items:
                    if rng.random() < 0.85:
                        self.plan(government, bureau, item, published)
        self.write()
        for slug in demo.FOCUS_DISTRICTS.values():
            staff = world.users.get(f"{slug}_staff")
            agency_user = world.users.get(f"{slug}_agency")
            if staff is None or agency_user is None:
                continue
            bureau = staff.primary_membership.organization
            government = next((g for g, b, _a in makers if b.pk == bureau.pk), None)
            if government is not None:
                self.open_work(staff, agency_user, government, bureau)

    def plan(self, government, bureau, item, published) -> None:
        rng = self.rng
        started = self.add_workdays(published, rng.randint(5, 60))
        if started >= self.today:
            return
        decision = MajorDecision(
            organization_id=bureau.pk, region_code=government.region_id, team_id=bureau.pk,
            channel=Channel.ONLINE, state=S.STARTED,
            received_at=self.at(started, rng.randint(9, 16), rng.randrange(60)),
            title=item.title, matter_kind=item.matter_kind, decision_maker_id=government.pk,
            lead_unit_id=item.lead_unit_id, catalogue_item_id=item.pk,
            summary=f"{item.lead_unit.name}承办。", started_on=started,
            expert_triggered=self.expert(), risk_triggered=self.risk(),
        )  # fmt: skip
        decision.organization = bureau
        comments: list[Comment] = []
        record = history.Record(decision, comments)
        self.records.append(record)
        drafted = self.add_workdays(started, rng.randint(10, 40))
        if drafted >= self.today:
            return
        decision.drafted_on = drafted
        decision.draft_text = f"{item.title}（征求意见稿）"
        decision.draft_explanation = f"关于《{item.title}（征求意见稿）》的起草说明"
        last = drafted
        if self.exempt():
            decision.participation_exempt = True
            decision.exemption_reason = "决策事项涉及依法不予公开的内容。"
            record.exempted_on = drafted
        else:
            opens = self.add_workdays(drafted, rng.randint(1, 5))
            if opens >= self.today:
                return
            closes = comment_closes_on(opens, COMMENT_DAYS)
            decision.comment_opens_on, decision.comment_days = opens, COMMENT_DAYS
            decision.comment_closes_on = closes
            for number in range(1, rng.randint(*COMMENTS) + 1):
                received = opens + DAY * rng.randint(1, COMMENT_DAYS - 1)
                if received >= self.today:
                    continue
                comments.append(Comment(
                    region_code=decision.region_code, number=number,
                    name=demo.person_name(rng) if rng.random() < 0.6 else "",
                    phone=demo.mobile(rng), body=rng.choice(COMMENT_BODIES),
                    received_on=received,
                ))  # fmt: skip
            answers = self.add_workdays(closes, rng.randint(2, 10))
            for comment in comments:
                day = min(comment.received_on + DAY * rng.randint(2, 15), answers)
                if day < self.today:
                    comment.answer = Answer.ADOPTED if self.adopted() else Answer.NOT_ADOPTED
                    comment.reasons = "" if comment.answer == Answer.ADOPTED else NOT_ADOPTED
                    comment.answered_on = day
            if answers >= self.today:
                return
            decision.answers_published_on = answers
            decision.answers_summary = f"共收到意见{len(comments)}条，均已逐条答复。"
            last = answers
        for flag, field, summary in (
            ("expert_triggered", "expert", "专家认为方案总体可行，建议已采纳。"),
            ("risk_triggered", "risk", "风险等级为低，已制定风险防范措施。"),
        ):
            if getattr(decision, flag):
                day = self.add_workdays(last, rng.randint(3, 15))
                if day >= self.today:
                    return
                setattr(decision, f"{field}_on", day)
                setattr(decision, f"{field}_summary", summary)
                if field == "risk":
                    decision.risk_assessor = "广东某社会稳定风险评估中心"
                last = day
        reviewed = self.add_workdays(last, rng.randint(7, 15))
        if reviewed >= self.today:
            return
        numbers = self.legality.get(bureau.pk)
        decision.legality_case_number = numbers.pop() if numbers else ""
        decision.legality_opinion_on = reviewed
        decision.legality_conclusion = rng.choice((Conclusion.LAWFUL, Conclusion.LAWFUL_IF_REVISED))
        meeting = self.add_workdays(reviewed, rng.randint(5, 25))
        if meeting >= self.today:
            return
        decision.meeting_on, decision.meeting_result = meeting, MeetingResult.ADOPTED
        decision.meeting_type = MeetingType.EXECUTIVE
        decision.decided_on = meeting
        decision.state = S.DECIDED
        short = government.region.name[:2]
        decision.decision_number = f"{short}府〔{meeting.year}〕{rng.randint(1, 99)}号"
        published = self.add_workdays(meeting, rng.randint(2, 18))
        if published >= self.today:
            return
        # On time or not is the publication clock's (decisions.history).
        decision.state, decision.published_on = S.PUBLISHED, published
        decision.publication_channels = "政府门户网站"
        decision.interpretation = f"《{item.title}》政策解读"
        decision.executing_unit_id = item.lead_unit_id
        archived = self.add_workdays(published, rng.randint(10, 40))
        if archived < self.today:
            decision.archived_on = archived

    def write(self) -> None:
        """The decisions with their events, publication clocks and comments; numbers issued in
        blocks per bureau and year, in order of the start (decisions.history)."""
        history.write(self.records)
        demo.forget_queries()

    # -- open work for the demo logins

    def open_work(self, staff, agency_user, government, bureau) -> None:
        from decisions.services import comment_submit

        iso = datetime.date.isoformat
        department = agency_user.primary_membership.organization
        specs = (
            # (decision-maker, actor who opens it, working days since it started, comment opened
            # so many calendar days ago, comments received)
            (department, agency_user, 20, 10, 3),
            (government, staff, 50, COMMENT_DAYS + 5, 4),
        )
        for maker, actor, age, opened_ago, count in specs:
            started = self.back(age)
            title = f"{maker.region.name}{'食品安全风险分级监管实施方案' if maker is department else '公共停车收费标准调整'}"
            decision = MajorDecision(
                title=title, matter_kind=MatterKind.PUBLIC_POLICY, decision_maker=maker,
                lead_unit=department, started_on=started, organization=bureau,
                region_code=maker.region_id, channel=Channel.ONLINE,
                received_at=self.at(started, 9, 0), expert_triggered=True,
            )  # fmt: skip
            decision = engine.open_case(decision, actor=actor, data={"title": title},
                                        on_date=started)  # fmt: skip
            opens = self.today - DAY * opened_ago
            decision = engine.fire(decision, "record_draft", actor=actor, data={
                "on_date": iso(min(opens, self.add_workdays(started, 3))),
                "draft_text": f"{title}（征求意见稿）",
                "draft_explanation": f"关于《{title}（征求意见稿）》的起草说明",
            })  # fmt: skip
            decision = engine.fire(decision, "open_comment", actor=actor, data={
                "on_date": iso(opens), "comment_days": COMMENT_DAYS, "short_period_reason": "",
            })  # fmt: skip
            decision.refresh_from_db()
            received = []
            for index in range(count):
                comment = Comment.objects.create(
                    decision=decision, region_code=decision.region_code, number=index + 1,
                    name=demo.person_name(self.rng), phone=demo.mobile(self.rng),
                    body=COMMENT_BODIES[index % len(COMMENT_BODIES)],
                    received_on=opens + DAY * (index + 1),
                )  # fmt: skip
                received.append(comment)
            if decision.comment_closes_on >= self.today:
                # Comments still come in on the portal, today's through the service.
                comment_submit(decision=decision, name="", phone="13800138000",
                               body="建议公开监管分级的具体标准。")  # fmt: skip
            engine.claim(decision, actor=staff)


demo.register(82, "decisions", build)
