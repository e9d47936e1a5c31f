"""The normative documents test world: the shared fixture world with its two more agencies
(`agencies`, conftest.py at the root) and a 海珠 leader, and helpers that register, review,
issue and publish documents on fixed dates (cases.testing).

The legality review a document needs is another line's case: it is created here through the
model registry and the case engine (apps.get_model, engine.fire), as normative does, never by
importing the legality line."""

from __future__ import annotations

import datetime

import pytest
from django.apps import apps

from cases import engine
from cases.testing import fire, holidays, on
from conftest import _user
from core.roles import Role

D = datetime.date


@pytest.fixture(autouse=True)
def _holidays(db):
    holidays()


@pytest.fixture
def nw(agencies):
    w = agencies
    w.leader_haizhu = _user("leader_haizhu", w.haizhu_bureau, Role.LEADER)
    return w


OPINION = {
    "opinion_authority": "制定主体为区人民政府工作部门，在其法定职权范围内。",
    "opinion_procedure": "已履行公开征求意见程序。",
    "opinion_conformity": "符合法律、法规、规章规定。",
    "points": "第八条罚款数额应与上位法一致",
}


def legality_review(w, day, *, department=None, bureau=None, opinion_on=None,
                    conclusion="lawful_if_revised", kind="document"):  # fmt: skip
    """A legality review of `department` registered on `day`, with an opinion on `opinion_on`
    (none if None), through the registry and the engine."""
    model = apps.get_model("legality", "LegalityReview")
    department = department or w.haizhu_agency
    bureau = bureau or w.haizhu_bureau
    with on(day):
        review = model(kind=kind, department=department, organization=bureau,
                       region_code=bureau.region_id, title="关于规范占道经营管理的暂行规定（送审稿）",
                       submitted_on=day)  # fmt: skip
        engine.open_case(review, actor=w.clerk_haizhu if bureau == w.haizhu_bureau
                         else w.clerk_baiyun, on_date=day)  # fmt: skip
    if opinion_on is not None:
        clerk = w.clerk_haizhu if bureau == w.haizhu_bureau else w.clerk_baiyun
        with on(opinion_on):
            review = fire(review, "issue_opinion", clerk, conclusion=conclusion, **OPINION)
    return review


def register(w, day, *, actor=None, body=None, title="广州市海珠区占道经营管理暂行规定",
             kind="department", full_text="第一条 为规范占道经营管理，制定本规定。"):  # fmt: skip
    from normative.services import document_register

    with on(day):
        return document_register(actor=actor or w.agency_haizhu, issuing_body=body or w.haizhu_agency,
                                 data={"title": title, "kind": kind, "full_text": full_text})  # fmt: skip


def issue(w, document, day, *, unified_number, review, actor=None, document_number="海市监规〔2026〕1号"):  # fmt: skip
    with on(day):
        return fire(document, "issue", actor or w.clerk_haizhu, unified_number=unified_number,
                    document_number=document_number, review_number=review.number,
                    signed_on=day.isoformat())  # fmt: skip


def publish(w, document, day, *, effective_from, valid_until="", actor=None):
    with on(day):
        return fire(document, "publish", actor or w.clerk_haizhu,
                    effective_from=effective_from.isoformat(),
                    valid_until=valid_until.isoformat() if valid_until else "")  # fmt: skip


_SEQ = [0]


def published_document(w, *, published_on, effective_from, title="广州市海珠区占道经营管理规定",
                       body=None, valid_until="", actor=None):  # fmt: skip
    """A document registered, reviewed, issued and published on `published_on`."""
    body = body or w.haizhu_agency
    bureau = w.haizhu_bureau if body.region_id.startswith("440105") else w.baiyun_bureau
    clerk = w.clerk_haizhu if bureau == w.haizhu_bureau else w.clerk_baiyun
    handler = {w.haizhu_agency.pk: w.agency_haizhu}.get(body.pk) or clerk
    _SEQ[0] += 1
    review = legality_review(w, published_on, department=body, bureau=bureau,
                             opinion_on=published_on)  # fmt: skip
    document = register(w, published_on, actor=handler, body=body, title=title)
    document = issue(w, document, published_on, review=review, actor=clerk,
                     unified_number=f"穗海规〔{published_on.year}〕{_SEQ[0]}号",
                     document_number=f"海府办〔{published_on.year}〕{_SEQ[0]}号")  # fmt: skip
    return publish(w, document, published_on, effective_from=effective_from,
                   valid_until=valid_until, actor=clerk)  # fmt: skip
