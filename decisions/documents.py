"""The documents (文书) of a major administrative decision (重大行政决策程序暂行条例 = DEC, State
Council Decree 713; reference/statutes-lines.md §A, "Documents": content ✅, titles common
practice ◑), from the data the line records, as DOCX and PDF through cases.documents.
Templates: decisions/doctemplates (built by `python -m decisions.doctemplates.build`).

- 征求意见公告 (`notice`): the lead unit publishes the draft and its explanation for public
  comment with how and by when to comment (DEC Art. 15 ✅): the period in days ("一般不少于30
  日"), counted from the day after the notice, its last day, the reasons for a shorter period
  (stated in the notice, Art. 15), and the portal page where the public comments. Once the
  comment period is opened (`open_comment`).
- 公众意见采纳情况说明 (`answers`): the comments received, grouped as adopted and not adopted,
  each with its answer and the reasons (Art. 18: reasonable opinions adopted), never the
  commenter's name or phone (as the portal shows them). Once the handling is published
  (`publish_answers`, which needs the period over and every comment answered).
- 重大行政决策决定记录 (`decision`): the procedure performed (public participation or its
  exemption, hearing, expert argumentation, risk assessment, legality review, Arts. 14–28), the
  collective discussion — meeting, date, result, dissent recorded as it was (Arts. 30–31 ✅) —,
  the decision's date and document number, and its publication (Art. 32). Once decided.

The forms are official Chinese text: their labels are the statute's words, not the interface's
translations. What is not recorded comes out as a line to fill in by hand.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from cases.documents import (
    blank,
    clean_text,
    cn_date,
    kind_maker,
    register_all,
    text_lines,
    when_set,
)
from core.roles import Role
from decisions.choices import Answer
from decisions.process import COMMENT_DAYS, WRITERS

LABEL = "decisions.majordecision"
TEMPLATES = Path(__file__).resolve().parent / "doctemplates"
VERSION = "2026.1"

make = kind_maker(TEMPLATES, VERSION)

#: Those who record the steps (the bureau's legal section, the decision-maker's handlers) and
#: the administrator.
ROLES = WRITERS | {Role.SYSTEM_ADMIN}

# The forms' own words (official Chinese text, not the interface's translations).
#: DEC Art. 3 ¶1 (1)–(5).
MATTER_WORDS = {
    "public_policy": "重大公共政策和措施",
    "plan": "重要规划",
    "resources": "开发利用、保护重要自然资源和文化资源的重大公共政策和措施",
    "project": "重大公共建设项目",
    "other": "对经济社会发展有重大影响的其他重大事项",
}
#: DEC Art. 30; a department (Art. 42, 参照) at its leadership meeting.
MEETING_WORDS = {
    "executive": "常务会议",
    "plenary": "全体会议",
    "department": "领导班子会议",
}
RESULT_WORDS = {"adopted": "审议通过", "deferred": "暂缓决策，进一步研究"}
CONCLUSION_WORDS = {"lawful": "合法", "lawful_if_revised": "修改后合法", "unlawful": "不合法"}


def portal_url(decision) -> str:
    """The portal page of the draft, where the public reads it and comments."""
    path = reverse("decisions:public_detail", args=[decision.pk])
    return f"{settings.FAZHI_SITE_URL.rstrip('/')}{path}"


def notice_context(decision) -> dict:
    reason = clean_text(decision.short_period_reason)
    days = decision.comment_days
    return {
        "number": decision.number,
        "title": clean_text(decision.title),
        "maker": clean_text(decision.decision_maker.name),
        "lead_unit": clean_text(decision.lead_unit.name),
        "days": days if days is not None else blank("", 2),
        "closes_date": cn_date(decision.comment_closes_on),
        "short_reason": reason if days is not None and days < COMMENT_DAYS else "",
        "portal_url": portal_url(decision),
        "draft": text_lines(decision.draft_text),
        "explanation": text_lines(decision.draft_explanation),
        "opens_date": cn_date(decision.comment_opens_on),
    }


def _comment_row(comment) -> dict:
    return {
        "number": comment.number,
        "received": cn_date(comment.received_on),
        "body": clean_text(comment.body),
        "reasons": clean_text(comment.reasons)
        or ("予以采纳。" if comment.answer == Answer.ADOPTED else blank()),
    }


def round_comments(decision):
    """The comments on the draft of the decision's current procedure round: a major adjustment
    (DEC Art. 37) runs public participation again, and an earlier round's comments stay on the
    record without counting for it."""
    rows = decision.comments.all()
    if hasattr(decision, "round"):
        rows = rows.filter(round=decision.round)
    return rows


def answers_context(decision) -> dict:
    comments = list(round_comments(decision).order_by("number"))
    adopted = [_comment_row(c) for c in comments if c.answer == Answer.ADOPTED]
    rejected = [_comment_row(c) for c in comments if c.answer == Answer.NOT_ADOPTED]
    summary = [clean_text(line) for line in decision.answers_summary.splitlines()]
    return {
        "number": decision.number,
        "title": clean_text(decision.title),
        "lead_unit": clean_text(decision.lead_unit.name),
        "opens_date": cn_date(decision.comment_opens_on),
        "closes_date": cn_date(decision.comment_closes_on),
        "total": len(comments),
        "adopted_count": len(adopted),
        "rejected_count": len(rejected),
        "adopted": adopted,
        "rejected": rejected,
        "summary": [line for line in summary if line],
        "published_date": cn_date(decision.answers_published_on),
    }


def _participation(decision) -> str:
    if decision.participation_exempt:
        return f"依法不予公开，未公开征求意见。理由：{clean_text(decision.exemption_reason)}"
    if decision.comment_opens_on is None:
        return blank()
    comments = round_comments(decision)
    text = (
        f"{cn_date(decision.comment_opens_on)}公开征求意见，期限{decision.comment_days}日，"
        f"至{cn_date(decision.comment_closes_on)}止；收到意见{comments.count()}条，采纳"
        f"{comments.filter(answer=Answer.ADOPTED).count()}条"
    )
    if decision.answers_published_on:
        text += f"；{cn_date(decision.answers_published_on)}公布意见采纳情况"
    return text + "。"


def _hearing(decision) -> str:
    if decision.hearing_on is None:
        return "未举行听证"
    return f"{cn_date(decision.hearing_on)}在{clean_text(decision.hearing_place)}举行听证会"


def _expert(decision) -> str:
    if decision.expert_on is None:
        return "未进行" if decision.expert_triggered else "不涉及"
    return f"{cn_date(decision.expert_on)}：{clean_text(decision.expert_summary)}"


def _risk(decision) -> str:
    if decision.risk_on is None:
        return "未进行" if decision.risk_triggered else "不涉及"
    return (
        f"{cn_date(decision.risk_on)}由{clean_text(decision.risk_assessor)}完成风险评估："
        f"{clean_text(decision.risk_summary)}"
    )


def _legality(decision) -> str:
    if decision.legality_opinion_on is None:
        return blank()
    conclusion = CONCLUSION_WORDS.get(decision.legality_conclusion, blank())
    return (
        f"{blank(decision.legality_case_number)}，{cn_date(decision.legality_opinion_on)}出具"
        f"审查意见，结论：{conclusion}"
    )


def _catalogue(decision) -> str:
    item = decision.catalogue_item
    if item is None:
        return "未列入决策事项目录"
    return f"{item.catalogue.year}年度决策事项目录第{item.number}项"


def decision_context(decision) -> dict:
    meeting = MEETING_WORDS.get(decision.meeting_type, blank())
    return {
        "number": decision.number,
        "title": clean_text(decision.title),
        "maker": clean_text(decision.decision_maker.name),
        "lead_unit": clean_text(decision.lead_unit.name),
        "matter": MATTER_WORDS.get(decision.matter_kind, blank()),
        "catalogue": _catalogue(decision),
        "started_date": cn_date(decision.started_on),
        "participation": _participation(decision),
        "hearing": _hearing(decision),
        "expert": _expert(decision),
        "risk": _risk(decision),
        "legality": _legality(decision),
        "meeting": f"{cn_date(decision.meeting_on)}，{meeting}",
        "meeting_result": RESULT_WORDS.get(decision.meeting_result, blank()),
        "dissent": text_lines(decision.dissent) if decision.dissent.strip() else ["无"],
        "decided_date": cn_date(decision.decided_on),
        "decision_number": blank(decision.decision_number),
        "publication": (
            f"{cn_date(decision.published_on)}在{clean_text(decision.publication_channels)}公布"
            if decision.published_on
            else "尚未公布"
        ),
        "bureau": clean_text(decision.organization.name),
    }


NOTICE = make(
    "notice",
    "征求意见公告",
    notice_context,
    available=when_set("comment_opens_on"),
    unavailable_reason=_(
        "The comment notice is made once the draft is published for public comment "
        "(Decree 713, Arts. 14, 15)."
    ),
    roles=ROLES,
)

ANSWERS = make(
    "answers",
    "公众意见采纳情况说明",
    answers_context,
    available=when_set("answers_published_on"),
    unavailable_reason=_(
        "The account of how the comments were handled is made once it is published, after the "
        "comment period and with every comment answered (Decree 713, Art. 18)."
    ),
    roles=ROLES,
)

DECISION = make(
    "decision",
    "重大行政决策决定记录",
    decision_context,
    available=when_set("decided_on"),
    unavailable_reason=_(
        "The decision record is made once the decision is made after the collective discussion "
        "(Decree 713, Arts. 30, 31)."
    ),
    roles=ROLES,
)

register_all(LABEL, [NOTICE, ANSWERS, DECISION])
