"""The legal Q&A library's Chinese full-text search (issue 16, Build 3; Must show 2): entries
and questions are segmented into words with jieba and searched by the database's own full-text
engine (FTS5 on SQLite, to_tsvector/ts_rank on PostgreSQL), the words OR-ed and ranked, so a
paraphrase finds the entry; unpublished entries stay hidden from the public; the index follows
every save and delete. Run on SQLite by default and once with DATABASE_URL on PostgreSQL."""

from __future__ import annotations

import pytest
from django.db import connection

from legalservice import qa_search, qa_services
from legalservice.models import QaEntry

pytestmark = pytest.mark.django_db

WAGES = {
    "question": "用人单位拖欠工资怎么办",
    "answer": "劳动者可以先与用人单位协商；协商不成的，可以向劳动保障监察机构投诉，"
    "也可以向劳动争议仲裁委员会申请仲裁。用人单位逾期不支付的，由劳动行政部门责令限期支付。",
    "legal_basis": "《中华人民共和国劳动合同法》第三十条、第八十五条；《劳动争议调解仲裁法》第五条",
    "matter_kind": "labour",
    "keywords": "欠薪 讨薪、老板",
    "published": True,
}
CUSTODY = {
    "question": "离婚后孩子的抚养权归谁",
    "answer": "离婚后，不满两周岁的子女，以由母亲直接抚养为原则。已满两周岁的子女，父母双方"
    "对抚养问题协议不成的，由人民法院根据双方的具体情况，按照最有利于未成年子女的原则判决。",
    "legal_basis": "《中华人民共和国民法典》第一千零八十四条",
    "matter_kind": "marriage_family",
    "keywords": "",
    "published": True,
}
NOISE = {
    "question": "邻居深夜噪音扰民如何处理",
    "answer": "可以先与邻居沟通，或者请居委会、人民调解委员会调解；也可以向公安机关报告。",
    "legal_basis": "《中华人民共和国治安管理处罚法》第五十八条",
    "matter_kind": "tort",
    "keywords": "吵闹",
    "published": False,
}


def entry(w, data, **extra):
    return qa_services.entry_create(
        actor=w.office_haizhu, data={**data, "organization": w.haizhu_office, **extra}
    )


@pytest.fixture
def library(ls):
    w = ls
    w.wages = entry(w, WAGES)
    w.custody = entry(w, CUSTODY)
    w.noise = entry(w, NOISE)
    return w


def questions(query: str, **kwargs) -> list[str]:
    return [e.question for e in qa_search.search(query, **kwargs)]


def test_the_query_is_segmented_into_words_without_stopwords():
    # jieba's search mode: 发工资 also yields 工资; 不/给 (single characters) and 怎么办 go.
    assert qa_search.words("老板不给发工资怎么办？") == ["老板", "工资", "发工资"]
    assert qa_search.words("怎么办？请问") == []


def test_a_paraphrase_finds_the_entry(library):
    # Shares only 工资 with the question (and 老板 with the staff's keywords): no LIKE would.
    assert questions("老板不给发工资") == ["用人单位拖欠工资怎么办"]
    # Another wording, and the staff's synonym alone.
    assert questions("公司一直欠我薪水和工资") == ["用人单位拖欠工资怎么办"]
    assert questions("讨薪") == ["用人单位拖欠工资怎么办"]


def test_without_the_keyword_the_shared_word_still_finds_it(library):
    w = library
    qa_services.entry_update(actor=w.office_haizhu, entry=w.wages,
                             data={**WAGES, "keywords": "", "organization": w.haizhu_office})  # fmt: skip
    assert questions("老板不给发工资") == ["用人单位拖欠工资怎么办"]
    assert questions("讨薪") == []


def test_more_shared_words_rank_higher(library):
    found = questions("离婚以后孩子抚养权，还有工资")
    assert found == ["离婚后孩子的抚养权归谁", "用人单位拖欠工资怎么办"]


def test_an_unrelated_question_finds_nothing(library):
    assert questions("房屋租赁押金不退") == []
    assert questions("交通事故赔偿标准") == []


def test_unpublished_entries_are_hidden_from_the_public(library):
    assert questions("噪音扰民") == []
    assert questions("噪音扰民", published_only=False) == ["邻居深夜噪音扰民如何处理"]


def test_the_index_follows_saves_and_deletes(library):
    w = library
    qa_services.entry_publish(actor=w.office_haizhu, entry=w.noise, published=True)
    assert questions("吵闹") == ["邻居深夜噪音扰民如何处理"]
    qa_services.entry_update(actor=w.office_haizhu, entry=w.noise, data={
        **NOISE, "keywords": "装修", "published": True, "organization": w.haizhu_office,
    })  # fmt: skip
    assert questions("吵闹") == []
    assert questions("装修") == ["邻居深夜噪音扰民如何处理"]
    w.noise.delete()
    assert questions("装修") == []
    assert QaEntry.objects.count() == 2


def test_the_database_engine_is_used(library):
    """The match is the database's full-text engine, not LIKE: the FTS5 table on SQLite, the
    GIN-indexed to_tsvector expression on PostgreSQL."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                f"SELECT count(*) FROM {qa_search.FTS_TABLE} WHERE {qa_search.FTS_TABLE} "
                "MATCH %s", ['"工资"'],
            )  # fmt: skip
            assert cursor.fetchone()[0] == 1
        else:
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s",
                           [qa_search.PG_INDEX])  # fmt: skip
            (definition,) = cursor.fetchone()
            assert "gin" in definition and "to_tsvector" in definition


def _many_matching_drafts(w, organization, count=520):
    """`count` unpublished entries whose words match 工资/老板 better than any real entry (short,
    the words repeated), written in bulk and indexed directly (as QaEntry.save does)."""
    drafts = QaEntry.objects.bulk_create(
        QaEntry(
            question=f"草稿{i}",
            answer="草稿",
            matter_kind="labour",
            published=False,
            organization=organization,
            region_code=organization.region_id,
            search_text="工资 老板 发工资 " * 4,
        )
        for i in range(count)
    )
    for draft in drafts:
        qa_search.index(draft)
    return drafts


def test_many_unpublished_matches_do_not_hide_a_published_entry(library):
    """The published filter applies in the database before the limit: 520 unpublished entries
    that all outrank it leave the published entry found, and only it."""
    _many_matching_drafts(library, library.haizhu_office)
    assert questions("老板不给发工资") == ["用人单位拖欠工资怎么办"]
    assert len(qa_search.search("老板不给发工资", published_only=False, limit=600)) == 521


def test_the_staff_search_is_narrowed_to_the_jurisdiction_first(library, login):
    """The staff list searches its own jurisdiction's entries: another district's 520 better
    matches do not push the 白云 office's own entry out of the 500 searched."""
    w = library
    own = qa_services.entry_create(actor=w.office_baiyun, data={
        **WAGES, "question": "包工头拖欠工资去哪里投诉", "organization": w.baiyun_office,
        "published": False,
    })  # fmt: skip
    _many_matching_drafts(w, w.haizhu_office)
    page = login(w.clerk_baiyun).get("/legalservice/qa/", {"q": "老板不给发工资"})
    assert [e.pk for e in page.context["page"].object_list] == [own.pk]


def test_a_demo_reset_empties_the_full_text_table(library):
    """`fazhi demo --reset` deletes the entries; their words leave the FTS5 table with them
    (core.demo.on_reset), so a reused id never answers with an old entry's words."""
    from django.db import transaction

    from core import demo

    if connection.vendor != "sqlite":
        pytest.skip("the FTS5 table exists on SQLite only")
    with transaction.atomic():
        demo.reset()
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {qa_search.FTS_TABLE}")
            assert cursor.fetchone()[0] == 0
        transaction.set_rollback(True)


def test_each_gunicorn_worker_loads_the_dictionary_before_serving(monkeypatch):
    """jieba loads its dictionary lazily (about a second on the first search of a process);
    fazhi.gunicorn_conf has each worker load it once the application is loaded, and a failure
    there is logged, not fatal."""
    import importlib
    from types import SimpleNamespace

    import jieba

    conf = importlib.import_module("fazhi.gunicorn_conf")
    loads, logged = [], []
    monkeypatch.setattr(jieba, "initialize", lambda *a, **k: loads.append(1))
    worker = SimpleNamespace(log=SimpleNamespace(exception=logged.append))
    conf.post_worker_init(worker)
    assert loads == [1] and not logged

    def broken(*a, **k):
        raise OSError("dictionary unreadable")

    monkeypatch.setattr(jieba, "initialize", broken)
    conf.post_worker_init(worker)
    assert len(logged) == 1
