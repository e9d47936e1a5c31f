"""Build the DOCX templates of major administrative decisions (重大行政决策).

Run:  .venv/bin/python -m decisions.doctemplates.build

Three forms (重大行政决策程序暂行条例 = DEC, reference/statutes-lines.md §A; the Jinja names are
those decisions.documents puts in the context):
- notice.docx, 征求意见公告: the draft and its explanation published for comment, with how and
  by when to comment; the period "一般不少于30日", a shorter one with its reasons (Art. 15);
- answers.docx, 公众意见采纳情况说明: the comments received, adopted and not adopted, each with
  the reasons (Art. 18);
- decision.docx, 重大行政决策决定记录: the procedure performed (Arts. 14–28), the collective
  discussion with its dissent recorded as it was (Arts. 30–31), the decision and its
  publication (Art. 32).
Layout: reference/documents.md §5 (GB/T 9704-2012), by the shared form builder
cases.doctemplates. The output is deterministic (same bytes on a rebuild without changes).
"""

from __future__ import annotations

from pathlib import Path

from cases import doctemplates

HERE = Path(__file__).resolve().parent

DEC = "《重大行政决策程序暂行条例》"


class Form(doctemplates.Form):
    comments = "Fazhi major administrative decisions template"

    def directory(self) -> Path:
        return HERE  # looked up at each save, so that a test can point HERE elsewhere


def seal(f: Form, signer: str, date: str) -> None:
    """The signer and the date, bottom right, kept on one page."""
    f.blank().paragraph_format.keep_with_next = True
    f.sign(signer).paragraph_format.keep_with_next = True
    f.sign(date)


def build_notice() -> Path:
    f = Form("征求意见公告")
    f.title("关于公开征求《{{ title }}》（征求意见稿）意见的公告")
    f.para(
        "为提高决策的科学性、民主性和合法性，根据" + DEC + "第十四条、第十五条的规定，"
        "{{ lead_unit }}起草了《{{ title }}》（征求意见稿），现将草案及其说明向社会公布，"
        "公开征求意见。"
    )
    f.heading("一、征求意见期限")
    f.para(
        "征求意见期限为{{ days }}日，自本公告发布之次日起计算，至{{ closes_date }}止。"
        "{% if short_reason %}因{{ short_reason }}，本次征求意见期限少于30日。{% endif %}"
    )
    f.heading("二、提出意见的方式")
    f.para(
        "社会公众可以登录{{ portal_url }}，阅读草案及其说明，并在该页面在线提交意见。"
        "提交意见须通过手机短信验证码验证，姓名可以不填写；姓名和手机号码不予公开。"
    )
    f.para(
        "对收到的意见，将进行归纳整理、研究论证，充分采纳合理意见，并公开意见采纳情况"
        "（" + DEC + "第十八条）。"
    )
    f.heading("三、决策草案")
    f.lines("draft")
    f.heading("四、起草说明")
    f.lines("explanation")
    seal(f, "{{ lead_unit }}", "{{ opens_date }}")
    return f.save("notice.docx")


def comment_table(f: Form, rows: str) -> None:
    t = f.table([16, 30, 60, 50])
    t.row("序号", "收到日期", "意见内容", "处理情况及理由", label_cols=(0, 1, 2, 3))
    t.tag_row(f"for c in {rows}")
    t.row("{{ c.number }}", "{{ c.received }}", "{{ c.body }}", "{{ c.reasons }}")
    t.tag_row("endfor")


def build_answers() -> Path:
    f = Form("公众意见采纳情况说明")
    f.title("关于《{{ title }}》公众意见采纳情况的说明")
    f.para(
        "{{ lead_unit }}于{{ opens_date }}公布《{{ title }}》（征求意见稿）及其说明，公开征求"
        "社会公众意见，征求意见期限至{{ closes_date }}止。期间共收到意见{{ total }}条，其中采纳"
        "{{ adopted_count }}条，未采纳{{ rejected_count }}条。根据" + DEC + "第十八条的规定，"
        "现将意见采纳情况说明如下："
    )
    f.lines("summary")
    f.tag("if adopted")
    f.heading("一、采纳的意见")
    f.tag("endif")
    f.tag("if adopted")
    comment_table(f, "adopted")
    f.tag("endif")
    f.tag("if rejected")
    f.heading("{% if adopted %}二{% else %}一{% endif %}、未采纳的意见及理由")
    f.tag("endif")
    f.tag("if rejected")
    comment_table(f, "rejected")
    f.tag("endif")
    f.para("说明：本说明不公开提出意见人的姓名和联系方式。", "Fazhi Note")
    seal(f, "{{ lead_unit }}", "{{ published_date }}")
    return f.save("answers.docx")


def build_decision() -> Path:
    f = Form("重大行政决策决定记录")
    f.title()
    f.para("{{ number }}", "Fazhi Number")
    t = f.table([36, 120])
    t.row("决策事项", "{{ title }}", label_cols=(0,))
    t.row("决策机关", "{{ maker }}", label_cols=(0,))
    t.row("承办单位", "{{ lead_unit }}", label_cols=(0,))
    t.row("事项类别", "{{ matter }}", label_cols=(0,))
    t.row("决策事项目录", "{{ catalogue }}", label_cols=(0,))
    t.row("决策启动", "{{ started_date }}", label_cols=(0,))
    t.row("公众参与", "{{ participation }}", label_cols=(0,))
    t.row("听　　证", "{{ hearing }}", label_cols=(0,))
    t.row("专家论证", "{{ expert }}", label_cols=(0,))
    t.row("风险评估", "{{ risk }}", label_cols=(0,))
    t.row("合法性审查", "{{ legality }}", label_cols=(0,))
    t.row("集体讨论", "{{ meeting }}", label_cols=(0,))
    t.row("讨论结果", "{{ meeting_result }}", label_cols=(0,))
    dissent = t.row(
        "不同意见",
        ["{%p for line in dissent %}", "{{ line }}", "{%p endfor %}"],
        label_cols=(0,),
    )
    t.top_aligned(dissent, 1)
    t.row("决定日期", "{{ decided_date }}", label_cols=(0,))
    t.row("决策文件文号", "{{ decision_number }}", label_cols=(0,))
    t.row("决策公布", "{{ publication }}", label_cols=(0,))
    f.para(
        "说明：决策草案经决策机关常务会议或者全体会议讨论，行政首长在集体讨论的基础上作出决定；"
        "集体讨论决定情况如实记录，不同意见如实载明（" + DEC + "第三十条、第三十一条）。",
        "Fazhi Note",
    )
    seal(f, "记录人：＿＿＿＿＿＿＿＿", "{{ decided_date }}")
    return f.save("decision.docx")


BUILDERS = (build_notice, build_answers, build_decision)


def main() -> None:
    doctemplates.build_all(BUILDERS, HERE.parent.parent)


if __name__ == "__main__":
    main()
