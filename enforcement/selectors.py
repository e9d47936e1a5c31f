"""Reads of the enforcement registers, within what the user may see, and the questions other
parts of the line ask of them: which powers a body held on a day, who held a power on a day,
how many training hours an officer has, whether an officer may handle a case on a day."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import NamedTuple

from django.db.models import QuerySet, Sum
from django.utils.translation import gettext as _

from core.regions import within
from enforcement.choices import CertificateStatus
from enforcement.models import (
    Certificate,
    EnforcementBody,
    ExamCandidate,
    ExamSitting,
    Officer,
    Power,
    PowerTransfer,
    Training,
)
from enforcement.validity import (
    certificate_status_on,
    certificate_valid_q,
    power_valid_q,
    year_before,
)

# -- scoped lists -----------------------------------------------------------------------------


def bodies(user, action: str = "view") -> QuerySet[EnforcementBody]:
    return EnforcementBody.objects.restrict(user, action).select_related("agency")


def officers(user, action: str = "view") -> QuerySet[Officer]:
    return Officer.objects.restrict(user, action).select_related("body")


def sittings(user, action: str = "view") -> QuerySet[ExamSitting]:
    return ExamSitting.objects.restrict(user, action).select_related("organization")


def certificates(user, action: str = "view") -> QuerySet[Certificate]:
    return Certificate.objects.restrict(user, action).select_related("officer", "body")


def transfers(user) -> QuerySet[PowerTransfer]:
    return PowerTransfer.objects.restrict(user).select_related("from_body", "to_body")


def candidates(user, sitting: ExamSitting) -> QuerySet[ExamCandidate]:
    """The candidates of a sitting the user may see (an agency handler: their own officers)."""
    return (
        ExamCandidate.objects.restrict(user)
        .filter(sitting=sitting)
        .select_related("officer", "body")
        .order_by("body__name", "officer__name", "id")
    )


# -- the power list over time ------------------------------------------------------------------


def powers_on(body: EnforcementBody, day: datetime.date) -> QuerySet[Power]:
    """The powers `body` held on `day` (its power list as it stood that day)."""
    return Power.objects.filter(power_valid_q(day), body=body).order_by("code", "id")


def holder_of(power_code: str, day: datetime.date, *, region: str = "") -> QuerySet:
    """The bodies that held the power `power_code` on `day`, within the jurisdiction `region`
    (a region-code prefix; empty: everywhere). A catalogue code is shared by the same power of
    every district, so a jurisdiction of one district usually answers with one body."""
    rows = Power.objects.filter(power_valid_q(day), code=power_code)
    if region:
        rows = rows.filter(within("region_code", region))
    return EnforcementBody.objects.filter(pk__in=rows.values("body_id")).order_by("name")


def power_history(power: Power) -> list[Power]:
    """The power's rows from the first holder to the last: its predecessors, itself and its
    successors (each transfer ends one row and starts the next)."""
    chain = [power]
    row = power
    while row.predecessor_id:
        row = Power.objects.select_related("body").get(pk=row.predecessor_id)
        chain.insert(0, row)
    row = power
    while True:
        nxt = Power.objects.select_related("body").filter(predecessor=row).first()
        if nxt is None:
            break
        chain.append(nxt)
        row = nxt
    return chain


# -- officers ----------------------------------------------------------------------------------


def training_hours(officer: Officer, day: datetime.date) -> Decimal:
    """Hours of training in the 12 months up to `day`: from the day after the same day a year
    earlier to `day`, both included (sign-up on 2026-06-10 counts 2025-06-11 … 2026-06-10)."""
    total = Training.objects.filter(
        officer=officer, held_on__gt=year_before(day), held_on__lte=day
    ).aggregate(hours=Sum("hours"))["hours"]
    return _hours(total)


def _hours(value) -> Decimal:
    """Hours with one decimal, whatever the database's SUM gives (SQLite drops the scale)."""
    return Decimal(value or 0).quantize(Decimal("0.1"))


def yearly_training_hours(officer: Officer) -> list[tuple[int, Decimal]]:
    """(year, hours) for each calendar year with training, latest first."""
    from django.db.models.functions import ExtractYear

    rows = (
        Training.objects.filter(officer=officer)
        .annotate(year=ExtractYear("held_on"))
        .values("year")
        .annotate(hours=Sum("hours"))
        .order_by("-year")
    )
    return [(r["year"], _hours(r["hours"])) for r in rows]


def certificate_on(officer: Officer, day: datetime.date) -> Certificate | None:
    """The officer's certificate valid on `day`, if any."""
    return (
        Certificate.objects.filter(certificate_valid_q(day), officer=officer)
        .order_by("-issued_on", "-id")
        .first()
    )


class Qualification(NamedTuple):
    ok: bool
    reason: str


def may_handle(officer: Officer, day: datetime.date) -> Qualification:
    """Whether `officer` may handle an enforcement case on `day`: only with an enforcement
    certificate valid that day (CF Art. 42: penalties imposed by officers with enforcement
    qualification, at least two; Art. 55: the certificate shown in investigations and
    inspections; Art. 76(5): enforcing without one is a ground of liability). The reason names
    the certificate, or why none is valid."""
    valid = certificate_on(officer, day)
    if valid is not None:
        return Qualification(True, _("Certificate %(number)s is valid on %(day)s.")
                             % {"number": valid.number, "day": day.isoformat()})  # fmt: skip
    latest = (
        Certificate.objects.filter(officer=officer, issued_on__lte=day)
        .prefetch_related("suspensions")
        .order_by("-issued_on", "-id")
        .first()
    )
    if latest is None:
        return Qualification(False, _("%(name)s holds no enforcement certificate on %(day)s.")
                             % {"name": officer.name, "day": day.isoformat()})  # fmt: skip
    status = certificate_status_on(latest, day)
    return Qualification(False, _("Certificate %(number)s of %(name)s is %(status)s on %(day)s.")
                         % {"number": latest.number, "name": officer.name,
                            "status": CertificateStatus(status).label, "day": day.isoformat()})  # fmt: skip


def public_certificate(number: str) -> Certificate | None:
    """The certificate the public looks up by its number (exact, spaces ignored)."""
    number = "".join((number or "").split())
    if not number:
        return None
    return Certificate.objects.select_related("officer", "body").filter(number=number).first()
