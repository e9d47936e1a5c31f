"""Build the DOCX template of the legality review opinion (合法性审核意见书).

Run:  .venv/bin/python -m legality.doctemplates.build

Structure: 重大行政决策程序暂行条例 Art. 27 (reference/statutes-lines.md §A): the opinion says
(1) whether the drafting body had the authority, (2) whether the statutory procedure was
followed, (3) whether the content conforms to laws, regulations, rules and national policy;
then the conclusion and the numbered points the department is to answer (Art. 28; 115号 ❓).
Title ◑ (common practice, §B). Layout: the shared form builder cases.doctemplates.
"""

from __future__ import annotations

from pathlib import Path

from cases import doctemplates

HERE = Path(__file__).resolve().parent


class Form(doctemplates.Form):
    comments = "Fazhi legality review document template"

    def directory(self) -> Path:
        return HERE


def build_opinion() -> Path:
    f = Form("合法性审核意见书")
    f.title()
    f.para("{{ number }}", "Fazhi Number")
    f.field("{{ department }}：")
    f.para(
        "你单位于{{ submitted_date }}报送的《{{ title }}》（{{ kind }}）及有关材料收悉。"
        "本机关依法进行了合法性审核，现提出审核意见如下："
    )
    f.heading("一、制定主体是否合法，是否超越法定职权")
    f.lines("authority")
    f.heading("二、是否履行法定程序")
    f.lines("procedure")
    f.heading("三、内容是否符合有关法律、法规、规章和国家政策的规定")
    f.lines("conformity")
    f.heading("四、审核结论")
    f.para("{{ conclusion }}")
    f.tag("if points")
    f.heading("五、具体意见")
    f.tag("endif")
    f.lines("points")
    f.para("请你单位对上述意见逐条研究，并将采纳情况（未采纳的说明理由）书面反馈本机关。")
    f.blank()
    f.sign("{{ reviewer }}（印章）")
    f.sign("{{ issued_date }}")
    return f.save("opinion.docx")


BUILDERS = (build_opinion,)


def main() -> None:
    doctemplates.build_all(BUILDERS, HERE.parent.parent)


if __name__ == "__main__":
    main()
