"""Build the DOCX templates of the administrative litigation response documents (行政应诉文书).

Run:  .venv/bin/python -m litigation.doctemplates.build

Writes one docxtpl template per document next to this file. The output is deterministic, so
rebuilding without changes gives the same bytes and the same template hash, which generated
documents record as their template version.

The forms are the defendant agency's own papers, not the court's: the notice of its legal
section to the head who is to appear (最高人民法院关于行政机关负责人出庭应诉若干问题的规定,
"the Provisions", Arts. 2, 5–8, 12), the defence (行政诉讼法第六十七条), the filing form sent to
the justice bureau (行政应诉事前报备和事后跟踪, as the 海珠 2020 report describes it) and the
reply to a judicial recommendation. Layout: reference/documents.md §5 (GB/T 9704-2012), by
the shared form builder cases.doctemplates.

The Jinja names used here are those that litigation.documents puts in the context; docxtpl's
{%p %} / {%tr %} tags repeat or keep whole paragraphs / table rows.
"""

from __future__ import annotations

from pathlib import Path

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from cases import doctemplates
from cases.doctemplates import SIGN_LINE

HERE = Path(__file__).resolve().parent

LAW = "《中华人民共和国行政诉讼法》"
PROVISIONS = "《最高人民法院关于行政机关负责人出庭应诉若干问题的规定》"


class Form(doctemplates.Form):
    """A litigation response document template, saved next to this file."""

    comments = "Fazhi administrative litigation response document template"

    def directory(self) -> Path:
        return HERE  # looked up at each save, so that a test can point HERE elsewhere


def keep_rows_whole(t: doctemplates.Table) -> None:
    """No row of the table is broken across two pages (w:cantSplit)."""
    for row in t.table.rows:
        tr_pr = row._tr.get_or_add_trPr()
        if tr_pr.find(qn("w:cantSplit")) is None:
            tr_pr.insert(0, OxmlElement("w:cantSplit"))


def seal(f: Form, signer: str, date: str) -> None:
    """The signer with its seal and the date, bottom right."""
    f.blank()
    f.sign(signer)
    f.sign("{{ " + date + " }}")


def build_appearance() -> Path:
    """行政机关负责人出庭应诉通知书: the legal section tells the head of the hearing — the court,
    the case, the time and place, the court's notice served three days before, or the court's
    lapse when it came later (Provisions Art. 5) — who may appear (Art. 2), the proof of identity (Art. 6), one appearance per
    trial level (Art. 7), the excuses and the written explanation (Art. 8), and the judicial
    recommendation that may follow an absence without reason (Art. 12)."""
    f = Form("行政机关负责人出庭应诉通知书")
    f.title()
    f.field("{{ agency }}负责人：")
    f.para(
        "{{ case_name }}（案号：{{ number }}），{{ court }}定于{{ hearing_date }}＿＿时＿＿分在"
        "{{ hearing_place }}开庭审理。人民法院的出庭通知书已于{{ notice_date }}送达本机关，"
        "{{ notice_remark }}"
    )
    f.para(
        f"根据{LAW}第三条第三款的规定，被诉行政机关负责人应当出庭应诉；不能出庭的，应当委托"
        "行政机关相应的工作人员出庭。现将有关事项通知如下："
    )
    f.para(
        "一、可以出庭应诉的负责人：本机关的正职负责人、副职负责人、参与分管被诉行政行为实施工作的"
        "副职级别的负责人以及其他参与分管的负责人。本机关委托的组织或者下级行政机关的负责人，"
        "不能作为本机关负责人出庭（该规定第二条）。"
    )
    f.para(
        "二、拟出庭应诉负责人：＿＿＿＿＿＿，职务：＿＿＿＿＿＿。出庭应诉负责人的身份证明（载明"
        "姓名、职务等基本信息，加盖本机关印章）应当于开庭前提交人民法院（该规定第六条）。"
    )
    f.para(
        "三、负责人因不可抗力、意外事件、需要履行他人不能代替的公务或者其他正当事由不能出庭的，"
        "本机关应当向人民法院提交情况说明，加盖本机关印章或者由本机关主要负责人签字认可，并委托"
        "本机关相应的工作人员出庭（该规定第八条）。负责人未出庭应诉且未说明理由或者理由不成立的，"
        "人民法院可以向监察机关、本机关的上一级行政机关提出司法建议（该规定第十二条）。"
    )
    f.para(
        "四、同一审级需要多次开庭的，负责人到庭参加一次庭审的，一般可以认定已经履行出庭应诉义务，"
        "但人民法院通知负责人再次出庭的除外（该规定第七条）。"
        "{% if appeared_before %}本案在本审级已由{{ appeared_before }}出庭应诉。{% endif %}"
    )
    f.para(
        "请于开庭前将出庭安排告知本机关法制工作机构。联系人：＿＿＿＿＿＿，联系电话：＿＿＿＿＿＿。"
    )
    seal(f, "{{ agency }}法制工作机构", "notice_date")
    return f.save("appearance.docx")


def build_defence() -> Path:
    """行政诉讼答辩状: the agency answering, the other side, the case, the requests and the
    facts and reasons, within fifteen days of service with the evidence and the normative
    documents relied on (行政诉讼法第三十四条、第六十七条)."""
    f = Form("行政诉讼答辩状")
    f.title()
    f.lines("party_lines", "Fazhi Field")
    f.para(
        "答辩人因{{ case_name }}（案号：{{ number }}），于{{ served_date }}收到{{ court }}送达的"
        "{{ papers }}，现提出答辩如下："
    )
    f.heading("答辩请求")
    f.lines("requests")
    f.heading("事实与理由")
    f.lines("reasons")
    f.blank()
    f.field("此致")
    f.field("{{ court }}")
    f.blank()
    f.sign("答辩人：{{ agency }}（印章）")
    f.sign("法定代表人（签名）：" + SIGN_LINE)
    f.sign("{{ answer_date }}")
    f.blank()
    f.field("附：1．本答辩状副本{{ copies }}份；")
    f.field("　　2．作出被诉行政行为的证据和所依据的规范性文件及其目录。")
    f.para("{{ deadline_note }}", "Fazhi Note")
    return f.save("defence.docx")


def build_filing() -> Path:
    """行政应诉案件备案表: the agency's report of the case to the justice bureau, sent when the
    complaint is served and again after each step (事前报备、事后跟踪): the case, the answer,
    each hearing with who appeared for the agency or why the head did not (Provisions Arts. 2,
    7, 8), the judgment or ruling, the reasons for a loss, the appeal and the judicial
    recommendations."""
    f = Form("行政应诉案件备案表")
    f.title()
    f.field("报送：{{ bureau }}")
    f.field("报备单位（盖章）：{{ agency }}")
    f.field("填报日期：{{ filled_date }}")
    t = f.table([30, 48, 30, 48])
    t.row("案　　号", ("{{ number }}", 3), label_cols=(0,))
    t.row("受理法院", "{{ court }}", "审　　级", "{{ level }}", label_cols=(0, 2))
    t.row("{{ plaintiff_label }}", ("{{ plaintiff_names }}", 3), label_cols=(0,))
    t.row("第 三 人", ("{{ third_party_names }}", 3), label_cols=(0,))
    t.row("案　　由", "{{ cause }}", "行政复议", "{{ reconsideration }}", label_cols=(0, 2))
    t.row("被诉行为", ("{{ act }}", 3), label_cols=(0,))
    t.row("收到诉状", "{{ served_date }}", "立案日期", "{{ filed_date }}", label_cols=(0, 2))
    t.row("答辩期限", "{{ answer_due }}", "答辩日期", "{{ answer_date }}", label_cols=(0, 2))
    hearings = t.row(
        "开庭及出庭应诉情况",
        (["{%p for line in hearings %}", "{{ line }}", "{%p endfor %}"], 3),
        label_cols=(0,),
    )
    t.top_aligned(hearings, 1)
    t.row("本审级负责人出庭", ("{{ head_summary }}", 3), label_cols=(0,))
    t.row("裁判结果", ("{{ judgment }}", 3), label_cols=(0,))
    t.row(
        "败诉原因",
        (["{%p for line in loss %}", "{{ line }}", "{%p endfor %}"], 3),
        label_cols=(0,),
    )
    t.row("上诉情况", ("{{ appeal }}", 3), label_cols=(0,))
    t.row(
        "司法建议",
        (["{%p for line in recommendations %}", "{{ line }}", "{%p endfor %}"], 3),
        label_cols=(0,),
    )
    t.row("经 办 人", "", "联系电话", "", height_mm=9, label_cols=(0, 2))
    t.row("单位负责人意见", ("", 3), height_mm=14, label_cols=(0,))
    t.row("司法局审查意见", ("", 3), height_mm=14, label_cols=(0,))
    keep_rows_whole(t)
    f.para(
        "说明：收到起诉状（上诉状、再审申请书）副本后报备本表；开庭、裁判、上诉和收到司法建议后"
        "更新报送。负责人出庭应诉按审级填报，同一审级出庭一次即可（"
        f"{PROVISIONS}第七条）。",
        "Fazhi Note",
    )
    return f.save("filing.docx")


def build_reply() -> Path:
    """司法建议回复函 to the court: the recommendation received (行政诉讼法第六十六条;
    Provisions Art. 12), what it asked, and what the agency has done."""
    f = Form("司法建议回复函")
    f.title()
    f.para("{{ letter_number }}", "Fazhi Number")
    f.field("{{ court }}：")
    f.para(
        "贵院在审理{{ case_name }}（案号：{{ number }}）过程中向本机关提出的司法建议，本机关已于"
        "{{ received_date }}收悉。{% if reply_due %}贵院要求于{{ reply_due }}前回复。{% endif %}"
    )
    f.para("司法建议的主要内容为：")
    f.lines("content")
    f.para("本机关高度重视，经认真研究，现将有关情况回复如下：")
    f.lines("reply")
    f.para("特此函复。")
    seal(f, "{{ agency }}（印章）", "replied_date")
    f.field("（联系人：＿＿＿＿＿＿，联系电话：＿＿＿＿＿＿）")
    return f.save("reply.docx")


BUILDERS = (build_appearance, build_defence, build_filing, build_reply)


def main() -> None:
    doctemplates.build_all(BUILDERS, HERE.parent.parent)


if __name__ == "__main__":
    main()
