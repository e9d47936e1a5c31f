"""The enforcement test world: the shared fixture world (conftest.py at the root) plus 海珠's
城管 (its own handler), a 白云 agency (its own handler), a 海珠 leader, and the registers'
helpers that write through the real services on fixed dates.

Bodies: 海珠区市场监督管理局 (ew.shijian_body, agency world.haizhu_agency, handler
agency_haizhu); 海珠区城市管理和综合执法局 (ew.chengguan_body, handler agency_chengguan);
白云区市场监督管理局 (ew.baiyun_body, handler agency_baiyun). Section staff: clerk_haizhu
(440105), clerk_baiyun (440111); leader_gz reads the city."""

from __future__ import annotations

import datetime
import random
from contextlib import contextmanager
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine

from core.demo import resident_id
from core.models import Membership, Organization, OrganizationKind, User
from core.roles import Role
from enforcement import services

D = datetime.date
_SEQ = [0]


@contextmanager
def on(day: datetime.date):
    """Travel to 10:00 on `day`; what is done inside takes it as its date."""
    moment = datetime.datetime.combine(day, datetime.time(10), tzinfo=ZoneInfo("Asia/Shanghai"))
    with time_machine.travel(moment, tick=False):
        yield


@pytest.fixture
def june_2026():
    """The decisions' tests are written on Wed 10 June 2026 (their days "in the future" lie
    after it): they keep that day whatever FAZHI_TEST_TODAY says."""
    with on(datetime.date(2026, 6, 10)):
        yield


def _user(username, organization, role):
    user = User.objects.create_user(username=username, password="Testing2026pass",
                                    full_name=username)  # fmt: skip
    Membership.objects.create(user=user, organization=organization, role=role)
    return user


def id_number(seed: int, county: str = "440105") -> str:
    return resident_id(random.Random(seed), county)


@pytest.fixture
def ew(world):
    w = world
    w.chengguan = Organization.objects.create(
        name="海珠区城市管理和综合执法局", kind=OrganizationKind.AGENCY, region=w.haizhu
    )
    w.baiyun_agency = Organization.objects.create(
        name="白云区市场监督管理局", kind=OrganizationKind.AGENCY, region=w.baiyun
    )
    w.agency_chengguan = _user("agency_chengguan", w.chengguan, Role.AGENCY_HANDLER)
    w.agency_baiyun = _user("agency_baiyun", w.baiyun_agency, Role.AGENCY_HANDLER)
    w.leader_haizhu = _user("leader_haizhu", w.haizhu_bureau, Role.LEADER)
    with on(D(2024, 1, 2)):
        w.shijian_body = body(w, w.haizhu_agency, "海珠区市场监督管理局", D(2019, 1, 1))
        w.chengguan_body = body(w, w.chengguan, "海珠区城市管理和综合执法局", D(2019, 1, 1))
        w.baiyun_body = body(w, w.baiyun_agency, "白云区市场监督管理局", D(2019, 1, 1),
                             actor=w.clerk_baiyun)  # fmt: skip
    return w


def body(w, agency, name, established_on=None, *, actor=None, kind="agency"):
    return services.body_register(actor=actor or w.clerk_haizhu, agency=agency, data={
        "name": name, "kind": kind, "legal_basis": "《中华人民共和国行政处罚法》第十七条",
        "established_on": established_on})  # fmt: skip


def power(w, body, code, valid_from, *, name=None, kind="penalty", valid_until=None, actor=None):
    with on(max(valid_from, D(2024, 1, 2))):
        return services.power_add(actor=actor or w.clerk_haizhu, body=body, data={
            "code": code, "name": name or f"权力事项{code}", "kind": kind,
            "legal_basis": "《中华人民共和国食品安全法》第一百二十二条", "valid_from": valid_from,
            "valid_until": valid_until})  # fmt: skip


def officer(w, body, name, seed, *, actor=None, day=None):
    day = day or D(2024, 1, 2)
    county = body.region_code[:6]
    with on(day):
        return services.officer_register(actor=actor or w.clerk_haizhu, body=body, data={
            "name": name, "id_number": id_number(seed, county), "post": "执法队员"})  # fmt: skip


def train(w, officer, day, hours, *, actor=None, topic="行政处罚法专题"):
    with on(day):
        return services.training_add(actor=actor or w.clerk_haizhu, officer=officer,
                                     data={"held_on": day, "hours": Decimal(str(hours)),
                                           "topic": topic})  # fmt: skip


def sitting(w, day, *, bureau=None, actor=None, pass_mark="", title=None):
    bureau = bureau or w.haizhu_bureau
    actor = actor or (w.clerk_haizhu if bureau == w.haizhu_bureau else w.clerk_baiyun)
    with on(day - datetime.timedelta(days=20)):
        return services.sitting_create(actor=actor, organization=bureau, data={
            "title": title or f"{day.year}年行政执法资格考试", "held_on": day, "place": "区政府礼堂",
            "pass_mark": pass_mark})  # fmt: skip


def sign_up(w, sitting, officer, *, day=None, actor=None):
    day = day or sitting.held_on - datetime.timedelta(days=10)
    with on(day):
        return services.candidate_sign_up(actor=actor or w.clerk_haizhu, sitting=sitting,
                                          officer=officer)  # fmt: skip


def results(w, sitting, scores: dict, *, actor=None, day=None):
    """scores: {candidate: score or "absent"}."""
    with on(day or sitting.held_on):
        return services.scores_record(actor=actor or w.clerk_haizhu, sitting=sitting,
                                      scores={c.pk: s for c, s in scores.items()})  # fmt: skip


def qualified(w, officer, exam_day, score=85, *, actor=None):
    """Train (40 hours a month before), sign up, sit and pass an exam held on `exam_day`."""
    actor = actor or (w.clerk_haizhu if officer.region_code.startswith("440105")
                      else w.clerk_baiyun)  # fmt: skip
    train(w, officer, exam_day - datetime.timedelta(days=30), 40, actor=actor)
    s = sitting(w, exam_day, bureau=w.haizhu_bureau if actor == w.clerk_haizhu
                else w.baiyun_bureau)  # fmt: skip
    c = sign_up(w, s, officer, actor=actor)
    results(w, s, {c: score}, actor=actor)
    c.refresh_from_db()
    return c


def issue(w, officer, number, issued_on, valid_until, *, actor=None):
    actor = actor or (w.clerk_haizhu if officer.region_code.startswith("440105")
                      else w.clerk_baiyun)  # fmt: skip
    with on(issued_on):
        return services.certificate_issue(actor=actor, officer=officer, data={
            "number": number, "issued_on": issued_on, "valid_until": valid_until})  # fmt: skip


def act(w, verb, certificate, day, reason="", *, actor=None):
    fn = getattr(services, f"certificate_{verb}")
    with on(day):
        return fn(actor=actor or w.clerk_haizhu, certificate=certificate,
                  data={"on_date": day, "reason": reason})  # fmt: skip
