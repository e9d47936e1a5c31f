"""Build the DOCX templates of the normative documents line (行政规范性文件).

Run:  .venv/bin/python -m normative.doctemplates.build

Three forms (reference/statutes-lines.md §B; the Jinja names are those normative.documents puts
in the context):
- report.docx, 规范性文件备案报告: the issuing body files a published document with the bureau
  (§B.6 ❓; the package after 法规规章备案审查条例 Art. 8 by analogy: the report, the text and
  the materials), with the document's particulars and the filing date against the period;
- opinion.docx, 规范性文件备案审查意见书: the filing review's opinion (BAS Art. 3 ✅ 有错必纠):
  no problem found, or the problems with the suggestion to correct or revoke and the day the
  answer is due (BAS Art. 21 by analogy ❓);
- publication.docx, 行政规范性文件发布登记表 (◑/❓ local practice): 统一登记、统一编号、统一印发
  and publication (§B.4–5; OGI Art. 20(1) ✅).
Layout: reference/documents.md §5 (GB/T 9704-2012), by the shared form builder
cases.doctemplates. The output is deterministic (same bytes on a rebuild without changes).
"""

from __future__ import annotations

from pathlib import Path

from cases import doctemplates

HERE = Path(__file__).resolve().parent


class Form(doctemplates.Form):
    comments = "Fazhi normative documents template"

    def directory(self) -> Path:
        return HERE  # looked up at each save, so that a test can point HERE elsewhere


def seal(f: Form, signer: str, date: str) -> None:
    """The signer and the date, bottom right, kept on one page."""
    f.blank().paragraph_format.keep_with_next = True
    f.sign(signer).paragraph_format.keep_with_next = True
    f.sign(date)


def particulars(f: Form, *, with_filing: bool) -> None:
    """The document's particulars as a two-column table (label | value)."""
    t = f.table([40, 116])
    t.row("文件名称", "《{{ title }}》", label_cols=(0,))
    t.row("制定机关", "{{ issuing_body }}", label_cols=(0,))
    t.row("文件类别", "{{ kind }}", label_cols=(0,))
    t.row("统一编号", "{{ unified_number }}", label_cols=(0,))
    t.row("发文字号", "{{ document_number }}", label_cols=(0,))
    t.row("登 记 号", "{{ registration_number }}", label_cols=(0,))
    t.row("合法性审核", "{{ review_number }}", label_cols=(0,))
    t.row("签发日期", "{{ signed_date }}", label_cols=(0,))
    t.row("公布日期", "{{ published_date }}", label_cols=(0,))
    t.row("施行日期", "{{ effective_date }}", label_cols=(0,))
    t.row("有效期至", "{{ valid_until }}", label_cols=(0,))
    if with_filing:
        t.row("报送备案日期", "{{ filed_date }}（{{ timeliness }}）", label_cols=(0,))
        t.row("备案期限", "{{ filing_due }}前", label_cols=(0,))


def build_report() -> Path:
    f = Form("规范性文件备案报告")
    f.title()
    f.para("备案号：{{ number }}", "Fazhi Number")
    f.field("{{ bureau }}：")
    f.para(
        "本单位制定的《{{ title }}》已于{{ published_date }}公布，自{{ effective_date }}起施行。"
        "根据规范性文件备案审查的有关规定，现将该文件报送备案，请予审查。"
    )
    f.heading("一、文件基本情况")
    particulars(f, with_filing=True)
    f.tag("if late")
    f.para("该文件未在公布之日起规定期限内报送备案，逾期原因：＿＿＿＿＿＿＿＿＿＿＿＿。")
    f.tag("endif")
    f.heading("二、报送材料")
    f.lines("materials")
    f.blank()
    f.field("联系人：＿＿＿＿＿＿＿＿　　联系电话：＿＿＿＿＿＿＿＿")
    seal(f, "{{ issuing_body }}（印章）", "{{ filed_date }}")
    return f.save("report.docx")


def build_opinion() -> Path:
    f = Form("规范性文件备案审查意见书")
    f.title()
    f.para("备案号：{{ number }}", "Fazhi Number")
    f.field("{{ issuing_body }}：")
    f.para(
        "你单位于{{ filed_date }}报送备案的《{{ title }}》（{{ document_number }}）收悉。"
        "本机关依照有件必备、有备必审、有错必纠的要求进行了备案审查，现提出审查意见如下："
    )
    f.para("{{ opinion }}")
    f.lines("points")
    f.tag("if suggestion")
    f.para(
        "请你单位对上述问题研究处理，对该文件予以{{ suggestion }}，并于{{ answer_due }}前将处理"
        "情况书面报送本机关。"
    )
    f.tag("endif")
    seal(f, "{{ bureau }}（印章）", "{{ opinion_date }}")
    return f.save("opinion.docx")


def build_publication() -> Path:
    f = Form("行政规范性文件发布登记表")
    f.title()
    f.field("登记机关：{{ registrar }}")
    particulars(f, with_filing=False)
    f.para(
        "说明：行政规范性文件实行统一登记、统一编号、统一印发，未经公布的不得作为行政管理依据。"
        "有效期届满前应当进行评估，本文件评估期限为{{ evaluate_by }}前。",
        "Fazhi Note",
    )
    seal(f, "登记人：＿＿＿＿＿＿＿＿", "{{ published_date }}")
    return f.save("publication.docx")


BUILDERS = (build_report, build_opinion, build_publication)


def main() -> None:
    doctemplates.build_all(BUILDERS, HERE.parent.parent)


if __name__ == "__main__":
    main()
