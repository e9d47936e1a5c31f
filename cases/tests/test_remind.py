"""`fazhi remind` at any size: a constant number of queries, one digest per person listing
exactly that person's deadlines, e-mail as before (issue 11, set-based reminders)."""

import datetime
from io import StringIO

import pytest
import time_machine
from django.apps import apps as django_apps
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases import engine, selectors
from cases.models import Clock, ClockPause, ClockState, Notification
from conftest import PASSWORD
from core.models import Membership, User
from core.roles import Role
from mediation.tests.factories import make_dispute

pytestmark = pytest.mark.django_db
D = datetime.date


def handler_with_case(organization, username: str, accepted_on: str = "2026-01-05"):
    """A new mediator of `organization` who has accepted and claimed one dispute."""
    user = User.objects.create_user(username=username, password=PASSWORD, full_name=username,
                                    email=f"{username}@example.org")  # fmt: skip
    Membership.objects.create(user=user, organization=organization, role=Role.MEDIATOR)
    return user, accept_and_claim(organization, user, accepted_on)


def accept_and_claim(organization, user, accepted_on: str):
    dispute = make_dispute(organization=organization, actor=user, received_on=accepted_on)
    dispute = engine.fire(dispute, "accept", actor=user, version=dispute.version,
                          data={"consent": True, "accepted_on": accepted_on})  # fmt: skip
    return engine.claim(dispute, actor=user, version=dispute.version)


def sweep(date: str) -> int:
    """Run the reminder on the morning of `date`; the number of SQL queries it issued."""
    morning = datetime.datetime.fromisoformat(f"{date}T07:30:00+08:00")
    with time_machine.travel(morning, tick=False), CaptureQueriesContext(connection) as queries:
        call_command("remind", stdout=StringIO(), stderr=StringIO())
    return len(queries)


def listed_numbers(body: str) -> list[str]:
    return [line.strip().split(" · ")[0] for line in body.splitlines() if line.startswith("  ")]


def test_the_sweep_takes_as_many_queries_for_30_people_as_for_3(world, settings):
    settings.FAZHI_NOTIFY_EMAIL = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    people = [handler_with_case(world.haizhu_committee, f"m{n}") for n in range(3)]
    # Give the sweep everything it recomputes: provisional due dates and a paused clock.
    Clock.objects.update(provisional=True)
    paused = Clock.objects.filter(assignee=people[0][0]).get()
    ClockPause.objects.create(clock=paused, start=D(2026, 1, 10), end=D(2026, 1, 12))
    # The content types are cached per process once read; read them all first so that both
    # sweeps start alike (the count compared is per person, not the cache's first fill).
    ContentType.objects.get_for_models(*django_apps.get_models())
    few = sweep("2026-02-06")
    assert Notification.objects.filter(kind="digest").count() == 3 and len(mail.outbox) == 3

    people += [handler_with_case(world.haizhu_committee, f"m{n}") for n in range(3, 30)]
    Clock.objects.update(provisional=True)
    # One of the newcomers' clocks is paused for good: left out of the digests.
    more = Clock.objects.get(assignee=people[3][0])
    Clock.objects.filter(pk=more.pk).update(state=ClockState.PAUSED)
    ClockPause.objects.create(clock=more, start=D(2026, 1, 20))
    many = sweep("2026-02-07")
    assert Notification.objects.filter(kind="digest").count() == 3 + 29
    assert len(mail.outbox) == 3 + 29
    assert many == few, f"{few} queries for 3 people, {many} for 30"
    assert not Clock.objects.filter(provisional=True).exists()  # all recomputed, in bulk
    # The pause moved the first handler's due date by the two days it lasted.
    assert Clock.objects.get(pk=paused.pk).due_date == D(2026, 2, 9)


def test_each_digest_lists_exactly_that_persons_due_and_overdue_deadlines(world):
    today = D(2026, 2, 6)
    overdue = accept_and_claim(world.haizhu_committee, world.mediator_haizhu, "2026-01-05")
    later = accept_and_claim(world.haizhu_committee, world.mediator_haizhu, "2026-01-26")
    soon = accept_and_claim(world.baiyun_committee, world.mediator_baiyun, "2026-01-07")
    unclaimed = make_dispute(organization=world.haizhu_committee, actor=world.mediator_haizhu,
                             received_on="2026-01-05")  # fmt: skip
    engine.fire(unclaimed, "accept", actor=world.mediator_haizhu, version=unclaimed.version,
                data={"consent": True, "accepted_on": "2026-01-05"})  # fmt: skip
    colleague, theirs = handler_with_case(world.haizhu_committee, "colleague", "2026-01-06")
    call_command("remind", "--date", today.isoformat(), stdout=StringIO())

    digests = {n.recipient: n for n in Notification.objects.filter(kind="digest")}
    assert set(digests) == {world.mediator_haizhu, world.mediator_baiyun, colleague}
    expected = {world.mediator_haizhu: [overdue.number], world.mediator_baiyun: [soon.number],
                colleague: [theirs.number]}  # fmt: skip
    for user, note in digests.items():
        assert listed_numbers(note.body) == expected[user], user
        # The worklist (the user's jurisdiction, their own assignment) shows the same deadlines.
        work = selectors.worklist(user, today=today)
        assert sorted(c.case_obj.number for c in work.overdue + work.due_soon) == expected[user]
    assert later.number not in digests[world.mediator_haizhu].body
    assert unclaimed.number not in "".join(n.body for n in digests.values())
    assert digests[world.mediator_baiyun].title == "期限提醒：0 件已超期，1 件即将到期"


class FlakyBackend(EmailBackend):
    """Refuses mail to any address starting with "bad", like a mail server would."""

    def send_messages(self, messages):
        if any(to.startswith("bad") for m in messages for to in m.to):
            raise ConnectionRefusedError("refused")
        return super().send_messages(messages)


def test_a_refused_mail_leaves_the_notification_and_the_other_mails_go(world, settings):
    settings.FAZHI_NOTIFY_EMAIL = True
    settings.EMAIL_BACKEND = f"{__name__}.FlakyBackend"
    handler_with_case(world.haizhu_committee, "bad")
    _good, good_case = handler_with_case(world.haizhu_committee, "good")
    nobody, _case = handler_with_case(world.haizhu_committee, "nobody")
    User.objects.filter(pk=nobody.pk).update(email="")
    call_command("remind", "--date", "2026-02-06", stdout=StringIO())
    notes = {n.recipient.username: n for n in Notification.objects.filter(kind="digest")}
    assert set(notes) == {"bad", "good", "nobody"}
    assert notes["good"].emailed_at is not None
    assert notes["bad"].emailed_at is None and notes["nobody"].emailed_at is None
    assert [m.to for m in mail.outbox] == [["good@example.org"]]
    assert good_case.number in mail.outbox[0].body
    assert mail.outbox[0].body.endswith("/worklist/")
