"""The demo's legal Q&A library (legalservice.qa_demo): the common questions, published by the
top-level bureau, found by the portal's search in the words people use."""

from __future__ import annotations

import pytest
import time_machine
from django.db import transaction

from conftest import frozen_today, moved_now
from core import demo
from legalservice import qa_demo, qa_search
from legalservice.models import QaEntry

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        with time_machine.travel(moved_now(), tick=False):
            chosen = [b for b in demo._BUILDERS if b[1] == "calendar"]
            with pytest.MonkeyPatch.context() as patch:
                patch.setattr(demo, "_BUILDERS", chosen)
                world = demo.build(seed=11, today=frozen_today())
            qa_demo.build(world)
        yield world
        transaction.set_rollback(True)


def test_the_entries_are_published_by_the_top_bureau(built):
    tops = [b for b in built.bureaus.values() if b.parent_id is None]
    assert len(tops) == 1
    entries = QaEntry.objects.all()
    assert entries.count() == len(qa_demo.ENTRIES)
    assert {e.organization_id for e in entries} == {tops[0].pk}
    assert all(e.published and e.legal_basis for e in entries)


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("老板不给发工资", "用人单位拖欠工资怎么办"),
        ("撞车了谁来赔", "交通事故受伤，赔偿找谁"),
        ("楼上邻居天天吵", "邻里纠纷可以找谁调解"),
        ("请不起律师怎么办", "哪些人可以申请法律援助"),
    ],
)
def test_the_demo_library_answers_paraphrases(built, query, first):
    assert qa_search.search(query)[0].question == first
