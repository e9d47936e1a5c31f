"""Build the DOCX templates of the public-legal-education documents (education.documents).

Run:  .venv/bin/python -m education.doctemplates.build

- evaluation.docx — 普法履职评议结果通知书: the agency's year, its report, the expert score,
  the public vote by rating, the satisfaction rate and the grade (年度履职报告评议, ◑ S11;
  SD‑PF Art. 31 ✅ evaluation).
- list.docx — 普法责任清单: the agency's published list for the year, a table of the laws it
  enforces, whom it teaches each to and how (谁执法谁普法; SD‑PF Art. 10 ✅).

Layout: the shared form builder cases.doctemplates (reference/documents.md §5, GB/T 9704).
"""

from __future__ import annotations

from pathlib import Path

from cases import doctemplates

HERE = Path(__file__).resolve().parent


class Form(doctemplates.Form):
    comments = "Fazhi public legal education document template"

    def directory(self) -> Path:
        return HERE


def build_evaluation() -> Path:
    f = Form("普法履职评议结果通知书")
    f.title()
    f.field("{{ agency }}：")
    f.para(
        "根据{{ basis }}的规定，本机关组织开展了{{ year }}年度"
        "国家机关普法履职报告评议。你单位于{{ reported_date }}报送了年度普法履职报告，经专家评审和"
        "社会公众评议，现将评议结果通知如下："
    )
    t = f.table([48, 108])
    t.row("评议年度", "{{ year }}年度", label_cols=(0,))
    t.row("专家评审得分", "{{ expert_score }}", label_cols=(0,))
    t.row("公众评议票数", "{{ votes }}", label_cols=(0,))
    t.row("公众满意率", "{{ satisfied_rate }}", label_cols=(0,))
    t.row("评议等次", "{{ grade }}", label_cols=(0,))
    f.blank()
    f.para(
        "请你单位对照评议结果，总结经验，查找不足，进一步落实普法责任清单，创新普法方式，"
        "将普法融入执法、司法和法律服务全过程。评议结果已向社会公布，并纳入法治建设考核。"
    )
    f.blank()
    f.sign("{{ bureau }}（印章）")
    f.sign("{{ published_date }}")
    return f.save("evaluation.docx")


def build_list() -> Path:
    f = Form("普法责任清单")
    f.title("{{ agency }}{{ year }}年度普法责任清单")
    f.para(
        "根据{{ basis }}的规定，本单位将所执行的法律法规的宣传教育列入本年度工作，"
        "明确普法对象和措施如下："
    )
    t = f.table([12, 44, 34, 66])
    t.row("序号", "法律法规", "普法对象", "普法措施", label_cols=(0, 1, 2, 3))
    t.tag_row("for i in items")
    t.row("{{ i.position }}", "{{ i.law }}", "{{ i.audience }}", "{{ i.measures }}")
    t.tag_row("endfor")
    f.blank()
    f.sign("{{ agency }}")
    f.sign("{{ published_date }}")
    return f.save("list.docx")


BUILDERS = (build_evaluation, build_list)


def main() -> None:
    doctemplates.build_all(BUILDERS, HERE.parent.parent)


if __name__ == "__main__":
    main()
