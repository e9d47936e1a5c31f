"""The staff pages of a published document's follow-up (normative.views): filing (报备), the
post-evaluation report (后评估), the amending document, and the lists of filings and of citizens'
review proposals. Each page: the right persona writes once (a resubmitted form writes nothing
more), another body's handler or another district's staff get 404, a persona without the
permission 403; a refused input is shown beside its field, in Chinese, with what was typed, and
nothing changes.

The worked dates: the document is published Mon 2026-03-02; the filing is due 30 days later ❓
(FAZHI_NORMATIVE_FILING_DAYS, by analogy with 法规规章备案审查条例第四条; the day of publication
not counted) → Wed 2026-04-01. Filed 2026-03-10 → on time; filed 2026-04-02 → late."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.errors import InvalidInput
from normative.models import EvaluationReport, FilingCase, NormativeDocument
from normative.proposals import proposal_file
from normative.services import filing_submit
from normative.tests.conftest import on, published_document

D = datetime.date
KEY = "k" * 32
PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
       b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")  # fmt: skip
pytestmark = pytest.mark.django_db


@pytest.fixture
def pp(nw):
    nw.doc = published_document(nw, published_on=D(2026, 3, 2), effective_from=D(2026, 4, 1))
    return nw


@pytest.fixture
def storage(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                    "OPTIONS": {"location": str(tmp_path)}},
    }  # fmt: skip


def _get_status(client, login, user, url):
    return login(user).get(url).status_code


# -- 报备 ---------------------------------------------------------------------------------------


def test_the_handler_files_once_and_a_resubmission_files_nothing_more(pp, client, login):
    url = reverse("normative:filing_create", args=[pp.doc.pk])
    with on(D(2026, 4, 2)):
        login(pp.agency_haizhu)
        detail = client.get(pp.doc.get_absolute_url()).content.decode()
        assert url in detail  # the detail page links to the filing page
        assert client.get(url).status_code == 200
        first = client.post(url, {"submission_key": KEY, "on_date": "2026-04-02"})
        second = client.post(url, {"submission_key": KEY, "on_date": "2026-04-02"})
    assert first.status_code == second.status_code == 302
    filing = FilingCase.objects.get()
    # Due Wed 2026-04-01 (published Mon 2026-03-02 + 30 days); filed Thu 2026-04-02: late.
    assert (filing.filed_on, filing.filing_due, filing.late) == (D(2026, 4, 2), D(2026, 4, 1), True)
    assert first["Location"] == pp.doc.get_absolute_url()
    with on(D(2026, 4, 2)):
        detail = client.get(pp.doc.get_absolute_url()).content.decode()
    assert filing.number in detail and url not in detail  # filed: no second offer


def test_the_filing_page_is_closed_to_other_personas(pp, client, login):
    url = reverse("normative:filing_create", args=[pp.doc.pk])
    with on(D(2026, 3, 10)):
        assert _get_status(client, login, pp.agency_chengguan, url) == 404  # another body
        assert _get_status(client, login, pp.clerk_baiyun, url) == 404  # another district
        assert _get_status(client, login, pp.leader_haizhu, url) == 403  # reads only
        assert _get_status(client, login, pp.clerk_haizhu, url) == 200
        login(pp.agency_chengguan).post(url, {"submission_key": KEY, "on_date": "2026-03-10"})
    assert not FilingCase.objects.exists()


@pytest.mark.parametrize(
    ("typed", "says"),
    [("2026-03-11", "报备日期不能晚于"), ("2026-03-01", "报备日期不能早于公布日期（2026-03-02）")],
)
def test_a_filing_date_in_the_future_or_before_publication_is_refused(pp, client, login,
                                                                      typed, says):  # fmt: skip
    url = reverse("normative:filing_create", args=[pp.doc.pk])
    with on(D(2026, 3, 10)):
        response = login(pp.agency_haizhu).post(url, {"submission_key": KEY, "on_date": typed})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == ["on_date"] and says in errors["on_date"][0]
    page = response.content.decode()
    assert "报备日期：" in page  # the summary names the field in Chinese
    assert f'value="{typed}"' in page  # what was typed is kept
    assert not FilingCase.objects.exists()


def test_the_service_refuses_the_same_dates(pp):
    with on(D(2026, 3, 10)):
        for day in (D(2026, 3, 11), D(2026, 3, 1)):
            with pytest.raises(InvalidInput) as refused:
                filing_submit(actor=pp.agency_haizhu, document=pp.doc, on_date=day)
            assert list(refused.value.fields) == ["on_date"]
        # The publication day itself and today are accepted.
        filing = filing_submit(actor=pp.agency_haizhu, document=pp.doc, on_date=D(2026, 3, 2))
    assert (filing.filed_on, filing.late) == (D(2026, 3, 2), False)


# -- 后评估 -------------------------------------------------------------------------------------


def _pdf():
    return SimpleUploadedFile("评估报告.pdf", PDF, content_type="application/pdf")


def test_the_handler_attaches_a_report_once(pp, client, login, storage):
    url = reverse("normative:evaluation_create", args=[pp.doc.pk])
    with on(D(2027, 9, 10)):
        login(pp.agency_haizhu)
        assert url in client.get(pp.doc.get_absolute_url()).content.decode()
        assert client.get(url).status_code == 200
        for _ in range(2):
            response = client.post(url, {"submission_key": KEY, "file": _pdf(),
                                         "conclusion": "建议修改后继续施行。"})  # fmt: skip
            assert response.status_code == 302
        detail = client.get(pp.doc.get_absolute_url()).content.decode()
    report = EvaluationReport.objects.get()
    assert (report.document, report.evaluated_on, report.conclusion) == (
        pp.doc, D(2027, 9, 10), "建议修改后继续施行。")  # fmt: skip
    assert "建议修改后继续施行。" in detail


def test_a_report_without_a_file_is_refused_and_the_conclusion_is_kept(pp, client, login):
    url = reverse("normative:evaluation_create", args=[pp.doc.pk])
    with on(D(2027, 9, 10)):
        response = login(pp.agency_haizhu).post(url, {"submission_key": KEY,
                                                      "conclusion": "建议废止。"})  # fmt: skip
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["file"]
    page = response.content.decode()
    assert "评估报告：" in page and "建议废止。" in page
    assert not EvaluationReport.objects.exists()


def test_the_evaluation_page_is_closed_to_other_personas(pp, client, login):
    url = reverse("normative:evaluation_create", args=[pp.doc.pk])
    with on(D(2027, 9, 10)):
        assert _get_status(client, login, pp.agency_chengguan, url) == 404
        assert _get_status(client, login, pp.clerk_baiyun, url) == 404
        assert _get_status(client, login, pp.leader_haizhu, url) == 403


# -- 修改文件 -----------------------------------------------------------------------------------


@pytest.fixture
def amending(pp):
    pp.new = published_document(pp, published_on=D(2026, 9, 1), effective_from=D(2026, 10, 8),
                                title="广州市海珠区占道经营管理规定（修订）")  # fmt: skip
    pp.elsewhere = published_document(pp, published_on=D(2026, 9, 1),
                                      effective_from=D(2026, 10, 8), body=pp.baiyun_agency,
                                      title="白云区某规定")  # fmt: skip
    return pp


def test_staff_link_the_amending_document_once(amending, client, login):
    url = reverse("normative:amendment_create", args=[amending.doc.pk])
    with on(D(2026, 9, 2)):
        login(amending.clerk_haizhu)
        response = client.get(url)
        choices = list(response.context["form"].fields["amended_by"].queryset)
        assert amending.new in choices
        assert amending.elsewhere not in choices and amending.doc not in choices
        for _ in range(2):
            posted = client.post(url, {"submission_key": KEY, "amended_by": amending.new.pk})
            assert posted.status_code == 302
        detail = client.get(amending.doc.get_absolute_url()).content.decode()
    fresh = NormativeDocument.objects.get(pk=amending.doc.pk)
    assert (fresh.amended_by, fresh.amended_on) == (amending.new, D(2026, 10, 8))
    assert 'id="amended-by"' in detail and amending.new.title in detail


def test_a_document_of_another_jurisdiction_is_refused_as_amending(amending, client, login):
    url = reverse("normative:amendment_create", args=[amending.doc.pk])
    with on(D(2026, 9, 2)):
        response = login(amending.clerk_haizhu).post(
            url, {"submission_key": KEY, "amended_by": amending.elsewhere.pk}
        )
        empty = client.post(url, {"submission_key": KEY, "amended_by": ""})
    for r in (response, empty):
        assert r.status_code == 200
        assert list(r.context["form"].errors) == ["amended_by"]
        assert "修改文件：" in r.content.decode()
    fresh = NormativeDocument.objects.get(pk=amending.doc.pk)
    assert (fresh.amended_by, fresh.amended_on) == (None, None)


def test_the_amendment_page_is_closed_to_other_personas(amending, client, login):
    url = reverse("normative:amendment_create", args=[amending.doc.pk])
    with on(D(2026, 9, 2)):
        assert _get_status(client, login, amending.agency_chengguan, url) == 404
        assert _get_status(client, login, amending.clerk_baiyun, url) == 404
        assert _get_status(client, login, amending.leader_haizhu, url) == 403
        assert _get_status(client, login, amending.agency_haizhu, url) == 200


# -- the lists ----------------------------------------------------------------------------------


def _filed(w, count):
    documents = [
        published_document(
            w, published_on=D(2026, 3, 2), effective_from=D(2026, 4, 1), title=f"海珠区第{i}号规定"
        )
        for i in range(count)
    ]
    with on(D(2026, 4, 2)):  # a day after the due day: late
        return [filing_submit(actor=w.agency_haizhu, document=d) for d in documents]


def test_the_filings_list_shows_state_and_late_flag_in_scope(pp, client, login):
    filings = _filed(pp, 2)
    url = reverse("normative:filing_list")
    with on(D(2026, 4, 3)):
        page = login(pp.clerk_haizhu).get(url).content.decode()
        assert all(f.number in page for f in filings)
        # Filed Thu 2026-04-02, a day after the due day Wed 2026-04-01: flagged late.
        rows = page[page.index("<tbody") : page.index("</tbody>")]
        assert rows.count('<span class="true">逾期报备</span>') == 2
        assert rows.count("<td >已报备</td>") == 2  # the state
        assert login(pp.agency_haizhu).get(url).status_code == 200
        assert filings[0].number in login(pp.agency_haizhu).get(url).content.decode()
        other = login(pp.agency_chengguan).get(url).content.decode()
        assert not any(f.number in other for f in filings)
        baiyun = login(pp.clerk_baiyun).get(url).content.decode()
        assert not any(f.number in baiyun for f in filings)
        assert login(pp.agency_haizhu).get(url, {"late": "true"}).status_code == 200


def test_the_filings_list_reads_a_fixed_number_of_queries(pp, client, login):
    url = reverse("normative:filing_list")
    _filed(pp, 1)
    with on(D(2026, 4, 3)):
        login(pp.clerk_haizhu)
        client.get(url)
        with CaptureQueriesContext(connection) as one:
            client.get(url)
    _filed(pp, 3)
    with on(D(2026, 4, 3)), CaptureQueriesContext(connection) as four:
        client.get(url)
    assert len(four) == len(one)


def test_only_the_bureau_sees_citizens_proposals(pp, client, login):
    with on(D(2026, 6, 1)):
        proposal = proposal_file(document=pp.doc, cleaned={
            "applicant_name": "林建议", "applicant_phone": "13800138001",
            "reasons": "第五条增设的备案义务缺乏上位法依据。"})  # fmt: skip
    url = reverse("normative:proposal_list")
    with on(D(2026, 6, 2)):
        page = login(pp.clerk_haizhu).get(url).content.decode()
        assert proposal.number in page and "林建议" in page
        assert _get_status(client, login, pp.agency_haizhu, url) == 403
        assert _get_status(client, login, pp.agency_chengguan, url) == 403
        assert proposal.number not in login(pp.clerk_baiyun).get(url).content.decode()
        menu = login(pp.agency_haizhu).get(reverse("normative:document_list")).content.decode()
        assert reverse("normative:proposal_list") not in menu
        assert reverse("normative:filing_list") in menu


def test_the_handler_answers_a_correction_suggestion_on_the_filing_page(pp, client, login):
    """The answer (法规规章备案审查条例第二十一条 by analogy ❓) is the filing's `record_answer`
    step, reached from the filing page through the case engine's step page."""
    from normative.tests.conftest import fire

    with on(D(2026, 3, 10)):
        filing = filing_submit(actor=pp.agency_haizhu, document=pp.doc)
    with on(D(2026, 3, 20)):
        filing = fire(filing, "issue_opinion", pp.clerk_haizhu, opinion="correct",
                      opinion_text="第八条罚款数额应与上位法一致。")  # fmt: skip
    step = f"/cases/normative.filingcase/{filing.pk}/do/record_answer/"
    with on(D(2026, 4, 1)):
        assert step in login(pp.agency_haizhu).get(filing.get_absolute_url()).content.decode()
        assert _get_status(client, login, pp.agency_chengguan, step) == 404
        response = login(pp.agency_haizhu).post(step, {
            "version": filing.version, "on_date": "2026-04-01",
            "answer": "已按建议修改第八条。"})  # fmt: skip
    assert response.status_code == 302
    filing = FilingCase.objects.get(pk=filing.pk)
    assert (filing.state, filing.answer, filing.answered_on) == (
        "closed", "已按建议修改第八条。", D(2026, 4, 1))  # fmt: skip
