"""Registering a lawsuit (litigation.services.case_register): the link to the reconsideration
case it follows is a cases.models.CaseLink written without importing the reconsideration line
(DESIGN: a business app never imports another); the act challenged is a ChallengedAct; bad
input names its field and writes nothing (DESIGN: Security and privacy)."""

from __future__ import annotations

import ast
import datetime
from pathlib import Path

import pytest
from django.contrib.contenttypes.models import ContentType

from cases.calendar import sync_from_package
from cases.models import CalendarYear, CaseEvent, CaseLink, ChallengedAct, Clock
from core.errors import InvalidInput, PermissionDenied
from core.models import Party
from litigation.models import LitigationCase, LitigationParty
from litigation.tests.helpers import conclude, on, register

D = datetime.date
pytestmark = pytest.mark.django_db
APP = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _holidays(db):
    if not CalendarYear.objects.exists():
        sync_from_package()


def _reconsideration(w, day: datetime.date):
    """A reconsideration application against 海珠区市场监督管理局 (the tests may import the
    line; litigation itself does not)."""
    from reconsideration.services import application_register

    with on(day):
        return application_register(
            actor=w.clerk_haizhu,
            organization=w.haizhu_bureau,
            data={
                "respondent": w.haizhu_agency.pk,
                "act_type": "penalty",
                "act_description": "海市监罚〔2026〕12号行政处罚决定",
                "act_number": "海市监罚〔2026〕12号",
                "requests": "撤销该行政处罚决定",
                "knew_on": (day - datetime.timedelta(days=10)).isoformat(),
            },
            parties=[{"side": "applicant", "name": "某贸易有限公司", "kind": "organization"}],
        )


def _counts():
    return (LitigationCase.objects.count(), LitigationParty.objects.count(),
            Party.objects.count(), CaseEvent.objects.count(), Clock.objects.count(),
            CaseLink.objects.count(), ChallengedAct.objects.count())  # fmt: skip


def test_the_litigation_app_imports_no_other_business_line():
    # The other business lines; the shared apps (core, cases, portal, reports, indicators) may
    # be imported.
    lines = {"mediation", "legalaid", "reconsideration"}
    for path in APP.rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert name.split(".")[0] not in lines, (path.name, name)


def test_the_reconsideration_case_is_linked_as_a_caselink(world):
    w = world
    recon = _reconsideration(w, D(2026, 5, 4))
    # The agency's handler types the number with half-width brackets.
    typed = recon.number.replace("（", "(").replace("）", ")")
    case = register(w.agency_haizhu, w.haizhu_agency, D(2026, 6, 4),
                    reconsideration_number=typed)  # fmt: skip
    link = CaseLink.objects.get()
    assert (link.case_type, link.case_id, link.kind) == (
        ContentType.objects.get_for_model(LitigationCase), case.pk, CaseLink.Kind.LITIGATION_OF,
    )  # fmt: skip
    assert (link.target_type, link.target_id) == (
        ContentType.objects.get_for_model(type(recon)), recon.pk,
    )  # fmt: skip
    assert (link.region_code, link.organization_id) == (case.region_code, w.haizhu_agency.pk)
    assert case.reconsideration_number == recon.number
    # Read from the reconsideration side, through the engine's table only.
    assert CaseLink.objects.filter(
        target_type=ContentType.objects.get_for_model(type(recon)), target_id=recon.pk,
        kind=CaseLink.Kind.LITIGATION_OF,
    ).count() == 1  # fmt: skip
    # The appeal follows the same reconsideration.
    with on(D(2026, 9, 1)):
        first = conclude(case, w.agency_haizhu, D(2026, 8, 31), "annul")
    appeal = register(w.agency_haizhu, w.haizhu_agency, D(2026, 9, 20), level="second",
                      court_case_number="（2026）粤01行终31号",
                      earlier_number=first.court_case_number)  # fmt: skip
    assert appeal.earlier == first and appeal.reconsideration_number == recon.number
    assert set(CaseLink.objects.values_list("case_id", "target_id")) == {
        (case.pk, recon.pk), (appeal.pk, recon.pk),
    }  # fmt: skip


def test_a_reconsideration_number_out_of_reach_writes_nothing(world):
    from conftest import _user
    from core.models import Organization, OrganizationKind
    from core.roles import Role

    w = world
    recon = _reconsideration(w, D(2026, 5, 4))
    other = Organization.objects.create(
        name="海珠区城市管理和综合执法局", kind=OrganizationKind.AGENCY, region=w.haizhu
    )
    handler = _user("agency_other", other, Role.AGENCY_HANDLER)
    before = _counts()
    # Another agency's handler does not see a reconsideration against 市场监督管理局; nobody
    # finds a number that does not exist.
    for actor, agency, number in ((handler, other, recon.number),
                                  (w.clerk_haizhu, w.haizhu_agency, "（2026）不存在第9号")):  # fmt: skip
        with pytest.raises(InvalidInput) as raised:
            register(actor, agency, D(2026, 6, 4), reconsideration_number=number)
        assert set(raised.value.fields) == {"reconsideration_number"}
    assert _counts() == before


def test_the_challenged_act_is_recorded_normalised(world, client):
    w = world
    recon = _reconsideration(w, D(2026, 5, 4))
    case = register(w.clerk_haizhu, w.haizhu_agency, D(2026, 6, 4),
                    act_number="海市监罚[2026]12号")  # fmt: skip
    act = ChallengedAct.for_case(case).get()
    assert (act.agency, act.act_number) == (w.haizhu_agency, "海市监罚[2026]12号")
    # The same act is under reconsideration too: one table answers for both lines.
    assert ChallengedAct.other_cases(w.haizhu_agency, "海市监罚〔2026〕12号", exclude=case) == [
        recon
    ]
    # The case page says so, to whoever may see the other case (行政复议法第二十九条).
    client.force_login(w.clerk_haizhu)
    with on(D(2026, 6, 4)):
        body = client.get(case.get_absolute_url()).content.decode()
    assert 'id="same-act"' in body and recon.get_absolute_url() in body


@pytest.mark.parametrize(
    ("field", "overrides"),
    [
        ("court_case_number", {"court_case_number": " "}),
        ("court", {"court": ""}),
        ("cause", {"cause": ""}),
        ("trial_level", {"trial_level": "supreme"}),
        ("complaint_served_on", {"complaint_served_on": ""}),
        ("filed_on", {"filed_on": "2026-06-05"}),  # after the service of 4 June
        ("earlier_number", {"earlier_number": "（2025）粤0105行初1号"}),  # a first instance
    ],
)
def test_bad_input_names_its_field_and_writes_nothing(world, field, overrides):
    w = world
    before = _counts()
    with pytest.raises(InvalidInput) as raised:
        register(w.clerk_haizhu, w.haizhu_agency, D(2026, 6, 4), **overrides)
    assert field in raised.value.fields
    assert _counts() == before


def test_no_defendant_and_no_plaintiff(world):
    w = world
    before = _counts()
    with pytest.raises(InvalidInput) as raised:
        register(w.clerk_haizhu, None, D(2026, 6, 4))
    assert "organization" in raised.value.fields
    # A justice bureau is no defendant here.
    with pytest.raises(InvalidInput) as raised:
        register(w.clerk_haizhu, w.haizhu_bureau, D(2026, 6, 4))
    assert "organization" in raised.value.fields
    with pytest.raises(InvalidInput) as raised:
        register(w.clerk_haizhu, w.haizhu_agency, D(2026, 6, 4),
                 parties=[{"side": "third_party", "name": "张某", "kind": "person"}])  # fmt: skip
    assert "parties" in raised.value.fields
    assert _counts() == before


def test_one_case_per_agency_court_case_and_level(world):
    w = world
    register(w.clerk_haizhu, w.haizhu_agency, D(2026, 6, 4),
             court_case_number="（2026）粤0105行初88号")  # fmt: skip
    before = _counts()
    with pytest.raises(InvalidInput) as raised:  # the same number, typed differently
        register(w.agency_haizhu, w.haizhu_agency, D(2026, 6, 5),
                 court_case_number="(2026)粤0105行初88号")  # fmt: skip
    assert "court_case_number" in raised.value.fields
    assert _counts() == before


def test_who_may_register_for_which_agency(world):
    from core.models import Organization, OrganizationKind

    w = world
    baiyun_agency = Organization.objects.create(
        name="白云区市场监督管理局", kind=OrganizationKind.AGENCY, region=w.baiyun
    )
    # An agency handler only for their own agency; the bureau's staff in their jurisdiction.
    with pytest.raises(InvalidInput) as raised:
        register(w.agency_haizhu, baiyun_agency, D(2026, 6, 4))
    assert "organization" in raised.value.fields
    with pytest.raises(InvalidInput):
        register(w.clerk_haizhu, baiyun_agency, D(2026, 6, 4))
    case = register(w.clerk_baiyun, baiyun_agency, D(2026, 6, 4))
    assert (case.organization, case.region_code) == (baiyun_agency, "440111000000")
    # A leader reads only.
    with pytest.raises(PermissionDenied):
        register(w.leader_gz, w.haizhu_agency, D(2026, 6, 4))


def test_a_registered_case_carries_the_court_number_and_its_parties(world):
    w = world
    case = register(
        w.agency_haizhu, w.haizhu_agency, D(2026, 6, 4),
        court_case_number="（2026）粤0105行初12号",
        parties=[{"side": "plaintiff", "name": "某贸易有限公司", "kind": "organization"},
                 {"side": "plaintiff", "name": "陈某", "kind": "person"},
                 {"side": "third_party", "name": "某物业公司", "kind": "organization"}],
    )  # fmt: skip
    case = LitigationCase.objects.get(pk=case.pk)
    assert (case.number, case.state, case.organization, case.region_code) == (
        "（2026）粤0105行初12号", "pending", w.haizhu_agency, "440105000000",
    )  # fmt: skip
    assert case.created_by == w.agency_haizhu
    assert [p.name for p in case.parties_on("plaintiff")] == ["某贸易有限公司", "陈某"]
    assert [p.name for p in case.parties_on("third_party")] == ["某物业公司"]
    assert case.received_at.date() == D(2026, 6, 4)
