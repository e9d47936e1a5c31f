"""Publishing a reconsideration decision on the portal after redaction: Fazhi proposes the
personal data to remove (names of natural persons, ID numbers, phones, addresses, bank
accounts), a reviewer confirms, and only the redacted text reaches the public, searchable by
year, agency, kind of act and decision."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from reconsideration import publication
from reconsideration.models import Publication
from reconsideration.services import application_register
from reconsideration.tests.test_clocks import fire, on

pytestmark = pytest.mark.django_db
D = datetime.date
ID_NUMBER = "11010519491231002X"


def _decided(w, *, act_type="penalty", decision="annul"):
    with on(D(2026, 6, 1)):
        case = application_register(
            actor=w.clerk_haizhu,
            organization=w.haizhu_bureau,
            data={
                "respondent": w.haizhu_agency.pk, "act_type": act_type,
                "act_description": "海市监罚〔2026〕12号行政处罚决定",
                "act_number": "海市监罚〔2026〕12号", "requests": "撤销该行政处罚决定",
                "facts": "申请人张三经营的小店被罚款五千元，其账户6222021234567890123被冻结。",
                "knew_on": "2026-05-20",
            },
            parties=[
                {"side": "applicant", "name": "张三", "kind": "person", "id_number": ID_NUMBER,
                 "phone": "13800138000", "address": "广州市海珠区江南大道中100号"},
                {"side": "agent", "name": "李律师", "kind": "person", "phone": "02012345678"},
                {"side": "third_party", "name": "广州某餐饮有限公司", "kind": "organization"},
            ],
        )  # fmt: skip
    with on(D(2026, 6, 2)):
        case = fire(case, "accept", w.clerk_haizhu, procedure="ordinary")
    with on(D(2026, 7, 20)):
        case = fire(case, "decide", w.clerk_haizhu, decision_type=decision,
                    reasons="被申请人认定张三无证经营的事实证据不足。")  # fmt: skip
    return case


def test_the_proposals_cover_the_personal_data_and_spare_legal_persons(world):
    case = _decided(world)
    draft = publication.prepare(case, actor=world.clerk_haizhu)
    proposed = {(p["kind"], p["text"]) for p in draft.proposals}
    assert {("name", "张三"), ("name", "李律师"), ("id_number", ID_NUMBER),
            ("phone", "13800138000"), ("phone", "020-12345678"),
            ("address", "广州市海珠区江南大道中100号"),
            ("bank_account", "6222021234567890123")} <= proposed  # fmt: skip
    texts = {text for _kind, text in proposed}
    assert "广州某餐饮有限公司" not in texts and "海珠区市场监督管理局" not in texts
    assert draft.state == Publication.State.DRAFT and draft.text == ""
    # Not on the portal before the reviewer confirms.
    assert not publication.published().exists()


def test_the_reviewer_confirms_and_the_public_reads_only_the_redacted_text(world, client):
    w = world
    case = _decided(w)
    client.force_login(w.clerk_haizhu)
    assert (
        client.post(reverse("reconsideration:publication_prepare", args=[case.pk])).status_code
        == 302
    )
    review = client.get(reverse("reconsideration:publication_review", args=[case.pk]))
    assert review.status_code == 200 and "<mark>张三</mark>" in review.content.decode()
    draft = Publication.objects.get(case=case)
    # Keep the agent's name (a lawyer acting in office), remove everything else, and add a
    # term the proposals missed.
    remove = [p["text"] for p in draft.proposals if p["text"] != "李律师"]
    client.post(reverse("reconsideration:publication_review", args=[case.pk]),
                {"remove": remove, "extra": "小店"})  # fmt: skip
    done = Publication.objects.get(case=case)
    assert done.state == Publication.State.PUBLISHED and done.reviewed_by == w.clerk_haizhu
    for secret in ("张三", ID_NUMBER, "13800138000", "020-12345678", "江南大道中100号",
                   "6222021234567890123", "小店"):  # fmt: skip
        assert secret not in done.text, secret
    assert "张某" in done.text and "李律师" in done.text and "广州某餐饮有限公司" in done.text

    client.logout()
    listing = client.get(reverse("reconsideration:public_decisions"),
                         {"year": 2026, "act_type": "penalty", "decision_type": "annul"})  # fmt: skip
    assert case.number in listing.content.decode()
    none = client.get(reverse("reconsideration:public_decisions"), {"decision_type": "uphold"})
    assert case.number not in none.content.decode()
    page = client.get(reverse("reconsideration:public_decision", args=[done.pk])).content.decode()
    assert "张某" in page and ID_NUMBER not in page and "张三" not in page


def test_a_term_not_in_the_text_is_refused_and_nothing_is_published(world):
    case = _decided(world)
    draft = publication.prepare(case, actor=world.clerk_haizhu)
    from core.errors import InvalidInput

    with pytest.raises(InvalidInput) as raised:
        publication.publish(draft, actor=world.clerk_haizhu, keep=[], extra=["王五"])
    assert "extra" in raised.value.fields
    assert Publication.objects.get(pk=draft.pk).state == Publication.State.DRAFT


def test_only_the_offices_staff_publish_and_only_decided_cases(world):
    from core.errors import InvalidInput, PermissionDenied

    case = _decided(world)
    with pytest.raises(PermissionDenied):
        publication.prepare(case, actor=world.agency_haizhu)
    with on(D(2026, 6, 1)):
        open_case = application_register(
            actor=world.clerk_haizhu, organization=world.haizhu_bureau,
            data={"respondent": world.haizhu_agency.pk, "act_type": "licence",
                  "act_description": "不予许可决定", "requests": "撤销"},
            parties=[{"side": "applicant", "name": "王五"}],
        )  # fmt: skip
    with pytest.raises(InvalidInput):
        publication.prepare(open_case, actor=world.clerk_haizhu)


def test_a_withdrawn_decision_leaves_the_portal(world, client):
    case = _decided(world)
    draft = publication.prepare(case, actor=world.clerk_haizhu)
    done = publication.publish(draft, actor=world.clerk_haizhu, keep=[], extra=[])
    assert client.get(reverse("reconsideration:public_decision", args=[done.pk])).status_code == 200
    publication.withdraw(done, actor=world.clerk_haizhu)
    assert client.get(reverse("reconsideration:public_decision", args=[done.pk])).status_code == 404


def test_similar_past_decisions_rank_the_same_agency_and_act_first(world, client):
    from reconsideration.selectors import similar_decisions

    w = world
    decided = _decided(w)
    other_kind = _decided(w, act_type="licence", decision="uphold")
    with on(D(2026, 8, 3)):
        new = application_register(
            actor=w.clerk_haizhu, organization=w.haizhu_bureau,
            data={"respondent": w.haizhu_agency.pk, "act_type": "penalty",
                  "act_description": "海市监罚〔2026〕40号行政处罚决定", "requests": "撤销该行政处罚决定"},
            parties=[{"side": "applicant", "name": "赵六"}],
        )  # fmt: skip
    rows = similar_decisions(new, w.clerk_haizhu)
    assert [r["case"] for r in rows] == [decided, other_kind]
    assert rows[0]["score"] > rows[1]["score"]
    # An agency handler of another agency sees none of them.
    assert similar_decisions(new, w.clerk_baiyun) == []
    client.force_login(w.clerk_haizhu)
    page = client.get(new.get_absolute_url()).content.decode()
    assert 'id="similar-decisions"' in page and decided.number in page
