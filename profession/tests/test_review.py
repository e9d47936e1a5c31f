"""Mends after review: who may work the line, the provincial revocation, repeat offences
(律师法 Art. 51), the register's one profile per organisation, the inspection year, the counts
and the public record."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from core.errors import InvalidInput
from core.models import Membership, Organization, OrganizationKind, User
from core.roles import Role
from enforcement.tests.conftest import on
from profession.models import Penalty
from profession.process import C
from profession.tests.conftest import complain, fire

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def aid_clerk(pw):
    centre = Organization.objects.create(name="海珠区法律援助中心",
                                         kind=OrganizationKind.LEGAL_AID_CENTRE, region=pw.haizhu)  # fmt: skip
    user = User.objects.create_user("aid_clerk", password="Testing2026pass")
    Membership.objects.create(user=user, organization=centre, role=Role.SECTION_STAFF)
    return user


def test_a_legal_aid_centres_section_staff_work_nothing_of_the_line(pw, aid_clerk, client):
    """A legal-aid centre assigns these same lawyers to aid cases: its section staff neither
    read nor write the registers, inspections or complaints (a conflict of interest)."""
    w = pw
    complaint = complain(w, D(2026, 6, 8))
    with on(D(2026, 6, 10)):
        client.force_login(aid_clerk)
        firms = client.get("/profession/firms/")
        assert firms.status_code in (200, 403)
        assert "广东海珠律师事务所" not in firms.content.decode()
        complaints = client.get("/profession/complaints/").content.decode()
        assert complaint.number not in complaints
        assert client.get(w.firm.get_absolute_url()).status_code == 404
        assert client.get(reverse("profession:firm_edit", args=[w.firm.pk])).status_code == 404
        assert client.get(complaint.get_absolute_url()).status_code == 404
        step = reverse("cases:transition", args=["profession.complaint", complaint.pk, "accept"])
        assert client.get(step).status_code == 404
        assert client.post(step, {"on_date": "2026-06-10"}).status_code == 404
        for url in ("/profession/firms/new/", "/profession/inspections/new/",
                    "/profession/complaints/new/"):  # fmt: skip
            assert client.get(url).status_code == 403, url
        # The bureau's staff of the same district still work it.
        client.force_login(w.clerk_haizhu)
        assert client.get(complaint.get_absolute_url()).status_code == 200
        assert client.get(step).status_code == 200


# -- the provincial revocation, repeat offences, the city's proposals ---------------------------


@pytest.fixture
def clerk_province(pw):
    from core.models import Region

    province = Organization.objects.create(name="广东省司法厅", kind=OrganizationKind.JUSTICE_BUREAU,
                                           region=Region.objects.get(code="440000000000"))  # fmt: skip
    user = User.objects.create_user("clerk_gd", password="Testing2026pass")
    Membership.objects.create(user=user, organization=province, role=Role.SECTION_STAFF)
    return user


def _proposed(w, received):
    complaint = complain(w, received)
    complaint = fire(complaint, "accept", w.clerk_haizhu, received + datetime.timedelta(days=1))
    return fire(complaint, "propose", w.clerk_haizhu, received + datetime.timedelta(days=2),
                findings="属实。")  # fmt: skip


def _decide(w, complaint, actor, day, number, **measures):
    measures.setdefault("summary", "违反律师法。")
    return fire(complaint, "decide", actor, day, decision_number=number, **measures)


def test_a_revocation_is_the_provinces(pw, clerk_province):
    """律师法 Arts. 49–50: the certificate is revoked by the provincial department (由省、自治区、
    直辖市人民政府司法行政部门吊销); the city-level bureau is refused, naming the field."""
    w = pw
    complaint = _proposed(w, D(2026, 3, 2))
    with pytest.raises(InvalidInput) as refused:
        _decide(w, complaint, w.clerk_city, D(2026, 3, 10), "穗司罚〔2026〕1号", article="49",
                revocation=True, fine="20000")  # fmt: skip
    assert list(refused.value.fields) == ["revocation"]
    assert not Penalty.objects.exists()
    complaint = _decide(w, complaint, clerk_province, D(2026, 3, 10), "粤司罚〔2026〕1号",
                        article="49", revocation=True, fine="20000")  # fmt: skip
    assert complaint.state == C.PENALISED and Penalty.objects.get().revocation


def test_a_second_warning_within_a_year_means_suspension(pw):
    """律师法 Art. 51: a warning decided Tue 10 Mar 2026; a second case for a warning received
    Mon 1 Mar 2027 (within one year, to 10 Mar 2027) — suspension of 3 to 12 months, not a
    second warning; 6 months is allowed though Art. 47 alone caps it at 3. A case received Thu
    11 Mar 2027 is no longer a repeat: a warning alone stands."""
    w = pw
    _decide(w, _proposed(w, D(2026, 3, 2)), w.clerk_city, D(2026, 3, 10), "穗司罚〔2026〕1号",
            article="47", warning=True)  # fmt: skip
    second = _proposed(w, D(2027, 3, 1))
    with pytest.raises(InvalidInput) as refused:
        _decide(w, second, w.clerk_city, D(2027, 3, 8), "穗司罚〔2027〕1号", article="47",
                warning=True)  # fmt: skip
    assert list(refused.value.fields) == ["suspension_months"]
    assert "穗司罚〔2026〕1号" in str(refused.value)
    with pytest.raises(InvalidInput) as refused:
        _decide(w, second, w.clerk_city, D(2027, 3, 8), "穗司罚〔2027〕1号", article="47",
                warning=True, suspension_months=2)  # fmt: skip
    assert list(refused.value.fields) == ["suspension_months"]
    second = _decide(w, second, w.clerk_city, D(2027, 3, 8), "穗司罚〔2027〕1号", article="47",
                     warning=True, suspension_months=6)  # fmt: skip
    assert Penalty.objects.get(complaint=second).suspension_months == 6
    third = _proposed(w, D(2028, 3, 11))
    # The 2027 penalty was a suspension (ended 7 Sep 2027): a warning case is no repeat of it.
    third = _decide(w, third, w.clerk_city, D(2028, 3, 20), "穗司罚〔2028〕1号", article="47",
                    warning=True)  # fmt: skip
    assert third.state == C.PENALISED


def test_a_warning_a_year_and_a_day_later_is_no_repeat(pw):
    w = pw
    _decide(w, _proposed(w, D(2026, 3, 2)), w.clerk_city, D(2026, 3, 10), "穗司罚〔2026〕1号",
            article="47", warning=True)  # fmt: skip
    second = _decide(w, _proposed(w, D(2027, 3, 11)), w.clerk_city, D(2027, 3, 18),
                     "穗司罚〔2027〕1号", article="47", warning=True)  # fmt: skip
    assert second.state == C.PENALISED


def test_a_second_suspension_within_two_years_of_the_first_ending_means_revocation(
        pw, clerk_province):  # fmt: skip
    """律师法 Art. 51: suspension of 3 months decided Tue 10 Mar 2026, term 10 Mar – 9 Jun 2026;
    a case for suspension received Thu 1 Jun 2028 (within two years of 9 Jun 2026 … 9 Jun 2028):
    the city may not suspend again — the certificate is revoked, by the province."""
    w = pw
    _decide(w, _proposed(w, D(2026, 3, 2)), w.clerk_city, D(2026, 3, 10), "穗司罚〔2026〕1号",
            article="47", suspension_months=3)  # fmt: skip
    second = _proposed(w, D(2028, 6, 1))
    with pytest.raises(InvalidInput) as refused:
        _decide(w, second, w.clerk_city, D(2028, 6, 8), "穗司罚〔2028〕1号", article="48",
                suspension_months=6)  # fmt: skip
    assert list(refused.value.fields) == ["revocation"]
    second = _decide(w, second, clerk_province, D(2028, 6, 8), "粤司罚〔2028〕1号", article="48",
                     revocation=True)  # fmt: skip
    assert Penalty.objects.get(complaint=second).revocation
    # Received 10 Jun 2028, a day after the two years: a suspension again is lawful.
    later = _proposed(w, D(2028, 6, 10))
    with pytest.raises(InvalidInput):  # the revocation of 2028 is no suspension; Art. 48 holds
        _decide(w, later, w.clerk_city, D(2028, 6, 20), "穗司罚〔2028〕2号", article="48",
                suspension_months=2)  # fmt: skip
    later = _decide(w, later, w.clerk_city, D(2028, 6, 20), "穗司罚〔2028〕2号", article="48",
                    suspension_months=3)  # fmt: skip
    assert later.state == C.PENALISED


def test_the_county_does_not_dismiss_a_proposed_penalty(pw):
    """Art. 52: the county-level bureau investigates and proposes; a proposed penalty is the
    city's to impose or dismiss. The county still dismisses a complaint under investigation."""
    w = pw
    proposed = _proposed(w, D(2026, 3, 2))
    with pytest.raises(InvalidInput):
        fire(proposed, "dismiss", w.clerk_haizhu, D(2026, 3, 10), findings="不属实。")
    proposed.refresh_from_db()
    assert proposed.state == C.PROPOSED
    assert fire(proposed, "dismiss", w.clerk_city, D(2026, 3, 10),
                findings="不属实。").state == C.DISMISSED  # fmt: skip
    accepted = fire(complain(w, D(2026, 3, 2), lawyer=w.lawyer_b), "accept", w.clerk_haizhu,
                    D(2026, 3, 3))  # fmt: skip
    assert fire(accepted, "dismiss", w.clerk_haizhu, D(2026, 3, 10),
                findings="不属实。").state == C.DISMISSED  # fmt: skip


# -- one profile per organisation ---------------------------------------------------------------


def test_an_organisation_with_a_profile_is_not_offered_again_and_is_refused(pw, client):
    """Choosing 广东海珠律师事务所 (in the register already) gave a server error; now it is not
    among the choices, and the service refuses it naming the organisation."""
    from profession import services
    from profession.forms import ProfileForm
    from profession.models import LawFirm

    w = pw
    form = ProfileForm(user=w.clerk_haizhu, kind=OrganizationKind.LAW_FIRM,
                       perm="profession.add_lawfirm")  # fmt: skip
    assert w.firm.organization not in form.fields["organization"].queryset
    client.force_login(w.clerk_haizhu)
    page = client.post("/profession/firms/new/", {
        "organization": w.firm.organization.pk, "licence_number": "31440000MD0000099X",
        "status": "practising", "form": "partnership"})  # fmt: skip
    assert page.status_code == 200
    assert "organization" in page.context["form"].errors
    with pytest.raises(InvalidInput) as refused:
        services.profile_save(actor=w.clerk_haizhu, organization=w.firm.organization,
                              data={"licence_number": "31440000MD0000099X"})  # fmt: skip
    assert list(refused.value.fields) == ["organization"]
    assert LawFirm.objects.filter(organization=w.firm.organization).count() == 1
    # Editing the profile itself is still allowed.
    services.profile_save(actor=w.clerk_haizhu, organization=w.firm.organization,
                          data={"licence_number": w.firm.licence_number, "status": "practising",
                                "form": "sole"}, instance=w.firm)  # fmt: skip
    w.firm.refresh_from_db()
    assert w.firm.form == "sole"


# -- the firms counted ------------------------------------------------------------------------


def test_a_deregistered_firm_is_not_counted(pw):
    """profession.law_firms: 海珠 has one practising firm. A firm deregistered with no day given
    counts in no period; one whose organisation was dissolved on 30 Jun 2026 counts at the end
    of March 2026, not at the end of August."""
    from indicators.registry import Period, registry
    from profession.models import LawFirm

    w = pw
    gone = Organization.objects.create(name="广东旧律师事务所", kind=OrganizationKind.LAW_FIRM,
                                       region=w.haizhu)  # fmt: skip
    LawFirm.objects.create(organization=gone, licence_number="31440000MD0000011X",
                           status="deregistered")  # fmt: skip
    dissolved = Organization.objects.create(name="广东散伙律师事务所", region=w.haizhu,
                                            kind=OrganizationKind.LAW_FIRM,
                                            dissolved_on=D(2026, 6, 30))  # fmt: skip
    LawFirm.objects.create(organization=dissolved, licence_number="31440000MD0000012X",
                           status="deregistered")  # fmt: skip
    firms = registry.get("profession.law_firms")
    march, august = Period(D(2026, 1, 1), D(2026, 3, 31)), Period(D(2026, 6, 1), D(2026, 8, 31))
    assert firms.compute("440105", march).value == 2
    assert firms.compute_single("440105", march).value == 2
    assert firms.compute("440105", august).value == 1


# -- the import reads the register ------------------------------------------------------------


def test_the_import_takes_practising_institutions_and_their_registered_categories(pw):
    """Rows for an institution with no profile, a deregistered one, or a category the
    institution is not registered for (GD‑SJ Art. 9; 海珠司法鉴定所: 法医类、物证类) stop the file,
    naming row and column."""
    from core.testing import Sheet, cells
    from profession.importing import COLUMNS, import_volumes
    from profession.models import NotaryOffice, Volume

    w = pw
    Organization.objects.create(name="广州市无档案公证处", kind=OrganizationKind.NOTARY_OFFICE,
                                region=w.haizhu)  # fmt: skip
    closed = Organization.objects.create(name="广州市注销公证处", region=w.haizhu,
                                         kind=OrganizationKind.NOTARY_OFFICE)  # fmt: skip
    NotaryOffice.objects.create(organization=closed, licence_number="GZ-440105-009",
                                status="deregistered")  # fmt: skip
    sheet = Sheet(COLUMNS, {"机构名称": "广州市海珠公证处", "月份": "2026-03", "业务类别": "公证",
                            "件数": 10})  # fmt: skip
    rows = [sheet.row(), sheet.row(机构名称="广州市无档案公证处"),
            sheet.row(机构名称="广州市注销公证处"),
            sheet.row({"机构名称": "广东海珠司法鉴定所", "业务类别": "环境损害"}),
            sheet.row({"机构名称": "广东海珠司法鉴定所", "业务类别": "法医类"})]  # fmt: skip
    result = import_volumes(sheet.file(rows), actor=w.clerk_haizhu)
    assert not result.ok and not Volume.objects.exists()
    assert cells(result) == [(3, "机构名称"), (4, "机构名称"), (5, "业务类别")]


def test_the_complaint_page_shows_the_clocks_due_date(pw, client):
    """The handling period is the engine's clock: when the holidays of a year are entered
    later its due date moves (cases.schedules) and the page follows it, with its provisional
    mark, not the copy stored at registration."""
    from cases.models import Clock

    w = pw
    complaint = complain(w, D(2026, 6, 8))
    assert Clock.for_case(complaint).get(key="handling").due_date == D(2026, 8, 7)
    Clock.for_case(complaint).filter(key="handling").update(due_date=D(2026, 8, 10),
                                                            provisional=True)  # fmt: skip
    with on(D(2026, 6, 10)):
        client.force_login(w.clerk_haizhu)
        page = client.get(complaint.get_absolute_url()).content.decode()
    due = page.split('id="handling-due">')[1].split("</dd>")[0]
    assert "2026-08-10" in due and "2026-08-07" not in due and "badge" in due


# -- the public record ------------------------------------------------------------------------


def test_the_penalty_pages_keep_the_district_filter(rf):
    """The next and previous links of the public record keep ?district= (page 2 of 海珠 is
    海珠's, not the whole province's)."""
    from types import SimpleNamespace

    from django.core.paginator import Paginator
    from django.template.loader import render_to_string

    rows = [SimpleNamespace(pk=n, subject_name=f"律师{n}") for n in range(3)]
    request = rf.get("/profession/public/penalties/", {"district": "440105", "page": 2})
    html = render_to_string("profession/public_penalties.html", {
        "page": Paginator(rows, 1).get_page(2), "district": "440105", "title": "x"},
        request=request)  # fmt: skip
    assert 'href="?district=440105&amp;page=1"' in html
    assert 'href="?district=440105&amp;page=3"' in html


def test_the_public_summary_names_no_complainant(pw):
    """The summary is published on the portal: one naming the complainant 李某 or giving the
    phone 139 0013 9000 is refused on the summary, nothing written."""
    w = pw
    complaint = _proposed(w, D(2026, 3, 2))
    for summary in (
        "经李某投诉查实，该律师拒绝出庭。",
        "投诉人电话139-0013-9000，该律师拒绝出庭。",
    ):
        with pytest.raises(InvalidInput) as refused:
            _decide(w, complaint, w.clerk_city, D(2026, 3, 10), "穗司罚〔2026〕1号",
                    article="47", warning=True, summary=summary)  # fmt: skip
        assert list(refused.value.fields) == ["summary"]
    assert not Penalty.objects.exists()


def test_a_decision_number_is_unique_in_the_database(pw):
    """Besides the step's check, the table itself refuses a second penalty with the number."""
    from django.db import IntegrityError, transaction

    w = pw
    _decide(w, _proposed(w, D(2026, 3, 2)), w.clerk_city, D(2026, 3, 10), "穗司罚〔2026〕1号",
            article="47", warning=True)  # fmt: skip
    first = Penalty.objects.get()
    other = _proposed(w, D(2026, 3, 3))
    with pytest.raises(IntegrityError), transaction.atomic():
        Penalty.objects.create(
            complaint=other, region_code=first.region_code, decided_by=first.decided_by,
            subject_kind=first.subject_kind, lawyer=first.lawyer, firm_name=first.firm_name,
            subject_name=first.subject_name, article="47", warning=True,
            decision_number="穗司罚〔2026〕1号", decided_on=D(2026, 3, 12), summary="违反律师法。",
        )  # fmt: skip


# -- the inspection year ----------------------------------------------------------------------


def test_the_inspection_year_is_the_practice_inspected(pw):
    """ "2025年度检查考核" inspects the practice of 2025 in the window of 2026 (1 April–31 May by
    default); its number is of the year it is held, （2026）. The practice of this year (2026)
    may be opened ahead, in 2027's window; next year's practice (2027) not."""
    from profession.tests.conftest import open_inspection

    w = pw
    inspection = open_inspection(w, D(2026, 3, 20), year=2025)
    assert inspection.year == 2025
    assert (inspection.window_opens, inspection.window_closes) == (D(2026, 4, 1), D(2026, 5, 31))
    assert inspection.number.startswith("（2026）")
    ahead = open_inspection(w, D(2026, 3, 20), year=2026)
    assert (ahead.window_opens, ahead.window_closes) == (D(2027, 4, 1), D(2027, 5, 31))
    with pytest.raises(InvalidInput) as refused:
        open_inspection(w, D(2026, 3, 20), year=2027)
    assert list(refused.value.fields) == ["year"]
