"""Attachments (附件) on cases: upload, checked by content; download, checked by permission.

An upload is accepted only if its content (not its name) is one of ALLOWED_TYPES and its name's
extension agrees with that content, it is not empty and not larger than
FAZHI_ATTACHMENT_MAX_MB. It is stored on the default storage (outside the web root) under a
random name chosen by the model's upload_to; the name the user gave is kept, cleaned, in
`original_name` only. Its SHA-256 is stored and checked again on every download.
"""

from __future__ import annotations

import logging
import os
import re
import struct
import unicodedata
import zipfile
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.files import File
from django.db import transaction
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from cases import files
from cases.engine import holds_over
from cases.models import Attachment
from core.audit import acting
from core.errors import FazhiError, InvalidInput, PermissionDenied

logger = logging.getLogger(__name__)

ADD_PERMISSION = "cases.add_attachment"

#: Stored files up to this size are hashed again on every download; larger ones are only
#: checked for their size (re-reading them on each download would cost too much).
VERIFY_MAX_BYTES = 50 * 1024 * 1024

NAME_MAX_LENGTH = 200  # Attachment.original_name


@dataclass(frozen=True)
class AllowedType:
    label: Promise | str
    extensions: tuple[str, ...]  # the first one is appended to a name without extension


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCM = "application/vnd.ms-word.document.macroEnabled.12"
XLSM = "application/vnd.ms-excel.sheet.macroEnabled.12"
DOC = "application/msword"
XLS = "application/vnd.ms-excel"
OLE2 = "application/x-ole-storage"
ZIP = "application/zip"

#: What may be attached to a case, by MIME type as sniffed from the content. Plain text, HTML,
#: archives, executables and macro-enabled Office files are deliberately absent.
ALLOWED_TYPES: dict[str, AllowedType] = {
    "application/pdf": AllowedType(gettext_lazy("PDF document"), (".pdf",)),
    "image/jpeg": AllowedType(gettext_lazy("JPEG image"), (".jpg", ".jpeg")),
    "image/png": AllowedType(gettext_lazy("PNG image"), (".png",)),
    "image/webp": AllowedType(gettext_lazy("WebP image"), (".webp",)),
    DOCX: AllowedType(gettext_lazy("Word document (.docx)"), (".docx",)),
    XLSX: AllowedType(gettext_lazy("Excel workbook (.xlsx)"), (".xlsx",)),
    DOC: AllowedType(gettext_lazy("Word 97–2003 document (.doc)"), (".doc",)),
    XLS: AllowedType(gettext_lazy("Excel 97–2003 workbook (.xls)"), (".xls",)),
    "audio/mpeg": AllowedType(gettext_lazy("MP3 audio recording"), (".mp3",)),
    # MP4 containers: recorders and phones use .m4a and .mp4 for both brands.
    "audio/mp4": AllowedType(gettext_lazy("M4A audio recording"), (".m4a", ".mp4")),
    "video/mp4": AllowedType(gettext_lazy("MP4 video recording"), (".mp4", ".m4a")),
}


def accepted_types_label() -> str:
    return "、".join(str(t.label) for t in ALLOWED_TYPES.values())


def type_label(mime: str) -> str:
    allowed = ALLOWED_TYPES.get(mime)
    return str(allowed.label) if allowed else mime


def accept_attribute() -> str:
    """The value of the file input's `accept` attribute (a hint only; the server decides)."""
    extensions = dict.fromkeys(e for t in ALLOWED_TYPES.values() for e in t.extensions)
    return ",".join(extensions)


class AttachmentDamaged(FazhiError):
    """The stored file is missing or no longer has the SHA-256 recorded at upload."""

    status = 500
    code = "damaged"

    def __init__(self, message: str, *, attachment: Attachment | None = None):
        super().__init__(message)
        self.attachment = attachment


# --------------------------------------------------------------------------------------------
# Content sniffing
# --------------------------------------------------------------------------------------------

_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = b"PK\x03\x04"


def sniff(fileobj) -> str | None:
    """The MIME type of the content of `fileobj` (a seekable binary file), or None if it is not
    recognised. The position of the file is restored."""
    position = fileobj.tell()
    try:
        fileobj.seek(0)
        head = fileobj.read(8192)
        if not head:
            return None
        if head.startswith(b"%PDF-"):
            return "application/pdf"
        if head.startswith(_ZIP_MAGIC):
            return _sniff_zip(fileobj)
        if head.startswith(_OLE2_MAGIC):
            return _sniff_ole2(fileobj)
        kind = filetype.guess(head)
        return kind.mime if kind else None
    finally:
        fileobj.seek(position)


def _sniff_zip(fileobj) -> str | None:
    """OOXML documents are zip files; tell them apart by their members (filetype's matcher
    only looks at the first few local headers and misses files written by some tools)."""
    fileobj.seek(0)
    try:
        with zipfile.ZipFile(fileobj) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError):
        return None
    if "[Content_Types].xml" in names:
        if "word/document.xml" in names:
            return DOCM if "word/vbaProject.bin" in names else DOCX
        if "xl/workbook.xml" in names:
            return XLSM if "xl/vbaProject.bin" in names else XLSX
    return ZIP


def _sniff_ole2(fileobj) -> str | None:
    """Word and Excel 97–2003 files are OLE2 compound files, like MSI installers and Outlook
    messages; tell them apart by the streams at the top of the file's directory."""
    try:
        names = _ole2_top_level_names(fileobj)
    except (ValueError, struct.error, OSError, UnicodeDecodeError):
        return None
    if "WordDocument" in names:
        return DOC
    if "Workbook" in names or "Book" in names:
        return XLS
    return OLE2


_MAXREGSECT = 0xFFFFFFFA
_NOSTREAM = 0xFFFFFFFF
_MAX_SECTORS = 1 << 20  # guards against cyclic chains in a crafted file


def _ole2_top_level_names(fileobj) -> set[str]:
    """Names of the entries directly under the root storage of a compound file ([MS-CFB])."""

    def read_at(offset: int, length: int) -> bytes:
        fileobj.seek(offset)
        data = fileobj.read(length)
        if len(data) != length:
            raise ValueError("truncated compound file")
        return data

    header = read_at(0, 512)
    shift = struct.unpack_from("<H", header, 0x1E)[0]
    if shift not in (9, 12):
        raise ValueError("bad sector size")
    sector_size = 1 << shift
    per_sector = sector_size // 4
    fat_count, first_dir = struct.unpack_from("<II", header, 0x2C)
    first_difat, difat_count = struct.unpack_from("<II", header, 0x44)
    difat = list(struct.unpack_from("<109I", header, 0x4C))
    sector = first_difat
    for _i in range(min(difat_count, _MAX_SECTORS)):
        if sector > _MAXREGSECT:
            break
        entries = struct.unpack(f"<{per_sector}I", read_at((sector + 1) * sector_size, sector_size))
        difat.extend(entries[:-1])
        sector = entries[-1]
    fat_sectors = difat[: min(fat_count, len(difat))]

    def next_sector(current: int) -> int:
        index, slot = divmod(current, per_sector)
        if index >= len(fat_sectors) or fat_sectors[index] > _MAXREGSECT:
            raise ValueError("sector outside the FAT")
        offset = (fat_sectors[index] + 1) * sector_size + slot * 4
        return struct.unpack("<I", read_at(offset, 4))[0]

    directory = bytearray()
    sector, seen = first_dir, set()
    while sector <= _MAXREGSECT:
        if sector in seen or len(seen) > _MAX_SECTORS:
            raise ValueError("cyclic directory chain")
        seen.add(sector)
        directory += read_at((sector + 1) * sector_size, sector_size)
        sector = next_sector(sector)

    count = len(directory) // 128

    def entry(index: int) -> tuple[str, int, int, int, int]:
        raw = bytes(directory[index * 128 : (index + 1) * 128])
        name_length = min(struct.unpack_from("<H", raw, 0x40)[0], 64)
        name = raw[: max(name_length - 2, 0)].decode("utf-16-le")
        kind = raw[0x42]
        left, right, child = struct.unpack_from("<III", raw, 0x44)
        return name, kind, left, right, child

    if count == 0:
        raise ValueError("empty directory")
    _name, root_kind, _left, _right, root_child = entry(0)
    if root_kind != 5:
        raise ValueError("no root storage")
    names: set[str] = set()
    stack, visited = [root_child], set()
    while stack:
        index = stack.pop()
        if index == _NOSTREAM or index >= count or index in visited:
            continue
        visited.add(index)
        name, _kind, left, right, _child = entry(index)
        names.add(name)
        stack += [left, right]
    return names


# --------------------------------------------------------------------------------------------
# Validation
# --------------------------------------------------------------------------------------------

_RESERVED_CHARS = re.compile(r'[<>:"/\\|?*]')


def clean_file_name(name: str) -> str:
    """The user's file name made safe to show and to offer back on download: no directories, no
    control or bidirectional-override characters, no characters Windows refuses; Chinese and
    full-width punctuation are kept. Never used as a storage path."""
    name = unicodedata.normalize("NFC", str(name or ""))
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if not unicodedata.category(ch).startswith("C"))
    name = _RESERVED_CHARS.sub("_", name)
    name = re.sub(r"\s+", " ", name).strip(" .")
    stem, extension = os.path.splitext(name)
    if len(extension) > 16:
        stem, extension = name, ""
    stem = stem[: NAME_MAX_LENGTH - len(extension)].rstrip(" .")
    default = pgettext("default file name", "attachment")
    return f"{stem or default}{extension}"


def max_bytes() -> int:
    return settings.FAZHI_ATTACHMENT_MAX_MB * 1024 * 1024


def validate_size(name: str, size: int) -> None:
    if not size:
        message = _("“%(name)s” is empty.") % {"name": name}
        raise InvalidInput(message, fields={"file": [message]})
    if size > max_bytes():
        message = _("“%(name)s” is larger than the limit of %(limit)s MB.") % {
            "name": name,
            "limit": settings.FAZHI_ATTACHMENT_MAX_MB,
        }
        raise InvalidInput(message, fields={"file": [message]})


def validate_type(fileobj, name: str) -> tuple[str, str]:
    """(MIME type, file name) of an acceptable file, the name given the extension of its type
    if it had none; InvalidInput if the content is not accepted or disagrees with the name."""
    mime = sniff(fileobj)
    extension = os.path.splitext(name)[1].lower()
    allowed = ALLOWED_TYPES.get(mime)
    if allowed is None:
        claimed = next((t for t in ALLOWED_TYPES.values() if extension in t.extensions), None)
        if claimed is not None:
            message = _(
                "“%(name)s”: the content does not match the file name (%(claimed)s expected). "
                "Accepted types: %(types)s."
            ) % {"name": name, "claimed": claimed.label, "types": accepted_types_label()}
        else:
            message = _("“%(name)s” cannot be attached. Accepted types: %(types)s.") % {
                "name": name,
                "types": accepted_types_label(),
            }
        raise InvalidInput(message, fields={"file": [message]})
    if not extension:
        stem = name[: NAME_MAX_LENGTH - len(allowed.extensions[0])]
        return mime, stem + allowed.extensions[0]
    if extension not in allowed.extensions:
        message = _(
            "“%(name)s”: the content is %(actual)s, which does not match the file name "
            "extension “%(extension)s”. Rename the file and upload it again."
        ) % {"name": name, "actual": allowed.label, "extension": extension}
        raise InvalidInput(message, fields={"file": [message]})
    return mime, name


# --------------------------------------------------------------------------------------------
# Services
# --------------------------------------------------------------------------------------------


def can_add_attachment(user, case) -> bool:
    """Whether `user` holds, over this case's jurisdiction, a role that may attach files."""
    return holds_over(user, case, ADD_PERMISSION)


def attachment_add(*, case, actor, upload, description: str = "") -> Attachment:
    """Attach the uploaded file `upload` (a Django File / UploadedFile) to `case`."""
    if not can_add_attachment(actor, case):
        raise PermissionDenied(_("You may not attach files to this case."))
    if not isinstance(upload, File):
        upload = File(upload, name=getattr(upload, "name", ""))
    name = clean_file_name(upload.name)
    description = (description or "").strip()
    if len(description) > 200:
        message = _("The description is limited to 200 characters.")
        raise InvalidInput(message, fields={"description": [message]})
    if upload.closed:
        upload.open("rb")
    validate_size(name, upload.size)
    mime, name = validate_type(upload, name)
    size, sha256 = files.digest(upload)
    validate_size(name, size)

    stored = None
    try:
        with acting(actor), transaction.atomic():
            attachment = Attachment(
                **Attachment.ref(case),
                original_name=name,
                content_type=mime,
                size=size,
                sha256=sha256,
                description=description,
                uploaded_by=actor,
            )
            # upload_to ignores the name given here and picks a random one.
            attachment.file.save(name, upload, save=False)
            stored = attachment.file.name
            attachment.save()
    except BaseException:
        if stored:
            attachment.file.storage.delete(stored)
        raise
    return attachment


def attachment_open(*, attachment_id, actor, request=None) -> tuple[Attachment, File]:
    """The attachment and an open binary handle on its stored file, if `actor` may see both the
    attachment and its case; the read is written to the audit log. NotFound otherwise;
    AttachmentDamaged if the stored file is missing or altered."""
    attachment, _case = files.find_record(
        Attachment,
        attachment_id,
        actor,
        _("The attachment does not exist or is outside your jurisdiction."),
    )

    def damaged():
        logger.error("attachment %s: stored file %s is missing or altered", attachment.pk,
                     attachment.file.name)  # fmt: skip
        message = _("The stored file of “%(name)s” is damaged or missing; it cannot be downloaded.")
        return AttachmentDamaged(message % {"name": attachment.original_name},
                                 attachment=attachment)  # fmt: skip

    handle = files.open_verified(
        attachment.file,
        sha256=attachment.sha256,
        size=attachment.size,
        verify_max=VERIFY_MAX_BYTES,
        damaged=damaged,
        actor=actor,
        instance=attachment,
        field="file",
        request=request,
    )
    return attachment, handle
