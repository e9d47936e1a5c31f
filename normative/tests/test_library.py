"""The portal library (规范性文件库, statutes-lines §B.5) and the staff scoping of documents.

World, visited on Tue 2026-06-02:
- A 海珠 市监 "占道经营管理规定", published 2026-02-27, in effect 2026-03-01: 有效.
- B 海珠 市监 "户外广告管理规定", registered only (not published).
- C 海珠 市监 "夜间经济管理暂行办法", published 2022-03-01, in effect 2022-03-01, 暂行 → valid
  until 2024-02-29: 失效 in 2026, shown with that status.
- D 白云 发改 "招商引资管理规定", published 2026-04-01, in effect 2026-04-01: 有效.
- E 海珠 城管 "建筑垃圾管理规定", registered by 城管's handler, not published.
"""

from __future__ import annotations

import datetime

import pytest

from normative import selectors
from normative.choices import Status
from normative.tests.conftest import on, published_document, register

D = datetime.date
VISIT = D(2026, 6, 2)
pytestmark = pytest.mark.django_db


@pytest.fixture
def lib(nw):
    w = nw
    w.a = published_document(w, published_on=D(2026, 2, 27), effective_from=D(2026, 3, 1),
                             title="广州市海珠区占道经营管理规定")  # fmt: skip
    w.b = register(w, D(2026, 3, 2), title="广州市海珠区户外广告管理规定")
    w.c = published_document(w, published_on=D(2022, 3, 1), effective_from=D(2022, 3, 1),
                             title="海珠区夜间经济管理暂行办法")  # fmt: skip
    w.d = published_document(w, published_on=D(2026, 4, 1), effective_from=D(2026, 4, 1),
                             title="白云区招商引资管理规定", body=w.baiyun_agency)  # fmt: skip
    w.e = register(w, D(2026, 3, 2), actor=w.agency_chengguan, body=w.chengguan,
                   title="海珠区建筑垃圾管理规定")  # fmt: skip
    return w


def _titles(response):
    return [d.title for d in response.context["page"].object_list]


def test_the_public_sees_only_published_documents_with_their_status(lib, client):
    with on(VISIT):
        response = client.get("/normative/public/library/")
    assert response.status_code == 200
    assert set(_titles(response)) == {lib.a.title, lib.c.title, lib.d.title}
    statuses = {d.title: d.status_today for d in response.context["page"].object_list}
    assert statuses[lib.c.title] == Status.EXPIRED  # 失效, read from valid_until 2024-02-29
    assert statuses[lib.a.title] == Status.VALID
    assert str(Status.EXPIRED.label) in response.content.decode()


def test_an_unpublished_document_has_no_public_page(lib, client):
    with on(VISIT):
        assert client.get(f"/normative/public/library/{lib.b.pk}/").status_code == 404
        assert client.get(f"/normative/public/library/{lib.e.pk}/").status_code == 404
        page = client.get(f"/normative/public/library/{lib.a.pk}/")
    assert page.status_code == 200
    body = page.content.decode()
    assert lib.a.full_text in body and lib.a.unified_number in body
    assert 'data-status="valid"' in body


def test_a_document_expires_on_the_portal_without_anyone_touching_it(nw, client):
    # 暂行, in effect Sun 2026-03-01 → valid until Tue 2028-02-29; on Wed 2028-03-01 it is 失效.
    doc = published_document(nw, published_on=D(2026, 2, 27), effective_from=D(2026, 3, 1),
                             title="海珠区占道经营管理暂行规定")  # fmt: skip
    assert doc.valid_until == D(2028, 2, 29)
    with on(D(2028, 2, 29)):
        last_day = client.get(f"/normative/public/library/{doc.pk}/").content.decode()
    with on(D(2028, 3, 1)):
        next_day = client.get(f"/normative/public/library/{doc.pk}/").content.decode()
        listed = client.get("/normative/public/library/", {"status": "expired"})
    assert 'data-status="valid"' in last_day
    assert 'data-status="expired"' in next_day
    assert _titles(listed) == [doc.title]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "占道"}, {"a"}),
        ({"q": "穗海规〔2022〕"}, {"c"}),
        ({"q": "白云区发展和改革局"}, {"d"}),
        ({"status": "valid"}, {"a", "d"}),
        ({"status": "expired"}, {"c"}),
        ({"year": "2022"}, {"c"}),
    ],
)
def test_the_library_searches_title_number_body_status_and_year(lib, client, query, expected):
    with on(VISIT):
        response = client.get("/normative/public/library/", query)
    assert set(_titles(response)) == {getattr(lib, k).title for k in expected}


def test_the_library_filters_by_issuing_body(lib, client):
    with on(VISIT):
        response = client.get("/normative/public/library/", {"body": lib.baiyun_agency.pk})
    assert _titles(response) == [lib.d.title]


def test_staff_scoping_of_documents(lib):
    # Section staff: their jurisdiction; leaders: read theirs; an agency's handlers: their own
    # body's documents, published or not, and no other body's.
    seen = {
        user: set(selectors.documents(getattr(lib, user)).values_list("title", flat=True))
        for user in (
            "clerk_haizhu",
            "clerk_baiyun",
            "leader_gz",
            "agency_haizhu",
            "agency_chengguan",
            "agency_baiyun",
        )
    }
    haizhu = {lib.a.title, lib.b.title, lib.c.title, lib.e.title}
    assert seen["clerk_haizhu"] == haizhu
    assert seen["clerk_baiyun"] == {lib.d.title}
    assert seen["leader_gz"] == haizhu | {lib.d.title}
    assert seen["agency_haizhu"] == {lib.a.title, lib.b.title, lib.c.title}
    assert seen["agency_chengguan"] == {lib.e.title}
    assert seen["agency_baiyun"] == {lib.d.title}


def test_the_staff_page_follows_the_same_scope(lib, client, login):
    with on(VISIT):
        assert login(lib.agency_haizhu).get(f"/normative/documents/{lib.b.pk}/").status_code == 200
        assert client.get(f"/normative/documents/{lib.e.pk}/").status_code == 404
        assert login(lib.clerk_baiyun).get(f"/normative/documents/{lib.b.pk}/").status_code == 404
        assert login(lib.leader_gz).get(f"/normative/documents/{lib.e.pk}/").status_code == 200


def test_a_leader_may_read_but_not_register(nw):
    from core.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        register(nw, D(2026, 3, 2), actor=nw.leader_gz)


def test_a_handler_may_not_register_for_another_body(nw):
    from core.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        register(nw, D(2026, 3, 2), actor=nw.agency_chengguan, body=nw.haizhu_agency)
