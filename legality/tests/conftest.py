"""The legality review test world: the shared fixture world (conftest.py at the root) plus a
second 海珠 agency with its own handler and a 白云 agency, and helpers to submit drafts and fire
steps on fixed dates.

Departments: 海珠区市场监督管理局 (world.haizhu_agency, handler agency_haizhu); 海珠区城市管理和
综合执法局 (chengguan, handler agency_chengguan); 白云区发展和改革局 (baiyun_agency, handler
agency_baiyun). Reviewing bureau: 海珠区司法局 (clerk_haizhu), or 白云区司法局."""

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
from legality.choices import required_materials

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
_DAY: list[datetime.date] = []


@pytest.fixture(autouse=True)
def _holidays(db):
    if not CalendarYear.objects.exists():
        sync_from_package()


@pytest.fixture
def lw(world):
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


def pdf(name: str = "材料.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF + f"% {name}\n".encode(), content_type="application/pdf")


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


def fire(case, name, actor, **data):
    data.setdefault("on_date", _DAY[-1].isoformat())
    return engine.fire(case, name, actor=actor, data=data, version=case.version)


OPINION = {
    "conclusion": "lawful_if_revised",
    "opinion_authority": "制定主体为区人民政府工作部门，在其法定职权范围内。",
    "opinion_procedure": "已履行公开征求意见程序，征求意见期间不少于七个工作日。",
    "opinion_conformity": "第五条设定的备案要求缺乏上位法依据，其余条款符合法律、法规、规章规定。",
    "points": "删除第五条关于备案的规定\n第八条罚款数额应与上位法一致",
}
