"""Log-in: a Chinese page, lockout after repeated failures, password rules, role home pages."""

import re

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from conftest import PASSWORD


def test_the_login_page_is_chinese_by_default(client, db):
    body = client.get("/login/").content.decode()
    assert '<html lang="zh-hans">' in body
    assert "登录" in body and "用户名" in body


def test_english_can_be_switched_on(client, db):
    client.post("/i18n/setlang/", {"language": "en", "next": "/login/"})
    body = client.get("/login/").content.decode()
    assert '<html lang="en">' in body and "Log in to Fazhi" in body


def test_a_user_logs_in_and_reaches_the_home_page(world, client):
    response = client.post(
        "/login/", {"username": "clerk_haizhu", "password": PASSWORD}, follow=True
    )
    body = response.content.decode()
    assert response.redirect_chain[-1][0] == "/"
    assert "海珠区司法局" in body and "业务科室" in body


def test_five_failures_lock_the_account_even_for_the_right_password(world, client, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    for _ in range(5):
        response = client.post(
            "/login/", {"username": "clerk_haizhu", "password": "wrong-password1"}
        )
    assert response.status_code == 429
    assert "账户已锁定" in response.content.decode()
    locked = client.post("/login/", {"username": "clerk_haizhu", "password": PASSWORD})
    assert locked.status_code == 429
    # Another account from the same address is not locked out by these failures.
    other = client.post("/login/", {"username": "clerk_baiyun", "password": PASSWORD})
    assert other.status_code == 302


def test_a_wrong_password_keeps_the_username_and_says_why(world, client):
    response = client.post("/login/", {"username": "clerk_haizhu", "password": "nope"})
    body = response.content.decode()
    assert response.status_code == 200
    assert 'value="clerk_haizhu"' in body
    assert "请输入一个正确的" in body or "正确的用户名和密码" in body


@pytest.mark.parametrize("password", ["short1a", "abcdefghijkl", "123456789012", "password123"])
def test_weak_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_a_strong_password_passes():
    validate_password("Haizhu2026mediation")


def test_leaders_see_their_districts_on_the_home_page(world, login, django_assert_max_num_queries):
    client = login(world.leader_gz)
    # Independent of the number of districts; the figures and work panels add a fixed dozen.
    with django_assert_max_num_queries(30):
        body = client.get("/").content.decode()
    assert "海珠区" in body and "白云区" in body
    # 海珠区: 4 organisations (bureau, office, committee, agency) and 3 parties;
    # 白云区: 2 (bureau, committee) and 1.
    assert re.search(
        r"<td>海珠区</td><td class=\"text-end\">4</td><td class=\"text-end\">3</td>", body
    )
    assert re.search(
        r"<td>白云区</td><td class=\"text-end\">2</td><td class=\"text-end\">1</td>", body
    )
    clerk = login(world.clerk_haizhu).get("/").content.decode()
    assert "白云区" not in clerk


def test_session_cookies_are_secure_outside_development(settings):
    from fazhi import settings as project

    if not project.DEBUG and project.SECURE_COOKIES:
        assert project.SESSION_COOKIE_SECURE and project.CSRF_COOKIE_SECURE
    assert project.SESSION_COOKIE_HTTPONLY
    assert project.SESSION_EXPIRE_AT_BROWSER_CLOSE


def test_pages_are_chinese_even_for_an_english_browser(client, db):
    body = client.get("/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="zh-hans">' in body and "登录法治平台" in body
