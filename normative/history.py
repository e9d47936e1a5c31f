"""Writing past normative documents and their filings in bulk (the Excel import of the registry
of documents already issued, normative.importing; the demo's history, normative.demo).

A document (reference/statutes-lines.md §B) gets what one registered and moved through the
engine (normative.process) would have had:

- its registration number (统一登记, §B.4 ❓) from the registering bureau's gap-free sequence
  in the series `normative` (its NumberingRule, …规登字第0001号), by the year of registration;
- one event per step, named as normative.process names the transitions: `register` on the
  day of registration, `issue` (统一编号、统一印发, 国办发〔2018〕37号 ❓) on the day signed —
  the day of publication when the day signed is not known —, `publish` on the day of
  publication (政府信息公开条例第二十条: publication is mandatory);
- the evaluation due date (§B.8, normative.validity.evaluate_by) and, for a document amended by
  another, the day of the amendment (the amending document's day in effect, as
  normative.services.amendment_link sets it). The document process has no clock.

A filing (备案 and 备案审查, §B.6–7) gets:

- its number in the series `normative_filing` (…规备字第0001号), received on the day filed at
  09:00, as normative.services.filing_submit registers it;
- the last day to file and the late flag as filing_submit sets them (normative.services.
  filing_due: FAZHI_NORMATIVE_FILING_DAYS, 30 ❓, from publication, 法规规章备案审查条例第四条
  by analogy), whatever the record said;
- one event per step: `register` (filed), `start_review` (the day `accepted_at` gives, if the
  review was started as a step of its own), then `no_problem` or `issue_opinion` (纠正 / 撤销建议,
  第三条 "有错必纠") on the opinion's day, and `record_answer` on the day of the issuing body's
  answer (第二十一条 by analogy);
- the clocks normative.process declares, run over those steps as the engine runs them
  (cases.bulk.replay_clocks): the filing review (2 months ❓ from filing, 第十一条 by analogy),
  stopped by the opinion; the answer to a suggestion (30 days ❓, 第二十一条 by analogy), stopped
  by the answer; the case's deadline the earliest running one.

What a past record cannot tell is not invented: no legality review is linked, no review step
without its day. Rows are written in bulk (COPY on PostgreSQL, core.copy); no transition is
fired and no audit row per field is written. The rows every line writes alike are cases.bulk's.
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from cases import bulk
from cases.bulk import local_day
from cases.calendar import get_calendar
from cases.models import CaseEvent, Clock, ClockState
from core.copy import copy_insert, copy_rows
from indicators.rollups import note_rows
from normative.choices import FilingOpinion
from normative.models import FilingCase, NormativeDocument
from normative.process import DOCUMENT_PROCESS, FILING_PROCESS, F, S
from normative.services import filing_due
from normative.validity import evaluate_by

SUGGESTIONS = (FilingOpinion.CORRECT, FilingOpinion.REVOKE)


@dataclass
class Record:
    """A past document (unsaved: issuing body, registering bureau (`organization`), dates and
    numbers set, `received_at` the moment of registration) and its filing, if it was filed
    (unsaved; its document is set by `write`)."""

    document: NormativeDocument
    filing: FilingCase | None = None


# -- the steps --------------------------------------------------------------------------------


def document_state(document: NormativeDocument) -> str:
    """The state the record's facts reach: published with a day of publication, issued with a
    unified number, registered otherwise."""
    if document.published_on:
        return S.PUBLISHED
    if document.unified_number:
        return S.ISSUED
    return S.REGISTERED


def issue_day(document: NormativeDocument) -> datetime.date | None:
    """The day of the issue step: the day signed, or the day of publication if that is not
    known."""
    return document.signed_on or document.published_on


def document_steps(document: NormativeDocument, zone=None) -> list[tuple]:
    """The events of the document's history: (transition, from, to, date), in order."""
    zone = zone or timezone.get_current_timezone()
    state = document.state or document_state(document)
    registered = local_day(document.received_at, zone)
    out = [("register", "", S.REGISTERED, registered)]
    if state == S.REGISTERED:
        return out
    if state not in (S.ISSUED, S.PUBLISHED):
        raise ValueError(f"a past document cannot be written in the state {state!r}")
    issued = issue_day(document)
    if issued is None or not document.unified_number:
        raise ValueError(f"{document.title}: an issued document needs its unified number and "
                         "the day it was signed")  # fmt: skip
    if issued < registered:
        raise ValueError(f"{document.title}: issued on {issued}, before its registration on "
                         f"{registered}")  # fmt: skip
    out.append(("issue", S.REGISTERED, S.ISSUED, issued))
    if state == S.ISSUED:
        return out
    if document.published_on is None or document.effective_from is None:
        raise ValueError(f"{document.title}: a published document needs the days of its "
                         "publication and effect")  # fmt: skip
    if document.published_on < issued:
        raise ValueError(f"{document.title}: published on {document.published_on}, before "
                         f"its issue on {issued}")  # fmt: skip
    out.append(("publish", S.ISSUED, S.PUBLISHED, document.published_on))
    return out


def filing_state(filing: FilingCase) -> str:
    if filing.opinion == FilingOpinion.NO_PROBLEM:
        return F.CLOSED
    if filing.opinion in SUGGESTIONS:
        return F.CLOSED if filing.answered_on else F.AWAITING_ANSWER
    if filing.accepted_at is not None:
        return F.UNDER_REVIEW
    return F.FILED


def filing_steps(filing: FilingCase, zone=None) -> list[tuple]:
    """The events of the filing's history: (transition, from, to, date), in order; ValueError
    for a course the process does not allow or dates out of order."""
    zone = zone or timezone.get_current_timezone()
    label = filing.number or f"filing of {filing.filed_on}"
    if filing.opinion and filing.opinion not in FilingOpinion.values:
        raise ValueError(f"{label}: unknown opinion {filing.opinion!r}")
    if filing.opinion and filing.opinion_on is None:
        raise ValueError(f"{label}: an opinion needs its day")
    if filing.answered_on and filing.opinion not in SUGGESTIONS:
        raise ValueError(f"{label}: only a suggestion to correct or revoke is answered")
    known = [("register", filing.filed_on, F.FILED)]
    if filing.accepted_at is not None:
        known.append(("start_review", local_day(filing.accepted_at, zone), F.UNDER_REVIEW))
    if filing.opinion == FilingOpinion.NO_PROBLEM:
        known.append(("no_problem", filing.opinion_on, F.CLOSED))
    elif filing.opinion in SUGGESTIONS:
        known.append(("issue_opinion", filing.opinion_on, F.AWAITING_ANSWER))
        if filing.answered_on:
            known.append(("record_answer", filing.answered_on, F.CLOSED))
    out, state, last = [], "", None
    for name, day, after in known:
        if last is not None and day < last:
            raise ValueError(f"{label}: {name} on {day} precedes the step before it ({last})")
        out.append((name, state, after, day))
        state, last = after, day
    if filing.state and filing.state != state:
        raise ValueError(f"{label}: the state {filing.state!r} is not the one its steps reach "
                         f"({state!r})")  # fmt: skip
    return out


# -- writing ----------------------------------------------------------------------------------


def _due_counter():
    calendar = get_calendar()
    return functools.lru_cache(maxsize=None)(
        lambda started, length, unit: calendar.count(started, length, unit)
    )


def _stamp(value, day: datetime.date, hour: int, zone) -> datetime.datetime:
    """`value` if it falls on `day`, else `day` at `hour` local time."""
    if value is not None and local_day(value, zone) == day:
        return value
    return bulk.at(day, hour, zone)


def _prepare_document(document: NormativeDocument, actor, zone) -> list[tuple]:
    document.region_code = document.region_code or document.issuing_body.region_id
    document.team_id = document.team_id or document.organization_id
    if getattr(actor, "pk", None):
        document.created_by = actor
    steps = document_steps(document, zone)
    document.state = steps[-1][2]
    document.version = len(steps)
    document.due_date, document.due_provisional = None, False
    if document.state == S.PUBLISHED:
        document.closed_at = _stamp(document.closed_at, document.published_on, 12, zone)
        if document.valid_until and document.evaluate_by is None:
            document.evaluate_by = evaluate_by(document.valid_until)
    amending = document.amended_by if _amended_by_cached(document) else None
    if amending is not None and document.amended_on is None:
        document.amended_on = amending.effective_from
    return steps


def _amended_by_cached(document) -> bool:
    return NormativeDocument._meta.get_field("amended_by").is_cached(document)


def write_documents(documents: list[NormativeDocument], *, actor=None,
                    batch_size: int = 2000) -> list[NormativeDocument]:  # fmt: skip
    """Write past documents in one transaction, numbered in blocks per registering bureau and
    year in order of registration. A document may name as `amended_by` an unsaved document of
    the same batch. Returns the documents, saved."""
    zone = timezone.get_current_timezone()
    process = DOCUMENT_PROCESS
    with transaction.atomic():
        steps = {id(d): _prepare_document(d, actor, zone) for d in documents}
        # The amending documents of the batch are saved with the rest: the links are set after.
        pending = []
        for document in documents:
            if _amended_by_cached(document) and document.amended_by is not None:
                if document.amended_by.pk is None:
                    pending.append((document, document.amended_by))
                    document.amended_by = None
        bulk.issue_numbers(documents, series=process.number_series,
                           pattern=process.number_pattern, zone=zone)  # fmt: skip
        copy_insert(NormativeDocument, documents, batch_size=batch_size)
        bulk.advance_sequences(documents, process.number_series)
        for document, amending in pending:
            document.amended_by = amending
        if pending:
            NormativeDocument.objects.bulk_update([d for d, _a in pending], ["amended_by"],
                                                  batch_size=batch_size)  # fmt: skip
        content_type_id = ContentType.objects.get_for_model(NormativeDocument).pk
        actor_id = actor.pk if getattr(actor, "pk", None) else None
        events = bulk.event_rows(content_type_id, documents, lambda d, _z: steps[id(d)],
                                 actor_id, zone)  # fmt: skip
        copy_rows(CaseEvent, bulk.EVENT_FIELDS, events, batch_size=batch_size)
        # Past months' figures change: their roll-ups are counted live until refreshed.
        note_rows(NormativeDocument, documents)
    return documents


def _prepare_filing(filing: FilingCase, actor, zone, due_of, filing_due_of) -> tuple:
    document = filing.document
    filing.issuing_body_id = filing.issuing_body_id or document.issuing_body_id
    filing.organization_id = filing.organization_id or document.organization_id
    filing.region_code = filing.region_code or document.region_code
    filing.team_id = filing.team_id or filing.organization_id
    if getattr(actor, "pk", None):
        filing.created_by = actor
    # Filed on its day at 09:00 unless the record gives a time on that day (filing_submit).
    filing.received_at = _stamp(filing.received_at, filing.filed_on, 9, zone)
    # Due and late as filing_submit sets them, whatever the record said.
    filing.filing_due = filing_due_of(document.published_on)
    filing.late = filing.filed_on > filing.filing_due
    if document.published_on is None:
        raise ValueError(f"{document.title}: only a published document is filed")
    if filing.filed_on < document.published_on:
        raise ValueError(f"{document.title}: filed on {filing.filed_on}, before its "
                         f"publication on {document.published_on}")  # fmt: skip
    steps = filing_steps(filing, zone)
    filing.state = steps[-1][2]
    filing.version = len(steps)
    if filing.state == F.CLOSED:
        closed = steps[-1][3]
        filing.closed_at = _stamp(filing.closed_at, closed, 16, zone)
    else:
        filing.closed_at = None
    clocks = bulk.replay_clocks(
        FILING_PROCESS,
        filing,
        ((name, after, day) for name, _before, after, day in steps),
        lambda clock, _day: due_of(clock["started_on"], clock["length"], clock["unit"]),
    )
    running = [
        c["due"]
        for c in clocks
        if c["state"] != ClockState.STOPPED and FILING_PROCESS.clock(c["key"]).sets_case_due
    ]
    earliest = min((due.date for due in running), default=None)
    filing.due_date = earliest
    filing.due_provisional = any(d.provisional for d in running if d.date == earliest)
    return steps, clocks


def write_filings(filings: list[FilingCase], *, actor=None,
                  batch_size: int = 2000) -> list[FilingCase]:  # fmt: skip
    """Write past filings of saved, published documents in one transaction (each filing's
    `document` set, its `organization` the bureau it was filed with — by default the
    document's), numbered in blocks per bureau and year in order of filing. Returns them."""
    zone = timezone.get_current_timezone()
    due_of = _due_counter()
    filing_due_of = functools.lru_cache(maxsize=None)(filing_due)
    process = FILING_PROCESS
    with transaction.atomic():
        prepared = {}
        for filing in filings:
            filing.document_id = filing.document.pk
            if filing.document_id is None:
                raise ValueError("a filing is written after its document")
            if not filing.organization_id:
                filing.organization = filing.document.organization
            prepared[id(filing)] = _prepare_filing(filing, actor, zone, due_of, filing_due_of)
        bulk.issue_numbers(filings, series=process.number_series,
                           pattern=process.number_pattern, zone=zone)  # fmt: skip
        copy_insert(FilingCase, filings, batch_size=batch_size)
        bulk.advance_sequences(filings, process.number_series)
        content_type_id = ContentType.objects.get_for_model(FilingCase).pk
        actor_id = actor.pk if getattr(actor, "pk", None) else None
        events = bulk.event_rows(content_type_id, filings, lambda f, _z: prepared[id(f)][0],
                                 actor_id, zone)  # fmt: skip
        copy_rows(CaseEvent, bulk.EVENT_FIELDS, events, batch_size=batch_size)
        copy_rows(Clock, bulk.CLOCK_FIELDS, _clock_rows(filings, prepared, content_type_id),
                  batch_size=batch_size)  # fmt: skip
        note_rows(FilingCase, filings)
    return filings


def _clock_rows(filings, prepared, content_type_id):
    for filing in filings:
        ref = bulk.ref(content_type_id, filing)
        for c in prepared[id(filing)][1]:
            yield bulk.clock_row(ref, c["key"], c["unit"], c["length"], c["started_on"],
                                 c["due"], c["stopped_on"], c["state"])  # fmt: skip


def write(records: list[Record], *, actor=None, batch_size: int = 2000) -> list[Record]:
    """Write the documents, then their filings, in one transaction (all or nothing)."""
    with transaction.atomic():
        write_documents([r.document for r in records], actor=actor, batch_size=batch_size)
        filings = []
        for record in records:
            if record.filing is not None:
                record.filing.document = record.document
                filings.append(record.filing)
        write_filings(filings, actor=actor, batch_size=batch_size)
    return records
