"""The public portal: home, large-text mode, one-time codes and rate limits."""

import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from portal.security import check_otp, issue_otp, rate_limited

pytestmark = pytest.mark.django_db


def test_home_lists_the_services_and_works_without_login(client):
    body = client.get(reverse("portal:home")).content.decode()
    assert reverse("mediation:online_apply") in body
    assert reverse("portal:track") in body
    assert 'name="viewport"' in body


def test_large_text_mode_is_remembered(client):
    response = client.post(reverse("portal:large_text"), {"next": reverse("portal:home")})
    assert response.cookies["fz_large"].value == "1"
    assert "fz-large" in client.get(reverse("portal:home")).content.decode()
    evil = client.post(reverse("portal:large_text"), {"next": "https://evil.example/"})
    assert evil.url == reverse("portal:home")


def test_a_one_time_code_works_once_and_gives_up_after_five_tries():
    cache.clear()
    code = issue_otp("ABC")
    assert check_otp("ABC", code) and not check_otp("ABC", code)
    code = issue_otp("XYZ")
    for _ in range(5):
        assert not check_otp("XYZ", "not-it")
    assert not check_otp("XYZ", code)  # locked after five wrong tries


def test_rate_limit_counts_within_the_window():
    cache.clear()
    assert not any(rate_limited("t", "1.2.3.4", limit=3, window=60) for _ in range(3))
    assert rate_limited("t", "1.2.3.4", limit=3, window=60)
    assert not rate_limited("t", "5.6.7.8", limit=3, window=60)


def test_tracking_is_throttled(client):
    cache.clear()
    for _ in range(5):
        client.post(reverse("portal:track"), {"tracking_code": "AAAA", "phone": "13800138000"})
    response = client.post(reverse("portal:track"), {"tracking_code": "AAAA",
                                                      "phone": "13800138000"})  # fmt: skip
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()


def test_large_text_toggle_shows_its_state(client):
    from django.utils import translation

    with translation.override("zh-hans"):
        on, off = translation.gettext("Large text: on"), translation.gettext("Large text: off")
    body = client.get(reverse("portal:home"), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert 'aria-pressed="false"' in body and off in body and on not in body
    client.post(reverse("portal:large_text"), {"next": reverse("portal:home")})
    body = client.get(reverse("portal:home"), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert 'aria-pressed="true"' in body and on in body and off not in body


def test_phone_boxes_ask_for_the_phone_keypad(client, world):
    from core.forms import PartyForm
    from mediation.forms import party_formset

    track = client.get(reverse("portal:track")).content.decode()
    apply = client.get(reverse("mediation:online_apply")).content.decode()
    for page, name, autocomplete in [
        (track, "phone", "tel"),
        (apply, "applicant_phone", "tel"),
        (apply, "respondent_phone", "off"),  # not the citizen's own number
    ]:
        tag = re.search(rf'<input[^>]*name="{name}"[^>]*>', page).group(0)
        assert 'type="tel"' in tag and 'inputmode="tel"' in tag
        assert f'autocomplete="{autocomplete}"' in tag
    staff = [PartyForm(user=world.clerk_haizhu)["phone"], party_formset().forms[0]["phone"]]
    for field in staff:
        assert 'inputmode="tel"' in str(field) and 'autocomplete="off"' in str(field)


def test_the_calculator_opened_from_the_portal_stays_in_the_portal(client):
    home = client.get(reverse("portal:home")).content.decode()
    assert f'href="{reverse("portal:deadline")}"' in home
    assert f'href="{reverse("cases:deadline")}"' not in home
    page = client.get(
        reverse("portal:deadline"), {"start": "2025-09-30", "days": 5, "working": "on"}
    ).content.decode()
    assert 'data-due="2025-10-14"' in page  # the same engine as the staff page
    assert 'id="large-text"' in page and 'id="back-to-portal"' in page
    assert "portal/base.html" in [t.name for t in client.get(reverse("portal:deadline")).templates]
