"""A decided penalty's effect on the register (律师法 Arts. 47–50, reference/statutes-lines.md
§E.1): whether a lawyer may practise on a day, and the register's status kept in step with it.

- Suspension of practice (停止执业, Arts. 47–49) takes a lawyer off practice for its term: from
  the day it takes effect (the decision day unless the decision names a later one) for the
  months decided, its first day counted: the term ends the day before the corresponding day of
  its last month, or on that month's last day when it has no such day (Civil Code Art. 202) —
  3 months from 15 March 2026 run to 14 June 2026, and the lawyer practises again on 15 June.
  A term is not rolled past rest days.
- Revocation of the practising certificate (吊销律师执业证书, Art. 49) takes the lawyer off
  practice for good from the day it takes effect.
- Closure of a firm for rectification (停业整顿, Art. 50) closes the firm for its term (the
  firm's profile reads 停业整顿) and, for that term, its lawyers do not practise through it —
  they are suspended on the register like a suspension of their own. Revocation of a firm's
  licence marks the firm deregistered; its lawyers are left as they are (they must move to
  another firm, which the register records by hand).

The history is the penalties themselves (Penalty.effective_from / effective_until): the status
on any day is derived from them (`lawyer_status_on`). The stored status that every line reads —
core.Lawyer.status (legal aid draws and assigns only practising lawyers) and the firm's profile
status — is set from them by `sync`: when a penalty is decided (for the day of the decision's
recording) and every day by `fazhi remind` (the daily job "practice penalties", cases.daily), so
that a term starting later takes effect, and an ended suspension or closure is lifted, on its
day. Only lawyers and firms that a suspension, closure or revocation has touched are changed:
a penalty whose term had ended before it was recorded (a past complaint imported,
profession.complaint_importing) touches nobody, and a revoked lawyer is never put back to
practice (or to a suspension) by `sync` — a status set by hand stays.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from cases import daily
from cases.calendar import shift_months
from core.models import Lawyer, PractitionerStatus
from profession.choices import InstitutionStatus, SubjectKind


def term_end(start: datetime.date, months: int) -> datetime.date:
    """The last day of a term of `months` months whose first day is `start`: the day before
    the corresponding day `months` later, or — when that month has no such day — that month's
    last day (Civil Code Art. 202). 2026-03-15 + 3 → 2026-06-14; 2026-03-01 + 1 → 2026-03-31;
    2026-01-31 + 1 → 2026-02-28."""
    corresponding = shift_months(start, months)
    if corresponding.day != start.day:  # no such day: the month's last day ends the term
        return corresponding
    return corresponding - datetime.timedelta(days=1)


def term(penalty_measures: dict, starts: datetime.date) -> tuple[datetime.date | None, ...]:
    """(effective_from, effective_until) of a penalty's measures taking effect on `starts`:
    none without suspension, closure or revocation; no last day with revocation."""
    months = penalty_measures.get("suspension_months") or penalty_measures.get("closure_months")
    if penalty_measures.get("revocation"):
        return starts, None
    if months:
        return starts, term_end(starts, months)
    return None, None


def _decided():
    """The penalties with a term (a Penalty row is written only by a complaint's decision,
    in the step's own transaction)."""
    from profession.models import Penalty

    return Penalty.objects.filter(effective_from__isnull=False)


def _in_force(day: datetime.date) -> Q:
    return Q(effective_from__lte=day) & (
        Q(effective_until__isnull=True) | Q(effective_until__gte=day)
    )


def lawyer_status_on(lawyer, day: datetime.date) -> str:
    """The lawyer's practice status on `day` as the decided penalties make it: revoked from a
    revocation's first day on, suspended within a suspension's term or a closure of their firm,
    else practising (the register's own status, when set by hand to something else, is not
    read here)."""
    rows = _decided().filter(_in_force(day))
    if rows.filter(lawyer_id=lawyer.pk, revocation=True).exists():
        return PractitionerStatus.REVOKED
    if rows.filter(lawyer_id=lawyer.pk, suspension_months__gt=0).exists():
        return PractitionerStatus.SUSPENDED
    if rows.filter(subject_kind=SubjectKind.FIRM, closure_months__gt=0,
                   complaint__firm__organization_id=lawyer.organization_id).exists():  # fmt: skip
        return PractitionerStatus.SUSPENDED
    return PractitionerStatus.PRACTISING


def _touching():
    """The penalties with a term that touch their subject: not those whose term had ended
    before they were recorded (history imported after the fact)."""
    return _decided().exclude(
        effective_until__lt=TruncDate(F("complaint__created_at"),
                                      tzinfo=timezone.get_current_timezone()))  # fmt: skip


@dataclass(frozen=True)
class InForce:
    """What the penalties in force on a day take off practice, read in one query: the lawyers
    revoked or suspended (by pk), the firms closed or revoked (by pk) and the organisations of
    the closed firms (whose lawyers are suspended with them), as `lawyer_status_on` reads them."""

    lawyers: frozenset
    firms: frozenset
    closed_orgs: frozenset

    def lawyer_off(self, lawyer) -> bool:
        return lawyer.pk in self.lawyers or lawyer.organization_id in self.closed_orgs


def in_force(day: datetime.date) -> InForce:
    lawyers, firms, closed_orgs = set(), set(), set()
    rows = _decided().filter(_in_force(day)).values_list(
        "subject_kind", "lawyer_id", "suspension_months", "closure_months", "revocation",
        "complaint__firm_id", "complaint__firm__organization_id")  # fmt: skip
    for kind, lawyer_id, suspension, closure, revocation, firm_id, org_id in rows:
        if kind == SubjectKind.LAWYER and (suspension or revocation):
            lawyers.add(lawyer_id)
        if kind == SubjectKind.FIRM and (closure or revocation):
            firms.add(firm_id)
            if closure:
                closed_orgs.add(org_id)
    return InForce(frozenset(lawyers), frozenset(firms), frozenset(closed_orgs))


def sync(day: datetime.date, *, dry_run: bool = False) -> int:
    """Set the register's status of every lawyer and firm a suspension, closure or revocation
    has touched to what the penalties make it on `day`; the number of rows changed. A revoked
    lawyer stays revoked."""
    from profession.models import LawFirm

    rows = _touching()
    now = rows.filter(_in_force(day))
    revoked = set(now.filter(revocation=True, subject_kind=SubjectKind.LAWYER)
                  .values_list("lawyer_id", flat=True))  # fmt: skip
    suspended = set(now.filter(suspension_months__gt=0).values_list("lawyer_id", flat=True))
    closed = set(now.filter(subject_kind=SubjectKind.FIRM, closure_months__gt=0)
                 .values_list("complaint__firm_id", flat=True))  # fmt: skip
    deregistered = set(now.filter(subject_kind=SubjectKind.FIRM, revocation=True)
                       .values_list("complaint__firm_id", flat=True))  # fmt: skip
    touched_firms = set(rows.filter(subject_kind=SubjectKind.FIRM)
                        .filter(Q(closure_months__gt=0) | Q(revocation=True))
                        .values_list("complaint__firm_id", flat=True))  # fmt: skip
    firm_orgs = dict(LawFirm.objects.filter(pk__in=touched_firms)
                     .values_list("pk", "organization_id"))  # fmt: skip
    closed_orgs = {firm_orgs[f] for f in closed if f in firm_orgs}
    touched_lawyers = set(rows.filter(subject_kind=SubjectKind.LAWYER)
                          .filter(Q(suspension_months__gt=0) | Q(revocation=True))
                          .values_list("lawyer_id", flat=True))  # fmt: skip
    lawyers = Lawyer.objects.filter(
        Q(pk__in=touched_lawyers) | Q(organization_id__in=set(firm_orgs.values()))
    ).only("pk", "status", "organization_id")  # fmt: skip

    def lawyer_status(lawyer):
        if lawyer.status == PractitionerStatus.REVOKED:
            return None  # revoked for good: never lifted here (Art. 49)
        if lawyer.pk in revoked:
            return PractitionerStatus.REVOKED
        if lawyer.pk in suspended or lawyer.organization_id in closed_orgs:
            return PractitionerStatus.SUSPENDED
        return PractitionerStatus.PRACTISING

    with transaction.atomic():
        changed = _set_statuses(lawyers, lawyer_status, dry_run)
        changed += _set_statuses(
            LawFirm.objects.filter(pk__in=touched_firms).only("pk", "status"),
            _institution_status(deregistered, closed), dry_run,
        )  # fmt: skip
        changed += _sync_other_practitioners(rows, now, dry_run)
    return changed


def _set_statuses(queryset, status_of, dry_run: bool) -> int:
    """Give each row of `queryset` the status `status_of(row)` says (None: leave it); the number
    of rows changed. The queryset loads what `status_of` reads (`only`)."""
    changed = 0
    for row in queryset:
        status = status_of(row)
        if status is None or row.status == status:
            continue
        changed += 1
        if not dry_run:
            type(row).objects.filter(pk=row.pk).update(status=status)
    return changed


def _person_status(revoked, suspended):
    def status_of(person):
        if person.status == PractitionerStatus.REVOKED:
            return None  # revoked for good: never lifted here
        if person.pk in revoked:
            return PractitionerStatus.REVOKED
        if person.pk in suspended:
            return PractitionerStatus.SUSPENDED
        return PractitionerStatus.PRACTISING

    return status_of


def _institution_status(revoked, closed):
    def status_of(institution):
        if institution.pk in revoked or institution.status == InstitutionStatus.DEREGISTERED:
            return InstitutionStatus.DEREGISTERED
        if institution.pk in closed:
            return InstitutionStatus.SUSPENDED
        return InstitutionStatus.PRACTISING

    return status_of


def _sync_other_practitioners(rows, now, dry_run: bool) -> int:
    """The same for notaries and appraisers (suspended within a suspension's term, revoked from
    a revocation's first day, never lifted from revoked) and for notary offices and forensic
    institutions (closed for rectification within a closure's term, deregistered by a
    revocation): 公证法 Arts. 41–42, GD‑SJ (statutes-lines §E.2–E.3). The closure of an office
    or institution does not change its people's own status (the reference does not say it
    suspends them ❓); the office's status shows it."""
    from profession.models import Appraiser, ForensicInstitution, Notary, NotaryOffice

    def ids(queryset, path) -> set:
        return set(queryset.values_list(path, flat=True))

    changed = 0
    for kind, path, model in ((SubjectKind.NOTARY, "complaint__notary_id", Notary),
                              (SubjectKind.APPRAISER, "complaint__appraiser_id", Appraiser)):  # fmt: skip
        mine, in_force_now = rows.filter(subject_kind=kind), now.filter(subject_kind=kind)
        touched = ids(mine.filter(Q(suspension_months__gt=0) | Q(revocation=True)), path)
        status_of = _person_status(ids(in_force_now.filter(revocation=True), path),
                                   ids(in_force_now.filter(suspension_months__gt=0), path))  # fmt: skip
        changed += _set_statuses(
            model.objects.filter(pk__in=touched).only("pk", "status"), status_of, dry_run
        )
    for kind, path, model in (
        (SubjectKind.NOTARY_OFFICE, "complaint__notary_office_id", NotaryOffice),
        (SubjectKind.FORENSIC_INSTITUTION, "complaint__institution_id", ForensicInstitution),
    ):
        mine, in_force_now = rows.filter(subject_kind=kind), now.filter(subject_kind=kind)
        touched = ids(mine.filter(Q(closure_months__gt=0) | Q(revocation=True)), path)
        status_of = _institution_status(ids(in_force_now.filter(revocation=True), path),
                                        ids(in_force_now.filter(closure_months__gt=0), path))  # fmt: skip
        changed += _set_statuses(
            model.objects.filter(pk__in=touched).only("pk", "status"), status_of, dry_run
        )
    return changed


def _daily(today: datetime.date, dry_run: bool) -> int:
    return sync(today, dry_run=dry_run)


def sync_today() -> int:
    return sync(timezone.localdate())


daily.register("practice penalties", _daily)
