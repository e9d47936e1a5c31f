"""The documents (文书) of enforcement supervision, from the data the line records, as DOCX and
PDF. Templates: enforcement/doctemplates (built by `python -m enforcement.doctemplates.build`).

Dispatch (`enforcement.dispatch`, a case: generated and kept through cases.documents):
- 行政执法投诉交办函 (`letter`, title ◑ common practice): from the bureau to the responsible
  body: the problem complained about (when, where, what; never who complained: CQ-JD
  Art. 18(4), SD-JD Art. 38(4)), what the body is asked to do, the reply deadline (the current
  round's, FAZHI_ENFORCEMENT_DISPATCH_DAYS working days) and the dispatch and complaint numbers;
  after a send-back (退回重办) the round and the reasons. Always available: a dispatch exists
  only once the complaint is dispatched.

Complaint (`enforcement.complaint`, a case):
- 行政执法监督意见书 (`opinion`; the title is SD-JD Art. 28's ✅): to the body complained about
  (or the bodies dispatched), once the bureau has verified the replies and closed the complaint
  finding it substantiated or partly substantiated: the facts found (the complaint, each body's
  accepted reply, the finding), the basis, the bureau's opinion (its closing answer) and what
  the body must do — correct within 30 days of the opinion and report (SD-JD Art. 28 ✅).

Reviewed case file (`enforcement.reviewedfile`, not a case: rendered on request by
enforcement.document_views, nothing stored; each download is written to the audit log):
- 行政执法案卷评查整改通知书 (`rectification`, title ◑): to the file's agency: the campaign, the
  file (number, body, decision date, points per part of the rubric, grade, veto), the problems
  found and the items notified to rectify, each by its deadline (the notice + the campaign's
  days, SD-JD Art. 28: 30 days, enforcement.review_services.rectification_notify). Once at
  least one rectification is notified.

Legal basis (❓ configurable): the national 行政执法监督条例 (in force 2026-02-01) is not in
the collection (reference/statutes-lines.md §C.8); the forms cite 行政处罚法 Art. 75 ✅ and, for
the review and the opinion, 山东省行政执法监督条例 Arts. 14, 28 ✅ (as the line's rules do). A
deployment sets its own wording in settings.FAZHI_ENFORCEMENT_DOCUMENT_BASIS (a dict with the
keys "letter", "rectification", "opinion"), and the opinion's period in
settings.FAZHI_ENFORCEMENT_OPINION_DAYS (default 30).

The forms are official Chinese text: their labels are the statutes' and practice's words, not
the interface's translations. What is not recorded comes out as a line to fill in by hand.
"""

from __future__ import annotations

import datetime
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from cases.documents import (
    DocumentKind,
    blank,
    clean_text,
    cn_date,
    kind_maker,
    numbered,
    register_all,
    text_lines,
)
from core.roles import Role
from enforcement.complaint_choices import Finding, Verdict

DISPATCH_LABEL = "enforcement.dispatch"
COMPLAINT_LABEL = "enforcement.complaint"
TEMPLATES = Path(__file__).resolve().parent / "doctemplates"
VERSION = "2026.1"

make = kind_maker(TEMPLATES, VERSION)

#: The bureau's papers: its enforcement-supervision section (and the administrator).
BUREAU = frozenset({Role.SECTION_STAFF, Role.SYSTEM_ADMIN})

# The forms' own words (official Chinese text, not the interface's translations).
DEFAULT_BASIS = {
    "letter": "《中华人民共和国行政处罚法》第七十五条",
    "rectification": "《中华人民共和国行政处罚法》第七十五条和《山东省行政执法监督条例》第十四条",
    "opinion": "《中华人民共和国行政处罚法》第七十五条和《山东省行政执法监督条例》第二十八条",
}
FINDING_WORDS = {
    Finding.SUBSTANTIATED.value: "投诉反映的问题属实。",
    Finding.PARTLY.value: "投诉反映的问题部分属实。",
    Finding.UNSUBSTANTIATED.value: "投诉反映的问题不属实。",
}
OPINION_WORDS = {
    Finding.SUBSTANTIATED.value: "你单位在上述行政执法活动中存在违法或者不当之处，应当依法予以纠正。",
    Finding.PARTLY.value: "你单位在上述行政执法活动中存在部分违法或者不当之处，应当依法予以纠正。",
}
GRADE_WORDS = {"excellent": "优秀", "pass": "合格", "fail": "不合格"}
OPINION_FINDINGS = frozenset(OPINION_WORDS)


def basis(key: str) -> str:
    configured = settings.FAZHI_ENFORCEMENT_DOCUMENT_BASIS
    return clean_text(configured.get(key) or DEFAULT_BASIS[key])


def opinion_days() -> int:
    return settings.FAZHI_ENFORCEMENT_OPINION_DAYS


# -- 交办函 ------------------------------------------------------------------------------------


def _reply_days(dispatch) -> int:
    from cases.models import Clock

    clock = Clock.for_case(dispatch).filter(key="reply").first()
    return clock.length if clock is not None else settings.FAZHI_ENFORCEMENT_DISPATCH_DAYS


def letter_context(dispatch) -> dict:
    complaint = dispatch.complaint
    rounds = list(dispatch.rounds.order_by("number"))
    current = rounds[-1] if rounds else None
    previous = rounds[-2] if len(rounds) > 1 else None
    return {
        "number": dispatch.number,
        "complaint_number": complaint.number,
        "body": clean_text(dispatch.body.name),
        "received_date": cn_date(complaint.received_at),
        "basis": basis("letter"),
        "happened_date": cn_date(complaint.happened_on),
        "place": clean_text(complaint.place),
        "facts": text_lines(complaint.facts),
        "instructions": text_lines(dispatch.instructions),
        "resent": previous is not None,
        "round": current.number if current else dispatch.round,
        "previous_reply_date": cn_date(previous.replied_on) if previous else "",
        "send_back_reasons": text_lines(previous.reasons) if previous else [],
        "due_date": cn_date(current.due_date if current else dispatch.due_date),
        "days": _reply_days(dispatch),
        "bureau": clean_text(dispatch.organization.name),
        "dispatched_date": cn_date(current.started_on if current else None),
    }


# -- 行政执法监督意见书 ----------------------------------------------------------------------------


def _accepted_reply(dispatch):
    """The reply the bureau accepted (the last round's, once verified). The rounds come from
    the dispatch's prefetched rounds when the caller prefetched them (opinion_context)."""
    rows = sorted((r for r in dispatch.rounds.all() if r.replied_on), key=lambda r: r.number)
    accepted = [r for r in rows if r.verdict == Verdict.ACCEPTED]
    return (accepted or rows or [None])[-1]


def opinion_context(complaint) -> dict:
    # Every dispatch's rounds in one query, not one per dispatch.
    dispatches = list(
        complaint.dispatches.select_related("body").prefetch_related("rounds").order_by("id")
    )
    replies = []
    for dispatch in dispatches:
        reply = _accepted_reply(dispatch)
        if reply is not None:
            replies.append(
                {
                    "body": clean_text(dispatch.body.name),
                    "date": cn_date(reply.replied_on),
                    "text": clean_text(" ".join(text_lines(reply.reply))),
                }
            )
    if complaint.body_id:
        addressee = complaint.body.name
    else:
        addressee = "、".join(dict.fromkeys(d.body.name for d in dispatches))
    answered = complaint.answered_on
    days = opinion_days()
    deadline = answered + datetime.timedelta(days=days) if answered else None
    opinion = [OPINION_WORDS[complaint.finding]] if complaint.finding in OPINION_WORDS else []
    if complaint.answer.strip():
        opinion += text_lines(complaint.answer)
    return {
        "number": complaint.number,
        "body": blank(addressee or complaint.agency_named),
        "received_date": cn_date(complaint.received_at),
        "happened_date": cn_date(complaint.happened_on),
        "place": clean_text(complaint.place),
        "facts": text_lines(complaint.facts),
        "replies": replies,
        "finding": FINDING_WORDS.get(complaint.finding, blank()),
        "basis": basis("opinion") + "。",
        "opinion": opinion or text_lines(""),
        "days": days,
        "deadline": cn_date(deadline),
        "bureau": clean_text(complaint.organization.name),
        "issued_date": cn_date(answered),
    }


def opinion_available(complaint) -> bool:
    from enforcement.complaint_process import C

    return complaint.state == C.CLOSED and complaint.finding in OPINION_FINDINGS


# -- 整改通知书 ----------------------------------------------------------------------------------


def rectification_context(file) -> dict:
    campaign = file.campaign
    rects = list(file.rectifications.order_by("notified_on", "id"))
    deadlines = sorted({r.deadline for r in rects})
    several = len(deadlines) > 1
    items = [
        clean_text(r.problem) + (f"（整改期限：{cn_date(r.deadline)}）" if several else "")
        for r in rects
    ]
    problems = [clean_text(p) for p in (file.problems or []) if clean_text(p)]
    scores = file.scores or {}
    parts = [
        {
            "name": clean_text(p.get("name")),
            "max": p.get("max"),
            "points": scores.get(p.get("key"), "—"),
            "basis": clean_text(p.get("basis")),
        }
        for p in campaign.parts()
    ]
    decision = file.decision
    return {
        "number": blank("", 10),
        "agency": clean_text(file.agency.name),
        "campaign": clean_text(campaign.title),
        "year": campaign.year,
        "basis": basis("rectification"),
        "case_number": clean_text(decision.case_number),
        "body": clean_text(file.body.name),
        "decided_date": cn_date(decision.decided_on),
        "scored_date": cn_date(file.scored_on),
        "total": (
            f"{file.total}分（满分{campaign.max_total}分）" if file.total is not None else blank()
        ),
        "grade": GRADE_WORDS.get(file.grade, blank()),
        "veto": clean_text(file.veto_reason) if file.vetoed else "无",
        "parts": parts,
        "problems": numbered(problems or [clean_text(r.problem) for r in rects] or ["无"]),
        "items": numbered(items) if items else text_lines(""),
        "days": campaign.rectification_days,
        "deadline": cn_date(deadlines[-1] if deadlines else None),
        "bureau": clean_text(campaign.organization.name),
        "notified_date": cn_date(max((r.notified_on for r in rects), default=None)),
    }


def rectification_available(file) -> bool:
    return file.scored_on is not None and file.rectifications.exists()


LETTER = make(
    "letter",
    "行政执法投诉交办函",
    letter_context,
    roles=BUREAU,
)

OPINION = make(
    "opinion",
    "行政执法监督意见书",
    opinion_context,
    available=opinion_available,
    unavailable_reason=_(
        "The supervision opinion is made once the complaint is closed and found substantiated "
        "or partly substantiated."
    ),
    roles=BUREAU,
)

#: Not registered: a reviewed file is not a case; enforcement.document_views renders it.
RECTIFICATION: DocumentKind = make(
    "rectification",
    "行政执法案卷评查整改通知书",
    rectification_context,
    available=rectification_available,
    unavailable_reason=_(
        "The rectification notice is made once a problem of the file is notified."
    ),
)

register_all(DISPATCH_LABEL, [LETTER])
register_all(COMPLAINT_LABEL, [OPINION])
