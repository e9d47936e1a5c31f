"""The demo's legal-services sector (profession.demo): profiles of the demo's firms, notary
offices and forensic institutions (no second lawyer register), three years of monthly returns
calibrated on the samples, inspections and complaints through the engine, and the line's
figures equal to the rows written. Called directly on a world built with the core demo and the
holiday calendar only, on the test day, the clock stopped there."""

from __future__ import annotations

import datetime

import pytest
import time_machine
from django.db import transaction
from django.db.models import Sum

from conftest import frozen_today, moved_now
from core import demo
from core.models import Lawyer, Organization, OrganizationKind
from indicators.registry import Period, registry
from profession import demo as profession_demo
from profession.models import Complaint, Inspection, LawFirm, NotaryOffice, Penalty, Volume
from profession.selectors import with_handling_due

TODAY = frozen_today()
NOW = moved_now()
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        with time_machine.travel(NOW, tick=False):
            chosen = [b for b in demo._BUILDERS if b[1] == "calendar"]
            with pytest.MonkeyPatch.context() as patch:
                patch.setattr(demo, "_BUILDERS", chosen)
                world = demo.build(seed=11, today=TODAY)
            for firm in Organization.objects.filter(kind=OrganizationKind.LAW_FIRM,
                                                    region_id="440105000000"):  # fmt: skip
                for i in range(2):
                    Lawyer.objects.create(name=f"演示律师{firm.pk}{i}", organization=firm,
                                          licence_number=f"1440120001{firm.pk:04d}{i:03d}",
                                          licensed_on=datetime.date(2012, 1, 1))  # fmt: skip
            lawyers_before = Lawyer.objects.count()
            profession_demo.build(world)
            world.lawyers_before = lawyers_before
        yield world
        transaction.set_rollback(True)


def test_every_demo_firm_office_and_institution_has_a_profile_and_no_lawyer_is_added(built):
    assert LawFirm.objects.count() == Organization.objects.filter(kind="law_firm").count() > 0
    assert NotaryOffice.objects.count() == Organization.objects.filter(kind="notary_office").count()
    assert Lawyer.objects.count() == built.lawyers_before


def test_the_returns_are_calibrated_and_the_figures_equal_the_rows(built):
    last_year = Period.year(TODAY.year - 1)
    rows = Volume.objects.filter(month__year=TODAY.year - 1)
    notarised = rows.filter(kind="notarisation").aggregate(n=Sum("count"))["n"]
    assert registry.get("profession.notarisations").compute("4401", last_year).value == notarised
    # small scale: a hundredth of 广州's 379,000 a year, × 0.95 the year before, ±15 % a month
    assert 0.8 * 3_790 * 0.95 < notarised < 1.2 * 3_790 * 0.95
    appraised = rows.filter(kind="appraisal").aggregate(n=Sum("count"))["n"]
    assert registry.get("profession.appraisals").compute("4401", last_year).value == appraised


def test_inspections_and_complaints_ran_through_the_engine(built):
    # The inspection of the practice of the year before last, held in last year's window.
    last = Inspection.objects.filter(year=TODAY.year - 2)
    assert last.count() == LawFirm.objects.filter(region_code__startswith="440105").count() + (
        LawFirm.objects.filter(region_code__startswith="440111").count()
        + LawFirm.objects.filter(region_code__startswith="440106").count())  # fmt: skip
    assert last.filter(state="filed").count() == last.count()
    assert Complaint.objects.filter(lawyer__region_code__startswith="440105").exists()
    concluded = Complaint.objects.filter(concluded_on__isnull=False)
    concluded = with_handling_due(concluded)
    assert all(c.on_time == (c.concluded_on <= c.handling_due) for c in concluded)
    assert Penalty.objects.filter(complaint__state="penalised").count() == Penalty.objects.count()
    # Notaries and appraisers are complained about too (公证法 Arts. 41–42; GD‑SJ Arts. 58–59):
    # one notary's case a year ends in an Art. 41 warning, the others are dismissed.
    kinds = set(Complaint.objects.values_list("subject_kind", flat=True))
    assert {"lawyer", "notary", "appraiser"} <= kinds
    assert Penalty.objects.filter(subject_kind="notary", article="gz41", warning=True).exists()
    assert not Complaint.objects.filter(subject_kind="appraiser", state="penalised").exists()
