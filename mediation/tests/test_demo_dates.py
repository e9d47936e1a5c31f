"""The demo builds on any day: the last day of a year, the first day of the next, and a day
when next year's holiday schedule is not known yet (issue 9: it used to stop with
UnknownYear). Periods that reach a year with no schedule are counted provisionally."""

import datetime
from zoneinfo import ZoneInfo

import chinese_calendar
import pytest
import time_machine

from cases.models import CalendarYear, Clock
from core import demo
from core.models import User
from mediation.models import Dispute

pytestmark = pytest.mark.django_db

# The package's last year: its 10 December is a day on which next year is unknown, whatever
# the installed version of chinesecalendar.
LAST_KNOWN = max(d.year for d in chinese_calendar.holidays)


@pytest.mark.parametrize(
    "today",
    [datetime.date(2026, 12, 31), datetime.date(2027, 1, 1), datetime.date(LAST_KNOWN, 12, 10)],
    ids=str,
)
def test_the_small_demo_builds_on(regions, today):
    from cases import selectors

    # The services check dates against the clock, so the clock moves with `today`.
    noon = datetime.datetime.combine(today, datetime.time(12), ZoneInfo("Asia/Shanghai"))
    with time_machine.travel(noon, tick=True):
        demo.build(seed=5, today=today)
        known = set(CalendarYear.objects.values_list("year", flat=True))
        if today.year == LAST_KNOWN:
            assert today.year + 1 not in known

        assert Dispute.objects.filter(received_at__year=today.year - 1).count() > 800
        assert not Dispute.objects.filter(received_at__date__gt=today).exists()
        running = Clock.objects.filter(state="running")
        assert running.exists()
        assert not running.filter(due_date__isnull=True).exists()
        # A due date in a year with no schedule is flagged 暂定.
        unknown = [c for c in running if c.due_date.year not in known]
        assert all(c.provisional for c in unknown)
        if today.year not in known or (today.month == 12 and today.year + 1 not in known):
            assert unknown
        work = selectors.worklist(User.objects.get(username="haizhu_mediator"), today=today)
        assert work.mine and (work.due_soon or work.overdue)
