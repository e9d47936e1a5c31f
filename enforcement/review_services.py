"""Writes of the case-file review (案卷评查, reference/statutes-lines.md §C.8; SD-JD Art. 14, 28).

- `campaign_create`: a yearly campaign of a justice bureau (year, seed, files per body, rubric,
  thresholds, days to rectify), every field checked first.
- `draw_sample` (pure, documented for auditors) and `campaign_draw` (writes the sample once).
- `file_score`: the reviewer's points per part, checked against the rubric; total, veto, grade.
- `rectification_notify`, `rectification_answer`, `rectification_accept`,
  `rectification_send_back`: the notice to the agency with its deadline (notice + the campaign's
  days, calendar days: SD-JD Art. 28, 30 days), the agency's answer and the bureau's verdict.

Every refusal is an InvalidInput whose message names the field in Chinese (“评分：…”) and
nothing is written.
"""

from __future__ import annotations

import datetime
import random
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.audit import acting
from core.errors import InvalidInput, PermissionDenied
from core.models import Organization, OrganizationKind
from enforcement.decision_models import Decision
from enforcement.review_models import (
    Grade,
    Rectification,
    RectificationVerdict,
    ReviewCampaign,
    ReviewedFile,
    default_rubric,
)
from enforcement.services import may

#: Permissions of the review (the lead registers them in enforcement.roles).
REVIEW_MODELS = ("reviewcampaign", "reviewedfile", "rectification")
REVIEW_READ = {f"enforcement.view_{m}" for m in REVIEW_MODELS}
REVIEW_WRITE = REVIEW_READ | {f"enforcement.{a}_{m}" for m in REVIEW_MODELS
                              for a in ("add", "change")}  # fmt: skip
#: An agency's handlers read their own files and answer their rectifications.
REVIEW_AGENCY = {"enforcement.view_reviewedfile", "enforcement.view_rectification",
                 "enforcement.change_rectification"}  # fmt: skip
TEXT_MAX = 5000


class _Errors(dict):
    """Reasons by field; the message of the InvalidInput is “<field label>：<reason>”."""

    def __init__(self, model):
        super().__init__()
        self.model = model
        self.labels: dict[str, str] = {}

    def add(self, name: str, reason: str, label: str | None = None) -> None:
        self.setdefault(name, []).append(str(reason))
        if label:
            self.labels[name] = str(label)

    def raise_if_any(self) -> None:
        if not self:
            return
        name, reasons = next(iter(self.items()))
        label = self.labels.get(name)
        if label is None:
            try:
                label = str(self.model._meta.get_field(name).verbose_name)
            except FieldDoesNotExist:
                label = name
        raise InvalidInput(f"{label}：{reasons[0]}", fields=dict(self))


def _int(value, name: str, errors: _Errors, *, minimum: int = 0, required=True) -> int | None:
    if value in (None, ""):
        if required:
            errors.add(name, _("Give a whole number."))
        return None
    if isinstance(value, bool):
        errors.add(name, _("Give a whole number."))
        return None
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        errors.add(name, _("Give a whole number."))
        return None
    if number < minimum:
        errors.add(name, _("Give a number of at least %(n)s.") % {"n": minimum})
        return None
    return number


def _text(data: dict, key: str) -> str:
    return str(data.get(key) or "").strip()


def _today() -> datetime.date:
    return timezone.localdate()


# -- the rubric ----------------------------------------------------------------------------------


def rubric_clean(rubric: Any, errors: _Errors) -> dict | None:
    """The rubric checked: parts with a unique key, a name, a positive maximum and a list of
    veto items (text). None (and the reason under "rubric") when it is not usable."""
    parts = rubric.get("parts") if isinstance(rubric, dict) else None
    if not isinstance(parts, list) or not parts:
        errors.add("rubric", _("The rubric has no parts to score."))
        return None
    keys, clean = set(), []
    for i, part in enumerate(parts, 1):
        if not isinstance(part, dict):
            errors.add("rubric", _("Part %(n)s is not a part of the rubric.") % {"n": i})
            return None
        key, name = str(part.get("key") or "").strip(), str(part.get("name") or "").strip()
        veto = part.get("veto") or []
        try:
            most = int(part.get("max"))
        except (TypeError, ValueError):
            most = 0
        if not key or not name or key in keys:
            errors.add("rubric", _("Part %(n)s needs a key of its own and a name.") % {"n": i})
            return None
        if most <= 0:
            errors.add("rubric", _("Part %(name)s needs maximum points above 0.") % {"name": name})
            return None
        if not isinstance(veto, list) or not all(isinstance(v, str) and v.strip() for v in veto):
            errors.add(
                "rubric", _("The veto items of part %(name)s must be texts.") % {"name": name}
            )
            return None
        keys.add(key)
        clean.append({**part, "key": key, "name": name, "max": most,
                      "veto": [v.strip() for v in veto]})  # fmt: skip
    return {**rubric, "parts": clean}


# -- campaigns -----------------------------------------------------------------------------------


def campaign_create(*, actor, organization: Organization, data: dict[str, Any]) -> ReviewCampaign:
    """A case-file review campaign of the justice bureau `organization` over its jurisdiction's
    decisions of `year`. `seed` is stored: the sample is drawn from it (draw_sample)."""
    errors = _Errors(ReviewCampaign)
    if not isinstance(organization, Organization) or (
        organization.kind != OrganizationKind.JUSTICE_BUREAU
    ):
        raise InvalidInput(_("justice bureau") + "：" + _("Choose the justice bureau."))
    region_code = organization.region.code
    if not may(actor, "enforcement.add_reviewcampaign", region_code=region_code):
        raise PermissionDenied(_("You may not open a case-file review in this jurisdiction."))
    title = _text(data, "title")
    if not title:
        errors.add("title", _("Give the title of the campaign."))
    elif len(title) > 200:
        errors.add("title", _("At most 200 characters."))
    year = _int(data.get("year"), "year", errors, minimum=2000)
    seed = _int(data.get("seed"), "seed", errors)
    if seed is not None and seed >= 2**63:
        errors.add("seed", _("The seed is too large."))
    size = _int(data.get("sample_size"), "sample_size", errors, minimum=-(2**31))
    if size is not None and size <= 0:
        errors.add("sample_size", _("Draw at least one file per body."))
    elif size is not None and size > 32767:
        errors.add("sample_size", _("At most %(n)s files per body.") % {"n": 32767})
    rubric = data.get("rubric")
    rubric = rubric_clean(default_rubric() if rubric in (None, "") else rubric, errors)
    excellent = _int(data.get("excellent_threshold", 90), "excellent_threshold", errors)
    passing = _int(data.get("pass_threshold", 70), "pass_threshold", errors)
    days = _int(data.get("rectification_days", 30), "rectification_days", errors, minimum=1)
    if rubric and excellent is not None and passing is not None:
        top = sum(p["max"] for p in rubric["parts"])
        if excellent > top:
            errors.add("excellent_threshold",
                       _("It is above the rubric's total of %(n)s points.") % {"n": top})  # fmt: skip
        if passing > excellent:
            errors.add("pass_threshold", _("It is above the threshold for excellent."))
    if (
        year is not None
        and ReviewCampaign.objects.filter(
            organization=organization, year=year, title=title
        ).exists()
    ):
        errors.add("title", _("This bureau already has a campaign of that year with that title."))
    errors.raise_if_any()
    with acting(actor), transaction.atomic():
        return ReviewCampaign.objects.create(
            organization=organization, region_code=region_code, year=year, title=title,
            seed=seed, sample_size=size, rubric=rubric, excellent_threshold=excellent,
            pass_threshold=passing, rectification_days=days, created_by=actor,
        )  # fmt: skip


def eligible_decisions(region_code: str, year: int):
    """The decisions a campaign draws from: made in `year` (1 January – 31 December) by a body
    of the jurisdiction `region_code` (its 12-digit code, a prefix of the decision's)."""
    from core.regions import jurisdiction_prefix

    return Decision.objects.filter(
        region_code__startswith=jurisdiction_prefix(region_code),
        decided_on__gte=datetime.date(year, 1, 1), decided_on__lte=datetime.date(year, 12, 31),
    )  # fmt: skip


def draw_sample(*, seed: int, region_code: str, year: int, size: int) -> list[int]:
    """The decisions drawn, as a list of Decision ids in the order drawn. The algorithm, to be
    re-run by an auditor from the stored seed:

    1. Take the eligible decisions (eligible_decisions: the jurisdiction's decisions made in
       the year) and group them by enforcement body.
    2. Go through the bodies in ascending body id. Within a body, order its decisions by
       (case number, decision id) — the case number is unique within a body, so the order is
       total and does not depend on the database.
    3. For each body, make a generator `random.Random(f"{seed}:{body_id}")` (Python's Mersenne
       Twister; a str seed is hashed with SHA-512, version-2 seeding, the same on every platform
       and run) and draw `rng.sample(ordered, min(size, len(ordered)))`: `size` decisions
       without replacement, or all of them if the body made fewer.
    4. The sample is the concatenation of the bodies' draws, in that order.

    Each body has its own generator, so a decision added in one body does not change the draw
    of another. The same seed over the same decisions gives the same sample; another seed, in
    general, another."""
    by_body: dict[int, list[tuple[str, int]]] = {}
    rows = eligible_decisions(region_code, year).values_list("body_id", "case_number", "id")
    for body_id, number, pk in rows.order_by():
        by_body.setdefault(body_id, []).append((number, pk))
    drawn: list[int] = []
    for body_id in sorted(by_body):
        ordered = [pk for _number, pk in sorted(by_body[body_id])]
        rng = random.Random(f"{seed}:{body_id}")
        drawn.extend(rng.sample(ordered, min(size, len(ordered))))
    return drawn


def campaign_draw(*, actor, campaign: ReviewCampaign) -> list[ReviewedFile]:
    """Draw the campaign's sample (draw_sample) and record a ReviewedFile for each decision, in
    the order drawn. A campaign is drawn once; re-running draw_sample with its seed verifies it
    (enforcement.review_selectors.sample_matches)."""
    if not may(actor, "enforcement.change_reviewcampaign", region_code=campaign.region_code):
        raise PermissionDenied(_("You may not draw the sample of this campaign."))
    if campaign.drawn_on is not None or campaign.files.exists():
        raise InvalidInput(str(ReviewCampaign._meta.get_field("drawn_on").verbose_name) + "：" +
                           _("The sample of this campaign has already been drawn."))  # fmt: skip
    ids = draw_sample(seed=campaign.seed, region_code=campaign.region_code,
                      year=campaign.year, size=campaign.sample_size)  # fmt: skip
    decisions = Decision.objects.in_bulk(ids)
    with acting(actor), transaction.atomic():
        files = ReviewedFile.objects.bulk_create([
            ReviewedFile(campaign=campaign, decision_id=pk, body_id=decisions[pk].body_id,
                         agency_id=decisions[pk].agency_id,
                         region_code=decisions[pk].region_code, position=i)
            for i, pk in enumerate(ids, 1)
        ])  # fmt: skip
        campaign.drawn_on = _today()
        campaign.save(update_fields=["drawn_on"])
    return files


# -- scoring -------------------------------------------------------------------------------------


def grade_of(campaign: ReviewCampaign, total: int, vetoed: bool) -> str:
    """不合格 if vetoed (一票否决), else 优秀 from the excellent threshold, 合格 from the pass
    threshold, 不合格 below (§C.8: 90 and 70 by default)."""
    if vetoed or total < campaign.pass_threshold:
        return Grade.FAIL
    return Grade.EXCELLENT if total >= campaign.excellent_threshold else Grade.PASS


def file_score(*, actor, file: ReviewedFile, data: dict[str, Any]) -> ReviewedFile:
    """Record the reviewer's score of a file: `scores` {part key: points} for every part of the
    rubric, each between 0 and the part's maximum; `veto` (one of the rubric's veto items, or
    empty) with `veto_part`; `problems` (a list of texts). Total, grade and the day are set."""
    campaign = file.campaign
    if not may(actor, "enforcement.change_reviewedfile", region_code=campaign.region_code):
        raise PermissionDenied(_("You may not score the files of this campaign."))
    errors = _Errors(ReviewedFile)
    given = data.get("scores")
    if not isinstance(given, dict):
        given = {}
    scores: dict[str, int] = {}
    for part in campaign.parts():
        value = given.get(part["key"])
        name = f"scores.{part['key']}"
        label = f"{_('points per part')}（{part['name']}）"
        points = _int(value, name, errors)
        if name in errors:
            errors.labels[name] = label
            continue
        if points > int(part["max"]):
            errors.add(name, _("At most %(n)s points.") % {"n": part["max"]}, label=label)
            continue
        scores[part["key"]] = points
    unknown = set(given) - {p["key"] for p in campaign.parts()}
    if unknown:
        errors.add("scores", _("The rubric has no part %(key)s.") % {"key": sorted(unknown)[0]},
                   label=_("points per part"))  # fmt: skip
    veto = _text(data, "veto")
    items = {v for p in campaign.parts() for v in p.get("veto") or []}
    if veto and veto not in items:
        errors.add("veto_reason", _("Choose one of the rubric's veto items."))
    problems = data.get("problems") or []
    if isinstance(problems, str):
        problems = [line for line in problems.splitlines()]
    problems = [str(p).strip() for p in problems if str(p).strip()]
    if any(len(p) > TEXT_MAX for p in problems):
        errors.add("problems", _("At most %(n)s characters each.") % {"n": TEXT_MAX})
    errors.raise_if_any()
    total = sum(scores.values())
    file.scores, file.total, file.vetoed, file.veto_reason = scores, total, bool(veto), veto
    file.grade, file.problems = grade_of(campaign, total, bool(veto)), problems
    file.reviewer, file.scored_on = actor, _today()
    with acting(actor), transaction.atomic():
        file.save()
    return file


# -- rectification -------------------------------------------------------------------------------


def rectification_notify(*, actor, file: ReviewedFile, problem: str = "",
                         notified_on: datetime.date | None = None) -> Rectification:  # fmt: skip
    """Notify the file's agency of a problem to rectify (整改通知). Deadline = the notice day +
    the campaign's days, calendar days (SD-JD Art. 28: 30 days); e.g. notified Mon 2026-03-02 →
    due Wed 2026-04-01."""
    if not may(actor, "enforcement.add_rectification", region_code=file.region_code):
        raise PermissionDenied(_("You may not notify rectifications in this jurisdiction."))
    errors = _Errors(Rectification)
    problem = str(problem or "").strip()
    if not problem:
        errors.add("problem", _("Describe the problem to rectify."))
    elif len(problem) > TEXT_MAX:
        errors.add("problem", _("At most %(n)s characters.") % {"n": TEXT_MAX})
    if file.scored_on is None:
        errors.add("file", _("Score the file before notifying its problems."))
    errors.raise_if_any()
    day = notified_on or _today()
    with acting(actor), transaction.atomic():
        return Rectification.objects.create(
            file=file, agency_id=file.agency_id, region_code=file.region_code, problem=problem,
            notified_on=day,
            deadline=day + datetime.timedelta(days=file.campaign.rectification_days),
        )  # fmt: skip


def rectification_answer(*, actor, rectification: Rectification, answer: str) -> Rectification:
    """The agency's answer (its rectification); again after a send-back."""
    r = rectification
    if not may(actor, "enforcement.change_rectification", region_code=r.region_code,
               agency_id=r.agency_id):  # fmt: skip
        raise PermissionDenied(_("You may not answer this rectification."))
    errors = _Errors(Rectification)
    answer = str(answer or "").strip()
    if not answer:
        errors.add("answer", _("Describe what was rectified."))
    elif len(answer) > TEXT_MAX:
        errors.add("answer", _("At most %(n)s characters.") % {"n": TEXT_MAX})
    if r.verdict == RectificationVerdict.ACCEPTED:
        errors.add("verdict", _("The rectification has already been accepted."))
    errors.raise_if_any()
    r.answer, r.answered_on, r.verdict, r.verdict_on = answer, _today(), "", None
    with acting(actor), transaction.atomic():
        r.save()
    return r


def _verdict(actor, r: Rectification, verdict: str, reason: str) -> Rectification:
    if not may(actor, "enforcement.add_rectification", region_code=r.region_code):
        raise PermissionDenied(_("You may not decide on this rectification."))
    errors = _Errors(Rectification)
    if r.answered_on is None or r.verdict:
        errors.add("answer", _("There is no answer to decide on."))
    reason = str(reason or "").strip()
    if verdict == RectificationVerdict.SENT_BACK and not reason:
        errors.add("verdict_reason", _("Say why the answer is sent back."))
    if len(reason) > 500:
        errors.add("verdict_reason", _("At most %(n)s characters.") % {"n": 500})
    errors.raise_if_any()
    r.verdict, r.verdict_on, r.verdict_reason = verdict, _today(), reason
    with acting(actor), transaction.atomic():
        r.save()
    return r


def rectification_accept(*, actor, rectification: Rectification, reason: str = ""):
    return _verdict(actor, rectification, RectificationVerdict.ACCEPTED, reason)


def rectification_send_back(*, actor, rectification: Rectification, reason: str):
    """Send the answer back: the agency answers again; meanwhile it is awaiting an answer and
    overdue once past the deadline (the deadline does not move)."""
    return _verdict(actor, rectification, RectificationVerdict.SENT_BACK, reason)
