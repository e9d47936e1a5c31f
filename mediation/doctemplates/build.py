"""Build the DOCX templates of the people's mediation documents (人民调解文书).

Run:  .venv/bin/python -m mediation.doctemplates.build

Writes one docxtpl template per document next to this file. The output is deterministic
(fixed document properties and ZIP timestamps), so rebuilding without changes gives the same
bytes and the same template hash, which generated documents record as their template version.

Structure of the forms: reference/documents.md §1 (Ministry of Justice 2010 formats); layout:
§5 (GB/T 9704-2012): A4, margins 37/35/28/26 mm, title 2号 方正小标宋简体 centred, body 3号
仿宋_GB2312 at a fixed 29 pt line pitch, headings 黑体, page numbers 4号 "— N —" in the footer,
odd pages right and even pages left. Tables use 4号 仿宋 so that the forms stay on one page.

The Jinja names used here are those that mediation.documents puts in the context; docxtpl's
{%p %} / {%tr %} tags repeat whole paragraphs / table rows.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

HERE = Path(__file__).resolve().parent

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
    """One document template: page set-up, styles, footer and helpers to add content."""

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
        props.comments = "Fazhi mediation document template"

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

    def number(self):
        return self.para("编号：{{ number }}", "Fazhi Number")

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

    def save(self, name: str) -> Path:
        buffer = io.BytesIO()
        self.doc.save(buffer)
        path = HERE / name
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


# --------------------------------------------------------------------------------------------
# The seven forms
# --------------------------------------------------------------------------------------------

PERSON_LINE_1 = (
    "{{ label }}：{{ p.name }}{% if not p.is_org %}　性别：{{ p.gender }}　民族：{{ p.ethnicity }}"
    "　年龄：{{ p.age }}{% endif %}"
)
PERSON_LINE_2 = (
    "{% if p.is_org %}法定代表人：{{ p.representative }}{% else %}职业或职务：{{ p.occupation }}"
    "{% endif %}　联系方式：{{ p.phone }}"
)
PERSON_LINE_3 = "{% if p.is_org %}住所{% else %}单位或住址{% endif %}：{{ p.address }}"


def party_blocks(form: Form, expression: str, label: str) -> None:
    """姓名 性别 民族 年龄 / 职业或职务 联系方式 / 单位或住址, once per party of `expression`."""
    form.tag(f"for p in {expression}")
    form.field(PERSON_LINE_1.replace("{{ label }}", label))
    form.field(PERSON_LINE_2)
    form.field(PERSON_LINE_3)
    form.tag("endfor")


def build_application() -> Path:
    """人民调解申请书."""
    f = Form("人民调解申请书")
    f.title()
    f.number()
    party_blocks(f, "applicants", "申请人")
    party_blocks(f, "respondents", "被申请人")
    party_blocks(f, "third_parties", "第三人")
    f.heading("纠纷简要情况")
    f.lines("facts")
    f.heading("当事人申请事项")
    f.lines("requests")
    f.para(
        "{{ committee }}已向申请人告知人民调解的性质、原则和效力，以及当事人在调解活动中享有的"
        "权利和承担的义务。申请人了解上述内容，自愿申请{{ committee }}调解本纠纷。"
    )
    f.blank()
    f.sign("申请人（签名盖章或按指印）：" + SIGN_LINE)
    f.sign("{{ application_date }}")
    return f.save("application.docx")


def build_registration() -> Path:
    """人民调解受理登记表."""
    f = Form("人民调解受理登记表")
    f.title()
    f.number()
    f.para(
        "{{ accepted_date }}，本人民调解委员会经当事人同意，调解{{ applicant_names }}、"
        "{{ respondent_names }}之间的纠纷。"
    )
    t = f.table([40, 38, 40, 38])
    t.row("纠纷类型", "{{ dispute_type }}", "涉及金额", "{{ amount }}", label_cols=(0, 2))
    t.row("案件来源", (["{{ source_marks }}", "{{ source_other }}"], 3), label_cols=(0,))
    t.row("纠纷发生地", ("{{ address }}", 3), label_cols=(0,))
    facts = t.row(
        "纠纷简要情况",
        (["{%p for line in facts %}", "{{ line }}", "{%p endfor %}"], 3),
        height_mm=56,
        label_cols=(0,),
    )
    t.top_aligned(facts, 1)
    t.row(
        "当事人（签名）",
        (
            [
                "{%p for p in parties %}",
                "{{ p.side_label }}{{ p.name }}：" + SIGN_LINE,
                "{%p endfor %}",
            ],
            3,
        ),
        height_mm=20,
        label_cols=(0,),
    )
    t.row(
        "登记人（签名）",
        "",
        "人民调解委员会（印章）",
        "{{ accepted_date }}",
        height_mm=20,
        label_cols=(0, 2),
    )
    f.para("注：此表由人民调解委员会填写。", "Fazhi Note")
    return f.save("registration.docx")


def build_record() -> Path:
    """人民调解记录 (调解笔录): every session so far, then the result."""
    f = Form("人民调解记录")
    f.title()
    f.number()
    f.field("事　　由：{{ subject }}")
    f.field("当 事 人：{{ party_list }}")
    f.field("人民调解员：{{ mediators }}")
    f.para(
        "告知事项：人民调解员已告知当事人人民调解的性质、原则和效力，以及当事人在调解活动中享有的"
        "权利和承担的义务；当事人表示已经清楚。"
    )
    f.tag("for s in sessions")
    f.heading("{{ s.heading }}")
    f.field("时　　间：{{ s.date }}")
    f.field("地　　点：{{ s.place }}")
    f.field("参 加 人：{{ s.attendees }}")
    f.field("记 录 人：{{ s.recorder }}")
    f.field("记　　录：")
    f.lines("s.notes")
    f.tag("endfor")
    f.heading("调解结果")
    f.lines("result")
    f.para("以上记录已向当事人宣读（或交当事人阅读），当事人确认无误。")
    f.blank()
    t = f.table([78, 78], grid=False)
    t.tag_row("for p in parties")
    t.row("{{ p.side_label }}（签名）：", SIGN_LINE)
    t.tag_row("endfor")
    t.row("人民调解员（签名）：", SIGN_LINE)
    t.row("记录人（签名）：", SIGN_LINE)
    f.blank()
    f.sign("（人民调解委员会印）")
    f.sign("{{ record_date }}")
    return f.save("record.docx")


def build_agreement() -> Path:
    """人民调解协议书 (written agreement, People's Mediation Law Art. 29)."""
    f = Form("人民调解协议书")
    f.title()
    f.number()
    party_blocks(f, "parties", "当事人")
    f.heading("纠纷主要事实、争议事项")
    f.lines("facts")
    f.heading("经调解，自愿达成如下协议")
    f.lines("terms")
    f.heading("履行方式、时限")
    f.lines("performance")
    f.para("本协议经各方当事人签名（盖章或按指印）、人民调解员签名并加盖人民调解委员会印章后生效。")
    f.para("本协议一式{{ copies }}份，当事人、人民调解委员会各持一份。")
    f.blank()
    t = f.table([104, 52], grid=False)
    t.tag_row("for p in parties")
    t.row(
        "{% if p.is_org %}当事人（法定代表人签名并加盖单位印章）{% else %}当事人（签名盖章或按指印）"
        "{% endif %}：",
        SIGN_LINE,
    )
    t.tag_row("endfor")
    t.row("人民调解员（签名）：", SIGN_LINE)
    t.row("记录人（签名）：", SIGN_LINE)
    f.blank()
    f.sign("（人民调解委员会印）")
    f.sign("{{ agreement_date }}")
    return f.save("agreement.docx")


def build_oral_agreement() -> Path:
    """人民调解口头协议登记表 (People's Mediation Law Art. 28)."""
    f = Form("人民调解口头协议登记表")
    f.title()
    f.number()
    t = f.table([22, 26, 13, 14, 36, 45], side_mm=1)
    t.row("当事人", "姓名", "性别", "年龄", "联系方式", "单位或住址", label_cols=(0, 1, 2, 3, 4, 5))
    t.tag_row("for p in parties")
    t.row(
        "{{ p.side_label }}",
        "{{ p.name }}",
        "{{ p.gender }}",
        "{{ p.age }}",
        "{{ p.phone }}",
        "{{ p.address }}",
        label_cols=(0, 2, 3),
    )
    t.tag_row("endfor")
    for label, name, height in (
        ("纠纷主要事实、争议事项", "facts", 28),
        ("协议内容", "terms", 28),
        ("履行方式、时限", "performance", 16),
    ):
        row = t.row(
            label,
            (["{%p for line in " + name + " %}", "{{ line }}", "{%p endfor %}"], 5),
            height_mm=height,
            label_cols=(0,),
        )
        t.top_aligned(row, 1)
    t.row(
        "达成协议时间",
        ("{{ agreement_date }}", 2),
        ("登记人（签名）", 2),
        "",
        height_mm=16,
        label_cols=(0, 2),
    )
    t.row(
        "人民调解员（签名）",
        ("", 2),
        ("人民调解委员会（印章）", 2),
        "{{ today }}",
        height_mm=20,
        label_cols=(0, 2),
    )
    f.para("注：口头协议自各方当事人达成协议之日起生效。", "Fazhi Note")
    return f.save("oral_agreement.docx")


def build_follow_up() -> Path:
    """人民调解回访记录 (the latest visit)."""
    f = Form("人民调解回访记录")
    f.title()
    t = f.table([32, 52, 28, 44])
    t.row("当事人", ("{{ party_list }}", 3), label_cols=(0,))
    t.row("调解协议编号", "{{ number }}", "回访时间", "{{ visit.date }}", label_cols=(0, 2))
    t.row("回访事由", ("{{ visit_reason }}", 3), label_cols=(0,))
    t.row("回访方式", ("□上门回访　□电话回访　□其他：＿＿＿＿", 3), label_cols=(0,))
    row = t.row(
        "回访情况",
        (
            [
                "协议履行情况：{{ visit.performance }}",
                "当事人对调解结果是否满意：{{ visit.satisfied }}",
                "是否就同一纠纷起诉或申请仲裁及其结果：{{ visit.litigation }}",
                "{%p for line in visit.notes %}",
                "{{ line }}",
                "{%p endfor %}",
            ],
            3,
        ),
        height_mm=80,
        label_cols=(0,),
    )
    t.top_aligned(row, 1)
    t.row("回访人（签名）", "", "记录人（签名）", "", height_mm=16, label_cols=(0, 2))
    f.blank()
    f.sign("（人民调解委员会印）")
    f.sign("{{ visit.date }}")
    return f.save("follow_up.docx")


def build_confirmation() -> Path:
    """司法确认申请书 (joint application, People's Mediation Law Art. 33)."""
    f = Form("司法确认申请书")
    f.title()
    f.tag("for p in parties")
    f.field(
        "申请人：{{ p.name }}，{% if p.is_org %}住所：{{ p.address }}，统一社会信用代码："
        "{{ p.credit_code }}，法定代表人：{{ p.representative }}，联系方式：{{ p.phone }}。"
        "{% else %}{{ p.gender }}，{{ p.birth }}出生，{{ p.ethnicity }}，公民身份号码："
        "{{ p.id_number }}，住{{ p.address }}，联系方式：{{ p.phone }}。{% endif %}"
    )
    f.tag("endfor")
    f.heading("请求事项")
    f.para(
        "确认申请人{{ applicant_names }}与{{ respondent_names }}于{{ agreement_date }}经"
        "{{ committee }}主持调解达成的人民调解协议（编号：{{ number }}）有效。"
    )
    f.heading("事实和理由")
    f.para(
        "申请人{{ applicant_names }}与{{ respondent_names }}之间的纠纷（{{ subject }}），"
        "经{{ committee }}于{{ accepted_date }}受理调解。各方当事人于{{ agreement_date }}"
        "自愿达成人民调解协议，协议的主要内容如下："
    )
    f.lines("terms")
    f.para("履行方式、时限：")
    f.lines("performance")
    f.para(
        "申请人共同承诺：上述协议是各方为解决纠纷自愿达成的，意思表示真实，不存在恶意串通、"
        "规避法律的情形；如因该协议内容损害国家利益、社会公共利益或者他人合法权益，申请人"
        "自愿承担相应的法律责任。"
    )
    f.para(
        "为此，根据《中华人民共和国人民调解法》第三十三条和《中华人民共和国民事诉讼法》的有关规定，"
        "申请人在调解协议生效之日起三十日内共同向你院申请司法确认。"
    )
    f.field("　　此致")
    f.field("{{ court }}")
    f.blank()
    f.field("附：1. 人民调解协议书一份；")
    f.field("　　2. 申请人身份证明材料{{ copies_id }}份；")
    f.field("　　3. 与纠纷有关的证明材料＿＿份。")
    f.blank()
    t = f.table([104, 52], grid=False)
    t.tag_row("for p in parties")
    t.row("申请人（签名或者盖章）：", SIGN_LINE)
    t.tag_row("endfor")
    f.blank()
    f.sign("{{ application_date }}")
    return f.save("confirmation.docx")


BUILDERS = (
    build_application,
    build_registration,
    build_record,
    build_agreement,
    build_oral_agreement,
    build_follow_up,
    build_confirmation,
)


def main() -> None:
    for build in BUILDERS:
        path = build()
        print(path.relative_to(HERE.parent.parent))


if __name__ == "__main__":
    main()
