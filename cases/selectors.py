"""Reads over cases of every business line: lookup by label, worklists, timelines, clocks."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.utils.translation import gettext as _

from cases.clocks import local_today
from cases.models import Attachment, CaseEvent, Clock, ClockState, GeneratedDocument
from cases.process import registry
from core.errors import NotFound


def case_model(label: str):
    """The case model for "app_label.modelname", if a process is registered for it."""
    try:
        model = apps.get_model(label)
        registry.for_model(model)
    except (LookupError, ValueError):
        raise NotFound(_("Unknown kind of case.")) from None
    return model


def case_for(label: str, pk: int, user, action: str = "view"):
    """The case `label`/`pk` if `user` may `action` it; NotFound otherwise (also when it is
    outside the user's jurisdiction, so that its existence is not revealed)."""
    model = case_model(label)
    case = model.objects.restrict(user, action).filter(pk=pk).first()
    if case is None:
        raise NotFound(_("The case does not exist or is outside your jurisdiction."))
    return case


def case_label(case) -> str:
    return case._meta.label_lower


def timeline(case):
    return CaseEvent.for_case(case).select_related("actor")


def clocks(case):
    return Clock.for_case(case).prefetch_related("pauses")


def attachments(case):
    return Attachment.for_case(case).select_related("uploaded_by")


def documents(case) -> list[GeneratedDocument]:
    """The case's current documents: one per kind, the one generated last. Generating a kind
    again supersedes its current document without deleting it: each current document carries
    the versions it superseded, newest first, in `earlier` (still downloadable, each with its
    own audit trail)."""
    current: dict[str, GeneratedDocument] = {}
    earlier: dict[str, list[GeneratedDocument]] = {}
    rows = GeneratedDocument.for_case(case).select_related("generated_by").order_by("pk")
    for row in rows:
        if row.kind in current:
            earlier.setdefault(row.kind, []).insert(0, current[row.kind])
        current[row.kind] = row
    for kind, document in current.items():
        document.earlier = earlier.get(kind, [])
    return sorted(current.values(), key=lambda d: (d.generated_at, d.pk))


def current_document(case, kind: str) -> GeneratedDocument | None:
    """The document of `kind` the case shows now (the one generated last), if any."""
    return GeneratedDocument.for_case(case).filter(kind=kind).order_by("-pk").first()


def window_keys() -> set[str]:
    """Clocks that are windows for the parties (e.g. the 30 days to apply for judicial
    confirmation), not deadlines for staff: kept out of worklists and reminders."""
    return {c.key for p in registry.processes() for c in p.clocks if not c.sets_case_due}


def staff_clocks(user, action: str = "view"):
    return (
        Clock.objects.restrict(user, action)
        .exclude(state=ClockState.STOPPED)
        .exclude(key__in=window_keys())
    )


@dataclass
class Worklist:
    mine: list = field(default_factory=list)
    unclaimed: list = field(default_factory=list)
    due_soon: list = field(default_factory=list)
    overdue: list = field(default_factory=list)
    by_organization: list = field(default_factory=list)  # leaders: open/due soon/overdue per org


def worklist(user, today: datetime.date | None = None, limit: int = 50) -> Worklist:
    today = today or local_today()
    soon = today + datetime.timedelta(days=settings.FAZHI_DUE_SOON_DAYS)
    result = Worklist()
    org_ids = [m.organization_id for m in user.active_memberships()]
    for model in registry.models():
        visible = model.objects.restrict(user, "view").filter(closed_at__isnull=True)
        result.mine += list(visible.filter(assignee=user).select_related("organization")[:limit])
        result.unclaimed += list(
            visible.filter(assignee__isnull=True, team_id__in=org_ids).select_related(
                "organization"
            )[:limit]
        )
    clocks_qs = staff_clocks(user).filter(assignee=user).select_related("case_type")
    result.due_soon = _with_cases(
        clocks_qs.filter(state=ClockState.RUNNING, due_date__gte=today, due_date__lte=soon)
    )
    result.overdue = _with_cases(clocks_qs.filter(state=ClockState.RUNNING, due_date__lt=today))
    if user.has_role("leader", "section_staff", "system_admin", "office_staff"):
        result.by_organization = deadline_health(user, today)
    return result


def _with_cases(clocks_qs, limit: int = 100) -> list[Clock]:
    return attach_cases(list(clocks_qs.order_by("due_date")[:limit]))


def attach_cases(clocks_list: list[Clock]) -> list[Clock]:
    """Give each clock its case (`case_obj`) and its declared name (`label`), with one query
    per case model whatever the number of clocks."""
    by_type: dict = {}
    for c in clocks_list:
        by_type.setdefault(c.case_type_id, []).append(c)
    for items in by_type.values():
        model = items[0].case_type.model_class()
        process = registry.for_model(model)
        cases = model.objects.in_bulk([c.case_id for c in items])
        for c in items:
            c.case_obj = cases.get(c.case_id)
            spec = process.clock(c.key)
            c.label = spec.label if spec else c.key
    return clocks_list


def deadline_health(user, today: datetime.date | None = None) -> list[dict]:
    """Per handling organisation in the user's jurisdiction: running clocks, due soon, overdue."""
    from django.db.models import Count, Q

    today = today or local_today()
    soon = today + datetime.timedelta(days=settings.FAZHI_DUE_SOON_DAYS)
    rows = (
        staff_clocks(user)
        .filter(state=ClockState.RUNNING)
        .values("organization_id", "organization__name")
        .annotate(
            running=Count("id"),
            due_soon=Count("id", filter=Q(due_date__gte=today, due_date__lte=soon)),
            overdue=Count("id", filter=Q(due_date__lt=today)),
        )
        .order_by("-overdue", "-due_soon", "organization__name")
    )
    return list(rows)


@dataclass(frozen=True)
class DueClock:
    """A deadline as the daily reminder lists it."""

    pk: int
    case: str  # the case as it names itself (str(case)), e.g. its number
    label: object  # the clock's declared name (lazily translated)
    due_date: datetime.date
    provisional: bool


@dataclass
class Digest:
    """One assignee's deadlines for the daily reminder, earliest first."""

    user: object
    clocks: list[DueClock] = field(default_factory=list)
    sent_today: bool = False  # a digest already reached them since the start of the day


def reminder_digests(today: datetime.date, *, sent_since: datetime.datetime) -> list[Digest]:
    """Every assignee's running staff clocks that are overdue or due within
    FAZHI_DUE_SOON_DAYS of `today`, one Digest per assignee (in assignee order), each clock
    with its case's name and its declared name. What `fazhi remind` sends.

    Set-based, so the same few queries for ten people or ten thousand: one for the clocks
    (with whether a digest has gone to their assignee since `sent_since`), one for the
    assignees, one per case model for the case names. Rows are read as values, not models:
    building a model instance per clock and per case was most of the sweep's time."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Exists, OuterRef

    from cases.models import Notification
    from core.models import User

    soon = today + datetime.timedelta(days=settings.FAZHI_DUE_SOON_DAYS)
    due = Clock.objects.filter(
        state=ClockState.RUNNING, assignee__isnull=False, due_date__lte=soon
    ).exclude(key__in=window_keys())
    digested = Notification.objects.filter(
        recipient=OuterRef("assignee_id"), kind="digest", created_at__gte=sent_since
    )
    rows = list(
        due.annotate(sent_today=Exists(digested))
        .order_by("assignee_id", "due_date", "id")
        .values_list(
            "id",
            "assignee_id",
            "case_type_id",
            "case_id",
            "key",
            "due_date",
            "provisional",
            "sent_today",
        )
    )
    if not rows:
        return []
    users = {u.pk: u for u in User.objects.filter(pk__in=due.values("assignee_id"))}
    names: dict[int, dict] = {}
    labels: dict[tuple[int, str], object] = {}
    for type_id in {row[2] for row in rows}:
        model = ContentType.objects.get_for_id(type_id).model_class()
        names[type_id] = case_names(model, due.filter(case_type_id=type_id).values("case_id"))
        process = registry.for_model(model)
        for spec in process.clocks:
            labels[type_id, spec.key] = spec.label  # lazy: translated when the digest is written
    digests: list[Digest] = []
    for pk, user_id, type_id, case_id, key, due_date, provisional, sent_today in rows:
        if not digests or digests[-1].user.pk != user_id:
            digests.append(Digest(user=users[user_id], sent_today=sent_today))
        digests[-1].clocks.append(
            DueClock(
                pk=pk,
                case=str(names[type_id].get(case_id)),
                label=labels.get((type_id, key), key),
                due_date=due_date,
                provisional=provisional,
            )
        )
    return digests


def case_names(model, pks) -> dict[int, str]:
    """{pk: str(case)} for the cases of `model` among `pks` (ids or a subquery), in one query.
    Cases that name themselves the default way (number, or #pk) are read as two columns;
    a model with its own __str__ is read whole."""
    from cases.models import Case

    if model.__str__ is Case.__str__:
        rows = model.objects.filter(pk__in=pks).values_list("pk", "number")
        return {pk: number or f"#{pk}" for pk, number in rows}
    return {case.pk: str(case) for case in model.objects.filter(pk__in=pks)}
