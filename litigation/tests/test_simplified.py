"""The simplified procedure (简易程序) of a first-instance lawsuit (行政诉讼法 2017 Arts. 82–84,
101; reference/statutes.md §5): the court concludes it within 45 days of filing (Art. 83)
instead of six months (Art. 81); when it converts the case to the ordinary procedure (Art. 84)
the 45 days stop and the six months run, from the same filing day. Counted as every litigation
period (Art. 101): the filing day is not counted; a period ending on a rest day ends on the next
working day; a make-up working day (调休上班) is a working day. 2026 (statutes-lines.md §G):
劳动节 Fri 1 – Tue 5 May, make-up working day Sat 9 May; 中秋 Fri 25 – Sun 27 September."""

from __future__ import annotations

import datetime

import pytest

from cases import engine
from cases.calendar import sync_from_package
from cases.models import CalendarYear, Clock, ClockState
from cases.testing import clock
from core.errors import InvalidInput
from litigation.models import LitigationCase
from litigation.tests.helpers import fire, on, register

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _holidays(db):
    if not CalendarYear.objects.exists():
        sync_from_package()


@pytest.mark.parametrize(
    ("filed", "nominal", "due"),
    [
        # Wed 25 March + 45 → Sat 9 May 2026, a make-up working day: it stands.
        (D(2026, 3, 25), D(2026, 5, 9), D(2026, 5, 9)),
        # Thu 16 April + 45 → Sun 31 May → Mon 1 June.
        (D(2026, 4, 16), D(2026, 5, 31), D(2026, 6, 1)),
    ],
)
def test_forty_five_days_from_filing(world, filed, nominal, due):
    case = register(world.clerk_haizhu, world.haizhu_agency, filed + datetime.timedelta(days=3),
                    filed_on=filed.isoformat(), simplified=True)  # fmt: skip
    assert case.simplified is True
    term = clock(case, "simplified_term")
    assert (term.started_on, term.nominal_due, term.due_date) == (filed, nominal, due)
    # Not the six months as well.
    assert not Clock.for_case(case).filter(key="first_instance_term").exists()


def test_converted_to_the_ordinary_procedure_the_six_months_run_from_filing(world):
    """Filed Wed 25 March 2026 under the simplified procedure; the court converts it on Mon 20
    April (Art. 84): the 45 days stop that day, and six months from 25 March (Art. 81) run to
    Fri 25 September, 中秋 → Mon 28 September."""
    w = world
    case = register(w.clerk_haizhu, w.haizhu_agency, D(2026, 3, 30), filed_on="2026-03-25",
                    simplified=True)  # fmt: skip
    offered = {t.name for t in engine.available(case, w.clerk_haizhu)}
    assert "convert_to_ordinary" in offered
    with on(D(2026, 4, 20)):
        case = fire(case, "convert_to_ordinary", w.clerk_haizhu)
    case = LitigationCase.objects.get(pk=case.pk)
    assert case.simplified is False
    short = clock(case, "simplified_term")
    assert (short.state, short.stopped_on) == (ClockState.STOPPED, D(2026, 4, 20))
    term = clock(case, "first_instance_term")
    assert (term.started_on, term.nominal_due, term.due_date) == (
        D(2026, 3, 25), D(2026, 9, 25), D(2026, 9, 28),
    )  # fmt: skip
    # Converted once: no longer offered, and a second conversion is refused.
    assert "convert_to_ordinary" not in {t.name for t in engine.available(case, w.clerk_haizhu)}
    with on(D(2026, 4, 21)), pytest.raises(InvalidInput):
        fire(case, "convert_to_ordinary", w.clerk_haizhu)


def test_only_a_first_instance_case_is_heard_simplified(world):
    with pytest.raises(InvalidInput) as raised:
        register(world.clerk_haizhu, world.haizhu_agency, D(2026, 6, 4), level="second",
                 court_case_number="（2026）粤01行终9号", simplified=True)  # fmt: skip
    assert "simplified" in raised.value.fields
    assert not LitigationCase.objects.exists()


def test_a_simplified_case_needs_its_filing_day(world):
    """The 45 days run from filing (Art. 83): without the filing day there is no term to
    count, so the case is refused on filed_on and nothing is written."""
    with pytest.raises(InvalidInput) as raised:
        register(world.clerk_haizhu, world.haizhu_agency, D(2026, 6, 4), simplified=True)
    assert "filed_on" in raised.value.fields
    assert not LitigationCase.objects.exists()
