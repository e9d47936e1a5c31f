"""The demo world and the promise that every asset is served locally."""

import re
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


def test_the_demo_is_deterministic_for_a_seed(regions):
    def snapshot(seed):
        with transaction.atomic():
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
    """msgid -> msgstr (msgstr[0] for plurals) of a .po file, with continuation lines joined."""
    entries, key, current, fuzzy = {}, None, {}, False
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith("#,") and "fuzzy" in line:
            fuzzy = True
        if line.startswith(("msgid ", "msgid_plural ", "msgstr ", "msgstr[0] ", "msgstr[1] ")):
            key = line.split(" ", 1)[0]
            current[key] = line.split(" ", 1)[1][1:-1]
        elif line.startswith('"') and key:
            current[key] += line[1:-1]
        elif not line.strip():
            if current.get("msgid"):
                assert not fuzzy, f"fuzzy entry: {current['msgid']}"
                entries[current["msgid"]] = current.get("msgstr", current.get("msgstr[0]", ""))
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
