"""The major decisions test world: the shared fixture world (conftest.py at the root) plus a
second 海珠 agency (a lead unit and a decision-maker of its own, with its handler) and a 白云
agency, and helpers to start decisions and fire steps on fixed dates.

Decision-makers: 海珠区市场监督管理局 (world.haizhu_agency, handler agency_haizhu); 海珠区城市
管理和综合执法局 (chengguan, handler agency_chengguan); 白云区发展和改革局 (baiyun_agency). The
bureau that follows them: 海珠区司法局 (clerk_haizhu) or 白云区司法局 (clerk_baiyun)."""

from __future__ import annotations

import datetime
from contextlib import contextmanager
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from cases import engine
from cases.calendar import sync_from_package
from cases.models import CalendarYear
from core.models import Membership, Organization, OrganizationKind, User
from core.roles import Role

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
PHONE = "13800138000"
_DAY: list[datetime.date] = []
D = datetime.date


@pytest.fixture(autouse=True)
def _holidays(db):
    if not CalendarYear.objects.exists():
        sync_from_package()


@pytest.fixture
def dw(world):
    w = world
    w.chengguan = Organization.objects.create(
        name="海珠区城市管理和综合执法局", kind=OrganizationKind.AGENCY, region=w.haizhu
    )
    w.baiyun_agency = Organization.objects.create(
        name="白云区发展和改革局", kind=OrganizationKind.AGENCY, region=w.baiyun
    )
    w.agency_chengguan = _user("agency_chengguan", w.chengguan, Role.AGENCY_HANDLER)
    w.agency_baiyun = _user("agency_baiyun", w.baiyun_agency, Role.AGENCY_HANDLER)
    return w


def _user(username, organization, role):
    user = User.objects.create_user(username=username, password="Testing2026pass",
                                    full_name=username)  # fmt: skip
    Membership.objects.create(user=user, organization=organization, role=role)
    return user


@contextmanager
def on(day: datetime.date):
    """Travel to 10:00 on `day`; what is done inside takes it as its date."""
    _DAY.append(day)
    moment = datetime.datetime.combine(day, datetime.time(10), tzinfo=ZoneInfo("Asia/Shanghai"))
    with time_machine.travel(moment, tick=False):
        try:
            yield
        finally:
            _DAY.pop()


def pdf(name: str = "证据.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF + f"% {name}\n".encode(), content_type="application/pdf")


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


def fire(case, name, actor, **data):
    data.setdefault("on_date", _DAY[-1].isoformat())
    return engine.fire(case, name, actor=actor, data=data, version=case.version)


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
