"""The documents of a major decision (decisions.documents), generated for a decision taken through
the real services and process (重大行政决策程序暂行条例 = DEC, reference/statutes-lines.md §A):
the 征求意见公告 (Art. 15: the draft and its explanation, how and by when to comment, "一般不少于
30日", a shorter period with its reasons), the 公众意见采纳情况说明 (Art. 18: each comment adopted
or not, with the reasons, never the commenter's name or phone) and the 重大行政决策决定记录 (Arts.
30–31: the meeting, its result, the dissent as recorded; the procedure performed, Arts. 14–28);
each refused, with its reason, until its data exists; made by the bureau's section and the
decision-maker's handlers, not by a leader; served only to those who see the decision (the
lead unit's handler, another district's staff: a 404); one real PDF by LibreOffice (the other
tests use `fake_pdf`: a conversion takes seconds).

Worked dates (statutes-lines §0: the notice's day not counted, a last day on a holiday moved):
- notice Fri 2026-07-03, 30 days → 30th day Sun 2 Aug → Mon 2026-08-03 (decisions/tests/
  test_process.py); comments on 10 and 15 July; handling published Tue 2026-08-04;
- notice Wed 2026-06-03, 20 days with reasons → Tue 2026-06-23 (a working day: 端午 is Fri 19 –
  Sun 21 June 2026);
- legality opinion Wed 5 Aug, executive meeting Thu 6 Aug, decided Fri 2026-08-07.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse
from django.utils import translation

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
from decisions.tests.conftest import (
    DRAFT,
    PHONE,
    D,
    comment,
    decide,
    draft,
    legality,
    meeting,
    on,
    open_comment,
    publish_answers,
    start,
)

pytestmark = pytest.mark.django_db

LABEL = "decisions.majordecision"
TITLE = "海珠区农贸市场升级改造三年行动方案"
SITE = "https://fazhi.example.gov.cn"
KEPT = "建议保留早市，方便老年人买菜。"
REJECTED = "建议全部市场同时改造。"
WHY_NOT = "同时改造将影响居民日常购买，分批实施更稳妥。"


def _text(case, key, actor) -> str:
    document = document_generate(case=case, kind_key=key, actor=actor)
    return docx_text(stored_bytes(document.docx))


def _answer(c, actor, answer, reasons=""):
    from decisions.services import comment_answer

    with on(D(2026, 8, 4)):
        comment_answer(comment=c, actor=actor, answer=answer, reasons=reasons)


def _consulted(w):
    """Drafted, published for comment on Fri 2026-07-03 for 30 days, two comments."""
    decision = draft(start(w, D(2026, 7, 1)), D(2026, 7, 2), w.clerk_haizhu)
    decision = open_comment(decision, D(2026, 7, 3), w.clerk_haizhu)
    comment(decision, D(2026, 7, 10), body=KEPT, name="陈先生")
    comment(decision, D(2026, 7, 15), body=REJECTED)
    return decision


def _answered(w):
    decision = _consulted(w)
    kept, rejected = decision.comments.order_by("number")
    _answer(kept, w.clerk_haizhu, "adopted")
    _answer(rejected, w.clerk_haizhu, "not_adopted", WHY_NOT)
    return publish_answers(decision, D(2026, 8, 4), w.clerk_haizhu)


@pytest.fixture(autouse=True)
def _site(settings, storage_dir):  # noqa: F811
    settings.FAZHI_SITE_URL = SITE + "/"


def test_the_kinds_are_registered_with_their_templates():
    assert [k.key for k in registry.kinds(LABEL)] == ["notice", "answers", "decision"]
    for kind in registry.kinds(LABEL):
        assert kind.template_path.is_file(), kind.key
        with translation.override("en"):  # the article as the source text cites it
            reason = str(kind.unavailable_reason)
        assert re.search(r"Arts?\. \d+", reason), kind.key


def test_nothing_before_the_draft_is_published_for_comment(dw, fake_pdf):  # noqa: F811
    decision = draft(start(dw, D(2026, 7, 1)), D(2026, 7, 2), dw.clerk_haizhu)
    assert available_kinds(decision, dw.clerk_haizhu) == []
    for key in ("notice", "answers", "decision"):
        with pytest.raises(InvalidInput) as refused:
            document_generate(case=decision, kind_key=key, actor=dw.clerk_haizhu)
        kind = registry.get(LABEL, key)
        assert refused.value.message == kind.reason_unavailable(decision)
        assert "kind" in refused.value.fields
    assert not GeneratedDocument.for_case(decision).exists()


def test_the_notice_gives_the_draft_the_period_and_the_portal(dw, fake_pdf):  # noqa: F811
    """DEC Art. 15: the draft and its explanation, how and by when to comment."""
    decision = _consulted(dw)
    assert [k.key for k in available_kinds(decision, dw.clerk_haizhu)] == ["notice"]
    text = _text(decision, "notice", dw.agency_haizhu)
    for expected in (
        f"关于公开征求《{TITLE}》（征求意见稿）意见的公告",
        "第十四条、第十五条", "海珠区城市管理和综合执法局起草了",
        # Fri 2026-07-03 + 30 days: Sun 2 Aug → Mon 2026-08-03.
        "征求意见期限为30日，自本公告发布之次日起计算，至2026年8月3日止。",
        f"登录{SITE}/decisions/public/{decision.pk}/", "第十八条",
        DRAFT["draft_text"], DRAFT["draft_explanation"], "2026年7月3日",
    ):  # fmt: skip
        assert expected in text, expected
    assert "少于30日" not in text
    assert "{{" not in text and "{%" not in text


def test_a_shorter_period_states_its_reasons(dw, fake_pdf):  # noqa: F811
    decision = draft(start(dw, D(2026, 6, 1)), D(2026, 6, 2), dw.clerk_haizhu)
    decision = open_comment(decision, D(2026, 6, 3), dw.clerk_haizhu, days=20,
                            reason="汛期前须完成排水改造")  # fmt: skip
    text = _text(decision, "notice", dw.clerk_haizhu)
    # Wed 2026-06-03 + 20 days = Tue 2026-06-23.
    assert "征求意见期限为20日，自本公告发布之次日起计算，至2026年6月23日止。" in text
    assert "因汛期前须完成排水改造，本次征求意见期限少于30日。" in text


def test_the_answers_wait_for_their_publication(dw, fake_pdf):  # noqa: F811
    decision = _consulted(dw)
    kept, rejected = decision.comments.order_by("number")
    _answer(kept, dw.clerk_haizhu, "adopted")
    _answer(rejected, dw.clerk_haizhu, "not_adopted", WHY_NOT)
    decision.refresh_from_db()
    with pytest.raises(InvalidInput) as refused:
        document_generate(case=decision, kind_key="answers", actor=dw.clerk_haizhu)
    assert "kind" in refused.value.fields


def test_the_answers_group_the_comments_with_their_reasons(dw, fake_pdf):  # noqa: F811
    """DEC Art. 18; the commenter's name and phone are not printed."""
    decision = _answered(dw)
    assert [k.key for k in available_kinds(decision, dw.agency_haizhu)] == ["notice", "answers"]
    text = _text(decision, "answers", dw.agency_haizhu)
    for expected in (
        f"关于《{TITLE}》公众意见采纳情况的说明", "于2026年7月3日公布",
        "征求意见期限至2026年8月3日止", "共收到意见2条，其中采纳1条，未采纳1条",
        "共收到意见，已逐条研究。",  # the summary published with the handling
        "一、采纳的意见", f"12026年7月10日{KEPT}予以采纳。",
        "二、未采纳的意见及理由", f"22026年7月15日{REJECTED}{WHY_NOT}",
        "海珠区城市管理和综合执法局", "2026年8月4日",
    ):  # fmt: skip
        assert expected in text, expected
    assert text.index("一、采纳的意见") < text.index(KEPT) < text.index("二、未采纳的意见及理由")
    assert text.index("二、未采纳的意见及理由") < text.index(REJECTED)
    assert "陈先生" not in text and PHONE not in text
    assert "{{" not in text and "{%" not in text


def test_the_decision_record_keeps_the_meeting_and_the_dissent(dw, fake_pdf):  # noqa: F811
    """DEC Arts. 30–31: the meeting, its result, the dissent as recorded."""
    before = legality(_answered(dw), D(2026, 8, 5), dw.clerk_haizhu)
    before = meeting(before, D(2026, 8, 6), dw.clerk_haizhu)
    with pytest.raises(InvalidInput):
        document_generate(case=before, kind_key="decision", actor=dw.clerk_haizhu)
    decision = decide(before, D(2026, 8, 7), dw.clerk_haizhu)
    text = _text(decision, "decision", dw.clerk_haizhu)
    for expected in (
        "重大行政决策决定记录", decision.number, f"决策事项{TITLE}",
        "决策机关海珠区市场监督管理局", "承办单位海珠区城市管理和综合执法局",
        "事项类别重要规划", "决策事项目录未列入决策事项目录", "决策启动2026年7月1日",
        "公众参与2026年7月3日公开征求意见，期限30日，至2026年8月3日止；收到意见2条，采纳1条；"
        "2026年8月4日公布意见采纳情况。",
        "听　　证未举行听证", "专家论证不涉及", "风险评估不涉及",
        "合法性审查（2026）海司合审字第0007号，2026年8月5日出具审查意见，结论：合法",
        "集体讨论2026年8月6日，常务会议", "讨论结果审议通过",
        "不同意见一名副区长认为改造批次过密。", "决定日期2026年8月7日",
        "决策文件文号海府〔2026〕12号", "决策公布尚未公布", "第三十条、第三十一条",
    ):  # fmt: skip
        assert expected in text, expected


# -- who gets the documents -------------------------------------------------------------------


@pytest.mark.usefixtures("fake_pdf")
def test_a_leader_reads_and_outsiders_get_nothing(dw):
    decision = _consulted(dw)
    document = document_generate(case=decision, kind_key="notice", actor=dw.clerk_haizhu)
    with pytest.raises(PermissionDenied):
        document_generate(case=decision, kind_key="notice", actor=dw.leader_gz)
    _opened, handle = document_open(document_id=document.pk, fmt="docx", actor=dw.leader_gz)
    handle.close()
    for outsider in (dw.agency_chengguan, dw.clerk_baiyun):
        assert available_kinds(decision, user=outsider) == []
        with pytest.raises(PermissionDenied):
            document_generate(case=decision, kind_key="notice", actor=outsider)
        with pytest.raises(NotFound):
            document_open(document_id=document.pk, fmt="docx", actor=outsider)


@pytest.mark.usefixtures("fake_pdf")
def test_the_pages_give_another_district_a_404(dw, login):
    decision = _consulted(dw)
    client = login(dw.agency_haizhu)
    page = client.get(decision.get_absolute_url()).content.decode()
    assert 'id="documents"' in page and 'value="notice"' in page
    assert 'value="answers"' not in page
    create = reverse("cases:document_create", args=[LABEL, decision.pk])
    assert client.post(create, {"kind": "notice"}).status_code == 302
    document = GeneratedDocument.for_case(decision).get()
    download = reverse("cases:document_download", args=[document.pk, "docx"])
    response = client.get(download)
    assert response.status_code == 200
    assert DRAFT["draft_text"] in docx_text(b"".join(response.streaming_content))
    for outsider in (dw.clerk_baiyun, dw.agency_baiyun):
        client = login(outsider)
        assert client.get(decision.get_absolute_url()).status_code == 404
        assert client.get(download).status_code == 404
        assert client.post(create, {"kind": "notice"}).status_code == 404
    assert GeneratedDocument.for_case(decision).count() == 1


def test_a_real_pdf_of_the_answers(dw):
    need_pdf()
    decision = _answered(dw)
    document = document_generate(case=decision, kind_key="answers", actor=dw.clerk_haizhu)
    assert document.pdf and not getattr(document, "pdf_error", "")
    assert_pdf_shows(stored_bytes(document.pdf), "公众意见采纳情况的说明", KEPT, WHY_NOT)


def test_templates_are_built_reproducibly(tmp_path, monkeypatch):
    """The committed templates are what the build script makes, byte for byte."""
    from decisions import documents
    from decisions.doctemplates import build

    monkeypatch.setattr(build, "HERE", tmp_path)
    for builder in build.BUILDERS:
        built = builder()
        assert built.read_bytes() == (documents.TEMPLATES / built.name).read_bytes(), (
            f"{built.name} is out of date: run python -m decisions.doctemplates.build"
        )
