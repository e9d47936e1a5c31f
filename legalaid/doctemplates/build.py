"""Build the DOCX templates of the legal aid documents (法律援助文书).

Run:  .venv/bin/python -m legalaid.doctemplates.build

Writes one docxtpl template per document next to this file. The output is deterministic, so
rebuilding without changes gives the same bytes and the same template hash, which generated
documents record as their template version.

Structure of the forms: reference/documents.md §4 (Ministry of Justice 法律援助文书格式,
2023) and the Legal Aid Law (法律援助法) articles each form cites; layout: §5 (GB/T
9704-2012), by the shared form builder cases.doctemplates.

The Jinja names used here are those that legalaid.documents puts in the context; docxtpl's
{%p %} / {%tr %} tags repeat whole paragraphs / table rows.
"""

from __future__ import annotations

from pathlib import Path

from cases import doctemplates
from cases.doctemplates import SIGN_LINE

HERE = Path(__file__).resolve().parent


class Form(doctemplates.Form):
    """A legal aid document template, saved next to this file."""

    comments = "Fazhi legal aid document template"

    def directory(self) -> Path:
        return HERE  # looked up at each save, so that a test can point HERE elsewhere


# --------------------------------------------------------------------------------------------
# The eight forms
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


def addressed(title: str, number: str = "number") -> Form:
    """A form addressed to the applicant: title, number (`number` names it) and salutation."""
    f = Form(title)
    f.title()
    f.number(number)
    f.field("{{ applicant_names }}：")
    return f


def build_receipt() -> Path:
    """受理回执: the application and its materials received; what happens next (Art. 43)."""
    f = addressed("法律援助申请受理回执")
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
    f = addressed("补充材料通知书")
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
    f = addressed("给予法律援助决定书", "decision_number")
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
    f = addressed("不予法律援助决定书", "decision_number")
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


def build_notice() -> Path:
    """法律援助公函 to the police, procuratorate or court that notified the case: the lawyer
    assigned, within three days of the notice (法律援助法第三十六条)."""
    f = Form("法律援助公函")
    f.title()
    f.number()
    f.field("{{ notifying_body }}：")
    f.para(
        "{{ notifier_word }}于{{ received_date }}通知本中心为{{ applicant_names }}{{ role_for }}"
        "（{{ subject }}）。根据《中华人民共和国法律援助法》第三十六条的规定，本中心已于"
        "{{ assigned_date }}指派{{ firm }}{{ lawyer_kind }}{{ lawyer }}（执业证号：{{ licence }}）"
        "担任其{{ role }}。"
    )
    f.para("请{{ notifier_word }}依法为承办人{{ duties }}提供便利。")
    f.para("特此函告。")
    seal(f, "assigned_date")
    return f.save("notice.docx")


def build_termination() -> Path:
    """终止法律援助决定书: the ground of Art. 48 and the objection (Art. 49)."""
    f = addressed("终止法律援助决定书", "decision_number")
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
    build_notice,
    build_termination,
    build_closing,
)


def main() -> None:
    doctemplates.build_all(BUILDERS, HERE.parent.parent)


if __name__ == "__main__":
    main()
