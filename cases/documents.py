"""文书: official documents generated from DOCX templates and the case, as DOCX and PDF.

A business line registers its kinds of document for its case model (`register(label, kind)`);
a `DocumentKind` names a docxtpl template, a version, a context function and when the document
is available. `document_generate` fills the template with the case as it is now, renders the
filled DOCX to PDF with the small renderer below (so the PDF shows exactly what the DOCX says),
and stores both with their SHA-256, the template version (the kind's version plus the
template file's hash) and the case version. Every generation is kept: generating again adds a
row, it never replaces one. `document_open` hands a stored file out after the same double scope
check as attachments (the document row, then its case) and writes an access row to the audit
log.

The PDF renderer walks the DOCX body (paragraphs and tables, in order) and lays it out with
fpdf2 on the page size and margins of the document's section (the templates use A4 and the
GB/T 9704 margins): alignment (left, centre, right, justify), first-line and side indents,
paragraph spacing and fixed or proportional line pitch, bold, underline, font size, page
breaks, tables with borders from the table or its style, horizontally and vertically merged
cells, rows split across pages, and page numbers "— N —" (odd pages right, even pages left).
Fonts named in the DOCX (仿宋_GB2312, 黑体, 方正小标宋简体 …) are replaced by embedded free
substitutes: Noto Serif CJK SC for the body, its bold for titles, Noto Sans CJK SC for 黑体
(reference/documents.md §5). FAZHI_PDF_FONT (a TTF/OTF/TTC file) replaces the body font. If no
font with Chinese characters is found the DOCX is still stored, without a PDF, and the reason
is logged and returned.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import io
import logging
import re
import subprocess
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from cases import files
from cases.engine import holds_over
from cases.models import GeneratedDocument
from cases.selectors import case_label
from core.audit import acting
from core.errors import FazhiError, InvalidInput, NotFound, PermissionDenied

logger = logging.getLogger(__name__)
# fontTools reports every subsetting step at INFO: keep that out of the application's log
# unless it was configured explicitly.
if logging.getLogger("fontTools").level == logging.NOTSET:
    logging.getLogger("fontTools").setLevel(logging.WARNING)

ADD_PERMISSION = "cases.add_generateddocument"
DOCUMENT_LANGUAGE = "zh-hans"
FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


class PdfFontMissing(FazhiError):
    """No usable font with Chinese characters: the PDF cannot be made (the DOCX can)."""

    status = 500
    code = "pdf_font_missing"


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
    """

    key: str
    title: str | Callable[[Any], str]
    template: str | Path
    version: str
    context: Callable[[Any], dict]
    available: Callable[[Any], bool] = _always
    unavailable_reason: Any = ""
    name: str = ""

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


def available_kinds(case) -> list[DocumentKind]:
    return [k for k in kinds_for(case) if k.is_available(case)]


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


def age_on(birth: datetime.date | None, on: datetime.date) -> int | None:
    if birth is None:
        return None
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


# --------------------------------------------------------------------------------------------
# Services
# --------------------------------------------------------------------------------------------


def can_generate(user, case) -> bool:
    """Whether `user` holds, over this case's jurisdiction, a role that may generate 文书."""
    return holds_over(user, case, ADD_PERMISSION)


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

    If the PDF cannot be made for want of a font, the DOCX is kept alone and the returned
    document carries the reason in `pdf_error` (the caller shows it as a warning).
    """
    if not can_generate(actor, case):
        raise PermissionDenied(_("You may not generate documents for this case."))
    kind = registry.get(case_label(case), str(kind_key or ""))
    if kind is None:
        message = _("Choose a document to generate.")
        raise InvalidInput(message, fields={"kind": [message]})
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
    except PdfFontMissing as exc:
        pdf_error = exc.message
        logger.warning("document %s for %s: no PDF: %s", kind.key, case_label(case), exc.message)

    stored: list = []
    try:
        with acting(actor), transaction.atomic():
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


# --------------------------------------------------------------------------------------------
# Fonts for the PDF
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FontFace:
    path: str
    index: int = 0


#: Where distributions install the Noto CJK fonts (Debian/Ubuntu fonts-noto-cjk first).
FONT_DIRS = (
    "/usr/share/fonts/opentype/noto",
    "/usr/share/fonts/opentype/noto-cjk",
    "/usr/share/fonts/noto-cjk",
    "/usr/share/fonts/google-noto-cjk",
    "/usr/share/fonts/google-noto-serif-cjk-fonts",
    "/usr/share/fonts/google-noto-sans-cjk-fonts",
    "/usr/share/fonts/noto",
    "/usr/local/share/fonts",
)
FONT_FILES = {
    "serif": ("NotoSerifCJK-Regular.ttc", "NotoSerifCJKsc-Regular.otf", "NotoSerifSC-Regular.otf"),
    "serif_bold": ("NotoSerifCJK-Bold.ttc", "NotoSerifCJKsc-Bold.otf", "NotoSerifSC-Bold.otf"),
    "sans": ("NotoSansCJK-Regular.ttc", "NotoSansCJKsc-Regular.otf", "NotoSansSC-Regular.otf"),
    "sans_bold": ("NotoSansCJK-Bold.ttc", "NotoSansCJKsc-Bold.otf", "NotoSansSC-Bold.otf"),
}
FONT_PATTERNS = {
    "serif": "Noto Serif CJK SC:style=Regular",
    "serif_bold": "Noto Serif CJK SC:style=Bold",
    "sans": "Noto Sans CJK SC:style=Regular",
    "sans_bold": "Noto Sans CJK SC:style=Bold",
}
#: A font is usable only if it has these (some free "仿宋" fonts lack 调, 协, 议, 纠, 纷).
FONT_SAMPLE = "人民调解协议书纠纷申请"


def font_missing_message() -> str:
    return _(
        "The PDF cannot be made: no font with Chinese characters was found on the server. "
        "Install the fonts-noto-cjk package (apt-get install fonts-noto-cjk) or set "
        "FAZHI_PDF_FONT to the path of a TTF, OTF or TTC font with Chinese characters. "
        "The DOCX file was generated."
    )


@lru_cache(maxsize=32)
def _face_in(path: str, index: int | None) -> FontFace | None:
    """The face of `path` to use (for a collection the Simplified Chinese one, or the face
    `index`), if it covers FONT_SAMPLE."""
    from fontTools.ttLib import TTCollection, TTFont, TTLibError

    try:
        if Path(path).suffix.lower() in (".ttc", ".otc"):
            faces = TTCollection(path, lazy=True).fonts
            order = [index] if index is not None else _simplified_first(faces)
            for i in order:
                if 0 <= i < len(faces) and _covers(faces[i]):
                    return FontFace(path, i)
            return None
        font = TTFont(path, lazy=True)
        return FontFace(path, 0) if _covers(font) else None
    except (OSError, TTLibError, KeyError, AssertionError, ValueError):
        return None


def _simplified_first(faces) -> list[int]:
    def score(i: int) -> int:
        name = " ".join(str(faces[i]["name"].getDebugName(n) or "") for n in (1, 4, 16))
        return 0 if re.search(r"\bSC\b|GB|简", name) else 1

    return sorted(range(len(faces)), key=score)


def _covers(font) -> bool:
    cmap = font.getBestCmap() or {}
    return all(ord(ch) in cmap for ch in FONT_SAMPLE)


def _fc_match(pattern: str) -> FontFace | None:
    try:
        result = subprocess.run(
            ["fc-match", "-f", "%{file}|%{index}", pattern],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    path, _sep, index = result.stdout.strip().partition("|")
    if result.returncode != 0 or not path or not Path(path).is_file():
        return None
    return _face_in(path, int(index) if index.isdigit() else None)


def _standard_face(role: str) -> FontFace | None:
    for directory in FONT_DIRS:
        for name in FONT_FILES[role]:
            path = Path(directory) / name
            if path.is_file() and (face := _face_in(str(path), None)):
                return face
    return _fc_match(FONT_PATTERNS[role])


def find_fonts() -> dict[str, FontFace]:
    """The faces for "serif" (body), "serif_bold", "sans" and "sans_bold"; PdfFontMissing if
    there is no body font. A missing bold or sans face falls back to the body face."""
    configured = str(getattr(settings, "FAZHI_PDF_FONT", "") or "")
    return dict(_find_fonts(configured))


@lru_cache(maxsize=8)
def _find_fonts(configured: str) -> tuple[tuple[str, FontFace], ...]:
    if configured:
        body = _face_in(configured, None) if Path(configured).is_file() else None
        if body is None:
            logger.error("FAZHI_PDF_FONT=%s is not a font with Chinese characters", configured)
            raise PdfFontMissing(font_missing_message())
    else:
        body = _standard_face("serif")
        if body is None:
            raise PdfFontMissing(font_missing_message())
    faces = {"serif": body}
    for role in ("serif_bold", "sans", "sans_bold"):
        faces[role] = _standard_face(role) or (faces["sans"] if role == "sans_bold" else body)
    return tuple(faces.items())


# --------------------------------------------------------------------------------------------
# DOCX → PDF
# --------------------------------------------------------------------------------------------

_NS = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
PT = 25.4 / 72  # millimetres per point


def _w(tag: str) -> str:
    return _NS + tag


def _twips_mm(value) -> float:
    try:
        return int(float(value)) / 1440 * 25.4
    except (TypeError, ValueError):
        return 0.0


def _on(element) -> bool:
    value = element.get(_w("val"))
    return value is None or value.lower() not in ("0", "false", "off", "none")


def _pick(elements: Iterable, tag: str, attr: str = "val"):
    for element in elements:
        found = element.find(_w(tag))
        if found is not None and found.get(_w(attr)) is not None:
            return found.get(_w(attr))
    return None


def _first(elements: Iterable, tag: str):
    for element in elements:
        found = element.find(_w(tag))
        if found is not None:
            return found
    return None


class _StyleSheet:
    def __init__(self, document):
        root = document.styles.element
        self.by_id: dict[str, Any] = {}
        self.default_paragraph = None
        for style in root.findall(_w("style")):
            style_id = style.get(_w("styleId"))
            self.by_id[style_id] = style
            if style.get(_w("type")) == "paragraph" and style.get(_w("default")) in ("1", "true"):
                self.default_paragraph = style_id
        defaults = root.find(_w("docDefaults"))
        self.rpr_default = self.ppr_default = None
        if defaults is not None:
            self.rpr_default = defaults.find(f"{_w('rPrDefault')}/{_w('rPr')}")
            self.ppr_default = defaults.find(f"{_w('pPrDefault')}/{_w('pPr')}")

    def chain(self, style_id):
        styles, seen = [], set()
        while style_id and style_id not in seen and style_id in self.by_id:
            seen.add(style_id)
            style = self.by_id[style_id]
            styles.append(style)
            based = style.find(_w("basedOn"))
            style_id = based.get(_w("val")) if based is not None else None
        return styles

    def table_chain(self, tbl):
        tbl_pr = tbl.find(_w("tblPr"))
        style = tbl_pr.find(_w("tblStyle")) if tbl_pr is not None else None
        chain = self.chain(style.get(_w("val")) if style is not None else None)
        return [e for e in [tbl_pr, *[s.find(_w("tblPr")) for s in chain]] if e is not None]


@dataclass
class _Style:
    face: str
    size: float  # points
    underline: bool = False


@dataclass
class _Token:
    text: str
    kind: str  # "word", "space", "break", "page"
    style: _Style | None = None
    width: float = 0.0  # millimetres


@dataclass
class _Line:
    height: float
    ascent: float
    items: list = dataclasses.field(default_factory=list)  # (x, token)
    page_after: bool = False


@dataclass
class _Gap:
    height: float


@dataclass
class _Paragraph:
    align: str = "left"
    left: float = 0.0
    right: float = 0.0
    first: float = 0.0
    before: float = 0.0
    after: float = 0.0
    line_rule: str = "auto"
    line_value: float = 240.0
    page_break_before: bool = False
    mark_size: float = 10.5
    pieces: list = dataclasses.field(default_factory=list)  # (kind, text, style)


CLOSING = set("，。、；：？！）》」』】〕”’….,;:?!)]}%")
OPENING = set("（《「『【〔“‘([{")
_SPLIT = re.compile(r"[!-~]+| |.", re.DOTALL)


class _PDF:
    """fpdf2 wrapped with lazy font loading, glyph fallback and the page-number footer."""

    def __init__(self, faces: dict[str, FontFace], geometry: dict[str, float], title: str):
        from fpdf import FPDF

        book = self

        class _Doc(FPDF):
            def footer(self):
                book.page_number()

        self.geometry = geometry
        self.faces = faces
        self.pdf = pdf = _Doc(unit="mm", format=(geometry["width"], geometry["height"]))
        pdf.set_auto_page_break(False)
        pdf.set_margins(geometry["left"], geometry["top"], geometry["right"])
        pdf.set_creator("Fazhi")
        pdf.set_lang("zh-CN")
        if title:
            pdf.set_title(title)
        self._families: dict[FontFace, str] = {}
        self._widths: dict[tuple, float] = {}

    def family(self, face: str) -> str:
        font_face = self.faces[face]
        family = self._families.get(font_face)
        if family is None:
            family = f"f{len(self._families)}"
            self.pdf.add_font(family, "", font_face.path, collection_font_number=font_face.index)
            self._families[font_face] = family
        return family

    def font(self, face: str):
        return self.pdf.fonts[self.family(face)]

    def fake_bold(self, face: str) -> bool:
        return face.endswith("_bold") and self.faces[face] == self.faces[face[: -len("_bold")]]

    def face_for(self, face: str, ch: str) -> str:
        """`face`, or another face that has the glyph for `ch`."""
        code = ord(ch)
        if code in self.font(face).cmap or ch.isspace():
            return face
        for other in ("serif", "sans", "serif_bold", "sans_bold"):
            if code in self.font(other).cmap:
                return other
        return face

    def width(self, text: str, style: _Style) -> float:
        key = (text, style.face, style.size)
        if key not in self._widths:
            cw = self.font(style.face).cw
            self._widths[key] = sum(cw[ord(c)] for c in text) * style.size * 0.001 * PT
        return self._widths[key]

    def draw(self, x: float, baseline: float, text: str, style: _Style) -> None:
        from fpdf.enums import TextMode

        pdf = self.pdf
        pdf.set_font(self.family(style.face), "", style.size)
        if self.fake_bold(style.face):
            pdf.text_mode = TextMode.FILL_STROKE
            pdf.set_line_width(style.size * 0.025 * PT)
            pdf.text(x, baseline, text)
            pdf.text_mode = TextMode.FILL
        else:
            pdf.text(x, baseline, text)
        if style.underline:
            pdf.set_line_width(max(style.size * 0.05 * PT, 0.15))
            under = baseline + style.size * 0.12 * PT
            pdf.line(x, under, x + self.width(text, style), under)

    def page_number(self) -> None:
        g, pdf = self.geometry, self.pdf
        number = pdf.page_no()
        style = _Style("serif", 14)
        text = f"— {number} —"
        width = self.width(text, style)
        one_char = 14 * PT
        baseline = g["height"] - g["bottom"] + 7 + 14 * 0.88 * PT
        if number % 2:
            x = g["width"] - g["right"] - one_char - width
        else:
            x = g["left"] + one_char
        self.draw(x, baseline, text, style)


class _Renderer:
    def __init__(self, document, faces: dict[str, FontFace], title: str):
        self.document = document
        self.sheet = _StyleSheet(document)
        self.geometry = self._geometry(document)
        self.out = _PDF(faces, self.geometry, title)
        self.pdf = self.out.pdf
        g = self.geometry
        self.x0 = g["left"]
        self.text_width = g["width"] - g["left"] - g["right"]
        self.top = g["top"]
        self.bottom = g["height"] - g["bottom"]
        self.y = self.top
        self.pdf.add_page()

    @staticmethod
    def _geometry(document) -> dict[str, float]:
        geometry = {
            "width": 210.0,
            "height": 297.0,
            "top": 37.0,
            "bottom": 35.0,
            "left": 28.0,
            "right": 26.0,
        }
        body = document.element.body
        sect = body.find(_w("sectPr"))
        if sect is None:
            return geometry
        size, margins = sect.find(_w("pgSz")), sect.find(_w("pgMar"))
        values = {}
        if size is not None:
            values["width"] = _twips_mm(size.get(_w("w")))
            values["height"] = _twips_mm(size.get(_w("h")))
        if margins is not None:
            for side in ("top", "bottom", "left", "right"):
                values[side] = abs(_twips_mm(margins.get(_w(side))))
        for key, value in values.items():
            if value > 0:
                geometry[key] = value
        if geometry["left"] + geometry["right"] > geometry["width"] - 20:
            geometry.update(left=28.0, right=26.0)
        if geometry["top"] + geometry["bottom"] > geometry["height"] - 20:
            geometry.update(top=37.0, bottom=35.0)
        return geometry

    # -- reading the DOCX -----------------------------------------------------------------------

    def paragraph(self, p) -> _Paragraph:
        sheet = self.sheet
        ppr = p.find(_w("pPr"))
        style_el = ppr.find(_w("pStyle")) if ppr is not None else None
        style_id = style_el.get(_w("val")) if style_el is not None else sheet.default_paragraph
        styles = sheet.chain(style_id) or sheet.chain(sheet.default_paragraph)
        pprs = [
            e
            for e in [ppr, *[s.find(_w("pPr")) for s in styles], sheet.ppr_default]
            if e is not None
        ]
        style_rprs = [
            e for e in [*[s.find(_w("rPr")) for s in styles], sheet.rpr_default] if e is not None
        ]
        para = _Paragraph()
        align = _pick(pprs, "jc") or "left"
        para.align = {
            "start": "left",
            "end": "right",
            "justify": "both",
            "distribute": "distribute",
            "both": "both",
            "center": "center",
            "right": "right",
        }.get(align, "left")
        mark_rprs = ([ppr.find(_w("rPr"))] if ppr is not None else []) + style_rprs
        mark_rprs = [e for e in mark_rprs if e is not None]
        size = _pick(mark_rprs, "sz")
        para.mark_size = int(size) / 2 if size else 10.5
        # Indents: the most specific level that sets a value decides (characters win there).
        for names, attr in (
            (("firstLineChars", "firstLine", "hangingChars", "hanging"), "first"),
            (("leftChars", "left", "startChars", "start"), "left"),
            (("rightChars", "right", "endChars", "end"), "right"),
        ):
            for element in pprs:
                ind = element.find(_w("ind"))
                if ind is None or not any(ind.get(_w(n)) is not None for n in names):
                    continue
                value = 0.0
                for n in names:
                    raw = ind.get(_w(n))
                    if raw is None:
                        continue
                    if n.endswith("Chars"):
                        if int(raw or 0) == 0:
                            continue
                        value = int(raw) / 100 * para.mark_size * PT
                    else:
                        value = _twips_mm(raw)
                    if n.startswith("hanging"):
                        value = -value
                    break
                setattr(para, attr, value)
                break
        before, after = _pick(pprs, "spacing", "before"), _pick(pprs, "spacing", "after")
        para.before, para.after = _twips_mm(before or 0), _twips_mm(after or 0)
        for element in pprs:
            spacing = element.find(_w("spacing"))
            if spacing is not None and spacing.get(_w("line")) is not None:
                para.line_value = float(spacing.get(_w("line")))
                para.line_rule = spacing.get(_w("lineRule")) or "auto"
                break
        page_break = _first(pprs, "pageBreakBefore")
        para.page_break_before = page_break is not None and _on(page_break)

        for r in p.iter(_w("r")):
            if any(a.tag == _w("txbxContent") for a in r.iterancestors()):
                continue
            rpr = r.find(_w("rPr"))
            run_styles = []
            if rpr is not None and rpr.find(_w("rStyle")) is not None:
                run_styles = sheet.chain(rpr.find(_w("rStyle")).get(_w("val")))
            rprs = [
                e
                for e in [rpr, *[s.find(_w("rPr")) for s in run_styles], *style_rprs]
                if e is not None
            ]
            vanish = _first(rprs, "vanish")
            if vanish is not None and _on(vanish):
                continue
            size = _pick(rprs, "sz")
            bold_el = _first(rprs, "b")
            underline = _pick(rprs, "u")
            font_name = _pick(rprs, "rFonts", "eastAsia") or _pick(rprs, "rFonts", "ascii")
            style = _Style(
                face=_face_name(font_name, bold_el is not None and _on(bold_el)),
                size=int(size) / 2 if size else 10.5,
                underline=bool(underline) and underline != "none",
            )
            for child in r:
                tag = child.tag
                if tag == _w("t"):
                    para.pieces.append(("text", child.text or "", style))
                elif tag == _w("tab"):
                    para.pieces.append(("text", "\u3000\u3000", style))
                elif tag == _w("br"):
                    kind = "page" if child.get(_w("type")) == "page" else "break"
                    para.pieces.append((kind, "", style))
                elif tag == _w("cr"):
                    para.pieces.append(("break", "", style))
                elif tag == _w("noBreakHyphen"):
                    para.pieces.append(("text", "-", style))
        return para

    # -- layout -----------------------------------------------------------------------------

    def tokens(self, para: _Paragraph) -> list[_Token]:
        out = self.out
        tokens: list[_Token] = []
        for kind, text, style in para.pieces:
            if kind != "text":
                tokens.append(_Token("", kind, style))
                continue
            for match in _SPLIT.finditer(text):
                chunk = match.group()
                if chunk in ("\n", "\r"):
                    tokens.append(_Token("", "break", style))
                    continue
                if chunk == " ":
                    tokens.append(_Token(" ", "space", style, out.width(" ", style)))
                    continue
                face = out.face_for(style.face, chunk[0])
                token_style = style if face == style.face else dataclasses.replace(style, face=face)
                tokens.append(_Token(chunk, "word", token_style, out.width(chunk, token_style)))
        return tokens

    def layout(self, para: _Paragraph, width: float) -> list:
        """The paragraph as blocks (gaps and lines) for a box `width` millimetres wide."""
        tokens = self.tokens(para)
        lines: list[_Line] = []
        current: list[_Token] = []
        used = 0.0

        def room() -> float:
            first = para.first if not lines else 0.0
            return max(width - para.left - para.right - first, 5.0)

        def finish(hard: bool, page: bool = False) -> None:
            nonlocal current, used
            while current and current[-1].kind == "space":
                current.pop()
            lines.append(self._line(para, current, width, not lines, hard, page))
            current, used = [], 0.0

        i = 0
        while i < len(tokens):
            token = tokens[i]
            if token.kind in ("break", "page"):
                finish(True, token.kind == "page")
                i += 1
                continue
            if token.kind == "space" and not current and lines and not lines[-1].page_after:
                i += 1  # no space at the start of a wrapped line
                continue
            if used + token.width <= room() + 0.01:
                current.append(token)
                used += token.width
                i += 1
                continue
            if not current:
                # A word wider than the line: break it between characters.
                if len(token.text) > 1:
                    parts = [
                        _Token(ch, "word", token.style, self.out.width(ch, token.style))
                        for ch in token.text
                    ]
                    tokens[i : i + 1] = parts
                    continue
                current.append(token)
                used += token.width
                i += 1
                continue
            carry: list[_Token] = []
            # No closing punctuation at the start of a line: the character before it goes
            # down with it. No opening punctuation at the end of a line: it goes down too.
            if token.text[0] in CLOSING and len(current) > 1 and current[-1].kind == "word":
                carry.insert(0, current.pop())
            while len(current) > 1 and current[-1].text and current[-1].text[-1] in OPENING:
                carry.insert(0, current.pop())
            finish(False)
            current = carry
            used = sum(t.width for t in carry)
        finish(True)
        blocks: list = []
        if para.before:
            blocks.append(_Gap(para.before))
        blocks.extend(lines)
        if para.after:
            blocks.append(_Gap(para.after))
        return blocks

    def _line(self, para, tokens, width, first, hard, page) -> _Line:
        size = max((t.style.size for t in tokens if t.style), default=para.mark_size)
        natural = size * 1.3
        value = para.line_value
        if para.line_rule == "exact":
            height = value / 20
        elif para.line_rule == "atLeast":
            height = max(value / 20, natural)
        else:
            height = natural * (value / 240 if value else 1)
        ascent = (height - size) / 2 + size * 0.88
        indent = para.left + (para.first if first else 0.0)
        room = width - indent - para.right
        used = sum(t.width for t in tokens)
        extra = room - used
        gaps = len(tokens) - 1
        spread = 0.0
        offset = 0.0
        if para.align == "center":
            offset = max(extra / 2, 0)
        elif para.align == "right":
            offset = max(extra, 0)
        elif para.align in ("both", "distribute") and gaps > 0 and extra > 0:
            if para.align == "distribute" or not hard:
                spread = extra / gaps
        items, x = [], indent + offset
        for token in tokens:
            items.append((x, token))
            x += token.width + spread
        return _Line(height * PT, ascent * PT, items, page)

    # -- drawing ------------------------------------------------------------------------------

    def new_page(self) -> None:
        self.pdf.add_page()
        self.y = self.top

    def draw_line(self, line: _Line, x0: float, y: float) -> None:
        baseline = y + line.ascent
        run_text, run_x, run_end, run_style = "", 0.0, 0.0, None
        for x, token in line.items:
            if token.kind not in ("word", "space"):
                continue
            if run_style == token.style and abs(x - run_end) < 0.01:
                run_text += token.text
                run_end = x + token.width
                continue
            if run_text.strip():
                self.out.draw(x0 + run_x, baseline, run_text, run_style)
            run_text, run_x, run_end, run_style = token.text, x, x + token.width, token.style
        if run_text.strip():
            self.out.draw(x0 + run_x, baseline, run_text, run_style)

    def body_paragraph(self, p) -> None:
        para = self.paragraph(p)
        if para.page_break_before and self.y > self.top:
            self.new_page()
        for block in self.layout(para, self.text_width):
            if isinstance(block, _Gap):
                if self.y > self.top:
                    self.y = min(self.y + block.height, self.bottom)
                continue
            if self.y + block.height > self.bottom + 0.01 and self.y > self.top:
                self.new_page()
            self.draw_line(block, self.x0, self.y)
            self.y += block.height
            if block.page_after:
                self.new_page()

    def render(self) -> bytes:
        self.blocks(self.document.element.body)
        return bytes(self.pdf.output())

    def blocks(self, parent) -> None:
        for child in parent:
            if child.tag == _w("p"):
                self.body_paragraph(child)
            elif child.tag == _w("tbl"):
                _Table(self, child).draw()
            elif child.tag == _w("sdt"):
                content = child.find(_w("sdtContent"))
                if content is not None:
                    self.blocks(content)


def _face_name(font_name: str | None, bold: bool) -> str:
    name = font_name or ""
    if "标宋" in name:
        base, bold = "serif", True
    elif any(k in name for k in ("黑", "Hei", "hei", "Sans", "sans", "Gothic")):
        base = "sans"
    else:
        base = "serif"
    return f"{base}_bold" if bold else base


def _span(tc) -> int:
    tc_pr = tc.find(_w("tcPr"))
    value = _pick([tc_pr], "gridSpan") if tc_pr is not None else None
    return int(value) if value and value.isdigit() and int(value) > 0 else 1


@dataclass
class _Cell:
    row: int
    col: int
    span: int
    element: Any
    rowspan: int = 1
    valign: str = "top"
    blocks: list = dataclasses.field(default_factory=list)
    content: float = 0.0
    borders: dict = dataclasses.field(default_factory=dict)


class _Table:
    """A w:tbl: grid, merged cells, borders, row heights, pagination."""

    SIDES = ("top", "left", "bottom", "right")

    def __init__(self, renderer: _Renderer, tbl):
        self.r = renderer
        self.tbl = tbl
        self.chain = renderer.sheet.table_chain(tbl)
        widths = [
            _twips_mm(c.get(_w("w"))) for c in tbl.findall(f"{_w('tblGrid')}/{_w('gridCol')}")
        ]
        rows = tbl.findall(_w("tr"))
        columns = max(
            [len(widths), *(sum(_span(tc) for tc in tr.findall(_w("tc"))) for tr in rows)]
        )
        if len(widths) < columns or not all(w > 0 for w in widths):
            widths = [renderer.text_width / max(columns, 1)] * max(columns, 1)
        total = sum(widths)
        if total > renderer.text_width:
            widths = [w * renderer.text_width / total for w in widths]
        self.widths = widths
        self.width = sum(widths)
        jc = _pick(self.chain, "jc")
        indent = _twips_mm(_pick(self.chain, "tblInd", "w") or 0)
        if jc == "center":
            self.x = renderer.x0 + (renderer.text_width - self.width) / 2
        elif jc in ("right", "end"):
            self.x = renderer.x0 + renderer.text_width - self.width
        else:
            self.x = renderer.x0 + indent
        self.margin = {"top": 0.0, "bottom": 0.0, "left": 1.9, "right": 1.9}
        cell_margins = [e.find(_w("tblCellMar")) for e in self.chain]
        cell_margins = [e for e in cell_margins if e is not None]
        for side, alias in (
            ("top", "top"),
            ("bottom", "bottom"),
            ("left", "start"),
            ("right", "end"),
        ):
            value = _pick(cell_margins, side, "w") or _pick(cell_margins, alias, "w")
            if value is not None:
                self.margin[side] = _twips_mm(value)
        self.table_borders = self._borders(
            _first(self.chain, "tblBorders"),
            ("top", "left", "bottom", "right", "insideH", "insideV"),
        )
        self._read_rows(rows)

    @staticmethod
    def _borders(element, sides) -> dict:
        result = {}
        if element is None:
            return result
        for side in sides:
            found = element.find(_w(side))
            if found is None and side in ("left", "right"):
                found = element.find(_w("start" if side == "left" else "end"))
            if found is None:
                continue
            value = found.get(_w("val")) or "nil"
            size = found.get(_w("sz"))
            width = (int(size) / 8 if size and size.isdigit() else 0.5) * PT
            result[side] = None if value in ("nil", "none") else max(width, 0.1)
        return result

    def _read_rows(self, rows) -> None:
        self.cells: list[_Cell] = []
        self.heights: list[float] = []
        self.exact: list[bool] = []
        self.row_cells: list[list[_Cell]] = []
        by_position: dict[tuple[int, int], _Cell] = {}
        for r, tr in enumerate(rows):
            tr_pr = tr.find(_w("trPr"))
            height, exact, col = 0.0, False, 0
            if tr_pr is not None:
                h = tr_pr.find(_w("trHeight"))
                if h is not None:
                    height = _twips_mm(h.get(_w("val")))
                    exact = h.get(_w("hRule")) == "exact"
                before = tr_pr.find(_w("gridBefore"))
                if before is not None:
                    col = int(before.get(_w("val")) or 0)
            self.heights.append(height)
            self.exact.append(exact)
            cells_here: list[_Cell] = []
            for tc in tr.findall(_w("tc")):
                tc_pr = tc.find(_w("tcPr"))
                props = [tc_pr] if tc_pr is not None else []
                span = _span(tc)
                vmerge = tc_pr.find(_w("vMerge")) if tc_pr is not None else None
                if vmerge is not None and (vmerge.get(_w("val")) or "continue") == "continue":
                    origin = by_position.get((r - 1, col))
                    if origin is not None:
                        origin.rowspan += 1
                        by_position[(r, col)] = origin
                        col += span
                        continue
                cell = _Cell(r, col, span, tc, valign=_pick(props, "vAlign") or "top")
                cell.borders = self._borders(
                    tc_pr.find(_w("tcBorders")) if tc_pr is not None else None, self.SIDES
                )
                by_position[(r, col)] = cell
                self.cells.append(cell)
                cells_here.append(cell)
                col += span
            self.row_cells.append(cells_here)
        for cell in self.cells:
            inner = self.cell_width(cell) - self.margin["left"] - self.margin["right"]
            blocks: list = []
            for child in cell.element:
                if child.tag == _w("p"):
                    blocks += self.r.layout(self.r.paragraph(child), inner)
                elif child.tag == _w("tbl"):  # nested tables: their paragraphs, in order
                    for p in child.iter(_w("p")):
                        blocks += self.r.layout(self.r.paragraph(p), inner)
            cell.blocks = blocks
            cell.content = sum(b.height for b in blocks)
        n = len(rows)
        for cell in self.cells:
            if cell.rowspan == 1 and not self.exact[cell.row]:
                need = cell.content + self.margin["top"] + self.margin["bottom"]
                self.heights[cell.row] = max(self.heights[cell.row], need)
        for cell in self.cells:
            if cell.rowspan > 1:
                last = min(cell.row + cell.rowspan, n) - 1
                need = cell.content + self.margin["top"] + self.margin["bottom"]
                have = sum(self.heights[cell.row : last + 1])
                if need > have:
                    self.heights[last] += need - have
        self.heights = [max(h, 1.0) for h in self.heights]

    def cell_width(self, cell: _Cell) -> float:
        return sum(self.widths[cell.col : cell.col + cell.span])

    def edge(self, cell: _Cell, side: str, last_row: int) -> float | None:
        if side in cell.borders:
            return cell.borders[side]
        outer = {
            "top": cell.row == 0,
            "bottom": last_row == len(self.heights) - 1,
            "left": cell.col == 0,
            "right": cell.col + cell.span >= len(self.widths),
        }[side]
        key = side if outer else ("insideH" if side in ("top", "bottom") else "insideV")
        return self.table_borders.get(key)

    def group_end(self, start: int) -> int:
        end = start
        r = start
        while r <= end:
            for cell in self.row_cells[r]:
                end = max(end, cell.row + cell.rowspan - 1)
            r += 1
        return min(end, len(self.heights) - 1)

    def draw(self) -> None:
        r = self.r
        row = 0
        n = len(self.heights)
        while row < n:
            end = self.group_end(row)
            height = sum(self.heights[row : end + 1])
            if r.y + height <= r.bottom + 0.01:
                self.draw_rows(row, end, r.y)
                r.y += height
                row = end + 1
                continue
            splittable = end == row and not self.exact[row]
            room = r.bottom - r.y
            if r.y > r.top and (not splittable or room < 12 or height <= r.bottom - r.top):
                r.new_page()
                continue
            if not splittable:  # taller than a page and tied by merged cells: let it run over
                self.draw_rows(row, end, r.y)
                r.y = r.bottom
                row = end + 1
                if row < n:
                    r.new_page()
                continue
            self.draw_split_row(row)
            row += 1

    def draw_rows(self, start: int, end: int, y: float) -> None:
        tops = {}
        acc = y
        for index in range(start, end + 1):
            tops[index] = acc
            acc += self.heights[index]
        for index in range(start, end + 1):
            for cell in self.row_cells[index]:
                last = min(cell.row + cell.rowspan - 1, len(self.heights) - 1)
                height = sum(self.heights[cell.row : last + 1])
                self.draw_cell(cell, tops[index], height, cell.blocks, last, True, True)

    def draw_cell(self, cell, y, height, blocks, last_row, top_edge, bottom_edge) -> None:
        r = self.r
        x = self.x + sum(self.widths[: cell.col])
        width = self.cell_width(cell)
        content = sum(b.height for b in blocks)
        inner_top = y + self.margin["top"]
        room = height - self.margin["top"] - self.margin["bottom"]
        if cell.valign == "center":
            inner_top += max((room - content) / 2, 0)
        elif cell.valign == "bottom":
            inner_top += max(room - content, 0)
        cursor = inner_top
        for block in blocks:
            if isinstance(block, _Line):
                r.draw_line(block, x + self.margin["left"], cursor)
            cursor += block.height
        pdf = r.pdf
        lines = {
            "top": (x, y, x + width, y) if top_edge else None,
            "bottom": (x, y + height, x + width, y + height) if bottom_edge else None,
            "left": (x, y, x, y + height),
            "right": (x + width, y, x + width, y + height),
        }
        for side, coords in lines.items():
            weight = self.edge(cell, side, last_row) if coords else None
            if weight:
                pdf.set_line_width(weight)
                pdf.line(*coords)

    def draw_split_row(self, row: int) -> None:
        """A row taller than the room left: its cells continue on the next page(s)."""
        r = self.r
        pending = {id(c): list(c.blocks) for c in self.row_cells[row]}
        pad = self.margin["top"] + self.margin["bottom"]
        minimum = self.heights[row]
        first = True
        while True:
            room = r.bottom - r.y - pad
            parts, left_over = {}, False
            for cell in self.row_cells[row]:
                taken, used = [], 0.0
                queue = pending[id(cell)]
                while queue:
                    fits = used + queue[0].height <= room + 0.01
                    if not fits and (taken or r.y > r.top):
                        break
                    block = queue.pop(0)
                    taken.append(block)
                    used += block.height
                parts[id(cell)] = taken
                left_over = left_over or bool(queue)
            used = max((sum(b.height for b in p) for p in parts.values()), default=0.0) + pad
            height = (r.bottom - r.y) if left_over else max(used, minimum if first else used)
            for cell in self.row_cells[row]:
                saved = cell.valign
                cell.valign = "top" if left_over or not first else saved
                self.draw_cell(cell, r.y, height, parts[id(cell)], row, True, True)
                cell.valign = saved
            r.y += height
            if not left_over:
                return
            first = False
            r.new_page()


def docx_to_pdf(data: bytes, *, title: str = "") -> bytes:
    """A PDF of the DOCX `data`, laid out by the renderer above; PdfFontMissing without fonts."""
    from docx import Document

    faces = find_fonts()
    document = Document(io.BytesIO(data))
    return _Renderer(document, faces, title).render()
