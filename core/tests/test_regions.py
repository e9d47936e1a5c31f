"""Region codes, the jurisdiction-prefix rule, and the all-or-nothing import."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.utils import translation

from core.models import Region
from core.regions import RegionLevel, jurisdiction_prefix, level_of, normalize_code
from core.regions_import import RegionImportError, import_regions


@pytest.mark.parametrize(
    ("code", "level", "prefix"),
    [("440000000000", RegionLevel.PROVINCE, "44"), ("440100000000", RegionLevel.CITY, "4401"),
     ("440105000000", RegionLevel.COUNTY, "440105"), ("440105001000", RegionLevel.TOWNSHIP, "440105001"),
     ("440105001001", RegionLevel.VILLAGE, "440105001001")],
)  # fmt: skip
def test_the_prefix_of_a_code_is_its_jurisdiction(code, level, prefix):
    assert level_of(code) == level
    assert jurisdiction_prefix(code) == prefix


def test_short_codes_are_padded_and_odd_lengths_refused():
    assert normalize_code("440105") == "440105000000"
    assert normalize_code("440105001") == "440105001000"
    with pytest.raises(ValidationError):
        normalize_code("44010")


def test_the_shipped_table_has_guangdong_and_the_named_streets(regions):
    assert Region.objects.get(code="440000000000").name == "广东省"
    assert Region.objects.filter(level=RegionLevel.CITY, parent_id="440000000000").count() == 21
    assert Region.objects.filter(parent_id="440105000000").count() == 18  # 海珠区 streets
    assert Region.objects.filter(parent_id="440111000000").count() >= 20  # 白云区
    assert Region.objects.filter(parent_id="440303000000").count() == 10  # 罗湖区
    # 东莞市 has no counties: its towns hang directly under the city.
    dongguan = Region.objects.get(code="441900000000")
    assert dongguan.level == RegionLevel.CITY
    assert dongguan.children.filter(name="石龙镇").exists()
    assert Region.objects.get(code="440105001000").full_name == "广东省广州市海珠区赤岗街道"


def _csv(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "regions.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_file_with_one_bad_row_writes_nothing_and_names_the_row(regions, tmp_path):
    path = _csv(tmp_path, "code,name\n440105019,新街道\n44010502,坏代码\n440105020,\n")
    before = Region.objects.count()
    with pytest.raises(RegionImportError) as caught:
        import_regions([path])
    errors = caught.value.errors
    assert [(e.row, e.column) for e in errors] == [(3, "code"), (4, "name")]
    assert Region.objects.count() == before
    assert not Region.objects.filter(code="440105019000").exists()


def test_a_good_file_adds_rows_under_their_parents(regions, tmp_path):
    path = _csv(tmp_path, "code,name\n440105001001,赤岗社区\n440105019,新街道\n")
    result = import_regions([path])
    assert result["created"] == 2
    assert Region.objects.get(code="440105001001").parent_id == "440105001000"
    assert Region.objects.get(code="440105019000").parent_id == "440105000000"


def test_an_orphan_code_is_refused(regions, tmp_path):
    path = _csv(tmp_path, "code,name\n990101001,无上级\n")
    with pytest.raises(RegionImportError):
        import_regions([path])


def test_the_command_reports_errors_and_exits_non_zero(regions, tmp_path):
    path = _csv(tmp_path, "code,name\n440105,海珠区\nabc,坏\n")
    err = StringIO()
    with translation.override("en"), pytest.raises(CommandError, match="nothing was written"):
        call_command("regions", "import", str(path), verbosity=0, stderr=err)
    assert "regions.csv row 3, column “code”" in err.getvalue()


def test_within_is_a_prefix_range(db):
    from core.models import Region
    from core.regions import within

    codes = set(Region.objects.filter(within("code", "440105")).values_list("code", flat=True))
    assert codes == set(
        Region.objects.filter(code__startswith="440105").values_list("code", flat=True)
    )
    assert "440105001000" in codes and "440106000000" not in codes
