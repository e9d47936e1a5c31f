"""Filing (备案) and filing review (备案审查), statutes-lines §B.6–7 (❓: no national period; default
30 days from publication, by analogy with 法规规章备案审查条例 Art. 4; review 2 months, Art. 11
by analogy; answer to a suggestion 30 days, Art. 21 by analogy). Days counted by the house rule
(statutes-lines §0, MS Art. 85): the day of publication not counted, a last day that is a rest
day or statutory holiday moved to the next working day.

Worked dates:
- P1 published Mon 2026-03-02 → 30 days → Wed 2026-04-01 (a working day): due 2026-04-01.
  Filed Wed 2026-04-01: on time. Review clock 2 months from filing → Mon 2026-06-01.
- P2 published Mon 2026-03-02, filed Thu 2026-04-02: late.
- P3 published Tue 2026-09-01 → 30 days → Thu 2026-10-01, 国庆 (rest 1–7 October 2026): due
  Thu 2026-10-08. Filed Wed 2026-10-07: on time.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from cases.models import Clock
from core.errors import InvalidInput, PermissionDenied
from indicators.registry import Period, registry
from normative.models import FilingCase
from normative.services import filing_due, filing_submit
from normative.tests.conftest import fire, on, published_document, register

D = datetime.date
pytestmark = pytest.mark.django_db


def _file(w, document, day, actor=None):
    with on(day):
        return filing_submit(actor=actor or w.agency_haizhu, document=document)


def test_the_filing_due_day_is_counted_from_publication(nw):
    assert filing_due(D(2026, 3, 2)) == D(2026, 4, 1)
    assert filing_due(D(2026, 9, 1)) == D(2026, 10, 8)  # 2026-10-01 国庆 → next working day


def test_the_filing_period_is_configurable(nw, settings):
    settings.FAZHI_NORMATIVE_FILING_DAYS = 15
    # Mon 2026-03-02 + 15 days = Tue 2026-03-17.
    assert filing_due(D(2026, 3, 2)) == D(2026, 3, 17)


def test_filed_on_the_last_day_is_on_time_and_a_day_later_is_late(nw):
    p1 = published_document(nw, published_on=D(2026, 3, 2), effective_from=D(2026, 4, 1),
                            title="海珠区甲规定")  # fmt: skip
    p2 = published_document(nw, published_on=D(2026, 3, 2), effective_from=D(2026, 4, 1),
                            title="海珠区乙规定")  # fmt: skip
    p3 = published_document(nw, published_on=D(2026, 9, 1), effective_from=D(2026, 10, 8),
                            title="海珠区丙规定")  # fmt: skip
    f1, f2, f3 = _file(nw, p1, D(2026, 4, 1)), _file(nw, p2, D(2026, 4, 2)), _file(
        nw, p3, D(2026, 10, 7))  # fmt: skip
    assert (f1.filing_due, f1.late) == (D(2026, 4, 1), False)
    assert (f2.filing_due, f2.late) == (D(2026, 4, 1), True)
    assert (f3.filing_due, f3.late) == (D(2026, 10, 8), False)
    review = Clock.for_case(f1).get(key="filing_review")
    assert review.due_date == D(2026, 6, 1)  # 2026-04-01 + 2 months
    # normative.filed / .filed_on_time_rate, 海珠 2026: 3 filed, 2 on time → 66.67%.
    with on(D(2027, 1, 15)):
        filed = registry.get("normative.filed").compute("440105", Period.year(2026))
        rate = registry.get("normative.filed_on_time_rate").compute("440105", Period.year(2026))
        issued = registry.get("normative.issued").compute("440105", Period.year(2026))
    assert filed.value == 3
    assert (rate.numerator, rate.denominator, rate.value) == (2, 3, Decimal("66.67"))
    assert issued.value == 3


def test_a_suggestion_to_correct_is_answered_and_counted(nw):
    p1 = published_document(nw, published_on=D(2026, 3, 2), effective_from=D(2026, 4, 1))
    filing = _file(nw, p1, D(2026, 3, 20))
    with on(D(2026, 3, 23)):
        filing = fire(filing, "start_review", nw.clerk_haizhu)
    with on(D(2026, 4, 15)), pytest.raises(InvalidInput) as refused:
        fire(filing, "issue_opinion", nw.clerk_haizhu, opinion="correct", opinion_text="")
    assert set(refused.value.fields) == {"opinion_text"}
    with on(D(2026, 4, 15)):
        filing = fire(filing, "issue_opinion", nw.clerk_haizhu, opinion="correct",
                      opinion_text="第五条增设备案义务，缺乏上位法依据，建议删除。")  # fmt: skip
    assert filing.state == "awaiting_answer"
    answer = Clock.for_case(filing).get(key="filing_answer")
    assert answer.due_date == D(2026, 5, 15)  # Wed 2026-04-15 + 30 days = Fri 2026-05-15
    with on(D(2026, 5, 8)):
        filing = fire(filing, "record_answer", nw.agency_haizhu, answer="已删除第五条。")
    assert (filing.state, filing.answered_on) == ("closed", D(2026, 5, 8))
    with on(D(2027, 1, 15)):
        figure = registry.get("normative.filing_corrections").compute("440105",
                                                                     Period.year(2026))  # fmt: skip
    assert figure.value == 1


def test_a_filing_without_a_problem_is_closed_and_not_counted_as_a_correction(nw):
    p1 = published_document(nw, published_on=D(2026, 3, 2), effective_from=D(2026, 4, 1))
    filing = _file(nw, p1, D(2026, 3, 20))
    with on(D(2026, 4, 1)):
        filing = fire(filing, "no_problem", nw.clerk_haizhu)
    assert filing.state == "closed"
    with on(D(2027, 1, 15)):
        figure = registry.get("normative.filing_corrections").compute("440105",
                                                                     Period.year(2026))  # fmt: skip
    assert figure.value == 0


def test_only_a_published_document_is_filed_once_by_its_own_body(nw):
    draft = register(nw, D(2026, 3, 2))
    with pytest.raises(InvalidInput) as refused:
        _file(nw, draft, D(2026, 3, 20))
    assert set(refused.value.fields) == {"document"}
    p1 = published_document(nw, published_on=D(2026, 3, 2), effective_from=D(2026, 4, 1))
    with pytest.raises(PermissionDenied):
        _file(nw, p1, D(2026, 3, 20), actor=nw.agency_chengguan)
    _file(nw, p1, D(2026, 3, 20))
    with pytest.raises(InvalidInput):
        _file(nw, p1, D(2026, 3, 21))
    assert FilingCase.objects.count() == 1


def test_filings_are_scoped_like_documents(nw):
    from normative import selectors

    p1 = published_document(nw, published_on=D(2026, 3, 2), effective_from=D(2026, 4, 1))
    _file(nw, p1, D(2026, 3, 20))
    assert selectors.filings(nw.agency_haizhu).count() == 1
    assert selectors.filings(nw.clerk_haizhu).count() == 1
    assert selectors.filings(nw.agency_chengguan).count() == 0
    assert selectors.filings(nw.clerk_baiyun).count() == 0
