"""Complaints against notaries, notary offices, forensic appraisers and forensic institutions:
the same case, clocks and decision as a lawyer's (profession.process), with the penalties of
公证法 Arts. 41–42 (reference/statutes-lines.md §E.2 ✅: by the provincial or city-level
司法行政部门) and the Guangdong forensic appraisal rules (GD‑SJ, complaints Arts. 58–59 ✅,
§E.3; the penalty articles ❓). The reference gives no limits for these penalties: only the kind
of measure is matched to the subject — suspension a person's, closure an institution's
(profession.penalties) — and the levels are the lawyers': the county proposes, the city
decides, a revocation is the province's (a choice ❓ for 公证法, which says "provincial or city").

Worked example (the dates of test_complaints; Dragon Boat Festival 2026: Fri 19 – Sun 21 June
are rest days; the first day not counted):

- Mon 8 Jun 2026: 海珠区司法局 receives a complaint against 吴公证员 of 广州市海珠公证处.
  Acceptance due after 10 working days → Tue 23 Jun; decision after 60 calendar days → Fri 7
  Aug 2026 (the same clocks as a lawyer's).
- Wed 10 Jun accepted; Wed 24 Jun the district bureau proposes a penalty.
- Mon 6 Jul: 广州市司法局 (city level) decides under 公证法第四十二条: a warning and suspension
  of practice for 6 months — on time (6 Jul ≤ 7 Aug).
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.translation import gettext
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from cases.documents import document_generate
from cases.models import Clock
from cases.tests import test_documents as cases_documents
from cases.tests.test_documents import docx_text, stored_bytes
from core.errors import InvalidInput, PermissionDenied
from enforcement.tests.conftest import on
from indicators.registry import Period, registry
from profession import documents, services
from profession.choices import SubjectKind
from profession.forms import ComplaintForm
from profession.models import Appraiser, Complaint, Notary, Penalty
from profession.penalties import check
from profession.tests.conftest import fire

pytestmark = pytest.mark.django_db
D = datetime.date
storage_dir, fake_pdf = cases_documents.storage_dir, cases_documents.fake_pdf  # the fixtures
RECEIVED, ACCEPTED, PROPOSED, DECIDED = D(2026, 6, 8), D(2026, 6, 10), D(2026, 6, 24), D(2026, 7, 6)
CJK = re.compile(r"[\u4e00-\u9fff]")
SUMMARY = "该公证员在未审查当事人身份的情况下出具公证书，违反公证法第四十二条。"
SUSPENSION = {"article": "gz42", "warning": True, "suspension_months": 6,
              "decision_number": "穗司罚〔2026〕21号", "summary": SUMMARY}  # fmt: skip


@pytest.fixture
def nw(pw):
    """The sector's test world with 吴公证员 of 广州市海珠公证处, 郑公证员 of 广州市白云公证处 and
    周鉴定人 of 广东海珠司法鉴定所."""
    w = pw
    w.notary = Notary.objects.create(name="吴公证员", licence_number="GZN-440105-01",
                                     office=w.notary_office)  # fmt: skip
    w.notary_baiyun = Notary.objects.create(name="郑公证员", licence_number="GZN-440111-01",
                                            office=w.baiyun_notary)  # fmt: skip
    w.appraiser = Appraiser.objects.create(name="周鉴定人", licence_number="SJR-440105-01",
                                           institution=w.institution,
                                           categories=["forensic_medicine"])  # fmt: skip
    return w


FIELD = {"notary": "notary", "notary_office": "notary_office", "appraiser": "appraiser",
         "forensic_institution": "institution"}  # fmt: skip


def complain_about(w, kind: str, subject, day=RECEIVED, *, actor=None, name="李某"):
    data = {"subject_kind": kind, FIELD[kind]: subject.pk, "complainant_name": name,
            "complainant_phone": "13900139000", "facts": "公证书出具前未核实当事人身份。"}  # fmt: skip
    with on(day):
        return services.complaint_register(actor=actor or w.clerk_haizhu, data=data)


def proposed(w, kind="notary", subject=None):
    complaint = complain_about(w, kind, subject or w.notary)
    complaint = fire(complaint, "accept", w.clerk_haizhu, ACCEPTED)
    return fire(complaint, "propose", w.clerk_haizhu, PROPOSED, findings="经调查，投诉属实。")


def test_a_notary_complaint_runs_to_a_suspension_under_article_42(nw):
    """公证法 Art. 42 (§E.2): the city-level bureau decides; the complaint is on the same clocks
    as a lawyer's, its region the notary's, its subject the notary with their office."""
    w = nw
    complaint = complain_about(w, "notary", w.notary)
    assert complaint.region_code == w.haizhu.code and complaint.organization == w.haizhu_bureau
    assert (complaint.notary, complaint.notary_office) == (w.notary, w.notary_office)
    assert complaint.subject == "吴公证员（广州市海珠公证处）"
    clocks = {c.key: c.due_date for c in Clock.for_case(complaint)}
    assert clocks == {"acceptance": D(2026, 6, 23), "handling": D(2026, 8, 7)}
    complaint = fire(complaint, "accept", w.clerk_haizhu, ACCEPTED)
    complaint = fire(complaint, "propose", w.clerk_haizhu, PROPOSED, findings="经调查属实。")
    with pytest.raises(InvalidInput) as refused:  # the county proposes, it does not decide
        fire(complaint, "decide", w.clerk_haizhu, DECIDED, **SUSPENSION)
    assert gettext(
        "Penalties on notaries, notary offices, forensic appraisers and institutions are "
        "decided by the city-level or provincial justice bureau; a county-level bureau "
        "proposes them."
    ) in str(refused.value)
    complaint = fire(complaint, "decide", w.clerk_city, DECIDED, **SUSPENSION)
    assert complaint.state == "penalised" and (complaint.concluded_on, complaint.on_time) == (
        DECIDED, True)  # fmt: skip
    penalty = Penalty.objects.get()
    assert (penalty.subject_kind, penalty.subject_name, penalty.firm_name) == (
        "notary", "吴公证员", "广州市海珠公证处")  # fmt: skip
    assert (penalty.article, penalty.warning, penalty.suspension_months) == ("gz42", True, 6)
    assert penalty.decided_by == w.city_bureau and penalty.region_code == w.haizhu.code
    assert penalty.effective_from == DECIDED and penalty.lawyer_id is None


def test_a_notary_revocation_is_the_provinces(nw):
    """Kept from the lawyers' rule (a choice ❓: 公证法 Arts. 41–42 say "provincial or city")."""
    w = nw
    complaint = proposed(w)
    with pytest.raises(InvalidInput) as caught:
        fire(complaint, "decide", w.clerk_city, DECIDED,
             **{**SUSPENSION, "suspension_months": 0, "revocation": True})  # fmt: skip
    assert list(caught.value.fields) == ["revocation"]
    assert not Penalty.objects.exists()


def test_a_forensic_institution_complaint_dismissed(nw):
    """GD‑SJ Arts. 58–59: the complaint is investigated and, the facts not made out, dismissed
    by the district bureau that is still investigating."""
    w = nw
    complaint = complain_about(w, "forensic_institution", w.institution)
    assert complaint.subject == "广东海珠司法鉴定所" and complaint.institution == w.institution
    fire(complaint, "accept", w.clerk_haizhu, ACCEPTED)
    complaint = fire(complaint, "dismiss", w.clerk_haizhu, D(2026, 6, 30),
                     findings="经调查，鉴定程序符合规定，投诉不成立。")  # fmt: skip
    assert (complaint.state, complaint.outcome, complaint.on_time) == ("dismissed", "dismissed",
                                                                       True)  # fmt: skip
    assert not Penalty.objects.exists()


def test_an_appraiser_complaint_records_the_institution(nw):
    w = nw
    complaint = complain_about(w, "appraiser", w.appraiser)
    assert complaint.institution == w.institution
    assert complaint.subject == "周鉴定人（广东海珠司法鉴定所）"
    complaint = fire(complaint, "accept", w.clerk_haizhu, ACCEPTED)
    fire(complaint, "decide", w.clerk_city, DECIDED, article="gdsj", warning=True,
         decision_number="穗司罚〔2026〕22号", summary="该鉴定人超出登记范围执业。")  # fmt: skip
    penalty = Penalty.objects.get()
    assert (penalty.subject_name, penalty.firm_name, penalty.article) == (
        "周鉴定人", "广东海珠司法鉴定所", "gdsj")  # fmt: skip


@pytest.mark.parametrize(("kind", "subject", "changes", "field", "message"), [
    # a person is suspended, never closed (公证法 Arts. 41–42 as the reference reads them)
    ("notary", "notary", {"article": "gz41", "suspension_months": 0, "closure_months": 1},
     "closure_months", "Closure for rectification applies to an office or institution, not to "
     "a person; a person may be suspended from practice."),
    # an office or institution is closed, never suspended
    ("notary_office", "notary_office", {"suspension_months": 3}, "suspension_months",
     "Suspension of practice applies to a person (a notary or an appraiser), not to an office "
     "or institution; it may be closed for rectification."),
    ("forensic_institution", "institution", {"article": "gdsj", "suspension_months": 3},
     "suspension_months", "Suspension of practice applies to a person (a notary or an "
     "appraiser), not to an office or institution; it may be closed for rectification."),
])  # fmt: skip
def test_a_measure_for_the_wrong_kind_of_subject_is_refused_on_its_field(
    nw, kind, subject, changes, field, message
):
    w = nw
    complaint = proposed(w, kind, getattr(w, subject))
    with pytest.raises(InvalidInput) as caught:
        fire(complaint, "decide", w.clerk_city, DECIDED, **{**SUSPENSION, **changes})
    assert caught.value.fields[field] == [gettext(message)]
    complaint.refresh_from_db()
    assert complaint.state == "proposed" and not Penalty.objects.exists()


def test_an_article_of_another_law_is_refused():
    """A notary is penalised under 公证法, not 律师法; a lawyer not under 公证法; no limits are
    invented for 公证法 or the appraisal rules (any fine, any months)."""
    none = {"warning": False, "fine": Decimal(0), "confiscated": Decimal(0),
            "suspension_months": 0, "closure_months": 0, "revocation": False}  # fmt: skip
    assert list(check(subject_kind="notary", article="47", **{**none, "warning": True})) == [
        "article"]  # fmt: skip
    assert list(check(subject_kind="lawyer", article="gz41", **{**none, "warning": True})) == [
        "article"]  # fmt: skip
    assert list(check(subject_kind="appraiser", article="gz42", **{**none, "warning": True})) == [
        "article"]  # fmt: skip
    assert check(subject_kind="notary", article="gz42",
                 **{**none, "fine": Decimal(999999), "suspension_months": 24}) == {}  # fmt: skip
    assert check(subject_kind="notary_office", article="gz41",
                 **{**none, "closure_months": 12, "revocation": True}) == {}  # fmt: skip
    assert list(check(subject_kind="appraiser", article="gdsj", **none)) == ["warning"]
    assert list(check(subject_kind="notary", article="gz41",
                      **{**none, "fine": Decimal(-1)})) == ["fine"]  # fmt: skip


def test_the_public_record_shows_the_decided_notary_penalty_only(nw, client):
    """The portal lists decided penalties only: 吴公证员's, not the proposal against the office,
    nor a penalty row whose complaint is not decided."""
    w = nw
    fire(proposed(w), "decide", w.clerk_city, DECIDED, **SUSPENSION)
    undecided = proposed(w, "notary_office", w.notary_office)
    Penalty.objects.create(
        complaint=undecided, region_code=undecided.region_code, decided_by=w.city_bureau,
        subject_kind="notary_office", firm_name="广州市海珠公证处", subject_name="广州市海珠公证处",
        article="gz41", warning=True, decision_number="未决〔2026〕1号", decided_on=DECIDED,
        summary="未决定的处罚。",
    )  # fmt: skip
    html = client.get("/profession/public/penalties/").content.decode()
    assert html.count("data-penalty=") == 1
    assert "吴公证员" in html and "广州市海珠公证处" in html and SUMMARY in html
    assert "未决〔2026〕1号" not in html and "李某" not in html


def test_the_penalty_decision_cites_the_notarization_law(nw, storage_dir, fake_pdf):
    """行政处罚法 Art. 59: the legal basis is 公证法第四十二条, not 律师法; the party is the
    notary with their office; a revocation would name the notary's certificate."""
    w = nw
    complaint = fire(proposed(w), "decide", w.clerk_city, DECIDED, **SUSPENSION)
    context = documents.penalty_context(complaint)
    assert context["basis"] == "《中华人民共和国公证法》第四十二条"
    with on(DECIDED):
        document = document_generate(case=complaint, kind_key="penalty", actor=w.clerk_city)
    text = docx_text(stored_bytes(document.docx))
    for expected in ("当事人：吴公证员（公证员）", "执业机构：广州市海珠公证处", "GZN-440105-01",
                     "根据《中华人民共和国公证法》第四十二条的规定", "停止执业6个月"):  # fmt: skip
        assert expected in text, expected
    assert "律师法" not in text and "李某" not in text
    with on(DECIDED):
        outcome = document_generate(case=complaint, kind_key="outcome", actor=w.clerk_haizhu)
    assert "感谢你对公证执业活动的监督" in docx_text(stored_bytes(outcome.docx))


def test_the_appraisal_rules_are_cited_without_an_article(nw):
    w = nw
    complaint = proposed(w, "forensic_institution", w.institution)
    fire(complaint, "decide", w.clerk_city, DECIDED, article="gdsj", closure_months=2,
         decision_number="穗司罚〔2026〕23号", summary="该机构超出登记范围开展鉴定。")  # fmt: skip
    complaint.refresh_from_db()
    context = documents.penalty_context(complaint)
    assert context["basis"] == "《广东省司法鉴定管理条例》"
    assert context["party"]["kind"] == "司法鉴定机构" and context["party"]["firm"] == ""


# -- the subject is chosen within the jurisdiction ------------------------------------------------


def test_another_districts_notary_cannot_be_chosen(nw):
    """海珠's clerk is offered 海珠's notaries only; 白云's is refused by the form on its field,
    by the service (not the clerk's jurisdiction), and by the API on its field."""
    w = nw
    form = ComplaintForm(user=w.clerk_haizhu)
    assert list(form.fields["notary"].queryset) == [w.notary]
    assert list(form.fields["notary_office"].queryset) == [w.notary_office]
    assert list(form.fields["appraiser"].queryset) == [w.appraiser]
    assert list(form.fields["institution"].queryset) == [w.institution]
    form = ComplaintForm({"subject_kind": "notary", "notary": w.notary_baiyun.pk,
                          "complainant_name": "李某", "facts": "未核实身份。",
                          "submission_key": "k1"}, user=w.clerk_haizhu)  # fmt: skip
    assert not form.is_valid() and "notary" in form.errors
    with pytest.raises(PermissionDenied):
        complain_about(w, "notary", w.notary_baiyun)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token "
                       + Token.objects.get_or_create(user=w.clerk_haizhu)[0].key)  # fmt: skip
    with on(RECEIVED):
        response = client.post("/api/profession/complaints/", {
            "subject_kind": "notary", "notary": w.notary_baiyun.pk, "complainant_name": "李某",
            "facts": "未核实身份。"}, format="json")  # fmt: skip
    assert response.status_code == 400
    error = response.json()["error"]
    assert list(error["fields"]) == ["notary"]
    with translation.override("zh-hans"):
        label = str(Complaint._meta.get_field("notary").verbose_name)
    assert error["message"].startswith(f"{label}：") and CJK.search(error["message"])
    assert Complaint.objects.count() == 0
    # 白云's own clerk may.
    complaint = complain_about(w, "notary", w.notary_baiyun, actor=w.clerk_baiyun)
    assert complaint.region_code == w.baiyun.code


def test_a_missing_subject_is_refused_naming_its_field(nw):
    w = nw
    with on(RECEIVED), pytest.raises(InvalidInput) as caught:
        services.complaint_register(actor=w.clerk_haizhu, data={
            "subject_kind": "forensic_institution", "complainant_name": "李某",
            "facts": "鉴定意见有误。"})  # fmt: skip
    assert list(caught.value.fields) == ["institution"]
    with translation.override("zh-hans"):
        label = str(Complaint._meta.get_field("institution").verbose_name)
    assert str(caught.value).startswith(f"{label}：") and CJK.search(label)
    assert Complaint.objects.count() == 0


def test_the_api_registers_and_shows_a_notary_office_complaint(nw):
    w = nw
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token "
                       + Token.objects.get_or_create(user=w.clerk_haizhu)[0].key)  # fmt: skip
    with on(RECEIVED):
        response = client.post("/api/profession/complaints/", {
            "subject_kind": "notary_office", "notary_office": w.notary_office.pk,
            "complainant_name": "李某", "facts": "公证处拒绝出具查询结果。"}, format="json")  # fmt: skip
    assert response.status_code == 201, response.content
    row = response.json()
    assert (row["subject_kind"], row["notary_office"], row["subject"]) == (
        "notary_office", w.notary_office.pk, "广州市海珠公证处")  # fmt: skip


def test_the_complaints_breakdown_names_the_new_kinds(nw):
    w = nw
    complain_about(w, "notary", w.notary)
    complain_about(w, "notary_office", w.notary_office)
    complain_about(w, "appraiser", w.appraiser)
    complain_about(w, "forensic_institution", w.institution)
    summer = Period(D(2026, 6, 1), D(2026, 8, 31))
    with translation.override("en"):
        indicator = registry.get("profession.complaints")
        assert str(indicator.name) == "Complaints against practitioners"
        assert "notaries" in str(indicator.definition)
        by_subject = indicator.breakdowns["subject_kind"]("440105", summer)
        assert by_subject == {"Notary": 1, "Notary office": 1, "Forensic appraiser": 1,
                              "Forensic institution": 1}  # fmt: skip
        assert set(by_subject) == {str(k.label) for k in (
            SubjectKind.NOTARY, SubjectKind.NOTARY_OFFICE, SubjectKind.APPRAISER,
            SubjectKind.FORENSIC_INSTITUTION)}  # fmt: skip


def test_the_staff_form_registers_a_notary_complaint_and_the_pages_show_it(nw, client):
    """The page: a kind without its subject is refused on the subject's field, nothing written;
    with it, the complaint is registered and listed with its subject."""
    w = nw
    client.force_login(w.clerk_haizhu)
    with on(RECEIVED):
        page = client.post("/profession/complaints/new/", {
            "subject_kind": "notary", "lawyer": w.lawyer_a.pk, "complainant_name": "李某",
            "facts": "未核实身份。"})  # fmt: skip
        assert page.status_code == 200 and not Complaint.objects.exists()
        assert "notary" in page.context["form"].errors
        page = client.post("/profession/complaints/new/", {
            "subject_kind": "notary", "notary": w.notary.pk, "complainant_name": "李某",
            "complainant_phone": "13900139000", "facts": "未核实身份。"})  # fmt: skip
        assert page.status_code == 302
        complaint = Complaint.objects.get()
        assert (complaint.notary, complaint.notary_office) == (w.notary, w.notary_office)
        assert "吴公证员（广州市海珠公证处）" in client.get(
            "/profession/complaints/").content.decode()  # fmt: skip
        assert "吴公证员" in client.get(complaint.get_absolute_url()).content.decode()
        client.force_login(w.clerk_baiyun)
        assert client.get(complaint.get_absolute_url()).status_code == 404


def test_the_register_follows_the_penalties_in_force(nw):
    """A suspension of a notary (公证法 Art. 42) and a closure of a notary office (Art. 41 ❓ as
    decided): profession.standing puts them on the register for their terms — the notary
    suspended from Mon 6 Jul 2026 to Tue 5 Jan 2027, the office closed for one month — and
    lifts them after; the office's closure leaves its notaries' own status alone."""
    from profession.choices import InstitutionStatus
    from profession.standing import sync

    w = nw
    complaint = fire(complain_about(w, "notary", w.notary), "accept", w.clerk_haizhu, ACCEPTED)
    fire(complaint, "decide", w.clerk_city, DECIDED, **SUSPENSION)
    office = fire(complain_about(w, "notary_office", w.notary_office), "accept", w.clerk_haizhu,
                  ACCEPTED)  # fmt: skip
    fire(office, "decide", w.clerk_city, DECIDED, article="gz41", warning=True,
         closure_months=1, decision_number="穗司罚〔2026〕22号", summary="该处管理混乱。")  # fmt: skip
    w.notary.refresh_from_db()
    w.notary_office.refresh_from_db()
    assert w.notary.status == "suspended"
    assert w.notary_office.status == InstitutionStatus.SUSPENDED
    other = Notary.objects.create(name="王公证员", licence_number="GZN-440105-02",
                                  office=w.notary_office)  # fmt: skip
    sync(D(2026, 8, 10))  # the closure's month is over; the suspension runs on
    w.notary.refresh_from_db()
    w.notary_office.refresh_from_db()
    other.refresh_from_db()
    assert (w.notary.status, w.notary_office.status, other.status) == (
        "suspended", InstitutionStatus.PRACTISING, "practising")  # fmt: skip
    sync(D(2027, 1, 6))
    w.notary.refresh_from_db()
    assert w.notary.status == "practising"
