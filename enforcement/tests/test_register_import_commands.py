"""The register imports from the shell: `fazhi import_enforcement_officers` and
`fazhi import_discretion_standards` (core.importing.ImportCommand over
enforcement.register_importing): --check writes nothing, a good file is written, the same file
again is refused (the certificate numbers and the version are on record) with the reason named
and nothing more written; an unknown user is refused."""

from __future__ import annotations

import datetime

import pytest
from django.core.management import CommandError, call_command

from enforcement.discretion_models import DiscretionItem, DiscretionStandard
from enforcement.models import Certificate, Officer
from enforcement.tests.conftest import power
from enforcement.tests.test_register_import import (
    SECOND,
    SERIOUS,
    officers_sheet,
    standards_sheet,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("june_2026")]


@pytest.fixture
def rw(ew):
    power(ew, ew.shijian_body, "P-330217001", datetime.date(2019, 1, 1))
    return ew


def test_officers_from_the_shell(rw, tmp_path, capsys):
    path = tmp_path / "officers.xlsx"
    path.write_bytes(officers_sheet.file([officers_sheet.row(), officers_sheet.row(SECOND)])
                     .getvalue())  # fmt: skip
    call_command("import_enforcement_officers", str(path), "--user", rw.clerk_haizhu.username,
                 "--check")  # fmt: skip
    assert Officer.objects.count() == 0
    call_command("import_enforcement_officers", str(path), "--user", rw.clerk_haizhu.username)
    assert (Officer.objects.count(), Certificate.objects.count()) == (2, 2)
    capsys.readouterr()
    with pytest.raises(CommandError):
        call_command("import_enforcement_officers", str(path), "--user",
                     rw.clerk_haizhu.username)  # fmt: skip
    assert "执法证号" in capsys.readouterr().err
    assert (Officer.objects.count(), Certificate.objects.count()) == (2, 2)
    with pytest.raises(CommandError):
        call_command("import_enforcement_officers", str(path), "--user", "nobody")


def test_standards_from_the_shell(rw, tmp_path, capsys):
    path = tmp_path / "standards.xlsx"
    path.write_bytes(standards_sheet.file([standards_sheet.row(), standards_sheet.row(SERIOUS)])
                     .getvalue())  # fmt: skip
    call_command("import_discretion_standards", str(path), "--user", rw.clerk_haizhu.username,
                 "--check")  # fmt: skip
    assert DiscretionStandard.objects.count() == 0
    call_command("import_discretion_standards", str(path), "--user", rw.clerk_haizhu.username)
    assert (DiscretionStandard.objects.count(), DiscretionItem.objects.count()) == (1, 2)
    capsys.readouterr()
    with pytest.raises(CommandError):  # the same start day again: before the latest version
        call_command("import_discretion_standards", str(path), "--user",
                     rw.clerk_haizhu.username)  # fmt: skip
    assert "施行日期" in capsys.readouterr().err
    assert (DiscretionStandard.objects.count(), DiscretionItem.objects.count()) == (1, 2)
