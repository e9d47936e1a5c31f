"""Build the DOCX templates of the enforcement-supervision documents (enforcement.documents).

Run:  .venv/bin/python -m enforcement.doctemplates.build

- letter.docx — 行政执法投诉交办函: the complaint's problem, what the body is asked to do, the
  reply deadline and the dispatch number (title ◑ common practice; CQ-JD Arts. 14 ¶3, 20).
- rectification.docx — 行政执法案卷评查整改通知书: the campaign, the file and its score, the
  problems found, the items to rectify with their deadline (SD-JD Arts. 14, 28: 30 days).
- opinion.docx — 行政执法监督意见书: the facts found on a complaint, the basis, the bureau's
  opinion and what the body must do within 30 days (SD-JD Art. 28; the title is the statute's).

Layout: the shared form builder cases.doctemplates (reference/documents.md §5, GB/T 9704).
"""

from __future__ import annotations

from pathlib import Path

from cases import doctemplates

HERE = Path(__file__).resolve().parent


class Form(doctemplates.Form):
    comments = "Fazhi enforcement supervision document template"

    def directory(self) -> Path:
        return HERE


def build_letter() -> Path:
    f = Form("行政执法投诉交办函")
    f.title()
    f.para("{{ number }}", "Fazhi Number")
    f.field("{{ body }}：")
    f.para(
        "{{ received_date }}，本机关收到反映你单位行政执法问题的投诉（投诉编号：{{ complaint_number }}），"
        "已依法受理。根据{{ basis }}的规定，现将有关问题交由你单位核查办理。"
    )
    f.heading("一、反映的问题")
    f.para("发生时间：{{ happened_date }}{% if place %}；发生地点：{{ place }}{% endif %}。")
    f.lines("facts")
    f.heading("二、办理要求")
    f.lines("instructions")
    f.tag("if resent")
    f.para(
        "本件为第{{ round }}次交办。你单位{{ previous_reply_date }}的答复经审核未予认可，退回重办，理由如下："
    )
    f.tag("endif")
    f.lines("send_back_reasons")
    f.heading("三、答复期限")
    f.para(
        "请你单位于{{ due_date }}前（{{ days }}个工作日内）将核查处理情况书面答复本机关，"
        "答复时请注明交办编号{{ number }}。逾期未答复的，本机关将予以督办，并纳入行政执法监督考核。"
    )
    f.heading("四、其他要求")
    f.para("请依法保护投诉人的合法权益，对投诉人的信息予以保密，不得打击报复。")
    f.blank()
    f.sign("{{ bureau }}（印章）")
    f.sign("{{ dispatched_date }}")
    return f.save("letter.docx")


def build_rectification() -> Path:
    f = Form("行政执法案卷评查整改通知书")
    f.title()
    f.para("{{ number }}", "Fazhi Number")
    f.field("{{ agency }}：")
    f.para(
        "根据《{{ campaign }}》的安排，本机关依照{{ basis }}的规定，对你单位{{ year }}年度作出的"
        "行政执法决定案卷进行了抽样评查。现将下列案卷的评查结果和发现的问题通知如下，请依法整改。"
    )
    f.heading("一、评查案卷")
    t = f.table([36, 120])
    t.row("案卷编号", "{{ case_number }}", label_cols=(0,))
    t.row("执法主体", "{{ body }}", label_cols=(0,))
    t.row("决定日期", "{{ decided_date }}", label_cols=(0,))
    t.row("评查日期", "{{ scored_date }}", label_cols=(0,))
    t.row("评查得分", "{{ total }}", label_cols=(0,))
    t.row("评查等次", "{{ grade }}", label_cols=(0,))
    t.row("一票否决", "{{ veto }}", label_cols=(0,))
    f.blank()
    parts = f.table([34, 18, 18, 86])
    parts.row("评查项目", "分值", "得分", "主要依据", label_cols=(0, 1, 2, 3))
    parts.tag_row("for p in parts")
    parts.row("{{ p.name }}", "{{ p.max }}", "{{ p.points }}", "{{ p.basis }}", label_cols=(1, 2))
    parts.tag_row("endfor")
    f.heading("二、评查发现的问题")
    f.lines("problems")
    f.heading("三、整改事项和期限")
    f.lines("items")
    f.para(
        "请你单位自收到本通知之日起{{ days }}日内，即于{{ deadline }}前完成整改，"
        "并将整改情况逐项书面报送本机关。逾期未整改或者整改不到位的，本机关将依法予以督办，"
        "并纳入行政执法评议考核。"
    )
    f.blank()
    f.sign("{{ bureau }}（印章）")
    f.sign("{{ notified_date }}")
    return f.save("rectification.docx")


def build_opinion() -> Path:
    f = Form("行政执法监督意见书")
    f.title()
    f.para("{{ number }}", "Fazhi Number")
    f.field("{{ body }}：")
    f.para(
        "本机关于{{ received_date }}收到反映你单位行政执法问题的投诉，经交办核查，"
        "现依法提出行政执法监督意见如下："
    )
    f.heading("一、查明的事实")
    f.para(
        "投诉反映的问题（发生时间：{{ happened_date }}{% if place %}；地点：{{ place }}{% endif %}）："
    )
    f.lines("facts")
    f.tag("for r in replies")
    f.para("{{ r.body }}于{{ r.date }}答复：{{ r.text }}")
    f.tag("endfor")
    f.para("经本机关核实，{{ finding }}")
    f.heading("二、监督依据")
    f.para("{{ basis }}")
    f.heading("三、监督意见")
    f.lines("opinion")
    f.heading("四、整改要求")
    f.para(
        "请你单位自本意见书作出之日起{{ days }}日内，即于{{ deadline }}前依法纠正，"
        "并将纠正情况书面报告本机关。对投诉人的信息应当予以保密，不得打击报复。"
    )
    f.blank()
    f.sign("{{ bureau }}（印章）")
    f.sign("{{ issued_date }}")
    return f.save("opinion.docx")


BUILDERS = (build_letter, build_rectification, build_opinion)


def main() -> None:
    doctemplates.build_all(BUILDERS, HERE.parent.parent)


if __name__ == "__main__":
    main()
