"""The skeleton of the line: an application opens with its clocks (Art. 43)."""

import pytest

from cases.models import Clock
from legalaid.tests.factories import make_application


@pytest.mark.django_db
def test_application_opens_with_review_clocks(aid_world):
    w = aid_world
    case = make_application(organization=w.haizhu_centre, actor=w.aid_clerk_haizhu)
    assert case.state == "submitted"
    assert case.number.startswith("（")
    assert set(Clock.for_case(case).values_list("key", flat=True)) == {"review", "review_target"}
