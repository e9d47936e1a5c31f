"""Enforcement publicity (执法公示, 行政处罚法 = CF Art. 48 ✅) on the portal and the staff pages of
decisions: the public sees only decisions published by today, to be published and not
withdrawn, with a natural person named 张某 and no ID number; staff lists filter by body, kind,
days and what the supervision looks for (published late, legal review missing, full-process
record missing), each decision's page offers publish and withdraw to those who may; the access
matrix: an agency's handler sees their own agency's decisions, the city's leader reads all and
changes none, a foreign decision is 404.

Test day Wed 2026-06-10. Decisions of 海珠 市监 (penalties decided Mon 2026-03-02, to be published
by Wed 2026-03-11):
- A 穗海市监罚〔2026〕1号, person 张三丰, published Tue 2026-03-10 (on time);
- B 穗海市监罚〔2026〕2号, organisation 广州市海珠区好味餐饮店, published Thu 2026-03-12 (late),
  legal review required (hearing) and missing;
- C 穗海市监罚〔2026〕3号, not published (overdue since Thu 2026-03-12), no full-process record;
- E 穗海市监罚〔2026〕4号, published 2026-03-10, revoked Thu 2026-04-30, withdrawn Wed 2026-05-06;
- S 穗海市监罚〔2026〕5号, not to be published (涉及国家秘密);
- L 穗海市监许〔2026〕6号, licence decided Wed 2026-04-29, published Tue 2026-05-12.
"""

from __future__ import annotations

import datetime

import pytest

from enforcement import decision_services as services
from enforcement.decision_selectors import masked_name
from enforcement.tests.decision_world import build, report

D = datetime.date
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("june_2026")]
PUBLIC = "/enforcement/public/decisions/"
STAFF = "/enforcement/decisions/"
PERSON_ID = "440105199001011239"


@pytest.fixture
def pw(ew, settings):
    w = build(ew, settings)
    w.a, _c = report(w, party_kind="person", party_name="张三丰", party_id_number=PERSON_ID,
                     facts=f"张三丰（身份证号{PERSON_ID}）经营超过保质期的食品。",
                     published_on=D(2026, 3, 10))  # fmt: skip
    w.b, _c = report(w, case_number="穗海市监罚〔2026〕2号", published_on=D(2026, 3, 12),
                     legal_review_triggers=["hearing"])  # fmt: skip
    w.c, _c = report(w, case_number="穗海市监罚〔2026〕3号", recorded_full_process=False)
    w.e, _c = report(w, case_number="穗海市监罚〔2026〕4号", published_on=D(2026, 3, 10))
    services.decision_withdraw(actor=w.agency_haizhu, decision=w.e, data={
        "withdrawal_ground": "revoked", "changed_on": D(2026, 4, 30),
        "withdrawn_on": D(2026, 5, 6), "withdrawal_reason": "经行政复议撤销"})  # fmt: skip
    w.s, _c = report(w, case_number="穗海市监罚〔2026〕5号", publication_required=False,
                     publication_exempt_reason="涉及国家秘密")  # fmt: skip
    w.lic, _c = report(w, case_number="穗海市监许〔2026〕6号", kind="licence", power_code="L-001",
                       penalty_kinds=[], fine_amount=None, result="准予许可",
                       decided_on=D(2026, 4, 29), published_on=D(2026, 5, 12))  # fmt: skip
    return w


def listed(response) -> set[str]:
    return {d["case_number"] for d in response.context["items"]}


# -- the portal --------------------------------------------------------------------------------


def test_the_public_list_shows_only_published_decisions_not_withdrawn(pw, client):
    w = pw
    response = client.get(PUBLIC)
    assert response.status_code == 200
    assert listed(response) == {w.a.case_number, w.b.case_number, w.lic.case_number}
    page = response.content.decode()
    assert "张某" in page and "张三丰" not in page and PERSON_ID not in page
    assert PUBLIC in client.get("/portal/").content.decode()


def test_the_public_search(pw, client):
    w = pw
    assert listed(client.get(PUBLIC, {"kind": "licence"})) == {w.lic.case_number}
    assert listed(client.get(PUBLIC, {"decided_from": "2026-04-01"})) == {w.lic.case_number}
    assert listed(client.get(PUBLIC, {"decided_to": "2026-03-31"})) == {w.a.case_number,
                                                                        w.b.case_number}  # fmt: skip
    assert listed(client.get(PUBLIC, {"body": w.shijian_body.pk})) == {
        w.a.case_number,
        w.b.case_number,
        w.lic.case_number,
    }
    assert listed(client.get(PUBLIC, {"q": "好味"})) == {w.b.case_number, w.lic.case_number}
    assert listed(client.get(PUBLIC, {"q": "张三丰"})) == set()  # never a person's name
    assert listed(client.get(PUBLIC, {"q": "罚〔2026〕1"})) == {w.a.case_number}


def test_the_public_detail_shows_the_public_part_only(pw, client):
    w = pw
    page = client.get(f"{PUBLIC}{w.a.pk}/").content.decode()
    assert "张某" in page and "张三丰" not in page and PERSON_ID not in page
    assert "经营超过保质期的食品" in page and "5000" in page
    organisation = client.get(f"{PUBLIC}{w.b.pk}/").content.decode()
    assert "广州市海珠区好味餐饮店" in organisation and "91440105MA59ABCD17" in organisation
    for hidden in (w.c, w.e, w.s):  # unpublished, withdrawn, not to be published
        assert client.get(f"{PUBLIC}{hidden.pk}/").status_code == 404


def test_a_decision_is_public_from_its_publication_day(pw, client, time_machine):
    w = pw
    time_machine.move_to(datetime.datetime(2026, 5, 11, 10, 0, tzinfo=datetime.UTC))
    assert w.lic.case_number not in listed(client.get(PUBLIC))  # published on 12 May
    assert w.e.case_number not in listed(client.get(PUBLIC))
    time_machine.move_to(datetime.datetime(2026, 5, 5, 10, 0, tzinfo=datetime.UTC))
    assert w.e.case_number in listed(client.get(PUBLIC))  # withdrawn from 6 May


@pytest.mark.parametrize(("name", "masked"), [
    ("张三丰", "张某"), ("欧阳娜娜", "欧阳某"), ("王五", "王某"), ("欧阳", "欧某"),
])  # fmt: skip
def test_a_person_is_named_by_the_surname(name, masked):
    assert masked_name(name) == masked


# -- the staff pages -----------------------------------------------------------------------------


def rows(client, **query) -> set[str]:
    response = client.get(STAFF, query)
    assert response.status_code == 200
    return {r.record.case_number for r in response.context["table"].page.object_list}


def test_the_staff_list_filters(pw, client):
    w = pw
    client.force_login(w.clerk_haizhu)
    assert rows(client) == {d.case_number for d in (w.a, w.b, w.c, w.e, w.s, w.lic)}
    assert rows(client, late="true") == {w.b.case_number, w.c.case_number}
    assert rows(client, review_missing="true") == {w.b.case_number}
    assert rows(client, recording_missing="true") == {w.c.case_number}
    assert rows(client, kind="licence") == {w.lic.case_number}
    assert rows(client, q="张三") == {w.a.case_number}
    assert rows(client, decided_from="2026-04-01") == {w.lic.case_number}
    page = client.get(STAFF).content.decode()
    assert PERSON_ID not in page and "440***********1239" in page


def test_the_access_matrix_of_decisions(pw, client):
    w = pw
    for user, count in ((w.clerk_haizhu, 6), (w.leader_gz, 6), (w.agency_haizhu, 6),
                        (w.agency_chengguan, 0), (w.clerk_baiyun, 0)):  # fmt: skip
        client.force_login(user)
        assert len(rows(client)) == count, user
        status = client.get(f"{STAFF}{w.a.pk}/").status_code
        assert status == (200 if count else 404), user
    client.force_login(w.mediator_haizhu)
    assert client.get(STAFF).status_code == 403
    client.force_login(w.leader_gz)
    page = client.get(f"{STAFF}{w.c.pk}/").content.decode()
    assert 'id="publish"' not in page
    assert client.get(f"{STAFF}{w.c.pk}/publish/").status_code == 403
    client.logout()
    assert client.get(STAFF).status_code == 302


def test_the_detail_page_shows_what_is_missing(pw, client):
    w = pw
    client.force_login(w.agency_haizhu)
    page = client.get(f"{STAFF}{w.b.pk}/").content.decode()
    assert 'id="legal-review" data-missing="1"' in page and "44010500001" in page
    page = client.get(f"{STAFF}{w.c.pk}/").content.decode()
    assert 'data-missing="1"' in page and 'id="publish"' in page
    page = client.get(f"{STAFF}{w.a.pk}/").content.decode()
    assert 'id="withdraw"' in page and 'data-on-portal="1"' in page


def test_publishing_from_the_page(pw, client):
    w = pw
    client.force_login(w.agency_haizhu)
    url = f"{STAFF}{w.c.pk}/publish/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"published_on": "2026-06-11"})  # the future
    assert response.status_code == 200 and response.context["form"].errors["published_on"]
    response = client.post(url, {"published_on": "2026-06-09"})
    assert response.status_code == 302
    w.c.refresh_from_db()
    assert (w.c.published_on, w.c.published_on_time) == (D(2026, 6, 9), False)
    assert w.c.case_number in listed(client.get(PUBLIC))


def test_withdrawing_from_the_page(pw, client):
    w = pw
    client.force_login(w.clerk_haizhu)
    url = f"{STAFF}{w.a.pk}/withdraw/"
    response = client.post(url, {"withdrawal_ground": "changed", "changed_on": "2026-06-08",
                                 "withdrawn_on": "2026-06-05", "withdrawal_reason": "x"})  # fmt: skip
    assert response.status_code == 200 and response.context["form"].errors["withdrawn_on"]
    response = client.post(url, {"withdrawal_ground": "changed", "changed_on": "2026-06-08",
                                 "withdrawn_on": "2026-06-09",
                                 "withdrawal_reason": "经行政诉讼判决变更罚款数额"})  # fmt: skip
    assert response.status_code == 302
    w.a.refresh_from_db()
    # Changed Mon 8 June: 3 working days → Thu 11 June; withdrawn Tue 9 June: on time.
    assert (w.a.withdrawal_due, w.a.withdrawn_on_time) == (D(2026, 6, 11), True)
    assert w.a.case_number not in listed(client.get(PUBLIC))
    client.force_login(w.agency_chengguan)
    assert client.get(f"{STAFF}{w.b.pk}/withdraw/").status_code == 404
