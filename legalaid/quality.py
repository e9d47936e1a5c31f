"""The quality loop of legal aid (质量考核): the rubric, expert evaluations of hearings and case
files, the yearly composite score and ranking, and removal from the pool with notice and appeal.

Statute (reference/statutes.md §2): the justice bureau sets service-quality standards and
assesses quality regularly, also through third-party evaluation (法律援助法第五十七条); the
centre supervises quality by attending hearings and checking case files (庭审旁听、案卷检查,
第五十九条). Removing the lowest-ranked lawyers from the pool is a local measure (one sample
report: the lowest ten, by expert scoring of live hearings); it takes effect only after notice
and an appeal period.

Evaluation. An expert scores a lawyer's live hearing or case file on the centre's rubric (one
`Criterion` per line, per kind, each with its maximum); every active criterion of the kind is
scored, 0 to its maximum, and the evaluation's score is the sum of the scores over the sum of
the maxima, times 100, rounded half up to 0.01.

Composite score of a lawyer for a centre and a year (`composite`):
- H = the mean score of the lawyer's hearing evaluations by the centre evaluated that year;
- F = the mean score of their case-file evaluations by the centre that year;
- G = the mean grade of their files the centre archived that year (归档审查: excellent 100,
  good 80, pass 60, fail 0 — the usual bands of a 100-point scale);
- composite = (0.4·H + 0.4·F + 0.2·G) / (the sum of the weights of the parts that exist),
  rounded half up to 0.01. A part with no data is left out and the others carry its weight, so
  a lawyer with hearing evaluations only scores H.
Only lawyers with at least one expert evaluation that year are ranked: a grade alone ranks
nobody. The ranking orders by composite (highest first), then by the number of evaluations
(more evidence first), then by name; equal composites share a rank (1, 2, 2, 4).

Removal. `propose_removals` proposes, once the year is over, the lowest
FAZHI_LEGALAID_REMOVE_LOWEST ranked lawyers still in the pool — and anyone tied with the last of
them, so that no lawyer is proposed while another with the same score is not. Each proposal
gives notice on the day it is made; the lawyer may appeal until `appeal_until` (that day
included), FAZHI_LEGALAID_APPEAL_DAYS calendar days after the notice, rolled past rest days
(cases.calendar add_days). Centre staff decide an appeal: upheld → withdrawn, rejected →
effective. A proposal not appealed becomes effective only by a staff action after the appeal
period. An effective removal sets the pool member's status to removed with the day they left,
which takes them out of every draw and direct assignment (they read PoolMember.status).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.db import transaction
from django.db.models import Count, Q, Sum
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cases.forms import DateInput
from core import fields
from core.audit import acting
from core.errors import FazhiError, InvalidInput, PermissionDenied
from core.generic import report_service_error
from core.models import Lawyer, Organization, OrganizationKind
from core.querysets import scope_condition
from legalaid.choices import Grade
from legalaid.models import AidCase, Criterion, Evaluation, PoolMember, Removal
from legalaid.process import S

CENT = Decimal("0.01")
HUNDRED = Decimal(100)
# No evaluation in Fazhi predates this: an earlier date is a typing error.
EARLIEST = datetime.date(2000, 1, 1)

HEARING, FILE, GRADE = "hearing", "file", "grade"
WEIGHTS = {HEARING: Decimal("0.4"), FILE: Decimal("0.4"), GRADE: Decimal("0.2")}
GRADE_POINTS = {
    Grade.EXCELLENT: Decimal(100),
    Grade.GOOD: Decimal(80),
    Grade.PASS: Decimal(60),
    Grade.FAIL: Decimal(0),
}


def _today() -> datetime.date:
    return timezone.localdate()


def _round(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


# -- selectors --------------------------------------------------------------------------------


def centres_for(user, perm: str):
    """The active legal aid centres where `user` holds `perm` (their jurisdiction)."""
    centres = Organization.objects.filter(
        kind=OrganizationKind.LEGAL_AID_CENTRE, is_active=True
    ).order_by("region_id", "name")
    if user is None or not user.is_authenticated or not user.is_active:
        return centres.none()
    condition = scope_condition(user, perm, Organization)
    return centres.filter(condition) if condition is not None else centres.none()


def own_lawyer_ids(user) -> list[int]:
    """The register entries of the lawyer who is `user` (usually one)."""
    if user is None or not user.is_authenticated:
        return []
    return list(Lawyer.objects.filter(user=user).values_list("pk", flat=True))


def visible_evaluations(user):
    """Evaluations in the user's jurisdiction; a lawyer's own (Evaluation.scope_user_fields)."""
    return Evaluation.objects.restrict(user, "view")


def visible_removals(user):
    """Removal proposals in the user's jurisdiction; for a lawyer, those about them."""
    return Removal.objects.restrict(user, "view")


def rubric(centre, kind: str | None = None, *, active_only: bool = True):
    rows = Criterion.objects.filter(centre=centre)
    if kind:
        rows = rows.filter(kind=kind)
    if active_only:
        rows = rows.filter(is_active=True)
    return rows.order_by("kind", "position", "id")


def composite(parts: dict[str, Decimal | None]) -> Decimal | None:
    """The documented formula: the weighted mean of the parts that exist (module docstring)."""
    present = {k: v for k, v in parts.items() if v is not None}
    if not present:
        return None
    weight = sum(WEIGHTS[k] for k in present)
    return _round(sum(WEIGHTS[k] * v for k, v in present.items()) / weight)


@dataclass
class Standing:
    """One lawyer's line of a centre's yearly ranking."""

    lawyer: Lawyer
    member: PoolMember | None
    hearing: Decimal | None = None
    hearing_count: int = 0
    file: Decimal | None = None
    file_count: int = 0
    grade: Decimal | None = None
    grade_count: int = 0
    score: Decimal = Decimal(0)
    rank: int = 0
    removal: Removal | None = None

    @property
    def evaluations(self) -> int:
        return self.hearing_count + self.file_count

    @property
    def in_pool(self) -> bool:
        return self.member is not None and self.member.status != PoolMember.Status.REMOVED


def lawyer_parts(evaluations, archived) -> dict[int, dict[str, tuple[Decimal, int]]]:
    """(total, count) of each part of the composite for each lawyer with at least one
    evaluation in `evaluations` (an Evaluation queryset): HEARING and FILE from those
    evaluations, GRADE from the graded cases among `archived` (an AidCase queryset). The yearly
    ranking and the weights of a weighted draw (legalaid.draws) both read this."""
    parts: dict[int, dict[str, tuple[Decimal, int]]] = {}
    for row in evaluations.values("lawyer_id", "kind").annotate(total=Sum("score"), n=Count("id")):
        parts.setdefault(row["lawyer_id"], {})[row["kind"]] = (Decimal(row["total"]), row["n"])
    if not parts:
        return parts
    graded = archived.filter(state=S.ARCHIVED, lawyer_id__in=parts.keys()).exclude(grade="")
    for lawyer_id, grade in graded.values_list("lawyer_id", "grade"):
        if grade in GRADE_POINTS:
            total, n = parts[lawyer_id].get(GRADE, (Decimal(0), 0))
            parts[lawyer_id][GRADE] = (total + GRADE_POINTS[grade], n + 1)
    return parts


def composite_of(parts: dict[str, tuple[Decimal, int]]) -> Decimal | None:
    """The composite of one lawyer's parts (the means enter unrounded; only the result is
    rounded)."""
    return composite({k: parts[k][0] / parts[k][1] if k in parts else None for k in WEIGHTS})


def ranking(centre, year: int) -> list[Standing]:
    """The centre's ranking of `year`: every lawyer it evaluated that year, best first."""
    sums = lawyer_parts(
        Evaluation.objects.filter(centre=centre, evaluated_on__year=year),
        AidCase.objects.filter(organization=centre, closed_at__year=year),
    )
    if not sums:
        return []
    lawyers = Lawyer.objects.in_bulk(sums.keys())
    members = {
        m.lawyer_id: m for m in PoolMember.objects.filter(centre=centre, lawyer_id__in=sums.keys())
    }
    removals = {r.member_id: r for r in Removal.objects.filter(centre=centre, year=year)}
    standings = []
    for lawyer_id, kinds in sums.items():
        member = members.get(lawyer_id)
        s = Standing(lawyer=lawyers[lawyer_id], member=member)
        for part, attribute in ((HEARING, "hearing"), (FILE, "file"), (GRADE, "grade")):
            if part in kinds:
                total, n = kinds[part]
                setattr(s, attribute, _round(total / n))
                setattr(s, f"{attribute}_count", n)
        s.score = composite_of(kinds)
        s.removal = removals.get(member.pk) if member else None
        standings.append(s)
    standings.sort(key=lambda s: (-s.score, -s.evaluations, s.lawyer.name, s.lawyer.pk))
    for index, s in enumerate(standings):
        s.rank = (
            standings[index - 1].rank
            if index and s.score == standings[index - 1].score
            else index + 1
        )
    return standings


def removal_candidates(standings: list[Standing], lowest: int) -> list[Standing]:
    """The lowest `lowest` ranked lawyers still in the pool, and anyone tied with the last."""
    eligible = sorted(
        (s for s in standings if s.in_pool and s.removal is None),
        key=lambda s: (s.score, s.evaluations, s.lawyer.name, s.lawyer.pk),
    )
    if lowest <= 0 or not eligible:
        return []
    cut = eligible[min(lowest, len(eligible)) - 1].score
    return [s for s in eligible if s.score <= cut]


# -- services ---------------------------------------------------------------------------------


def _require_centre(actor, centre, perm: str, errors: dict, key: str = "centre") -> None:
    if centre is None or centre.kind != OrganizationKind.LEGAL_AID_CENTRE:
        errors[key] = [_("Choose a legal aid centre.")]
    elif not centres_for(actor, perm).filter(pk=centre.pk).exists():
        errors[key] = [_("That legal aid centre is outside your jurisdiction.")]


def _raise(errors: dict) -> None:
    if errors:
        raise InvalidInput(next(iter(errors.values()))[0], fields=errors)


def _clean_criterion(name, max_score, position, errors) -> tuple[str, int, int]:
    name = str(name or "").strip()
    if not name:
        errors["name"] = [_("Name the criterion.")]
    elif len(name) > 100:
        errors["name"] = [_("The name of the criterion has at most 100 characters.")]
    try:
        max_score = int(max_score)
        if not 1 <= max_score <= 100:
            raise ValueError
    except (TypeError, ValueError):
        errors["max_score"] = [_("The maximum score is a whole number from 1 to 100.")]
        max_score = 0
    try:
        position = int(position or 0)
        if not 0 <= position <= 999:
            raise ValueError
    except (TypeError, ValueError):
        errors["position"] = [_("The order is a whole number from 0 to 999.")]
        position = 0
    return name, max_score, position


def criterion_add(
    *, actor, centre: Organization, kind: str, name: str, max_score: int, position: int = 0
) -> Criterion:
    """Add a line to a centre's rubric (法律援助法第五十七条: quality standards)."""
    if not actor.can("legalaid.add_criterion"):
        raise PermissionDenied(_("You may not change the evaluation rubric."))
    errors: dict[str, list[str]] = {}
    _require_centre(actor, centre, "legalaid.add_criterion", errors)
    if kind not in Criterion.Kind.values:
        errors["kind"] = [_("Choose what the criterion evaluates: a live hearing or a case file.")]
    name, max_score, position = _clean_criterion(name, max_score, position, errors)
    _raise(errors)
    with acting(actor), transaction.atomic():
        return Criterion.objects.create(
            centre=centre, kind=kind, name=name, max_score=max_score, position=position
        )


def criterion_change(
    *, actor, criterion: Criterion, name: str, max_score: int, position: int, is_active: bool
) -> Criterion:
    """Change a rubric line. Evaluations already recorded keep the maxima they were scored on."""
    if not actor.can("legalaid.change_criterion"):
        raise PermissionDenied(_("You may not change the evaluation rubric."))
    if not Criterion.objects.restrict(actor, "change").filter(pk=criterion.pk).exists():
        raise PermissionDenied(_("That criterion is outside your jurisdiction."))
    errors: dict[str, list[str]] = {}
    name, max_score, position = _clean_criterion(name, max_score, position, errors)
    _raise(errors)
    with acting(actor), transaction.atomic():
        criterion.name, criterion.max_score = name, max_score
        criterion.position, criterion.is_active = position, bool(is_active)
        criterion.save()
    return criterion


def _score(value, criterion: Criterion, errors: dict) -> Decimal | None:
    key = f"score_{criterion.pk}"
    try:
        number = Decimal(str(value).strip())
        if not number.is_finite():
            raise InvalidOperation
    except (InvalidOperation, ValueError, TypeError):
        errors[key] = [
            _("%(criterion)s: enter a score from 0 to %(max)s.")
            % {"criterion": criterion.name, "max": criterion.max_score}
        ]
        return None
    if number != number.quantize(CENT):
        errors[key] = [
            _("%(criterion)s: a score has at most two decimal places.")
            % {"criterion": criterion.name}
        ]
        return None
    if not 0 <= number <= criterion.max_score:
        errors[key] = [
            _("%(criterion)s: the score must be from 0 to %(max)s.")
            % {"criterion": criterion.name, "max": criterion.max_score}
        ]
        return None
    return number


def evaluation_record(
    *,
    actor,
    centre: Organization,
    lawyer: Lawyer,
    kind: str,
    evaluated_on: datetime.date,
    scores: dict,
    evaluator: str,
    case: AidCase | None = None,
    notes: str = "",
) -> Evaluation:
    """Record an expert's evaluation of a lawyer's live hearing or case file on the centre's
    rubric (法律援助法第五十九条: 庭审旁听、案卷检查). `scores` maps each active criterion of the
    kind (its id) to a score from 0 to its maximum; the evaluation's score is their sum over
    the sum of the maxima, out of 100. Everything is checked first; nothing is written on an
    error."""
    if not actor.can("legalaid.add_evaluation"):
        raise PermissionDenied(_("You may not record evaluations."))
    errors: dict[str, list[str]] = {}
    _require_centre(actor, centre, "legalaid.add_evaluation", errors)
    if kind not in Criterion.Kind.values:
        errors["kind"] = [_("Choose what was evaluated: a live hearing or a case file.")]
    if lawyer is None:
        errors["lawyer"] = [_("Choose the lawyer evaluated.")]
    elif (
        centre is not None and not PoolMember.objects.filter(centre=centre, lawyer=lawyer).exists()
    ):
        errors["lawyer"] = [
            _("%(lawyer)s is not in the pool of %(centre)s.") % {"lawyer": lawyer, "centre": centre}
        ]
    if not isinstance(evaluated_on, datetime.date):
        errors["evaluated_on"] = [_("Enter the date of the evaluation.")]
    elif evaluated_on > _today():
        errors["evaluated_on"] = [_("The date cannot be in the future.")]
    elif evaluated_on < EARLIEST:
        errors["evaluated_on"] = [
            _("The date cannot be before %(date)s.") % {"date": EARLIEST.isoformat()}
        ]
    evaluator = str(evaluator or "").strip()
    if not evaluator:
        errors["evaluator"] = [_("Name the expert who evaluated.")]
    elif len(evaluator) > 64:
        errors["evaluator"] = [_("The evaluator's name has at most 64 characters.")]
    if case is not None:
        if not AidCase.objects.restrict(actor, "view").filter(pk=case.pk).exists():
            errors["case"] = [_("That case does not exist or is outside your jurisdiction.")]
        elif lawyer is not None and case.lawyer_id != lawyer.pk:
            errors["case"] = [
                _("Case %(number)s is not assigned to %(lawyer)s.")
                % {"number": case.number, "lawyer": lawyer}
            ]
        elif centre is not None and case.organization_id != centre.pk:
            errors["case"] = [
                _("Case %(number)s is not a case of %(centre)s.")
                % {"number": case.number, "centre": centre}
            ]
    rubric_known = centre is not None and "centre" not in errors and "kind" not in errors
    criteria = list(rubric(centre, kind)) if rubric_known else []
    if rubric_known and not criteria:
        errors["kind"] = [
            _("The rubric of %(centre)s has no criteria for this kind: add them first.")
            % {"centre": centre}
        ]
    scores = {str(k): v for k, v in (scores or {}).items()}
    known = {str(c.pk) for c in criteria}
    if criteria and set(scores) - known:
        errors["scores"] = [_("Score only the criteria of the centre's rubric.")]
    scored: dict[str, dict] = {}
    for criterion in criteria:
        value = scores.get(str(criterion.pk))
        if value in (None, ""):
            errors[f"score_{criterion.pk}"] = [
                _("%(criterion)s: the score is required.") % {"criterion": criterion.name}
            ]
            continue
        number = _score(value, criterion, errors)
        if number is not None:
            scored[str(criterion.pk)] = {
                "criterion": criterion.name,
                "max": criterion.max_score,
                "score": str(number),
            }
    _raise(errors)
    total = sum(Decimal(s["score"]) for s in scored.values())
    maximum = sum(c.max_score for c in criteria)
    with acting(actor), transaction.atomic():
        return Evaluation.objects.create(
            lawyer=lawyer,
            case=case,
            kind=kind,
            evaluated_on=evaluated_on,
            scores=scored,
            score=_round(total * HUNDRED / maximum),
            evaluator=evaluator,
            notes=str(notes or "").strip(),
            centre=centre,
            region_code=centre.region_id,
        )


def appeal_deadline(noticed_on: datetime.date) -> datetime.date:
    """The last day of the appeal: FAZHI_LEGALAID_APPEAL_DAYS calendar days after the notice
    (the notice day not counted), rolled to the next working day if it is a rest day."""
    from cases.calendar import get_calendar

    return get_calendar().add_days(noticed_on, settings.FAZHI_LEGALAID_APPEAL_DAYS).date


def propose_removals(centre: Organization, year: int, actor) -> list[Removal]:
    """Propose the lowest-ranked lawyers of a finished year for removal from the centre's pool
    (module docstring), giving notice today with the period of appeal. Each lawyer with a
    user account is notified."""
    if not actor.can("legalaid.add_removal"):
        raise PermissionDenied(_("You may not propose removals from the pool."))
    errors: dict[str, list[str]] = {}
    _require_centre(actor, centre, "legalaid.add_removal", errors)
    today = _today()
    if not isinstance(year, int) or year < EARLIEST.year:
        errors["year"] = [_("Choose the year of the ranking.")]
    elif year >= today.year:
        errors["year"] = [
            _("Removals are proposed once the year is over: %(year)s is not over yet.")
            % {"year": year}
        ]
    elif Removal.objects.filter(centre=centre, year=year).exists():
        errors["year"] = [
            _("Removals for %(year)s have already been proposed for this centre.") % {"year": year}
        ]
    _raise(errors)
    candidates = removal_candidates(ranking(centre, year), settings.FAZHI_LEGALAID_REMOVE_LOWEST)
    if not candidates:
        _raise({"year": [_("No lawyer of the pool was evaluated in %(year)s.") % {"year": year}]})
    until = appeal_deadline(today)
    with acting(actor), transaction.atomic():
        created = [
            Removal.objects.create(
                member=s.member,
                year=year,
                rank=s.rank,
                score=s.score,
                noticed_on=today,
                appeal_until=until,
                centre=centre,
                region_code=centre.region_id,
            )
            for s in candidates
        ]
        transaction.on_commit(lambda: _notify_proposed(created))
    return created


def _notify_proposed(removals: list[Removal]) -> None:
    from cases.notifications import notify_many

    notify_many(
        (
            r.member.lawyer.user,
            {
                "title": _("Proposed for removal from the legal aid pool (%(year)s)")
                % {"year": r.year},
                "body": _(
                    "Your composite score of %(year)s was %(score)s (rank %(rank)s). You may "
                    "appeal until %(until)s."
                )
                % {"year": r.year, "score": r.score, "rank": r.rank, "until": r.appeal_until},
                "url": reverse("legalaid:quality_removal", args=[r.pk]),
            },
        )
        for r in removals
        if r.member.lawyer.user_id
    )


def _locked(removal: Removal) -> Removal:
    return Removal.objects.select_for_update().select_related("member__lawyer").get(pk=removal.pk)


def _staff_over(actor, removal: Removal) -> None:
    if not actor.can("legalaid.change_removal") or not (
        Removal.objects.restrict(actor, "change").filter(pk=removal.pk).exists()
    ):
        raise PermissionDenied(_("Only the centre's staff may decide on a removal."))


def _state_error(removal: Removal) -> InvalidInput:
    return InvalidInput(
        _("The proposal is “%(state)s”: that is no longer possible.")
        % {"state": removal.get_state_display()},
        fields={"state": [_("The proposal is no longer open to that step.")]},
    )


def removal_appeal(*, actor, removal: Removal, text: str) -> Removal:
    """The lawyer's appeal against a proposal, within the appeal period (that day included)."""
    with acting(actor), transaction.atomic():
        removal = _locked(removal)
        if removal.member.lawyer.user_id != getattr(actor, "pk", None):
            raise PermissionDenied(_("Only the lawyer proposed for removal may appeal."))
        if removal.state != Removal.State.PROPOSED:
            raise _state_error(removal)
        text = str(text or "").strip()
        errors: dict[str, list[str]] = {}
        if _today() > removal.appeal_until:
            errors["appeal"] = [
                _("The period of appeal ended on %(date)s.")
                % {"date": removal.appeal_until.isoformat()}
            ]
        elif not text:
            errors["appeal"] = [_("State the grounds of the appeal.")]
        elif len(text) > 5000:
            errors["appeal"] = [_("The grounds have at most 5,000 characters.")]
        _raise(errors)
        removal.appeal = text
        removal.state = Removal.State.APPEALED
        removal.save(update_fields=["appeal", "state"])
    return removal


def _take_effect(removal: Removal, on_date: datetime.date) -> None:
    removal.state = Removal.State.EFFECTIVE
    removal.effective_on = on_date
    member = PoolMember.objects.select_for_update().get(pk=removal.member_id)
    member.status = PoolMember.Status.REMOVED
    member.left_on = on_date
    member.save(update_fields=["status", "left_on"])


def removal_decide(*, actor, removal: Removal, upheld: bool, decision: str) -> Removal:
    """Decide an appeal: upheld, the proposal is withdrawn; rejected, the removal takes effect
    today."""
    _staff_over(actor, removal)
    with acting(actor), transaction.atomic():
        removal = _locked(removal)
        if removal.state != Removal.State.APPEALED:
            raise _state_error(removal)
        decision = str(decision or "").strip()
        if not decision:
            _raise({"decision": [_("Give the reasons of the decision on the appeal.")]})
        if len(decision) > 5000:
            _raise({"decision": [_("The reasons have at most 5,000 characters.")]})
        removal.decision = decision
        if upheld:
            removal.state = Removal.State.WITHDRAWN
        else:
            _take_effect(removal, _today())
        removal.save(update_fields=["decision", "state", "effective_on"])
    return removal


def removal_make_effective(*, actor, removal: Removal) -> Removal:
    """A proposal nobody appealed takes effect, but only once its appeal period is over."""
    _staff_over(actor, removal)
    with acting(actor), transaction.atomic():
        removal = _locked(removal)
        if removal.state != Removal.State.PROPOSED:
            raise _state_error(removal)
        if _today() <= removal.appeal_until:
            _raise(
                {
                    "appeal_until": [
                        _(
                            "The lawyer may appeal until %(date)s: the removal can take effect "
                            "only after that day."
                        )
                        % {"date": removal.appeal_until.isoformat()}
                    ]
                }
            )
        _take_effect(removal, _today())
        removal.save(update_fields=["state", "effective_on"])
    return removal


def removal_withdraw(*, actor, removal: Removal, decision: str) -> Removal:
    """The centre withdraws a proposal it has not yet decided, with its reasons."""
    _staff_over(actor, removal)
    with acting(actor), transaction.atomic():
        removal = _locked(removal)
        if removal.state != Removal.State.PROPOSED:
            raise _state_error(removal)
        decision = str(decision or "").strip()
        if not decision:
            _raise({"decision": [_("Give the reasons for withdrawing the proposal.")]})
        if len(decision) > 5000:
            _raise({"decision": [_("The reasons have at most 5,000 characters.")]})
        removal.decision = decision
        removal.state = Removal.State.WITHDRAWN
        removal.save(update_fields=["decision", "state"])
    return removal


# -- forms ------------------------------------------------------------------------------------


class CriterionForm(forms.Form):
    criterion = fields.IntegerField(widget=forms.HiddenInput, required=False)
    kind = forms.ChoiceField(label=gettext_lazy("evaluated"), choices=Criterion.Kind.choices)
    name = forms.CharField(label=gettext_lazy("criterion"), max_length=100)
    max_score = fields.IntegerField(label=gettext_lazy("maximum score"), min_value=1, max_value=100)
    position = fields.IntegerField(
        label=gettext_lazy("order"), min_value=0, max_value=999, initial=0, required=False
    )
    is_active = forms.BooleanField(label=gettext_lazy("active"), required=False, initial=True)


class EvaluationForm(forms.Form):
    lawyer = fields.ModelChoiceField(label=gettext_lazy("lawyer"), queryset=None)
    evaluated_on = forms.DateField(
        label=gettext_lazy("evaluated on"), initial=_today, widget=DateInput()
    )
    evaluator = forms.CharField(label=gettext_lazy("evaluator"), max_length=64)
    case = fields.ModelChoiceField(
        label=gettext_lazy("case (optional)"), queryset=None, required=False
    )
    notes = forms.CharField(
        label=gettext_lazy("comments"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, user, centre, kind, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(rubric(centre, kind)) if centre is not None else []
        members = PoolMember.objects.filter(centre=centre).values("lawyer_id")
        self.fields["lawyer"].queryset = Lawyer.objects.filter(pk__in=members).order_by("name")
        self.fields["case"].queryset = (
            AidCase.objects.restrict(user, "view")
            .filter(organization=centre, lawyer__isnull=False)
            .order_by("-received_at")
        )
        self.fields["case"].label_from_instance = lambda c: f"{c.number} {c.title} ({c.lawyer})"
        for criterion in self.criteria:
            self.fields[f"score_{criterion.pk}"] = forms.DecimalField(
                label=_("%(criterion)s (0–%(max)s)")
                % {"criterion": criterion.name, "max": criterion.max_score},
                min_value=0,
                max_value=criterion.max_score,
                max_digits=5,
                decimal_places=2,
            )

    def scores(self) -> dict[str, Decimal]:
        return {
            str(c.pk): self.cleaned_data.get(f"score_{c.pk}")
            for c in self.criteria
            if self.cleaned_data.get(f"score_{c.pk}") is not None
        }


# -- views ------------------------------------------------------------------------------------


def _pick(request, options, name: str = "centre"):
    """The option chosen in the query string (its id), else the first; None if none."""
    raw = request.GET.get(name, "")
    if raw:
        if not (raw.isascii() and raw.isdigit() and len(raw) <= 18):
            raise Http404
        chosen = options.filter(pk=int(raw)).first()
        if chosen is None:
            raise Http404
        return chosen
    return options.first()


def _year(request, default: int) -> int:
    raw = request.GET.get("year", "")
    if raw and raw.isascii() and raw.isdigit() and EARLIEST.year <= int(raw) <= 9999:
        return int(raw)
    return default


def _add_errors(form, exc: InvalidInput) -> None:
    for name, errors in exc.fields.items():
        for error in errors:
            form.add_error(name if name in form.fields else None, error)


@login_required
def rubric_view(request):
    """The centre's rubric (评分标准), by kind; centre staff add and change its lines."""
    user = request.user
    if not user.can("legalaid.view_criterion"):
        raise DjangoPermissionDenied
    centres = centres_for(user, "legalaid.view_criterion")
    centre = _pick(request, centres)
    can_edit = centre is not None and (
        centres_for(user, "legalaid.change_criterion").filter(pk=centre.pk).exists()
    )
    editing = None
    if can_edit and request.GET.get("edit", "").isdigit() and len(request.GET["edit"]) <= 18:
        editing = Criterion.objects.filter(centre=centre, pk=int(request.GET["edit"])).first()
    initial = (
        {
            "criterion": editing.pk,
            "kind": editing.kind,
            "name": editing.name,
            "max_score": editing.max_score,
            "position": editing.position,
            "is_active": editing.is_active,
        }
        if editing
        else None
    )
    form = CriterionForm(request.POST or None, initial=initial)
    if editing:
        form.fields["kind"].disabled = True
    if request.method == "POST":
        if not can_edit:
            raise DjangoPermissionDenied
        if form.is_valid():
            data = form.cleaned_data
            try:
                if data.get("criterion"):
                    criterion = Criterion.objects.filter(
                        centre=centre, pk=data["criterion"]
                    ).first()
                    if criterion is None:
                        raise InvalidInput(
                            _("That criterion does not exist."),
                            fields={"__all__": [_("That criterion does not exist.")]},
                        )
                    criterion_change(
                        actor=user,
                        criterion=criterion,
                        name=data["name"],
                        max_score=data["max_score"],
                        position=data.get("position") or 0,
                        is_active=data.get("is_active"),
                    )
                    messages.success(request, _("Criterion saved."))
                else:
                    criterion_add(
                        actor=user,
                        centre=centre,
                        kind=data["kind"],
                        name=data["name"],
                        max_score=data["max_score"],
                        position=data.get("position") or 0,
                    )
                    messages.success(request, _("Criterion added."))
            except InvalidInput as exc:
                _add_errors(form, exc)
            except FazhiError as exc:
                report_service_error(request, exc)
            else:
                return redirect(f"{reverse('legalaid:quality_rubric')}?centre={centre.pk}")
    criteria = list(rubric(centre, active_only=False)) if centre else []
    kinds = [
        {
            "label": label,
            "rows": [c for c in criteria if c.kind == value],
            "total": sum(c.max_score for c in criteria if c.kind == value and c.is_active),
        }
        for value, label in Criterion.Kind.choices
    ]
    return render(
        request,
        "legalaid/quality_rubric.html",
        {
            "title": _("Evaluation rubric"),
            "centres": centres,
            "centre": centre,
            "kinds": kinds,
            "form": form if can_edit else None,
            "editing": editing,
        },
    )


@login_required
def evaluate_view(request):
    """Record an expert's evaluation of a hearing or a case file."""
    user = request.user
    if not user.can("legalaid.add_evaluation"):
        raise DjangoPermissionDenied
    centres = centres_for(user, "legalaid.add_evaluation")
    centre = _pick(request, centres)
    kind = request.GET.get("kind", Criterion.Kind.HEARING)
    if kind not in Criterion.Kind.values:
        kind = Criterion.Kind.HEARING
    form = EvaluationForm(request.POST or None, user=user, centre=centre, kind=kind)
    if request.method == "POST" and centre is not None and form.is_valid():
        data = form.cleaned_data
        try:
            evaluation_record(
                actor=user,
                centre=centre,
                lawyer=data["lawyer"],
                kind=kind,
                evaluated_on=data["evaluated_on"],
                scores=form.scores(),
                evaluator=data["evaluator"],
                case=data.get("case"),
                notes=data.get("notes", ""),
            )
        except InvalidInput as exc:
            _add_errors(form, exc)
        except FazhiError as exc:
            report_service_error(request, exc)
        else:
            messages.success(request, _("Evaluation recorded."))
            return redirect(
                f"{reverse('legalaid:quality_evaluations')}?year={data['evaluated_on'].year}"
            )
    return render(
        request,
        "legalaid/quality_evaluate.html",
        {
            "title": _("Record an evaluation"),
            "centres": centres,
            "centre": centre,
            "kind": kind,
            "kinds": Criterion.Kind.choices,
            "form": form,
        },
    )


@login_required
def evaluations_view(request):
    """Evaluations of a year: centre staff see their jurisdiction's, a lawyer their own."""
    user = request.user
    if not user.can("legalaid.view_evaluation"):
        raise DjangoPermissionDenied
    year = _year(request, _today().year)
    rows = (
        visible_evaluations(user)
        .filter(evaluated_on__year=year)
        .select_related("lawyer", "lawyer__organization", "case", "centre")
        .order_by("-evaluated_on", "-id")
    )
    removals = (
        visible_removals(user)
        .filter(Q(member__lawyer_id__in=own_lawyer_ids(user)))
        .select_related("member__lawyer", "centre")
        .order_by("-year")
    )
    return render(
        request,
        "legalaid/quality_evaluations.html",
        {
            "title": _("Evaluations"),
            "year": year,
            "years": range(_today().year, _today().year - 6, -1),
            "evaluations": rows[:500],
            "count": rows.count(),
            "own_removals": removals,
            "can_evaluate": user.can("legalaid.add_evaluation"),
        },
    )


@login_required
def ranking_view(request):
    """A centre's ranking of a year with its removal proposals; staff propose removals. A
    lawyer sees their own scores and removal on the evaluations page, not the ranking."""
    user = request.user
    if not user.can("legalaid.view_criterion"):
        raise DjangoPermissionDenied
    centres = centres_for(user, "legalaid.view_evaluation")
    centre = _pick(request, centres)
    year = _year(request, _today().year - 1)
    can_propose = centre is not None and (
        centres_for(user, "legalaid.add_removal").filter(pk=centre.pk).exists()
    )
    if request.method == "POST":
        if not can_propose:
            raise DjangoPermissionDenied
        try:
            created = propose_removals(centre, year, user)
        except FazhiError as exc:
            report_service_error(request, exc)
        else:
            messages.success(
                request,
                _("%(count)s lawyers proposed for removal; notice given.")
                % {"count": len(created)},
            )
        return redirect(f"{reverse('legalaid:quality_ranking')}?centre={centre.pk}&year={year}")
    standings = ranking(centre, year) if centre else []
    lowest = settings.FAZHI_LEGALAID_REMOVE_LOWEST
    candidates = {s.lawyer.pk for s in removal_candidates(standings, lowest)}
    proposed = any(s.removal for s in standings) or (
        centre is not None and Removal.objects.filter(centre=centre, year=year).exists()
    )
    return render(
        request,
        "legalaid/quality_ranking.html",
        {
            "title": _("Yearly ranking and removals"),
            "centres": centres,
            "centre": centre,
            "year": year,
            "years": range(_today().year, _today().year - 6, -1),
            "standings": standings,
            "candidates": candidates,
            "lowest": lowest,
            "removals": (
                Removal.objects.filter(centre=centre, year=year).select_related("member__lawyer")
                if centre
                else []
            ),
            "can_propose": can_propose
            and not proposed
            and bool(candidates)
            and year < _today().year,
            "weights": {k: int(v * 100) for k, v in WEIGHTS.items()},
        },
    )


@login_required
def removal_view(request, pk: int):
    """A removal proposal: the lawyer appeals; staff decide, withdraw or make it effective."""
    user = request.user
    removal = (
        visible_removals(user)
        .select_related("member__lawyer__organization", "centre")
        .filter(pk=pk)
        .first()
    )
    if removal is None:
        raise Http404
    is_lawyer = removal.member.lawyer.user_id == user.pk
    is_staff = (
        user.can("legalaid.change_removal")
        and Removal.objects.restrict(user, "change").filter(pk=pk).exists()
    )
    errors: list[str] = []
    if request.method == "POST":
        action = request.POST.get("action", "")
        if (action == "appeal" and not is_lawyer) or (action != "appeal" and not is_staff):
            raise DjangoPermissionDenied
        text = request.POST.get("text", "")
        try:
            if action == "appeal":
                removal_appeal(actor=user, removal=removal, text=text)
                messages.success(request, _("Appeal filed."))
            elif action in ("uphold", "reject"):
                removal_decide(
                    actor=user, removal=removal, upheld=action == "uphold", decision=text
                )
                messages.success(request, _("Decision on the appeal recorded."))
            elif action == "effective":
                removal_make_effective(actor=user, removal=removal)
                messages.success(request, _("The lawyer has been removed from the pool."))
            elif action == "withdraw":
                removal_withdraw(actor=user, removal=removal, decision=text)
                messages.success(request, _("Proposal withdrawn."))
            else:
                raise InvalidInput(_("Unknown action."), fields={"__all__": [_("Unknown action.")]})
        except InvalidInput as exc:
            errors = [str(e) for messages_ in exc.fields.values() for e in messages_]
        except FazhiError as exc:
            report_service_error(request, exc)
        else:
            return redirect("legalaid:quality_removal", pk=pk)
    today = _today()
    return render(
        request,
        "legalaid/quality_removal.html",
        {
            "title": _("Removal from the pool"),
            "removal": removal,
            "errors": errors,
            "can_appeal": is_lawyer
            and removal.state == Removal.State.PROPOSED
            and today <= removal.appeal_until,
            "can_decide": is_staff and removal.state == Removal.State.APPEALED,
            "can_make_effective": is_staff
            and removal.state == Removal.State.PROPOSED
            and today > removal.appeal_until,
            "can_withdraw": is_staff and removal.state == Removal.State.PROPOSED,
            "ranking_url": (
                f"{reverse('legalaid:quality_ranking')}?centre={removal.centre_id}"
                f"&year={removal.year}"
            ),
            "is_staff": is_staff,
        },
    )
