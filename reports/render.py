"""The report as HTML, DOCX (what bureaus edit in WPS/Word) and PDF.

DOCX follows the layout of official documents (GB/T 9704, reference/documents.md §5): A4,
margins 37/35/28/26 mm, title in 方正小标宋简体 22 pt, body in 仿宋_GB2312 16 pt with a fixed
line pitch, headings 一、 in 黑体, （一） in 楷体_GB2312, real Heading 1/2 styles so that the
navigation pane works, and page numbers "— N —" in the footer. The PDF is rendered from that
same DOCX by LibreOffice, each role in its face (cases.pdf.docx_to_pdf).

Every format ends with the 落款 (`signature`): the issuing body and the date, set as GB/T
9704-2012 §7.3.5.2 sets an unsealed document's, with dates in Arabic numerals
(reference/documents.md §5).
"""

from __future__ import annotations

import io

from django.template.loader import render_to_string
from django.utils import timezone
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from reports import figures

TITLE_FONT, BODY_FONT, H1_FONT, H2_FONT = "方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312"


def values_for(report) -> dict:
    if report.is_frozen:
        return figures.frozen(report)
    keys = set()
    for section in report.sections.all():
        keys |= figures.keys_in(section.body)
    return figures.live(report, keys)


def _width(text: str) -> float:
    """Width in characters of the body font: half-width digits and letters count one half."""
    return sum(0.5 if ord(ch) < 0x2E80 else 1 for ch in text)


def signature(report) -> dict:
    """The 落款: the issuing body's name and the date (成文日期: the day the figures were frozen;
    for a draft, today). GB/T 9704-2012 §7.3.5.2, a document without seal: one blank line
    below the text, the name with two characters' space on its right, the date on the next line
    with its first character two characters right of the name's first; a date longer than that
    allows gets two characters on its right and the name moves left. `name_right` and
    `date_right` are those spaces in characters."""
    frozen_at = report.frozen_at if report.is_frozen else None
    day = timezone.localdate(frozen_at) if frozen_at else timezone.localdate()
    name, date = report.organization.name, f"{day.year}年{day.month}月{day.day}日"
    shift = _width(name) - _width(date)
    if shift >= 2:
        name_right, date_right = 2.0, shift
    else:
        name_right, date_right = 4.0 - shift, 2.0
    return {"name": name, "date": date, "name_right": name_right, "date_right": date_right}


def paragraphs(report) -> list[tuple[str, str]]:
    """[(kind, text)]: kind is title, h1, h2, h3, body, then signature and date (the 落款);
    figures and the period filled in."""
    values = values_for(report)
    period = figures.period_of(report)
    out = [("title", report.title)]
    for section in report.sections.all():
        out.append((f"h{min(section.level, 3)}", section.heading))
        for line in figures.render_text(section.body, values, period).splitlines():
            if line.strip():
                out.append(("body", line.strip()))
    sign = signature(report)
    out += [("signature", sign["name"]), ("date", sign["date"])]
    return out


def to_html(report) -> str:
    blocks = paragraphs(report)
    return render_to_string(
        "reports/print.html",
        {
            "report": report,
            "blocks": [b for b in blocks if b[0] not in ("signature", "date")],
            "signature": signature(report),
        },
    )


def _font(run_or_style, name: str, size: float, bold: bool = False) -> None:
    font = run_or_style.font
    font.name = name
    font.size = Pt(size)
    font.bold = bold
    font.color.rgb = RGBColor(0, 0, 0)
    element = run_or_style.element if hasattr(run_or_style, "element") else run_or_style._element
    rpr = element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attr), name)
    # A theme font (the built-in Title and Heading styles carry them) takes precedence over the
    # names above in Word and LibreOffice alike: drop it, so the role's face is the one used.
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)


def _line_pitch(paragraph_format) -> None:
    paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    paragraph_format.line_spacing = Pt(29)
    paragraph_format.space_before = Pt(0)
    paragraph_format.space_after = Pt(0)


def _page_number_footer(section) -> None:
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run("— ")
    _font(run, "宋体", 14)
    field = paragraph.add_run()
    _font(field, "宋体", 14)
    begin, instr, end = (
        OxmlElement("w:fldChar"),
        OxmlElement("w:instrText"),
        OxmlElement("w:fldChar"),
    )
    begin.set(qn("w:fldCharType"), "begin")
    instr.set(qn("xml:space"), "preserve")
    instr.text = " PAGE "
    end.set(qn("w:fldCharType"), "end")
    field._r.append(begin)
    field._r.append(instr)
    field._r.append(end)
    tail = paragraph.add_run(" —")
    _font(tail, "宋体", 14)


def to_docx(report) -> bytes:
    document = Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    _page_number_footer(section)
    styles = document.styles
    normal = styles["Normal"]
    _font(normal, BODY_FONT, 16)
    _line_pitch(normal.paragraph_format)
    normal.paragraph_format.first_line_indent = Pt(32)
    for name, font, bold in (("Heading 1", H1_FONT, False), ("Heading 2", H2_FONT, False),
                             ("Heading 3", BODY_FONT, True), ("Title", TITLE_FONT, False)):  # fmt: skip
        style = styles[name]
        _font(style, font, 22 if name == "Title" else 16, bold)
        _line_pitch(style.paragraph_format)
        style.paragraph_format.first_line_indent = Pt(0 if name == "Title" else 32)
        style.paragraph_format.keep_with_next = name != "Title"
    sign = signature(report)
    for kind, text in paragraphs(report):
        if kind in ("signature", "date"):
            if kind == "signature":
                document.add_paragraph("", style="Normal")  # the blank line before the 落款
            p = document.add_paragraph(text, style="Normal")
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            p.paragraph_format.first_line_indent = Pt(0)
            right = sign["name_right"] if kind == "signature" else sign["date_right"]
            p.paragraph_format.right_indent = Pt(16 * right)
        elif kind == "title":
            p = document.add_paragraph(text, style="Title")
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.space_after = Pt(29)
            p.paragraph_format.line_spacing = Pt(36)
            # python-docx's Title style carries a bottom border; an official title has none.
            ppr = p.style.element.pPr
            if ppr is not None and ppr.find(qn("w:pBdr")) is not None:
                ppr.remove(ppr.find(qn("w:pBdr")))
        elif kind.startswith("h"):
            document.add_paragraph(text, style=f"Heading {kind[1]}")
        else:
            p = document.add_paragraph(text, style="Normal")
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    document.core_properties.title = report.title
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def to_pdf(report) -> bytes:
    from cases.pdf import docx_to_pdf

    return docx_to_pdf(to_docx(report), title=report.title)


def export(report, fmt: str) -> tuple[bytes, str, str]:
    """(content, content type, file extension)."""
    if fmt == "html":
        return to_html(report).encode(), "text/html; charset=utf-8", "html"
    if fmt == "docx":
        return (
            to_docx(report),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "docx",
        )
    if fmt == "pdf":
        return to_pdf(report), "application/pdf", "pdf"
    raise ValueError(fmt)
