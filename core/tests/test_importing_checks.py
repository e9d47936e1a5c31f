"""The row checks every line's Excel import shares (core.importing): a column's first problem
only, fixed values with their other spellings, the order of the steps, lengths, the
organisation a row names within the importer's reach, the database read in chunks; and the
agencies a permission on another model reaches (core.querysets.within_reach)."""

from __future__ import annotations

import datetime

import pytest

from core import importing
from core.models import Organization, OrganizationKind, PartyKind
from core.querysets import within_reach

D = datetime.date


def _collect():
    problems: list[tuple[str, str]] = []
    return problems, lambda key, reason: problems.append((key, reason))


def test_a_row_reports_a_columns_first_problem_only_unless_told_otherwise():
    reported, report = _collect()
    row = importing.Row({"a": " 1.0 ", "b": 2.0, "c": None}, report)
    assert (row.get("a"), row.get("b"), row.get("c"), row.get("missing")) == ("1.0", "2", "", "")
    row.fail("a", "first")
    row.fail("a", "second")
    row.fail("b", "third")
    assert reported == [("a", "first"), ("b", "third")] and row.problems == ["a", "b"]
    reported, report = _collect()
    every = importing.Row({}, report, once=False)
    every.fail("a", "first")
    every.fail("a", "second")
    assert reported == [("a", "first"), ("a", "second")]


def test_fixed_values_by_their_words_their_other_spellings_or_the_reason():
    reported, report = _collect()
    cells = {"kind": "甲", "other": "乙二", "flag": "否", "bad": "丙", "empty": ""}
    columns = (
        ("kind", {"甲": "a", "乙": "b"}, "Write 甲 or 乙."),
        ("other", {"甲": "a", "乙": "b"}, "Write 甲 or 乙."),
        ("flag", importing.YES_NO, importing.WRITE_YES_OR_NO),
        ("bad", importing.YES_NO, importing.WRITE_YES_OR_NO),
        ("empty", importing.YES_NO, importing.WRITE_YES_OR_NO),
    )
    choices = importing.check_choices(columns, cells.get, report, aliases={"other": {"乙二": "b"}})
    assert choices == {"kind": "a", "other": "b", "flag": False, "bad": None, "empty": None}
    assert [key for key, _reason in reported] == ["bad"]


def test_each_step_on_or_after_the_one_before_and_a_failed_column_compared_no_further():
    reported, report = _collect()
    order = (
        ("a", "b", "b before a"),
        ("b", "c", "c before b"),
        ("a", "c", "c before a"),
    )
    dates = {"a": D(2026, 3, 2), "b": D(2026, 3, 1), "c": D(2026, 2, 1)}
    importing.check_order(dates, order, report)
    # b is reported once and compared no further; c is reported against a.
    assert reported == [("b", "b before a"), ("c", "c before a")]
    reported, report = _collect()
    importing.check_order(dates, order, report, failed=["a"])
    assert reported == [("c", "c before b")]


def test_lengths_of_model_fields_and_of_free_columns():
    reported, report = _collect()
    cells = {"name": "名" * 129, "short_name": "简称", "note": "长" * 11}
    importing.check_lengths(Organization, cells.get, ("name", "short_name"), report)
    importing.check_limits({"note": 10, "short_name": 10}, cells.get, report)
    assert [key for key, _reason in reported] == ["name", "note"]


def test_names_in_one_cell_and_whether_a_name_is_an_organisations():
    assert importing.names("张三、 某某科技有限公司；李四;\n") == [
        "张三",
        "某某科技有限公司",
        "李四",
    ]
    assert importing.party_kind("某某科技有限公司") == PartyKind.ORGANIZATION
    assert importing.party_kind("张三") == PartyKind.PERSON


@pytest.mark.django_db
def test_the_organisation_a_row_names_within_the_importers_reach(world):
    w = world
    Organization.objects.create(name="重名局", kind=OrganizationKind.AGENCY, region=w.haizhu)
    Organization.objects.create(name="重名局", kind=OrganizationKind.AGENCY, region=w.baiyun)
    Organization.objects.create(name="白云某局", kind=OrganizationKind.AGENCY, region=w.baiyun)
    reach = importing.Reach()
    reach.load(Organization.objects.filter(region=w.haizhu) | Organization.objects.filter(
        name="重名局"))  # fmt: skip
    reasons = {
        "outside": "%(agency)s is outside.",
        "unknown": "No such agency.",
    }
    found = {}
    for name in ("海珠区市场监督管理局", "白云某局", "不存在的局", "重名局", ""):
        reported, report = _collect()
        found[name] = (reach.find({"org": name}.get, "org", report, **reasons), reported)
    assert found["海珠区市场监督管理局"] == (w.haizhu_agency, [])
    assert found["白云某局"] == (None, [("org", "白云某局 is outside.")])
    assert found["不存在的局"] == (None, [("org", "No such agency.")])
    assert found["重名局"][0] is None and found["重名局"][1][0][0] == "org"
    assert found[""] == (None, [])


@pytest.mark.django_db
def test_the_database_is_read_in_chunks(world, django_assert_num_queries):
    names = {org.name for org in Organization.objects.all()}
    with django_assert_num_queries(3):
        found = importing.in_chunks(Organization.objects.all(), "name", names, ("name",), size=3)
    assert {name for (name,) in found} == names and len(names) > 6


@pytest.mark.django_db
def test_the_agencies_a_permission_on_cases_reaches(world):
    w = world
    baiyun = Organization.objects.create(name="白云某局", kind=OrganizationKind.AGENCY,
                                         region=w.baiyun)  # fmt: skip
    agencies = Organization.objects.filter(kind=OrganizationKind.AGENCY)
    perm = "litigation.add_litigationcase"
    assert set(within_reach(agencies, w.agency_haizhu, perm)) == {w.haizhu_agency}
    assert set(within_reach(agencies, w.clerk_haizhu, perm)) == {w.haizhu_agency}
    assert set(within_reach(agencies, w.clerk_baiyun, perm)) == {baiyun}
    assert not within_reach(agencies, w.leader_gz, perm).exists()  # reads only
    assert not within_reach(agencies, None, perm).exists()
