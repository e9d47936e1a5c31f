"""Build the DOCX templates of the legal aid documents (法律援助文书).

Run:  .venv/bin/python -m legalaid.doctemplates.build

Writes one docxtpl template per document next to this file. The output is deterministic
(fixed document properties and ZIP timestamps), so rebuilding without changes gives the same
bytes and the same template hash, which generated documents record as their template version.

Structure of the forms: reference/documents.md §4 (Ministry of Justice 法律援助文书格式,
2023) and the Legal Aid Law (法律援助法) articles each form cites; layout: §5 (GB/T
9704-2012): A4, margins 37/35/28/26 mm, title 2号 方正小标宋简体 centred, body 3号
仿宋_GB2312 at a fixed 29 pt line pitch, headings 黑体, page numbers 4号 "— N —" in the
footer, odd pages right and even pages left. Tables use 4号 仿宋 so that the forms stay on one
page.

The page set-up and the form builder are the same as mediation/doctemplates/build.py (a
business line does not import another); the Jinja names used here are those that
legalaid.documents puts in the context; docxtpl's {%p %} / {%tr %} tags repeat whole
paragraphs / table rows.
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
        props.comments = "Fazhi legal aid document template"

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

#: The route of an objection (法律援助法第四十九条), printed on the refusal and the termination.
OBJECTION_ROUTE = (
    "如对本决定有异议，可以向{{ bureau }}提出。{{ bureau }}应当自收到异议之日起五日内进行审查，"
    "作出维持本中心决定或者责令本中心改正的决定。对{{ bureau }}维持本中心决定不服的，可以依法"
    "申请行政复议或者提起行政诉讼（《中华人民共和国法律援助法》第四十九条）。"
)


def seal(f: Form, date: str, *, clerk: bool = False) -> None:
    """(The clerk's signature,) the agency's seal and the date, bottom right."""
    f.blank()
    if clerk:
        f.sign("经办人：" + SIGN_LINE)
    f.sign("{{ centre }}（印章）")
    f.sign("{{ " + date + " }}")


def build_receipt() -> Path:
    """受理回执: the application and its materials received; what happens next (Art. 43)."""
    f = Form("法律援助申请受理回执")
    f.title()
    f.number()
    f.field("{{ applicant_names }}：")
    f.para("你于{{ received_date }}提出的法律援助申请已收到。")
    t = f.table([36, 120])
    t.row("申请事项", "{{ subject }}（{{ category }}，{{ matter }}）", label_cols=(0,))
    t.row("收到申请日期", "{{ received_date }}", label_cols=(0,))
    t.row(
        "已收到的材料",
        ["{%p for line in materials %}", "{{ line }}", "{%p endfor %}"],
        label_cols=(0,),
    )
    f.para(
        "一、本中心将自收到申请之日起{{ review_period }}内进行审查，作出是否给予法律援助的决定；"
        "决定给予的，自决定之日起{{ assign_period }}内指派法律援助人员；决定不给予的，书面告知"
        "并说明理由（《中华人民共和国法律援助法》第四十三条）。"
    )
    f.para(
        "二、申请材料不齐全的，本中心将一次性告知需要补充的材料；补充材料的时间不计入审查期限，"
        "未按要求补充材料或者作出说明的，视为撤回申请。"
    )
    f.tag("if tracking_code")
    f.para("三、你可以凭查询码{{ tracking_code }}查询申请的办理进度。")
    f.tag("endif")
    seal(f, "received_date", clerk=True)
    return f.save("receipt.docx")


def build_correction() -> Path:
    """补充材料通知书: every missing material at once; the review period pauses; not supplied
    means deemed withdrawn (Art. 43)."""
    f = Form("补充材料通知书")
    f.title()
    f.number()
    f.field("{{ applicant_names }}：")
    f.para(
        "你于{{ received_date }}向本中心提出的法律援助申请（{{ subject }}），经审查，申请材料"
        "不齐全。根据《中华人民共和国法律援助法》第四十三条的规定，现一次性告知你需要补充的"
        "材料如下："
    )
    f.lines("items")
    f.para(
        "请你及时补充上述材料或者作出说明。补充材料、作出说明所需的时间不计入审查期限，"
        "本中心收到全部材料后继续审查。"
    )
    f.para("未按要求补充材料或者作出说明的，视为撤回申请。")
    seal(f, "notice_date", clerk=True)
    return f.save("correction.docx")


def build_grant() -> Path:
    """给予法律援助决定书, citing the articles the grant rests on."""
    f = Form("给予法律援助决定书")
    f.title()
    f.number("decision_number")
    f.field("{{ applicant_names }}：")
    f.para("{{ opening }}")
    f.para(
        "经审查，{{ grounds }}根据《中华人民共和国法律援助法》{{ articles }}的规定，本中心决定"
        "给予{{ applicant_names }}法律援助。"
    )
    f.field("援助事项：{{ subject }}（{{ category }}，{{ matter }}）")
    f.field("案　　号：{{ number }}")
    f.para(
        "本中心将自本决定作出之日起{{ assign_period }}内指派法律援助人员为你提供法律援助"
        "（《中华人民共和国法律援助法》第四十三条）。你应当向法律援助人员如实陈述与法律援助"
        "事项有关的情况，及时提供证据材料，协助、配合办理法律援助事项。"
    )
    f.para(
        "有《中华人民共和国法律援助法》第四十八条规定情形之一的，本中心将作出终止法律援助的决定。"
    )
    seal(f, "decided_date")
    return f.save("grant.docx")


def build_refusal() -> Path:
    """不予法律援助决定书: the reasons, and the objection to the justice bureau (Arts. 43, 49)."""
    f = Form("不予法律援助决定书")
    f.title()
    f.number("decision_number")
    f.field("{{ applicant_names }}：")
    f.para(
        "你于{{ received_date }}向本中心提出的法律援助申请（{{ subject }}），本中心已依法审查。"
        "经审查，你的申请不符合法律援助条件，理由如下："
    )
    f.lines("reasons")
    f.para(
        "根据《中华人民共和国法律援助法》第四十三条的规定，本中心决定不给予{{ applicant_names }}"
        "法律援助。"
    )
    f.para(OBJECTION_ROUTE)
    seal(f, "decided_date")
    return f.save("refusal.docx")


def build_assignment() -> Path:
    """指派通知书 to the law firm: the case, the recipient, the lawyer, the assignment date and,
    for a lottery draw, the draw's public number."""
    f = Form("指派通知书")
    f.title()
    f.number()
    f.field("{{ firm }}：")
    f.para(
        "根据《中华人民共和国法律援助法》第四十三条的规定，本中心决定指派你单位{{ lawyer_kind }}"
        "{{ lawyer }}承办下列法律援助案件："
    )
    t = f.table([30, 48, 30, 48])
    t.row("案　　号", ("{{ number }}", 3), label_cols=(0,))
    t.row("受 援 人", "{{ applicant_names }}", "联系电话", "{{ phone }}", label_cols=(0, 2))
    t.row("援助事项", ("{{ subject }}（{{ category }}）", 3), label_cols=(0,))
    t.row("案件类别", "{{ matter }}", "所处阶段", "{{ stage }}", label_cols=(0, 2))
    t.row("对方当事人", ("{{ opposing_names }}", 3), label_cols=(0,))
    t.row("承 办 人", ("{{ lawyer }}（执业证号：{{ licence }}）", 3), label_cols=(0,))
    t.row("指派日期", "{{ assigned_date }}", "指派方式", "{{ method }}", label_cols=(0, 2))
    f.tag("if draw_code")
    f.para(
        "本案承办人经公开摇珠产生，摇珠编号{{ draw_code }}。摇珠的承诺值、种子和候选名单已公开，"
        "可据以核验摇珠结果。"
    )
    f.tag("endif")
    f.para(
        "请你单位收到本通知书后，安排承办人及时与受援人联系，签订委托协议，依法为受援人提供"
        "法律援助，并按照规定向受援人通报法律援助事项办理情况。法律援助事项办结后，请于结案之日起"
        "{{ file_days }}日内向本中心提交立卷材料（《办理法律援助案件程序规定》）。"
    )
    seal(f, "assigned_date")
    return f.save("assignment.docx")


def build_termination() -> Path:
    """终止法律援助决定书: the ground of Art. 48 and the objection (Art. 49)."""
    f = Form("终止法律援助决定书")
    f.title()
    f.number("decision_number")
    f.field("{{ applicant_names }}：")
    f.para(
        "本中心于{{ decided_date }}决定给予你法律援助（{{ subject }}，案号{{ number }}）"
        "{% if lawyer %}，并指派{{ firm }}{{ lawyer }}承办{% endif %}。"
    )
    f.para("经查，{{ ground }}：{{ reasons }}")
    f.para(
        "根据《中华人民共和国法律援助法》第四十八条第一款第{{ ground_item }}项的规定，本中心决定"
        "自{{ terminated_date }}起终止对你的法律援助。"
    )
    f.para(OBJECTION_ROUTE)
    seal(f, "terminated_date")
    f.tag("if lawyer")
    f.para("抄送：{{ firm }}", "Fazhi Field")
    f.tag("endif")
    return f.save("termination.docx")


def build_closing() -> Path:
    """结案报告表: recipient, matter, lawyer, how the matter was handled, its result and the
    economic losses recovered or avoided."""
    f = Form("结案报告表")
    f.title()
    f.number()
    t = f.table([32, 46, 32, 46])
    t.row("受 援 人", "{{ applicant_names }}", "案件类别", "{{ matter }}", label_cols=(0, 2))
    t.row("案　　由", "{{ category }}", "所处阶段", "{{ stage }}", label_cols=(0, 2))
    t.row("援助事项", ("{{ subject }}", 3), label_cols=(0,))
    t.row("承办单位", ("{{ firm }}", 3), label_cols=(0,))
    t.row("承 办 人", ("{{ lawyer }}（执业证号：{{ licence }}）", 3), label_cols=(0,))
    t.row("指派日期", "{{ assigned_date }}", "结案日期", "{{ concluded_date }}", label_cols=(0, 2))
    handled = t.row(
        "承办经过",
        (
            [
                "{%p for line in steps %}",
                "{{ line }}",
                "{%p endfor %}",
                "{%p for line in report %}",
                "{{ line }}",
                "{%p endfor %}",
            ],
            3,
        ),
        height_mm=30,
        label_cols=(0,),
    )
    t.top_aligned(handled, 1)
    t.row("办理结果", ("{{ result }}", 3), label_cols=(0,))
    t.row("挽回（避免）经济损失", ("{{ recovered }}", 3), label_cols=(0,))
    t.row("受援人意见", ("", 3), height_mm=16, label_cols=(0,))
    t.row("承办人（签名）", "", "填表日期", "{{ concluded_date }}", height_mm=12, label_cols=(0, 2))
    t.row(
        "法律援助机构审查意见",
        (
            [
                "{% if grade %}归档审查等级：{{ grade }}{% endif %}",
                "",
                "审查人（签名）：" + SIGN_LINE,
            ],
            3,
        ),
        height_mm=20,
        label_cols=(0,),
    )
    return f.save("closing.docx")


BUILDERS = (
    build_receipt,
    build_correction,
    build_grant,
    build_refusal,
    build_assignment,
    build_termination,
    build_closing,
)


def main() -> None:
    for build in BUILDERS:
        path = build()
        print(path.relative_to(HERE.parent.parent))


if __name__ == "__main__":
    main()
