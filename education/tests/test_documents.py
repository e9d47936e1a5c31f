"""The documents of public legal education (education.documents): the 普法履职评议结果通知书 of
a published evaluation (SD‑PF Art. 31 ✅; 年度履职报告评议 ◑ S11) with the votes cast and the
grade, and an agency's published 普法责任清单 (SD‑PF Art. 10 ✅), as DOCX and PDF; neither
before publication; only within the user's jurisdiction (others: 404, like a missing record);
each download written to the audit log."""

from __future__ import annotations

import datetime

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from cases.documents import FORMATS, render_docx
from cases.tests.test_documents import assert_pdf_shows, docx_text, need_pdf
from education import documents, services, voting
from education.choices import VoteRating

pytestmark = pytest.mark.django_db
D = datetime.date
ITEMS = [
    {"law": "食品安全法", "target_audience": "食品生产经营者",
     "measures": "以案释法\n送法进企业"},
    {"law": "产品质量法", "target_audience": "社会公众", "measures": "3·15集中宣传"},
]  # fmt: skip


@pytest.fixture
def evaluated(edu):
    """海珠区市场监督管理局's 2025 evaluation: three portal votes (two satisfied, one
    dissatisfied), 40 votes tallied on paper, scored 92.5 and graded 优秀, published."""
    w = edu
    w.evaluation = services.evaluation_report(
        actor=w.agency_haizhu, agency=w.haizhu_agency, year=2025,
        self_report="建立普法责任清单，开展以案释法12场。", reported_on=D(2026, 1, 10),
    )  # fmt: skip
    for phone, rating in (("13800138000", VoteRating.SATISFIED),
                          ("13800138001", VoteRating.SATISFIED),
                          ("13800138002", VoteRating.DISSATISFIED)):  # fmt: skip
        voting.vote_cast(phone=phone, year=2025, district="440105",
                         data={voting.rating_field(w.evaluation): rating})  # fmt: skip
    w.evaluation.public_votes = 40
    w.evaluation.save(update_fields=["public_votes"])
    services.evaluation_assess(actor=w.clerk_haizhu, evaluation=w.evaluation,
                               data={"expert_score": "92.5", "grade": "excellent"})  # fmt: skip
    return w


def _get(client, user, name, pk, fmt="docx"):
    client.force_login(user)
    return client.get(reverse(f"education:{name}", args=[pk, fmt]))


def test_no_notice_before_the_evaluation_is_published(client, evaluated):
    w = evaluated
    response = _get(client, w.clerk_haizhu, "evaluation_notice", w.evaluation.pk)
    assert response.status_code == 302
    assert response["Location"] == w.evaluation.get_absolute_url()
    assert not documents.EVALUATION.is_available(w.evaluation)


def test_the_notice_gives_the_score_the_votes_cast_and_the_grade(client, evaluated):
    w = evaluated
    services.evaluation_publish(actor=w.clerk_haizhu, evaluation=w.evaluation,
                                published_on=D(2026, 3, 2))  # fmt: skip
    response = _get(client, w.clerk_haizhu, "evaluation_notice", w.evaluation.pk)
    assert response.status_code == 200
    assert response["Content-Type"] == FORMATS["docx"]
    assert "attachment" in response["Content-Disposition"]
    text = docx_text(response.content)
    for expected in (
        "普法履职评议结果通知书", "海珠区市场监督管理局：", "2025年度", "2026年1月10日",
        "92.50分", "共43票（网上投票3票：满意2票、基本满意0票、不满意1票）；线下计票40票",
        # satisfied or fairly satisfied ÷ portal votes = 2 ÷ 3
        "66.7%", "优秀", "海珠区司法局（印章）", "2026年3月2日",
        "根据《关于实行国家机关“谁执法谁普法”普法责任制的意见》的规定",
    ):  # fmt: skip
        assert expected in text, expected
    assert "{{" not in text and "{%" not in text
    assert (
        LogEntry.objects.get_for_object(w.evaluation)
        .filter(action=LogEntry.Action.ACCESS, actor=w.clerk_haizhu)
        .exists()
    )
    # The page offers it once published.
    client.force_login(w.clerk_haizhu)
    page = client.get(w.evaluation.get_absolute_url()).content.decode()
    assert reverse("education:evaluation_notice", args=[w.evaluation.pk, "pdf"]) in page


def test_a_province_names_its_own_regulation(evaluated, settings):
    w = evaluated
    services.evaluation_publish(actor=w.clerk_haizhu, evaluation=w.evaluation,
                                published_on=D(2026, 3, 2))  # fmt: skip
    settings.FAZHI_EDUCATION_DOCUMENT_BASIS = "《山东省法治宣传教育条例》第十条、第三十一条"
    text = docx_text(render_docx(documents.EVALUATION, w.evaluation))
    assert "根据《山东省法治宣传教育条例》第十条、第三十一条的规定" in text
    assert "谁执法谁普法”普法责任制的意见》" not in text


def test_the_notice_stays_in_its_jurisdiction(client, evaluated):
    w = evaluated
    services.evaluation_publish(actor=w.clerk_haizhu, evaluation=w.evaluation,
                                published_on=D(2026, 3, 2))  # fmt: skip
    assert _get(client, w.agency_haizhu, "evaluation_notice", w.evaluation.pk).status_code == 200
    assert _get(client, w.leader_gz, "evaluation_notice", w.evaluation.pk).status_code == 200
    for outsider in (w.clerk_baiyun, w.agency_baiyun, w.agency_chengguan):
        for fmt in ("docx", "pdf"):
            response = _get(client, outsider, "evaluation_notice", w.evaluation.pk, fmt)
            assert response.status_code == 404, (outsider, fmt)
    assert (
        _get(client, w.clerk_haizhu, "evaluation_notice", w.evaluation.pk, "odt").status_code == 404
    )


def test_the_list_prints_each_law_its_audience_and_measures(client, edu):
    w = edu
    lst = services.list_create(actor=w.agency_haizhu, agency=w.haizhu_agency, year=2026,
                               items=ITEMS)  # fmt: skip
    # A draft is not printed.
    assert _get(client, w.agency_haizhu, "list_document", lst.pk).status_code == 302
    services.list_publish(actor=w.agency_haizhu, responsibility_list=lst,
                          published_on=D(2026, 2, 1))  # fmt: skip
    response = _get(client, w.agency_haizhu, "list_document", lst.pk)
    assert response.status_code == 200
    text = docx_text(response.content)
    for expected in ("海珠区市场监督管理局2026年度普法责任清单", "食品安全法", "食品生产经营者",
                     "以案释法；送法进企业", "产品质量法", "3·15集中宣传", "2026年2月1日"):  # fmt: skip
        assert expected in text, expected
    assert text.index("食品安全法") < text.index("产品质量法")
    assert "filename*=utf-8''" in response["Content-Disposition"]
    for outsider in (w.clerk_baiyun, w.agency_chengguan):
        assert _get(client, outsider, "list_document", lst.pk).status_code == 404, outsider


def test_real_pdfs(client, evaluated):
    need_pdf()
    w = evaluated
    services.evaluation_publish(actor=w.clerk_haizhu, evaluation=w.evaluation,
                                published_on=D(2026, 3, 2))  # fmt: skip
    response = _get(client, w.clerk_haizhu, "evaluation_notice", w.evaluation.pk, "pdf")
    assert response.status_code == 200
    assert_pdf_shows(response.content, "普法履职评议结果通知书", "评议等次")
    lst = services.list_create(actor=w.agency_haizhu, agency=w.haizhu_agency, year=2026,
                               items=ITEMS)  # fmt: skip
    services.list_publish(actor=w.agency_haizhu, responsibility_list=lst,
                          published_on=D(2026, 2, 1))  # fmt: skip
    assert_pdf_shows(
        _get(client, w.agency_haizhu, "list_document", lst.pk, "pdf").content,
        "普法责任清单", "普法措施",
    )  # fmt: skip


def test_the_docx_parses_with_a_row_per_item(edu):
    import io

    import docx

    w = edu
    lst = services.list_create(actor=w.agency_haizhu, agency=w.haizhu_agency, year=2026,
                               items=ITEMS)  # fmt: skip
    services.list_publish(actor=w.agency_haizhu, responsibility_list=lst,
                          published_on=D(2026, 2, 1))  # fmt: skip
    table = docx.Document(io.BytesIO(render_docx(documents.LIST, lst))).tables[0]
    assert [r.cells[1].text for r in table.rows] == ["法律法规", "食品安全法", "产品质量法"]


def test_templates_are_built_reproducibly(tmp_path, monkeypatch):
    """The committed templates are what the build script makes, byte for byte."""
    from education.doctemplates import build

    monkeypatch.setattr(build, "HERE", tmp_path)
    for builder in build.BUILDERS:
        built = builder()
        committed = documents.TEMPLATES / built.name
        assert built.read_bytes() == committed.read_bytes(), (
            f"{built.name} is out of date: run python -m education.doctemplates.build"
        )
