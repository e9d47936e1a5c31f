"""Attachments: content sniffing, size limits, private storage, permission-checked download."""

from __future__ import annotations

import hashlib
import io
import struct
import zipfile
from pathlib import Path

import pytest
from auditlog.models import LogEntry
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.urls import reverse

from cases import attachments as att
from cases.models import Attachment
from core.errors import InvalidInput, NotFound, PermissionDenied

# --------------------------------------------------------------------------------------------
# Test files, built in memory
# --------------------------------------------------------------------------------------------

PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200
MP3 = b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\xff\xfb\x90\x00" + b"\x00" * 400
MP4 = b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2" + b"\x00" * 200
M4A = b"\x00\x00\x00\x20ftypM4A \x00\x00\x00\x00M4A mp42isom\x00\x00\x00\x00" + b"\x00" * 200


def png_bytes() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(out, format="PNG")
    return out.getvalue()


def jpeg_bytes() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (4, 4), "blue").save(out, format="JPEG")
    return out.getvalue()


def docx_bytes() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("调解协议书")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_bytes() -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    book.active["A1"] = "金额"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def with_member(data: bytes, name: str, content: bytes = b"x") -> bytes:
    out = io.BytesIO(data)
    with zipfile.ZipFile(out, "a") as archive:
        archive.writestr(name, content)
    return out.getvalue()


def cfb_bytes(*stream_names: str) -> bytes:
    """A minimal OLE2 compound file (512-byte sectors: FAT in sector 0, directory in sector
    1) whose root storage holds empty streams with the given names (at most 3)."""
    assert len(stream_names) <= 3
    free, end, fat_sect, none = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 0x18, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIIIIIIII", header, 0x28, 0, 1, 1, 0, 4096, end, 0, end, 0)
    struct.pack_into("<109I", header, 0x4C, 0, *([free] * 108))
    fat = struct.pack("<128I", fat_sect, end, *([free] * 126))

    def entry(name: str, kind: int, right: int = none, child: int = none) -> bytes:
        raw = bytearray(128)
        encoded = name.encode("utf-16-le")
        raw[: len(encoded)] = encoded
        struct.pack_into("<HBB", raw, 0x40, len(encoded) + 2 if name else 0, kind, 1)
        struct.pack_into("<III", raw, 0x44, none, right, child)
        return bytes(raw)

    entries = [entry("Root Entry", 5, child=1 if stream_names else none)]
    for i, name in enumerate(stream_names, start=1):
        entries.append(entry(name, 2, right=i + 1 if i < len(stream_names) else none))
    entries += [entry("", 0)] * (4 - len(entries))
    return bytes(header) + fat + b"".join(entries)


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


# --------------------------------------------------------------------------------------------
# Sniffing and validation (no case needed)
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (PDF, "application/pdf"),
        (png_bytes(), "image/png"),
        (jpeg_bytes(), "image/jpeg"),
        (docx_bytes(), att.DOCX),
        (xlsx_bytes(), att.XLSX),
        (cfb_bytes("\x01CompObj", "WordDocument", "1Table"), att.DOC),
        (cfb_bytes("Workbook", "\x05SummaryInformation"), att.XLS),
        (MP3, "audio/mpeg"),
        (MP4, "video/mp4"),
        (M4A, "audio/mp4"),
    ],
)
def test_sniff_recognises_accepted_types(content, expected):
    assert att.sniff(io.BytesIO(content)) == expected
    assert expected in att.ALLOWED_TYPES


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"just some plain text\n",
        b"<!doctype html><script>alert(1)</script>",
        EXE,
        with_member(b"", "readme.txt"),  # a plain zip
        with_member(docx_bytes(), "word/vbaProject.bin"),  # macro-enabled Word
        with_member(xlsx_bytes(), "xl/vbaProject.bin"),  # macro-enabled Excel
        cfb_bytes("\x05SummaryInformation"),  # an OLE2 file that is neither Word nor Excel
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100,  # truncated OLE2
        b"PK\x03\x04 not really a zip",
    ],
)
def test_sniff_refuses_everything_else(content):
    assert att.sniff(io.BytesIO(content)) not in att.ALLOWED_TYPES


def test_sniff_restores_the_position():
    f = io.BytesIO(docx_bytes())
    f.seek(7)
    att.sniff(f)
    assert f.tell() == 7


def test_renamed_executable_is_refused_naming_the_file():
    with pytest.raises(InvalidInput) as exc:
        att.validate_type(io.BytesIO(EXE), "合同.pdf")
    assert "合同.pdf" in exc.value.message
    assert str(att.ALLOWED_TYPES["application/pdf"].label) in exc.value.message
    assert exc.value.fields["file"] == [exc.value.message]


def test_unknown_type_lists_accepted_types():
    with pytest.raises(InvalidInput) as exc:
        att.validate_type(io.BytesIO(b"hello"), "notes.txt")
    assert "notes.txt" in exc.value.message
    assert att.accepted_types_label() in exc.value.message


def test_extension_must_agree_with_content():
    with pytest.raises(InvalidInput) as exc:
        att.validate_type(io.BytesIO(png_bytes()), "现场照片.pdf")
    assert "现场照片.pdf" in exc.value.message and ".pdf" in exc.value.message


def test_extension_case_and_missing_extension():
    assert att.validate_type(io.BytesIO(PDF), "协议.PDF") == ("application/pdf", "协议.PDF")
    assert att.validate_type(io.BytesIO(jpeg_bytes()), "照片.jpeg")[0] == "image/jpeg"
    assert att.validate_type(io.BytesIO(PDF), "协议") == ("application/pdf", "协议.pdf")


def test_size_limits(settings):
    settings.FAZHI_ATTACHMENT_MAX_MB = 1
    att.validate_size("a.pdf", 1024 * 1024)
    with pytest.raises(InvalidInput) as exc:
        att.validate_size("a.pdf", 1024 * 1024 + 1)
    assert "1 MB" in exc.value.message and "a.pdf" in exc.value.message
    with pytest.raises(InvalidInput) as exc:
        att.validate_size("empty.pdf", 0)
    assert "empty.pdf" in exc.value.message


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("调解协议书（草稿）.pdf", "调解协议书（草稿）.pdf"),
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\Users\\张三\\身份证 复印件.jpg", "身份证 复印件.jpg"),
        ("invoice\u202efdp.exe", "invoicefdp.exe"),  # right-to-left override removed
        ('a<b>:"c"|?*.png', "a_b___c____.png"),
        ("  .hidden.pdf. ", "hidden.pdf"),
        ("", "附件"),
        ("x" * 300 + ".docx", "x" * 195 + ".docx"),
    ],
)
def test_clean_file_name(given, expected):
    assert att.clean_file_name(given) == expected


# --------------------------------------------------------------------------------------------
# On a case
# --------------------------------------------------------------------------------------------


@pytest.fixture
def storage_dir(settings, tmp_path) -> Path:
    location = tmp_path / "files"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": location, "base_url": None},
        },
    }
    return location


@pytest.fixture
def open_case(world):
    from mediation.tests.factories import make_dispute

    return make_dispute(organization=world.haizhu_office, actor=world.clerk_haizhu)


def stored_files(location: Path) -> list[Path]:
    return [p for p in location.rglob("*") if p.is_file()] if location.exists() else []


def test_upload_stores_under_a_random_name_with_its_hash(world, open_case, storage_dir):
    content = PDF + b"% " + "人民调解协议书".encode() + b"\n"
    attachment = att.attachment_add(
        case=open_case,
        actor=world.clerk_haizhu,
        upload=upload("调解协议书.pdf", content),
        description=" 签字版 ",
    )
    attachment.refresh_from_db()
    assert attachment.sha256 == hashlib.sha256(content).hexdigest()
    assert attachment.size == len(content)
    assert attachment.content_type == "application/pdf"
    assert attachment.original_name == "调解协议书.pdf"
    assert attachment.description == "签字版"
    assert attachment.uploaded_by == world.clerk_haizhu
    assert attachment.region_code == open_case.region_code
    assert attachment.organization_id == open_case.organization_id
    assert attachment.case == open_case
    path = Path(attachment.file.path).resolve()
    assert path.is_relative_to(storage_dir.resolve())
    assert "调解协议书" not in attachment.file.name and ".pdf" not in attachment.file.name
    assert path.read_bytes() == content
    assert list(Attachment.for_case(open_case)) == [attachment]


def test_upload_of_office_documents_and_images(world, open_case, storage_dir):
    for name, content in [
        ("协议.docx", docx_bytes()),
        ("费用.xlsx", xlsx_bytes()),
        ("照片.png", png_bytes()),
        ("旧协议.doc", cfb_bytes("WordDocument")),
        ("录音.mp3", MP3),
    ]:
        att.attachment_add(case=open_case, actor=world.clerk_haizhu, upload=upload(name, content))
    assert Attachment.for_case(open_case).count() == 5
    assert len(stored_files(storage_dir)) == 5


def test_renamed_executable_is_refused_and_nothing_stored(world, open_case, storage_dir):
    with pytest.raises(InvalidInput) as exc:
        att.attachment_add(case=open_case, actor=world.clerk_haizhu, upload=upload("合同.pdf", EXE))
    assert "合同.pdf" in exc.value.message
    assert not Attachment.for_case(open_case).exists()
    assert stored_files(storage_dir) == []


def test_oversize_and_empty_refused(world, open_case, storage_dir, settings):
    settings.FAZHI_ATTACHMENT_MAX_MB = 1
    big = PDF + b"0" * (1024 * 1024)
    with pytest.raises(InvalidInput) as exc:
        att.attachment_add(case=open_case, actor=world.clerk_haizhu, upload=upload("大.pdf", big))
    assert "1 MB" in exc.value.message
    with pytest.raises(InvalidInput):
        att.attachment_add(case=open_case, actor=world.clerk_haizhu, upload=upload("空.pdf", b""))
    assert not Attachment.for_case(open_case).exists()
    assert stored_files(storage_dir) == []


def test_only_staff_over_the_case_may_upload(world, open_case, storage_dir):
    for user in (world.clerk_baiyun, world.leader_gz, world.agency_haizhu):
        with pytest.raises(PermissionDenied):
            att.attachment_add(case=open_case, actor=user, upload=upload("a.pdf", PDF))
    assert att.can_add_attachment(world.clerk_haizhu, open_case)
    assert not att.can_add_attachment(world.leader_gz, open_case)  # reads, does not upload


def test_failed_database_write_removes_the_stored_file(world, open_case, storage_dir, monkeypatch):
    def broken_save(self, *args, **kwargs):
        raise IntegrityError("simulated")

    monkeypatch.setattr(Attachment, "save", broken_save)
    with pytest.raises(IntegrityError):
        att.attachment_add(case=open_case, actor=world.clerk_haizhu, upload=upload("a.pdf", PDF))
    assert stored_files(storage_dir) == []


def test_open_checks_jurisdiction_and_logs_the_read(world, open_case, storage_dir):
    attachment = att.attachment_add(
        case=open_case, actor=world.clerk_haizhu, upload=upload("a.pdf", PDF)
    )
    found, handle = att.attachment_open(attachment_id=attachment.pk, actor=world.leader_gz)
    with handle:
        assert handle.read() == PDF
    assert found == attachment
    entry = LogEntry.objects.get(action=LogEntry.Action.ACCESS, object_pk=str(attachment.pk))
    assert entry.actor == world.leader_gz
    assert entry.additional_data == {"revealed_field": "file"}
    for user in (world.clerk_baiyun, world.agency_haizhu):
        with pytest.raises(NotFound):
            att.attachment_open(attachment_id=attachment.pk, actor=user)
    with pytest.raises(NotFound):
        att.attachment_open(attachment_id=attachment.pk + 1000, actor=world.clerk_haizhu)
    with pytest.raises(NotFound):
        att.attachment_open(attachment_id="x", actor=world.clerk_haizhu)


def test_no_download_once_the_case_is_out_of_reach(world, open_case, storage_dir):
    attachment = att.attachment_add(
        case=open_case, actor=world.clerk_haizhu, upload=upload("a.pdf", PDF)
    )
    # The case moves to Baiyun; the attachment row still carries Haizhu's region code.
    type(open_case).objects.filter(pk=open_case.pk).update(
        region_code=world.baiyun_bureau.region_id, organization=world.baiyun_bureau
    )
    assert Attachment.objects.restrict(world.clerk_haizhu).filter(pk=attachment.pk).exists()
    with pytest.raises(NotFound):
        att.attachment_open(attachment_id=attachment.pk, actor=world.clerk_haizhu)


def test_tampered_file_is_detected(world, open_case, storage_dir):
    attachment = att.attachment_add(
        case=open_case, actor=world.clerk_haizhu, upload=upload("a.pdf", PDF)
    )
    path = Path(attachment.file.path)
    path.write_bytes(PDF.replace(b"Count 0", b"Count 9"))  # same size, different content
    with pytest.raises(att.AttachmentDamaged):
        att.attachment_open(attachment_id=attachment.pk, actor=world.clerk_haizhu)
    path.unlink()
    with pytest.raises(att.AttachmentDamaged):
        att.attachment_open(attachment_id=attachment.pk, actor=world.clerk_haizhu)
    assert not LogEntry.objects.filter(
        action=LogEntry.Action.ACCESS, object_pk=str(attachment.pk)
    ).exists()


# --------------------------------------------------------------------------------------------
# Views
# --------------------------------------------------------------------------------------------


def upload_url(case) -> str:
    return reverse("cases:attachment_upload", args=[case._meta.label_lower, case.pk])


def test_upload_and_download_through_the_views(world, open_case, storage_dir, login):
    client = login(world.clerk_haizhu)
    content = docx_bytes()
    response = client.post(
        upload_url(open_case), {"file": upload("调解笔录.docx", content), "description": "第一次"}
    )
    assert response.status_code == 302
    assert response["Location"] == open_case.get_absolute_url()
    attachment = Attachment.for_case(open_case).get()
    assert attachment.sha256 == hashlib.sha256(content).hexdigest()

    response = client.get(reverse("cases:attachment_download", args=[attachment.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
    assert response["Content-Type"] == att.DOCX
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox"
    assert response["Cache-Control"] == "private, no-store"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=utf-8''%E8%B0%83%E8%A7%A3%E7%AC%94%E5%BD%95.docx" in disposition


def test_other_district_gets_404(world, open_case, storage_dir, login):
    attachment = att.attachment_add(
        case=open_case, actor=world.clerk_haizhu, upload=upload("a.pdf", PDF)
    )
    client = login(world.clerk_baiyun)
    assert client.get(reverse("cases:attachment_download", args=[attachment.pk])).status_code == 404
    response = client.post(upload_url(open_case), {"file": upload("b.pdf", PDF)})
    assert response.status_code == 404
    assert Attachment.for_case(open_case).count() == 1


def test_anonymous_is_sent_to_login(world, open_case, storage_dir, client):
    attachment = att.attachment_add(
        case=open_case, actor=world.clerk_haizhu, upload=upload("a.pdf", PDF)
    )
    response = client.get(reverse("cases:attachment_download", args=[attachment.pk]))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_leader_may_download_but_not_upload(world, open_case, storage_dir, login):
    attachment = att.attachment_add(
        case=open_case, actor=world.clerk_haizhu, upload=upload("a.pdf", PDF)
    )
    client = login(world.leader_gz)
    assert client.get(reverse("cases:attachment_download", args=[attachment.pk])).status_code == 200
    assert client.post(upload_url(open_case), {"file": upload("b.pdf", PDF)}).status_code == 403


def test_refused_upload_is_reported(world, open_case, storage_dir, login):
    client = login(world.clerk_haizhu)
    response = client.post(upload_url(open_case), {"file": upload("合同.pdf", EXE)})
    assert response.status_code == 302
    assert response["Location"] == open_case.get_absolute_url()
    reported = [str(m) for m in get_messages(response.wsgi_request)]
    assert len(reported) == 1 and "合同.pdf" in reported[0]
    assert not Attachment.for_case(open_case).exists()


def test_htmx_upload_returns_the_partial(world, open_case, storage_dir, login):
    client = login(world.clerk_haizhu)
    response = client.post(
        upload_url(open_case), {"file": upload("现场照片.png", png_bytes())}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert next(t.name for t in response.templates) == "cases/_attachments.html"
    html = response.content.decode()
    assert "现场照片.png" in html
    attachment = Attachment.for_case(open_case).get()
    assert reverse("cases:attachment_download", args=[attachment.pk]) in html
    assert attachment.sha256[:12] in html
    assert 'enctype="multipart/form-data"' in html

    response = client.post(
        upload_url(open_case), {"file": upload("合同.pdf", EXE)}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert "合同.pdf" in response.content.decode()
    assert Attachment.for_case(open_case).count() == 1


def test_damaged_file_download_redirects_with_a_message(world, open_case, storage_dir, login):
    attachment = att.attachment_add(
        case=open_case, actor=world.clerk_haizhu, upload=upload("a.pdf", PDF)
    )
    Path(attachment.file.path).write_bytes(b"%PDF-1.4 forged")
    client = login(world.clerk_haizhu)
    response = client.get(reverse("cases:attachment_download", args=[attachment.pk]))
    assert response.status_code == 302
    assert response["Location"] == open_case.get_absolute_url()


def test_large_upload_spooled_to_disk(world, open_case, storage_dir, login, settings):
    # Above FILE_UPLOAD_MAX_MEMORY_SIZE Django spools the upload to a temporary file, which
    # the storage moves into place.
    content = MP4 + bytes(range(256)) * (settings.FILE_UPLOAD_MAX_MEMORY_SIZE // 256 + 1)
    client = login(world.clerk_haizhu)
    response = client.post(upload_url(open_case), {"file": upload("调解录像.mp4", content)})
    assert response.status_code == 302
    attachment = Attachment.for_case(open_case).get()
    assert attachment.size == len(content)
    assert attachment.sha256 == hashlib.sha256(content).hexdigest()
    assert Path(attachment.file.path).read_bytes() == content


def test_big_files_are_checked_by_size_only(world, open_case, storage_dir, monkeypatch):
    monkeypatch.setattr(att, "VERIFY_MAX_BYTES", 10)
    attachment = att.attachment_add(
        case=open_case, actor=world.clerk_haizhu, upload=upload("a.pdf", PDF)
    )
    path = Path(attachment.file.path)
    path.write_bytes(PDF.replace(b"Count 0", b"Count 9"))
    _found, handle = att.attachment_open(attachment_id=attachment.pk, actor=world.clerk_haizhu)
    handle.close()
    path.write_bytes(PDF + b"more")
    with pytest.raises(att.AttachmentDamaged):
        att.attachment_open(attachment_id=attachment.pk, actor=world.clerk_haizhu)
