"""Admin and browsable-API pages read in Chinese (issue 10): the texts of packages without a
Chinese catalogue (django-axes, django-auditlog) or with gaps in theirs (Django's admin, DRF)
come from Fazhi's catalogue (core/i18n_packages.py), permission names are shown translated,
and the API root is named after Fazhi, not "Api Root" of "Django REST framework"."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Permission

from core.admin import permission_label

PACKAGE_TEXTS = {
    node.args[0].value
    for node in ast.walk(ast.parse(Path("core/i18n_packages.py").read_text(encoding="utf-8")))
    if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant)
}
ADMIN_PAGES = [
    "/admin/",
    "/admin/auditlog/logentry/",
    "/admin/axes/accessattempt/",
    "/admin/axes/accessfailurelog/",
    "/admin/axes/accesslog/",
    "/admin/auth/group/add/",
    "/admin/core/user/add/",
    "/admin/cases/calendarday/?year__exact=2026",
]


def _text_nodes(html: str) -> set[str]:
    html = re.sub(r"<(script|style)\b.*?</\1>", "", html, flags=re.S)
    nodes = {" ".join(t.split()) for t in re.split(r"<[^>]+>", html)}
    return {n for n in nodes if n}


@pytest.fixture
def superuser(world):
    user = world.leader_gz
    user.is_superuser = user.is_staff = True
    user.save()
    return user


@pytest.mark.django_db
@pytest.mark.parametrize("path", ADMIN_PAGES)
def test_admin_pages_show_no_package_text_in_english(client, superuser, path):
    client.force_login(superuser)
    response = client.get(path, HTTP_ACCEPT_LANGUAGE="zh-hans")
    assert response.status_code == 200
    english = _text_nodes(response.content.decode()) & PACKAGE_TEXTS
    assert not english, f"{path} shows {sorted(english)} in English"


@pytest.mark.django_db
def test_admin_index_names_the_apps_in_chinese(client, superuser):
    client.force_login(superuser)
    html = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    for chinese in ("登录防护", "审计日志", "登录尝试", "登录日志"):
        assert chinese in html
    assert "Axes" not in _text_nodes(html)


@pytest.mark.django_db
def test_permissions_are_named_in_the_users_language(client, superuser):
    permission = Permission.objects.get(codename="add_dispute")
    assert permission.name == "Can add dispute"  # as Django stores it
    from django.utils import translation

    with translation.override("zh-hans"):
        label = permission_label(permission)
    assert "可添加" in label and "Can add" not in label, label
    client.force_login(superuser)
    html = client.get("/admin/auth/group/add/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert label in html
    assert "Can add dispute" not in html


@pytest.mark.django_db
def test_calendar_admin_shows_holidays_in_chinese(client, superuser):
    client.force_login(superuser)
    html = client.get(
        "/admin/cases/calendarday/?year__exact=2026", HTTP_ACCEPT_LANGUAGE="zh-hans"
    ).content.decode()
    assert "劳动节" in html
    assert "Labour Day" not in html


@pytest.mark.django_db
def test_browsable_api_is_named_after_fazhi(client, superuser):
    client.force_login(superuser)
    for path, title in (("/api/", "法治平台接口"), ("/api/parties/", "当事人")):
        html = client.get(path, HTTP_ACCEPT="text/html", HTTP_ACCEPT_LANGUAGE="zh-hans")
        text = html.content.decode()
        assert html.status_code == 200
        assert title in text
        for english in ("Api Root", "Django REST framework", "Party List"):
            assert english not in text
