"""The access matrix covers every model of the line, and the menu follows it."""

from __future__ import annotations

import pytest
from django.apps import apps

from core.navigation import menu_for
from core.roles import ROLE_PERMISSIONS, Role
from education.roles import VOTE_MODELS


def test_the_matrix_covers_every_model_of_the_line():
    for model in apps.get_app_config("education").get_models():
        name = model._meta.model_name
        assert f"education.view_{name}" in ROLE_PERMISSIONS[Role.LEADER], name
        # The public votes are written on the portal only: no role adds or changes them.
        staff_writes = name not in VOTE_MODELS
        assert (f"education.add_{name}" in ROLE_PERMISSIONS[Role.SECTION_STAFF]) == staff_writes
        assert (f"education.change_{name}" in ROLE_PERMISSIONS[Role.SECTION_STAFF]) == staff_writes
        assert not any(f"education.{a}_{name}" in ROLE_PERMISSIONS[Role.LEADER]
                       for a in ("add", "change", "delete")), name  # fmt: skip
        assert hasattr(model.objects, "restrict"), name
    for role in (Role.MEDIATOR, Role.LAWYER):
        assert not any(p.startswith("education.") for p in ROLE_PERMISSIONS[role])
    assert "education.view_modelvillage" not in ROLE_PERMISSIONS[Role.AGENCY_HANDLER]
    assert "education.add_responsibilitylist" in ROLE_PERMISSIONS[Role.AGENCY_HANDLER]


@pytest.mark.django_db
def test_the_menu_offers_the_line_by_role(edu):
    def urls(user):
        return {i["url_name"] for s in menu_for(user) for i in s["items"]
                if i["url_name"].startswith("education:")}  # fmt: skip

    assert urls(edu.clerk_haizhu) >= {"education:activity_list", "education:list_overview",
                                      "education:village_list", "education:plan_report"}  # fmt: skip
    assert urls(edu.agency_haizhu) == {"education:activity_list", "education:activity_create",
                                       "education:list_overview",
                                       "education:evaluation_list"}  # fmt: skip
    assert urls(edu.mediator_haizhu) == set()
    assert "education:activity_create" not in urls(edu.leader_gz)
