"""With the shared cache (Redis) down, the portal answers a 503 in Chinese or works — never a
500 — and staff work that needs no cache goes on (issue #10)."""

import pytest
from django.core.cache import caches
from django.urls import reverse

from conftest import frozen_today
from mediation.tests.test_online import _form
from mediation.tests.test_online import committees as committees

pytestmark = pytest.mark.django_db

DOWN = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        # Nothing listens on port 1: every cache call fails at once.
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
}


@pytest.fixture
def redis_down(settings):
    # Django rebuilds its cache handlers when the setting changes (and back afterwards).
    settings.CACHES = DOWN
    yield
    caches.close_all()


def test_the_online_form_answers_a_chinese_503_not_a_500(client, committees, redis_down):
    response = client.post(
        reverse("mediation:online_apply"), _form(), HTTP_ACCEPT_LANGUAGE="zh-hans"
    )
    assert response.status_code == 503
    assert "请" in response.content.decode() and response["Retry-After"]


def test_tracking_answers_a_chinese_503_not_a_500(client, committees, redis_down):
    response = client.post(
        reverse("portal:track"),
        {"tracking_code": "ABCDEFGHJK", "phone": "13800138000"},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code in (200, 503)


def test_the_deadline_calculator_still_works(client, db, redis_down):
    response = client.get("/deadline/", {"start": "2025-09-30", "days": 5, "working": "on"})
    assert response.status_code == 200 and 'data-due="2025-10-14"' in response.content.decode()


def test_a_case_transition_still_works(client, world, redis_down):
    from mediation.tests.factories import make_dispute

    dispute = make_dispute(organization=world.haizhu_committee, actor=world.mediator_haizhu)
    client.force_login(world.mediator_haizhu)
    response = client.post(
        f"/cases/mediation.dispute/{dispute.pk}/do/accept/",
        {"version": 1, "consent": "on", "accepted_on": frozen_today().isoformat()},
    )
    assert response.status_code == 302
    dispute.refresh_from_db()
    assert dispute.state == "accepted"
