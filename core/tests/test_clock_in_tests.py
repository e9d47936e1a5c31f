"""Tests run on a moved clock (conftest.py; docs/development.md, "Time in tests")."""

import datetime
import time
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from conftest import moved_now

NEW_YEAR = datetime.datetime(2027, 1, 1, 9, tzinfo=ZoneInfo("Asia/Shanghai"))


def test_every_test_starts_at_ten_on_the_test_day_and_the_clock_runs():
    start = moved_now()
    assert timezone.localdate() == datetime.date.today() == start.date()
    assert abs(timezone.now() - start) < datetime.timedelta(minutes=1)
    before = time.time()
    time.sleep(0.01)
    assert time.time() > before


def test_a_test_moves_the_clock_on_top_and_comes_back():
    with time_machine.travel(NEW_YEAR, tick=False):
        assert timezone.localdate() == datetime.date(2027, 1, 1)
        assert timezone.now() == NEW_YEAR
    assert timezone.localdate() == moved_now().date()


@pytest.mark.time_machine(NEW_YEAR)
def test_the_marker_sets_the_day_of_a_whole_test():
    assert timezone.localdate() == datetime.date(2027, 1, 1)
