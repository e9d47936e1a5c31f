"""Build the DOCX templates of the administrative reconsideration documents (行政复议文书).

Run:  .venv/bin/python -m reconsideration.doctemplates.build

Writes one docxtpl template per document next to this file. The output is deterministic, so
rebuilding without changes gives the same bytes and the same template hash, which generated
documents record as their template version.

Structure of the forms: reference/documents.md §3 (国法函〔2008〕196号 示范文本 and the
structure of real 2023–24 decisions) and the articles of the Administrative Reconsideration
Law (行政复议法 2023, reference/statutes.md §1) each form cites; layout: §5 (GB/T 9704-2012),
by the shared form builder cases.doctemplates. Numbers stand under the title without "编号：",
as on reconsideration documents.

The Jinja names used here are those that reconsideration.documents puts in the context;
docxtpl's {%p %} tags repeat or keep whole paragraphs.
"""

from __future__ import annotations

from pathlib import Path

from cases import doctemplates
from cases.doctemplates import SIGN_LINE

HERE = Path(__file__).resolve().parent

LAW = "《中华人民共和国行政复议法》"

#: How the notices to the parties name the case.
THE_CASE = (
    "申请人{{ applicant_names }}不服被申请人{{ respondent }}{{ act_dated }}申请行政复议一案"
    "（案号：{{ number }}）"
)


class Form(doctemplates.Form):
    """A reconsideration document template, saved next to this file."""

    comments = "Fazhi administrative reconsideration document template"

    def directory(self) -> Path:
        return HERE  # looked up at each save, so that a test can point HERE elsewhere


# --------------------------------------------------------------------------------------------
# The twelve forms
# --------------------------------------------------------------------------------------------


def seal(f: Form, date: str) -> None:
    """The authority's seal and the date, bottom right."""
    f.blank()
    f.sign("{{ authority }}（印章）")
    f.sign("{{ " + date + " }}")


def start(title: str, number: str = "number", to: str | None = "applicant_names") -> Form:
    """Title, number (the context name `number`) and, given `to`, the salutation."""
    f = Form(title)
    f.title()
    f.para("{{ " + number + " }}", "Fazhi Number")
    if to:
        f.field("{{ " + to + " }}：")
    return f


def build_acceptance() -> Path:
    """受理行政复议申请通知书: accepted, or deemed accepted (第三十条); the procedure and the
    decision period (第五十三条、第六十二条); the right to see the answer and evidence (第四十七条)."""
    f = start("受理行政复议申请通知书")
    f.para(
        "你（单位）不服被申请人{{ respondent }}{{ act_dated }}，于{{ received_date }}向本机关提出的"
        "行政复议申请收悉。{{ acceptance }}"
    )
    f.para("{{ how }}")
    f.para(
        "行政复议期间，你（单位）可以按照规定查阅、复制被申请人提出的书面答复、作出行政行为的"
        f"证据、依据和其他有关材料（{LAW}第四十七条）。"
    )
    f.para("特此通知。")
    seal(f, "accepted_date")
    return f.save("acceptance.docx")


def build_correction() -> Path:
    """补正行政复议申请通知书: everything to correct at once, the period, and the application
    deemed abandoned when not corrected without good reason (第三十一条)."""
    f = start("补正行政复议申请通知书")
    f.para(
        "你（单位）于{{ received_date }}向本机关提出的行政复议申请（不服被申请人{{ respondent }}"
        "{{ act_made }}），经审查，申请材料不齐全或者表述不清楚，无法判断是否符合"
        f"{LAW}第三十条第一款规定的受理条件。根据该法第三十一条的规定，现一次性告知你（单位）"
        "需要补正的事项如下："
    )
    f.lines("items")
    f.para(
        "请你（单位）自收到本通知书之日起{{ correction_period }}内向本机关提交补正材料。有正当理由"
        "不能按期补正的，可以向本机关说明理由，本机关可以延长合理的补正期限；无正当理由逾期不补正"
        "的，视为放弃行政复议申请，并记录在案。"
    )
    f.para("本机关收到补正材料后，依照该法第三十条的规定审查处理。")
    seal(f, "notice_date")
    return f.save("correction.docx")


def build_refusal() -> Path:
    """不予受理行政复议申请决定书: the reasons (第三十条) and the right to sue."""
    f = start("不予受理行政复议申请决定书", "decision_number", to=None)
    f.lines("party_lines", "Fazhi Field")
    f.para(
        "申请人{{ applicant_names }}不服被申请人{{ respondent }}{{ act_dated }}，于"
        "{{ received_date }}向本机关提出行政复议申请。经审查，本机关认为："
    )
    f.lines("reasons")
    f.para(
        f"该申请不符合{LAW}第三十条第一款规定的受理条件。根据该法第三十条的规定，本机关决定"
        "不予受理。"
    )
    f.para("申请人如不服本决定，可以自收到本决定书之日起十五日内，依法向人民法院提起行政诉讼。")
    seal(f, "refused_date")
    return f.save("refusal.docx")


def build_answer() -> Path:
    """提出答复通知书 to the respondent: the answer with evidence within ten working days, five
    on the simplified procedure (第四十八条、第五十四条); no evidence gathered by itself
    (第四十六条); no answer, no evidence (第七十条)."""
    f = start("提出答复通知书", to="respondent")
    f.para(
        "申请人{{ applicant_names }}不服你单位{{ act_dated }}，于{{ received_date }}向本机关提出"
        "行政复议申请，本机关已于{{ accepted_date }}依法受理（案号：{{ number }}），适用"
        "{{ procedure }}审理。现将{{ copy }}发送你单位。"
    )
    f.para(
        f"根据{LAW}" + "{{ answer_article }}的规定，请你单位自收到{{ copy }}之日起"
        "{{ answer_period }}内，提出书面答复，并提交作出行政行为的证据、依据和其他有关材料。"
    )
    f.para(
        "行政复议期间，你单位不得自行向申请人和其他有关单位或者个人收集证据；自行收集的证据"
        "不作为认定行政行为合法性、适当性的依据（该法第四十六条）。"
    )
    f.para(
        "你单位不按照规定提出书面答复、提交作出行政行为的证据、依据和其他有关材料的，视为该行政"
        "行为没有证据、依据，本机关将依照该法第七十条的规定决定撤销、部分撤销该行政行为，确认该"
        "行政行为违法、无效或者决定你单位在一定期限内履行，但是行政行为涉及第三人合法权益，"
        "第三人提供证据的除外。"
    )
    f.field("附：{{ copy }}及有关材料")
    seal(f, "copy_date")
    return f.save("answer.docx")


def build_hearing() -> Path:
    """行政复议听证通知书: the time, place and matter of the hearing, in writing five working
    days before it (第五十一条)."""
    f = start("行政复议听证通知书", to="addressees")
    f.para(THE_CASE + f"，本机关决定举行听证。根据{LAW}第五十一条的规定，现将有关事项通知如下：")
    f.para("一、听证时间：{{ hearing_date }}＿＿时＿＿分。")
    f.para("二、听证地点：{{ hearing_place }}。")
    f.para("三、拟听证事项：被申请人{{ act_made }}是否合法、适当。")
    f.para(
        "四、申请人无正当理由拒不参加听证的，视为放弃听证权利。被申请人的负责人应当参加听证；"
        "不能参加的，应当说明理由并委托相应的工作人员参加听证。"
    )
    f.para(
        "五、当事人可以委托代理人参加听证。参加听证时请携带身份证明；委托代理人参加的，"
        "请携带授权委托书。"
    )
    seal(f, "notice_date")
    return f.save("hearing.docx")


def build_suspension() -> Path:
    """行政复议中止审理通知书: the ground of 第三十九条第一款 and the written notice to the
    parties; grounds 1, 2 and 4 lasting sixty days end the case (第四十一条第五项)."""
    f = start("行政复议中止审理通知书", to="addressees")
    f.para(THE_CASE + "，本机关已于{{ accepted_date }}依法受理。")
    f.para(
        "因{{ ground }}{% if reason %}（{{ reason }}）{% endif %}，根据"
        f"{LAW}" + "第三十九条第一款第{{ ground_item }}项的规定，本案自{{ suspended_date }}起"
        "中止审理。"
    )
    f.para("中止审理的原因消除后，本机关将及时恢复审理，并书面告知当事人（该法第三十九条）。")
    f.tag("if lapses")
    f.para(
        "依照该法第四十一条第五项的规定，中止审理满六十日，中止的原因仍未消除的，本机关将决定"
        "终止行政复议。"
    )
    f.tag("endif")
    f.para("特此通知。")
    seal(f, "suspended_date")
    return f.save("suspension.docx")


def build_resumption() -> Path:
    """行政复议恢复审理通知书: the cause of the suspension removed (第三十九条)."""
    f = start("行政复议恢复审理通知书", to="addressees")
    f.para(THE_CASE + "，本机关于{{ suspended_date }}决定中止审理。")
    f.para(
        "现中止审理的原因已经消除{% if reason %}（{{ reason }}）{% endif %}，根据"
        f"{LAW}" + "第三十九条的规定，本案自{{ resumed_date }}起恢复审理。"
    )
    f.para("特此通知。")
    seal(f, "resumed_date")
    return f.save("resumption.docx")


def build_termination() -> Path:
    """终止行政复议通知书: the ground of 第四十一条."""
    f = start("终止行政复议通知书", to="addressees")
    f.para(THE_CASE + "，本机关已于{{ accepted_date }}依法受理。")
    f.para(
        "经查，{{ ground }}{% if reason %}（{{ reason }}）{% endif %}。根据"
        f"{LAW}" + "第四十一条第{{ ground_item }}项的规定，本机关决定终止行政复议。"
    )
    f.para("特此通知。")
    seal(f, "terminated_date")
    return f.save("termination.docx")


def build_extension() -> Path:
    """行政复议延期审理通知书: approved by the head of the office, at most thirty days, notified
    in writing (第六十二条第一款)."""
    f = start("行政复议延期审理通知书", to="addressees")
    f.para(THE_CASE + "，本机关已于{{ accepted_date }}依法受理。")
    f.para(
        "因情况复杂{% if reason %}（{{ reason }}）{% endif %}，本机关不能在规定期限内作出行政复议"
        f"决定。经行政复议机构负责人批准，根据{LAW}" + "第六十二条第一款的规定，本案审理期限延长"
        "{{ extension }}日，至{{ due_date }}届满。"
    )
    f.para("特此通知。")
    seal(f, "extended_date")
    return f.save("extension.docx")


def build_decision() -> Path:
    """行政复议决定书: parties, the course of the case, requests, what each side says, the
    office's reasoning, the decision with its article, effect on service (第七十五条) and the
    right to sue within fifteen days (行政诉讼法第四十五条)."""
    f = start("行政复议决定书", "decision_number", to=None)
    f.lines("party_lines", "Fazhi Field")
    f.para("{{ course }}")
    f.para("申请人请求：")
    f.lines("requests")
    f.para("申请人称：")
    f.lines("facts")
    f.para("被申请人称：")
    f.lines("answer")
    f.para("经审理，本机关认为：")
    f.lines("reasons")
    f.para(f"根据{LAW}" + "{{ article }}的规定，本机关决定：{{ decision }}")
    f.tag("if redo_note")
    f.para("{{ redo_note }}")
    f.tag("endif")
    f.para("本决定书一经送达，即发生法律效力（该法第七十五条）。")
    f.para(
        "{{ sue_who }}如不服本决定，可以自收到本决定书之日起十五日内，依照《中华人民共和国行政"
        "诉讼法》第四十五条的规定向人民法院提起行政诉讼。"
    )
    seal(f, "concluded_date")
    return f.save("decision.docx")


def build_mediation() -> Path:
    """行政复议调解书: the terms agreed; in force once every party has signed or sealed it and
    the authority has sealed it (第七十三条)."""
    f = start("行政复议调解书", "decision_number", to=None)
    f.lines("party_lines", "Fazhi Field")
    f.para("{{ course }}")
    f.para("申请人请求：")
    f.lines("requests")
    f.para("本案审理过程中，经本机关主持调解，各方当事人自愿达成如下协议：")
    f.lines("terms")
    f.para(
        "本调解书经各方当事人签字或者签章，并加盖本机关印章，即具有法律效力"
        f"（{LAW}第七十三条第一款）。调解书生效前一方反悔的，本机关将依法审查或者及时作出行政"
        "复议决定（该法第七十三条第二款）。"
    )
    f.blank()
    f.field("申请人（签名或者盖章）：" + SIGN_LINE)
    f.field("被申请人（盖章）：" + SIGN_LINE)
    f.tag("if third_party_names")
    f.field("第三人（签名或者盖章）：" + SIGN_LINE)
    f.tag("endif")
    seal(f, "concluded_date")
    return f.save("mediation.docx")


def build_opinion() -> Path:
    """行政复议意见书 to the respondent: the opinion and the report within sixty days
    (第七十六条)."""
    f = start("行政复议意见书", "decision_number", to="respondent")
    f.para(
        "本机关在办理申请人{{ applicant_names }}不服你单位{{ act_dated }}行政复议案件（案号："
        "{{ number }}）过程中，发现你单位有关行政行为存在违法或者不当的问题。根据"
        f"{LAW}第七十六条的规定，提出如下意见："
    )
    f.lines("opinion")
    f.para("请你单位自收到本意见书之日起六十日内，将纠正相关违法或者不当行政行为的情况报送本机关。")
    seal(f, "issued_date")
    return f.save("opinion.docx")


BUILDERS = (
    build_acceptance,
    build_correction,
    build_refusal,
    build_answer,
    build_hearing,
    build_suspension,
    build_resumption,
    build_termination,
    build_extension,
    build_decision,
    build_mediation,
    build_opinion,
)


def main() -> None:
    doctemplates.build_all(BUILDERS, HERE.parent.parent)


if __name__ == "__main__":
    main()
