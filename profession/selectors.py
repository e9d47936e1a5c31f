"""Reads of the legal-services sector: the public record of penalties (decided penalties only,
no complainant), and what the staff forms offer within the user's jurisdiction."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import OuterRef, QuerySet, Subquery

from cases.models import Clock
from core.models import Lawyer
from core.querysets import within_reach
from core.regions import within
from profession.models import Appraiser, ForensicInstitution, LawFirm, Notary, NotaryOffice, Penalty
from profession.process import C

#: The only fields of a penalty the portal reads (nothing of its complaint).
PUBLIC_FIELDS = ("pk", "subject_kind", "subject_name", "firm_name", "article", "warning",
                 "fine", "confiscated", "suspension_months", "closure_months", "revocation",
                 "decision_number", "decided_on", "summary", "region_code")  # fmt: skip


def public_penalties(prefix: str | None = None) -> QuerySet:
    """The penalties decided (their complaint in the state 处罚决定), newest first; within the
    region `prefix` if given."""
    rows = Penalty.objects.filter(complaint__state=C.PENALISED)
    if prefix:
        rows = rows.filter(within("region_code", prefix))
    return rows.only(*[f for f in PUBLIC_FIELDS if f != "pk"]).order_by("-decided_on", "-id")


def with_handling_due(complaints: QuerySet) -> QuerySet:
    """Complaints with `handling_due`: the due date of their "handling" clock (the decision
    period, profession.process), read from the engine's clock in the same query, as legal
    aid's list reads its review clock — the clock is the one deadline (a year's holidays
    entered later move it), so no copy is kept on the complaint."""
    clocks = Clock.objects.filter(
        case_type=ContentType.objects.get_for_model(complaints.model), case_id=OuterRef("pk"),
        key="handling",
    ).order_by()  # fmt: skip
    return complaints.annotate(handling_due=Subquery(clocks.values("due_date")[:1]))


def lawyers_for(user, perm: str) -> QuerySet:
    """Lawyers of the user's jurisdiction (core.Lawyer, the one register), whatever their
    status: a suspended lawyer, or one whose certificate was revoked, may still be complained
    about for what they did before."""
    return within_reach(Lawyer.objects.all(), user, perm).select_related(
        "organization").order_by("organization__name", "name")  # fmt: skip


def firms_for(user, perm: str) -> QuerySet:
    return within_reach(LawFirm.objects.all(), user, perm).select_related("organization").order_by(
        "organization__name")  # fmt: skip


def notaries_for(user, perm: str) -> QuerySet:
    """Notaries of the user's jurisdiction, whatever their status (as lawyers_for)."""
    return within_reach(Notary.objects.all(), user, perm).select_related(
        "office__organization").order_by("office__organization__name", "name")  # fmt: skip


def notary_offices_for(user, perm: str) -> QuerySet:
    return within_reach(NotaryOffice.objects.all(), user, perm).select_related(
        "organization").order_by("organization__name")  # fmt: skip


def appraisers_for(user, perm: str) -> QuerySet:
    """Forensic appraisers of the user's jurisdiction, whatever their status (as lawyers_for)."""
    return within_reach(Appraiser.objects.all(), user, perm).select_related(
        "institution__organization").order_by("institution__organization__name", "name")  # fmt: skip


def institutions_for(user, perm: str) -> QuerySet:
    return within_reach(ForensicInstitution.objects.all(), user, perm).select_related(
        "organization").order_by("organization__name")  # fmt: skip


#: The complaint's subject fields and the selector offering their rows (forms and API).
SUBJECT_CHOICES = {
    "lawyer": lawyers_for,
    "firm": firms_for,
    "notary": notaries_for,
    "notary_office": notary_offices_for,
    "appraiser": appraisers_for,
    "institution": institutions_for,
}
