"""The 转介函 of a referred service record (legalservice.documents), rendered on request by
legalservice.document_views: the person, the matter, the receiving unit and the case opened
there, the sending unit and the date in the DOCX; a real PDF by LibreOffice when the machine
can (skipped otherwise, failed on CI: cases.tests.test_documents.need_pdf); only for a record
referred on; the record's page links it; another street or district answers 404, like the
page; each download is written to the audit log."""

from __future__ import annotations

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from cases.documents import FORMATS, render_docx
from cases.tests.test_documents import assert_pdf_shows, docx_text, need_pdf
from legalservice import documents, services
from legalservice.tests.conftest import record
from legalservice.tests.test_referral import lines, to_mediation  # noqa: F401 - fixture

pytestmark = pytest.mark.django_db

SUMMARY = "餐馆拖欠工资三个月\n老板拒不结算"


def cn(day) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def letter(client, user, saved, fmt="docx"):
    client.force_login(user)
    return client.get(reverse("legalservice:record_referral_letter", args=[saved.pk, fmt]))


@pytest.fixture
def referred(lines):  # noqa: F811
    w = lines
    saved = record(w, person_name="周七", summary=SUMMARY)
    case, _opened = services.record_refer(actor=w.office_haizhu, record=saved,
                                          data=to_mediation())  # fmt: skip
    saved.refresh_from_db()
    w.saved, w.case = saved, case
    return w


def test_the_letter_names_the_person_the_matter_the_unit_and_the_case(referred):
    w = referred
    text = docx_text(render_docx(documents.REFERRAL, w.saved))
    received = timezone.localtime(w.case.received_at).date()
    for expected in (
        "转介函", f"{w.case.organization.name}：", "2026年3月2日", "周七", "窗口", "劳动争议",
        "餐馆拖欠工资三个月", "老板拒不结算", "属于人民调解的范围", w.case.number,
        f"{w.haizhu_office.name}（印章）", cn(received),
    ):  # fmt: skip
        assert expected in text, expected
    assert "13800138000" not in text
    assert "{{" not in text and "{%" not in text


def test_a_referral_recorded_by_hand_leaves_the_unit_to_fill_in(ls):
    w = ls
    saved = record(w, outcome="referred_reconsideration", matter_kind="administrative",
                   summary="对罚款决定不服")  # fmt: skip
    assert not saved.is_referred
    text = docx_text(render_docx(documents.REFERRAL, saved))
    for expected in ("＿＿＿＿＿＿＿＿行政复议机构：", "属于行政复议的范围", "对罚款决定不服",
                     "2026年3月2日"):  # fmt: skip
        assert expected in text, expected
    assert "案号" not in text


def test_the_page_links_the_letter_and_each_download_is_logged(client, referred):
    w = referred
    client.force_login(w.office_haizhu)
    page = client.get(w.saved.get_absolute_url())
    assert gettext("Referral letter") in page.text
    for fmt in ("docx", "pdf"):
        assert reverse("legalservice:record_referral_letter", args=[w.saved.pk, fmt]) in page.text
    response = letter(client, w.office_haizhu, w.saved)
    assert response.status_code == 200
    assert response["Content-Type"] == FORMATS["docx"]
    assert "周七" in docx_text(response.content)
    assert response["Cache-Control"] == "private, no-store"
    assert (
        LogEntry.objects.get_for_object(w.saved)
        .filter(action=LogEntry.Action.ACCESS, actor=w.office_haizhu)
        .exists()
    )


def test_the_pdf_goes_through_the_renderer(client, referred, monkeypatch):
    w = referred
    monkeypatch.setattr("cases.pdf.docx_to_pdf", lambda data, title="": b"%PDF-1.4 test")
    pdf = letter(client, w.clerk_haizhu, w.saved, "pdf")
    assert pdf.status_code == 200 and pdf.content == b"%PDF-1.4 test"
    assert pdf["Content-Type"] == "application/pdf"


def test_no_letter_for_a_record_not_referred(client, ls):
    w = ls
    saved = record(w)
    response = letter(client, w.office_haizhu, saved)
    assert response.status_code == 302 and response["Location"] == saved.get_absolute_url()
    page = client.get(saved.get_absolute_url())
    assert 'id="referral-letter"' not in page.text


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("office_haizhu", 200),
        ("clerk_haizhu", 200),
        ("leader_gz", 200),
        ("office_baiyun", 404),
        ("clerk_baiyun", 404),
        ("agency_haizhu", 404),
        ("mediator_haizhu", 404),
    ],
)
def test_the_letter_is_reached_like_the_record(client, referred, persona, status):
    w = referred
    for fmt in ("docx", "pdf"):
        if fmt == "pdf" and status == 200:
            continue  # the PDF's access is the DOCX's (a conversion takes seconds)
        response = letter(client, getattr(w, persona), w.saved, fmt)
        assert response.status_code == status, (persona, fmt)
        if status == 404:
            assert "周七".encode() not in response.content
    assert letter(client, w.office_haizhu, w.saved, "odt").status_code == 404


def test_a_real_pdf_of_the_letter(client, referred):
    need_pdf()
    response = letter(client, referred.office_haizhu, referred.saved, "pdf")
    assert response.status_code == 200
    assert_pdf_shows(response.content, "转介函", "周七", referred.case.number)


def test_the_template_is_built_reproducibly(tmp_path, monkeypatch):
    """The committed template is what the build script makes, byte for byte."""
    from legalservice.doctemplates import build

    monkeypatch.setattr(build, "HERE", tmp_path)
    for builder in build.BUILDERS:
        built = builder()
        committed = documents.TEMPLATES / built.name
        assert built.read_bytes() == committed.read_bytes(), (
            f"{built.name} is out of date: run python -m legalservice.doctemplates.build"
        )
