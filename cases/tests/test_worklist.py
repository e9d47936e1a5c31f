"""Worklists, assignment, claiming and `fazhi remind`."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from cases import engine, selectors
from cases.models import Clock, Notification
from core.errors import Conflict, PermissionDenied
from mediation.tests.factories import make_dispute

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def accepted(world):
    dispute = make_dispute(organization=world.haizhu_committee, actor=world.mediator_haizhu,
                           received_on="2026-01-05")  # fmt: skip
    return engine.fire(dispute, "accept", actor=world.mediator_haizhu, version=1,
                       data={"consent": True, "accepted_on": "2026-01-05"})  # fmt: skip


def test_unclaimed_cases_wait_in_the_team_queue_until_claimed(world, accepted):
    work = selectors.worklist(world.mediator_haizhu)
    assert accepted in work.unclaimed and accepted not in work.mine
    case = engine.claim(accepted, actor=world.mediator_haizhu, version=accepted.version)
    work = selectors.worklist(world.mediator_haizhu)
    assert case in work.mine and case not in work.unclaimed
    assert Clock.for_case(case).get().assignee == world.mediator_haizhu
    with pytest.raises(Conflict):
        engine.claim(case, actor=world.mediator_haizhu, version=case.version)


def test_only_members_claim_and_only_staff_assign(
    world, accepted, django_capture_on_commit_callbacks
):
    with pytest.raises(PermissionDenied):
        engine.claim(accepted, actor=world.clerk_haizhu, version=accepted.version)
    with django_capture_on_commit_callbacks(execute=True):
        case = engine.assign(accepted, actor=world.office_haizhu,
                             assignee=world.mediator_haizhu, version=accepted.version)  # fmt: skip
    assert case.assignee == world.mediator_haizhu
    assert Notification.objects.filter(recipient=world.mediator_haizhu,
                                       kind="assignment").exists()  # fmt: skip


def test_remind_sends_one_digest_per_day_with_email(world, accepted, settings):
    settings.FAZHI_NOTIFY_EMAIL = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    world.mediator_haizhu.email = "m@example.org"
    world.mediator_haizhu.save()
    engine.claim(accepted, actor=world.mediator_haizhu, version=accepted.version)
    # Accepted 2026-01-05 → one month → 2026-02-05 (Thursday).
    assert Clock.for_case(accepted).get().due_date == D(2026, 2, 5)
    out = StringIO()
    call_command("remind", "--date", "2026-01-20", stdout=out)  # nothing due yet
    assert not Notification.objects.filter(kind="digest").exists()
    call_command("remind", "--date", "2026-02-06", stdout=out)  # overdue
    call_command("remind", "--date", "2026-02-06", stdout=out)  # same day: no second digest
    digests = Notification.objects.filter(kind="digest", recipient=world.mediator_haizhu)
    assert digests.count() == 1
    assert accepted.number in digests.get().body
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["m@example.org"]


def test_worklist_page_and_deadline_health(client, world, accepted):
    engine.claim(accepted, actor=world.mediator_haizhu, version=accepted.version)
    client.force_login(world.mediator_haizhu)
    body = client.get("/worklist/").content.decode()
    assert accepted.number in body
    health = selectors.deadline_health(world.clerk_haizhu, today=D(2026, 2, 6))
    assert health == [{"organization_id": world.haizhu_committee.pk,
                       "organization__name": "赤岗街道人民调解委员会", "running": 1,
                       "due_soon": 0, "overdue": 1}]  # fmt: skip
    assert selectors.deadline_health(world.clerk_baiyun, today=D(2026, 2, 6)) == []
