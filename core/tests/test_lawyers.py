"""The register of lawyers is core's: core registers its admin page and its change log, not the
business lines that read it (legal aid's pool, draws and subsidies)."""

import datetime

from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.contrib import admin

from core.models import Lawyer, Organization, OrganizationKind


def test_core_registers_the_admin_page_and_the_change_log_of_lawyers():
    assert type(admin.site._registry[Lawyer]).__module__ == "core.admin"
    assert auditlog.contains(Lawyer)


def test_a_lawyer_entered_and_changed_is_in_the_change_log_with_the_phone_masked(world):
    firm = Organization.objects.create(
        name="广东海珠正平律师事务所", kind=OrganizationKind.LAW_FIRM, region=world.haizhu,
        parent=world.haizhu_bureau,
    )  # fmt: skip
    lawyer = Lawyer.objects.create(
        name="陈律师", organization=firm, licence_number="14401201510000001",
        licensed_on=datetime.date(2015, 7, 1), region_code=firm.region_id,
    )  # fmt: skip
    lawyer.phone = "13800138001"
    lawyer.save()
    entries = LogEntry.objects.get_for_object(lawyer).order_by("id")
    assert [e.action for e in entries] == [LogEntry.Action.CREATE, LogEntry.Action.UPDATE]
    # The change is logged, the number masked as the parties' and users' are (core.audit).
    before, after = entries[1].changes_dict["phone"]
    assert before == ""
    assert after != "13800138001" and "*" in after and after.endswith("8001")
