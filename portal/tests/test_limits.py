"""Limits that hold (issue #10): the client's address is what the socket or the trusted proxies
say, never what the client writes into X-Forwarded-For; the online form has a per-phone limit;
failed logins are counted per address across usernames."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from mediation.models import Dispute
from mediation.tests.test_online import _form
from mediation.tests.test_online import committees as committees

pytestmark = pytest.mark.django_db


def test_a_spoofed_forwarded_for_does_not_reset_the_limit(client, committees, settings):
    settings.FAZHI_PROXY_COUNT = 0
    settings.FAZHI_PORTAL_APPLY_PER_PHONE_DAY = 100  # only the address limit is under test
    url = reverse("mediation:online_apply")
    statuses = []
    for n in range(11):
        response = client.post(
            url,
            _form(submission_key=f"key-{n:02d}-" + "x" * 20, applicant_phone=f"1380013{n:04d}"),
            HTTP_X_FORWARDED_FOR=f"10.9.{n}.{n}",
        )
        statuses.append(response.status_code)
    assert statuses[:10] == [302] * 10
    assert statuses[10] == 200  # the 11th: the form again, refused
    assert Dispute.objects.count() == 10


def test_behind_one_proxy_the_address_it_saw_counts_not_what_the_client_wrote(settings):
    from core.net import client_ip

    settings.FAZHI_PROXY_COUNT = 1
    request = RequestFactory().get(
        "/", HTTP_X_FORWARDED_FOR="1.2.3.4, 203.0.113.7", REMOTE_ADDR="127.0.0.1"
    )
    assert client_ip(request) == "203.0.113.7"  # "1.2.3.4" was written by the client
    settings.FAZHI_PROXY_COUNT = 0
    assert client_ip(request) == "127.0.0.1"
    settings.FAZHI_PROXY_COUNT = 1
    garbage = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="<script>", REMOTE_ADDR="127.0.0.1")
    assert client_ip(garbage) == "127.0.0.1"


def test_one_phone_files_at_most_the_daily_limit(client, committees, settings):
    settings.FAZHI_PORTAL_APPLY_PER_PHONE_DAY = 3
    url = reverse("mediation:online_apply")
    codes = [
        client.post(url, _form(submission_key=f"phone-{n:02d}-" + "y" * 20)).status_code
        for n in range(4)
    ]
    assert codes == [302, 302, 302, 200]
    assert Dispute.objects.count() == 3


def test_failed_logins_across_usernames_block_the_address(client, world, settings):
    settings.FAZHI_LOGIN_ADDRESS_LIMIT = 5
    for n in range(5):
        client.post("/login/", {"username": f"nobody{n}", "password": "wrong-password-1"})
    from conftest import PASSWORD

    response = client.post(
        "/login/",
        {"username": world.clerk_haizhu.username, "password": PASSWORD},
        HTTP_ACCEPT_LANGUAGE="zh-hans",
    )
    assert response.status_code == 200 and "_auth_user_id" not in client.session
    other = type(client)(REMOTE_ADDR="192.0.2.55")
    assert (
        other.post(
            "/login/", {"username": world.clerk_haizhu.username, "password": PASSWORD}
        ).status_code
        == 302
    )


def test_the_audit_log_records_the_trusted_address_not_the_spoofed_one(client, world, settings):
    from auditlog.models import LogEntry

    settings.FAZHI_PROXY_COUNT = 0
    client.force_login(world.clerk_haizhu)
    client.post(
        "/parties/new/",
        {"kind": "person", "name": "李四", "submission_key": "a" * 32},
        HTTP_X_FORWARDED_FOR="6.6.6.6",
    )
    entry = LogEntry.objects.filter(action=LogEntry.Action.CREATE).latest("timestamp")
    assert entry.remote_addr == "127.0.0.1"


def test_pages_carry_a_policy_that_forbids_inline_script(client, world):
    import re

    for url in ("/portal/", "/login/", "/deadline/"):
        response = client.get(url)
        policy = response.headers["Content-Security-Policy"]
        assert (
            "script-src 'self'" in policy
            and "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]
        )
        assert "camera=()" in response.headers["Permissions-Policy"]
        body = response.content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", body)
        assert not re.search(r"\son[a-z]+=\"", body)  # no inline event handlers


def test_the_database_connection_is_checked_before_use(settings):
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True
