"""The legal-services sector's test world: the shared fixture world (conftest.py at the root)
plus a 海珠 law firm with two lawyers (core.Lawyer, the one register) and a 白云 firm with one,
a 海珠 notary office and forensic institution with their profiles, a 白云 notary office, and the
city bureau's section staff (clerk_city, 广州市司法局), who decide penalties (律师法 Arts. 47–50).

Personas: clerk_haizhu (section staff, 440105), clerk_baiyun (440111), clerk_city (4401),
leader_gz (reads 4401), office_haizhu and mediator_haizhu (nothing of this line)."""

from __future__ import annotations

import datetime

import pytest

from cases import engine
from core.models import Lawyer, Membership, Organization, OrganizationKind, User
from core.roles import Role
from enforcement.tests.conftest import on
from profession import services
from profession.models import ForensicInstitution, LawFirm, NotaryOffice

D = datetime.date


def _org(name, kind, region):
    return Organization.objects.create(name=name, kind=kind, region=region)


@pytest.fixture
def pw(world):
    w = world
    user = User.objects.create_user("clerk_city", password="Testing2026pass")
    Membership.objects.create(user=user, organization=w.city_bureau, role=Role.SECTION_STAFF)
    w.clerk_city = user
    firm = _org("广东海珠律师事务所", OrganizationKind.LAW_FIRM, w.haizhu)
    baiyun_firm = _org("广东白云律师事务所", OrganizationKind.LAW_FIRM, w.baiyun)
    w.firm = LawFirm.objects.create(organization=firm, licence_number="31440000MD0000001X",
                                    form="partnership")  # fmt: skip
    w.baiyun_firm = LawFirm.objects.create(organization=baiyun_firm,
                                           licence_number="31440000MD0000002X", form="sole")  # fmt: skip
    w.lawyer_a = Lawyer.objects.create(name="陈律师", organization=firm,
                                       licence_number="14401200010000001", licensed_on=D(2015, 1, 5))  # fmt: skip
    w.lawyer_b = Lawyer.objects.create(name="林律师", organization=firm,
                                       licence_number="14401200010000002", licensed_on=D(2018, 7, 1))  # fmt: skip
    w.lawyer_baiyun = Lawyer.objects.create(
        name="黄律师", organization=baiyun_firm, licence_number="14401200010000003",
        licensed_on=D(2016, 3, 1),
    )  # fmt: skip
    w.notary_office = NotaryOffice.objects.create(
        organization=_org("广州市海珠公证处", OrganizationKind.NOTARY_OFFICE, w.haizhu),
        licence_number="GZ-440105-001")  # fmt: skip
    w.baiyun_notary = NotaryOffice.objects.create(
        organization=_org("广州市白云公证处", OrganizationKind.NOTARY_OFFICE, w.baiyun),
        licence_number="GZ-440111-001")  # fmt: skip
    w.institution = ForensicInstitution.objects.create(
        organization=_org("广东海珠司法鉴定所", OrganizationKind.FORENSIC_INSTITUTION, w.haizhu),
        licence_number="SJ-440105-001", categories=["forensic_medicine", "physical_evidence"])  # fmt: skip
    return w


def fire(case, name: str, actor, day: datetime.date, **data):
    with on(day):
        case.refresh_from_db()
        return engine.fire(case, name, actor=actor, version=case.version,
                           data={"on_date": day, **data})  # fmt: skip


def open_inspection(w, day: datetime.date, *, year: int = 2025, firm=None, actor=None):
    """The inspection of the practice of `year` (考核年度), held in `year` + 1."""
    with on(day):
        return services.inspection_open(actor=actor or w.clerk_haizhu, firm=firm or w.firm,
                                        year=year)  # fmt: skip


def complain(w, day: datetime.date, *, lawyer=None, firm=None, actor=None, name="李某",
             phone="13900139000", facts="代理费收取后未按约定出庭，且拒绝退还。"):  # fmt: skip
    data = {"complainant_name": name, "complainant_phone": phone, "facts": facts}
    if firm is not None:
        data.update(subject_kind="firm", firm=firm.pk)
    else:
        data.update(subject_kind="lawyer", lawyer=(lawyer or w.lawyer_a).pk)
    with on(day):
        return services.complaint_register(actor=actor or w.clerk_haizhu, data=data)
