"""The demo's public legal education (education.demo), built on the core demo world on the
test day: every figure of the line has data, and the rows keep the rules (no date after the
day, a published list with its items and day, a published evaluation with its grade)."""

from __future__ import annotations

import pytest

from conftest import frozen_today
from core import demo
from education import demo as education_demo
from education.models import EducationActivity, Evaluation, ModelVillage, ResponsibilityList
from indicators.registry import Period, registry

TODAY = frozen_today()
pytestmark = pytest.mark.django_db


@pytest.fixture
def built():
    chosen = [b for b in demo._BUILDERS if b[1] == "calendar"]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(demo, "_BUILDERS", chosen)
        world = demo.build(seed=5, today=TODAY)
    education_demo.build(world)
    return world


def test_the_demo_gives_every_figure_of_the_line(built):
    last_year = Period.year(TODAY.year - 1)
    for indicator in registry.all():
        if indicator.key.startswith("education."):
            assert indicator.compute("4401", last_year).value, indicator.key


def test_the_demo_keeps_the_rules(built):
    assert not EducationActivity.objects.filter(held_on__gt=TODAY).exists()
    published = ResponsibilityList.objects.filter(published=True)
    assert published.exists()
    assert not published.filter(published_on__isnull=True).exists()
    assert not published.filter(published_on__gt=TODAY).exists()
    assert not published.filter(items__isnull=True).exists()
    done = Evaluation.objects.filter(published=True)
    assert done.exists() and not done.filter(grade="").exists()
    assert not done.filter(published_on__gt=TODAY).exists()
    assert ModelVillage.objects.filter(region__level=5).count() == ModelVillage.objects.count() > 0
    december = EducationActivity.objects.filter(held_on__month=12, held_on__day__lte=7)
    assert set(december.values_list("form", flat=True)) <= {"constitution_week"}
