"""The enforcement line's documents (enforcement.documents): the 交办函 of a dispatch and the
行政执法监督意见书 of a closed complaint, generated and kept through cases.documents, and the
整改通知书 of a reviewed file, rendered on request (enforcement.document_views). Each DOCX holds
the facts recorded; a real PDF by LibreOffice when the machine can (skipped otherwise, failed
on CI, as cases.tests.test_documents.need_pdf); an agency of another body, a bureau of another
district answer 404.

The complaints follow the worked example of enforcement.tests.complaints_support (dispatched
Wed 10 Jun 2026 to 市监 (A) and 城管 (B), A's reply sent back on 23 Jun, closed on Fri 3 Jul
as partly substantiated); the review the campaign of enforcement.tests.test_review (scored
Thu 1 Apr 2027, notified Fri 2 Apr: 30 days → Sun 2 May 2027)."""

from __future__ import annotations

import datetime
import io

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils.translation import gettext

from cases.documents import FORMATS, available_kinds, document_generate, render_docx
from cases.tests import test_documents as cases_documents
from cases.tests.test_documents import assert_pdf_shows, docx_text, need_pdf, stored_bytes
from core.errors import InvalidInput, PermissionDenied
from enforcement import documents
from enforcement import review_services as svc
from enforcement.tests import test_review as base
from enforcement.tests.complaints_support import (
    A_REPLIED_AGAIN,
    ANSWER,
    CLOSED,
    DISPATCHED,
    FACTS,
    INSTRUCTIONS,
    PHONE,
    REASONS,
    SENT_BACK,
    worked_example,
)
from enforcement.tests.conftest import on

D = datetime.date
pytestmark = pytest.mark.django_db
perms, rw = base.perms, base.rw  # the fixtures
storage_dir, fake_pdf = cases_documents.storage_dir, cases_documents.fake_pdf
NOTIFIED = D(2027, 4, 2)


def _download(client, user, document, fmt="docx", day=CLOSED):
    with on(day):
        client.force_login(user)
        return client.get(reverse("cases:document_download", args=[document.pk, fmt]))


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


# -- 交办函 ------------------------------------------------------------------------------------


def test_the_dispatch_letter_carries_the_problem_the_request_and_the_deadline(
    ew, storage_dir, fake_pdf
):
    out = worked_example(ew, until=DISPATCHED)
    a, complaint = out["a"], out["complaint"]
    assert [k.key for k in available_kinds(a, ew.clerk_haizhu)] == ["letter"]
    with on(DISPATCHED):
        document = document_generate(case=a, kind_key="letter", actor=ew.clerk_haizhu)
    text = docx_text(stored_bytes(document.docx))
    assert document.title == "行政执法投诉交办函"
    for expected in (
        a.number, complaint.number, "海珠区市场监督管理局：", "2026年6月8日", "2026年6月5日",
        "海珠区江南大道中100号", FACTS, INSTRUCTIONS, "一、反映的问题", "二、办理要求",
        "请你单位于2026年6月25日前（10个工作日内）", "海珠区司法局（印章）", "2026年6月10日",
    ):  # fmt: skip
        assert expected in text, expected
    # Never who complained (no retaliation: the body does not learn the complainant).
    assert "海珠区某某餐饮店" not in text and PHONE not in text
    assert "退回重办" not in text
    assert "{{" not in text and "{%" not in text


def test_after_a_send_back_the_letter_gives_the_new_round_and_the_reasons(
    ew, storage_dir, fake_pdf
):
    a = worked_example(ew, until=SENT_BACK)["a"]
    with on(SENT_BACK):
        document = document_generate(case=a, kind_key="letter", actor=ew.clerk_haizhu)
    text = docx_text(stored_bytes(document.docx))
    for expected in ("本件为第2次交办", "2026年6月22日的答复", REASONS,
                     "请你单位于2026年7月7日前", "2026年6月23日"):  # fmt: skip
        assert expected in text, expected


def test_only_the_bureau_makes_the_letter(ew, storage_dir, fake_pdf):
    a = worked_example(ew, until=DISPATCHED)["a"]
    with on(DISPATCHED), pytest.raises(PermissionDenied):
        document_generate(case=a, kind_key="letter", actor=ew.agency_haizhu)


def test_the_letter_reaches_its_own_body_only(client, ew, storage_dir, fake_pdf):
    out = worked_example(ew, until=DISPATCHED)
    with on(DISPATCHED):
        document = document_generate(case=out["a"], kind_key="letter", actor=ew.clerk_haizhu)
    assert _download(client, ew.clerk_haizhu, document).status_code == 200
    own = _download(client, ew.agency_haizhu, document)
    assert own.status_code == 200
    assert "海珠区市场监督管理局：" in docx_text(_body(own))
    assert _body(_download(client, ew.agency_haizhu, document, "pdf")).startswith(b"%PDF")
    for outsider in (ew.agency_chengguan, ew.agency_baiyun, ew.clerk_baiyun):
        assert _download(client, outsider, document).status_code == 404, outsider
        assert _download(client, outsider, document, "pdf").status_code == 404, outsider


def test_the_dispatch_page_offers_the_letter(client, ew, storage_dir, fake_pdf):
    a = worked_example(ew, until=DISPATCHED)["a"]
    with on(DISPATCHED):
        client.force_login(ew.clerk_haizhu)
        page = client.get(a.get_absolute_url())
        assert [k.key for k in page.context["document_kinds"]] == ["letter"]
        created = client.post(
            reverse("cases:document_create", args=["enforcement.dispatch", a.pk]),
            {"kind": "letter"},
        )
        assert created.status_code == 302
        page = client.get(a.get_absolute_url())
    (document,) = page.context["documents"]
    assert document.kind == "letter"
    assert reverse("cases:document_download", args=[document.pk, "docx"]) in page.text


# -- 行政执法监督意见书 ----------------------------------------------------------------------------


def test_the_opinion_states_the_facts_found_the_basis_and_what_the_body_must_do(
    ew, storage_dir, fake_pdf
):
    complaint = worked_example(ew)["complaint"]
    assert complaint.finding == "partly"
    assert [k.key for k in available_kinds(complaint, ew.clerk_haizhu)] == ["opinion"]
    with on(CLOSED):
        document = document_generate(case=complaint, kind_key="opinion", actor=ew.clerk_haizhu)
    text = docx_text(stored_bytes(document.docx))
    assert document.title == "行政执法监督意见书"
    for expected in (
        complaint.number, "海珠区市场监督管理局：", "2026年6月8日", "一、查明的事实", FACTS,
        # each body's accepted reply (A's second one, not the one sent back)
        "海珠区市场监督管理局于2026年7月2日答复：补充核查：未出示证件属实，停业要求已撤销。",
        "海珠区城市管理和综合执法局于2026年6月29日答复：经核查，本局未参与该次检查。",
        "经本机关核实，投诉反映的问题部分属实。", "二、监督依据", "第七十五条", "第二十八条",
        "三、监督意见", "存在部分违法或者不当之处", ANSWER, "四、整改要求",
        "自本意见书作出之日起30日内，即于2026年8月2日前依法纠正", "海珠区司法局（印章）",
        "2026年7月3日",
    ):  # fmt: skip
        assert expected in text, expected
    assert "已核查，执法人员当时出示了证件。" not in text  # the reply sent back
    assert "海珠区某某餐饮店" not in text and PHONE not in text
    assert "{{" not in text and "{%" not in text


def test_no_opinion_before_the_complaint_is_closed(ew, storage_dir, fake_pdf):
    complaint = worked_example(ew, until=A_REPLIED_AGAIN)["complaint"]
    assert available_kinds(complaint, ew.clerk_haizhu) == []
    with on(A_REPLIED_AGAIN), pytest.raises(InvalidInput) as raised:
        document_generate(case=complaint, kind_key="opinion", actor=ew.clerk_haizhu)
    assert raised.value.message == str(documents.OPINION.reason_unavailable(complaint))


def test_no_opinion_when_the_complaint_is_not_substantiated(ew, storage_dir, fake_pdf):
    complaint = worked_example(ew)["complaint"]
    complaint.finding = "unsubstantiated"
    assert not documents.OPINION.is_available(complaint)


def test_the_opinion_stays_with_the_bureau(client, ew, storage_dir, fake_pdf):
    complaint = worked_example(ew)["complaint"]
    with on(CLOSED):
        document = document_generate(case=complaint, kind_key="opinion", actor=ew.clerk_haizhu)
    assert _download(client, ew.clerk_haizhu, document).status_code == 200
    assert _download(client, ew.leader_gz, document).status_code == 200
    for outsider in (ew.clerk_baiyun, ew.agency_baiyun, ew.agency_chengguan):
        assert _download(client, outsider, document).status_code == 404, outsider


# -- 整改通知书 ----------------------------------------------------------------------------------


@pytest.fixture
def notified(rw):
    """A file of 市监 scored 85 (facts 10 of 25) with two problems, one notified."""
    w = rw
    c = base.drawn(w)
    w.file = c.files.filter(agency=w.haizhu_agency).order_by("position").first()
    base.score(w, w.file, scores={**base.FULL, "facts": 10},
               problems=["证据未注明来源", "处罚决定书未载明救济途径"])  # fmt: skip
    with on(NOTIFIED):
        svc.rectification_notify(actor=w.clerk_haizhu, file=w.file,
                                 problem="补充证据来源说明并归档")  # fmt: skip
    w.file.refresh_from_db()
    w.campaign = c
    return w


def _notice(client, user, file, fmt="docx"):
    with on(NOTIFIED):
        client.force_login(user)
        return client.get(reverse("enforcement:review_rectification_notice", args=[file.pk, fmt]))


def test_the_rectification_notice_names_the_file_the_problems_and_the_deadline(client, notified):
    w = notified
    response = _notice(client, w.clerk_haizhu, w.file)
    assert response.status_code == 200
    assert response["Content-Type"] == FORMATS["docx"]
    assert "attachment" in response["Content-Disposition"]
    text = docx_text(response.content)
    for expected in (
        "行政执法案卷评查整改通知书", "海珠区市场监督管理局：", "《2026年度行政执法案卷评查》",
        "2026年度", w.file.decision.case_number, "2027年4月1日", "85分（满分100分）", "合格",
        "事实证据", "行政处罚法第四十条", "1、证据未注明来源", "2、处罚决定书未载明救济途径",
        "1、补充证据来源说明并归档", "自收到本通知之日起30日内，即于2027年5月2日前完成整改",
        "海珠区司法局（印章）", "2027年4月2日",
    ):  # fmt: skip
        assert expected in text, expected
    assert "{{" not in text and "{%" not in text
    # The download is written to the audit log as an access to the file.
    assert (
        LogEntry.objects.get_for_object(w.file)
        .filter(action=LogEntry.Action.ACCESS, actor=w.clerk_haizhu)
        .exists()
    )


def test_several_notices_give_each_item_its_deadline(notified):
    w = notified
    with on(D(2027, 4, 9)):
        svc.rectification_notify(actor=w.clerk_haizhu, file=w.file, problem="补盖印章")
    text = docx_text(render_docx(documents.RECTIFICATION, w.file))
    for expected in ("1、补充证据来源说明并归档（整改期限：2027年5月2日）",
                     "2、补盖印章（整改期限：2027年5月9日）", "即于2027年5月9日前",
                     "2027年4月9日"):  # fmt: skip
        assert expected in text, expected


def test_the_notice_reaches_the_files_agency_only(client, notified):
    w = notified
    assert _notice(client, w.agency_haizhu, w.file).status_code == 200
    for outsider in (w.agency_chengguan, w.agency_baiyun, w.clerk_baiyun):
        assert _notice(client, outsider, w.file).status_code == 404, outsider
        assert _notice(client, outsider, w.file, "pdf").status_code == 404, outsider
    assert _notice(client, w.clerk_haizhu, w.file, "odt").status_code == 404


def test_no_notice_before_a_problem_is_notified(client, rw):
    w = rw
    c = base.drawn(w)
    file = c.files.order_by("position").first()
    response = _notice(client, w.clerk_haizhu, file)
    assert response.status_code == 302
    assert response["Location"] == reverse("enforcement:review_file", args=[file.pk])
    with on(NOTIFIED):
        page = client.get(reverse("enforcement:review_file", args=[file.pk]))
    assert "rectification-notice" not in page.text


def test_the_file_page_links_the_notice(client, notified, monkeypatch):
    w = notified
    with on(NOTIFIED):
        client.force_login(w.agency_haizhu)
        page = client.get(reverse("enforcement:review_file", args=[w.file.pk]))
    assert gettext("Rectification notice") in page.text
    for fmt in ("docx", "pdf"):
        url = reverse("enforcement:review_rectification_notice", args=[w.file.pk, fmt])
        assert url in page.text
    monkeypatch.setattr("cases.pdf.docx_to_pdf", lambda data, title="": b"%PDF-1.4 test")
    pdf = _notice(client, w.agency_haizhu, w.file, "pdf")
    assert pdf.status_code == 200 and pdf.content == b"%PDF-1.4 test"
    assert pdf["Content-Type"] == "application/pdf"


# -- real PDFs -----------------------------------------------------------------------------------


def test_real_pdfs_of_the_three_documents(client, ew, storage_dir):
    need_pdf()
    out = worked_example(ew)
    with on(CLOSED):
        letter = document_generate(case=out["a"], kind_key="letter", actor=ew.clerk_haizhu)
        opinion = document_generate(
            case=out["complaint"], kind_key="opinion", actor=ew.clerk_haizhu
        )
    assert letter.pdf and opinion.pdf
    assert_pdf_shows(stored_bytes(letter.pdf), "行政执法投诉交办函", "答复期限")
    assert_pdf_shows(stored_bytes(opinion.pdf), "行政执法监督意见书", "查明的事实")


def test_a_real_pdf_of_the_rectification_notice(client, notified):
    need_pdf()
    response = _notice(client, notified.clerk_haizhu, notified.file, "pdf")
    assert response.status_code == 200
    assert_pdf_shows(response.content, "整改通知书", "整改事项和期限")


def test_the_docx_parses(client, notified):
    import docx

    response = _notice(client, notified.clerk_haizhu, notified.file)
    document = docx.Document(io.BytesIO(response.content))
    assert document.tables and document.tables[1].rows[1].cells[0].text == "执法主体"


def test_the_opinion_reads_every_dispatchs_rounds_in_one_query(ew):
    """The worked example's complaint went to two bodies: their rounds are read in one query,
    and the whole opinion in as many queries as with one dispatch (no query per dispatch)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from enforcement.complaint_models import DispatchRound

    complaint = worked_example(ew)["complaint"]
    assert complaint.dispatches.count() == 2
    complaint = type(complaint).objects.get(pk=complaint.pk)
    table = DispatchRound._meta.db_table
    with on(CLOSED), CaptureQueriesContext(connection) as two:
        context = documents.opinion_context(complaint)
    assert len(context["replies"]) == 2
    assert sum(f'FROM "{table}"' in q["sql"] for q in two.captured_queries) == 1
    # The same complaint seen with one of its dispatches: the same number of queries.
    single = _with_first_dispatch_only(complaint)
    with on(CLOSED), CaptureQueriesContext(connection) as one:
        assert len(documents.opinion_context(single)["replies"]) == 1
    assert len(one.captured_queries) == len(two.captured_queries)


def _with_first_dispatch_only(complaint):
    """The complaint as if only its first dispatch existed (the second one's rounds and the
    dispatch deleted within the test's transaction)."""
    from enforcement.complaint_models import DispatchRound

    second = complaint.dispatches.order_by("id").last()
    DispatchRound.objects.filter(dispatch=second).delete()
    type(second).objects.filter(pk=second.pk).delete()
    return type(complaint).objects.get(pk=complaint.pk)
