"""The application period for administrative reconsideration (申请期限; 行政复议法 2023,
Arts. 20–21; reference/statutes.md §§1, 10).

- Art. 20 ¶1: 60 days from the day the applicant knew or should have known of the act, unless
  a law gives a longer period (a shorter one in another law does not apply: only periods
  "超过六十日" are excepted).
- Art. 20 ¶2: time lost to force majeure or another good reason is not counted; the period
  "continues" once the obstacle is gone, so its last day moves later by the days lost.
- Art. 20 ¶3: when the agency did not tell the applicant of the right to apply, the
  reconsideration body and the period, the period runs from the day the applicant learned of
  them, but ends at the latest one year after the day they knew of the act. The days lost under
  ¶2 move that year's end too: it is the limit of the same 申请期限.
- Art. 21: no application is accepted more than 20 years (real property, 不动产) or 5 years
  (anything else) after the act was made. The statute states it without condition, so it is
  applied whenever the date of the act is known: it is what limits an applicant who did not
  know of the act, and it also caps a late ¶3 start. Days lost under ¶2 do not move it.

Counting (期间, Art. 88; Civil Procedure Law Art. 85; Civil Code Arts. 200–203): the first day
is not counted; a period in years ends on the corresponding day of the last year, or on the
last day of that month when there is none (29 February -> 28 February, Civil Code Art. 202);
a period whose last day is a statutory rest day ends on the next working day. Years are counted
as 12 months on `cases.calendar`, which has no "years" unit. A date in a year whose holiday
schedule is not entered is provisional (暂定), never an error.

This module only computes and warns: a late application is for the clerk to examine (the
applicant may show a good reason), never refused here.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext as _

from cases.calendar import Calendar, Due, get_calendar

ORDINARY_DAYS = 60  # Art. 20 ¶1
UNINFORMED_YEARS = 1  # Art. 20 ¶3
REAL_PROPERTY_YEARS = 20  # Art. 21
OTHER_YEARS = 5  # Art. 21


@dataclass(frozen=True)
class PeriodCheck:
    """The last day to apply, and the rule that set it."""

    due: datetime.date | None  # last day to apply (None if nothing is known)
    nominal: datetime.date | None  # before rolling past rest days
    provisional: bool
    passed: bool  # `on` is after `due`
    basis: str  # the rule and article applied, translated
    cutoff: datetime.date | None  # the Art. 21 / Art. 20 ¶3 cut-off that limited it, if any
    # True when Art. 21's cut-off set the due date: force majeure (Art. 20 ¶2) cannot move it.
    absolute: bool = False


@dataclass(frozen=True)
class _Limit:
    due: Due
    basis: str
    cutoff: bool = False  # a cut-off (Art. 20 ¶3 or Art. 21) rather than the period itself
    absolute: bool = False  # Art. 21


def check(
    *,
    knew_on: datetime.date | None,
    on: datetime.date,
    act_on: datetime.date | None = None,
    law_days: int | None = None,
    lost_days: int = 0,
    informed: bool = True,
    learned_of_right_on: datetime.date | None = None,
    real_property: bool = False,
    calendar: Calendar | None = None,
) -> PeriodCheck:
    """Whether an application made on `on` is within the period of 行政复议法 Arts. 20–21.

    `knew_on`: the day the applicant knew or should have known of the act (None: did not know,
    or not recorded). `act_on`: the day the act was made (Art. 21). `law_days`: the period of
    another law, used only when longer than 60 days. `lost_days`: days lost to force majeure or
    another good reason (Art. 20 ¶2). `informed`: whether the act told the applicant of the
    right, the body and the period; if not, `learned_of_right_on` is the day they learned of
    them (None: not yet, or not recorded) (Art. 20 ¶3).
    """
    if lost_days < 0:
        raise ValueError("lost_days cannot be negative")
    calendar = calendar if calendar is not None else get_calendar()
    limits = _art20_limits(
        calendar,
        knew_on=knew_on,
        law_days=law_days,
        lost_days=lost_days,
        informed=informed,
        learned_of_right_on=learned_of_right_on,
    )
    if act_on is not None:
        limits.append(_art21_limit(calendar, act_on, real_property))
    if not limits:
        return PeriodCheck(
            due=None,
            nominal=None,
            provisional=False,
            passed=False,
            basis=_(
                "Neither the day the applicant knew of the act nor the day it was made is "
                "known: the application period cannot be worked out (Administrative "
                "Reconsideration Law Arts. 20–21)."
            ),
            cutoff=None,
        )
    binding = min(limits, key=lambda limit: (limit.due.date, limit.due.nominal, limit.cutoff))
    due = binding.due
    # A provisional limit that ends later could still overtake once its year's schedule is
    # entered, if its nominal day is not after the chosen due date.
    provisional = any(limit.due.provisional and limit.due.nominal <= due.date for limit in limits)
    return PeriodCheck(
        due=due.date,
        nominal=due.nominal,
        provisional=provisional,
        passed=on > due.date,
        basis=binding.basis,
        cutoff=due.date if binding.cutoff else None,
        absolute=binding.absolute,
    )


def _art20_limits(
    calendar: Calendar,
    *,
    knew_on: datetime.date | None,
    law_days: int | None,
    lost_days: int,
    informed: bool,
    learned_of_right_on: datetime.date | None,
) -> list[_Limit]:
    """The Art. 20 period, and under ¶3 its one-year limit; none if `knew_on` is unknown."""
    if knew_on is None:
        return []
    days = law_days if law_days is not None and law_days > ORDINARY_DAYS else ORDINARY_DAYS
    lost = []
    if lost_days:
        lost.append(
            _(
                "%(days)s days lost to force majeure or another good reason are not counted "
                "(Art. 20 ¶2)"
            )
            % {"days": lost_days}
        )
    if informed:
        if days == ORDINARY_DAYS:
            basis = _(
                "60 days from the day the applicant knew or should have known of the act "
                "(Administrative Reconsideration Law Art. 20)"
            )
        else:
            basis = _(
                "%(days)s days from the day the applicant knew or should have known of the "
                "act, the longer period another law gives (Administrative Reconsideration Law "
                "Art. 20 ¶1)"
            ) % {"days": days}
        return [_Limit(calendar.add_days(knew_on, days + lost_days), _join(basis, *lost))]
    cap = _Limit(
        _add_years(calendar, knew_on, UNINFORMED_YEARS, lost_days),
        _join(
            _(
                "Not told of the right to apply: at most one year from the day the applicant "
                "knew or should have known of the act (Administrative Reconsideration Law "
                "Art. 20 ¶3)"
            ),
            *lost,
        ),
        cutoff=True,
    )
    if learned_of_right_on is None:
        # The days of ¶3 have not started to run (or the day is not recorded): the one-year
        # limit is all that can be said.
        return [cap]
    start = max(learned_of_right_on, knew_on)
    if days == ORDINARY_DAYS:
        basis = _(
            "Not told of the right to apply: 60 days from the day the applicant learned of the "
            "right, the reconsideration body and the period (Administrative Reconsideration "
            "Law Art. 20 ¶3)"
        )
    else:
        basis = _(
            "Not told of the right to apply: %(days)s days, the longer period another law "
            "gives, from the day the applicant learned of the right, the reconsideration body "
            "and the period (Administrative Reconsideration Law Art. 20 ¶¶1, 3)"
        ) % {"days": days}
    return [_Limit(calendar.add_days(start, days + lost_days), _join(basis, *lost)), cap]


def _art21_limit(calendar: Calendar, act_on: datetime.date, real_property: bool) -> _Limit:
    if real_property:
        years = REAL_PROPERTY_YEARS
        basis = _(
            "An application concerning real property is not accepted more than 20 years "
            "after the act was made (Administrative Reconsideration Law Art. 21)"
        )
    else:
        years = OTHER_YEARS
        basis = _(
            "An application is not accepted more than 5 years after the act was made "
            "(Administrative Reconsideration Law Art. 21)"
        )
    return _Limit(_add_years(calendar, act_on, years), basis, cutoff=True, absolute=True)


def _add_years(calendar: Calendar, start: datetime.date, years: int, extra_days: int = 0) -> Due:
    """`years` years from `start` (Civil Code Art. 202: the corresponding day, or the month's
    last day, so 29 February -> 28 February), `extra_days` later, rolled past rest days."""
    due = calendar.add_months(start, 12 * years)
    if not extra_days:
        return due
    return calendar.add_days(due.nominal, extra_days)


def _join(*parts: str) -> str:
    return "；".join(parts)


def warning(result: PeriodCheck) -> str | None:
    """A message for the clerk and the portal when the period has passed, else None. It is a
    warning, never a refusal: whether the application is late is for the clerk to examine
    under Art. 30 ¶1 (4), and the applicant may show a good reason (Art. 20 ¶2)."""
    if not result.passed or result.due is None:
        return None
    values = {"due": result.due.isoformat(), "basis": result.basis}
    if result.absolute:
        message = _(
            "The last day to apply was %(due)s. Basis: %(basis)s. This limit runs from the day "
            "the act was made and does not move for force majeure: check the date of the act "
            "before deciding whether to accept."
        )
    else:
        message = _(
            "The application period ended on %(due)s. Basis: %(basis)s. The application is "
            "late, but this is a warning, not a refusal: the applicant may show that force "
            "majeure or another good reason delayed it; if so, the period continues from the "
            "day the obstacle was removed (Administrative Reconsideration Law Art. 20 ¶2)."
        )
    message %= values
    if result.provisional:
        message += " " + _(
            "The date is provisional: the holiday schedule of that year has not been entered."
        )
    return message
