"""`fazhi remind`: send each assignee a digest of their clocks due soon or overdue.

In-app notifications always; e-mail too when FAZHI_NOTIFY_EMAIL is on and the user has an
address. Run it daily (cron / systemd timer, see docs/operators/deploy.md); running it twice
on one day sends one digest per user.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from cases.clocks import local_today, refresh_open
from cases.models import Clock, ClockState, Notification
from cases.notifications import notify
from cases.selectors import attach_cases, window_keys


class Command(BaseCommand):
    help = "Send each assignee a digest of the deadlines due soon or overdue."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Pretend today is this date (YYYY-MM-DD).")
        parser.add_argument("--dry-run", action="store_true", help="Count, send nothing.")

    def handle(self, *args, date=None, dry_run=False, **options):
        today = datetime.date.fromisoformat(date) if date else local_today()
        refreshed = refresh_open(today)
        soon = today + datetime.timedelta(days=settings.FAZHI_DUE_SOON_DAYS)
        clocks = (
            Clock.objects.filter(state=ClockState.RUNNING, assignee__isnull=False)
            .filter(Q(due_date__lte=soon))
            .exclude(key__in=window_keys())
            .select_related("assignee", "case_type")
            .order_by("assignee_id", "due_date")
        )
        by_user: dict = {}
        for clock in attach_cases(list(clocks)):
            by_user.setdefault(clock.assignee, []).append(clock)
        sent = 0
        for user, items in by_user.items():
            start_of_day = timezone.make_aware(datetime.datetime.combine(today, datetime.time()))
            already = Notification.objects.filter(
                recipient=user, kind="digest", created_at__gte=start_of_day
            ).exists()
            if already or dry_run:
                continue
            with override(settings.LANGUAGE_CODE):
                notify(user, **_digest(items, today), kind="digest")
            sent += 1
        self._calendar_warning(today, dry_run)
        self.stdout.write(
            _("%(users)s digests sent, %(clocks)s deadlines listed, %(refreshed)s recomputed.")
            % {
                "users": sent,
                "clocks": sum(len(v) for v in by_user.values()),
                "refreshed": refreshed,
            }
        )

    def _calendar_warning(self, today, dry_run: bool) -> None:
        """From 1 October, while next year's holiday schedule is missing: say so here, and
        once a day to the system administrators and bureau leaders."""
        from cases.calendar import missing_next_year
        from core.models import User
        from core.navigation import menu_path

        year = missing_next_year(today)
        if year is None:
            return
        with override(settings.LANGUAGE_CODE):
            title = _("The holiday schedule of %(year)s has not been entered yet") % {"year": year}
            body = _(
                "Deadlines that reach %(year)s are provisional (暂定) until the schedule is "
                "entered. Paste the State Council's notice under %(where)s."
            ) % {"year": year, "where": menu_path("cases:calendar")}
        self.stderr.write(f"{title}. {body}")
        if dry_run:
            return
        start_of_day = timezone.make_aware(datetime.datetime.combine(today, datetime.time()))
        people = (
            User.objects.filter(is_active=True)
            .filter(
                Q(is_superuser=True)
                | Q(
                    memberships__is_active=True,
                    memberships__role__in=["system_admin", "leader"],
                )
            )
            .distinct()
        )
        told = set(
            Notification.objects.filter(kind="calendar", created_at__gte=start_of_day).values_list(
                "recipient_id", flat=True
            )
        )
        for user in people:
            if user.pk not in told:
                notify(user, title=title, body=body, url="/calendar/", kind="calendar")


def _digest(clocks, today) -> dict:
    overdue = [c for c in clocks if c.due_date < today]
    due_soon = [c for c in clocks if c.due_date >= today]
    lines = []
    for title, group in ((_("Overdue"), overdue), (_("Due soon"), due_soon)):
        if not group:
            continue
        lines.append(f"{title}：")
        for clock in group:
            lines.append(
                f"  {clock.case_obj} · {clock.label} · "
                + _("due %(date)s") % {"date": clock.due_date.isoformat()}
                + (f" ({_('provisional')})" if clock.provisional else "")
            )
    return {
        "title": _("Deadlines: %(overdue)s overdue, %(soon)s due soon")
        % {"overdue": len(overdue), "soon": len(due_soon)},
        "body": "\n".join(lines),
        "url": "/worklist/",
    }
