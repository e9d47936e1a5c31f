"""The unified-number formats are checked at start-up (normative/checks.py)."""

from normative.checks import number_formats


def test_good_formats_pass(settings):
    settings.FAZHI_NORMATIVE_NUMBER_FORMATS = {
        "4401": r"^(?P<prefix>穗府规)〔(?P<year>\d{4})〕(?P<seq>\d+)号$"
    }
    assert number_formats() == []


def test_a_bad_pattern_or_a_missing_group_is_an_error_naming_the_region(settings):
    settings.FAZHI_NORMATIVE_NUMBER_FORMATS = {
        "4401": r"^(?P<prefix>穗府规〔",
        "4403": r"^(?P<prefix>深府规)〔(?P<year>\d{4})〕\d+号$",
    }
    errors = {e.id: e.msg for e in number_formats()}
    assert set(errors) == {"normative.E001", "normative.E002"}
    assert "[4401]" in errors["normative.E001"]
    assert "[4403]" in errors["normative.E002"] and "seq" in errors["normative.E002"]
