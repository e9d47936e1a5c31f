"""The demo world and the promise that every asset is served locally."""

import datetime
import re
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import transaction

from core import demo
from core.models import Membership, Organization, OrganizationKind, Party, User
from core.roles import Role

ROOT = Path(settings.BASE_DIR)


def test_the_demo_is_refused_when_debug_is_off(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("demo", "--no-serve")


def test_the_demo_builds_a_world_with_every_kind_and_role(regions, settings):
    calls = []
    demo.register(500, "test-hook", lambda world: calls.append(len(world.committees)))
    try:
        world = demo.build(seed=7)
    finally:
        demo._BUILDERS[:] = [b for b in demo._BUILDERS if b[1] != "test-hook"]
    kinds = set(Organization.objects.values_list("kind", flat=True))
    assert kinds == set(OrganizationKind.values)
    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == set(Role.values)
    assert (
        Organization.objects.filter(kind="justice_bureau", region__code__startswith="4401").count()
        == 12
    )
    assert calls and calls[0] == len(world.committees) > 0  # the business-line hook ran
    assert all(p.id_number == "" or len(p.id_number) == 18 for p in Party.objects.all())


@pytest.mark.heavy
def test_the_demo_is_deterministic_for_a_seed(regions):
    """The same seed on the same database state gives the same world. Each build starts from
    an emptied database with its id sequences restarted (`demo.reset`), as `fazhi demo
    --reset` does: PostgreSQL does not roll sequences back, and the legal aid draws are keyed
    on the lawyers' ids (legalaid.lottery), so a second build on advanced sequences would draw
    other winners, as it should."""

    def snapshot(seed):
        with transaction.atomic():
            demo.reset()
            demo.build(seed=seed)
            data = (
                list(Party.objects.order_by("id").values_list("name", "address")),
                list(User.objects.order_by("id").values_list("username", "full_name")),
                list(Organization.objects.order_by("id").values_list("name", flat=True)),
            )
            transaction.set_rollback(True)
        return data

    first = snapshot(11)
    assert snapshot(11) == first
    assert snapshot(12) != first


def test_no_template_loads_anything_from_another_host():
    pattern = re.compile(r'(?:src|href)\s*=\s*["\'](?:https?:)?//', re.I)
    offenders = [
        str(path.relative_to(ROOT))
        for folder in ("fazhi", "core")
        for path in (ROOT / folder).rglob("*.html")
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def _po_entries(path: Path) -> dict[str, str]:
    """msgid -> msgstr (msgstr[0] for plurals) of a .po file, with continuation lines joined;
    an entry with a context is keyed "context\x04msgid", as gettext stores it."""
    entries, key, current, fuzzy = {}, None, {}, False
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        if line.startswith(
            ("msgctxt ", "msgid ", "msgid_plural ", "msgstr ", "msgstr[0] ", "msgstr[1] ")
        ):
            key = line.split(" ", 1)[0]
            current[key] = line.split(" ", 1)[1][1:-1]
        elif line.startswith('"') and key:
            current[key] += line[1:-1]
        elif not line.strip():
            if current.get("msgid"):
                assert not fuzzy, f"fuzzy entry: {current['msgid']}"
                msgid = current["msgid"]
                if "msgctxt" in current:
                    msgid = f"{current['msgctxt']}\x04{msgid}"
                entries[msgid] = current.get("msgstr", current.get("msgstr[0]", ""))
            key, current, fuzzy = None, {}, False
    return entries


def test_every_message_has_a_chinese_translation_and_the_mo_file_is_current():
    import gettext

    locale_dir = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES"
    entries = _po_entries(locale_dir / "django.po")
    assert len(entries) > 150
    untranslated = [msgid for msgid, msgstr in entries.items() if not msgstr]
    assert untranslated == []
    with open(locale_dir / "django.mo", "rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = [
        msgid
        for msgid, msgstr in entries.items()
        if "\\" not in msgid and compiled.gettext(msgid) != msgstr.replace('\\"', '"')
    ]
    assert stale == [], "run: fazhi compilemessages"


def _builders(monkeypatch, *builders):
    """Only these builders run (plus the case engine's calendar top-up), to keep builds quick."""
    kept = [b for b in demo._BUILDERS if b[1] == "calendar"]
    monkeypatch.setattr(demo, "_BUILDERS", kept + [(10 + i, f"test-{i}", b) for i, b in
                                                    enumerate(builders)])  # fmt: skip


def _studio(world):
    Organization.objects.create(
        name="测试调解工作室", kind=OrganizationKind.MEDIATION_STUDIO,
        region=world.bureaus[demo.CITY_CODE].region,
    )  # fmt: skip


def _fail(world):
    raise RuntimeError("a builder broke")


def test_a_failing_builder_leaves_nothing_and_the_next_run_builds(regions, settings, monkeypatch):
    settings.DEBUG = True
    _builders(monkeypatch, _studio, _fail)
    with pytest.raises(RuntimeError, match="a builder broke"):
        call_command("demo", "--no-serve", stdout=StringIO(), stderr=StringIO())
    assert not User.objects.exists()
    assert not Organization.objects.exists()
    assert not Party.objects.exists()

    _builders(monkeypatch, _studio)
    out = StringIO()
    call_command("demo", "--no-serve", stdout=out)
    assert "Building the demo world" in out.getvalue()
    assert User.objects.filter(username="admin").exists()
    assert Organization.objects.filter(name="测试调解工作室").count() == 1

    # A rebuild that fails after --reset leaves the previous world as it was.
    _builders(monkeypatch, _fail)
    with pytest.raises(RuntimeError):
        call_command("demo", "--no-serve", "--reset", stdout=StringIO(), stderr=StringIO())
    assert Organization.objects.filter(name="测试调解工作室").count() == 1


def test_reset_keeps_the_holiday_calendar_staff_entered(regions, settings, monkeypatch):
    from cases.models import CalendarDay, CalendarYear

    settings.DEBUG = True
    _builders(monkeypatch)
    call_command("demo", "--no-serve", stdout=StringIO())
    admin = User.objects.get(username="admin")
    CalendarYear.objects.create(year=2041, source="manual", note="国办发明电〔2040〕1号",
                                entered_by=admin)  # fmt: skip
    CalendarDay.objects.create(date=datetime.date(2041, 1, 1), kind="rest", name="元旦",
                               source="manual")  # fmt: skip
    package_days = CalendarDay.objects.filter(source="package").count()
    assert package_days > 0
    old_admin_pk = admin.pk

    call_command("demo", "--no-serve", "--reset", stdout=StringIO())

    year = CalendarYear.objects.get(year=2041)
    assert (year.source, year.note, year.entered_by) == ("manual", "国办发明电〔2040〕1号", None)
    day = CalendarDay.objects.get(date=datetime.date(2041, 1, 1))
    assert (day.kind, day.name, day.source) == ("rest", "元旦", "manual")
    assert CalendarDay.objects.filter(source="package").count() == package_days
    # Everything else was deleted and built anew.
    assert User.objects.filter(username="admin").count() == 1
    assert User.objects.get(username="admin").pk <= old_admin_pk  # the ids start again
    assert Organization.objects.filter(name="广州市司法局").count() == 1


def test_the_first_builder_refills_a_calendar_an_old_reset_emptied(regions, monkeypatch):
    from cases.models import CalendarDay, CalendarYear

    CalendarDay.objects.all().delete()
    CalendarYear.objects.all().delete()
    _builders(monkeypatch)
    demo.build(seed=1)
    assert CalendarYear.objects.filter(year=2024).exists()
    assert CalendarDay.objects.filter(date=datetime.date(2024, 10, 1), kind="rest").exists()


def test_the_demo_maker_makes_what_the_model_constructor_makes():
    """core.demo.Maker (the positional constructor, for millions of demo rows) gives the same
    unsaved instance as Model(**values), a fresh mutable default each time."""
    from mediation.models import Dispute

    values = {"title": "楼上漏水纠纷", "region_code": "440105001000", "organization_id": 3,
              "state": "agreed", "version": 2}  # fmt: skip
    maker = demo.Maker(Dispute)
    made, built = maker(**values), Dispute(**values)
    names = [f.attname for f in Dispute._meta.concrete_fields if f.attname != "received_at"]
    assert [getattr(made, n) for n in names] == [getattr(built, n) for n in names]
    assert made.received_at is not None and made._state.adding and made.pk is None
    assert made.routes_told == [] and maker(**values).routes_told is not made.routes_told
    with pytest.raises(KeyError):
        maker(organization=None)  # attribute names only
