"""文书 generation: registry, DOCX filling, the DOCX → PDF conversion, storage, download checks.

A LibreOffice conversion takes seconds, so only the tests about the PDF itself make real ones
(need_pdf: LibreOffice and a font with Chinese characters; skipped without them unless
FAZHI_REQUIRE_BROWSER=1, as on CI); the others use `fake_pdf`. The PDF checks use
poppler-utils (pdffonts, pdftoppm, pdftotext) and are skipped without it.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import io
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
import xmlrpc.client
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.contrib.messages import get_messages
from django.urls import reverse

from cases import documents, pdf
from cases.documents import (
    DocumentKind,
    DocumentRegistry,
    age_on,
    blank,
    clean_text,
    cn_date,
    document_generate,
    document_open,
    text_lines,
)
from cases.models import GeneratedDocument
from cases.pdf import PdfUnavailable
from conftest import frozen_today
from core.errors import InvalidInput, NotFound, PermissionDenied

POPPLER = ("pdffonts", "pdftoppm", "pdftotext")

# --------------------------------------------------------------------------------------------
# Helpers shared with mediation/tests/test_documents.py
# --------------------------------------------------------------------------------------------


def need_pdf() -> None:
    """Skip unless this machine can make PDFs (LibreOffice and a font with Chinese
    characters); on CI (FAZHI_REQUIRE_BROWSER=1) fail instead."""
    missing = ""
    if pdf.soffice_path() is None:
        missing = "LibreOffice (apt-get install libreoffice-writer-nogui)"
    elif not pdf.chinese_font_installed():
        missing = "a font with Chinese characters (apt-get install fonts-noto-cjk)"
    if missing:
        if os.environ.get("FAZHI_REQUIRE_BROWSER") == "1":
            pytest.fail(f"cannot make PDFs: install {missing}")
        pytest.skip(f"cannot make PDFs without {missing}")


def need_poppler() -> None:
    missing = [name for name in POPPLER if shutil.which(name) is None]
    if missing:
        pytest.skip(f"poppler-utils not installed (missing {', '.join(missing)})")


def _run_on_pdf(data: bytes, *args: str) -> subprocess.CompletedProcess:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.pdf"
        path.write_bytes(data)
        return subprocess.run(
            [args[0], *args[1:], str(path), *(["-"] if args[0] == "pdftotext" else [])],
            capture_output=True,
            check=True,
            timeout=60,
        )


def pdf_text(data: bytes) -> str:
    """The PDF's text with all white space removed (line breaks fall anywhere)."""
    out = _run_on_pdf(data, "pdftotext", "-raw", "-enc", "UTF-8").stdout.decode()
    return re.sub(r"\s+", "", out)


def pdf_pages_text(data: bytes) -> list[str]:
    out = _run_on_pdf(data, "pdftotext", "-raw", "-enc", "UTF-8").stdout.decode()
    return [re.sub(r"\s+", "", page) for page in out.split("\f") if page.strip()]


def pdf_fonts(data: bytes) -> list[tuple[str, str]]:
    """(font name, emb) per font of the PDF, as pdffonts lists them."""
    lines = _run_on_pdf(data, "pdffonts").stdout.decode().splitlines()[2:]
    result = []
    for line in lines:
        parts = line.split()
        # name type [type…] encoding emb sub uni object ID
        result.append((parts[0], parts[-5]))
    return result


def first_page_ink(data: bytes) -> int:
    """Dark pixels on page 1 rendered at 50 dpi."""
    from PIL import Image

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.pdf"
        path.write_bytes(data)
        subprocess.run(
            ["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1", str(path), str(Path(tmp) / "p")],
            check=True,
            capture_output=True,
            timeout=60,
        )
        image = Image.open(next(Path(tmp).glob("p*.png"))).convert("L")
        histogram = image.histogram()
        return sum(histogram[:128])


def pdf_page_count(data: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", data))


def assert_pdf_shows(data: bytes, *texts: str) -> None:
    """Every font embedded, a non-blank first page, and `texts` in the extracted text."""
    need_poppler()
    fonts = pdf_fonts(data)
    assert fonts and all(emb == "yes" for _name, emb in fonts), fonts
    assert first_page_ink(data) > 300
    text = pdf_text(data)
    for expected in texts:
        assert re.sub(r"\s+", "", expected) in text, expected


def docx_text(data: bytes) -> str:
    import docx
    from docx.oxml.ns import qn

    document = docx.Document(io.BytesIO(data))
    return "".join(t.text or "" for t in document.element.body.iter(qn("w:t")))


def stored_bytes(field_file) -> bytes:
    with field_file.storage.open(field_file.name, "rb") as handle:
        return handle.read()


@pytest.fixture
def storage_dir(settings, tmp_path):
    location = tmp_path / "files"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": location, "base_url": None},
        },
    }
    return location


# --------------------------------------------------------------------------------------------
# A test template and kind, registered in a registry of their own
# --------------------------------------------------------------------------------------------


def build_test_docx(path: Path) -> Path:
    """Paragraphs with alignment and bold, a table with merged cells, a page break, and the
    Jinja tags docxtpl understands."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.shared import Mm, Pt

    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run("{{ heading }}")
    run.bold = True
    run.font.size = Pt(22)
    number = document.add_paragraph("编号：{{ number }}")
    number.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.add_paragraph("{%p for name in names %}")
    document.add_paragraph("当事人：{{ name }}")
    document.add_paragraph("{%p endfor %}")
    body = document.add_paragraph("{{ long_text }}")
    body.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    body.paragraph_format.first_line_indent = Pt(32)
    table = document.add_table(rows=3, cols=3)
    table.style = document.styles["Table Grid"]
    table.cell(0, 0).merge(table.cell(0, 2)).paragraphs[0].add_run("横向合并单元格")
    table.cell(1, 0).merge(table.cell(2, 0)).paragraphs[0].add_run("纵向合并")
    table.cell(1, 1).paragraphs[0].add_run("甲方")
    table.cell(1, 2).paragraphs[0].add_run("{{ special }}")
    table.cell(2, 1).paragraphs[0].add_run("乙方")
    table.cell(2, 2).paragraphs[0].add_run("丙方")
    breaker = document.add_paragraph("第一页结束")
    breaker.add_run().add_break(WD_BREAK.PAGE)
    breaker.add_run("第二页开始")
    document.add_paragraph("{%p for line in many %}")
    document.add_paragraph("{{ line }}")
    document.add_paragraph("{%p endfor %}")
    document.save(path)
    return path


def fake_context(case) -> dict:
    return {
        "heading": "测试文书",
        "number": case.number,
        "names": [dp.party.name for dp in case.dispute_parties.select_related("party")],
        "long_text": "这是一段需要两端对齐的较长正文，用来检查自动换行和首行缩进。" * 4,
        "special": "<b>甲&乙</b>",
        "many": [],
    }


@pytest.fixture
def sample_kind(tmp_path, monkeypatch):
    fresh = DocumentRegistry()
    monkeypatch.setattr(documents, "registry", fresh)
    kind = DocumentKind(
        key="test",
        title=lambda case: f"测试文书{case.pk}",
        template=build_test_docx(tmp_path / "test.docx"),
        version="9.1",
        context=fake_context,
        available=lambda case: case.state != "refused",
        unavailable_reason="不可用的原因",
        name="测试文书",
    )
    fresh.register("mediation.dispute", kind)
    return kind


@pytest.fixture
def dispute(world):
    from mediation.tests.factories import make_dispute

    return make_dispute(organization=world.haizhu_committee, actor=world.mediator_haizhu)


# --------------------------------------------------------------------------------------------
# Helpers and registry
# --------------------------------------------------------------------------------------------


def test_text_helpers():
    assert cn_date(datetime.date(2026, 1, 5)) == "2026年1月5日"
    assert cn_date(None).endswith("年　　月　　日")
    assert blank("") == "＿" * 8 and blank(" 张三 ") == "张三" and blank(None, 2) == "＿＿"
    assert text_lines("第一行\n\n 第二行 \r\n") == ["第一行", "第二行"]
    assert text_lines("", 2, 3) == ["＿＿＿", "＿＿＿"]
    assert clean_text("a\x0bb\x00") == "ab"
    assert age_on(datetime.date(1980, 5, 6), datetime.date(2026, 5, 5)) == 45
    assert age_on(datetime.date(1980, 5, 6), datetime.date(2026, 5, 6)) == 46
    assert age_on(None, datetime.date(2026, 1, 1)) is None


@pytest.mark.django_db
def test_registry_lists_kinds_and_availability(world, dispute, sample_kind):
    assert documents.kinds_for(dispute) == [sample_kind]
    assert documents.available_kinds(dispute) == [sample_kind]
    assert documents.registry.get("mediation.dispute", "test") is sample_kind
    assert documents.registry.get("mediation.dispute", "nope") is None
    assert sample_kind.label == "测试文书"
    assert sample_kind.title_for(dispute) == f"测试文书{dispute.pk}"
    sha = hashlib.sha256(sample_kind.template_path.read_bytes()).hexdigest()
    assert sample_kind.template_version() == f"9.1+{sha[:12]}"


# --------------------------------------------------------------------------------------------
# Generation
# --------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_generate_stores_docx_and_pdf_with_hashes(world, dispute, sample_kind, storage_dir):
    need_pdf()
    document = document_generate(case=dispute, kind_key="test", actor=world.mediator_haizhu)
    document.refresh_from_db()
    assert document.kind == "test" and document.title == f"测试文书{dispute.pk}"
    assert document.case_version == dispute.version
    assert document.template_version == sample_kind.template_version()
    assert document.generated_by == world.mediator_haizhu
    docx_data, pdf_data = stored_bytes(document.docx), stored_bytes(document.pdf)
    assert document.docx_sha256 == hashlib.sha256(docx_data).hexdigest()
    assert document.pdf_sha256 == hashlib.sha256(pdf_data).hexdigest()
    assert Path(document.docx.path).is_relative_to(storage_dir)
    text = docx_text(docx_data)
    assert dispute.number in text and "<b>甲&乙</b>" in text
    assert "{{" not in text and "{%" not in text
    names = [dp.party.name for dp in dispute.dispute_parties.select_related("party")]
    assert all(name in text for name in names)
    assert pdf_data.startswith(b"%PDF")
    assert_pdf_shows(pdf_data, dispute.number, *names, "横向合并单元格", "<b>甲&乙</b>")
    assert pdf_page_count(pdf_data) == 2


@pytest.fixture
def fake_pdf(monkeypatch):
    """Generation without the (slow) PDF renderer, for tests about what is kept and shown."""
    monkeypatch.setattr(
        documents, "docx_to_pdf", lambda data, title="": b"%PDF-1.4 " + title.encode()
    )


@pytest.mark.django_db
def test_generating_again_supersedes_and_keeps_the_earlier_one(
    world, dispute, sample_kind, storage_dir, fake_pdf
):
    from cases.selectors import current_document
    from cases.selectors import documents as case_documents

    first = document_generate(case=dispute, kind_key="test", actor=world.mediator_haizhu)
    assert first.replaces is None
    second = document_generate(case=dispute, kind_key="test", actor=world.clerk_haizhu)
    assert second.replaces == first
    # Both rows and both files are kept, each with its own audit row ...
    assert first.pk != second.pk and first.docx.name != second.docx.name
    assert GeneratedDocument.for_case(dispute).count() == 2
    assert stored_bytes(first.docx) and stored_bytes(second.docx)
    for document, actor in ((first, world.mediator_haizhu), (second, world.clerk_haizhu)):
        entries = LogEntry.objects.get_for_object(document)
        assert [(e.action, e.actor) for e in entries] == [(LogEntry.Action.CREATE, actor)]
    # ... but the case shows one current document of the kind, the later one.
    shown = case_documents(dispute)
    assert [d.pk for d in shown] == [second.pk]
    assert [d.pk for d in shown[0].earlier] == [first.pk]
    assert current_document(dispute, "test") == second
    third = document_generate(case=dispute, kind_key="test", actor=world.mediator_haizhu)
    shown = case_documents(dispute)
    assert [d.pk for d in shown] == [third.pk]
    assert [d.pk for d in shown[0].earlier] == [second.pk, first.pk]  # newest first
    # A superseded version is still there to open, with the same checks and an access row.
    _doc, handle = document_open(document_id=first.pk, fmt="docx", actor=world.clerk_haizhu)
    handle.close()
    accesses = LogEntry.objects.get_for_object(first).filter(action=LogEntry.Action.ACCESS)
    assert [e.actor for e in accesses] == [world.clerk_haizhu]
    with pytest.raises(NotFound):
        document_open(document_id=first.pk, fmt="docx", actor=world.clerk_baiyun)


@pytest.mark.django_db
def test_each_kind_has_its_own_current_document(world, dispute, sample_kind, storage_dir,
                                                fake_pdf):  # fmt: skip
    from cases.selectors import documents as case_documents

    other = DocumentKind(key="other", title="另一文书", template=sample_kind.template,
                         version="1", context=fake_context)  # fmt: skip
    documents.registry.register("mediation.dispute", other)
    test = document_generate(case=dispute, kind_key="test", actor=world.mediator_haizhu)
    first_other = document_generate(case=dispute, kind_key="other", actor=world.mediator_haizhu)
    second_other = document_generate(case=dispute, kind_key="other", actor=world.mediator_haizhu)
    assert second_other.replaces == first_other
    shown = {d.kind: d for d in case_documents(dispute)}
    assert {k: d.pk for k, d in shown.items()} == {"test": test.pk, "other": second_other.pk}
    assert shown["test"].earlier == [] and shown["other"].earlier == [first_other]


@pytest.mark.django_db
def test_the_case_page_lists_one_row_per_kind_and_says_what_was_replaced(
    world, dispute, sample_kind, storage_dir, fake_pdf, login
):
    client = login(world.mediator_haizhu)
    url = reverse("cases:document_create", args=["mediation.dispute", dispute.pk])
    client.post(url, {"kind": "test"}, HTTP_HX_REQUEST="true")
    response = client.post(url, {"kind": "test"}, HTTP_HX_REQUEST="true")
    first, second = GeneratedDocument.for_case(dispute).order_by("pk")
    html = response.content.decode()
    assert "replaces" in html or "取代" in html
    assert html.count('data-kind="test"') == 1
    assert f'data-document="{second.pk}"' in html and f'data-superseded="{first.pk}"' in html
    page = client.get(dispute.get_absolute_url()).content.decode()
    assert page.count('data-kind="test"') == 1 and 'data-earlier="1"' in page
    assert reverse("cases:document_download", args=[first.pk, "docx"]) in page


@pytest.mark.django_db
def test_only_staff_over_the_case_may_generate(world, dispute, sample_kind, storage_dir):
    for user in (world.clerk_baiyun, world.leader_gz, world.agency_haizhu, world.mediator_baiyun):
        with pytest.raises(PermissionDenied):
            document_generate(case=dispute, kind_key="test", actor=user)
    assert not GeneratedDocument.objects.exists()


@pytest.mark.django_db
def test_unknown_or_unavailable_kind_is_refused(world, dispute, sample_kind, storage_dir):
    from cases import engine

    with pytest.raises(InvalidInput) as exc:
        document_generate(case=dispute, kind_key="nope", actor=world.mediator_haizhu)
    assert "kind" in exc.value.fields
    data = {"reason": "不属于调解范围", "decided_on": frozen_today()}
    engine.fire(dispute, "refuse", actor=world.mediator_haizhu, data=data, version=dispute.version)
    with pytest.raises(InvalidInput) as exc:
        document_generate(case=dispute, kind_key="test", actor=world.mediator_haizhu)
    assert exc.value.message == "不可用的原因"
    assert not GeneratedDocument.objects.exists()


@pytest.mark.django_db
def test_without_libreoffice_the_docx_is_kept_and_the_pdf_refused(
    world, dispute, sample_kind, storage_dir, settings, tmp_path
):
    settings.FAZHI_UNOSERVER = ""
    settings.FAZHI_SOFFICE = str(tmp_path / "no-such-soffice")
    document = document_generate(case=dispute, kind_key="test", actor=world.mediator_haizhu)
    assert "libreoffice-writer-nogui" in document.pdf_error
    assert document.pdf_error == pdf.no_converter_message("")
    document.refresh_from_db()
    assert document.docx and not document.pdf and document.pdf_sha256 == ""
    with pytest.raises(NotFound):
        document_open(document_id=document.pk, fmt="pdf", actor=world.mediator_haizhu)
    _doc, handle = document_open(document_id=document.pk, fmt="docx", actor=world.mediator_haizhu)
    handle.close()


def test_without_a_chinese_font_no_pdf_is_made(settings, tmp_path, monkeypatch):
    if shutil.which("fc-list") is None or pdf.soffice_path() is None:
        pytest.skip("needs fontconfig and LibreOffice")
    settings.FAZHI_UNOSERVER = ""
    empty = tmp_path / "fonts"
    empty.mkdir()
    conf = tmp_path / "fonts.conf"
    conf.write_text(f"<?xml version='1.0'?><fontconfig><dir>{empty}</dir></fontconfig>")
    monkeypatch.setattr(pdf, "FONTS_CONF", conf)
    with pytest.raises(PdfUnavailable) as exc:
        pdf.docx_to_pdf(_docx_bytes(role_docx()))
    assert exc.value.message == pdf.font_missing_message()
    assert "fonts-noto-cjk" in exc.value.message


@pytest.mark.django_db
def test_failed_database_write_removes_the_stored_files(
    world, dispute, sample_kind, storage_dir, monkeypatch, fake_pdf
):

    def broken_save(self, *args, **kwargs):
        raise RuntimeError("database down")

    monkeypatch.setattr(GeneratedDocument, "save", broken_save)
    with pytest.raises(RuntimeError):
        document_generate(case=dispute, kind_key="test", actor=world.mediator_haizhu)
    assert not [p for p in storage_dir.rglob("*") if p.is_file()]


# --------------------------------------------------------------------------------------------
# Opening stored files
# --------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_open_checks_jurisdiction_and_logs_the_read(
    world, dispute, sample_kind, storage_dir, fake_pdf
):
    document = document_generate(case=dispute, kind_key="test", actor=world.mediator_haizhu)
    for user in (world.clerk_baiyun, world.agency_haizhu, world.mediator_baiyun):
        with pytest.raises(NotFound):
            document_open(document_id=document.pk, fmt="pdf", actor=user)
    with pytest.raises(NotFound):
        document_open(document_id=document.pk, fmt="exe", actor=world.mediator_haizhu)
    opened, handle = document_open(document_id=document.pk, fmt="pdf", actor=world.leader_gz)
    with handle:
        assert handle.read().startswith(b"%PDF")
    assert opened.case.pk == dispute.pk
    entry = LogEntry.objects.get(action=LogEntry.Action.ACCESS, object_pk=str(document.pk))
    assert entry.actor == world.leader_gz
    assert entry.additional_data == {"revealed_field": "pdf"}


@pytest.mark.django_db
def test_tampered_file_is_detected(world, dispute, sample_kind, storage_dir, fake_pdf):
    document = document_generate(case=dispute, kind_key="test", actor=world.mediator_haizhu)
    Path(document.docx.path).write_bytes(b"PK altered")
    with pytest.raises(documents.DocumentDamaged):
        document_open(document_id=document.pk, fmt="docx", actor=world.mediator_haizhu)
    Path(document.pdf.path).unlink()
    with pytest.raises(documents.DocumentDamaged):
        document_open(document_id=document.pk, fmt="pdf", actor=world.mediator_haizhu)


# --------------------------------------------------------------------------------------------
# Views
# --------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_generate_and_download_through_the_views(
    world, dispute, sample_kind, storage_dir, login, fake_pdf
):
    client = login(world.mediator_haizhu)
    url = reverse("cases:document_create", args=["mediation.dispute", dispute.pk])
    response = client.post(url, {"kind": "test"})
    assert response.status_code == 302 and response["Location"] == dispute.get_absolute_url()
    assert any("测试文书" in str(m) for m in get_messages(response.wsgi_request))
    document = GeneratedDocument.for_case(dispute).get()
    for fmt, content_type in (("docx", documents.FORMATS["docx"]), ("pdf", "application/pdf")):
        response = client.get(reverse("cases:document_download", args=[document.pk, fmt]))
        assert response.status_code == 200
        assert response["Content-Type"] == content_type
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Cache-Control"] == "private, no-store"
        assert "attachment" in response["Content-Disposition"]
        body = b"".join(response.streaming_content)
        stored = document.pdf_sha256 if fmt == "pdf" else document.docx_sha256
        assert hashlib.sha256(body).hexdigest() == stored
    disposition = response["Content-Disposition"]
    from urllib.parse import quote

    assert quote(f"{dispute.number}测试文书{dispute.pk}.pdf") in disposition


@pytest.mark.django_db
def test_htmx_generation_returns_the_partial(
    world, dispute, sample_kind, storage_dir, login, fake_pdf
):
    client = login(world.mediator_haizhu)
    url = reverse("cases:document_create", args=["mediation.dispute", dispute.pk])
    response = client.post(url, {"kind": "test"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="documents"' in html and f"测试文书{dispute.pk}" in html
    document = GeneratedDocument.for_case(dispute).get()
    assert reverse("cases:document_download", args=[document.pk, "pdf"]) in html
    response = client.post(url, {"kind": "nope"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "alert-danger" in response.content.decode()


@pytest.mark.django_db
def test_views_refuse_outsiders(world, dispute, sample_kind, storage_dir, login, client, fake_pdf):
    document = document_generate(case=dispute, kind_key="test", actor=world.mediator_haizhu)
    download = reverse("cases:document_download", args=[document.pk, "docx"])
    create = reverse("cases:document_create", args=["mediation.dispute", dispute.pk])
    response = client.get(download)
    assert response.status_code == 302 and "/login/" in response["Location"]
    client = login(world.clerk_baiyun)
    assert client.get(download).status_code == 404
    assert client.post(create, {"kind": "test"}).status_code == 404
    client = login(world.leader_gz)  # sees the case, may download, may not generate
    assert client.get(download).status_code == 200
    assert client.post(create, {"kind": "test"}).status_code == 403
    assert client.get(create).status_code == 405
    assert GeneratedDocument.objects.count() == 1


# --------------------------------------------------------------------------------------------
# The conversion on its own (cases/pdf.py)
# --------------------------------------------------------------------------------------------

#: The GB/T 9704 roles and the names the DOCX gives their fonts (reference/documents.md §5).
ROLES = {
    "标题": "方正小标宋简体",
    "正文": "仿宋_GB2312",
    "一级标题": "黑体",
    "二级标题": "楷体_GB2312",
}
#: The free Debian face each role gets when the official font is not installed.
SUBSTITUTES = {
    "方正小标宋简体": ("Noto Serif CJK SC", "Bold"),
    "仿宋_GB2312": ("FandolFang", "Noto Serif CJK SC"),
    "黑体": ("Noto Sans CJK SC",),
    "楷体_GB2312": ("AR PL UKai CN", "LXGW WenKai"),
}


def _docx_bytes(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def role_docx():
    """One paragraph per role, each run in the font the templates name for the role."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    for role, font in ROLES.items():
        run = document.add_paragraph().add_run(f"{role}人民调解协议书")
        fonts = OxmlElement("w:rFonts")
        for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(attr), font)
        run._r.get_or_add_rPr().insert(0, fonts)
    return document


def test_fonts_conf_gives_each_role_a_chinese_face_of_its_own():
    if shutil.which("fc-match") is None:
        pytest.skip("fontconfig is not installed")
    need_pdf()
    env = {**os.environ, "FONTCONFIG_FILE": str(pdf.FONTS_CONF)}
    installed = subprocess.run(
        ["fc-list", "-f", "%{family}\n"], capture_output=True, text=True, env=env, check=True
    ).stdout
    faces = {}
    for font in ROLES.values():
        family, style, langs = subprocess.run(
            ["fc-match", "-f", "%{family[0]}\n%{style[0]}\n%{lang}", font],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        ).stdout.split("\n")
        assert "zh-cn" in langs.split("|"), (font, family)
        faces[font] = (family, style)
        if font not in installed:  # the official font is absent: the planned substitute
            expected = SUBSTITUTES[font]
            if font == "方正小标宋简体":
                assert (family, style) == expected
            else:
                assert family in expected, (font, family)
    assert len(set(faces.values())) == len(ROLES), faces


def test_each_role_is_printed_in_its_own_embedded_face(settings):
    need_pdf()
    need_poppler()
    settings.FAZHI_UNOSERVER = ""  # the one-shot LibreOffice, as on a machine without the service
    data = pdf.docx_to_pdf(_docx_bytes(role_docx()), title="字体")
    assert data.startswith(b"%PDF") and b"%%EOF" in data[-1024:]
    fonts = pdf_fonts(data)
    assert all(emb == "yes" for _name, emb in fonts), fonts
    faces = {name.split("+", 1)[-1] for name, _emb in fonts}
    assert len(faces) == len(ROLES), faces
    text = pdf_text(data)
    assert all(f"{role}人民调解协议书" in text for role in ROLES)
    info = _run_on_pdf(data, "pdfinfo", "-enc", "UTF-8").stdout.decode()
    assert re.search(r"^Title:\s+字体$", info, re.M) and re.search(r"^Pages:\s+1$", info, re.M)


@contextlib.contextmanager
def fake_unoserver(convert):
    """An XML-RPC server on a free loopback port offering unoserver's `convert`."""
    from xmlrpc.server import SimpleXMLRPCServer

    server = SimpleXMLRPCServer(("127.0.0.1", 0), allow_none=True, logRequests=False)
    server.register_function(convert, "convert")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


FAKE_SOFFICE = """#!/bin/sh
# Stands in for soffice: notes its environment and arguments, writes a PDF to --outdir.
printf '%s\\n' "$FONTCONFIG_FILE" "$HOME" "$@" > "$FAKE_SOFFICE_LOG"
while [ $# -gt 0 ]; do [ "$1" = --outdir ] && out="$2"; shift; done
printf '%%PDF-1.4 one-shot' > "$out/document.pdf"
"""


@pytest.fixture
def fake_soffice(settings, tmp_path, monkeypatch):
    script = tmp_path / "soffice"
    script.write_text(FAKE_SOFFICE)
    script.chmod(0o755)
    log = tmp_path / "soffice.log"
    monkeypatch.setenv("FAKE_SOFFICE_LOG", str(log))
    monkeypatch.setattr(pdf, "chinese_font_installed", lambda: True)
    settings.FAZHI_SOFFICE = str(script)
    return log


def test_a_running_unoserver_converts_and_no_soffice_is_started(settings, fake_soffice):
    calls = []

    def convert(inpath, indata, outpath, convert_to, filtername, options, index, infilter):
        calls.append((inpath, indata.data[:2], outpath, convert_to))
        return xmlrpc.client.Binary(b"%PDF-1.7 warm")

    with fake_unoserver(convert) as address:
        settings.FAZHI_UNOSERVER = address
        assert pdf.docx_to_pdf(_docx_bytes(role_docx()), title="标题") == b"%PDF-1.7 warm"
    assert calls == [(None, b"PK", None, "pdf")]
    assert not fake_soffice.exists()


def test_a_failing_or_absent_unoserver_falls_back_to_one_shot(settings, fake_soffice):
    def convert(*args):
        raise RuntimeError("LibreOffice went away")

    data = _docx_bytes(role_docx())
    with fake_unoserver(convert) as address:
        settings.FAZHI_UNOSERVER = address
        assert pdf.docx_to_pdf(data) == b"%PDF-1.4 one-shot"
    # The server is gone now: nothing listens at the address.
    assert pdf.docx_to_pdf(data) == b"%PDF-1.4 one-shot"
    fonts_conf, home, *arguments = fake_soffice.read_text().splitlines()
    assert fonts_conf == str(pdf.FONTS_CONF) and Path(pdf.FONTS_CONF).is_file()
    assert "--headless" in arguments and "pdf:writer_pdf_Export" in arguments
    assert arguments[0] == f"-env:UserInstallation={(Path(home) / 'profile').as_uri()}"
    assert not Path(home).exists()  # the throwaway profile is gone


def test_a_conversion_that_hangs_is_stopped_with_its_children(settings, fake_soffice, tmp_path):
    hanging = tmp_path / "hanging-soffice"
    hanging.write_text('#!/bin/sh\nsleep 60 &\necho $! > "$FAKE_SOFFICE_LOG"\nwait\n')
    hanging.chmod(0o755)
    settings.FAZHI_SOFFICE = str(hanging)
    settings.FAZHI_UNOSERVER = ""
    settings.FAZHI_PDF_TIMEOUT = 1
    with pytest.raises(PdfUnavailable) as exc:
        pdf.docx_to_pdf(_docx_bytes(role_docx()))
    assert exc.value.message == pdf.conversion_failed_message()
    child = Path(f"/proc/{fake_soffice.read_text().strip()}/stat")
    for _attempt in range(50):  # killed with its group; init reaps it
        if not child.exists() or child.read_text().rsplit(")", 1)[1].split()[0] == "Z":
            break
        time.sleep(0.1)
    else:
        pytest.fail("the child of the hanging soffice still runs")
