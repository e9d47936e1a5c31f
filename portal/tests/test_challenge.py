"""A site-wide ceiling turns on a picture challenge (issue 10, "Limits that hold"): a flood
from many addresses passes the per-address limits, so past FAZHI_PORTAL_*_CEILING accepted
submissions within the hour the forms ask for the sum drawn in a picture."""

from __future__ import annotations

import re

import pytest
from captcha.models import CaptchaStore
from django.urls import reverse

from mediation.models import Dispute
from mediation.tests.test_online import _form, committees  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def _apply(client, n: int, address: str, **extra):
    return client.post(
        reverse("mediation:online_apply"),
        _form(submission_key=f"{n:032d}", applicant_phone=f"1380013{n:04d}", **extra),
        REMOTE_ADDR=address,
    )


def _answer(response) -> dict:
    """The key of the challenge the page shows, and the answer kept for it in the database."""
    key = re.search(r'name="captcha_0" value="(\w+)"', response.content.decode()).group(1)
    return {"captcha_0": key, "captcha_1": CaptchaStore.objects.get(hashkey=key).response}


def test_no_challenge_below_the_ceiling(client, committees, settings):  # noqa: F811
    settings.FAZHI_PORTAL_APPLY_CEILING = 3
    for n in range(3):
        assert (
            'id="challenge"' not in client.get(reverse("mediation:online_apply")).content.decode()
        )
        assert _apply(client, n, f"10.0.0.{n}").status_code == 302
    assert Dispute.objects.count() == 3


def test_past_the_ceiling_the_form_asks_for_the_picture_and_keeps_the_input(
    client,
    committees,  # noqa: F811
    settings,
):
    settings.FAZHI_PORTAL_APPLY_CEILING = 2
    for n in range(2):  # two addresses, each well under its own limit
        assert _apply(client, n, f"10.0.1.{n}").status_code == 302
    page = client.get(reverse("mediation:online_apply"), HTTP_ACCEPT_LANGUAGE="zh-hans")
    html = page.content.decode()
    assert 'id="challenge"' in html and "/captcha/image/" in html

    refused = _apply(client, 7, "10.0.1.7", HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert refused.status_code == 200 and Dispute.objects.count() == 2
    errors = refused.content.decode().split('id="form-errors"')[1].split("</div>")[0]
    assert "验证" in errors  # the error names the challenge field
    assert "楼上漏水两个月未修。" in refused.content.decode()  # the input is kept

    wrong = _apply(client, 7, "10.0.1.7", **{**_answer(page), "captcha_1": "wrong"})
    assert wrong.status_code == 200 and Dispute.objects.count() == 2

    fresh = client.get(reverse("mediation:online_apply"))
    accepted = _apply(client, 7, "10.0.1.7", **_answer(fresh))
    assert accepted.status_code == 302 and Dispute.objects.count() == 3


def test_the_tracking_form_has_its_own_ceiling(client, committees, settings):  # noqa: F811
    settings.FAZHI_PORTAL_TRACK_CEILING = 1
    url = reverse("portal:track")
    assert 'id="challenge"' not in client.get(url).content.decode()
    client.post(url, {"tracking_code": "ABCD-EFGH-JKLM", "phone": "13800138000"})
    assert 'id="challenge"' in client.get(url).content.decode()
    response = client.post(url, {"tracking_code": "ABCD-EFGH-JKLM", "phone": "13800138000"})
    assert response.status_code == 200 and "captcha" in response.context["form"].errors
