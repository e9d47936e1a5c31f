"""The legal-services sector's documents (profession.documents), generated and kept through
cases.documents: the 行政处罚决定书 of a penalised complaint (行政处罚法 Art. 59: the party, the
facts, the penalty and its basis, the 15 days to pay, 复议 within 60 days and 诉讼 within six
months, the bureau and the date), the notice to the complainant (the outcome, or 不予受理 with
its reasons; of a penalty only the public record) and the inspection's result notice to the
firm. Each offered only in its states; a real PDF by LibreOffice when the machine can (skipped
otherwise, failed on CI: cases.tests.test_documents.need_pdf); a bureau of another district
answers 404.

Dates: the worked example of profession.tests.test_complaints (received Mon 8 Jun 2026, accepted
10 Jun, proposed 24 Jun, decided by the city bureau Mon 6 Jul) and of test_inspections (opened
20 Mar 2026, report 1 Jun, graded 10 Jun, filed 15 Jun)."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse

from cases.documents import available_kinds, document_generate, registry
from cases.models import GeneratedDocument
from cases.tests import test_documents as cases_documents
from cases.tests.test_documents import assert_pdf_shows, docx_text, need_pdf, stored_bytes
from core.errors import InvalidInput, PermissionDenied
from enforcement.tests.conftest import on
from profession import documents
from profession.tests.conftest import complain, fire, open_inspection

pytestmark = pytest.mark.django_db
D = datetime.date
storage_dir, fake_pdf = cases_documents.storage_dir, cases_documents.fake_pdf  # the fixtures

RECEIVED, ACCEPTED, PROPOSED, DECIDED = D(2026, 6, 8), D(2026, 6, 10), D(2026, 6, 24), D(2026, 7, 6)
FINDINGS = "经调查，该律师收取代理费后未按约定出庭属实。"
SUMMARY = "该律师收取代理费后无正当理由拒绝出庭，违反律师法第四十七条。"
DECISION = {"article": "47", "warning": True, "fine": "5000", "decision_number": "穗司罚〔2026〕1号",
            "summary": SUMMARY}  # fmt: skip
COMPLAINANT, PHONE = "李某", "13900139000"


def penalised(w, **decision):
    complaint = complain(w, RECEIVED, name=COMPLAINANT, phone=PHONE)
    complaint = fire(complaint, "accept", w.clerk_haizhu, ACCEPTED)
    complaint = fire(complaint, "propose", w.clerk_haizhu, PROPOSED, findings=FINDINGS)
    return fire(complaint, "decide", w.clerk_city, DECIDED, **{**DECISION, **decision})


def generate(case, key, actor, day):
    with on(day):
        return document_generate(case=case, kind_key=key, actor=actor)


def keys(case, user=None) -> list[str]:
    return [k.key for k in available_kinds(case, user)]


def test_the_kinds_are_registered_with_their_templates():
    assert [k.key for k in registry.kinds("profession.complaint")] == ["penalty", "outcome"]
    assert [k.key for k in registry.kinds("profession.inspection")] == ["result"]
    for kind in [*registry.kinds("profession.complaint"), *registry.kinds("profession.inspection")]:
        assert kind.template_path.is_file()
        assert re.fullmatch(r"2026\.1\+[0-9a-f]{12}", kind.template_version())


# -- 行政处罚决定书 ----------------------------------------------------------------------------------


def test_the_penalty_decision_has_the_content_of_article_59(pw, storage_dir, fake_pdf):
    w = pw
    w.lawyer_a.organization.address = "广州市海珠区新港中路1号"
    w.lawyer_a.organization.save()
    complaint = penalised(w)
    assert keys(complaint, w.clerk_city) == ["penalty", "outcome"]
    document = generate(complaint, "penalty", w.clerk_city, DECIDED)
    assert document.title == "行政处罚决定书"
    text = docx_text(stored_bytes(document.docx))
    for expected in (
        "行政处罚决定书", "穗司罚〔2026〕1号",
        # the party: name, firm, licence, address
        "当事人：陈律师（律师）", "执业机构：广东海珠律师事务所", "14401200010000001",
        "广州市海珠区新港中路1号",
        # facts and evidence
        "海珠区司法局于2026年6月8日收到对当事人的投诉", complaint.number, FINDINGS,
        "以上事实，有下列证据证明：",
        # penalty and its basis
        SUMMARY, "《中华人民共和国律师法》第四十七条", "警告，罚款5,000元",
        # how and by when to comply
        "自收到本决定书之日起十五日内", "缴纳罚款5000元", "第六十七条", "百分之三",
        # review and suit
        "六十日内向广州市人民政府申请行政复议", "六个月内直接向人民法院提起行政诉讼",
        # the agency, its seal and the date
        "广州市司法局（印章）", "2026年7月6日",
    ):  # fmt: skip
        assert expected in text, expected
    # Never who complained.
    assert COMPLAINANT not in text and PHONE not in text
    assert "{{" not in text and "{%" not in text


def test_a_suspension_gives_its_term_and_no_payment(pw, storage_dir, fake_pdf):
    w = pw
    complaint = penalised(w, article="48", warning=False, fine="0", suspension_months=3,
                          effective_from=D(2026, 7, 15))  # fmt: skip
    text = docx_text(stored_bytes(generate(complaint, "penalty", w.clerk_city, DECIDED).docx))
    assert "停止执业3个月，自2026年7月15日起至2026年10月14日止。" in text
    assert "第四十八条" in text
    assert "十五日内" not in text


def test_the_findings_never_name_the_complainant(pw, storage_dir, fake_pdf):
    """Free-text findings naming the complainant or giving their phone: replaced in the
    decision (it may be published, 行政处罚法 Art. 48)."""
    w = pw
    complaint = complain(w, RECEIVED, name=COMPLAINANT, phone=PHONE)
    complaint = fire(complaint, "accept", w.clerk_haizhu, ACCEPTED)
    complaint = fire(complaint, "propose", w.clerk_haizhu, PROPOSED,
                     findings=f"{COMPLAINANT}（电话{PHONE}）委托该律师后，该律师未按约定出庭。")  # fmt: skip
    complaint = fire(complaint, "decide", w.clerk_city, DECIDED, **DECISION)
    text = docx_text(stored_bytes(generate(complaint, "penalty", w.clerk_city, DECIDED).docx))
    assert "投诉人（电话（投诉人电话））委托该律师后，该律师未按约定出庭。" in text
    assert COMPLAINANT not in text and PHONE not in text


def test_a_confiscation_alone_is_paid_without_the_late_surcharge(pw, storage_dir, fake_pdf):
    """Art. 72's 3 % a day applies to a fine; a confiscation alone is paid (Art. 67) with no
    surcharge sentence."""
    w = pw
    complaint = penalised(w, warning=True, fine="0", confiscated="2000")
    text = docx_text(stored_bytes(generate(complaint, "penalty", w.clerk_city, DECIDED).docx))
    assert "缴纳没收的违法所得2000元" in text
    assert "百分之三" not in text


def test_a_firm_is_the_party_with_its_licence(pw, storage_dir, fake_pdf):
    w = pw
    complaint = complain(w, RECEIVED, firm=w.firm)
    fire(complaint, "accept", w.clerk_haizhu, ACCEPTED)
    complaint = fire(complaint, "decide", w.clerk_city, DECIDED, article="50", warning=True,
                     decision_number="穗司罚〔2026〕2号", summary="该所疏于管理。",
                     findings="该所未建立投诉查处制度。")  # fmt: skip
    text = docx_text(stored_bytes(generate(complaint, "penalty", w.clerk_city, DECIDED).docx))
    for expected in ("当事人：广东海珠律师事务所（律师事务所）", "执业许可证号：31440000MD0000001X",
                     "第五十条", "该所未建立投诉查处制度。"):  # fmt: skip
        assert expected in text, expected
    assert "执业机构：" not in text


# -- 投诉处理结果告知书 / 投诉不予受理告知书 ----------------------------------------------------------


def test_the_complainant_learns_of_a_penalty_only_what_the_public_record_shows(
    pw, storage_dir, fake_pdf
):
    w = pw
    complaint = penalised(w)
    document = generate(complaint, "outcome", w.clerk_haizhu, DECIDED)
    assert document.title == "投诉处理结果告知书"
    text = docx_text(stored_bytes(document.docx))
    for expected in (
        f"{COMPLAINANT}：", "你于2026年6月8日向本机关提出的对陈律师（广东海珠律师事务所）的投诉",
        "广州市司法局已于2026年7月6日依法对陈律师作出行政处罚决定（穗司罚〔2026〕1号）",
        "警告，罚款5,000元", complaint.number, "海珠区司法局（印章）",
    ):  # fmt: skip
        assert expected in text, expected
    assert FINDINGS not in text and PHONE not in text


def test_a_dismissal_gives_its_reasons(pw, storage_dir, fake_pdf):
    w = pw
    complaint = complain(w, RECEIVED)
    fire(complaint, "accept", w.clerk_haizhu, ACCEPTED)
    complaint = fire(complaint, "dismiss", w.clerk_haizhu, D(2026, 6, 30),
                     findings="经调查，投诉事项不属实。")  # fmt: skip
    assert keys(complaint) == ["outcome"]
    text = docx_text(stored_bytes(generate(complaint, "outcome", w.clerk_haizhu,
                                           D(2026, 6, 30)).docx))  # fmt: skip
    for expected in ("投诉处理结果告知书", "不予行政处罚，理由如下", "经调查，投诉事项不属实。",
                     "2026年6月30日"):  # fmt: skip
        assert expected in text, expected
    assert "行政处罚决定（" not in text


def test_a_complaint_not_accepted_gets_the_refusal_notice(pw, storage_dir, fake_pdf):
    w = pw
    complaint = complain(w, RECEIVED)
    complaint = fire(complaint, "refuse", w.clerk_haizhu, D(2026, 6, 9), reasons="非律师执业行为。")
    assert keys(complaint) == ["outcome"]
    document = generate(complaint, "outcome", w.clerk_haizhu, D(2026, 6, 9))
    assert document.title == "投诉不予受理告知书"
    text = docx_text(stored_bytes(document.docx))
    for expected in ("投诉不予受理告知书", "决定不予受理，理由如下", "非律师执业行为。",
                     "2026年6月9日"):  # fmt: skip
        assert expected in text, expected
    assert "投诉处理结果告知书" not in text


# -- 年度检查考核结果通知书 ----------------------------------------------------------------------------


def graded(w, result="passed", *, filed=False, **data):
    inspection = open_inspection(w, D(2026, 3, 20))
    inspection = fire(inspection, "submit", w.clerk_haizhu, D(2026, 6, 1),
                      lawyers_competent=1, lawyers_basic=1, lawyers_incompetent=0)  # fmt: skip
    inspection = fire(inspection, "grade", w.clerk_haizhu, D(2026, 6, 10), result=result, **data)
    if filed:
        inspection = fire(inspection, "file", w.clerk_haizhu, D(2026, 6, 15),
                          filed_with=str(w.city_bureau.pk))  # fmt: skip
    return inspection


def test_the_result_notice_gives_the_year_and_the_result(pw, storage_dir, fake_pdf):
    w = pw
    inspection = graded(w, filed=True)
    document = generate(inspection, "result", w.clerk_haizhu, D(2026, 6, 15))
    text = docx_text(stored_bytes(document.docx))
    for expected in (
        "年度检查考核结果通知书", inspection.number, "广东海珠律师事务所：", "2025年度",
        "检查考核结果为：合格", "称职1名，基本称职1名，不称职0名",
        "已于2026年6月15日报广州市司法局备案", "海珠区司法局（印章）", "2026年6月10日",
    ):  # fmt: skip
        assert expected in text, expected
    assert "整改" not in text


def test_a_failed_inspection_is_told_to_rectify(pw, storage_dir, fake_pdf):
    w = pw
    inspection = graded(w, "failed", remarks="档案不全")
    text = docx_text(stored_bytes(generate(inspection, "result", w.clerk_haizhu,
                                           D(2026, 6, 10)).docx))  # fmt: skip
    for expected in ("检查考核结果为：不合格", "档案不全", "认真整改", "第二十四条"):
        assert expected in text, expected


# -- availability, roles, scope ----------------------------------------------------------------------


def test_availability_follows_the_process(pw):
    w = pw
    complaint = complain(w, RECEIVED)
    assert keys(complaint) == []
    complaint = fire(complaint, "accept", w.clerk_haizhu, ACCEPTED)
    assert keys(complaint) == []
    complaint = fire(complaint, "propose", w.clerk_haizhu, PROPOSED, findings=FINDINGS)
    assert keys(complaint) == []
    inspection = open_inspection(w, D(2026, 3, 20))
    assert keys(inspection) == []
    inspection = fire(inspection, "submit", w.clerk_haizhu, D(2026, 6, 1))
    assert keys(inspection) == []


@pytest.mark.parametrize("key", ["penalty", "outcome"])
def test_a_kind_is_refused_in_the_wrong_state(pw, storage_dir, key):
    w = pw
    complaint = fire(complain(w, RECEIVED), "accept", w.clerk_haizhu, ACCEPTED)
    with pytest.raises(InvalidInput) as exc:
        generate(complaint, key, w.clerk_haizhu, ACCEPTED)
    assert "kind" in exc.value.fields
    assert not GeneratedDocument.for_case(complaint).exists()


def test_no_penalty_decision_for_a_dismissed_complaint(pw, storage_dir):
    w = pw
    complaint = fire(complain(w, RECEIVED), "accept", w.clerk_haizhu, ACCEPTED)
    complaint = fire(complaint, "dismiss", w.clerk_haizhu, D(2026, 6, 30), findings="不属实。")
    with pytest.raises(InvalidInput):
        generate(complaint, "penalty", w.clerk_haizhu, D(2026, 6, 30))
    inspection = open_inspection(w, D(2026, 3, 20))
    with pytest.raises(InvalidInput):
        generate(inspection, "result", w.clerk_haizhu, D(2026, 3, 20))


def test_only_the_bureaus_staff_over_the_case_may_generate(pw, storage_dir, fake_pdf):
    w = pw
    complaint = penalised(w)
    for user in (w.clerk_baiyun, w.leader_gz, w.office_haizhu, w.mediator_haizhu):
        with pytest.raises(PermissionDenied):
            generate(complaint, "penalty", user, DECIDED)
    assert not GeneratedDocument.for_case(complaint).exists()


def test_the_pages_offer_the_documents_and_another_district_gets_404(
    pw, storage_dir, fake_pdf, login
):
    w = pw
    complaint = penalised(w)
    inspection = graded(w)
    with on(DECIDED):
        client = login(w.clerk_haizhu)
        page = client.get(complaint.get_absolute_url())
        assert [k.key for k in page.context["document_kinds"]] == ["penalty", "outcome"]
        created = client.post(reverse("cases:document_create",
                                      args=["profession.complaint", complaint.pk]),
                              {"kind": "penalty"})  # fmt: skip
        assert created.status_code == 302
        page = client.get(inspection.get_absolute_url())
        assert [k.key for k in page.context["document_kinds"]] == ["result"]
        client.post(reverse("cases:document_create", args=["profession.inspection", inspection.pk]),
                    {"kind": "result"})  # fmt: skip
        page = client.get(complaint.get_absolute_url())
    (penalty_doc,) = page.context["documents"]
    assert reverse("cases:document_download", args=[penalty_doc.pk, "docx"]) in page.text
    (result_doc,) = GeneratedDocument.for_case(inspection)
    for document in (penalty_doc, result_doc):
        for fmt in ("docx", "pdf"):
            url = reverse("cases:document_download", args=[document.pk, fmt])
            with on(DECIDED):
                assert login(w.clerk_haizhu).get(url).status_code == 200
                assert login(w.clerk_city).get(url).status_code == 200
                for outsider in (w.clerk_baiyun, w.office_haizhu, w.mediator_haizhu):
                    assert login(outsider).get(url).status_code == 404, (outsider, url)
    # Generating from another district: the case is not found.
    with on(DECIDED):
        response = login(w.clerk_baiyun).post(
            reverse("cases:document_create", args=["profession.complaint", complaint.pk]),
            {"kind": "outcome"},
        )
    assert response.status_code == 404


# -- real PDFs and the templates ---------------------------------------------------------------------


def test_real_pdfs_of_the_three_documents(pw, storage_dir):
    need_pdf()
    w = pw
    complaint = penalised(w)
    inspection = graded(w)
    penalty = generate(complaint, "penalty", w.clerk_city, DECIDED)
    outcome = generate(complaint, "outcome", w.clerk_city, DECIDED)
    result = generate(inspection, "result", w.clerk_haizhu, DECIDED)
    assert penalty.pdf and outcome.pdf and result.pdf
    assert_pdf_shows(stored_bytes(penalty.pdf), "行政处罚决定书", "穗司罚〔2026〕1号", "行政复议")
    assert_pdf_shows(stored_bytes(outcome.pdf), "投诉处理结果告知书", COMPLAINANT)
    assert_pdf_shows(stored_bytes(result.pdf), "年度检查考核结果通知书", "合格")


def test_templates_are_built_reproducibly(tmp_path, monkeypatch):
    """The committed templates are what the build script makes, byte for byte."""
    from profession.doctemplates import build

    monkeypatch.setattr(build, "HERE", tmp_path)
    for builder in build.BUILDERS:
        built = builder()
        committed = documents.TEMPLATES / built.name
        assert built.read_bytes() == committed.read_bytes(), (
            f"{built.name} is out of date: run python -m profession.doctemplates.build"
        )
