"""Random values posted to every education page form, and random filters on its lists, never
get a 500 (the house's fuzz helpers, core.tests.test_forms_fuzz)."""

from __future__ import annotations

import pytest

from core.tests.test_forms_fuzz import fuzz, fuzz_list
from education import services
from education.models import EducationActivity, ModelVillage

pytestmark = pytest.mark.django_db


def test_education_forms_and_lists(client, edu):
    w = edu
    evaluation = services.evaluation_report(actor=w.clerk_haizhu, agency=w.chengguan, year=2024,
                                            self_report="报告")  # fmt: skip
    lst = services.list_create(actor=w.clerk_haizhu, agency=w.chengguan, year=2025, items=[])
    village = services.village_register(
        actor=w.clerk_haizhu, data={"region": "440105001001", "level": "city", "year_named": 2020}
    )
    client.force_login(w.clerk_haizhu)
    for url in ("/education/activities/new/", f"/education/activities/{w.activity_haizhu.pk}/edit/",
                "/education/lists/new/", f"/education/lists/{lst.pk}/edit/",
                f"/education/lists/{lst.pk}/publish/", "/education/villages/new/",
                f"/education/villages/{village.pk}/edit/", "/education/evaluations/new/",
                f"/education/evaluations/{evaluation.pk}/assess/"):  # fmt: skip
        fuzz(client, url)
    for url in ("/education/activities/", "/education/villages/", "/education/evaluations/"):
        fuzz_list(client, url)
    # Nothing the fuzzing posted outside the jurisdiction or out of range was written.
    assert not EducationActivity.objects.filter(people_reached__gt=2**31 - 1).exists()
    assert ModelVillage.objects.exclude(region_code__startswith="440105").count() == 0
