"""The legality review test world: the shared fixture world with its two more agencies
(`agencies`, conftest.py at the root), and helpers to submit drafts and fire steps on fixed
dates (cases.testing).

Departments: 海珠区市场监督管理局 (world.haizhu_agency, handler agency_haizhu); 海珠区城市管理和
综合执法局 (chengguan, handler agency_chengguan); 白云区发展和改革局 (baiyun_agency, handler
agency_baiyun). Reviewing bureau: 海珠区司法局 (clerk_haizhu), or 白云区司法局."""

from __future__ import annotations

import pytest

from cases.testing import fire, holidays, on  # noqa: F401  (the tests import them from here)
from core.testing import PDF, pdf  # noqa: F401  (the tests import them from here)
from legality.choices import required_materials


@pytest.fixture(autouse=True)
def _holidays(db):
    holidays()


@pytest.fixture
def lw(agencies):
    return agencies


def materials_for(kind: str, market_activity: bool = False, *, leave_out=()) -> dict:
    return {
        category: pdf(f"{category}.pdf")
        for category in required_materials(kind, market_activity)
        if category not in leave_out
    }


def submit(w, day, kind="document", *, actor=None, department=None, bureau=None,
           market_activity=False, leave_out=(), **data):  # fmt: skip
    from legality.services import review_submit

    fields = {"kind": kind, "title": "关于规范城市道路占用管理的若干规定（送审稿）",
              "summary": "规范占道经营审批。", "market_activity": market_activity, **data}  # fmt: skip
    if kind == "contract":
        fields = {"counterparty": "广州某某建设有限公司", "amount": "1200000.00",
                  "term_start": "2026-11-01", "term_end": "2027-10-31",
                  "key_risks": "工期延误；付款条件不明确。", **fields}  # fmt: skip
    with on(day):
        return review_submit(
            actor=actor or w.agency_haizhu,
            organization=bureau or w.haizhu_bureau,
            department=department or w.haizhu_agency,
            data=fields,
            materials=materials_for(kind, market_activity, leave_out=leave_out),
        )


OPINION = {
    "conclusion": "lawful_if_revised",
    "opinion_authority": "制定主体为区人民政府工作部门，在其法定职权范围内。",
    "opinion_procedure": "已履行公开征求意见程序，征求意见期间不少于七个工作日。",
    "opinion_conformity": "第五条设定的备案要求缺乏上位法依据，其余条款符合法律、法规、规章规定。",
    "points": "删除第五条关于备案的规定\n第八条罚款数额应与上位法一致",
}
