"""Tests run on a moved clock (conftest.py; docs/development.md, "Time in tests")."""

import datetime
import time
from zoneinfo import ZoneInfo

import pytest
import time_machine

from conftest import moved_now

SHANGHAI = ZoneInfo("Asia/Shanghai")
NEW_YEAR = datetime.datetime(2027, 1, 1, 9, tzinfo=SHANGHAI)


def clock() -> datetime.datetime:
    """What the process's clock says now (the mechanism under test here is the clock itself)."""
    return datetime.datetime.fromtimestamp(time.time(), SHANGHAI)


def test_every_test_starts_at_ten_on_the_test_day_and_the_clock_runs():
    start = moved_now()
    assert clock().date() == start.date()
    assert abs(clock() - start) < datetime.timedelta(minutes=1)
    before = time.time()
    time.sleep(0.01)
    assert time.time() > before


def test_a_test_moves_the_clock_on_top_and_comes_back():
    with time_machine.travel(NEW_YEAR, tick=False):
        assert clock() == NEW_YEAR
    assert clock().date() == moved_now().date()


@pytest.mark.time_machine(NEW_YEAR)
def test_the_marker_sets_the_day_of_a_whole_test():
    assert clock().date() == datetime.date(2027, 1, 1)
