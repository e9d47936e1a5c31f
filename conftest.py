"""Shared fixtures: a small world with personas, as in Healthchecks' base test case.

- clerk_haizhu: 业务科室 at 海珠区司法局 (region 440105)
- clerk_baiyun: 业务科室 at 白云区司法局 (region 440111)
- leader_gz:    局领导 at 广州市司法局 (region 4401, sees both districts)
- agency_haizhu: 行政机关经办人 at 海珠区市场监督管理局 (sees its own organisation only)
- anonymous: the Django test client without login

`agencies` adds two agencies with their handlers (海珠's 城管, a 白云 agency).

Every test runs on a moved clock, never the real one (docs/development.md, "Time in tests"):
10:00 Asia/Shanghai on FAZHI_TEST_TODAY (YYYY-MM-DD), by default on DEFAULT_TEST_TODAY.
"""

from __future__ import annotations

import datetime
import os
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine

from core.demo import resident_id
from core.models import Membership, Organization, OrganizationKind, Party, Region, User
from core.regions_import import DEFAULT_FILE, import_regions
from core.roles import Role

PASSWORD = "Testing2026pass"

# A plain Wednesday in the middle of a year the calendar knows, with no holiday in the week and
# far from the turn of the year; CI runs the suite again on 28 December (.ci/run).
DEFAULT_TEST_TODAY = datetime.date(2026, 6, 10)
TEST_TODAY_VARIABLE = "FAZHI_TEST_TODAY"
_clock: time_machine.travel | None = None


def moved_now() -> datetime.datetime:
    """The instant every test starts at: 10:00 in Guangzhou on the test day."""
    value = os.environ.get(TEST_TODAY_VARIABLE, "").strip()
    try:
        day = datetime.date.fromisoformat(value) if value else DEFAULT_TEST_TODAY
    except ValueError:
        raise pytest.UsageError(f"{TEST_TODAY_VARIABLE}={value!r} is not YYYY-MM-DD") from None
    return datetime.datetime.combine(day, datetime.time(10), tzinfo=ZoneInfo("Asia/Shanghai"))


def frozen_today() -> datetime.date:
    """The test day itself, without reading any clock: tests that need "today" as data (a
    receipt date, the year of a case number) take it from here, so they mean the same day
    whatever the clock does."""
    return moved_now().date()


def pytest_configure(config):
    # Moved from the start, so that what runs at import or collection time (module constants,
    # parametrize arguments, session fixtures) never reads the real date either. tick=True:
    # the clock runs on, so timeouts, rate limits and durations still see time pass.
    global _clock
    _clock = time_machine.travel(moved_now(), tick=True)
    _clock.start()


def pytest_unconfigure(config):
    global _clock
    if _clock is not None:
        _clock.stop()
        _clock = None


@pytest.fixture(autouse=True)
def _moved_clock(request):
    """Each test starts at the same instant, whatever ran before it. A test that needs another
    day travels on top of this one (`with time_machine.travel(...)`, the `time_machine`
    fixture, or the `@pytest.mark.time_machine(...)` marker, which is left alone here)."""
    if request.node.get_closest_marker("time_machine"):
        yield
        return
    with time_machine.travel(moved_now(), tick=True):
        yield


def pytest_collection_modifyitems(config, items):
    if os.environ.get("FAZHI_CHROMIUM") or not any("browser" in i.keywords for i in items):
        return
    if os.environ.get("FAZHI_REQUIRE_BROWSER"):
        raise pytest.UsageError("FAZHI_REQUIRE_BROWSER is set but FAZHI_CHROMIUM is not")
    skip = pytest.mark.skip(reason="no Chromium (set FAZHI_CHROMIUM)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Production keeps Django's PBKDF2 default; tests need not pay for it on every user.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_calendar():
    # The calendar is cached per process; a rolled-back test must not leave its days behind.
    # The whole cache is cleared too: rate limits and one-time codes of one test must not
    # reach the next (every test client comes from 127.0.0.1).
    from django.core.cache import cache

    from cases.calendar import invalidate

    cache.clear()
    invalidate()
    yield
    invalidate()


class World:
    """Named objects of the fixture world, reachable as attributes."""


def _user(username: str, organization: Organization, role: str) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD, full_name=username)
    Membership.objects.create(user=user, organization=organization, role=role)
    return user


def _party(name: str, organization: Organization, seed: int) -> Party:
    import random

    return Party.objects.create(
        name=name,
        id_number=resident_id(random.Random(seed), organization.region_id),
        phone=f"1380013{seed:04d}",
        organization=organization,
        region_code=organization.region_id,
    )


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    # Regions are reference data: load them once per test database, not once per test.
    with django_db_blocker.unblock():
        import_regions([DEFAULT_FILE])


@pytest.fixture
def regions(db):
    # Transactional tests (the browser ones) flush the database, regions included.
    if not Region.objects.exists():
        import_regions([DEFAULT_FILE])


@pytest.fixture
def world(regions) -> World:
    w = World()
    w.city = Region.objects.get(code="440100000000")
    w.haizhu = Region.objects.get(code="440105000000")
    w.baiyun = Region.objects.get(code="440111000000")
    w.street = Region.objects.get(code="440105001000")  # 赤岗街道
    w.city_bureau = Organization.objects.create(
        name="广州市司法局", kind=OrganizationKind.JUSTICE_BUREAU, region=w.city
    )
    w.haizhu_bureau = Organization.objects.create(
        name="海珠区司法局", kind=OrganizationKind.JUSTICE_BUREAU, region=w.haizhu,
        parent=w.city_bureau,
    )  # fmt: skip
    w.baiyun_bureau = Organization.objects.create(
        name="白云区司法局", kind=OrganizationKind.JUSTICE_BUREAU, region=w.baiyun,
        parent=w.city_bureau,
    )  # fmt: skip
    w.haizhu_office = Organization.objects.create(
        name="赤岗街道司法所", kind=OrganizationKind.JUSTICE_OFFICE, region=w.street,
        parent=w.haizhu_bureau,
    )  # fmt: skip
    w.haizhu_agency = Organization.objects.create(
        name="海珠区市场监督管理局", kind=OrganizationKind.AGENCY, region=w.haizhu
    )
    w.haizhu_committee = Organization.objects.create(
        name="赤岗街道人民调解委员会", short_name="穗海赤调",
        kind=OrganizationKind.MEDIATION_COMMITTEE, region=w.street, parent=w.haizhu_office,
    )  # fmt: skip
    w.baiyun_committee = Organization.objects.create(
        name="景泰街道人民调解委员会", short_name="穗白景调",
        kind=OrganizationKind.MEDIATION_COMMITTEE,
        region=Region.objects.get(code="440111004000"), parent=w.baiyun_bureau,
    )  # fmt: skip
    w.clerk_haizhu = _user("clerk_haizhu", w.haizhu_bureau, Role.SECTION_STAFF)
    w.office_haizhu = _user("office_haizhu", w.haizhu_office, Role.OFFICE_STAFF)
    w.mediator_haizhu = _user("mediator_haizhu", w.haizhu_committee, Role.MEDIATOR)
    w.mediator_baiyun = _user("mediator_baiyun", w.baiyun_committee, Role.MEDIATOR)
    w.clerk_baiyun = _user("clerk_baiyun", w.baiyun_bureau, Role.SECTION_STAFF)
    w.leader_gz = _user("leader_gz", w.city_bureau, Role.LEADER)
    w.agency_haizhu = _user("agency_haizhu", w.haizhu_agency, Role.AGENCY_HANDLER)
    w.party_haizhu = _party("张三", w.haizhu_bureau, 1)
    w.party_street = _party("李四", w.haizhu_office, 2)
    w.party_baiyun = _party("王五", w.baiyun_bureau, 3)
    w.party_agency = _party("赵六", w.haizhu_agency, 4)
    return w


@pytest.fixture
def agencies(world) -> World:
    """The world with two more agencies, each with its handler, for the lines whose cases an
    agency brings or is party to (legality review, normative documents, major decisions):
    海珠区城市管理和综合执法局 (chengguan, agency_chengguan) beside world.haizhu_agency, and
    白云区发展和改革局 (baiyun_agency, agency_baiyun) in the other district."""
    w = world
    w.chengguan = Organization.objects.create(
        name="海珠区城市管理和综合执法局", kind=OrganizationKind.AGENCY, region=w.haizhu
    )
    w.baiyun_agency = Organization.objects.create(
        name="白云区发展和改革局", kind=OrganizationKind.AGENCY, region=w.baiyun
    )
    w.agency_chengguan = _user("agency_chengguan", w.chengguan, Role.AGENCY_HANDLER)
    w.agency_baiyun = _user("agency_baiyun", w.baiyun_agency, Role.AGENCY_HANDLER)
    return w


@pytest.fixture
def login(client):
    def _login(user: User):
        client.force_login(user)
        return client

    return _login


# -- the real browser (Debian's Chromium through Playwright) --------------------------------

ARTIFACTS = Path(__file__).resolve().parent / "test-artifacts"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def sign_in(page, live_server, username: str, password: str = PASSWORD) -> None:
    """Log in through the login page in the browser, as a person does; lands on the home page."""
    page.goto(f"{live_server.url}/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(password)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(f"{live_server.url}/")


@pytest.fixture
def page(settings):
    # The live server speaks plain HTTP; production cookies are Secure.
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's loop runs in this thread
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=os.environ["FAZHI_CHROMIUM"], headless=True, args=CHROMIUM_FLAGS
        )
        context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.set_default_timeout(15000)
        yield page
        browser.close()
