"""The report as HTML, DOCX (what bureaus edit in WPS/Word) and PDF.

DOCX follows the layout of official documents (GB/T 9704, reference/documents.md §5): A4,
margins 37/35/28/26 mm, title in 方正小标宋简体 22 pt, body in 仿宋_GB2312 16 pt with a fixed
line pitch, headings 一、 in 黑体, （一） in 楷体_GB2312, real Heading 1/2 styles so that the
navigation pane works, and page numbers "— N —" in the footer. The PDF is rendered from that
same DOCX with embedded CJK fonts (cases.documents.docx_to_pdf).
"""

from __future__ import annotations

import io

from django.template.loader import render_to_string
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


def paragraphs(report) -> list[tuple[str, str]]:
    """[(kind, text)]: kind is title, h1, h2, h3 or body; figures and the period filled in."""
    values = values_for(report)
    period = figures.period_of(report)
    out = [("title", report.title)]
    for section in report.sections.all():
        out.append((f"h{min(section.level, 3)}", section.heading))
        for line in figures.render_text(section.body, values, period).splitlines():
            if line.strip():
                out.append(("body", line.strip()))
    return out


def to_html(report) -> str:
    return render_to_string(
        "reports/print.html",
        {"report": report, "blocks": paragraphs(report)},
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
    for kind, text in paragraphs(report):
        if kind == "title":
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
    from cases.documents import docx_to_pdf

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
