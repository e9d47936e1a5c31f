"""An entry keeps the organisation it was made by after that organisation was deactivated:
the edit page offers it and saving keeps it (like a record keeps its closed service point),
while a new entry is not offered it and another entry cannot be moved to it."""

from __future__ import annotations

import datetime

import pytest

from legalservice import services
from legalservice.models import EnterpriseCheckup, ServicePoint, ServiceRecord
from legalservice.tests.conftest import SPRING, point, record

pytestmark = pytest.mark.django_db


def _deactivate(org):
    org.is_active = False
    org.save(update_fields=["is_active"])


def _offered(page: str, org) -> bool:
    """Whether the organisation select of `page` offers `org`."""
    import re

    select = re.search(r'<select name="organization".*?</select>', page, re.S).group(0)
    return f'value="{org.pk}"' in select


def _record_form(w, **extra):
    data = {
        "served_on": SPRING.isoformat(), "organization": w.haizhu_office.pk,
        "channel": "window", "matter_kind": "labour", "person_name": "周七",
        "person_phone": "13800138000", "summary": "补记", "outcome": "answered",
    }  # fmt: skip
    data.update(extra)
    return data


def test_a_record_keeps_its_deactivated_organisation_when_edited(ls, login):
    saved = record(ls)
    other = record(ls, person_name="另一人", organization=ls.haizhu_bureau, actor=ls.clerk_haizhu)
    _deactivate(ls.haizhu_office)
    client = login(ls.clerk_haizhu)
    page = client.get(f"/legalservice/records/{saved.pk}/edit/").content.decode()
    assert _offered(page, ls.haizhu_office)
    response = client.post(f"/legalservice/records/{saved.pk}/edit/", _record_form(ls))
    assert response.status_code == 302
    saved.refresh_from_db()
    assert (saved.organization_id, saved.summary) == (ls.haizhu_office.pk, "补记")
    # Not offered on a new record, and another record cannot be moved to it.
    assert not _offered(client.get("/legalservice/records/new/").content.decode(),
                        ls.haizhu_office)  # fmt: skip
    response = client.post(f"/legalservice/records/{other.pk}/edit/", _record_form(ls))
    assert response.status_code == 200
    other.refresh_from_db()
    assert other.organization_id == ls.haizhu_bureau.pk
    assert ServiceRecord.objects.filter(organization=ls.haizhu_office).count() == 1


def test_a_point_keeps_its_deactivated_running_organisation(ls, login):
    station = point(ls)
    _deactivate(ls.haizhu_office)
    client = login(ls.clerk_haizhu)
    page = client.get(f"/legalservice/points/{station.pk}/edit/").content.decode()
    assert _offered(page, ls.haizhu_office)
    response = client.post(f"/legalservice/points/{station.pk}/edit/", {
        "name": station.name, "level": "station", "region": ls.street.code,
        "organization": ls.haizhu_office.pk, "address": "赤岗路2号", "hours": station.hours,
        "phone": station.phone, "services": ["consultation"], "is_active": "on",
    })  # fmt: skip
    assert response.status_code == 302
    station.refresh_from_db()
    assert (station.organization_id, station.address) == (ls.haizhu_office.pk, "赤岗路2号")
    assert ServicePoint.objects.count() == 1


def test_a_checkup_keeps_its_deactivated_organisation(ls, login):
    checkup = services.checkup_record(actor=ls.office_haizhu, data={
        "enterprise_name": "海珠企业", "checked_on": datetime.date(2026, 3, 3),
        "organization": ls.haizhu_office, "lawyer": ls.lawyer_a, "advice": "建议"})  # fmt: skip
    _deactivate(ls.haizhu_office)
    client = login(ls.clerk_haizhu)
    page = client.get(f"/legalservice/checkups/{checkup.pk}/edit/").content.decode()
    assert _offered(page, ls.haizhu_office)
    response = client.post(f"/legalservice/checkups/{checkup.pk}/edit/", {
        "enterprise_name": "海珠企业", "checked_on": "2026-03-03",
        "organization": ls.haizhu_office.pk, "lawyer": ls.lawyer_a.pk, "problems_found": "2",
        "advice": "建议完善劳动合同",
    })  # fmt: skip
    assert response.status_code == 302
    checkup.refresh_from_db()
    assert (checkup.organization_id, checkup.problems_found) == (ls.haizhu_office.pk, 2)
    # A new check-up cannot name the deactivated unit.
    from core.errors import InvalidInput

    with pytest.raises(InvalidInput) as caught:
        services.checkup_record(actor=ls.clerk_haizhu, data={
            "enterprise_name": "另一企业", "checked_on": datetime.date(2026, 3, 4),
            "organization": ls.haizhu_office, "lawyer": ls.lawyer_a, "advice": "建议"})  # fmt: skip
    assert "organization" in caught.value.fields
    assert EnterpriseCheckup.objects.count() == 1
