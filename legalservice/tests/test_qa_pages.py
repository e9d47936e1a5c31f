"""The legal Q&A library's pages: the public search and answer pages on the portal (no login;
published entries only), "was this helpful" (one answer per browser session and entry,
counted; a resubmission counts nothing more), and the staff pages, scoped to the owning
organisation's jurisdiction (another district's staff neither see nor edit an entry)."""

from __future__ import annotations

import pytest
from django.utils import translation
from django.utils.translation import gettext

from core.errors import InvalidInput
from legalservice import qa_services
from legalservice.models import QaEntry, QaVote
from legalservice.tests.test_qa_search import CUSTODY, NOISE, WAGES, entry

pytestmark = pytest.mark.django_db
SEARCH = "/legalservice/public/qa/"


def zh(message: str) -> str:
    with translation.override("zh-hans"):
        return gettext(message)


@pytest.fixture
def library(ls):
    w = ls
    w.wages = entry(w, WAGES)
    w.custody = entry(w, CUSTODY)
    w.noise = entry(w, NOISE)
    return w


# -- the public pages ---------------------------------------------------------------------------


def test_the_portal_lists_the_qa_and_the_deadline_calculator(ls, client):
    body = client.get("/portal/").content.decode()
    assert 'data-service="legalservice_qa"' in body and SEARCH in body
    assert "/legalservice/public/deadlines/" in body


def test_a_paraphrase_search_shows_the_entry_and_the_hand_off(library, client):
    response = client.get(SEARCH, {"q": "老板不给发工资"})
    assert response.status_code == 200
    assert [e.pk for e in response.context["results"]] == [library.wages.pk]
    body = response.content.decode()
    assert "用人单位拖欠工资怎么办" in body
    assert "离婚后孩子的抚养权归谁" not in body
    assert "/legalservice/public/qa/ask/?q=" in body


def test_an_empty_query_is_answered_with_a_message_not_a_list(library, client):
    response = client.get(SEARCH, {"q": "   "})
    assert response.status_code == 200
    assert response.context["results"] == []
    assert "老板拖欠工资怎么办" in response.context["error"]
    assert response.context["error"] in response.content.decode()
    # Only stopwords: nothing to search by, said so.
    response = client.get(SEARCH, {"q": "怎么办？"})
    assert response.context["error"] and response.context["results"] == []


def test_nothing_found_offers_the_consultation(library, client):
    response = client.get(SEARCH, {"q": "房屋租赁押金不退"})
    assert response.context["results"] == []
    assert 'id="qa-none"' in response.content.decode()


def test_the_answer_page_shows_a_published_entry_only(library, client):
    body = client.get(f"{SEARCH}{library.wages.pk}/").content.decode()
    assert "劳动争议仲裁委员会" in body and "第三十条" in body
    assert client.get(f"{SEARCH}{library.noise.pk}/").status_code == 404


def test_helpful_counts_once_per_session(library, client):
    url = f"{SEARCH}{library.wages.pk}/vote/"
    client.get(f"{SEARCH}{library.wages.pk}/")  # the answer is read before it is judged
    client.post(url, {"helpful": "yes"})
    client.post(url, {"helpful": "yes"})  # resubmitted
    client.post(url, {"helpful": "no"})  # changed its mind: still one answer
    assert qa_services.tally(library.wages) == {"yes": 1, "no": 0, "total": 1}
    page = client.get(f"{SEARCH}{library.wages.pk}/")
    assert page.context["voted"] == "yes"
    assert 'id="qa-yes"' not in page.content.decode()
    # Another browser that read the answer counts once more.
    other = client.__class__()
    other.get(f"{SEARCH}{library.wages.pk}/")
    other.post(url, {"helpful": "no"})
    assert qa_services.tally(library.wages) == {"yes": 1, "no": 1, "total": 2}
    # A bare POST (no session, or a session that never showed this answer) counts nothing.
    for _ in range(3):
        client.__class__().post(url, {"helpful": "yes"})
    reader_of_another = client.__class__()
    reader_of_another.get(f"{SEARCH}{library.custody.pk}/")
    reader_of_another.post(url, {"helpful": "yes"})
    assert qa_services.tally(library.wages) == {"yes": 1, "no": 1, "total": 2}


def test_helpful_is_limited_per_address_and_entry(library, client):
    """Fresh sessions that each load the page first still count at most
    VOTES_PER_ADDRESS_DAY times a day from one address for one entry; another entry, or
    another address, is counted on its own."""
    from legalservice.qa_portal import VOTES_PER_ADDRESS_DAY

    def reader_votes(pk, ip="203.0.113.7"):
        browser = client.__class__(REMOTE_ADDR=ip)
        browser.get(f"{SEARCH}{pk}/")
        browser.post(f"{SEARCH}{pk}/vote/", {"helpful": "yes"})

    for _ in range(VOTES_PER_ADDRESS_DAY + 3):
        reader_votes(library.wages.pk)
    assert qa_services.tally(library.wages)["total"] == VOTES_PER_ADDRESS_DAY
    reader_votes(library.custody.pk)
    reader_votes(library.wages.pk, ip="198.51.100.9")
    assert qa_services.tally(library.custody)["total"] == 1
    assert qa_services.tally(library.wages)["total"] == VOTES_PER_ADDRESS_DAY + 1


def test_helpful_refuses_bad_input_and_unpublished_entries(library, client):
    client.post(f"{SEARCH}{library.wages.pk}/vote/", {"helpful": "maybe"})
    assert client.post(f"{SEARCH}{library.noise.pk}/vote/", {"helpful": "yes"}).status_code == 404
    assert not QaVote.objects.exists()


# -- the staff pages ---------------------------------------------------------------------------


def test_staff_list_is_scoped_to_the_jurisdiction(library, login):
    w = library
    body = login(w.clerk_haizhu).get("/legalservice/qa/").content.decode()
    assert "用人单位拖欠工资怎么办" in body and "邻居深夜噪音扰民如何处理" in body
    client = login(w.clerk_baiyun)
    assert "用人单位拖欠工资怎么办" not in client.get("/legalservice/qa/").content.decode()
    assert client.get(f"/legalservice/qa/{w.wages.pk}/").status_code == 404
    assert client.get(f"/legalservice/qa/{w.wages.pk}/edit/").status_code == 404


def test_another_districts_staff_cannot_edit_or_publish(library, login):
    w = library
    for user in (w.clerk_baiyun, w.office_baiyun):
        client = login(user)
        response = client.post(f"/legalservice/qa/{w.noise.pk}/edit/", {
            **NOISE, "question": "改掉", "organization": w.haizhu_office.pk,
        })  # fmt: skip
        assert response.status_code == 404
        assert client.post(f"/legalservice/qa/{w.noise.pk}/publish/",
                           {"published": "1"}).status_code == 404  # fmt: skip
    w.noise.refresh_from_db()
    assert w.noise.question == NOISE["question"] and not w.noise.published


def test_a_leader_reads_but_cannot_edit(library, login):
    w = library
    client = login(w.leader_gz)
    assert client.get(f"/legalservice/qa/{w.wages.pk}/").status_code == 200
    assert client.get(f"/legalservice/qa/{w.wages.pk}/edit/").status_code == 403


def test_staff_create_edit_and_publish(library, login):
    w = library
    client = login(w.office_haizhu)
    form = client.get("/legalservice/qa/new/").context["form"]
    data = {
        "question": "租房押金不退怎么办", "answer": "可以与出租人协商，协商不成可以申请调解或者起诉。",
        "legal_basis": "《中华人民共和国民法典》第七百零三条", "matter_kind": "contract",
        "keywords": "房东 押金", "organization": w.haizhu_office.pk,
        "submission_key": form.initial["submission_key"],
    }  # fmt: skip
    assert client.post("/legalservice/qa/new/", data).status_code == 302
    client.post("/legalservice/qa/new/", data)  # resubmitted: no second entry
    (created,) = QaEntry.objects.filter(question="租房押金不退怎么办")
    assert not created.published
    assert [e.pk for e in qa_services_search("房东不退押金")] == []
    client.post(f"/legalservice/qa/{created.pk}/publish/", {"published": "1"})
    assert [e.pk for e in qa_services_search("房东不退押金")] == [created.pk]
    response = client.post(f"/legalservice/qa/{created.pk}/edit/", {**data, "answer": ""})
    assert response.status_code == 200 and response.context["form"].errors["answer"]
    created.refresh_from_db()
    assert created.answer.startswith("可以与出租人协商")


def qa_services_search(query):
    from legalservice import qa_search

    return qa_search.search(query)


def test_an_owner_outside_the_jurisdiction_is_refused_beside_the_field(library):
    w = library
    with pytest.raises(InvalidInput) as caught:
        qa_services.entry_create(actor=w.office_haizhu, data={
            **WAGES, "organization": w.baiyun_office,
        })  # fmt: skip
    assert caught.value.fields["organization"] == [
        zh("This organisation lies outside your jurisdiction.")
    ]
    assert QaEntry.objects.count() == 3
