"""文书: official documents generated from DOCX templates and the case, as DOCX and PDF.

A business line registers its kinds of document for its case model (`register(label, kind)`);
a `DocumentKind` names a docxtpl template, a version, a context function and when the document
is available. `document_generate` fills the template with the case as it is now, has
LibreOffice render that very DOCX to PDF (`cases.pdf`: the PDF shows what a word processor
shows, each GB/T 9704 role in its face), and stores both with their SHA-256, the template
version (the kind's version plus the template file's hash) and the case version. A case shows one current document per kind:
generating a kind again makes the new one current and keeps the one it supersedes, file and
audit trail, as an earlier version (`cases.selectors.documents`); nothing is deleted or
overwritten. `document_open` hands a stored file out after the same double scope
check as attachments (the document row, then its case) and writes an access row to the audit
log.

When the PDF cannot be made (no LibreOffice, no font with Chinese characters, a failed
conversion) the DOCX is still stored, without a PDF, and the reason is logged and returned.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from cases import files
from cases.engine import holds_over, roles_over
from cases.models import GeneratedDocument
from cases.pdf import PdfUnavailable, docx_to_pdf
from cases.selectors import case_label, current_document
from core.audit import acting
from core.errors import FazhiError, InvalidInput, NotFound, PermissionDenied

logger = logging.getLogger(__name__)

ADD_PERMISSION = "cases.add_generateddocument"
DOCUMENT_LANGUAGE = "zh-hans"
FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


class DocumentDamaged(FazhiError):
    """The stored file is missing or no longer has the SHA-256 recorded when it was made."""

    status = 500
    code = "damaged"

    def __init__(self, message: str, *, document: GeneratedDocument | None = None):
        super().__init__(message)
        self.document = document


# --------------------------------------------------------------------------------------------
# Kinds of document and their registry
# --------------------------------------------------------------------------------------------


def _always(case) -> bool:
    return True


@dataclass(frozen=True)
class DocumentKind:
    """One kind of 文书 of a business line.

    title: the generated document's title (Chinese), or a function of the case giving it.
    template: path of the docxtpl .docx template.
    version: the template's version, e.g. "2026.1"; the recorded template version adds the
        first 12 hex digits of the template file's SHA-256.
    context: function of the case giving the template's context (called with the Chinese
        locale active, so that choice labels come out in Chinese).
    available: whether the document can be generated for the case in its present state.
    unavailable_reason: what to tell the user when it cannot (text or function of the case).
    name: the name offered in the list of documents (defaults to the title when it is text).
    roles: the roles that may generate it (a decision is the centre's, the closing report also
        the lawyer's); empty: every role that may generate documents over the case.
    """

    key: str
    title: str | Callable[[Any], str]
    template: str | Path
    version: str
    context: Callable[[Any], dict]
    available: Callable[[Any], bool] = _always
    unavailable_reason: Any = ""
    name: str = ""
    roles: frozenset[str] = frozenset()

    @property
    def label(self) -> str:
        if self.name:
            return str(self.name)
        return str(self.title) if not callable(self.title) else self.key

    def title_for(self, case) -> str:
        return str(self.title(case) if callable(self.title) else self.title)

    def is_available(self, case) -> bool:
        return bool(self.available(case))

    def reason_unavailable(self, case) -> str:
        reason = self.unavailable_reason
        reason = reason(case) if callable(reason) else reason
        return (
            str(reason)
            if reason
            else _("“%(name)s” cannot be generated at this stage.") % {"name": self.label}
        )

    @property
    def template_path(self) -> Path:
        return Path(self.template)

    def template_sha256(self) -> str:
        path = self.template_path
        stat = path.stat()
        return _file_sha256(str(path), stat.st_mtime_ns, stat.st_size)

    def template_version(self) -> str:
        return f"{self.version}+{self.template_sha256()[:12]}"


@lru_cache(maxsize=64)
def _file_sha256(path: str, mtime_ns: int, size: int) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


class DocumentRegistry:
    """Kinds of document per case model label ("mediation.dispute"), in registration order."""

    def __init__(self) -> None:
        self._kinds: dict[str, dict[str, DocumentKind]] = {}

    def register(self, label: str, kind: DocumentKind) -> DocumentKind:
        self._kinds.setdefault(label.lower(), {})[kind.key] = kind
        return kind

    def kinds(self, label: str) -> list[DocumentKind]:
        return list(self._kinds.get(label.lower(), {}).values())

    def get(self, label: str, key: str) -> DocumentKind | None:
        return self._kinds.get(label.lower(), {}).get(key)


registry = DocumentRegistry()


def register(label: str, kind: DocumentKind) -> DocumentKind:
    return registry.register(label, kind)


def kinds_for(case) -> list[DocumentKind]:
    """Every kind registered for this case's model (available or not; see `available_kinds`)."""
    return registry.kinds(case_label(case))


def available_kinds(case, user=None) -> list[DocumentKind]:
    """The kinds that can be generated for the case now (and, given `user`, by that user)."""
    kinds = [k for k in kinds_for(case) if k.is_available(case)]
    if user is not None:
        kinds = [k for k in kinds if can_generate(user, case, k)]
    return kinds


def kind_maker(templates: Path, version: str) -> Callable[..., DocumentKind]:
    """A maker of a line's kinds: `make(key, title, context, available, unavailable_reason)`
    gives the DocumentKind whose template is `templates / "<key>.docx"` at `version`."""

    def make(
        key: str,
        title: str | Callable[[Any], str],
        context: Callable[[Any], dict],
        available: Callable[[Any], bool] = _always,
        unavailable_reason: Any = "",
        roles: frozenset[str] | set[str] = frozenset(),
    ) -> DocumentKind:
        return DocumentKind(
            key=key,
            title=title,
            template=Path(templates) / f"{key}.docx",
            version=version,
            context=context,
            available=available,
            unavailable_reason=unavailable_reason,
            roles=frozenset(roles),
        )

    return make


def register_all(label: str, kinds) -> None:
    """Register each of a line's kinds for its case model, in order."""
    for kind in kinds:
        register(label, kind)


# --------------------------------------------------------------------------------------------
# Availability predicates (when a kind can be generated)
# --------------------------------------------------------------------------------------------


def when_set(*fields: str) -> Callable[[Any], bool]:
    """Available once every one of the case's `fields` is recorded (not None)."""

    def available(case) -> bool:
        return all(getattr(case, field) is not None for field in fields)

    return available


def when_equals(field: str, value: Any) -> Callable[[Any], bool]:
    """Available while the case's `field` holds `value`."""

    def available(case) -> bool:
        return getattr(case, field) == value

    return available


def when_text(field: str) -> Callable[[Any], bool]:
    """Available once the case's text `field` has something other than white space."""

    def available(case) -> bool:
        return bool((getattr(case, field) or "").strip())

    return available


def when_any(related: str) -> Callable[[Any], bool]:
    """Available once the case has at least one row of the related set `related`."""

    def available(case) -> bool:
        return getattr(case, related).exists()

    return available


# --------------------------------------------------------------------------------------------
# Helpers for context functions (shared by every business line)
# --------------------------------------------------------------------------------------------

#: Characters XML 1.0 does not allow (a pasted control character would break the DOCX).
_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean_text(value: Any) -> str:
    return _XML_INVALID.sub("", str(value if value is not None else "")).strip()


def blank(value: Any = "", width: int = 8) -> str:
    """The value, or a line of `width` full-width underscores to be filled in by hand."""
    text = clean_text(value)
    return text if text else "＿" * width


def text_lines(value: Any, empty_lines: int = 1, width: int = 20) -> list[str]:
    """The non-empty lines of a text (one paragraph each), or lines to be filled in by hand."""
    lines = [clean_text(line) for line in str(value or "").splitlines()]
    lines = [line for line in lines if line]
    return lines or ["＿" * width] * empty_lines


def cn_date(value: datetime.date | datetime.datetime | None) -> str:
    """2026年1月5日; a blank date to fill in by hand when there is none."""
    if value is None:
        return "　　　　年　　月　　日"
    if isinstance(value, datetime.datetime):
        from django.utils import timezone

        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return f"{value.year}年{value.month}月{value.day}日"


_CN_DIGITS = "零一二三四五六七八九"
_NUMBERED = re.compile(r"^\s*(\d+|[一二三四五六七八九十]+)\s*[、.．)）]")


def cn_number(n: int) -> str:
    """1 → 一, 12 → 十二, 30 → 三十 (up to 99; larger numbers in Arabic digits)."""
    if not 0 < n < 100:
        return str(n)
    tens, units = divmod(n, 10)
    text = ("" if tens == 1 else _CN_DIGITS[tens]) + "十" if tens else ""
    return text + (_CN_DIGITS[units] if units else "")


def numbered(lines: list[str]) -> list[str]:
    """Items numbered 1、2、3、 unless they already are (or are blanks to fill in)."""
    if any(_NUMBERED.match(line) for line in lines) or all(set(line) == {"＿"} for line in lines):
        return lines
    return [f"{i}、{line}" for i, line in enumerate(lines, 1)]


def yuan(amount: Decimal | None, *, zero_blank: bool = False) -> str:
    """3000 → "3000元", 12.5 → "12.50元"; a blank when there is no amount (and, with
    `zero_blank`, when it is zero)."""
    if amount is None or (zero_blank and not amount):
        return blank("", 6)
    text = f"{amount:.2f}"
    return (text[:-3] if text.endswith(".00") else text) + "元"


def join_names(items: list[dict], width: int = 4) -> str:
    """The "name" of each party block joined with 、, or a blank of `width` when there are none."""
    return "、".join(p["name"] for p in items) or blank("", width)


def age_on(birth: datetime.date | None, on: datetime.date) -> int | None:
    if birth is None:
        return None
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


# --------------------------------------------------------------------------------------------
# Services
# --------------------------------------------------------------------------------------------


def can_generate(user, case, kind: DocumentKind | None = None) -> bool:
    """Whether `user` holds, over this case's jurisdiction, a role that may generate 文书
    (given `kind`, one of the roles that kind allows)."""
    if kind is None or not kind.roles:
        return holds_over(user, case, ADD_PERMISSION)
    from core.roles import ROLE_PERMISSIONS

    return any(
        role in kind.roles and ADD_PERMISSION in ROLE_PERMISSIONS.get(role, ())
        for role in roles_over(user, case)
    )


def render_docx(kind: DocumentKind, case) -> bytes:
    """The kind's template filled with the case's context."""
    import jinja2
    from docxtpl import DocxTemplate

    with translation.override(DOCUMENT_LANGUAGE):
        context = kind.context(case)
    template = DocxTemplate(str(kind.template_path))
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=True)
    template.render(context, jinja_env=env, autoescape=True)
    buffer = io.BytesIO()
    template.save(buffer)
    return buffer.getvalue()


def document_generate(*, case, kind_key: str, actor) -> GeneratedDocument:
    """Generate the document `kind_key` for `case` as DOCX and PDF and keep both.

    If the PDF cannot be made (`cases.pdf.PdfUnavailable`), the DOCX is kept alone and the returned
    document carries the reason in `pdf_error` (the caller shows it as a warning). The new
    document becomes the case's current one of its kind; the one it supersedes, if any, is
    kept and returned in `replaces`.
    """
    if not can_generate(actor, case):
        raise PermissionDenied(_("You may not generate documents for this case."))
    kind = registry.get(case_label(case), str(kind_key or ""))
    if kind is None:
        message = _("Choose a document to generate.")
        raise InvalidInput(message, fields={"kind": [message]})
    if not can_generate(actor, case, kind):
        raise PermissionDenied(
            _("You may not generate “%(name)s” for this case.") % {"name": kind.label}
        )
    # The document shows the case as stored now, and records that version.
    case = type(case)._default_manager.get(pk=case.pk)
    if not kind.is_available(case):
        message = kind.reason_unavailable(case)
        raise InvalidInput(message, fields={"kind": [message]})
    title = kind.title_for(case)
    template_version = kind.template_version()
    docx_bytes = render_docx(kind, case)
    pdf_bytes, pdf_error = b"", ""
    try:
        pdf_bytes = docx_to_pdf(docx_bytes, title=title)
    except PdfUnavailable as exc:
        pdf_error = exc.message
        logger.warning("document %s for %s: no PDF: %s", kind.key, case_label(case), exc.message)

    stored: list = []
    try:
        with acting(actor), transaction.atomic():
            replaces = current_document(case, kind.key)
            document = GeneratedDocument(
                **GeneratedDocument.ref(case),
                kind=kind.key,
                title=title,
                template_version=template_version,
                case_version=case.version,
                docx_sha256=hashlib.sha256(docx_bytes).hexdigest(),
                pdf_sha256=hashlib.sha256(pdf_bytes).hexdigest() if pdf_bytes else "",
                generated_by=actor,
            )
            document.docx.save(f"{kind.key}.docx", ContentFile(docx_bytes), save=False)
            stored.append(document.docx)
            if pdf_bytes:
                document.pdf.save(f"{kind.key}.pdf", ContentFile(pdf_bytes), save=False)
                stored.append(document.pdf)
            document.save()
    except BaseException:
        for field_file in stored:
            field_file.storage.delete(field_file.name)
        raise
    document.pdf_error = pdf_error
    document.replaces = replaces
    return document


def document_open(*, document_id, fmt: str, actor, request=None):
    """(document, open binary file) of the stored DOCX or PDF, if `actor` may see both the
    document and its case; the read is written to the audit log. NotFound otherwise;
    DocumentDamaged if the stored file is missing or altered."""
    not_found = _("The document does not exist or is outside your jurisdiction.")
    if fmt not in FORMATS:
        raise NotFound(not_found)
    document, document.case = files.find_record(GeneratedDocument, document_id, actor, not_found)
    field_file = document.pdf if fmt == "pdf" else document.docx
    if not field_file:
        raise NotFound(_("No PDF was made for this document; generate it again."))

    def damaged():
        logger.error("document %s: stored %s is missing or altered", document.pk, fmt)
        message = _("The stored file of “%(title)s” is damaged or missing; generate it again.")
        return DocumentDamaged(message % {"title": document.title}, document=document)

    handle = files.open_verified(
        field_file,
        sha256=document.pdf_sha256 if fmt == "pdf" else document.docx_sha256,
        damaged=damaged,
        actor=actor,
        instance=document,
        field=fmt,
        request=request,
    )
    return document, handle


def download_name(document: GeneratedDocument, fmt: str) -> str:
    """ "（2026）穗海赤调字第0001号人民调解协议书.pdf", without characters file systems refuse."""
    case = document.case
    number = getattr(case, "number", "") or ""
    name = re.sub(r'[\\/:*?"<>|\x00-\x1f]', "_", f"{number}{document.title}").strip(" .")
    return f"{name or 'document'}.{fmt}"
