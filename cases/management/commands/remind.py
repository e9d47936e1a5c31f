"""`fazhi remind`: send each assignee a digest of their clocks due soon or overdue.

First it acts on the periods whose lapse the law gives an effect (cases.clocks.fire_lapsed:
e.g. a reconsideration application deemed accepted when its review period ended, Art. 30 ¶3).

Then the daily jobs the lines register (cases.daily), e.g. normative documents' evaluation
reminders. In-app notifications always; e-mail too when FAZHI_NOTIFY_EMAIL is on and the user has an
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

from cases import daily
from cases.clocks import fire_lapsed, local_today, refresh_open
from cases.models import Notification
from cases.notifications import notify_many
from cases.selectors import reminder_digests


class Command(BaseCommand):
    help = "Send each assignee a digest of the deadlines due soon or overdue."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Pretend today is this date (YYYY-MM-DD).")
        parser.add_argument("--dry-run", action="store_true", help="Count, send nothing.")

    def handle(self, *args, date=None, dry_run=False, **options):
        today = datetime.date.fromisoformat(date) if date else local_today()
        lapsed = 0 if dry_run else fire_lapsed(today)
        refreshed = refresh_open(today)
        start_of_day = timezone.make_aware(datetime.datetime.combine(today, datetime.time()))
        digests = reminder_digests(today, sent_since=start_of_day)
        pending = [d for d in digests if not d.sent_today]
        sent = 0
        if pending and not dry_run:
            with override(settings.LANGUAGE_CODE):
                messages = [(d.user, _digest(d.clocks, today)) for d in pending]
            sent = len(notify_many(messages, kind="digest"))
        self._calendar_warning(today, dry_run)
        with override(settings.LANGUAGE_CODE):
            for name, count in daily.run(today, dry_run):
                self.stdout.write(f"{name}: {count}")
        self.stdout.write(
            _(
                "%(users)s digests sent, %(clocks)s deadlines listed, %(refreshed)s recomputed, "
                "%(lapsed)s lapsed periods acted on."
            )
            % {
                "users": sent,
                "clocks": sum(len(d.clocks) for d in digests),
                "refreshed": refreshed,
                "lapsed": lapsed,
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
        notify_many(
            [
                (user, {"title": title, "body": body, "url": "/calendar/"})
                for user in people
                if user.pk not in told
            ],
            kind="calendar",
        )


def _digest(clocks, today) -> dict:
    overdue = [c for c in clocks if c.due_date < today]
    due_soon = [c for c in clocks if c.due_date >= today]
    words = _words()
    lines = []
    for title, group in ((words["overdue"], overdue), (words["due_soon"], due_soon)):
        if not group:
            continue
        lines.append(f"{title}：")
        for clock in group:
            lines.append(
                f"  {clock.case} · {clock.label} · "
                + words["due"] % {"date": clock.due_date.isoformat()}
                + (f" ({words['provisional']})" if clock.provisional else "")
            )
    return {
        "title": _("Deadlines: %(overdue)s overdue, %(soon)s due soon")
        % {"overdue": len(overdue), "soon": len(due_soon)},
        "body": "\n".join(lines),
        "url": "/worklist/",
    }


def _words() -> dict[str, str]:
    """The digest's fixed words in the active language, looked up once per language rather
    than once per line (a thousand digests made that a fifth of the sweep)."""
    from django.utils.translation import get_language

    language = get_language()
    if language not in _WORDS:
        _WORDS[language] = {
            "overdue": _("Overdue"),
            "due_soon": _("Due soon"),
            "due": _("due %(date)s"),
            "provisional": _("provisional"),
        }
    return _WORDS[language]


_WORDS: dict[str, dict[str, str]] = {}
