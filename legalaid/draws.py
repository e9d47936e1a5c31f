"""Lottery draws (摇珠) on legal aid cases: announce, opt in, exclude, draw, publish, verify.

Legal Aid Law (法律援助法) Art. 43: a lawyer is assigned within three days of the grant;
Art. 26: a case that may end in life imprisonment or death only goes to a lawyer with three
years' practice. The centre announces the case, anonymised, to its pool with the commitment of
a secret seed (`announce`, the process's "announce" transition); lawyers of the pool opt in
while the window is open (`opt_in`); when it has closed the draw (the "draw" transition,
`run_draw`) excludes who may not take the case (`eligibility`), draws the winner by the public
rule of legalaid.lottery from the revealed seed and the ordered list of the others, assigns the
case and publishes seed, list, exclusions and winner. When nobody eligible opted in the case
goes by rotation (`rotation_rows`). `check_draw` recomputes a published draw
(`fazhi lottery verify`, the portal's draw page).

The seed is stored on the draw from the announcement but belongs to the public record only
once the draw is made (`public_record` leaves it out until then).

Rules the published record rests on:
- Candidate order: lawyer id ascending (legalaid.lottery, step 2); unweighted draws list
  every candidate with weight 1.
- Weights (`weights_for`): the lawyer's composite quality score as the yearly ranking computes
  it (legalaid.quality: 0.4·hearings + 0.4·case files + 0.2·archive grades, over the parts
  that exist), from evaluations by any centre dated in the twelve months up to the draw date
  and the files archived in them, rounded half up to an integer and kept within 1..100; 60
  for a lawyer with no evaluation in that time. The weights are published with the list, so
  the draw is verified from the record whatever produced them.
- Exclusions (`eligibility`), each with its reason on the published list: not practising
  (suspended or licence revoked); not an active member of the centre's pool (suspended,
  removed, or left); the pool entry names matters and not this one; at the workload cap (open
  legal aid cases assigned, i.e. not closed, ≥ the member's cap or
  FAZHI_LEGALAID_WORKLOAD_CAP); Art. 26 (life or death case, under three whole years of
  practice on the draw date); conflict of interest (the lawyer or another lawyer of the same
  firm represents — cases.Representation of any line, current on the draw date — a party that
  is one of this case's opposing parties, or is assigned to another open legal aid case whose
  opposing party is this case's applicant; two parties are the same when both have an ID
  number and the numbers' blind indexes are equal, else when both have a credit code and the
  codes are equal, else when their names are equal).
- Rotation: among the eligible members of the centre's active pool, the fewest legal aid cases
  assigned (any centre) with assignment dates in the twelve months up to the draw date, then
  the earliest last assignment (never assigned first), then the smallest lawyer id.
"""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import Representation
from core.audit import acting
from core.errors import InvalidInput
from core.models import Lawyer, PractitionerStatus, Region
from legalaid import lottery
from legalaid.choices import AssignmentMethod, Side
from legalaid.models import AidCase, AidParty, Draw, Evaluation, OptIn, PoolMember
from legalaid.quality import composite_of, lawyer_parts

DEFAULT_WEIGHT = 60
CODE_PREFIX = "YZ"


def _invalid(message: str, field: str = "draw") -> InvalidInput:
    return InvalidInput(message, fields={field: [message]})


def _local(value: datetime.datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")


def _year_before(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


# -- announcement ------------------------------------------------------------------------------


def _district(case) -> str:
    code = (case.region_code or "")[:6].ljust(12, "0")
    region = Region.objects.filter(code=code).first()
    return region.full_name if region else ""


def announcement_text(case, closes_at: datetime.datetime) -> str:
    """The anonymised announcement: matter, category, stage and district, the window and the
    Art. 26 requirement; never the parties' names, ID numbers or phones, nor the title or the
    facts (which may contain them)."""
    parts = [
        _("Legal aid case to be assigned by lottery: %(matter)s matter, %(category)s.")
        % {"matter": case.get_matter_display(), "category": case.get_category_display()}
    ]
    if case.stage:
        parts.append(_("Stage of proceedings: %(stage)s.") % {"stage": case.stage})
    district = _district(case)
    if district:
        parts.append(_("District: %(district)s.") % {"district": district})
    if case.life_or_death:
        parts.append(
            _("The case may lead to life imprisonment or death: only lawyers with three years' "
              "practice are eligible (Art. 26).")
        )  # fmt: skip
    parts.append(
        _("Lawyers of the centre's pool may opt in until %(closes)s.")
        % {"closes": _local(closes_at)}
    )
    return " ".join(str(p) for p in parts)


def _assignment_hours_left(case, now: datetime.datetime) -> int | None:
    """Whole hours from `now` to the end of the assignment period's last day (Arts. 36, 43),
    so that the draw can still be made in time; None when no assignment clock runs."""
    from cases.models import Clock, ClockState

    clock = (
        Clock.for_case(case)
        .filter(key="assignment", state=ClockState.RUNNING, due_date__isnull=False)
        .first()
    )
    if clock is None:
        return None
    end = timezone.make_aware(
        datetime.datetime.combine(clock.due_date + datetime.timedelta(days=1), datetime.time())
    )
    return int((end - now).total_seconds() // 3600)


def announce(case, *, hours, weighted, ctx) -> Draw:
    """Open a draw for `case` (the process's "announce" effect, inside the engine's
    transaction): a fresh secret seed, its commitment published with the anonymised
    announcement, opt-ins open from now for `hours` hours."""
    try:
        hours = int(hours)
    except (TypeError, ValueError):
        hours = 0
    if not 1 <= hours <= 72:
        raise _invalid(_("Opt-ins must stay open between 1 and 72 hours."), "hours")
    latest = _assignment_hours_left(case, ctx.now)
    if latest is not None and 1 <= latest < hours:
        raise _invalid(
            _(
                "Opt-ins would close after the assignment period ends (Art. 43): open them for "
                "at most %(hours)s hours, or assign the lawyer directly."
            )
            % {"hours": latest},
            "hours",
        )
    # A case is announced once at a time; an earlier draw still open is cancelled.
    Draw.objects.filter(case=case, state=Draw.State.OPEN).update(state=Draw.State.CANCELLED)
    seed = lottery.new_seed()
    closes_at = ctx.now + datetime.timedelta(hours=hours)
    draw = Draw.objects.create(
        case=case,
        public_code=f"tmp-{secrets.token_hex(8)}",
        announcement=announcement_text(case, closes_at),
        matter=case.matter,
        category=case.category,
        announced_at=ctx.now,
        closes_at=closes_at,
        commitment=lottery.commitment(seed),
        seed=seed,
        weighted=bool(weighted),
        organization_id=case.organization_id,
        region_code=case.region_code,
    )
    draw.public_code = f"{CODE_PREFIX}{timezone.localtime(ctx.now).year}-{draw.pk:06d}"
    draw.save(update_fields=["public_code"])
    return draw


# -- opting in ---------------------------------------------------------------------------------


def pool_member_for(user, centre_id) -> PoolMember | None:
    """The user's practising lawyer profile in an active pool entry of the centre, if any."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    today = timezone.localdate()
    return (
        PoolMember.objects.filter(
            centre_id=centre_id,
            status=PoolMember.Status.ACTIVE,
            lawyer__user_id=user.pk,
            lawyer__status=PractitionerStatus.PRACTISING,
        )
        .filter(Q(left_on__isnull=True) | Q(left_on__gt=today))
        .select_related("lawyer")
        .order_by("lawyer_id")
        .first()
    )


def opt_in(*, actor, draw) -> OptIn:
    """Record that the lawyer `actor` opts in to `draw`; a clear error naming the reason, and
    nothing written, when the draw is not open, the window is not open, the user has no
    practising lawyer profile in the centre's active pool, or they already opted in."""
    now = timezone.now()
    with acting(actor), transaction.atomic():
        # The draw row is locked: an opt-in and the draw itself cannot cross.
        locked = Draw.objects.select_for_update().filter(pk=draw.pk).first()
        if locked is None:
            raise _invalid(_("There is no such draw."))
        if locked.state != Draw.State.OPEN:
            raise _invalid(
                _("Draw %(code)s is no longer open for opt-ins (%(state)s).")
                % {"code": locked.public_code, "state": locked.get_state_display()}
            )
        if now < locked.announced_at:
            raise _invalid(
                _("Opt-ins to draw %(code)s open at %(time)s.")
                % {"code": locked.public_code, "time": _local(locked.announced_at)}
            )
        if now >= locked.closes_at:
            raise _invalid(
                _("Opt-ins to draw %(code)s closed at %(time)s.")
                % {"code": locked.public_code, "time": _local(locked.closes_at)}
            )
        member = pool_member_for(actor, locked.organization_id)
        if member is None:
            raise _invalid(
                _("Only a practising lawyer in the active pool of %(centre)s may opt in to "
                  "this draw.") % {"centre": locked.organization}
            )  # fmt: skip
        twice = _("You have already opted in to draw %(code)s.") % {"code": locked.public_code}
        if OptIn.objects.filter(draw=locked, lawyer=member.lawyer).exists():
            raise _invalid(twice)
        try:
            with transaction.atomic():
                return OptIn.objects.create(draw=locked, lawyer=member.lawyer, at=now)
        except IntegrityError:
            raise _invalid(twice) from None


# -- who may take the case ---------------------------------------------------------------------


class Reason:
    NOT_PRACTISING = "not_practising"
    NOT_IN_POOL = "not_in_pool"
    MATTER = "matter"
    WORKLOAD = "workload"
    EXPERIENCE = "experience"
    CONFLICT = "conflict"


def _reason_text(code: str, **params) -> str:
    texts = {
        Reason.NOT_PRACTISING: _("Not practising (suspended or licence revoked)."),
        Reason.NOT_IN_POOL: _("Not an active member of the centre's pool."),
        Reason.MATTER: _("Does not take %(matter)s matters in this pool."),
        Reason.WORKLOAD: _("At the workload cap: %(open)s open legal aid cases (cap %(cap)s)."),
        Reason.EXPERIENCE: _(
            "The case may lead to life imprisonment or death and the lawyer has under three "
            "years' practice (Art. 26)."
        ),
        Reason.CONFLICT: _(
            "Conflict of interest: the lawyer or their firm acts for an opposing party, or "
            "against the applicant."
        ),
    }
    return texts[code] % params if params else texts[code]


def same_party(a, b) -> bool:
    """Whether two party records are the same person or body: by ID number (blind index) when
    both have one, else by credit code when both have one, else by exact name."""
    if a.id_number_index and b.id_number_index:
        return a.id_number_index == b.id_number_index
    if a.credit_code and b.credit_code:
        return a.credit_code == b.credit_code
    return bool(a.name.strip()) and a.name.strip() == b.name.strip()


def _matching(parties, prefix: str) -> Q:
    """A database pre-filter for records whose party may match one of `parties` (exact rule
    applied afterwards with `same_party`)."""
    q = Q(**{f"{prefix}name__in": [p.name.strip() for p in parties if p.name.strip()]})
    indexes = [p.id_number_index for p in parties if p.id_number_index]
    codes = [p.credit_code for p in parties if p.credit_code]
    if indexes:
        q |= Q(**{f"{prefix}id_number_index__in": indexes})
    if codes:
        q |= Q(**{f"{prefix}credit_code__in": codes})
    return q


def conflicted_firms(case, firm_ids, on_date: datetime.date) -> set[int]:
    """The firms (organisations) of `firm_ids` in a conflict of interest on `case`."""
    sides = {Side.OPPOSING: [], Side.APPLICANT: []}
    for row in AidParty.objects.filter(case_id=case.pk).select_related("party"):
        sides.setdefault(row.side, []).append(row.party)
    opposing, applicants = sides[Side.OPPOSING], sides[Side.APPLICANT]
    firms: set[int] = set()
    if opposing:
        representations = (
            Representation.objects.filter(lawyer__organization_id__in=firm_ids)
            .filter(Q(until__isnull=True) | Q(until__gte=on_date))
            .filter(_matching(opposing, "party__"))
            .select_related("party", "lawyer")
        )
        for rep in representations:
            if any(same_party(rep.party, p) for p in opposing):
                firms.add(rep.lawyer.organization_id)
    if applicants:
        against = (
            AidParty.objects.filter(
                side=Side.OPPOSING,
                case__lawyer__organization_id__in=firm_ids,
                case__closed_at__isnull=True,
            )
            .exclude(case_id=case.pk)
            .filter(_matching(applicants, "party__"))
            .select_related("party", "case__lawyer")
        )
        for row in against:
            if any(same_party(row.party, p) for p in applicants):
                firms.add(row.case.lawyer.organization_id)
    return firms


def _open_cases(lawyer_ids, case) -> dict[int, int]:
    rows = (
        AidCase.objects.filter(lawyer_id__in=lawyer_ids, closed_at__isnull=True)
        .exclude(pk=case.pk)
        .values("lawyer_id")
        .annotate(n=Count("id"))
    )
    return {row["lawyer_id"]: row["n"] for row in rows}


def screen(draw, lawyers, on_date: datetime.date) -> tuple[list[Lawyer], list[dict]]:
    """Split `lawyers` into those who may take the draw's case (ordered by id) and those
    excluded, each with the reasons (codes and text)."""
    case = draw.case
    lawyers = sorted({lawyer.pk: lawyer for lawyer in lawyers}.values(), key=lambda x: x.pk)
    ids = [lawyer.pk for lawyer in lawyers]
    rows = PoolMember.objects.filter(centre_id=draw.organization_id, lawyer_id__in=ids)
    members = {m.lawyer_id: m for m in rows}
    open_cases = _open_cases(ids, case)
    conflicts = conflicted_firms(case, {lawyer.organization_id for lawyer in lawyers}, on_date)
    default_cap = settings.FAZHI_LEGALAID_WORKLOAD_CAP
    candidates, excluded = [], []
    for lawyer in lawyers:
        member = members.get(lawyer.pk)
        codes: list[tuple[str, dict]] = []
        if lawyer.status != PractitionerStatus.PRACTISING:
            codes.append((Reason.NOT_PRACTISING, {}))
        if (
            member is None
            or member.status != PoolMember.Status.ACTIVE
            or (member.left_on is not None and member.left_on <= on_date)
        ):
            codes.append((Reason.NOT_IN_POOL, {}))
        elif member.matters and case.matter not in member.matters:
            codes.append((Reason.MATTER, {"matter": case.get_matter_display()}))
        cap = member.workload_cap if member and member.workload_cap is not None else default_cap
        if open_cases.get(lawyer.pk, 0) >= cap:
            codes.append((Reason.WORKLOAD, {"open": open_cases.get(lawyer.pk, 0), "cap": cap}))
        if case.life_or_death and lawyer.years_of_practice(on_date) < 3:
            codes.append((Reason.EXPERIENCE, {}))
        if lawyer.organization_id in conflicts:
            codes.append((Reason.CONFLICT, {}))
        if codes:
            excluded.append(
                {
                    "id": lawyer.pk,
                    "name": lawyer.name,
                    "reason": " ".join(_reason_text(code, **params) for code, params in codes),
                    "codes": [code for code, _params in codes],
                }
            )
        else:
            candidates.append(lawyer)
    return candidates, excluded


def eligibility(draw, *, on_date: datetime.date | None = None, lawyers=None):
    """(candidates, excluded) among the lawyers who opted in to `draw` (or among `lawyers`):
    candidates ordered by lawyer id, excluded as published ({id, name, reason, codes})."""
    on_date = on_date or timezone.localdate()
    if lawyers is None:
        lawyers = [o.lawyer for o in draw.opt_ins.select_related("lawyer")]
    return screen(draw, lawyers, on_date)


def pool_lawyers(draw, on_date: datetime.date) -> list[Lawyer]:
    """The lawyers of the active pool of the draw's centre on `on_date`."""
    members = (
        PoolMember.objects.filter(centre_id=draw.organization_id, status=PoolMember.Status.ACTIVE)
        .filter(Q(left_on__isnull=True) | Q(left_on__gt=on_date))
        .select_related("lawyer")
    )
    return [m.lawyer for m in members]


# -- weights and rotation ----------------------------------------------------------------------


def weights_for(lawyers, on_date: datetime.date) -> dict[int, int]:
    """The weight of each lawyer in a weighted draw: their composite quality score
    (legalaid.quality: 0.4·hearings + 0.4·case files + 0.2·archive grades, the parts that
    exist) over the twelve months up to `on_date` (after the same day a year before, up to and
    including `on_date`; evaluations by any centre), rounded half up, kept within 1..100;
    DEFAULT_WEIGHT (60) for a lawyer with no evaluation in that time."""
    ids = [lawyer.pk for lawyer in lawyers]
    start = _year_before(on_date)
    parts = lawyer_parts(
        Evaluation.objects.filter(
            lawyer_id__in=ids, evaluated_on__gt=start, evaluated_on__lte=on_date
        ),
        AidCase.objects.filter(closed_at__date__gt=start, closed_at__date__lte=on_date),
    )
    weights = {}
    for lawyer_id in ids:
        if lawyer_id not in parts:
            weights[lawyer_id] = DEFAULT_WEIGHT
            continue
        score = composite_of(parts[lawyer_id]).quantize(Decimal(1), rounding=ROUND_HALF_UP)
        weights[lawyer_id] = min(100, max(1, int(score)))
    return weights


def rotation_rows(lawyers, on_date: datetime.date) -> list[dict]:
    """The published rotation inputs for each lawyer (ordered by id): legal aid cases assigned
    to them with assignment dates in the twelve months up to `on_date`, and their last
    assignment date (ISO, or None)."""
    ids = sorted(lawyer.pk for lawyer in lawyers)
    assigned = AidCase.objects.filter(lawyer_id__in=ids, assigned_on__lte=on_date)
    recent = {
        row["lawyer_id"]: row["n"]
        for row in assigned.filter(assigned_on__gt=_year_before(on_date))
        .values("lawyer_id")
        .annotate(n=Count("id"))
    }
    last = {
        row["lawyer_id"]: row["last"]
        for row in assigned.values("lawyer_id").annotate(last=Max("assigned_on"))
    }
    names = {lawyer.pk: lawyer.name for lawyer in lawyers}
    return [
        {
            "id": pk,
            "name": names[pk],
            "cases_12m": recent.get(pk, 0),
            "last_assigned": last[pk].isoformat() if last.get(pk) else None,
        }
        for pk in ids
    ]


# -- the draw ----------------------------------------------------------------------------------


def candidate_list(draw, candidates, on_date: datetime.date) -> list[lottery.Candidate]:
    """The list to publish and hash: the eligible lawyers by id, each with their weight
    (`weights_for`) in a weighted draw, 1 in an unweighted one."""
    weights = weights_for(candidates, on_date) if draw.weighted else {}
    return lottery.ordered(
        lottery.Candidate(lawyer.pk, lawyer.name, weights.get(lawyer.pk, 1))
        for lawyer in candidates
    )


def open_draw(case, *, lock: bool = False) -> Draw | None:
    draws = Draw.objects.filter(case_id=case.pk, state=Draw.State.OPEN)
    if lock:
        draws = draws.select_for_update()
    return draws.order_by("-announced_at", "-id").first()


def cancel_open_draw(case) -> int:
    """Cancel the case's open draw (aid terminated while announced, Art. 48): no more opt-ins,
    no draw; the public record shows it cancelled. Returns the number cancelled."""
    return Draw.objects.filter(case_id=case.pk, state=Draw.State.OPEN).update(
        state=Draw.State.CANCELLED
    )


def run_draw(case, *, ctx) -> Draw:
    """Draw the lawyer for `case` (the process's "draw" effect, inside the engine's
    transaction): on the case's open draw, once opt-ins have closed, exclude, draw by the public
    rule from the revealed seed and the ordered list (weighted by `weights_for` if the draw
    says so), or rotate when nobody eligible opted in; assign the case and record the lawyer as
    the applicant's representative. Raises InvalidInput, having written nothing, when there is
    no open draw, the window is still open, or nobody at all may take the case."""
    draw = open_draw(case, lock=True)
    if draw is None:
        raise _invalid(_("The case has no open draw: announce it for the lottery first."))
    if ctx.now < draw.closes_at:
        raise _invalid(
            _("Opt-ins to draw %(code)s are open until %(time)s: draw after they close.")
            % {"code": draw.public_code, "time": _local(draw.closes_at)}
        )
    if ctx.on_date < timezone.localtime(draw.closes_at).date():
        raise _invalid(
            _("The draw cannot be dated before opt-ins closed (%(time)s).")
            % {"time": _local(draw.closes_at)},
            "on_date",
        )
    draw.case = case  # the engine's locked instance
    candidates, excluded = eligibility(draw, on_date=ctx.on_date)
    if candidates:
        listed = candidate_list(draw, candidates, ctx.on_date)
        winner = candidates[lottery.pick(draw.seed, listed, weighted=draw.weighted)]
        draw.candidates = [c.as_dict() for c in listed]
        method = AssignmentMethod.LOTTERY
    else:
        considered, pool_excluded = screen(draw, pool_lawyers(draw, ctx.on_date), ctx.on_date)
        if not considered:
            raise _invalid(
                _("Nobody may take the case: no lawyer of the centre's pool is eligible (see "
                  "the exclusions). Add lawyers to the pool or assign the case directly.")
            )  # fmt: skip
        rows = rotation_rows(considered, ctx.on_date)
        winner_id = lottery.rotation_pick(rows)
        winner = next(lawyer for lawyer in considered if lawyer.pk == winner_id)
        seen = {row["id"] for row in excluded}
        excluded = excluded + [row for row in pool_excluded if row["id"] not in seen]
        draw.candidates = rows
        method = AssignmentMethod.ROTATION
    draw.excluded = sorted(excluded, key=lambda row: row["id"])
    draw.state = Draw.State.DRAWN
    draw.method = method
    draw.winner = winner
    draw.drawn_at = ctx.now
    draw.save()
    case.lawyer = winner
    case.assigned_on = ctx.on_date
    case.assignment_method = method
    applicants = AidParty.objects.filter(case_id=case.pk, side=Side.APPLICANT).order_by(
        "position", "id"
    )
    for row in applicants:
        Representation.objects.create(
            **Representation.ref(case), lawyer=winner, party_id=row.party_id, since=ctx.on_date
        )
    return draw


# -- the public record and its verification ----------------------------------------------------


def public_record(draw) -> dict:
    """What anyone may see of a draw: the anonymised announcement and the commitment from the
    start; the seed, the ordered list, the exclusions and the result only once drawn."""
    record = {
        "code": draw.public_code,
        "announcement": draw.announcement,
        "matter": draw.matter,
        "category": draw.category,
        "announced_at": draw.announced_at.isoformat(),
        "closes_at": draw.closes_at.isoformat(),
        "commitment": draw.commitment,
        "weighted": draw.weighted,
        "state": draw.state,
        "opt_ins": draw.opt_ins.count(),
    }
    if draw.state == Draw.State.DRAWN:
        record.update(
            seed=draw.seed,
            method=draw.method,
            candidates=draw.candidates,
            excluded=[
                {"id": row["id"], "name": row["name"], "reason": row["reason"]}
                for row in draw.excluded
            ],
            winner={"id": draw.winner_id, "name": draw.winner.name if draw.winner else ""},
            drawn_at=draw.drawn_at.isoformat() if draw.drawn_at else None,
        )
    return record


@dataclass(frozen=True)
class Check:
    key: str
    label: str
    ok: bool
    detail: str = ""


def find_draw(draw_id: str) -> Draw | None:
    """A draw by its public code (YZ2026-000123) or its database id."""
    value = (draw_id or "").strip()
    draw = Draw.objects.filter(public_code__iexact=value).select_related("winner", "case").first()
    if draw is None and value.isdigit():
        draw = Draw.objects.filter(pk=int(value)).select_related("winner", "case").first()
    return draw


def _rotation_form(rows) -> str | None:
    if not isinstance(rows, list) or not rows:
        return _("The candidate list is empty or not a list.")
    previous = None
    for position, row in enumerate(rows, start=1):
        if not isinstance(row, dict) or set(row) != set(lottery.ROTATION_KEYS):
            return _(
                "Line %(n)s of the rotation list does not have exactly the keys id, name, "
                "cases_12m and last_assigned."
            ) % {"n": position}
        if not isinstance(row["id"], int) or (previous is not None and row["id"] <= previous):
            return _("The rotation list is not ordered by lawyer id ascending, each id once.")
        if not isinstance(row["cases_12m"], int):
            return _("Line %(n)s of the rotation list has no case count.") % {"n": position}
        previous = row["id"]
    return None


def check_draw(draw) -> list[Check]:
    """Recompute a draw from its stored public record, check by check."""
    if draw.state != Draw.State.DRAWN:
        return [
            Check(
                "drawn",
                _("The draw has been made and its seed published"),
                False,
                _(
                    "The draw is “%(state)s”: the seed is still secret; the commitment is "
                    "%(commitment)s."
                )
                % {"state": draw.get_state_display(), "commitment": draw.commitment},
            )
        ]
    checks = []
    problem = lottery.check_commitment(draw.commitment, draw.seed)
    checks.append(
        Check(
            "commitment",
            _("The commitment published at the announcement is SHA-256 of the revealed seed"),
            problem is None,
            problem or "",
        )
    )
    opted = set(draw.opt_ins.values_list("lawyer_id", flat=True))
    excluded_ids = {row.get("id") for row in draw.excluded if isinstance(row, dict)}
    listed_ids = [row.get("id") for row in draw.candidates if isinstance(row, dict)]
    if draw.method == AssignmentMethod.ROTATION:
        checks.append(
            Check(
                "rotation",
                _("Nobody eligible opted in: the lawyer was chosen by rotation, not by lot"),
                True,
            )
        )
        form = _rotation_form(draw.candidates)
        checks.append(
            Check("list", _("The rotation list is well formed"), form is None, form or "")
        )
        unexcluded = sorted(opted - excluded_ids)
        checks.append(
            Check(
                "opt_ins",
                _("Every lawyer who opted in is on the list of exclusions"),
                not unexcluded,
                _("Opted in and not excluded: %(ids)s.") % {"ids": unexcluded}
                if unexcluded
                else "",
            )
        )
        if form is None:
            chosen = lottery.rotation_pick(draw.candidates)
            ok = chosen == draw.winner_id
            detail = _(
                "The rotation rule chooses id %(id)s, not the lawyer recorded (id %(recorded)s)."
            ) % {"id": chosen, "recorded": draw.winner_id}
            label = _("The rotation rule applied to the list gives the lawyer recorded")
            checks.append(Check("winner", label, ok, "" if ok else detail))
        return checks
    candidates, form_problems = lottery.parse(draw.candidates)
    checks.append(
        Check(
            "list",
            _("The candidate list is in the published form (lawyer id ascending, each once)"),
            not form_problems,
            " ".join(form_problems),
        )
    )
    expected = sorted(opted - excluded_ids)
    strays = sorted(excluded_ids - opted)
    ok = sorted(i for i in listed_ids if isinstance(i, int)) == expected and not strays
    detail = _(
        "Expected ids %(expected)s, the list has %(listed)s; excluded without opting in: "
        "%(strays)s."
    ) % {"expected": expected, "listed": listed_ids, "strays": strays}
    label = _("The candidate list is the lawyers who opted in less those excluded")
    checks.append(Check("opt_ins", label, ok, "" if ok else detail))
    if not form_problems:
        register = dict(
            Lawyer.objects.filter(pk__in=[c.id for c in candidates]).values_list("pk", "name")
        )
        renamed = [c.id for c in candidates if register.get(c.id) != c.name]
        checks.append(
            Check(
                "names",
                _("The names on the list are those in the register of lawyers"),
                not renamed,
                _("Names differ for ids %(ids)s.") % {"ids": renamed} if renamed else "",
            )
        )
        if lottery.SEED_RE.match(draw.seed or ""):
            winner = candidates[lottery.pick(draw.seed, candidates, weighted=draw.weighted)]
            ok = winner.id == draw.winner_id
            detail = "" if ok else lottery.winner_differs(winner, draw.winner_id)
        else:
            ok, detail = False, _("The seed is not 64 lowercase hexadecimal characters.")
        checks.append(
            Check(
                "winner",
                _("The winner recomputed from the seed and the list is the lawyer drawn"),
                ok,
                detail,
            )
        )
    return checks
