"""The public vote of the yearly evaluation (履职评议) on the portal: one mobile phone votes once
per year and district (a second vote is refused, naming the phone, and nothing changes); the
same phone votes again the next year; a wrong, missing or expired code is refused naming the
code field, nothing written; the published results are the votes cast; results not yet
published are not shown. The clock is the suite's (conftest: the test day, moved on only with
time_machine)."""

from __future__ import annotations

import datetime
import re

import pytest
import time_machine
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext

from core.crypto import blind_index
from core.errors import InvalidInput
from education import services, voting
from education.choices import VoteRating
from education.models import PublicVote, PublicVoteRating
from portal import registry
from portal.sms import MemoryGateway

pytestmark = pytest.mark.django_db
D = datetime.date
PHONE = "13800138000"
OTHER_PHONE = "13900139000"
REPORT = "建立普法责任制，开展以案释法12场。"


@pytest.fixture
def sms(settings):
    settings.FAZHI_SMS_GATEWAY = "portal.sms.MemoryGateway"
    MemoryGateway.outbox.clear()
    yield
    MemoryGateway.outbox.clear()


def _filed(w, agency, year):
    return services.evaluation_report(actor=w.clerk_haizhu if agency.region_id.startswith(
        "440105") else w.clerk_baiyun, agency=agency, year=year, self_report=REPORT,
        reported_on=D(year + 1, 1, 10))  # fmt: skip


def _published(w, evaluation, grade="good"):
    actor = w.clerk_haizhu if evaluation.region_code.startswith("440105") else w.clerk_baiyun
    services.evaluation_assess(actor=actor, evaluation=evaluation,
                               data={"expert_score": "88", "grade": grade})  # fmt: skip
    services.evaluation_publish(actor=actor, evaluation=evaluation, published_on=D(2026, 3, 1))


@pytest.fixture
def haizhu_2025(edu, sms):
    """The two agencies of 海珠 under evaluation for 2025."""
    w = edu
    w.eval_market = _filed(w, w.haizhu_agency, 2025)
    w.eval_chengguan = _filed(w, w.chengguan, 2025)
    return w


def _url(year, district="440105"):
    return reverse("education:public_vote", args=[year, district])


def _code(client, url, phone=PHONE) -> str:
    MemoryGateway.outbox.clear()
    response = client.post(url, {"action": "send_code", "phone": phone})
    assert response.status_code == 200
    ((to, text),) = MemoryGateway.outbox
    assert to == phone
    return re.search(r"\d{6}", text).group()


def _vote(client, url, ratings: dict, phone=PHONE, code=None):
    code = _code(client, url, phone) if code is None else code
    data = {"action": "vote", "phone": phone, "code": code}
    data.update({voting.rating_field(e): rating for e, rating in ratings.items()})
    return client.post(url, data)


def _counts():
    return PublicVote.objects.count(), PublicVoteRating.objects.count()


def test_the_vote_is_a_card_on_the_portal_and_lists_the_agencies(client, haizhu_2025):
    w = haizhu_2025
    assert any(s.key == "education_vote" for s in registry.SERVICES)
    home = client.get(reverse("portal:home")).content.decode()
    assert reverse("education:public_vote_index") in home
    index = client.get(reverse("education:public_vote_index")).content.decode()
    assert _url(2025) in index
    page = client.get(_url(2025))
    body = page.content.decode()
    assert page.status_code == 200 and 'id="vote-form"' in body
    assert w.haizhu_agency.name in body and w.chengguan.name in body
    assert w.baiyun_agency.name not in body
    assert client.get(_url(2025, "440111")).status_code == 404  # nothing under evaluation there


def test_one_phone_votes_once_per_year(client, haizhu_2025):
    w = haizhu_2025
    url = _url(2025)
    ratings = {w.eval_market: VoteRating.SATISFIED, w.eval_chengguan: VoteRating.DISSATISFIED}
    assert _vote(client, url, ratings).status_code == 302
    assert _counts() == (1, 2)
    vote = PublicVote.objects.get()
    assert (vote.year, vote.region_code) == (2025, "440105000000")
    assert vote.phone_index == blind_index(PHONE) and PHONE not in vote.phone_index

    # The same phone again, with a valid code: refused naming the phone, nothing changes.
    response = _vote(client, url, {w.eval_market: VoteRating.DISSATISFIED,
                                   w.eval_chengguan: VoteRating.SATISFIED})  # fmt: skip
    assert response.status_code == 200
    expected = voting.already_voted_error(2025, "440105").fields["phone"]
    assert response.context["form"].errors["phone"] == expected
    assert _counts() == (1, 2)
    assert w.eval_market.tally()["by_rating"][VoteRating.SATISFIED] == 1
    assert w.eval_market.tally()["by_rating"][VoteRating.DISSATISFIED] == 0

    # Another phone votes.
    assert _vote(client, url, ratings, phone=OTHER_PHONE).status_code == 302
    assert _counts() == (2, 4)


def test_a_race_cannot_create_two_votes_of_one_phone(haizhu_2025, monkeypatch):
    w = haizhu_2025
    data = {voting.rating_field(w.eval_market): VoteRating.SATISFIED,
            voting.rating_field(w.eval_chengguan): VoteRating.SATISFIED}  # fmt: skip
    voting.vote_cast(phone=PHONE, year=2025, district="440105", data=data)
    # The other request did its check before this one committed: the database refuses.
    monkeypatch.setattr(voting, "has_voted", lambda *args: False)
    with pytest.raises(InvalidInput) as exc:
        voting.vote_cast(phone=PHONE, year=2025, district="440105", data=data)
    assert list(exc.value.fields) == ["phone"]
    assert _counts() == (1, 2)
    with pytest.raises(IntegrityError), transaction.atomic():
        PublicVote.objects.create(year=2025, region_code="440105000000",
                                  phone_index=blind_index(PHONE))  # fmt: skip


def test_the_same_phone_votes_again_next_year_and_in_another_district(client, haizhu_2025):
    w = haizhu_2025
    eval_2024 = _filed(w, w.haizhu_agency, 2024)
    eval_baiyun = _filed(w, w.baiyun_agency, 2025)
    assert _vote(client, _url(2024), {eval_2024: VoteRating.FAIRLY}).status_code == 302
    assert _vote(client, _url(2025), {w.eval_market: VoteRating.FAIRLY,
                                      w.eval_chengguan: VoteRating.FAIRLY}).status_code == 302  # fmt: skip
    assert (
        _vote(client, _url(2025, "440111"), {eval_baiyun: VoteRating.SATISFIED}).status_code == 302
    )
    assert sorted(PublicVote.objects.values_list("year", "region_code")) == [
        (2024, "440105000000"), (2025, "440105000000"), (2025, "440111000000")]  # fmt: skip
    assert [e.tally()["portal"] for e in (eval_2024, w.eval_market, eval_baiyun)] == [1, 1, 1]


def test_a_wrong_missing_or_expired_code_is_refused_naming_the_field(client, haizhu_2025):
    w = haizhu_2025
    url = _url(2025)
    ratings = {w.eval_market: VoteRating.SATISFIED, w.eval_chengguan: VoteRating.SATISFIED}
    code = _code(client, url)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    wrong_code = gettext("The verification code is wrong or has expired.")
    for bad, message in ((wrong, wrong_code),
                         ("", gettext("Enter the verification code sent to your phone."))):  # fmt: skip
        response = _vote(client, url, ratings, code=bad)
        assert response.status_code == 200
        assert response.context["form"].errors["code"] == [message]
        assert list(response.context["form"].errors) == ["code"]
    # A code from another phone does not prove this one.
    other = _code(client, url, phone=OTHER_PHONE)
    response = _vote(client, url, ratings, code=other)
    assert response.context["form"].errors["code"] == [wrong_code]
    # A code past its ten minutes.
    code = _code(client, url)
    with time_machine.travel(datetime.timedelta(minutes=11)):
        response = _vote(client, url, ratings, code=code)
    assert response.context["form"].errors["code"] == [wrong_code]
    assert _counts() == (0, 0)
    # A rating left out is named, and the code is not spent on it.
    code = _code(client, url)
    response = _vote(client, url, {w.eval_market: VoteRating.SATISFIED}, code=code)
    assert list(response.context["form"].errors) == [voting.rating_field(w.eval_chengguan)]
    assert _counts() == (0, 0)
    assert _vote(client, url, ratings, code=code).status_code == 302
    assert _counts() == (1, 2)


def test_a_bad_phone_is_refused_naming_the_field(client, haizhu_2025):
    response = client.post(_url(2025), {"action": "send_code", "phone": "12345"})
    assert "phone" in response.context["form"].errors
    assert not MemoryGateway.outbox


def test_the_published_results_are_the_votes_cast(client, login, haizhu_2025):
    w = haizhu_2025
    url = _url(2025)
    cast = [
        ("13800000001", VoteRating.SATISFIED, VoteRating.SATISFIED),
        ("13800000002", VoteRating.SATISFIED, VoteRating.DISSATISFIED),
        ("13800000003", VoteRating.FAIRLY, VoteRating.DISSATISFIED),
        ("13800000004", VoteRating.DISSATISFIED, VoteRating.FAIRLY),
    ]
    for phone, market, chengguan in cast:
        response = _vote(client, url, {w.eval_market: market, w.eval_chengguan: chengguan},
                         phone=phone)  # fmt: skip
        assert response.status_code == 302
    _published(w, w.eval_market)
    _published(w, w.eval_chengguan, grade="pass")
    expected = {
        w.eval_market.pk: {"satisfied": 2, "fairly_satisfied": 1, "dissatisfied": 1},
        w.eval_chengguan.pk: {"satisfied": 1, "fairly_satisfied": 1, "dissatisfied": 2},
    }
    page = client.get(url)
    results = {e.pk: tally for e, tally in page.context["results"]}
    assert {pk: t["by_rating"] for pk, t in results.items()} == expected
    assert all(t["total"] == t["portal"] == len(cast) for t in results.values())
    assert results[w.eval_market.pk]["satisfied_rate"] == 75.0
    body = page.content.decode()
    assert 'id="vote-form"' not in body  # published: no more votes
    row = re.search(rf'data-evaluation="{w.eval_market.pk}">(.*?)</tr>', body).group(1)
    assert re.findall(r'<td class="text-end"[^>]*>(\d+)</td>', row) == ["2", "1", "1", "4"]
    # A vote posted from a page opened before publication reaches nothing.
    response = _vote(client, url, {w.eval_market: VoteRating.SATISFIED,
                                   w.eval_chengguan: VoteRating.SATISFIED})  # fmt: skip
    assert response.status_code == 200 and _counts() == (4, 8)
    # Staff see the same count in the list and on the evaluation.
    staff = login(w.clerk_haizhu)
    listing = staff.get(reverse("education:evaluation_list"))
    totals = {
        row.record.pk: row.get_cell_value("votes_total") for row in listing.context["table"].rows
    }
    assert totals[w.eval_market.pk] == totals[w.eval_chengguan.pk] == len(cast)
    detail = staff.get(w.eval_market.get_absolute_url()).content.decode()
    assert re.search(r'id="public-votes">4\b', detail)


def test_results_not_yet_published_are_not_shown(client, haizhu_2025):
    w = haizhu_2025
    ratings = {w.eval_market: VoteRating.SATISFIED, w.eval_chengguan: VoteRating.SATISFIED}
    assert _vote(client, _url(2025), ratings).status_code == 302
    _published(w, w.eval_market)
    page = client.get(_url(2025))
    assert [e.pk for e, _tally in page.context["results"]] == [w.eval_market.pk]
    body = page.content.decode()
    results = body[body.index('id="results"') :]
    assert w.haizhu_agency.name in results and w.chengguan.name not in results
    # The agency still under evaluation is on the ballot, without its result.
    assert [e.pk for e in page.context["evaluations"]] == [w.eval_chengguan.pk]


def test_a_refused_ballot_leaves_the_code_and_an_accepted_one_spends_it(client, haizhu_2025):
    """The code is checked first but spent only when the ballot is written: a ballot refused
    after the code passed (the phone has voted already) leaves the code live; an accepted
    ballot spends it, so the same code never writes twice."""
    from education.portal import otp_key
    from portal.security import otp_matches

    w = haizhu_2025
    url = _url(2025)
    ratings = {w.eval_market: VoteRating.SATISFIED, w.eval_chengguan: VoteRating.FAIRLY}
    code = _code(client, url)
    assert _vote(client, url, ratings, code=code).status_code == 302
    assert not otp_matches(otp_key(2025, "440105000000", PHONE), code)  # spent on success
    response = _vote(client, url, ratings, code=code)
    assert list(response.context["form"].errors) == ["code"]
    # The same phone once more, with a fresh code: refused naming the phone, code left live.
    code = _code(client, url)
    response = _vote(client, url, ratings, code=code)
    assert list(response.context["form"].errors) == ["phone"]
    assert otp_matches(otp_key(2025, "440105000000", PHONE), code)
    assert _counts() == (1, 2)


def test_a_code_spent_by_another_submission_refuses_the_ballot(haizhu_2025):
    w = haizhu_2025
    data = {voting.rating_field(w.eval_market): VoteRating.SATISFIED,
            voting.rating_field(w.eval_chengguan): VoteRating.SATISFIED}  # fmt: skip
    with pytest.raises(InvalidInput) as exc:
        voting.vote_cast(phone=PHONE, year=2025, district="440105", data=data,
                         spend_code=lambda: False)  # fmt: skip
    assert list(exc.value.fields) == ["code"]
    assert _counts() == (0, 0)
