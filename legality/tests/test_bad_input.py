"""Bad input (issue 14): a submission without a required material, or a contract without its
counterparty, is refused with an error naming the field, and nothing is written: no review, no
number, no event, no clock, no file, no material row."""

from __future__ import annotations

import datetime

import pytest

from cases.models import Attachment, CaseEvent, Clock, NumberSequence
from core.errors import InvalidInput
from legality.choices import MaterialCategory
from legality.models import LegalityReview, Material
from legality.tests.conftest import submit

D = datetime.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def storage(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                    "OPTIONS": {"location": tmp_path / "files", "base_url": None}},
    }  # fmt: skip
    return tmp_path / "files"


def _nothing_written(storage):
    assert LegalityReview.objects.count() == 0
    assert Material.objects.count() == 0
    assert Attachment.objects.count() == 0
    assert CaseEvent.objects.count() == 0
    assert Clock.objects.count() == 0
    assert not NumberSequence.objects.filter(series="legality").exclude(last=0).exists()
    assert not storage.exists() or not any(p.is_file() for p in storage.rglob("*"))


def test_a_document_without_its_drafting_explanation_is_refused(lw, storage):
    with pytest.raises(InvalidInput) as refused:
        submit(lw, D(2026, 6, 1), leave_out=("explanation",))
    label = str(MaterialCategory.EXPLANATION.label)
    assert set(refused.value.fields) == {"material_explanation"}
    assert label in refused.value.message
    _nothing_written(storage)


def test_a_draft_touching_market_activity_needs_the_fair_competition_self_check(lw, storage):
    with pytest.raises(InvalidInput) as refused:
        submit(lw, D(2026, 6, 1), market_activity=True, leave_out=("fair_competition",))
    assert set(refused.value.fields) == {"material_fair_competition"}
    assert str(MaterialCategory.FAIR_COMPETITION.label) in refused.value.message
    _nothing_written(storage)
    # Without market activity the same materials are enough.
    review = submit(lw, D(2026, 6, 1), market_activity=False)
    assert review.materials.count() == 5


def test_a_major_decision_without_its_risk_assessment_is_refused(lw, storage):
    with pytest.raises(InvalidInput) as refused:
        submit(lw, D(2026, 6, 1), "decision", leave_out=("risk_assessment",))
    assert set(refused.value.fields) == {"material_risk_assessment"}
    _nothing_written(storage)


def test_a_contract_without_counterparty_or_amount_is_refused(lw, storage):
    with pytest.raises(InvalidInput) as refused:
        submit(lw, D(2026, 6, 1), "contract", counterparty="", amount="")
    assert set(refused.value.fields) == {"counterparty", "amount"}
    _nothing_written(storage)


def test_a_file_of_a_refused_type_names_its_material_and_writes_nothing(lw, storage):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from legality.choices import required_materials
    from legality.services import review_submit
    from legality.tests.conftest import materials_for, on

    materials = materials_for("document")
    materials["draft"] = SimpleUploadedFile("送审稿.pdf", b"MZ\x90\x00" + b"\x00" * 200)
    with on(D(2026, 6, 1)), pytest.raises(InvalidInput) as refused:
        review_submit(actor=lw.agency_haizhu, organization=lw.haizhu_bureau,
                      department=lw.haizhu_agency, data={"kind": "document", "title": "草案"},
                      materials=materials)  # fmt: skip
    assert "material_draft" in refused.value.fields
    assert len(required_materials("document", False)) == 5
    _nothing_written(storage)


def test_a_handler_cannot_submit_for_another_department_or_to_a_foreign_bureau(lw, storage):
    from core.errors import PermissionDenied

    with pytest.raises(PermissionDenied):
        submit(lw, D(2026, 6, 1), actor=lw.agency_chengguan)  # for 市监, not their own
    with pytest.raises(InvalidInput) as foreign:
        submit(lw, D(2026, 6, 1), bureau=lw.baiyun_bureau)  # 白云 does not review 海珠
    assert set(foreign.value.fields) == {"organization"}
    _nothing_written(storage)


def test_the_submission_page_shows_the_missing_material_beside_its_field(lw, login, storage):
    from legality.tests.conftest import materials_for, on

    client = login(lw.agency_haizhu)
    files = {f"material_{k}": v for k, v in materials_for("document").items()}
    files.pop("material_drafter_opinion")
    with on(D(2026, 6, 1)):
        page = client.get("/legality/reviews/new/")
        key = page.context["form"].initial["submission_key"]
        response = client.post("/legality/reviews/new/", {
            "submission_key": key, "department": lw.haizhu_agency.pk,
            "organization": lw.haizhu_bureau.pk, "kind": "document", "title": "草案", **files,
        })  # fmt: skip
    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.errors) == ["material_drafter_opinion"]
    from django.utils.html import escape

    assert escape(str(MaterialCategory.DRAFTER_OPINION.label)) in response.content.decode()
    _nothing_written(storage)
