"""Random values posted to every form of the line never get a server error (the house rule of
core/tests/test_forms_fuzz.py, whose `fuzz` posts them)."""

import pytest

from core.tests.test_forms_fuzz import fuzz
from legalservice.tests.conftest import adviser, point, record

pytestmark = pytest.mark.django_db


def test_staff_forms(ls, client):
    station = point(ls)
    saved = record(ls)
    post = adviser(ls, ls.villages[0], ls.lawyer_a)
    client.force_login(ls.office_haizhu)
    fuzz(client, "/legalservice/points/new/")
    fuzz(client, f"/legalservice/points/{station.pk}/edit/")
    fuzz(client, "/legalservice/records/new/")
    fuzz(client, f"/legalservice/records/{saved.pk}/edit/")
    fuzz(client, "/legalservice/advisers/new/")
    fuzz(client, f"/legalservice/advisers/{post.pk}/logs/new/")
    fuzz(client, "/legalservice/checkups/new/")
