"""The reminder to evaluate before expiry and the post-evaluation report (statutes-lines §B.8 ❓:
about 6 months before expiry ◑ S13).

P: 海珠 市监 "占道经营管理暂行规定", published Fri 2026-02-27, in effect Sun 2026-03-01, 暂行 →
valid until Tue 2028-02-29 → evaluation due Sun 2027-08-29 (6 months before)."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from cases.models import Notification
from normative import selectors
from normative.reminders import KIND, send_evaluation_reminders
from normative.services import evaluation_add
from normative.tests.conftest import on, published_document

D = datetime.date
pytestmark = pytest.mark.django_db

PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
       b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")  # fmt: skip


@pytest.fixture
def storage(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                    "OPTIONS": {"location": tmp_path / "files", "base_url": None}},
    }  # fmt: skip


@pytest.fixture
def doc(nw):
    return published_document(nw, published_on=D(2026, 2, 27), effective_from=D(2026, 3, 1),
                              title="广州市海珠区占道经营管理暂行规定")  # fmt: skip


def test_the_reminder_appears_from_the_due_day_for_the_owner_and_the_section(nw, doc, client,
                                                                             login):  # fmt: skip
    assert doc.evaluate_by == D(2027, 8, 29)
    assert not selectors.evaluations_due(nw.agency_haizhu, D(2027, 8, 28)).exists()
    assert list(selectors.evaluations_due(nw.agency_haizhu, D(2027, 8, 29))) == [doc]
    assert list(selectors.evaluations_due(nw.clerk_haizhu, D(2027, 8, 29))) == [doc]
    assert not selectors.evaluations_due(nw.agency_chengguan, D(2027, 8, 29)).exists()
    assert send_evaluation_reminders(D(2027, 8, 28)) == 0
    call_command("remind", "--date", "2027-08-29")  # the daily job (cases.daily)
    notified = set(Notification.objects.filter(kind=KIND).values_list("recipient__username",
                                                                      flat=True))  # fmt: skip
    assert notified == {"agency_haizhu", "clerk_haizhu"}
    assert send_evaluation_reminders(D(2027, 8, 30)) == 0  # once per document and person
    with on(D(2027, 8, 30)):
        home = login(nw.agency_haizhu).get("/").content.decode()
    assert 'id="home-normative-evaluations"' in home and doc.title in home


def test_a_report_attached_ends_the_reminder(nw, doc, storage):
    upload = SimpleUploadedFile("评估报告.pdf", PDF, content_type="application/pdf")
    with on(D(2027, 9, 10)):
        report = evaluation_add(actor=nw.agency_haizhu, document=doc, upload=upload,
                                conclusion="建议修改后继续施行。")  # fmt: skip
    assert report.evaluated_on == D(2027, 9, 10) and report.attachment.original_name
    assert not selectors.evaluations_due(nw.agency_haizhu, D(2027, 9, 11)).exists()
    assert send_evaluation_reminders(D(2027, 9, 11)) == 0


def test_an_expired_document_is_no_longer_reminded(nw, doc):
    assert not selectors.evaluations_due(nw.clerk_haizhu, D(2028, 3, 1)).exists()
