"""文书 generation: registry, DOCX filling, the DOCX → PDF renderer, storage, download checks.

The PDF checks use poppler-utils (pdffonts, pdftoppm, pdftotext) and a font with Chinese
characters; without poppler they are skipped, and without a font they are skipped unless
FAZHI_REQUIRE_BROWSER=1 (then they fail, as on the reference machine).
"""

from __future__ import annotations

import datetime
import hashlib
import io
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.contrib.messages import get_messages
from django.urls import reverse

from cases import documents
from cases.documents import (
    DocumentKind,
    DocumentRegistry,
    PdfFontMissing,
    age_on,
    blank,
    clean_text,
    cn_date,
    document_generate,
    document_open,
    docx_to_pdf,
    find_fonts,
    text_lines,
)
from cases.models import GeneratedDocument
from conftest import frozen_today
from core.errors import InvalidInput, NotFound, PermissionDenied

POPPLER = ("pdffonts", "pdftoppm", "pdftotext")

# --------------------------------------------------------------------------------------------
# Helpers shared with mediation/tests/test_documents.py
# --------------------------------------------------------------------------------------------


def need_fonts() -> None:
    try:
        find_fonts()
    except PdfFontMissing:
        if os.environ.get("FAZHI_REQUIRE_BROWSER") == "1":
            pytest.fail("no font with Chinese characters: install fonts-noto-cjk")
        pytest.skip(
            "no font with Chinese characters (install fonts-noto-cjk or set FAZHI_PDF_FONT)"
        )


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
    """Embedded CJK font, a non-blank first page, and `texts` in the extracted text."""
    need_poppler()
    fonts = pdf_fonts(data)
    assert fonts and all(emb == "yes" for _name, emb in fonts), fonts
    assert any("CJK" in name or "SC" in name for name, _emb in fonts), fonts
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
    need_fonts()
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


@pytest.mark.django_db
def test_generating_twice_keeps_both(world, dispute, sample_kind, storage_dir):
    need_fonts()
    first = document_generate(case=dispute, kind_key="test", actor=world.mediator_haizhu)
    second = document_generate(case=dispute, kind_key="test", actor=world.mediator_haizhu)
    assert first.pk != second.pk and first.docx.name != second.docx.name
    assert GeneratedDocument.for_case(dispute).count() == 2


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
def test_without_a_font_the_docx_is_kept_and_the_pdf_refused(
    world, dispute, sample_kind, storage_dir, settings, tmp_path
):
    settings.FAZHI_PDF_FONT = str(tmp_path / "no-such-font.ttf")
    with pytest.raises(PdfFontMissing) as exc:
        find_fonts()
    assert "fonts-noto-cjk" in exc.value.message and "FAZHI_PDF_FONT" in exc.value.message
    document = document_generate(case=dispute, kind_key="test", actor=world.mediator_haizhu)
    assert document.pdf_error == exc.value.message
    document.refresh_from_db()
    assert document.docx and not document.pdf and document.pdf_sha256 == ""
    with pytest.raises(NotFound):
        document_open(document_id=document.pk, fmt="pdf", actor=world.mediator_haizhu)
    _doc, handle = document_open(document_id=document.pk, fmt="docx", actor=world.mediator_haizhu)
    handle.close()


@pytest.mark.django_db
def test_a_font_that_is_not_chinese_is_refused(settings, tmp_path):
    settings.FAZHI_PDF_FONT = str(tmp_path / "fake.ttf")
    Path(settings.FAZHI_PDF_FONT).write_bytes(b"not a font")
    with pytest.raises(PdfFontMissing):
        find_fonts()


def test_configured_collection_uses_its_simplified_chinese_face(settings):
    path = "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"
    if not Path(path).is_file():
        pytest.skip("fonts-noto-cjk is not installed")
    settings.FAZHI_PDF_FONT = path
    faces = find_fonts()
    assert faces["serif"].path == path
    from fontTools.ttLib import TTCollection

    face = TTCollection(path, lazy=True).fonts[faces["serif"].index]
    assert "SC" in face["name"].getDebugName(1)


@pytest.mark.django_db
def test_failed_database_write_removes_the_stored_files(
    world, dispute, sample_kind, storage_dir, monkeypatch
):
    need_fonts()

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
def test_open_checks_jurisdiction_and_logs_the_read(world, dispute, sample_kind, storage_dir):
    need_fonts()
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
def test_tampered_file_is_detected(world, dispute, sample_kind, storage_dir):
    need_fonts()
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
def test_generate_and_download_through_the_views(world, dispute, sample_kind, storage_dir, login):
    need_fonts()
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
def test_htmx_generation_returns_the_partial(world, dispute, sample_kind, storage_dir, login):
    need_fonts()
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
def test_views_refuse_outsiders(world, dispute, sample_kind, storage_dir, login, client):
    need_fonts()
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
# The renderer on its own
# --------------------------------------------------------------------------------------------


def _docx_bytes(document) -> bytes:
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_renderer_splits_a_tall_table_row_across_pages():
    need_fonts()
    import docx

    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    table.style = document.styles["Table Grid"]
    table.cell(0, 0).paragraphs[0].add_run("标签")
    cell = table.cell(0, 1)
    cell.paragraphs[0].add_run("第1行")
    for n in range(2, 121):
        cell.add_paragraph(f"第{n}行")
    data = docx_to_pdf(_docx_bytes(document), title="测试")
    assert pdf_page_count(data) >= 3
    need_poppler()
    pages = pdf_pages_text(data)
    text = "".join(pages)
    assert all(f"第{n}行" in text for n in (1, 60, 120))
    assert "—1—" in pages[0] and "—2—" in pages[1]


def test_renderer_keeps_body_order_and_alignment():
    need_fonts()
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = docx.Document()
    for text, align in (
        ("居中标题", WD_ALIGN_PARAGRAPH.CENTER),
        ("右对齐落款", WD_ALIGN_PARAGRAPH.RIGHT),
        ("左对齐正文", WD_ALIGN_PARAGRAPH.LEFT),
    ):
        document.add_paragraph(text).alignment = align
    document.add_table(rows=1, cols=1).cell(0, 0).paragraphs[0].add_run("表格之后")
    document.add_paragraph("最后一段")
    data = docx_to_pdf(_docx_bytes(document))
    need_poppler()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "d.pdf"
        path.write_bytes(data)
        out = subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True
        ).stdout.decode()
    lines = [line for line in out.splitlines() if line.strip()]
    order = [
        next(i for i, line in enumerate(lines) if word in line)
        for word in ("居中标题", "右对齐落款", "左对齐正文", "表格之后", "最后一段")
    ]
    assert order == sorted(order)
    indent = {
        word: len(line) - len(line.lstrip())
        for line in lines
        for word in ("居中标题", "右对齐落款", "左对齐正文")
        if word in line
    }
    assert indent["左对齐正文"] < indent["居中标题"] < indent["右对齐落款"]
