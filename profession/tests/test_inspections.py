"""The annual inspection of a law firm (年度检查考核) on the engine, on worked dates.

The window is 1 April–31 May by default (◑ practice, statutes-lines §E.1;
FAZHI_PROFESSION_INSPECTION_OPENS / _CLOSES). The report clock counts a calendar period from the
eve of the window (31 March, not counted) of 61 days: 1–30 April (30), 1–31 May (61) → nominally
Sun 31 May 2026, a rest day, so it ends on Mon 1 June 2026 (reference §0: a period whose last day
is a rest day ends on the next working day). After grading, the result is filed with the
city-level bureau (律师法 Art. 24) within FAZHI_PROFESSION_INSPECTION_FILING_DAYS (30 ❓) calendar
days: graded Wed 10 June 2026 → 30 days → Fri 10 July 2026."""

from __future__ import annotations

import datetime

import pytest
from django.utils.translation import gettext

from cases.models import Clock
from core.errors import InvalidInput
from profession.models import Inspection
from profession.tests.conftest import fire, open_inspection

pytestmark = pytest.mark.django_db
D = datetime.date


def test_the_report_is_due_on_the_windows_last_day_rolled_past_the_weekend(pw):
    inspection = open_inspection(pw, D(2026, 3, 20))
    assert inspection.number == "（2026）海珠区司法局律检字第0001号"
    assert (inspection.window_opens, inspection.window_closes) == (D(2026, 4, 1), D(2026, 5, 31))
    assert inspection.state == "open" and inspection.region_code == pw.haizhu.code
    clock = Clock.for_case(inspection).get(key="report")
    assert (clock.unit, clock.length, clock.started_on) == ("days", 61, D(2026, 3, 31))
    assert (clock.nominal_due, clock.due_date) == (D(2026, 5, 31), D(2026, 6, 1))
    assert inspection.due_date == D(2026, 6, 1)


def test_an_inspection_through_its_clock_to_filing_with_the_city(pw):
    w = pw
    inspection = open_inspection(w, D(2026, 3, 20))
    inspection = fire(inspection, "submit", w.clerk_haizhu, D(2026, 6, 1),
                      lawyers_competent=1, lawyers_basic=1, lawyers_incompetent=0)  # fmt: skip
    assert inspection.state == "submitted" and inspection.submitted_late is False
    assert Clock.for_case(inspection).get(key="report").state == "stopped"
    inspection = fire(inspection, "grade", w.clerk_haizhu, D(2026, 6, 10), result="passed")
    assert inspection.state == "graded" and inspection.result == "passed"
    assert inspection.due_date == D(2026, 7, 10)  # 30 calendar days from the grading
    inspection = fire(inspection, "file", w.clerk_haizhu, D(2026, 6, 15),
                      filed_with=str(w.city_bureau.pk))  # fmt: skip
    assert inspection.state == "filed" and inspection.filed_with == w.city_bureau
    assert inspection.filed_on == D(2026, 6, 15) and inspection.closed_at is not None
    assert inspection.due_date is None


def test_a_report_after_the_rolled_deadline_is_late(pw):
    inspection = open_inspection(pw, D(2026, 3, 20))
    inspection = fire(inspection, "submit", pw.clerk_haizhu, D(2026, 6, 2))
    assert inspection.submitted_late is True


def test_the_result_is_filed_with_the_city_level_bureau_only(pw):
    """Art. 24: filed with the 设区的市级 department, not the district bureau."""
    w = pw
    inspection = open_inspection(w, D(2026, 3, 20))
    fire(inspection, "submit", w.clerk_haizhu, D(2026, 5, 20))
    fire(inspection, "grade", w.clerk_haizhu, D(2026, 6, 1), result="failed", remarks="档案不全")
    with pytest.raises(InvalidInput) as caught:
        fire(inspection, "file", w.clerk_haizhu, D(2026, 6, 2),
             filed_with=str(w.haizhu_bureau.pk))  # fmt: skip
    assert "filed_with" in caught.value.fields
    inspection.refresh_from_db()
    assert inspection.state == "graded" and inspection.filed_with is None


def test_more_lawyers_assessed_than_the_firm_has_is_refused(pw):
    inspection = open_inspection(pw, D(2026, 3, 20))
    with pytest.raises(InvalidInput) as caught:
        fire(inspection, "submit", pw.clerk_haizhu, D(2026, 5, 20), lawyers_competent=3)
    assert caught.value.fields["lawyers_competent"] == [
        gettext("%(total)s lawyers assessed, but the firm has %(lawyers)s in the register.")
        % {"total": 3, "lawyers": 2}
    ]
    inspection.refresh_from_db()
    assert inspection.state == "open" and inspection.submitted_on is None


def test_one_inspection_per_firm_and_year(pw):
    open_inspection(pw, D(2026, 3, 20))
    with pytest.raises(InvalidInput) as caught:
        open_inspection(pw, D(2026, 3, 21))
    assert "year" in caught.value.fields
    assert Inspection.objects.count() == 1


def test_the_window_is_a_setting(pw, settings):
    """1 March–30 April: from the eve (28 Feb 2026) 61 days → Thu 30 April 2026."""
    settings.FAZHI_PROFESSION_INSPECTION_OPENS = "03-01"
    settings.FAZHI_PROFESSION_INSPECTION_CLOSES = "04-30"
    inspection = open_inspection(pw, D(2026, 2, 20))
    clock = Clock.for_case(inspection).get(key="report")
    assert (clock.started_on, clock.length, clock.due_date) == (D(2026, 2, 28), 61, D(2026, 4, 30))


def test_another_district_cannot_open_or_act(pw):
    """A bureau inspects its own firms: another district is refused, and the case is not
    found for it (as if it did not exist)."""
    from core.errors import NotFound, PermissionDenied

    with pytest.raises(PermissionDenied):
        open_inspection(pw, D(2026, 3, 20), actor=pw.clerk_baiyun)
    inspection = open_inspection(pw, D(2026, 3, 20))
    with pytest.raises(NotFound):
        fire(inspection, "submit", pw.clerk_baiyun, D(2026, 5, 20))


# -- an inspection opened after its window (律师法 Art. 24; statutes-lines §E.1) ------------------
# The firm files its annual report after its assessment, within the window (1 April–31 May
# 2026; the last day Sun 31 May rolled to Mon 1 June). The filing is overdue only when the
# window closed without it: an inspection the bureau opens after that records history, and
# whether the firm filed in time is known only once its report is entered with its date.


def test_an_inspection_opened_after_the_window_is_not_overdue(pw):
    """Opened Wed 10 June 2026 for the practice of 2025: dated from the window's first day, but
    no report clock runs, so nothing shows it overdue; the report received Wed 20 May is in
    time."""
    inspection = open_inspection(pw, D(2026, 6, 10))
    assert inspection.state == "open" and inspection.due_date is None
    assert inspection.received_at.date() == D(2026, 4, 1)
    assert not Clock.for_case(inspection).exists()
    inspection = fire(inspection, "submit", pw.clerk_haizhu, D(2026, 5, 20))
    assert (inspection.submitted_on, inspection.submitted_late) == (D(2026, 5, 20), False)


def test_a_report_entered_late_is_late_by_the_window_not_a_clock(pw):
    """Opened Wed 10 June 2026; the report was received Tue 2 June, the day after the rolled
    last day (Mon 1 June): late. Received on Mon 1 June itself: in time."""
    w = pw
    late = open_inspection(w, D(2026, 6, 10))
    late = fire(late, "submit", w.clerk_haizhu, D(2026, 6, 2))
    assert late.submitted_late is True
    in_time = open_inspection(w, D(2026, 6, 10), firm=w.baiyun_firm, actor=w.clerk_baiyun)
    in_time = fire(in_time, "submit", w.clerk_baiyun, D(2026, 6, 1))
    assert in_time.submitted_late is False


def test_opened_on_the_last_day_the_window_still_runs_and_then_is_overdue(pw):
    """Opened Mon 1 June 2026, the rolled last day: the report clock runs (due that day); on
    Tue 2 June, the window closed without the filing, it is overdue."""
    inspection = open_inspection(pw, D(2026, 6, 1))
    clock = Clock.for_case(inspection).get(key="report")
    assert (clock.started_on, clock.due_date) == (D(2026, 3, 31), D(2026, 6, 1))
    assert inspection.due_date == D(2026, 6, 1)
    assert clock.status(today=D(2026, 6, 1)) != "overdue"
    assert clock.status(today=D(2026, 6, 2)) == "overdue"
