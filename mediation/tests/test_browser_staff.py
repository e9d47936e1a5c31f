"""Staff handling a case in a real browser: finding it, re-routing it, the mediator it names
and prints, regenerating a document. One short journey each."""

from __future__ import annotations

import pytest

from cases import documents
from cases.models import GeneratedDocument
from conftest import frozen_today, sign_in
from core.models import Organization, OrganizationKind, Region
from mediation.models import Dispute, Mediator
from mediation.tests.factories import make_dispute

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def quick_pdf(monkeypatch):
    # The PDF renderer has tests of its own; these journeys are about what the page shows.
    monkeypatch.setattr(documents, "docx_to_pdf", lambda data, title="": b"%PDF-1.4 test")


def test_a_clerk_finds_a_case_by_tracking_code_and_by_party_name(world, live_server, page):
    dispute = make_dispute(organization=world.haizhu_committee, actor=world.mediator_haizhu,
                           parties=[{"side": "applicant", "name": "黄美玲"},
                                    {"side": "respondent", "name": "楼上住户"}])  # fmt: skip
    Dispute.objects.filter(pk=dispute.pk).update(tracking_code="QJTJEBQ4PJ")
    make_dispute(organization=world.haizhu_committee, actor=world.mediator_haizhu)
    make_dispute(organization=world.baiyun_committee, actor=world.mediator_baiyun,
                 parties=[{"side": "applicant", "name": "黄美玲"},
                          {"side": "respondent", "name": "某公司"}])  # fmt: skip
    sign_in(page, live_server, "clerk_haizhu")
    page.goto(f"{live_server.url}/mediation/disputes/")
    assert page.locator("table tbody tr").count() == 2
    for typed in ("qjtj ebq4 pj", "美玲"):
        page.locator("[name=q]").fill(typed)
        page.locator("form[role=search] button[type=submit]").click()
        page.wait_for_load_state()
        rows = page.locator("table tbody tr")
        assert rows.count() == 1, typed  # the 白云 黄美玲 is outside the jurisdiction
        assert dispute.number in rows.first.inner_text()
    page.locator("table tbody tr a").first.click()
    page.wait_for_selector("#case-number")
    assert page.locator("#case-number").inner_text() == dispute.number


def test_a_clerk_reroutes_a_case_and_lands_on_a_confirmation(world, live_server, page):
    xingang = Organization.objects.create(
        name="新港街道人民调解委员会", kind=OrganizationKind.MEDIATION_COMMITTEE,
        region=Region.objects.get(code="440105002000"), parent=world.haizhu_bureau,
    )  # fmt: skip
    dispute = make_dispute(organization=world.haizhu_committee, actor=world.mediator_haizhu)
    sign_in(page, live_server, "office_haizhu")
    page.goto(f"{live_server.url}{dispute.get_absolute_url()}")
    page.locator('#actions [data-action="reroute"]').click()
    page.locator("[name=organization]").select_option(str(xingang.pk))
    page.locator("[name=reason]").fill("纠纷发生在新港街道")
    page.locator("#submit-transition").click()
    page.wait_for_selector("#rerouted")
    assert page.locator("#rerouted-number").inner_text() == dispute.number
    assert page.locator("#rerouted-handler").inner_text() == "新港街道人民调解委员会"
    assert "404" not in page.title()
    dispute.refresh_from_db()
    assert dispute.organization == xingang


def test_the_mediator_who_claims_a_case_is_the_one_its_record_prints(
    world, live_server, page, quick_pdf
):
    from cases import engine
    from cases.tests.test_documents import docx_text, stored_bytes

    Mediator.objects.create(name="王秀英", committee=world.haizhu_committee,
                            user=world.mediator_haizhu)  # fmt: skip
    m = world.mediator_haizhu
    d = make_dispute(organization=world.haizhu_committee, actor=m)
    d = engine.fire(d, "accept", actor=m, version=d.version,
                    data={"consent": True, "accepted_on": frozen_today()})  # fmt: skip
    d = engine.fire(d, "record_session", actor=m, version=d.version,
                    data={"held_on": frozen_today(), "place": "调解室", "notes": "双方陈述。"})  # fmt: skip
    sign_in(page, live_server, "mediator_haizhu")
    page.goto(f"{live_server.url}{d.get_absolute_url()}")
    assert page.locator("#case-mediators").inner_text() == "—"
    page.locator("#assignment form:has(input[name=claim]) button").click()
    page.wait_for_selector("#case-mediators")
    assert page.locator("#case-mediators").inner_text() == "王秀英"
    page.locator("#document-kind").select_option("record")
    page.locator("#documents button[type=submit]").click()
    page.wait_for_selector('#documents tr[data-kind="record"]')
    record = GeneratedDocument.for_case(d).get(kind="record")
    assert "人民调解员：王秀英" in docx_text(stored_bytes(record.docx))


def test_regenerating_a_document_replaces_it_on_the_case(world, live_server, page, quick_pdf):
    dispute = make_dispute(organization=world.haizhu_committee, actor=world.mediator_haizhu)
    sign_in(page, live_server, "mediator_haizhu")
    page.goto(f"{live_server.url}{dispute.get_absolute_url()}")
    for shown in ('#documents tr[data-kind="application"]', '#documents [data-earlier="1"]'):
        page.locator("#document-kind").select_option("application")
        page.locator("#documents button[type=submit]").click()
        page.wait_for_selector(shown, state="attached")
    first, second = GeneratedDocument.for_case(dispute).order_by("pk")
    rows = page.locator('#documents tr[data-kind="application"]')
    assert rows.count() == 1
    assert rows.first.get_attribute("data-document") == str(second.pk)
    page.reload()
    assert page.locator('#documents tr[data-kind="application"]').count() == 1
    page.locator("#documents details summary").click()
    assert page.locator(f'#documents [data-superseded="{first.pk}"]').is_visible()


def test_a_document_downloads_as_a_pdf_in_the_faces_of_its_roles(world, live_server, page):
    """The PDF is LibreOffice's rendering of the DOCX (cases/pdf.py), each GB/T 9704 role in
    its own face (cases/data/fonts.conf) — not one serif face for all."""
    import shutil
    import subprocess

    if not shutil.which("pdffonts"):
        pytest.skip("poppler-utils not installed")
    d = make_dispute(organization=world.haizhu_committee, actor=world.mediator_haizhu)
    sign_in(page, live_server, "mediator_haizhu")
    page.goto(f"{live_server.url}{d.get_absolute_url()}")
    page.locator("#document-kind").select_option("application")
    page.locator("#documents button[type=submit]").click()
    link = page.locator('#documents tr[data-kind="application"] a[data-format="pdf"]')
    with page.expect_download() as download_info:
        link.click()
    path = download_info.value.path()
    assert open(path, "rb").read(5) == b"%PDF-"
    fonts = subprocess.run(["pdffonts", path], capture_output=True, text=True).stdout
    faces = {line.split()[0].split("+")[-1] for line in fonts.splitlines()[2:] if line.strip()}
    assert len(faces) >= 2, faces  # the title's face and the body's at least
