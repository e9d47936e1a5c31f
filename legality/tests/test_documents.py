"""The 合法性审核意见书 (legality.documents), generated for a review taken through the real
submission service and process: its three parts of 重大行政决策程序暂行条例第二十七条 (authority,
procedure, conformity), the conclusion and the numbered points; refused before the opinion is
issued; made by the legal section only; a real PDF by LibreOffice when the machine can."""

from __future__ import annotations

import datetime

import pytest

from cases.documents import available_kinds, document_generate
from cases.tests.test_documents import (  # noqa: F401 - fixtures
    assert_pdf_shows,
    docx_text,
    fake_pdf,
    need_pdf,
    storage_dir,
    stored_bytes,
)
from core.errors import InvalidInput, PermissionDenied
from legality.tests.conftest import OPINION, fire, on, submit

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewed(lw, storage_dir):  # noqa: F811
    review = submit(lw, D(2026, 6, 1), title="关于规范户外广告设置管理的规定（送审稿）")
    return review


def test_the_opinion_is_not_available_before_it_is_issued(lw, reviewed, fake_pdf):  # noqa: F811
    assert available_kinds(reviewed, lw.clerk_haizhu) == []
    with pytest.raises(InvalidInput):
        document_generate(case=reviewed, kind_key="opinion", actor=lw.clerk_haizhu)


def test_the_opinion_carries_the_three_points_of_article_27(lw, reviewed, fake_pdf):  # noqa: F811
    with on(D(2026, 6, 12)):
        review = fire(reviewed, "issue_opinion", lw.clerk_haizhu, **OPINION)
        document = document_generate(case=review, kind_key="opinion", actor=lw.clerk_haizhu)
    text = docx_text(stored_bytes(document.docx))
    assert document.title == "合法性审核意见书"
    for expected in (
        review.number, "海珠区市场监督管理局：", "2026年6月1日",
        "《关于规范户外广告设置管理的规定（送审稿）》（行政规范性文件送审稿）",
        "一、制定主体是否合法，是否超越法定职权", OPINION["opinion_authority"],
        "二、是否履行法定程序", OPINION["opinion_procedure"],
        "三、内容是否符合有关法律、法规、规章和国家政策的规定", OPINION["opinion_conformity"],
        "经审核，该草案按照下列意见修改后合法。", "1、删除第五条关于备案的规定",
        "2、第八条罚款数额应与上位法一致", "海珠区司法局（印章）", "2026年6月12日",
    ):  # fmt: skip
        assert expected in text, expected
    assert "{{" not in text and "{%" not in text


def test_only_the_legal_section_makes_it(lw, reviewed, fake_pdf):  # noqa: F811
    with on(D(2026, 6, 12)):
        review = fire(reviewed, "issue_opinion", lw.clerk_haizhu, **OPINION)
        with pytest.raises(PermissionDenied):
            document_generate(case=review, kind_key="opinion", actor=lw.agency_haizhu)
        with pytest.raises(PermissionDenied):
            document_generate(case=review, kind_key="opinion", actor=lw.leader_gz)


def test_a_real_pdf_of_the_opinion(lw, reviewed):
    need_pdf()
    with on(D(2026, 6, 12)):
        review = fire(reviewed, "issue_opinion", lw.clerk_haizhu, **OPINION)
        document = document_generate(case=review, kind_key="opinion", actor=lw.clerk_haizhu)
    assert document.pdf
    assert_pdf_shows(stored_bytes(document.pdf), "合法性审核意见书", "是否履行法定程序")
