"""The legal aid documents (法律援助文书) and what fills them.

Seven kinds, each a docxtpl template in legalaid/doctemplates (built by
`python -m legalaid.doctemplates.build`), following reference/documents.md §4 and the Legal
Aid Law (法律援助法, reference/statutes.md §2):

- 法律援助申请受理回执: the application received, its number and materials, what happens next
  and the review period (法律援助法第四十三条); any time after the application.
- 补充材料通知书: the materials to supply, all listed at once; the review period pauses and
  materials not supplied mean the application is deemed withdrawn (第四十三条); once materials
  have been asked for.
- 给予法律援助决定书: the grant, citing the articles it rests on (第四十三条 with 第二十四、
  二十五、二十九、三十一、三十二、四十二条 as the matter and the financial condition call for);
  once aid is granted.
- 不予法律援助决定书: the refusal with its reasons (第四十三条) and the objection to the justice
  bureau that set up the centre (第四十九条); while aid stands refused.
- 指派通知书: to the law firm: the case, the recipient, the lawyer, the assignment date and,
  for a lottery draw, the draw's public number; once a lawyer is assigned.
- 终止法律援助决定书: the ground of 第四十八条 and the objection (第四十九条); once terminated.
- 结案报告表: recipient, matter, lawyer, how the matter was handled, its result and the losses
  recovered or avoided; once the matter is reported concluded.

Numbers: the receipt, the notices and the closing report carry the case number
("（2026）海法援字第0001号"); the three decisions a decision number made from it with the type
word of DECISION_WORDS ("（2026）海法援决字第0001号"). Local practice varies [U]: change the
words there; a case number of another pattern is printed as it is.

The forms are official Chinese text: the labels of classifications printed on them are the
Chinese names below, not the interface's translations. Values that are not recorded come out
as lines of underscores, to be filled in by hand as on the paper forms.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.documents import (
    blank,
    clean_text,
    cn_date,
    cn_number,
    join_names,
    kind_maker,
    numbered,
    register_all,
    text_lines,
    when_equals,
    when_set,
    when_text,
    yuan,
)
from cases.models import CaseEvent
from core.models import OrganizationKind
from core.roles import Role
from legalaid.choices import (
    AssignmentMethod,
    Category,
    Decision,
    Hardship,
    Matter,
    NotifyingAuthority,
    Source,
)
from legalaid.process import S, notified

LABEL = "legalaid.aidcase"
TEMPLATES = Path(__file__).resolve().parent / "doctemplates"
VERSION = "2026.1"

MATTERS = {
    "civil": "民事",
    "criminal": "刑事",
    "administrative": "行政",
    "state_compensation": "国家赔偿",
}
CATEGORIES = {
    "wages": "追索劳动报酬",
    "work_injury": "工伤",
    "marriage_family": "婚姻家庭",
    "maintenance": "请求给付赡养费、抚养费、扶养费",
    "traffic": "道路交通事故",
    "medical": "医疗纠纷",
    "social_insurance": "请求给予社会保险待遇或者社会救助",
    "personal_injury": "人身损害赔偿",
    "environment": "环境污染、生态破坏损害赔偿",
    "state_compensation": "国家赔偿",
    "criminal_defence": "刑事辩护",
    "criminal_victim": "刑事被害人代理",
    "other": "其他",
}
MATERIALS = {
    "identity": "申请人身份证明",
    "hardship": "经济困难状况说明表或者证明材料",
    "matter": "与所申请法律援助事项有关的材料",
    "agent_authority": "代理人身份证明及代理权限证明",
}
METHODS = {
    "lottery": "公开摇珠",
    "rotation": "轮流指派（摇珠无人报名）",
    "direct": "直接指派",
}
RESULTS = {
    "judgment_won": "判决支持受援人的请求",
    "judgment_partly": "判决部分支持受援人的请求",
    "judgment_lost": "判决未支持受援人的请求",
    "mediated": "调解结案",
    "settled": "和解结案",
    "withdrawn": "撤诉",
    "defence_adopted": "辩护意见被采纳",
    "defence_not_adopted": "辩护意见未被采纳",
    "other": "其他",
}
GRADES = {"excellent": "优秀", "good": "良好", "pass": "合格", "fail": "不合格"}
PROGRESS = {"filed": "立案", "hearing": "开庭", "other": "其他"}
PRACTITIONERS = {
    "lawyer": "律师",
    "legal_aid_lawyer": "律师",
    "grassroots_legal_worker": "基层法律服务工作者",
}
NOTIFYING = {"police": "公安机关", "procuratorate": "人民检察院", "court": "人民法院"}

#: 法律援助法第四十八条第一款: (item, the ground as the decision states it).
TERMINATION_GROUNDS = {
    "fraud": ("一", "受援人以欺骗或者其他不正当手段获得法律援助"),
    "concealment": ("二", "受援人故意隐瞒与案件有关的重要事实或者提供虚假证据"),
    "misuse": ("三", "受援人利用法律援助从事违法活动"),
    "no_longer_eligible": ("四", "受援人的经济状况发生变化，不再符合法律援助条件"),
    "ended": ("五", "案件终止审理或者已经被撤销"),
    "own_lawyer": ("六", "受援人自行委托律师或者其他代理人"),
    "recipient_asks": ("七", "受援人有正当理由要求终止法律援助"),
    "other": ("八", "存在法律法规规定的其他情形"),
}

#: The type word that turns the case number into a decision number [U]: "法援字" → these.
DECISION_WORDS = {"grant": "法援决字", "refusal": "法援不字", "termination": "法援终字"}
CASE_WORD = "法援字"


def period(days: int) -> str:
    """The statutory period as the forms state it: "七日", or "七个工作日" where the deployment
    counts working days (FAZHI_LEGALAID_PERIOD_UNIT)."""
    if settings.FAZHI_LEGALAID_PERIOD_UNIT == "working_days":
        return f"{cn_number(days)}个工作日"
    return f"{cn_number(days)}日"


def decision_number(case, key: str) -> str:
    """ "（2026）海法援字第0001号" → "（2026）海法援决字第0001号" (DECISION_WORDS[key])."""
    number = clean_text(case.number)
    if CASE_WORD in number:
        return number.replace(CASE_WORD, DECISION_WORDS[key], 1)
    return blank(number, 12)


def justice_bureau(organization) -> str:
    """The justice bureau that set up the centre (法律援助法第四十九条): the nearest justice
    bureau above it."""
    org, seen = organization.parent, set()
    while org is not None and org.pk not in seen:
        if org.kind == OrganizationKind.JUSTICE_BUREAU:
            return clean_text(org.name)
        seen.add(org.pk)
        org = org.parent
    return "设立本中心的司法行政部门"


def _event(case, transition: str):
    """The latest event of `transition` on the case (its date and recorded data)."""
    return CaseEvent.for_case(case).filter(transition=transition).order_by("-at", "-id").first()


def _party(party) -> dict:
    return {"name": clean_text(party.name), "phone": blank(party.phone, 6)}


def _base(case) -> dict:
    """What every legal aid form prints."""
    today = timezone.localdate()
    rows = sorted(case.aid_parties.select_related("party"), key=lambda p: (p.position, p.pk))
    by_side: dict[str, list[dict]] = {"applicant": [], "agent": [], "opposing": []}
    for row in rows:
        by_side.setdefault(row.side, []).append(_party(row.party))

    applicants = by_side["applicant"]
    lawyer = case.lawyer
    return {
        "number": blank(case.number, 12),
        "centre": clean_text(case.organization.name),
        "bureau": justice_bureau(case.organization),
        "subject": clean_text(case.title),
        "matter": MATTERS.get(case.matter, blank("", 4)),
        "category": CATEGORIES.get(case.category, blank("", 4)),
        "stage": blank(case.stage, 6),
        "facts": text_lines(case.facts, 2),
        "requests": numbered(text_lines(case.requests, 1)),
        "applicants": applicants,
        "applicant_names": join_names(applicants),
        "phone": applicants[0]["phone"] if applicants else blank("", 6),
        "agent_names": join_names(by_side["agent"]),
        "opposing_names": join_names(by_side["opposing"], 8),
        "received_date": cn_date(case.received_at),
        "decided_date": cn_date(case.decided_on),
        "assigned_date": cn_date(case.assigned_on),
        "concluded_date": cn_date(case.concluded_on),
        "review_period": period(settings.FAZHI_LEGALAID_REVIEW_DAYS),
        "assign_period": period(settings.FAZHI_LEGALAID_ASSIGN_DAYS),
        "lawyer": clean_text(lawyer.name) if lawyer else "",
        "lawyer_kind": PRACTITIONERS.get(lawyer.kind, "") if lawyer else "",
        "licence": blank(lawyer.licence_number, 10) if lawyer else blank("", 10),
        "firm": clean_text(lawyer.organization.name) if lawyer else blank("", 10),
        "today": cn_date(today),
    }


# -- context of each form ---------------------------------------------------------------------


def receipt_context(case) -> dict:
    context = _base(case)
    received = [MATERIALS[m] for m in case.materials or [] if m in MATERIALS]
    context["materials"] = numbered(received) if received else ["＿" * 16]
    context["tracking_code"] = clean_text(case.tracking_code)
    return context


def correction_context(case) -> dict:
    context = _base(case)
    context["items"] = numbered(text_lines(case.correction_items, 2))
    event = _event(case, "request_correction")
    context["notice_date"] = cn_date(event.on_date if event else None)
    return context


def grant_basis(case) -> tuple[str, str]:
    """(the grounds the grant states, the articles of the Legal Aid Law it cites).

    Criminal defence on application: Art. 24; notified cases: Art. 25; victims: Art. 29;
    civil and administrative matters of people in financial hardship: Art. 31; no hardship
    condition: Art. 32; means check waived: Art. 42; the decision itself: Art. 43."""
    exemption = clean_text(case.exemption.name) if case.exemption_id else ""
    articles: list[str] = []
    if case.source == Source.NOTIFICATION or case.hardship == Hardship.NOTIFIED:
        grounds = "本案属于办案机关应当通知法律援助机构指派律师的情形，"
        articles.append("第二十五条")
    elif case.category == "criminal_victim":
        grounds = "申请人因经济困难没有委托诉讼代理人，符合法律援助条件，"
        articles.append("第二十九条")
    elif case.matter == Matter.CRIMINAL:
        grounds = "申请人因经济困难没有委托辩护人，符合法律援助条件，"
        articles.append("第二十四条")
    elif case.hardship == Hardship.NOT_REQUIRED:
        who = f"（{exemption}）" if exemption else ""
        grounds = f"申请人申请法律援助不受经济困难条件的限制{who}，申请事项属于法律援助范围，"
        articles.append("第三十二条")
    else:
        grounds = "申请人经济困难，申请事项属于法律援助范围，符合法律援助条件，"
        articles.append("第三十一条")
        if case.hardship == Hardship.CHECK_WAIVED:
            who = f"（{exemption}）" if exemption else ""
            grounds = f"申请人属于免予核查经济困难状况的人员{who}，申请事项属于法律援助范围，"
            articles.append("第四十二条")
        elif case.hardship == Hardship.LOCAL and exemption:
            grounds = f"申请人属于{exemption}，申请事项属于法律援助范围，符合法律援助条件，"
    articles.append("第四十三条")
    return grounds, "、".join(articles)


def grant_context(case) -> dict:
    context = _base(case)
    context["decision_number"] = decision_number(case, "grant")
    notified = case.source == Source.NOTIFICATION
    if notified:
        body = clean_text(case.notifying_body) or NOTIFYING.get(case.notifying_authority, "")
        context["opening"] = (
            f"{body or '办案机关'}于{context['received_date']}通知本中心为"
            f"{context['applicant_names']}提供法律援助（{context['subject']}），本中心已依法审查。"
        )
    else:
        context["opening"] = (
            f"你于{context['received_date']}向本中心提出的法律援助申请"
            f"（{context['subject']}），本中心已依法审查。"
        )
    context["grounds"], context["articles"] = grant_basis(case)
    return context


def refusal_context(case) -> dict:
    context = _base(case)
    context["decision_number"] = decision_number(case, "refusal")
    context["reasons"] = numbered(text_lines(case.refusal_reason, 2))
    return context


def _draw_code(case) -> str:
    """The public number of the draw that gave the case its lawyer, if it was drawn."""
    if case.assignment_method not in (AssignmentMethod.LOTTERY, AssignmentMethod.ROTATION):
        return ""
    from legalaid.models import Draw

    draw = (
        Draw.objects.filter(case=case, state=Draw.State.DRAWN).order_by("-drawn_at", "-id").first()
    )
    return clean_text(draw.public_code) if draw else ""


def assignment_context(case) -> dict:
    context = _base(case)
    context["method"] = METHODS.get(case.assignment_method, METHODS["direct"])
    context["draw_code"] = _draw_code(case)
    context["file_days"] = cn_number(settings.FAZHI_LEGALAID_FILE_DAYS)
    return context


# How the letter addresses the organ that notified (你局 / 你院) and what the lawyer acts as:
# a suspect or defendant gets a defender (Art. 25), anyone else an agent ad litem (Art. 28).
NOTIFIER_WORDS = {
    NotifyingAuthority.POLICE: "你局",
    NotifyingAuthority.PROCURATORATE: "你院",
    NotifyingAuthority.COURT: "你院",
}


def notice_context(case) -> dict:
    context = _base(case)
    defence = case.category == Category.CRIMINAL_DEFENCE
    context["notifying_body"] = blank(case.notifying_body, 12)
    context["notifier_word"] = NOTIFIER_WORDS.get(case.notifying_authority, "你单位")
    context["role"] = "辩护人" if defence else "诉讼代理人"
    context["role_for"] = "指派辩护人" if defence else "指派诉讼代理人"
    context["duties"] = "会见、阅卷等" if defence else "查阅案卷等"
    return context


def termination_context(case) -> dict:
    context = _base(case)
    context["decision_number"] = decision_number(case, "termination")
    event = _event(case, "terminate")
    data = event.data if event else {}
    ground = data.get("ground", "")
    reason = data.get("reason", "")
    if not reason:  # recorded without the event data: "ground label：reason"
        reason = case.termination_reason.split("：", 1)[-1]
    item, text = TERMINATION_GROUNDS.get(ground, ("＿", blank("", 12)))
    context["ground"], context["ground_item"] = text, item
    lines = [line.rstrip("。；;") for line in text_lines(reason, 1)]
    context["reasons"] = "；".join(lines) + "。"
    context["terminated_date"] = cn_date(event.on_date if event else None)
    return context


def closing_context(case) -> dict:
    context = _base(case)
    context["steps"] = [
        f"{cn_date(p.on_date)}　{PROGRESS.get(p.stage, '')}"
        + (f"：{'；'.join(text_lines(p.notes))}" if p.notes.strip() else "")
        for p in case.progress.order_by("on_date", "id")
    ]
    context["report"] = text_lines(case.closing_report, 3)
    context["result"] = RESULTS.get(case.result, blank("", 10))
    context["recovered"] = yuan(case.recovered_losses)
    context["grade"] = GRADES.get(case.grade, "")
    return context


# -- the kinds --------------------------------------------------------------------------------

_kind = kind_maker(TEMPLATES, VERSION)


def _notified_and_assigned(case) -> bool:
    return notified(case) and bool(case.lawyer_id and case.assigned_on)


def _terminated(case) -> bool:
    """Terminated, or terminated and under objection (Art. 49)."""
    return case.state == S.TERMINATED or (case.state == S.OBJECTION and bool(case.terminated_from))


def _granted_on_review(case) -> bool:
    return case.decision == Decision.GRANTED and not notified(case)


# Who issues each document: the centre decides, assigns and terminates (Legal Aid Law Arts.
# 43, 48); a justice office that takes in an application at its window gives the receipt and
# asks for materials (Art. 43); the assigned lawyer also makes their own closing report (the
# case file they submit after closing, 办理法律援助案件程序规定).
CENTRE = frozenset({Role.SECTION_STAFF, Role.SYSTEM_ADMIN})
WINDOW = CENTRE | {Role.OFFICE_STAFF}

KINDS = (
    _kind("receipt", "法律援助申请受理回执", receipt_context, roles=WINDOW),
    _kind(
        "correction",
        "补充材料通知书",
        correction_context,
        when_text("correction_items"),
        _(
            "The materials notice is made once materials have been asked for (Legal Aid Law "
            "Art. 43)."
        ),
        roles=WINDOW,
    ),
    _kind(
        "grant",
        "给予法律援助决定书",
        grant_context,
        _granted_on_review,
        _(
            "The grant decision is made once legal aid has been granted on an application (a "
            "case notified by the police, a procuratorate or a court has no decision, Art. 36)."
        ),
        roles=CENTRE,
    ),
    _kind(
        "refusal",
        "不予法律援助决定书",
        refusal_context,
        when_equals("decision", Decision.REFUSED),
        _(
            "The refusal decision is made only while legal aid stands refused (Legal Aid Law "
            "Art. 43)."
        ),
        roles=CENTRE,
    ),
    _kind(
        "assignment",
        "指派通知书",
        assignment_context,
        when_set("lawyer_id", "assigned_on"),
        _("The assignment notice is made once a lawyer has been assigned."),
        roles=CENTRE,
    ),
    _kind(
        "notice",
        "法律援助公函",
        notice_context,
        _notified_and_assigned,
        _(
            "The letter to the organ that notified the case is made once a lawyer has been "
            "assigned to a notified case (Legal Aid Law Art. 36)."
        ),
        roles=CENTRE,
    ),
    _kind(
        "termination",
        "终止法律援助决定书",
        termination_context,
        _terminated,
        _(
            "The termination decision is made once legal aid has been terminated (Legal Aid "
            "Law Art. 48)."
        ),
        roles=CENTRE,
    ),
    _kind(
        "closing",
        "结案报告表",
        closing_context,
        when_set("concluded_on"),
        _("The closing report is made once the matter has been reported concluded."),
        roles=CENTRE | {Role.LAWYER},
    ),
)

register_all(LABEL, KINDS)
