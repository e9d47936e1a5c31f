"""The major decisions test world: the shared fixture world with its two more agencies
(`agencies`, conftest.py at the root: 城管 is a lead unit and a decision-maker of its own), and
helpers to start decisions and fire steps on fixed dates (cases.testing).

Decision-makers: 海珠区市场监督管理局 (world.haizhu_agency, handler agency_haizhu); 海珠区城市
管理和综合执法局 (chengguan, handler agency_chengguan); 白云区发展和改革局 (baiyun_agency). The
bureau that follows them: 海珠区司法局 (clerk_haizhu) or 白云区司法局 (clerk_baiyun)."""

from __future__ import annotations

import datetime

import pytest

from cases.testing import fire, holidays, on
from core.testing import pdf

PHONE = "13800138000"
D = datetime.date


@pytest.fixture(autouse=True)
def _holidays(db):
    holidays()


@pytest.fixture
def dw(agencies):
    return agencies


def start(w, day, *, actor=None, maker=None, **data):
    from decisions.services import decision_start

    fields = {
        "title": "海珠区农贸市场升级改造三年行动方案",
        "matter_kind": "plan",
        "decision_maker": maker or w.haizhu_agency,
        "lead_unit": w.chengguan,
        "summary": "对辖区42个农贸市场分批升级改造。",
        **data,
    }
    with on(day):
        return decision_start(actor=actor or w.clerk_haizhu, data=fields)


def evidence(decision, step, actor):
    from decisions.services import evidence_add

    return evidence_add(decision=decision, actor=actor, step=step, upload=pdf(f"{step}.pdf"))


DRAFT = {
    "draft_text": "第一条 为推进农贸市场升级改造，制定本方案。",
    "draft_explanation": "起草背景、依据和主要内容的说明。",
}


def draft(decision, day, actor):
    with on(day):
        return fire(decision, "record_draft", actor, **DRAFT)


def open_comment(decision, day, actor, days=30, reason=""):
    with on(day):
        return fire(decision, "open_comment", actor, comment_days=days, short_period_reason=reason)


def legality(decision, day, actor, conclusion="lawful"):
    with on(day):
        evidence(decision, "legality", actor)
        return fire(decision, "legality_review", actor,
                    legality_case_number="（2026）海司合审字第0007号",
                    legality_conclusion=conclusion)  # fmt: skip


def meeting(decision, day, actor, result="adopted"):
    with on(day):
        evidence(decision, "collective", actor)
        return fire(decision, "collective_discussion", actor, meeting_type="executive",
                    meeting_result=result, dissent="一名副区长认为改造批次过密。")  # fmt: skip


def comment(decision, day, body="建议保留早市。", name=""):
    from decisions.services import comment_submit

    with on(day):
        return comment_submit(decision=decision, name=name, phone=PHONE, body=body)


def answer_all(decision, day, actor):
    from decisions.services import comment_answer

    with on(day):
        for c in decision.comments.all():
            comment_answer(comment=c, actor=actor, answer="adopted")


def publish_answers(decision, day, actor):
    with on(day):
        return fire(decision, "publish_answers", actor, answers_summary="共收到意见，已逐条研究。")


def decide(decision, day, actor):
    with on(day):
        return fire(decision, "decide", actor, decision_number="海府〔2026〕12号")
