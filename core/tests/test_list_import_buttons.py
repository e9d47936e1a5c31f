"""Every case list with an Excel import of past cases shows the button to it beside 新增 to the
users who may import (the import page's own permission, ScopedListView.import_permission) and
to no one else; the import page itself answers 403 to the others (each line's test_import)."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

LISTS = [
    # (list, import page, the button's id, the import's permission)
    ("mediation:dispute_list", "mediation:dispute_import", "dispute-import", "mediation.add_dispute"),
    ("reconsideration:case_list", "reconsideration:case_import", "case-import",
     "reconsideration.add_reconsiderationcase"),
    ("legalaid:case_list", "legalaid:case_import", "case-import", "legalaid.add_aidcase"),
    ("litigation:case_list", "litigation:case_import", "case-import",
     "litigation.add_litigationcase"),
]  # fmt: skip
PERSONAS = ("clerk_haizhu", "office_haizhu", "mediator_haizhu", "leader_gz", "agency_haizhu")


@pytest.mark.parametrize("list_name, import_name, element, permission", LISTS)
def test_the_import_button_shows_to_those_who_may_import(
    world, client, list_name, import_name, element, permission
):
    shown = {}
    for name in PERSONAS:
        user = getattr(world, name)
        client.force_login(user)
        response = client.get(reverse(list_name))
        if response.status_code != 200:
            continue  # a persona without the list at all
        page = response.content.decode()
        has_button = f'id="{element}"' in page and reverse(import_name) in page
        assert has_button == user.can(permission), (list_name, name)
        shown[name] = has_button
    # Somebody sees the button and somebody who sees the list does not.
    assert any(shown.values()) and not all(shown.values()), shown
