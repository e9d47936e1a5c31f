"""The reminder to evaluate a document before it expires (后评估, statutes-lines §B.8: about 6
months before expiry ◑ S13; FAZHI_NORMATIVE_EVALUATE_MONTHS): on the home page of the issuing
body's handlers and the registering bureau's section staff (a panel counting
selectors.evaluations_due), and as a notification sent once per document and person by
the daily `fazhi remind` (registered with cases.daily)."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _

from cases import daily
from cases.clocks import local_today
from cases.models import Notification
from cases.notifications import notify_many
from core.models import Membership
from core.navigation import HomePanel, register_home_panel
from core.roles import Role
from normative.models import NormativeDocument
from normative.validity import in_force_q

KIND = "normative_evaluation"


def due_documents(today: datetime.date):
    return (
        NormativeDocument.objects.filter(
            in_force_q(today), evaluate_by__lte=today, evaluations__isnull=True
        )
        .select_related("issuing_body", "organization")
        .order_by("valid_until", "id")
    )


def recipients(document: NormativeDocument):
    """The issuing body's handlers and the registering bureau's section staff."""
    memberships = Membership.objects.filter(
        organization_id__in=(document.issuing_body_id, document.organization_id),
        role__in=(Role.AGENCY_HANDLER, Role.SECTION_STAFF),
        is_active=True,
        user__is_active=True,
    ).select_related("user")
    return list({m.user_id: m.user for m in memberships}.values())


def send_evaluation_reminders(today: datetime.date | None = None) -> int:
    """Notify each recipient once per document whose evaluation is due; the count sent."""
    today = today or local_today()
    messages = []
    for document in due_documents(today):
        url = document.get_absolute_url()
        already = set(
            Notification.objects.filter(kind=KIND, url=url).values_list("recipient_id", flat=True)
        )
        for user in recipients(document):
            if user.pk in already:
                continue
            messages.append((user, {
                "title": _("Evaluate before expiry: %(title)s") % {"title": document.title},
                "body": _("%(number)s is valid until %(until)s; its evaluation was due by "
                          "%(due)s.") % {"number": document.unified_number,
                                         "until": document.valid_until.isoformat(),
                                         "due": document.evaluate_by.isoformat()},
                "url": url,
            }))  # fmt: skip
    return len(notify_many(messages, kind=KIND)) if messages else 0


def _panel(request) -> dict | None:
    from normative.selectors import evaluations_due

    user = request.user
    if not user.has_role(Role.SECTION_STAFF, Role.AGENCY_HANDLER, Role.LEADER):
        return None
    rows = list(evaluations_due(user, local_today())[:10])
    if not rows:
        return None
    return {"documents": rows}


register_home_panel(
    HomePanel(
        key="normative_evaluations",
        order=30,
        template="normative/_home_evaluations.html",
        context=_panel,
    )
)


def _daily(today: datetime.date, dry_run: bool) -> int:
    return 0 if dry_run else send_evaluation_reminders(today)


daily.register("normative evaluation reminders", _daily)
