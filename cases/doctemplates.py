"""The DOCX form builder both business lines' template build scripts use.

mediation/doctemplates/build.py and legalaid/doctemplates/build.py each describe their seven
forms with `Form` and `Table`; this module holds the page set-up and the helpers, so that the
two lines lay out their documents the same way.

Layout: reference/documents.md §5 (GB/T 9704-2012): A4, margins 37/35/28/26 mm, title 2号
方正小标宋简体 centred, body 3号 仿宋_GB2312 at a fixed 29 pt line pitch, headings 黑体, page
numbers 4号 "— N —" in the footer, odd pages right and even pages left. Tables use 4号 仿宋 so
that the forms stay on one page.

The output is deterministic (fixed document properties and ZIP timestamps), so rebuilding
without changes gives the same bytes and the same template hash, which generated documents
record as their template version. docxtpl's {%p %} / {%tr %} tags repeat whole paragraphs /
table rows.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from collections.abc import Callable, Iterable
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
TITLE_FONT = "方正小标宋简体"
PAGE_NUMBER_FONT = "宋体"

BODY_SIZE = 16  # 3号
TITLE_SIZE = 22  # 2号
TABLE_SIZE = 14  # 4号
NOTE_SIZE = 12  # 小四
LINE_PITCH = 29  # 22 lines in the 225 mm text block
TABLE_PITCH = 22

TEXT_WIDTH_MM = 156  # 210 - 28 - 26
FIXED_TIME = datetime.datetime(2026, 1, 1, 0, 0, 0)

#: Filler for a signature written by hand on the printed form.
SIGN_LINE = "＿＿＿＿＿＿＿＿"


# --------------------------------------------------------------------------------------------
# Low-level helpers
# --------------------------------------------------------------------------------------------


def set_fonts(element, name: str) -> None:
    """Name `name` for East Asian and Western text on a style, run or rPrDefault: explicit
    w:ascii/w:hAnsi/w:eastAsia attributes (theme attributes removed, since Word and WPS let
    them win over explicit names)."""
    rpr = element if element.tag == qn("w:rPr") else element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)
    fonts.set(qn("w:hint"), "eastAsia")


def set_first_line_chars(style, chars: int, size_pt: int) -> None:
    """First-line indent of `chars` characters: w:firstLineChars, with w:firstLine in twips for
    programs that ignore the character unit (python-docx places w:ind in schema order)."""
    style.paragraph_format.first_line_indent = Pt(chars * size_pt)
    ind = style.element.pPr.find(qn("w:ind"))
    ind.set(qn("w:firstLineChars"), str(chars * 100))


def paragraph_style(
    doc,
    name: str,
    *,
    font: str,
    size: int,
    pitch: float | None,
    align=None,
    first_chars: int = 0,
    right_chars: int = 0,
    space_before: float = 0,
    space_after: float = 0,
    keep_next: bool = False,
):
    styles = doc.styles
    style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = styles["Normal"]
    style.quick_style = True
    set_fonts(style.element, font)
    style.font.size = Pt(size)
    fmt = style.paragraph_format
    if pitch is not None:
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(pitch)
    else:
        fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    fmt.space_before = Pt(space_before)
    fmt.space_after = Pt(space_after)
    if align is not None:
        fmt.alignment = align
    if first_chars:
        set_first_line_chars(style, first_chars, size)
    else:
        fmt.first_line_indent = Pt(0)
    if right_chars:
        fmt.right_indent = Pt(right_chars * size)
    fmt.keep_with_next = keep_next
    fmt.widow_control = True
    return style


def page_number_field(paragraph) -> None:
    """ "— N —" with N a PAGE field."""
    paragraph.add_run("— ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), " PAGE ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)
    paragraph.add_run(" —")


def cell_margins(table, top_mm: float, bottom_mm: float, side_mm: float) -> None:
    tbl_pr = table._tbl.tblPr
    margins = OxmlElement("w:tblCellMar")
    for side, value in (
        ("top", top_mm),
        ("left", side_mm),
        ("bottom", bottom_mm),
        ("right", side_mm),
    ):
        el = OxmlElement(f"w:{side}")
        el.set(qn("w:w"), str(round(value / 25.4 * 1440)))
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    look = tbl_pr.find(qn("w:tblLook"))  # schema order: tblCellMar comes before tblLook
    if look is not None:
        look.addprevious(margins)
    else:
        tbl_pr.append(margins)


def table_width(table, width_mm: float) -> None:
    tbl_pr = table._tbl.tblPr
    width = tbl_pr.find(qn("w:tblW"))
    if width is None:
        width = OxmlElement("w:tblW")
        tbl_pr.append(width)
    width.set(qn("w:w"), str(round(width_mm / 25.4 * 1440)))
    width.set(qn("w:type"), "dxa")


def deterministic_zip(data: bytes) -> bytes:
    """The same DOCX with every ZIP entry dated 1980-01-01, so that a rebuild is identical."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


# --------------------------------------------------------------------------------------------
# The form builder
# --------------------------------------------------------------------------------------------


class Form:
    """One document template: page set-up, styles, footer and helpers to add content.

    A line subclasses it to name `comments` (a document property) and `directory()`, where
    `save` writes the template."""

    #: The document's "comments" property, naming the line.
    comments = "Fazhi document template"

    def __init__(self, title: str):
        self.title_text = title
        self.doc = doc = Document()
        section = doc.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(37), Mm(35)
        section.left_margin, section.right_margin = Mm(28), Mm(26)
        section.header_distance, section.footer_distance = Mm(15), Mm(22)
        section.gutter = Mm(0)
        self._styles()
        self._footer()
        props = doc.core_properties
        props.title = title
        props.author = "Fazhi"
        props.last_modified_by = "Fazhi"
        props.created = props.modified = FIXED_TIME
        props.revision = 1
        props.language = "zh-CN"
        props.comments = self.comments

    # -- set-up --------------------------------------------------------------------------------

    def _styles(self) -> None:
        doc = self.doc
        defaults = doc.styles.element.find(qn("w:docDefaults"))
        rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
        set_fonts(rpr, BODY_FONT)
        for tag, value in (("w:sz", BODY_SIZE * 2), ("w:szCs", BODY_SIZE * 2)):
            rpr.find(qn(tag)).set(qn("w:val"), str(value))
        lang = rpr.find(qn("w:lang"))
        lang.set(qn("w:val"), "zh-CN")
        lang.set(qn("w:eastAsia"), "zh-CN")
        spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
        spacing.set(qn("w:after"), "0")
        spacing.set(qn("w:line"), "240")

        normal = doc.styles["Normal"]
        set_fonts(normal.element, BODY_FONT)
        normal.font.size = Pt(BODY_SIZE)
        fmt = normal.paragraph_format
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        fmt.line_spacing = Pt(LINE_PITCH)
        fmt.space_before = fmt.space_after = Pt(0)
        fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY

        left, centre, right = (
            WD_ALIGN_PARAGRAPH.LEFT,
            WD_ALIGN_PARAGRAPH.CENTER,
            WD_ALIGN_PARAGRAPH.RIGHT,
        )
        justify = WD_ALIGN_PARAGRAPH.JUSTIFY
        paragraph_style(
            doc,
            "Fazhi Title",
            font=TITLE_FONT,
            size=TITLE_SIZE,
            pitch=36,
            align=centre,
            space_before=0,
            space_after=LINE_PITCH / 2,
        )
        paragraph_style(
            doc,
            "Fazhi Number",
            font=BODY_FONT,
            size=BODY_SIZE,
            pitch=LINE_PITCH,
            align=right,
            space_after=LINE_PITCH / 2,
        )
        paragraph_style(
            doc,
            "Fazhi Heading",
            font=HEADING_FONT,
            size=BODY_SIZE,
            pitch=LINE_PITCH,
            align=left,
            first_chars=2,
            keep_next=True,
        )
        paragraph_style(
            doc,
            "Fazhi Body",
            font=BODY_FONT,
            size=BODY_SIZE,
            pitch=LINE_PITCH,
            align=justify,
            first_chars=2,
        )
        paragraph_style(
            doc, "Fazhi Field", font=BODY_FONT, size=BODY_SIZE, pitch=LINE_PITCH, align=left
        )
        paragraph_style(
            doc,
            "Fazhi Sign",
            font=BODY_FONT,
            size=BODY_SIZE,
            pitch=LINE_PITCH,
            align=right,
            right_chars=2,
        )
        paragraph_style(
            doc, "Fazhi Table", font=BODY_FONT, size=TABLE_SIZE, pitch=TABLE_PITCH, align=left
        )
        paragraph_style(
            doc, "Fazhi Note", font=BODY_FONT, size=NOTE_SIZE, pitch=20, align=left, space_before=6
        )
        paragraph_style(
            doc, "Fazhi Page Number", font=PAGE_NUMBER_FONT, size=14, pitch=None, align=right
        )

    def _footer(self) -> None:
        doc = self.doc
        doc.settings.odd_and_even_pages_header_footer = True
        section = doc.sections[0]
        odd = section.footer.paragraphs[0]
        odd.style = doc.styles["Fazhi Page Number"]
        odd.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        odd.paragraph_format.right_indent = Pt(14)  # one character in
        page_number_field(odd)
        even = section.even_page_footer.paragraphs[0]
        even.style = doc.styles["Fazhi Page Number"]
        even.alignment = WD_ALIGN_PARAGRAPH.LEFT
        even.paragraph_format.left_indent = Pt(14)
        page_number_field(even)

    # -- content -------------------------------------------------------------------------------

    def para(self, text: str = "", style: str = "Fazhi Body", *, align=None):
        paragraph = self.doc.add_paragraph(style=style)
        if text:
            paragraph.add_run(text)
        if align is not None:
            paragraph.alignment = align
        return paragraph

    def title(self, text: str | None = None):
        return self.para(text or self.title_text, "Fazhi Title")

    def number(self, name: str = "number"):
        return self.para("编号：{{ " + name + " }}", "Fazhi Number")

    def heading(self, text: str):
        return self.para(text, "Fazhi Heading")

    def field(self, text: str):
        return self.para(text, "Fazhi Field")

    def sign(self, text: str):
        return self.para(text, "Fazhi Sign")

    def tag(self, tag: str):
        """A paragraph holding only a docxtpl paragraph tag, e.g. "for p in parties"."""
        return self.para("{%p " + tag + " %}", "Fazhi Field")

    def lines(self, expression: str, style: str = "Fazhi Body", var: str = "line"):
        """One paragraph per item of `expression` (a list of strings)."""
        self.tag(f"for {var} in {expression}")
        self.para("{{ " + var + " }}", style)
        self.tag("endfor")

    def blank(self):
        return self.para("", "Fazhi Field")

    def table(self, widths_mm: list[float], *, grid: bool = True, side_mm: float = 1.9):
        doc = self.doc
        table = doc.add_table(rows=0, cols=len(widths_mm))
        if grid:
            table.style = doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        table_width(table, sum(widths_mm))
        cell_margins(table, 1, 1, side_mm)
        for column, width in zip(table.columns, widths_mm, strict=True):
            column.width = Mm(width)
        return Table(table, widths_mm)

    def directory(self) -> Path:
        """The folder `save` writes to."""
        raise NotImplementedError

    def save(self, name: str) -> Path:
        buffer = io.BytesIO()
        self.doc.save(buffer)
        path = self.directory() / name
        path.write_bytes(deterministic_zip(buffer.getvalue()))
        return path


class Table:
    def __init__(self, table, widths_mm):
        self.table = table
        self.widths = widths_mm

    def row(self, *cells, height_mm: float | None = None, label_cols: tuple[int, ...] = ()):
        """Add a row. Each cell is text, a list of texts (paragraphs), or (content, span).
        Columns listed in `label_cols` (positions in `cells`) are centred labels."""
        row = self.table.add_row()
        for cell, width in zip(row.cells, self.widths, strict=True):
            cell.width = Mm(width)
        column = 0
        for index, spec in enumerate(cells):
            content, span = spec if isinstance(spec, tuple) else (spec, 1)
            cell = row.cells[column]
            if span > 1:
                cell = cell.merge(row.cells[column + span - 1])
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            texts = content if isinstance(content, list) else [content]
            for n, text in enumerate(texts):
                paragraph = cell.paragraphs[0] if n == 0 else cell.add_paragraph()
                paragraph.style = self.table.part.document.styles["Fazhi Table"]
                if text:
                    paragraph.add_run(text)
                if index in label_cols:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            column += span
        if height_mm:
            row.height = Mm(height_mm)
            row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        return row

    def top_aligned(self, row, *columns: int) -> None:
        for index in columns:
            row.cells[index].vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.TOP

    def tag_row(self, tag: str):
        """A row holding only a docxtpl row tag ("for p in parties" / "endfor")."""
        return self.row(("{%tr " + tag + " %}", len(self.widths)))


def build_all(builders: Iterable[Callable[[], Path]], root: Path) -> None:
    """Run every builder and print the path of each template written, relative to `root`."""
    for build in builders:
        path = build()
        print(path.relative_to(root))
