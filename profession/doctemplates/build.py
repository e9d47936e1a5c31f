"""Build the DOCX templates of the legal-services sector's documents (profession.documents).

Run:  .venv/bin/python -m profession.doctemplates.build

- penalty.docx — 行政处罚决定书: the content of 行政处罚法 Art. 59 (the party, the facts and the
  evidence, the penalty and its basis — 律师法 Arts. 47–50, 公证法 Arts. 41–42 or the GD‑SJ
  rules, `basis` —, how and by when to comply — a fine
  within 15 days, Arts. 67, 72 —, 行政复议 within 60 days and 行政诉讼 within 6 months, the
  bureau, its seal and the date).
- outcome.docx — 投诉处理结果告知书 / 投诉不予受理告知书 to the complainant.
- result.docx — 年度检查考核结果通知书 to the firm (律师法 Arts. 23–24).

Layout: the shared form builder cases.doctemplates (reference/documents.md §5, GB/T 9704).
The Jinja names used here are those that profession.documents puts in the context.
"""

from __future__ import annotations

from pathlib import Path

from cases import doctemplates

HERE = Path(__file__).resolve().parent


class Form(doctemplates.Form):
    """A legal-services sector document template, saved next to this file."""

    comments = "Fazhi legal-services sector document template"

    def directory(self) -> Path:
        return HERE  # looked up at each save, so that a test can point HERE elsewhere


def seal(f: Form, name: str, date: str) -> None:
    """The agency's name with its seal and the date, bottom right."""
    f.blank()
    f.sign("{{ " + name + " }}（印章）")
    f.sign("{{ " + date + " }}")


def build_penalty() -> Path:
    """行政处罚决定书 (行政处罚法 Art. 59)."""
    f = Form("行政处罚决定书")
    f.title()
    f.para("{{ decision_number }}", "Fazhi Number")
    f.field("当事人：{{ party.name }}（{{ party.kind }}）")
    f.tag("if party.firm")
    f.field("执业机构：{{ party.firm }}")
    f.tag("endif")
    f.field("{{ party.licence_label }}：{{ party.licence }}")
    f.field("住所（执业机构地址）：{{ party.address }}")
    f.para(
        "{{ investigated_by }}于{{ received_date }}收到对当事人的投诉（案号：{{ complaint_number }}）"
        "后，依法进行了调查。现查明："
    )
    f.lines("findings")
    f.para("以上事实，有下列证据证明：")
    f.lines("evidence")
    f.para("本机关认为：")
    f.lines("grounds")
    f.para("根据{{ basis }}的规定，本机关决定对当事人给予如下行政处罚：{{ measures }}。")
    f.lines("terms")
    f.tag("if pays")
    f.para(
        "当事人应当自收到本决定书之日起十五日内，到指定的银行或者通过电子支付系统缴纳"
        "{{ payment }}（《中华人民共和国行政处罚法》第六十七条）。"
    )
    f.tag("endif")
    f.tag("if has_fine")
    f.para(
        "到期不缴纳罚款的，本机关可以每日按罚款数额的百分之三加处罚款，加处罚款的数额不得超出"
        "罚款的数额（《中华人民共和国行政处罚法》第七十二条）。"
    )
    f.tag("endif")
    f.para(
        "当事人如不服本决定，可以自收到本决定书之日起六十日内向{{ review_body }}申请行政复议，"
        "也可以自收到本决定书之日起六个月内直接向人民法院提起行政诉讼。行政复议或者行政诉讼"
        "期间，本决定不停止执行，法律另有规定的除外（《中华人民共和国行政处罚法》第七十三条）。"
    )
    f.para(
        "当事人逾期不申请行政复议、不提起行政诉讼，又不履行本决定的，本机关将依法申请人民法院"
        "强制执行。"
    )
    seal(f, "bureau", "decided_date")
    return f.save("penalty.docx")


def build_outcome() -> Path:
    """投诉处理结果告知书, or 投诉不予受理告知书 for a complaint not accepted."""
    f = Form("投诉处理结果告知书")
    f.title("{{ title }}")
    f.number()
    f.field("{{ complainant }}：")
    f.tag("if not_accepted")
    f.para(
        "你于{{ received_date }}向本机关提出的对{{ subject }}的投诉，本机关已依法审查。经审查，"
        "本机关决定不予受理，理由如下："
    )
    f.tag("elif dismissed")
    f.para(
        "你于{{ received_date }}向本机关提出的对{{ subject }}的投诉，本机关已依法受理并进行了"
        "调查。经调查，本机关决定对被投诉人不予行政处罚，理由如下："
    )
    f.tag("else")
    f.para(
        "你于{{ received_date }}向本机关提出的对{{ subject }}的投诉，本机关已依法受理并进行了调查。"
    )
    f.tag("endif")
    f.lines("reasons")
    f.tag("if penalised")
    f.para(
        "{{ penalty_bureau }}已于{{ penalty_date }}依法对{{ penalised_name }}作出行政处罚决定"
        "（{{ decision_number }}）：{{ measures }}。该处罚已依法公开。"
    )
    f.tag("endif")
    f.para("特此告知。感谢你对{{ supervised }}的监督。")
    seal(f, "bureau", "concluded_date")
    return f.save("outcome.docx")


def build_result() -> Path:
    """年度检查考核结果通知书 (律师法 Arts. 23–24)."""
    f = Form("年度检查考核结果通知书")
    f.title()
    f.number()
    f.field("{{ firm }}：")
    f.para(
        "根据《中华人民共和国律师法》第二十三条、第二十四条的规定，本机关对你所{{ year }}年度的"
        "执业情况进行了年度检查考核。你所于{{ submitted_date }}报送了{{ year }}年度执业情况报告"
        "{% if late %}（逾期报送）{% endif %}。"
    )
    f.para("经考核，你所{{ year }}年度检查考核结果为：{{ result }}。")
    f.tag("if assessed")
    f.para(
        "你所律师执业年度考核结果：称职{{ competent }}名，基本称职{{ basic }}名，"
        "不称职{{ incompetent }}名。"
    )
    f.tag("endif")
    f.tag("if remarks")
    f.para("说明：")
    f.tag("endif")
    f.lines("remarks")
    f.tag("if failed")
    f.para("请你所针对检查考核中发现的问题认真整改，并将整改情况书面报告本机关。")
    f.tag("endif")
    f.tag("if filed")
    f.para("本考核结果已于{{ filed_date }}报{{ filed_with }}备案。")
    f.tag("else")
    f.para("本考核结果将报设区的市级司法行政部门备案（《中华人民共和国律师法》第二十四条）。")
    f.tag("endif")
    f.para("特此通知。")
    seal(f, "bureau", "graded_date")
    return f.save("result.docx")


BUILDERS = (build_penalty, build_outcome, build_result)


def main() -> None:
    doctemplates.build_all(BUILDERS, HERE.parent.parent)


if __name__ == "__main__":
    main()
