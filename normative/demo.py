"""Demo data for normative documents (行政规范性文件): the documents that came out of the legality
demo's reviews of normative document drafts, issued with their unified numbers (三统一) and
published, their filings (备案) with the bureau and filing reviews (备案审查), one clean-up
campaign (清理) a year per bureau, and open work for the demo logins.

Built after the legality demo (order 81 after its 80): it reads the reviews through the model
registry (`apps.get_model("legality", "LegalityReview")`), never importing that line, and links
each document to its review by the review's case number (`review_number`) and a generic
reference, as the issue step does (normative.process.find_review). Without the legality line or
its reviews it writes nothing.

Calibration (sample reports, issue 14): 广州 673 normative documents a year, about the city
bureau's lawful document reviews; 海珠 8 documents reviewed and 4 filed: a document is issued
for ~90% of the reviews found lawful (the rest shelved), published within days of its issue,
and half of them are filed with the bureau within the filing period (30 days ❓) — ~8% late.
Filing review finds no problem in ~90%; the others get a suggestion to correct (纠正) or revoke
(撤销), answered within the 30 days ❓. Each bureau confirms a clean-up of its documents in force
at the end of each full year of the history (保留 mostly, some 修改 / 废止 / 宣布失效, the repeals
and declarations dated on the campaign's effective day).

The history is written in bulk through normative.history, as an import of past documents and
filings is: one event per step, named as normative.process names its transitions, and the
filings' clocks (review, answer) replayed over those steps (cases.bulk.replay_clocks); no audit
rows. Open work for each focus district's logins goes through `cases.engine`: a registered
document waiting to be issued (with its lawful review), an issued one waiting to be published,
a filing under review and one whose suggestion waits for the agency login's answer; this year's
clean-up is open, its items of the agency login's department undecided.

Deterministic: the same seed and date give the same rows.

Registered by normative.apps.NormativeConfig.ready's import of the line's modules, which runs
`demo.register(81, "normative", build)` below.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from cases import bulk, engine
from cases.calendar import get_calendar
from cases.models import Channel, NumberingRule
from core import demo
from core.models import Organization
from normative import history
from normative.choices import CleanupDecision, DocumentKind, FilingOpinion
from normative.models import CleanupCampaign, CleanupItem, FilingCase, NormativeDocument
from normative.process import DOCUMENT_PROCESS, FILING_PROCESS, ISSUABLE_CONCLUSIONS, F, S
from normative.services import filing_due
from normative.validity import evaluate_by, in_force_q, longest_valid_until, years_later

ISSUED = 0.9  # documents issued of the drafts found lawful
FILED = 0.5  # 海珠: 8 reviewed, 4 filed
LATE = 0.08  # filings after the filing period
FILING_OPINIONS = [(FilingOpinion.NO_PROBLEM, 90), (FilingOpinion.CORRECT, 8),
                   (FilingOpinion.REVOKE, 2)]  # fmt: skip
CLEANUP = [(CleanupDecision.KEEP, 80), (CleanupDecision.AMEND, 8), (CleanupDecision.REPEAL, 7),
           (CleanupDecision.DECLARE_EXPIRED, 5)]  # fmt: skip
CLEANUP_REASONS = {
    CleanupDecision.AMEND: "部分条款与新修订的上位法不一致，需修改。",
    CleanupDecision.REPEAL: "上位法已废止，文件失去制定依据。",
    CleanupDecision.DECLARE_EXPIRED: "文件规定的工作任务已完成，宣布失效。",
}
OPINION_TEXT = {
    FilingOpinion.CORRECT: "第六条设定的条件缺乏上位法依据，建议予以纠正。",
    FilingOpinion.REVOKE: "文件违法减损公民、法人和其他组织合法权益，建议予以撤销。",
}
ANSWER = "已按备案审查意见对相关条款作出修改，并重新公布。"
# The word of a body's unified-number prefix, by how its name ends (穗海市监规〔2025〕3号).
PREFIX_WORDS = (
    ("市场监督管理局", "市监"), ("城市管理和综合执法局", "城管"), ("人力资源和社会保障局", "人社"),
    ("住房和城乡建设局", "建"), ("生态环境局", "环"), ("卫生健康局", "卫健"), ("人民政府", "府"),
    ("公安局", "公"), ("公安分局", "公"), ("自然资源局", "规自"), ("自然资源分局", "规自"),
)  # fmt: skip
DAY = datetime.timedelta(days=1)


@dataclass
class _Body:
    org: Organization
    prefix: str  # of its unified numbers: 穗海市监规
    serials: dict[int, int] = field(default_factory=dict)  # year -> last unified number


def build(world: demo.DemoWorld) -> None:
    try:
        review_model = apps.get_model("legality", "LegalityReview")
    except LookupError:
        return
    rng = random.Random(world.seed + 81)
    writer = _Writer(world, rng, review_model)
    writer.history()


class _Writer(bulk.WorkingDays):
    def __init__(self, world, rng, review_model):
        self.world, self.rng, self.review_model = world, rng, review_model
        self.today = world.today
        self.calendar = get_calendar()
        self.zone = timezone.get_current_timezone()
        self.review_type = ContentType.objects.get_for_model(review_model)
        self.issued = demo.Quota(ISSUED, rounded=True)
        self.filed = demo.Quota(FILED, rounded=True)
        self.late = demo.Quota(LATE, rounded=True)
        self.opinions = demo.Rotation(FILING_OPINIONS)
        self.cleanup = demo.Rotation(CLEANUP)
        self.bodies: dict[int, _Body] = {}
        self.prefixes: set[str] = set()
        self.bureau_abbr: dict[int, str] = {}

    # -- numbers

    def abbreviations(self) -> None:
        """穗 for the city's bureau, 穗海 for 海珠's (as the legality demo numbers them)."""
        for city in self.world.cities:
            districts = [b.region for code, b in sorted(self.world.bureaus.items())
                         if code[:4] == city.code[:4] and b.region.level == 3]  # fmt: skip
            short = demo.short_names(districts)
            city_bureau = self.world.bureaus.get(city.code)
            if city_bureau is not None:
                self.bureau_abbr[city_bureau.pk] = city.abbreviation
            for region in districts:
                self.bureau_abbr[self.world.bureaus[region.code].pk] = (
                    city.abbreviation + short[region.code]
                )

    def body(self, org: Organization, bureau_id: int) -> _Body:
        body = self.bodies.get(org.pk)
        if body is None:
            word = next((w for end, w in PREFIX_WORDS if org.name.endswith(end)), "")
            word = word or (org.short_name or org.name)[-4:-1]
            base = f"{self.bureau_abbr.get(bureau_id, '')}{word}规"
            prefix, n = base, 1
            while prefix in self.prefixes:
                n += 1
                prefix = f"{base[:-1]}{n}规"
            self.prefixes.add(prefix)
            body = self.bodies[org.pk] = _Body(org, prefix)
        return body

    def unified(self, body: _Body, year: int) -> tuple[str, int]:
        serial = body.serials.get(year, 0) + 1
        body.serials[year] = serial
        return f"{body.prefix}〔{year}〕{serial}号", serial

    # -- the history

    def history(self) -> None:
        world = self.world
        self.abbreviations()
        bureaus = [b for b in world.bureaus.values() if b.pk in self.bureau_abbr]
        for series, word in ((DOCUMENT_PROCESS.number_series, "规登"),
                             (FILING_PROCESS.number_series, "规备")):  # fmt: skip
            NumberingRule.objects.bulk_create(
                [NumberingRule(organization=b, series=series,
                               pattern=f"（{{year}}）{self.bureau_abbr[b.pk]}{word}字第{{seq:04d}}号")
                 for b in bureaus],
                ignore_conflicts=True,
            )  # fmt: skip
        reviews = list(
            self.review_model.objects.filter(
                kind="document", conclusion__in=ISSUABLE_CONCLUSIONS, opinion_on__isnull=False
            )
            .select_related("department", "organization")
            .order_by("opinion_on", "pk")
        )
        # The open work of each focus district keeps a lawful review of its agency login's
        # department for a document to issue through the engine.
        reserved: dict[int, list] = {}
        agency_departments = {}
        for slug in demo.FOCUS_DISTRICTS.values():
            user = world.users.get(f"{slug}_agency")
            staff = world.users.get(f"{slug}_staff")
            if user is not None and staff is not None:
                agency_departments[user.primary_membership.organization_id] = (user, staff)
        for review in reversed(reviews):
            mine = reserved.setdefault(review.department_id, [])
            if review.department_id in agency_departments and len(mine) < 3:
                mine.append(review)
        reserved_ids = {r.pk for kept in reserved.values() for r in kept}
        documents, filings = [], []
        bar = world.progress(len(reviews), "documents", "normative")
        for review in reviews:
            bar.update(1)
            if review.pk in reserved_ids or not self.issued():
                continue
            document = self.document(review)
            if document is None:
                continue
            documents.append(document)
        bar.close()
        self.write(documents, history.write_documents)
        # The two latest published documents of each agency login's department are filed by
        # the open work.
        unfiled: dict[int, list] = {}
        for document in reversed(documents):
            kept = unfiled.setdefault(document.issuing_body_id, [])
            if (document.state == S.PUBLISHED and document.issuing_body_id in agency_departments
                    and len(kept) < 2):  # fmt: skip
                kept.append(document.pk)
        unfiled_ids = {pk for kept in unfiled.values() for pk in kept}
        for document in documents:
            if document.pk in unfiled_ids:
                continue
            if document.state == S.PUBLISHED and self.filed():
                filing = self.filing(document)
                if filing is not None:
                    filings.append(filing)
        self.write(filings, history.write_filings)
        self.cleanups(bureaus)
        for department_id, (user, staff) in sorted(agency_departments.items()):
            self.open_work(user, staff, reserved.get(department_id, []))

    def document(self, review):
        rng = self.rng
        department = review.department
        registered = self.add_workdays(review.opinion_on, rng.randint(1, 5))
        if registered >= self.today:
            return None
        title = review.title.removesuffix("（送审稿）")
        government = department.name.endswith("人民政府")
        document = NormativeDocument(
            organization_id=review.organization_id, region_code=department.region_id,
            team_id=review.organization_id, channel=Channel.ONLINE,
            received_at=self.at(registered, rng.randint(9, 16), rng.randrange(60)),
            state=S.REGISTERED, version=1, issuing_body_id=department.pk,
            kind=DocumentKind.GOVERNMENT if government else DocumentKind.DEPARTMENT,
            title=title, full_text=f"{title}\n\n第一条 为……，根据……，制定本{title[-2:]}。",
        )  # fmt: skip
        document.organization = review.organization
        signed = self.add_workdays(registered, rng.randint(2, 15))
        if signed >= self.today:
            return document
        body = self.body(department, review.organization_id)
        document.state, document.signed_on = S.ISSUED, signed
        document.unified_number, document.unified_seq = self.unified(body, signed.year)
        document.unified_prefix, document.unified_year = body.prefix, signed.year
        document.document_number = document.unified_number
        document.review_number = review.number
        document.review_type_id, document.review_id = self.review_type.pk, review.pk
        published = self.add_workdays(signed, rng.randint(1, 5))
        if published >= self.today:
            return document
        document.state, document.published_on = S.PUBLISHED, published
        document.closed_at = self.at(published, 15)
        document.effective_from = published + DAY * rng.choice((0, 0, 10, 30))
        longest = longest_valid_until(document.effective_from, title)
        if rng.random() < 0.2:  # a shorter validity than the longest allowed
            longest = min(longest, years_later(document.effective_from, 3) - DAY)
        document.valid_until = longest
        document.evaluate_by = evaluate_by(document.valid_until)
        return document

    def filing(self, document):
        rng = self.rng
        due = filing_due(document.published_on)
        if self.late():
            filed = due + DAY * rng.randint(1, 30)
        else:
            filed = document.published_on + DAY * rng.randint(
                3, max(3, (due - document.published_on).days)
            )
        if filed >= self.today:
            return None
        filing = FilingCase(
            document=document, issuing_body_id=document.issuing_body_id,
            organization_id=document.organization_id, region_code=document.region_code,
            team_id=document.organization_id, channel=Channel.ONLINE, state=F.FILED, version=1,
            received_at=self.at(filed, rng.randint(9, 16), rng.randrange(60)),
            filed_on=filed, filing_due=due, late=filed > due,
        )  # fmt: skip
        filing.organization = document.organization
        started = self.add_workdays(filed, rng.randint(1, 5))
        if started >= self.today:
            return filing
        filing.state, filing.accepted_at = F.UNDER_REVIEW, self.at(started, 10)
        concluded = self.add_workdays(started, rng.randint(5, 30))
        if concluded >= self.today:
            return filing
        opinion = self.opinions()
        filing.opinion, filing.opinion_on = opinion, concluded
        if opinion == FilingOpinion.NO_PROBLEM:
            filing.state, filing.closed_at = F.CLOSED, self.at(concluded, 16)
            return filing
        filing.state, filing.opinion_text = F.AWAITING_ANSWER, OPINION_TEXT[opinion]
        answered = concluded + DAY * rng.randint(5, 28)
        if answered < self.today:
            filing.state, filing.answer, filing.answered_on = F.CLOSED, ANSWER, answered
            filing.closed_at = self.at(answered, 16)
        return filing

    def write(self, cases, writer) -> None:
        """Write the cases through normative.history (numbers in their order of registration
        per bureau and year, events, the filings' clocks), in that order in the list too."""
        cases.sort(key=lambda c: (c.organization_id, c.received_at))
        writer(cases)
        demo.forget_queries()

    def cleanups(self, bureaus) -> None:
        """A clean-up of each bureau's documents in force at the end of each full year of the
        history, opened on 1 November, decided in November, confirmed in December and taking
        effect on 31 December; this year's (for the focus districts' open work) is opened by
        `open_work`."""
        rng = self.rng
        staff_of = {}
        for slug in demo.FOCUS_DISTRICTS.values():
            staff = self.world.users.get(f"{slug}_staff")
            if staff is not None:
                staff_of[staff.primary_membership.organization_id] = staff
        for first_day, _span, _share in demo.history_years(self.today)[:2]:
            year = first_day.year
            opened = datetime.date(year, 11, 1)
            effective = datetime.date(year, 12, 31)
            for bureau in bureaus:
                docs = list(
                    NormativeDocument.objects.filter(in_force_q(opened), organization=bureau)
                    .order_by("published_on", "pk")
                    .only("pk", "region_code", "repealed_on", "declared_expired_on")
                )
                if not docs:
                    continue
                campaign = CleanupCampaign.objects.create(
                    organization=bureau, region_code=bureau.region_id,
                    title=f"{bureau.name}{year}年度行政规范性文件清理",
                    opened_on=opened, effective_on=effective,
                    confirmed_on=datetime.date(year, 12, rng.randint(15, 28)),
                    confirmed_by=staff_of.get(bureau.pk),
                )  # fmt: skip
                items, changed = [], []
                for document in docs:
                    decision = self.cleanup()
                    items.append(CleanupItem(
                        campaign=campaign, document=document, region_code=document.region_code,
                        decision=decision, reasons=CLEANUP_REASONS.get(decision, ""),
                        decided_on=opened + DAY * rng.randint(5, 25),
                    ))  # fmt: skip
                    if decision == CleanupDecision.REPEAL:
                        document.repealed_on = effective
                        changed.append(document)
                    elif decision == CleanupDecision.DECLARE_EXPIRED:
                        document.declared_expired_on = effective
                        changed.append(document)
                CleanupItem.objects.bulk_create(items, batch_size=2_000)
                NormativeDocument.objects.bulk_update(
                    changed, ["repealed_on", "declared_expired_on"], batch_size=1_000
                )

    # -- open work for the demo logins

    def open_work(self, agency_user, staff, reviews) -> None:
        department = agency_user.primary_membership.organization
        bureau = staff.primary_membership.organization
        iso = datetime.date.isoformat
        body = self.body(department, bureau.pk)
        year = self.today.year
        recent = (
            NormativeDocument.objects.filter(issuing_body=department, state=S.PUBLISHED)
            .order_by("-published_on", "-pk")
        )  # fmt: skip
        # Registered, to issue; issued, to publish; published, to file (each with a lawful
        # review of the department, the latest ones).
        for index, review in enumerate(reviews):
            # 0: issued, to publish; 1: registered, to issue; 2: published (its filing below).
            start = (6, 6, 16)[index]
            registered = min(max(self.add_workdays(review.opinion_on, 1), self.back(start)),
                             self.today)  # fmt: skip
            document = self.register(review, agency_user, bureau, registered)
            if index != 1:
                issued = min(max(self.add_workdays(registered, 1), self.back(start - 4)),
                             self.today)  # fmt: skip
                number, _seq = self.unified(body, issued.year)
                document = engine.fire(document, "issue", actor=staff, data={
                    "on_date": iso(issued), "unified_number": number,
                    "document_number": number, "review_number": review.number,
                    "signed_on": iso(issued),
                })  # fmt: skip
            if index == 2:
                published = min(self.add_workdays(issued, 1), self.today)
                document = engine.fire(document, "publish", actor=staff, data={
                    "on_date": iso(published), "effective_from": iso(published),
                    "valid_until": "",
                })  # fmt: skip
            engine.claim(document, actor=staff)
        # A filing under review, and one whose suggestion to correct waits for the answer.
        # The suggestion waits for the agency login's answer; the filing under review may be
        # another department's of the district when the department has one document only.
        candidates = list(recent.filter(filings__isnull=True)[:2])
        if len(candidates) < 2:
            candidates += list(
                NormativeDocument.objects.filter(organization=bureau, state=S.PUBLISHED,
                                                 filings__isnull=True)
                .exclude(pk__in=[c.pk for c in candidates])
                .order_by("-published_on", "-pk")[: 2 - len(candidates)]
            )  # fmt: skip
        for published, steps in zip(candidates, (
            (
                ("start_review", 8, {}),
                ("issue_opinion", 4, {"opinion": FilingOpinion.CORRECT,
                                      "opinion_text": OPINION_TEXT[FilingOpinion.CORRECT]}),
            ),
            (("start_review", 2, {}),),
        ), strict=False):  # fmt: skip
            filed = max(self.back(10), published.published_on)
            filing = FilingCase(
                document=published, issuing_body_id=published.issuing_body_id,
                organization=bureau,
                region_code=published.region_code, channel=Channel.ONLINE, filed_on=filed,
                filing_due=filing_due(published.published_on),
                received_at=self.at(filed, 9, 30),
            )  # fmt: skip
            filing.late = filed > filing.filing_due
            ours = published.issuing_body_id == department.pk
            filing = engine.open_case(filing, actor=agency_user if ours else staff,
                                      data={"document": published.number}, on_date=filed)  # fmt: skip
            for name, days_back, data in steps:
                day = max(self.back(days_back), filed)
                filing = engine.fire(filing, name, actor=staff,
                                     data={**data, "on_date": iso(day)})  # fmt: skip
            engine.claim(filing, actor=staff)
        # This year's clean-up, open, the department's items undecided.
        opened = self.back(10)
        campaign = CleanupCampaign.objects.create(
            organization=bureau, region_code=bureau.region_id,
            title=f"{bureau.name}{year}年度行政规范性文件清理", opened_on=opened,
            effective_on=max(datetime.date(year, 12, 31), self.today + DAY * 30),
        )  # fmt: skip
        docs = NormativeDocument.objects.filter(in_force_q(opened), organization=bureau).order_by(
            "published_on", "pk"
        )
        items = []
        for document in docs:
            decided = document.issuing_body_id != department.pk
            decision = self.cleanup() if decided else ""
            items.append(CleanupItem(
                campaign=campaign, document=document, region_code=document.region_code,
                decision=decision, reasons=CLEANUP_REASONS.get(decision, ""),
                decided_on=opened + DAY * 2 if decided else None,
            ))  # fmt: skip
        CleanupItem.objects.bulk_create(items)

    def register(self, review, actor, bureau, on_date):
        title = review.title.removesuffix("（送审稿）")
        department = review.department
        document = NormativeDocument(
            organization=bureau, region_code=department.region_id, channel=Channel.ONLINE,
            issuing_body=department, kind=DocumentKind.DEPARTMENT, title=title,
            full_text=f"{title}\n\n第一条 为……，根据……，制定本{title[-2:]}。",
            received_at=self.at(on_date, 9, 15),
        )  # fmt: skip
        return engine.open_case(document, actor=actor, data={"title": title}, on_date=on_date)


demo.register(81, "normative", build)
