"""The documents of normative documents (normative.documents), generated for documents and
filings taken through the real services and process: the 规范性文件备案报告 (the filing package
after 法规规章备案审查条例 Art. 8 by analogy, the period of Art. 4 by analogy ❓), the
规范性文件备案审查意见书 (BAS Art. 3 有错必纠; the answer due within 30 days, Art. 21 by analogy
❓) and the 行政规范性文件发布登记表 (三统一 and publication, OGI Art. 20(1)); each refused, with
its reason, until its data exists; made only by those who may (the opinion and the record by
the bureau, the report also by the issuing body); served only to those who see the case
(another body's handler or another district's staff get a 404); one real PDF by LibreOffice
(the other tests use `fake_pdf`: a conversion takes seconds).

Worked dates (statutes-lines §0: the first day not counted, a last day on a rest day or holiday
moved to the next working day):
- published Mon 2026-03-02 → filing due 30 days later, Wed 2026-04-01; filed Fri 2026-03-20: on
  time; filed Thu 2026-04-02: late.
- suggestion sent Wed 2026-04-15 → answer due 30 days later, Fri 2026-05-15 (a working day).
"""

from __future__ import annotations

import datetime
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from cases.attachments import attachment_add
from cases.documents import available_kinds, document_generate, document_open, registry
from cases.models import GeneratedDocument
from cases.tests.test_documents import (  # noqa: F401 - fixtures
    assert_pdf_shows,
    docx_text,
    fake_pdf,
    need_pdf,
    storage_dir,
    stored_bytes,
)
from core.errors import InvalidInput, NotFound, PermissionDenied
from normative.services import filing_submit
from normative.tests.conftest import fire, on, published_document, register

D = datetime.date
pytestmark = pytest.mark.django_db

FILING = "normative.filingcase"
DOCUMENT = "normative.normativedocument"
TITLE = "广州市海珠区占道经营管理规定"
OPINION_DAY = D(2026, 4, 15)  # Wed: the suggestion sent
POINTS = "第五条增设备案义务，缺乏上位法依据\n第八条罚款数额超过上位法规定的幅度"


def cn(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def _published(w):
    return published_document(w, published_on=D(2026, 3, 2), effective_from=D(2026, 4, 1),
                              title=TITLE)  # fmt: skip


def _file(w, document, day):
    with on(day):
        return filing_submit(actor=w.agency_haizhu, document=document)


def _opinion(w, filing, opinion="correct", text=POINTS, day=OPINION_DAY):
    with on(day):
        if opinion == "no_problem":
            return fire(filing, "no_problem", w.clerk_haizhu)
        return fire(filing, "issue_opinion", w.clerk_haizhu, opinion=opinion, opinion_text=text)


def _text(case, key, actor) -> str:
    document = document_generate(case=case, kind_key=key, actor=actor)
    return docx_text(stored_bytes(document.docx))


@pytest.fixture
def filed(nw, storage_dir):  # noqa: F811
    return _file(nw, _published(nw), D(2026, 3, 20))


def test_the_kinds_are_registered_with_their_templates():
    assert [k.key for k in registry.kinds(FILING)] == ["report", "opinion"]
    assert [k.key for k in registry.kinds(DOCUMENT)] == ["publication"]
    for kind in (*registry.kinds(FILING), *registry.kinds(DOCUMENT)):
        assert kind.template_path.is_file(), kind.key


def test_the_filing_report_lists_the_document_and_the_materials(nw, filed, fake_pdf):  # noqa: F811
    """BAS Art. 8 (by analogy): the report, the text and the materials; Art. 4: the period."""
    document = filed.document
    with on(D(2026, 3, 20)):
        attachment_add(case=filed, actor=nw.agency_haizhu, description="起草说明",
                       upload=SimpleUploadedFile("说明.pdf", b"%PDF-1.4 x",
                                                 content_type="application/pdf"))  # fmt: skip
        text = _text(filed, "report", nw.agency_haizhu)
    for expected in (
        "规范性文件备案报告", f"备案号：{filed.number}", "海珠区司法局：",
        f"《{TITLE}》", "海珠区市场监督管理局", "部门规范性文件",
        document.unified_number, document.document_number, document.number,
        document.review_number, "签发日期2026年3月2日", "公布日期2026年3月2日",
        "施行日期2026年4月1日", f"有效期至{cn(document.valid_until)}",
        "报送备案日期2026年3月20日（按期报送）", "备案期限2026年4月1日前",
        f"1、《{TITLE}》正式文本（含电子文本）",
        f"2、合法性审核意见书（{document.review_number}）", "3、起草说明",
        "海珠区市场监督管理局（印章）",
    ):  # fmt: skip
        assert expected in text, expected
    assert "逾期原因" not in text
    assert "{{" not in text and "{%" not in text


def test_a_late_filing_says_so(nw, storage_dir, fake_pdf):  # noqa: F811
    filing = _file(nw, _published(nw), D(2026, 4, 2))
    assert filing.late
    text = _text(filing, "report", nw.agency_haizhu)
    assert "报送备案日期2026年4月2日（逾期报送）" in text
    assert "逾期原因" in text


def test_the_opinion_waits_for_the_review_and_says_why(nw, filed, fake_pdf):  # noqa: F811
    assert [k.key for k in available_kinds(filed, nw.clerk_haizhu)] == ["report"]
    with pytest.raises(InvalidInput) as refused:
        document_generate(case=filed, kind_key="opinion", actor=nw.clerk_haizhu)
    kind = registry.get(FILING, "opinion")
    assert refused.value.message == kind.reason_unavailable(filed)
    assert "kind" in refused.value.fields
    assert not GeneratedDocument.for_case(filed).exists()
    with on(D(2026, 3, 23)):
        fire(filed, "start_review", nw.clerk_haizhu)
    filed.refresh_from_db()
    assert [k.key for k in available_kinds(filed, nw.clerk_haizhu)] == ["report"]


def test_every_unavailable_kind_cites_its_article():
    for kind in (*registry.kinds(FILING), *registry.kinds(DOCUMENT)):
        with translation.override("en"):  # the article as the source text cites it
            reason = str(kind.unavailable_reason)
        assert re.search(r"Arts?\. \d+", reason), kind.key


@pytest.mark.parametrize(("opinion", "words"), [("correct", "纠正"), ("revoke", "撤销")])
def test_the_opinion_names_the_problems_and_the_day_to_answer(nw, filed, fake_pdf, opinion, words):  # noqa: F811
    filing = _opinion(nw, filed, opinion)
    text = _text(filing, "opinion", nw.clerk_haizhu)
    for expected in (
        "规范性文件备案审查意见书", f"备案号：{filing.number}", "海珠区市场监督管理局：",
        f"你单位于2026年3月20日报送备案的《{TITLE}》（{filing.document.document_number}）收悉",
        f"经审查，该文件存在下列问题，建议你单位予以{words}：",
        "1、第五条增设备案义务，缺乏上位法依据", "2、第八条罚款数额超过上位法规定的幅度",
        # Wed 2026-04-15 + 30 days = Fri 2026-05-15 (the filing's answer clock).
        f"对该文件予以{words}，并于2026年5月15日前将处理情况书面报送本机关",
        "海珠区司法局（印章）", "2026年4月15日",
    ):  # fmt: skip
        assert expected in text, expected
    assert "{{" not in text and "{%" not in text


def test_an_opinion_without_a_problem_sets_no_answer(nw, filed, fake_pdf):  # noqa: F811
    filing = _opinion(nw, filed, "no_problem", day=D(2026, 4, 1))
    text = _text(filing, "opinion", nw.clerk_haizhu)
    assert "经审查，未发现该文件存在违法或者不当的问题。" in text
    assert "书面报送本机关" not in text and "1、" not in text
    assert "2026年4月1日" in text


def test_the_bureau_makes_the_opinion_and_the_body_its_report(nw, filed, fake_pdf):  # noqa: F811
    filing = _opinion(nw, filed)
    assert [k.key for k in available_kinds(filing, nw.agency_haizhu)] == ["report"]
    with pytest.raises(PermissionDenied):
        document_generate(case=filing, kind_key="opinion", actor=nw.agency_haizhu)
    with pytest.raises(PermissionDenied):
        document_generate(case=filing, kind_key="report", actor=nw.leader_gz)
    assert [k.key for k in available_kinds(filing, nw.clerk_haizhu)] == ["report", "opinion"]


def test_the_publication_record_once_published(nw, storage_dir, fake_pdf):  # noqa: F811
    draft = register(nw, D(2026, 3, 2), title=TITLE)
    assert available_kinds(draft, nw.clerk_haizhu) == []
    with pytest.raises(InvalidInput) as refused:
        document_generate(case=draft, kind_key="publication", actor=nw.clerk_haizhu)
    assert "kind" in refused.value.fields
    document = _published(nw)
    text = _text(document, "publication", nw.clerk_haizhu)
    for expected in (
        "行政规范性文件发布登记表", "登记机关：海珠区司法局", f"《{TITLE}》",
        document.number, document.unified_number, document.document_number,
        document.review_number, "公布日期2026年3月2日", "施行日期2026年4月1日",
        cn(document.valid_until), cn(document.evaluate_by),
    ):  # fmt: skip
        assert expected in text, expected
    with pytest.raises(PermissionDenied):
        document_generate(case=document, kind_key="publication", actor=nw.agency_haizhu)


# -- who gets the documents -------------------------------------------------------------------


@pytest.mark.usefixtures("fake_pdf")
def test_another_body_or_district_neither_makes_nor_opens_them(nw, filed):
    document = document_generate(case=filed, kind_key="report", actor=nw.agency_haizhu)
    for outsider in (nw.agency_chengguan, nw.clerk_baiyun):
        assert available_kinds(filed, user=outsider) == []
        with pytest.raises(PermissionDenied):
            document_generate(case=filed, kind_key="report", actor=outsider)
        with pytest.raises(NotFound):
            document_open(document_id=document.pk, fmt="docx", actor=outsider)


@pytest.mark.usefixtures("fake_pdf")
def test_the_pages_give_another_district_a_404(nw, filed, login):
    client = login(nw.agency_haizhu)
    page = client.get(filed.get_absolute_url()).content.decode()
    assert 'id="documents"' in page and 'value="report"' in page
    assert 'value="opinion"' not in page
    create = reverse("cases:document_create", args=[FILING, filed.pk])
    response = client.post(create, {"kind": "report"})
    assert response.status_code == 302
    document = GeneratedDocument.for_case(filed).get()
    download = reverse("cases:document_download", args=[document.pk, "docx"])
    response = client.get(download)
    assert response.status_code == 200
    assert f"《{TITLE}》" in docx_text(b"".join(response.streaming_content))
    for outsider in (nw.clerk_baiyun, nw.agency_chengguan):
        client = login(outsider)
        assert client.get(filed.get_absolute_url()).status_code == 404
        assert client.get(download).status_code == 404
        assert client.post(create, {"kind": "report"}).status_code == 404
    assert GeneratedDocument.for_case(filed).count() == 1


def test_a_real_pdf_of_the_opinion(nw, filed):
    need_pdf()
    filing = _opinion(nw, filed)
    document = document_generate(case=filing, kind_key="opinion", actor=nw.clerk_haizhu)
    assert document.pdf and not getattr(document, "pdf_error", "")
    assert_pdf_shows(stored_bytes(document.pdf), "规范性文件备案审查意见书", TITLE,
                     "2026年5月15日")  # fmt: skip


def test_templates_are_built_reproducibly(tmp_path, monkeypatch):
    """The committed templates are what the build script makes, byte for byte."""
    from normative import documents
    from normative.doctemplates import build

    monkeypatch.setattr(build, "HERE", tmp_path)
    for builder in build.BUILDERS:
        built = builder()
        assert built.read_bytes() == (documents.TEMPLATES / built.name).read_bytes(), (
            f"{built.name} is out of date: run python -m normative.doctemplates.build"
        )
