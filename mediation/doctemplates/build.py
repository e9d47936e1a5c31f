"""Build the DOCX templates of the people's mediation documents (人民调解文书).

Run:  .venv/bin/python -m mediation.doctemplates.build

Writes one docxtpl template per document next to this file. The output is deterministic, so
rebuilding without changes gives the same bytes and the same template hash, which generated
documents record as their template version.

Structure of the forms: reference/documents.md §1 (Ministry of Justice 2010 formats); layout:
§5 (GB/T 9704-2012), by the shared form builder cases.doctemplates.

The Jinja names used here are those that mediation.documents puts in the context; docxtpl's
{%p %} / {%tr %} tags repeat whole paragraphs / table rows.
"""

from __future__ import annotations

from pathlib import Path

from cases import doctemplates
from cases.doctemplates import SIGN_LINE

HERE = Path(__file__).resolve().parent


class Form(doctemplates.Form):
    """A mediation document template, saved next to this file."""

    comments = "Fazhi mediation document template"

    def directory(self) -> Path:
        return HERE  # looked up at each save, so that a test can point HERE elsewhere


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
    doctemplates.build_all(BUILDERS, HERE.parent.parent)


if __name__ == "__main__":
    main()
