"""Writing past normative documents and filings in bulk (normative.history): the rows a document
or a filing moved through the engine would have had — events named as normative.process names
its steps, the filing clocks replayed, due day and late flag as filing_submit sets them —
checked against the same course fired through the live engine.

Periods (statutes-lines §B.6–7, all ❓ and configurable; days counted by the house rule, §0:
the first day not counted, a last day on a rest day moved to the next working day):
- filing due 30 days from publication (法规规章备案审查条例第四条 by analogy): published Mon
  2026-03-02 → Wed 2026-04-01;
- filing review 2 months from filing (第十一条 by analogy): filed Fri 2026-03-20 → Wed
  2026-05-20; filed Thu 2026-04-02 → Tue 2026-06-02;
- answer to a suggestion 30 days (第二十一条 by analogy): opinion Wed 2026-04-15 → Fri
  2026-05-15.
"""

from __future__ import annotations

import datetime
import re

import pytest
from django.utils import timezone

from cases import bulk
from cases.models import CaseEvent, Clock, ClockState
from normative import history
from normative.models import FilingCase, NormativeDocument
from normative.services import filing_submit
from normative.tests.conftest import (
    fire,
    issue,
    legality_review,
    on,
    publish,
    published_document,
    register,
)

D = datetime.date
pytestmark = pytest.mark.django_db


def _events(case) -> list:
    return [
        (e.transition, e.from_state, e.to_state, e.on_date, e.version)
        for e in CaseEvent.for_case(case).order_by("version")
    ]


def _clocks(case) -> dict:
    return {
        c.key: (c.state, c.started_on, c.nominal_due, c.due_date, c.stopped_on)
        for c in Clock.for_case(case)
    }


def _day(moment):
    return timezone.localtime(moment).date() if moment else None


FILING_SUMMARY = ("state", "version", "due_date", "due_provisional", "filed_on", "filing_due",
                  "late", "opinion", "opinion_text", "opinion_on", "answer", "answered_on",
                  "number_year", "organization_id", "region_code", "issuing_body_id")  # fmt: skip

# (filed on, [(transition, day, data)]) fired live; the bulk record holds the same facts.
COURSES = {
    "answered": (D(2026, 3, 20), [
        ("start_review", D(2026, 3, 23), {}),
        ("issue_opinion", D(2026, 4, 15), {"opinion": "correct",
                                           "opinion_text": "第五条缺乏上位法依据，建议删除。"}),
        ("record_answer", D(2026, 5, 8), {"answer": "已删除第五条。"}),
    ]),
    "awaiting": (D(2026, 3, 20), [
        ("issue_opinion", D(2026, 4, 15), {"opinion": "revoke",
                                           "opinion_text": "违法减损权利，建议撤销。"}),
    ]),
    "late_no_problem": (D(2026, 4, 2), [
        ("start_review", D(2026, 4, 7), {}),
        ("no_problem", D(2026, 4, 20), {}),
    ]),
    "under_review": (D(2026, 4, 2), [("start_review", D(2026, 4, 7), {})]),
    "filed_only": (D(2026, 3, 20), []),
}  # fmt: skip


def _bulk_filing(document, filed_on, steps) -> FilingCase:
    filing = FilingCase(document=document, filed_on=filed_on)
    for name, day, data in steps:
        if name == "start_review":
            filing.accepted_at = bulk.at(day, 10)
        elif name == "no_problem":
            filing.opinion, filing.opinion_on = "no_problem", day
        elif name == "issue_opinion":
            filing.opinion, filing.opinion_on = data["opinion"], day
            filing.opinion_text = data["opinion_text"]
        elif name == "record_answer":
            filing.answer, filing.answered_on = data["answer"], day
    return filing


@pytest.mark.parametrize("course", sorted(COURSES))
def test_a_filing_written_in_bulk_is_the_filing_the_engine_writes(nw, course):
    """Both documents published Mon 2026-03-02 (due Wed 2026-04-01); one filing is fired step
    by step through the engine, the other written by history.write_filings: the same events,
    clock dates and summary fields."""
    filed_on, steps = COURSES[course]
    live_doc = published_document(nw, published_on=D(2026, 3, 2), effective_from=D(2026, 4, 1),
                                  title="海珠区甲规定")  # fmt: skip
    bulk_doc = published_document(nw, published_on=D(2026, 3, 2), effective_from=D(2026, 4, 1),
                                  title="海珠区乙规定")  # fmt: skip
    with on(filed_on):
        live = filing_submit(actor=nw.agency_haizhu, document=live_doc)
    for name, day, data in steps:
        actor = nw.agency_haizhu if name == "record_answer" else nw.clerk_haizhu
        with on(day):
            live = fire(live, name, actor, **data)
    with on(D(2026, 6, 10)):
        [written] = history.write_filings([_bulk_filing(bulk_doc, filed_on, steps)],
                                          actor=nw.agency_haizhu)  # fmt: skip
    live = FilingCase.objects.get(pk=live.pk)
    written = FilingCase.objects.get(pk=written.pk)
    assert _events(written) == _events(live)
    assert _clocks(written) == _clocks(live)
    for name in FILING_SUMMARY:
        assert getattr(written, name) == getattr(live, name), name
    assert _day(written.accepted_at) == _day(live.accepted_at)
    assert _day(written.closed_at) == _day(live.closed_at)
    assert _day(written.received_at) == _day(live.received_at) == filed_on
    assert written.created_by == nw.agency_haizhu
    assert re.fullmatch(r"（2026）.+规备字第\d{4}号", written.number)


def test_the_worked_dates_of_a_filing_answered(nw):
    """Filed Fri 2026-03-20 → review due Wed 2026-05-20, stopped by the opinion of Wed
    2026-04-15 → answer due Fri 2026-05-15, stopped by the answer of Fri 2026-05-08."""
    document = published_document(nw, published_on=D(2026, 3, 2), effective_from=D(2026, 4, 1))
    filed_on, steps = COURSES["answered"]
    [filing] = history.write_filings([_bulk_filing(document, filed_on, steps)])
    assert _clocks(filing) == {
        "filing_review": (ClockState.STOPPED, D(2026, 3, 20), D(2026, 5, 20), D(2026, 5, 20),
                          D(2026, 4, 15)),
        "filing_answer": (ClockState.STOPPED, D(2026, 4, 15), D(2026, 5, 15), D(2026, 5, 15),
                          D(2026, 5, 8)),
    }  # fmt: skip
    assert (filing.state, filing.version, filing.due_date) == ("closed", 4, None)
    assert (filing.filing_due, filing.late) == (D(2026, 4, 1), False)
    assert [e[0] for e in _events(filing)] == ["register", "start_review", "issue_opinion",
                                               "record_answer"]  # fmt: skip


def test_an_open_filing_has_its_clock_as_its_deadline_and_a_late_one_is_flagged(nw):
    """Filed Thu 2026-04-02, a day after the due Wed 2026-04-01: late. Review 2 months →
    Tue 2026-06-02, running: the filing's deadline. The record's own due and late are not
    trusted."""
    document = published_document(nw, published_on=D(2026, 3, 2), effective_from=D(2026, 4, 1))
    filing = FilingCase(document=document, filed_on=D(2026, 4, 2), late=False,
                        filing_due=D(2026, 5, 1))  # fmt: skip
    [filing] = history.write_filings([filing])
    filing.refresh_from_db()
    assert (filing.filing_due, filing.late, filing.state) == (D(2026, 4, 1), True, "filed")
    assert _clocks(filing) == {
        "filing_review": (ClockState.RUNNING, D(2026, 4, 2), D(2026, 6, 2), D(2026, 6, 2), None)
    }
    assert (filing.due_date, filing.due_provisional) == (D(2026, 6, 2), False)


def _past_document(w, **fields) -> NormativeDocument:
    values = dict(
        issuing_body=w.haizhu_agency, organization=w.haizhu_bureau, kind="department",
        title="广州市海珠区占道经营管理规定", unified_number="穗海规〔2026〕7号",
        unified_prefix="穗海规", unified_year=2026, unified_seq=7,
        document_number="海市监规〔2026〕7号", received_at=bulk.at(D(2026, 2, 9), 10),
        signed_on=D(2026, 2, 11), published_on=D(2026, 3, 2), effective_from=D(2026, 4, 1),
        valid_until=D(2031, 3, 31),
    )  # fmt: skip
    values.update(fields)
    return NormativeDocument(**values)


def test_a_document_written_in_bulk_is_the_document_the_engine_writes(nw):
    """Registered Mon 2026-02-09, issued (signed) Wed 2026-02-11, published Mon 2026-03-02,
    in effect Wed 2026-04-01: valid 5 years (❓) → Mon 2031-03-31, evaluation 6 months
    before → Mon 2030-09-30 (§B.8)."""
    review = legality_review(nw, D(2026, 2, 2), opinion_on=D(2026, 2, 6))
    live = register(nw, D(2026, 2, 9), title="广州市海珠区占道经营管理规定")
    live = issue(nw, live, D(2026, 2, 11), unified_number="穗海规〔2026〕6号", review=review)
    live = publish(nw, live, D(2026, 3, 2), effective_from=D(2026, 4, 1))
    [written] = history.write_documents([_past_document(nw)], actor=nw.agency_haizhu)
    live = NormativeDocument.objects.get(pk=live.pk)
    written = NormativeDocument.objects.get(pk=written.pk)
    assert (
        _events(written)
        == _events(live)
        == [
            ("register", "", "registered", D(2026, 2, 9), 1),
            ("issue", "registered", "issued", D(2026, 2, 11), 2),
            ("publish", "issued", "published", D(2026, 3, 2), 3),
        ]
    )
    for name in ("state", "version", "due_date", "signed_on", "published_on", "effective_from",
                 "valid_until", "evaluate_by", "number_year", "organization_id", "region_code",
                 "team_id"):  # fmt: skip
        assert getattr(written, name) == getattr(live, name), name
    assert written.evaluate_by == D(2030, 9, 30)
    assert _day(written.closed_at) == _day(live.closed_at) == D(2026, 3, 2)
    assert not Clock.for_case(written).exists()
    assert re.fullmatch(r"（2026）.+规登字第\d{4}号", written.number)


def test_a_document_amended_by_one_of_the_same_batch_and_its_filing(nw):
    """The amending document (in effect Mon 2026-06-01) is unsaved in the same batch: the link
    is written after both, and the amendment dated on its day in effect. A document not signed
    is issued on the day of publication."""
    amending = _past_document(nw, title="关于修改占道经营管理规定的决定",
                              unified_number="穗海规〔2026〕9号", unified_seq=9,
                              document_number="海市监规〔2026〕9号", signed_on=None,
                              received_at=bulk.at(D(2026, 5, 6), 9), published_on=D(2026, 5, 6),
                              effective_from=D(2026, 6, 1), valid_until=D(2031, 5, 31))  # fmt: skip
    amended = _past_document(nw, amended_by=amending)
    filing = FilingCase(filed_on=D(2026, 3, 10))
    history.write([history.Record(amended, filing), history.Record(amending)])
    amended = NormativeDocument.objects.get(pk=amended.pk)
    assert (amended.amended_by_id, amended.amended_on) == (amending.pk, D(2026, 6, 1))
    assert amended.status_on(D(2026, 5, 31)) == "valid"
    assert amended.status_on(D(2026, 6, 1)) == "amended"
    assert [e[3] for e in _events(amending)] == [D(2026, 5, 6)] * 3
    filing = FilingCase.objects.get()
    assert (filing.document_id, filing.organization_id) == (amended.pk, nw.haizhu_bureau.pk)


@pytest.mark.parametrize(
    "fields",
    [
        {"opinion": "no_problem", "opinion_on": D(2026, 3, 5)},  # before the filing
        {"answer": "已修改。", "answered_on": D(2026, 4, 20)},  # answer without a suggestion
        {"opinion": "correct", "opinion_on": None},  # an opinion without its day
        {"filed_on": D(2026, 3, 1)},  # before publication
        {"accepted_at": bulk.at(D(2026, 3, 30), 10), "opinion": "correct",
         "opinion_on": D(2026, 3, 25)},  # the opinion before the review
        {"state": "closed"},  # not what its steps reach
    ],
)  # fmt: skip
def test_an_impossible_course_is_refused_and_nothing_is_written(nw, fields):
    document = published_document(nw, published_on=D(2026, 3, 2), effective_from=D(2026, 4, 1))
    events = CaseEvent.objects.count()
    good = FilingCase(document=document, filed_on=D(2026, 3, 10))
    bad = FilingCase(document=document, **{"filed_on": D(2026, 3, 10), **fields})
    with pytest.raises(ValueError):
        history.write_filings([good, bad])
    assert not FilingCase.objects.exists()
    assert CaseEvent.objects.count() == events
