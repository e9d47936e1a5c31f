"""Chinese full-text search of the legal Q&A library (法律问答).

Chinese has no spaces between words, so both the entries and the question a citizen types are
segmented into words with jieba (search mode, `cut_for_search`: a long word also yields the
shorter words inside it, so 拖欠工资 is found by 工资). Single characters and common function
words (stopwords) are dropped. An entry's words are stored in `QaEntry.search_text`, one space
between words, and searched by the database's own full-text engine — never LIKE:

- PostgreSQL: `to_tsvector('simple', search_text)` (a GIN index on that expression, migration
  0002) matched against the query's words OR-ed, ranked with ts_rank;
- SQLite: an FTS5 table (`legalservice_qaentry_fts`, rowid = the entry's id) kept in step on
  every save and delete, matched with the words OR-ed and ranked with bm25.

The words are OR-ed so that a paraphrase finds the entry through the words it shares with the
question, the answer or the staff's keywords and synonyms (老板不给发工资 finds
用人单位拖欠工资怎么办 through 工资, and through 老板 when the staff added it as a keyword); the
more words match, and the rarer they are, the higher the entry ranks.
"""

from __future__ import annotations

import logging
import re

from django.db import connection

FTS_TABLE = "legalservice_qaentry_fts"
PG_INDEX = "lsqaentry_search_gin"
# The question and the keywords weigh more than the answer: their words are repeated.
QUESTION_WEIGHT = 3
MAX_TERMS = 24
MAX_RESULTS = 50

# Words of two or more characters that say nothing of the matter (single characters are
# dropped anyway).
STOPWORDS = frozenset(
    """
    怎么 怎么办 怎么样 怎样 如何 什么 为什么 为何 哪里 哪些 哪个 多少 是否 能否 能不能 可不可以
    可以 应该 应当 需要 必须 还是 或者 以及 而且 并且 但是 因为 所以 如果 的话 然后 已经 一直
    我们 你们 他们 她们 自己 这个 那个 这些 那些 这样 那样 一个 一下 一些 没有 不是 就是 请问
    问题 情况 现在 时候 有关 关于 相关 规定 法律 对于 可能 不能 不会 知道 觉得 我的 我家
    """.split()
)
_WORD = re.compile(r"^\w+$")


def _jieba():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba


def warm_up() -> None:
    """Load jieba's dictionary now (about a second, otherwise paid by the first search of each
    process). Called by each gunicorn worker once it has loaded the application
    (fazhi.gunicorn_conf.post_worker_init), not at Django start, so that tests and management
    commands stay quick."""
    _jieba().initialize()


def words(text: str) -> list[str]:
    """The search words of `text`: jieba's search-mode segmentation, lowercased, without
    punctuation, single characters and stopwords; in order, each once."""
    seen: dict[str, None] = {}
    for token in _jieba().cut_for_search(text or ""):
        token = token.strip().lower()
        if len(token) < 2 or not _WORD.match(token) or token in STOPWORDS:
            continue
        seen.setdefault(token, None)
    return list(seen)


def keyword_list(keywords: str) -> list[str]:
    """The staff's keywords as typed: separated by spaces, commas or 、；."""
    return [k for k in re.split(r"[\s,，、;；/]+", keywords or "") if k]


def document_text(entry) -> str:
    """The words an entry is found by, space-separated (QaEntry.search_text)."""
    head = words(entry.question) + [
        w for k in keyword_list(entry.keywords) for w in [k.lower(), *words(k)] if len(w) >= 2
    ]
    body = words(entry.answer) + words(entry.legal_basis)
    return " ".join(head * QUESTION_WEIGHT + body)


# -- keeping the index in step (SQLite's FTS5 table; PostgreSQL indexes the column itself) -----


def ensure_table(schema_editor=None) -> None:
    """Create the FTS5 table on SQLite (migration 0002; also safe to call again)."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(search_text, "
            "tokenize = 'unicode61')"
        )


def index(entry) -> None:
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [entry.pk])
        cursor.execute(
            f"INSERT INTO {FTS_TABLE} (rowid, search_text) VALUES (%s, %s)",
            [entry.pk, entry.search_text],
        )


def clear_index(conn=None) -> None:
    """Empty the SQLite FTS5 table (core.demo.reset's hook, `on_reset`: the entries are gone,
    their words must go too)."""
    conn = conn or connection
    if conn.vendor != "sqlite":
        return
    with conn.cursor() as cursor:
        cursor.execute(f"DELETE FROM {FTS_TABLE}")


def unindex(pk) -> None:
    if connection.vendor != "sqlite" or pk is None:
        return
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [pk])


def rebuild() -> int:
    """Recompute every entry's words and its index row (after a change of the stopwords or
    of jieba's dictionary)."""
    from legalservice.models import QaEntry

    count = 0
    for entry in QaEntry.objects.select_related("organization"):
        entry.save()
        count += 1
    return count


# -- searching -------------------------------------------------------------------------------


def search(query: str, *, published_only: bool = True, limit: int = MAX_RESULTS,
           within=None) -> list:  # fmt: skip
    """The entries matching the words of `query`, best first (each with `.rank`); [] when
    the query has no search word. `within` (a QaEntry queryset, e.g. `restrict(user)`)
    narrows the entries searched; the filters apply in the database before the limit, so no
    number of other matches (unpublished, another jurisdiction's) hides an entry."""
    from legalservice.models import QaEntry

    terms = words(query)[:MAX_TERMS]
    if not terms:
        return []
    entries = QaEntry.objects.all() if within is None else within
    if published_only:
        entries = entries.filter(published=True)
    if connection.vendor == "postgresql":
        return _search_postgres(entries.select_related("organization"), terms, limit)
    return _search_sqlite(entries, terms, limit)


def _search_postgres(entries, terms: list[str], limit: int) -> list:
    from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

    query = None
    for term in terms:
        part = SearchQuery(term, search_type="plain", config="simple")
        query = part if query is None else query | part
    vector = SearchVector("search_text", config="simple")
    # `document @@ query` (the GIN index on the same expression serves it), ranked by ts_rank.
    rows = (
        entries.annotate(document=vector, rank=SearchRank(vector, query))
        .filter(document=query)
        .order_by("-rank", "id")
    )
    return list(rows[:limit])


def _search_sqlite(entries, terms: list[str], limit: int) -> list:
    """One statement: the FTS5 match, the entries' own filters (a subquery of their ids),
    the ranking and the limit, so the filters apply before the limit."""
    from legalservice.models import QaEntry

    expression = " OR ".join('"' + t.replace('"', '""') + '"' for t in terms)
    ids_sql, ids_params = entries.order_by().values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT rowid, bm25({FTS_TABLE}) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s "
            f"AND rowid IN ({ids_sql}) ORDER BY bm25({FTS_TABLE}), rowid LIMIT %s",
            [expression, *ids_params, limit],
        )
        ranked = cursor.fetchall()
    # bm25 is lower for a better match; the rank shown is its opposite.
    order = {pk: -score for pk, score in ranked}
    found = list(QaEntry.objects.select_related("organization").filter(pk__in=list(order)))
    for entry in found:
        entry.rank = order[entry.pk]
    found.sort(key=lambda e: (-e.rank, e.pk))
    return found
