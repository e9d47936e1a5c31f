"""The administrative reconsideration documents (行政复议文书) and what fills them.

Twelve kinds, each a docxtpl template in reconsideration/doctemplates (built by
`python -m reconsideration.doctemplates.build`), following reference/documents.md §3 and the
Administrative Reconsideration Law (行政复议法 2023, reference/statutes.md §1):

- 受理行政复议申请通知书: to the applicant, once the application is accepted (第三十条) or
  deemed accepted when the review period ended without a refusal (第三十条, "视为受理").
- 补正行政复议申请通知书: everything to correct, all at once; ten working days; not corrected
  without good reason means the application is deemed abandoned (第三十一条); once
  corrections have been asked for.
- 不予受理行政复议申请决定书: the reasons (第三十条) and the right to sue; while the
  application stands not accepted.
- 提出答复通知书: to the respondent, once accepted: the written answer with the evidence,
  basis and other materials within ten working days (第四十八条), five on the simplified
  procedure (第五十四条); no answer means the act is taken to have none (第七十条); the
  respondent collects no evidence itself (第四十六条).
- 行政复议听证通知书: the date, place and matter of the hearing (第五十一条); once scheduled.
- 行政复议中止审理通知书 / 行政复议恢复审理通知书: the ground of 第三十九条第一款, or the cause
  removed, and the written notice to the parties (第三十九条); from the latest "suspend" /
  "resume" event.
- 终止行政复议通知书: the ground of 第四十一条; once terminated.
- 行政复议延期审理通知书: the days of the extension and the new end of the decision period
  (the "decision" clock), approved by the office head (第六十二条); from the latest "extend"
  event.
- 行政复议决定书: parties, the act, the procedure followed, the requests, what the applicant
  and the respondent say, the office's reasoning (decision_reasons), the decision in the
  words of its article (第六十三条至第七十一条), effect on service (第七十五条) and the right
  to sue within fifteen days (行政诉讼法第四十五条); once decided.
- 行政复议调解书: the terms agreed; takes effect once every party has signed and the authority
  has sealed it (第七十三条); once concluded by mediation.
- 行政复议意见书: to the respondent: the opinion, and its report within sixty days
  (第七十六条); once issued.

The authority (行政复议机关) is the people's government the bureau's reconsideration office
(行政复议机构) works for (行政复议法第四条、第二十四条): "广州市海珠区人民政府" is made from the
bureau's region; FAZHI_RECON_AUTHORITY_NAMES (region code → name) overrides it [❓ local].

Numbers: the notices carry the case number ("（2026）海珠区司法局行复字第0001号"); the
decision not to accept, the decision, the mediation statement and the opinion letter a number
made from it with the type word of DECISION_WORDS ("（2026）海珠区司法局行复决字第0001号").
Local practice varies (documents.md §3 shows "X府复〔YYYY〕N号") [❓ local practice]: change the
words there; a case number of another pattern is printed as it is.

The forms are official Chinese text: the labels printed on them are the statutes' Chinese
wording below, not the interface's translations. Values that are not recorded come out as
lines of underscores, to be filled in by hand. Resident ID numbers and phones are not printed:
decisions are published (第七十九条) and the forms do not need them to identify the parties.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from cases.documents import (
    blank,
    clean_text,
    cn_date,
    cn_number,
    kind_maker,
    numbered,
    register_all,
    text_lines,
    when_equals,
    when_set,
    when_text,
)
from cases.models import CaseEvent, Clock
from core.regions import RegionLevel
from core.roles import Role
from reconsideration.choices import ActType, DecisionType, Procedure, Side
from reconsideration.process import S

LABEL = "reconsideration.reconsiderationcase"
TEMPLATES = Path(__file__).resolve().parent / "doctemplates"
VERSION = "2026.1"

LAW = "《中华人民共和国行政复议法》"

ACT_TYPES = {
    "penalty": "行政处罚",
    "coercion": "行政强制",
    "licence": "行政许可",
    "failure_to_act": "不履行法定职责",
    "information": "政府信息公开",
    "ownership": "自然资源权属确认",
    "expropriation": "征收征用",
    "work_injury": "工伤认定",
    "other": "其他",
}
PROCEDURES = {"ordinary": "普通程序", "simplified": "简易程序"}
GENDERS = {"male": "男", "female": "女"}

#: 行政复议法第五十三条: the provision each simplified ground rests on.
SIMPLIFIED_BASIS = {
    "on_the_spot": "第五十三条第一款第一项",
    "warning": "第五十三条第一款第二项",
    "small_fine": "第五十三条第一款第三项",
    "information": "第五十三条第一款第四项",
    "agreed": "第五十三条第二款",
}

#: 行政复议法第三十九条第一款: (item, the ground as the notice states it).
SUSPENSION_GROUNDS = {
    "1": ("一", "作为申请人的公民死亡，其近亲属尚未确定是否参加行政复议"),
    "2": ("二", "作为申请人的公民丧失参加行政复议的行为能力，尚未确定法定代理人参加行政复议"),
    "3": ("三", "作为申请人的公民下落不明"),
    "4": ("四", "作为申请人的法人或者其他组织终止，尚未确定权利义务承受人"),
    "5": ("五", "申请人、被申请人因不可抗力或者其他正当理由，不能参加行政复议"),
    "6": ("六", "依照行政复议法规定进行调解、和解，申请人和被申请人同意中止"),
    "7": ("七", "行政复议案件涉及的法律适用问题需要有权机关作出解释或者确认"),
    "8": ("八", "行政复议案件审理需要以其他案件的审理结果为依据，而其他案件尚未审结"),
    "9": ("九", "有行政复议法第五十六条或者第五十七条规定的情形"),
    "10": ("十", "需要中止行政复议的其他情形"),
}

#: 行政复议法第四十一条: (item, the ground as the notice states it).
TERMINATION_GROUNDS = {
    "withdrawn": ("一", "申请人撤回行政复议申请，行政复议机构准予撤回"),
    "no_heir": ("二", "作为申请人的公民死亡，没有近亲属或者其近亲属放弃行政复议权利"),
    "no_successor": (
        "三",
        "作为申请人的法人或者其他组织终止，没有权利义务承受人或者其权利义务承受人放弃行政复议权利",
    ),
    "criminal": (
        "四",
        "申请人对行政拘留或者限制人身自由的行政强制措施不服申请行政复议后，因同一违法行为涉嫌"
        "犯罪，被采取刑事强制措施",
    ),
    "lapsed": (
        "五",
        "依照行政复议法第三十九条第一款第一项、第二项、第四项的规定中止行政复议满六十日，行政复议"
        "中止的原因仍未消除",
    ),
}

#: The decisions (第六十三条至第七十一条): (the article, the decision in its words). {act} is
#: the act as the decision names it ("作出的……"); ＿ lines are filled in by hand where the
#: case records no more (what the act is changed to, the period to act again or perform).
DECISIONS = {
    "change": ("第六十三条", "变更被申请人{act}，变更为：＿＿＿＿＿＿＿＿＿＿＿＿。"),
    "annul": ("第六十四条", "撤销被申请人{act}。"),
    "annul_part": ("第六十四条", "撤销被申请人{act}中＿＿＿＿＿＿＿＿的部分。"),
    "annul_redo": (
        "第六十四条",
        "撤销被申请人{act}，责令被申请人自收到本决定书之日起＿＿日内重新作出行政行为。",
    ),
    "declare_unlawful": ("第六十五条", "确认被申请人{act}违法。"),
    "order_performance": (
        "第六十六条",
        "责令被申请人自收到本决定书之日起＿＿日内依法履行＿＿＿＿＿＿＿＿法定职责。",
    ),
    "declare_void": ("第六十七条", "确认被申请人{act}无效。"),
    "uphold": ("第六十八条", "维持被申请人{act}。"),
    "reject_claim": ("第六十九条", "驳回申请人的行政复议请求。"),
    "contract_remedy": ("第七十一条", "责令被申请人承担＿＿＿＿＿＿＿＿＿＿＿＿等责任。"),
}

#: 行政复议法第六十四条第二款, printed under a decision that orders a new act.
REDO_NOTE = (
    "被申请人重新作出行政行为的，不得以同一事实和理由作出与被申请行政复议的行政行为相同或者基本"
    "相同的行政行为，但是本机关以违反法定程序为由决定撤销或者部分撤销的除外。"
)

#: The type word that turns the case number into a decision number [❓ local practice]:
#: "行复字" → these.
DECISION_WORDS = {
    "refusal": "行复不字",
    "decision": "行复决字",
    "mediation": "行复调字",
    "opinion": "行复意字",
}
CASE_WORD = "行复字"


def working_days(days: int) -> str:
    """A period of 三/五/七/十日, which are working days (行政复议法第八十八条): "十个工作日"."""
    return f"{cn_number(days)}个工作日"


def decision_number(case, key: str) -> str:
    """ "（2026）海珠区司法局行复字第0001号" → "（2026）海珠区司法局行复决字第0001号"."""
    number = clean_text(case.number)
    if CASE_WORD in number:
        return number.replace(CASE_WORD, DECISION_WORDS[key], 1)
    return blank(number, 12)


def authority(case) -> str:
    """The reconsideration authority (行政复议机关): the people's government of the bureau's
    region ("广州市海珠区人民政府"; a province's own name, a municipality's name kept before
    its districts), unless FAZHI_RECON_AUTHORITY_NAMES names it [❓ local]."""
    region = case.organization.region
    configured = settings.FAZHI_RECON_AUTHORITY_NAMES
    if region.code in configured:
        return clean_text(configured[region.code])
    chain, seen = [], set()
    node = region
    while node is not None and node.code not in seen:
        seen.add(node.code)
        chain.append(node)
        node = node.parent
    names = []
    for node in reversed(chain):
        if node.name in ("市辖区", "县"):
            continue
        if (
            node.level == RegionLevel.PROVINCE
            and node is not region
            and not node.name.endswith("市")
        ):
            continue  # "广东省" is not printed before "广州市海珠区"; "北京市" is
        names.append(node.name)
    return "".join(names) + "人民政府"


def _event(case, transition: str):
    """The latest event of `transition` on the case (its date and recorded data)."""
    return CaseEvent.for_case(case).filter(transition=transition).order_by("-at", "-id").first()


def _events(case, *transitions: str) -> list:
    return list(CaseEvent.for_case(case).filter(transition__in=transitions).order_by("at", "id"))


def when_event(transition: str):
    """Available once the case has an event of `transition`."""

    def available(case) -> bool:
        return CaseEvent.for_case(case).filter(transition=transition).exists()

    return available


# -- parties ----------------------------------------------------------------------------------


def _person_line(label: str, party) -> list[str]:
    """The lines naming a party on a decision: a person with gender, birth and address; an
    organisation with its seat and legal representative."""
    name = clean_text(party.name)
    if party.kind == "organization":
        return [
            f"{label}：{name}，住所：{blank(party.address, 10)}。",
            f"法定代表人：{blank(party.legal_representative, 4)}。",
        ]
    parts = [name]
    if party.gender in GENDERS:
        parts.append(GENDERS[party.gender])
    if party.birth_date:
        parts.append(f"{cn_date(party.birth_date)}出生")
    parts.append(f"住址：{blank(party.address, 10)}")
    return [f"{label}：{'，'.join(parts)}。"]


def _parties(case) -> dict:
    rows = list(case.recon_parties.select_related("party"))
    rows.sort(key=lambda p: (p.position, p.pk))
    by_side: dict[str, list] = {Side.APPLICANT: [], Side.THIRD_PARTY: [], Side.AGENT: []}
    for row in rows:
        by_side.setdefault(row.side, []).append(row.party)
    applicants = by_side[Side.APPLICANT]
    third = by_side[Side.THIRD_PARTY]
    respondent = case.respondent
    lines: list[str] = []
    for party in applicants:
        lines += _person_line("申请人", party)
    for party in by_side[Side.AGENT]:
        lines.append(f"委托代理人：{clean_text(party.name)}。")
    lines.append(
        f"被申请人：{clean_text(respondent.name)}，住所：{blank(respondent.address, 10)}。"
    )
    lines.append(f"法定代表人：{blank('', 4)}。")
    for party in third:
        lines += _person_line("第三人", party)
    applicant_names = "、".join(clean_text(p.name) for p in applicants) or blank("", 4)
    third_names = "、".join(clean_text(p.name) for p in third)
    addressees = [applicant_names, *([third_names] if third_names else []),
                  clean_text(respondent.name)]  # fmt: skip
    return {
        "party_lines": lines,
        "applicant_names": applicant_names,
        "third_party_names": third_names,
        "respondent": clean_text(respondent.name),
        "addressees": "、".join(addressees),
        "sue_who": "申请人、第三人" if third else "申请人",
    }


# -- what every form prints -------------------------------------------------------------------


def _act(case) -> dict:
    """The challenged act as the forms name it: "海市监罚〔2026〕12号行政处罚决定", with its
    number when the description does not already carry it; "作出的……" for an act made, the
    description alone for a failure to act."""
    description = clean_text(case.act_description) or blank("", 10)
    number = clean_text(case.act_number)
    act = f"{description}（{number}）" if number and number not in description else description
    failure = case.act_type == ActType.FAILURE_TO_ACT
    made = act if failure else f"作出的{act}"
    dated = made if failure or case.act_on is None else f"于{cn_date(case.act_on)}{made}"
    return {"act": act, "act_made": made, "act_dated": dated}


def _base(case) -> dict:
    accepted = case.accepted_on
    return {
        "number": blank(case.number, 12),
        "authority": authority(case),
        "office": clean_text(case.organization.name),
        "subject": clean_text(case.title),
        "act_type": ACT_TYPES.get(case.act_type, blank("", 4)),
        "requests": numbered(text_lines(case.requests, 2)),
        "facts": text_lines(case.facts, 2),
        "received_date": cn_date(case.received_at),
        "accepted_date": cn_date(accepted),
        "procedure": PROCEDURES.get(case.procedure, blank("", 4)),
        "concluded_date": cn_date(case.concluded_on),
        **_act(case),
        **_parties(case),
    }


# -- context of each form ---------------------------------------------------------------------


def acceptance_context(case) -> dict:
    context = _base(case)
    if case.deemed_accepted:
        context["acceptance"] = (
            f"本机关在审查期限内未作出不予受理决定。根据{LAW}第三十条的规定，你（单位）的行政复议"
            f"申请自审查期限届满之日即{context['accepted_date']}起视为受理。"
        )
    else:
        context["acceptance"] = (
            f"经审查，该申请符合{LAW}第三十条规定的受理条件，本机关决定自"
            f"{context['accepted_date']}起予以受理。"
        )
    if case.procedure == Procedure.SIMPLIFIED:
        basis = SIMPLIFIED_BASIS.get(case.simplified_ground, "第五十三条")
        context["how"] = (
            f"本案依照{LAW}{basis}的规定适用简易程序审理，本机关将自受理之日起三十日内作出行政"
            f"复议决定（{LAW}第六十二条第二款）。"
        )
    else:
        context["how"] = (
            f"本案适用普通程序审理，本机关将自受理之日起六十日内作出行政复议决定；情况复杂，"
            f"不能在规定期限内作出行政复议决定的，经行政复议机构负责人批准，可以适当延长，"
            f"并书面告知当事人，但是延长期限最多不超过三十日（{LAW}第六十二条第一款）。"
        )
    return context


def correction_context(case) -> dict:
    context = _base(case)
    context["items"] = numbered(text_lines(case.correction_items, 2))
    days = int(getattr(settings, "FAZHI_RECON_CORRECTION_WORKING_DAYS", 10))
    context["correction_period"] = working_days(days)
    event = _event(case, "request_correction")
    context["notice_date"] = cn_date(event.on_date if event else None)
    return context


def refusal_context(case) -> dict:
    context = _base(case)
    context["decision_number"] = decision_number(case, "refusal")
    context["reasons"] = text_lines(case.refusal_reason, 2)
    event = _event(case, "refuse")
    context["refused_date"] = cn_date(event.on_date if event else case.closed_at)
    return context


def answer_context(case) -> dict:
    context = _base(case)
    simplified = case.procedure == Procedure.SIMPLIFIED
    context["answer_period"] = working_days(5 if simplified else 10)
    context["answer_article"] = "第五十四条" if simplified else "第四十八条"
    context["copy"] = "行政复议申请笔录复印件" if case.oral else "行政复议申请书副本"
    context["copy_date"] = cn_date(case.copy_sent_on)
    return context


def hearing_context(case) -> dict:
    context = _base(case)
    context["hearing_date"] = cn_date(case.hearing_on)
    context["hearing_place"] = blank(case.hearing_place, 12)
    event = _event(case, "schedule_hearing")
    context["notice_date"] = cn_date(event.on_date if event else None)
    return context


def _reason(data: dict) -> str:
    lines = [line.rstrip("。；;") for line in text_lines(data.get("reason", ""), 1)]
    return "；".join(lines)


def suspension_context(case) -> dict:
    context = _base(case)
    event = _event(case, "suspend")
    data = event.data if event else {}
    ground = str(data.get("ground") or case.suspension_ground)
    item, text = SUSPENSION_GROUNDS.get(ground, ("＿", blank("", 12)))
    context["ground"], context["ground_item"] = text, item
    context["reason"] = _reason(data)
    context["suspended_date"] = cn_date(event.on_date if event else case.suspended_on)
    # Grounds 1, 2 and 4 lasting sixty days end the case (第四十一条第五项).
    context["lapses"] = ground in ("1", "2", "4")
    return context


def resumption_context(case) -> dict:
    context = _base(case)
    event = _event(case, "resume")
    suspended = None
    if event is not None:
        earlier = [e for e in _events(case, "suspend") if (e.at, e.pk) < (event.at, event.pk)]
        suspended = earlier[-1].on_date if earlier else case.suspended_on
    context["suspended_date"] = cn_date(suspended)
    context["reason"] = _reason(event.data if event else {})
    context["resumed_date"] = cn_date(event.on_date if event else None)
    return context


def termination_context(case) -> dict:
    context = _base(case)
    event = _event(case, "terminate")
    data = event.data if event else {}
    ground = str(data.get("ground") or case.termination_ground)
    item, text = TERMINATION_GROUNDS.get(ground, ("＿", blank("", 12)))
    context["ground"], context["ground_item"] = text, item
    context["reason"] = _reason(data)
    context["terminated_date"] = cn_date(event.on_date if event else case.concluded_on)
    return context


def extension_context(case) -> dict:
    context = _base(case)
    event = _event(case, "extend")
    data = event.data if event else {}
    try:
        days = int(data.get("extension") or 0)
    except (TypeError, ValueError):
        days = 0
    context["extension"] = cn_number(days) if days else "＿＿"
    context["reason"] = _reason(data)
    clock = Clock.for_case(case).filter(key="decision").first()
    context["due_date"] = cn_date(clock.due_date if clock else None)
    context["extended_date"] = cn_date(event.on_date if event else None)
    return context


def _course(case, context: dict) -> str:
    """The procedural paragraph of a decision or mediation statement: the application, its
    acceptance, the procedure, copy and answer, hearing, committee, extensions and
    suspensions."""
    corrected = CaseEvent.for_case(case).filter(transition="corrections_received").exists()
    sentences = [
        f"申请人{context['applicant_names']}不服被申请人{context['respondent']}"
        f"{context['act_dated']}，于{context['received_date']}向本机关申请行政复议。"
    ]
    accepted = context["accepted_date"]
    if case.deemed_accepted:
        acceptance = f"本机关在审查期限内未作出不予受理决定，该申请自{accepted}起视为受理"
    else:
        acceptance = f"本机关于{accepted}依法予以受理"
    if case.converted_on:
        procedure = f"适用简易程序审理，于{cn_date(case.converted_on)}转为普通程序审理"
    else:
        procedure = f"适用{context['procedure']}审理"
    sentences.append(f"{'经补正，' if corrected else ''}{acceptance}，{procedure}。")
    if case.copy_sent_on:
        copy = f"本机关于{cn_date(case.copy_sent_on)}将行政复议申请书副本发送被申请人"
        if case.answer_received_on:
            copy += f"，被申请人于{cn_date(case.answer_received_on)}提出书面答复"
        sentences.append(copy + "。")
    if case.hearing_held_on:
        sentences.append(f"本机关于{cn_date(case.hearing_held_on)}举行了听证。")
    if case.committee_on:
        sentences.append(f"本机关于{cn_date(case.committee_on)}提请行政复议委员会提出咨询意见。")
    suspended_on = None
    for event in _events(case, "suspend", "resume", "extend"):
        if event.transition == "suspend":
            suspended_on = event.on_date
        elif event.transition == "resume" and suspended_on is not None:
            sentences.append(
                f"本案于{cn_date(suspended_on)}中止审理，于{cn_date(event.on_date)}恢复审理。"
            )
            suspended_on = None
        elif event.transition == "extend":
            days = str(event.data.get("extension") or "")
            days = cn_number(int(days)) if days.isdigit() else "＿＿"
            sentences.append(f"因情况复杂，经行政复议机构负责人批准，本案审理期限延长{days}日。")
    sentences.append("本案现已审理终结。")
    return "".join(sentences)


def decision_context(case) -> dict:
    context = _base(case)
    context["decision_number"] = decision_number(case, "decision")
    context["course"] = _course(case, context)
    if case.answer.strip():
        context["answer"] = text_lines(case.answer)
    else:
        context["answer"] = ["被申请人未提出书面答复。"]
    context["reasons"] = text_lines(case.decision_reasons, 3)
    article, wording = DECISIONS.get(case.decision_type, ("第＿＿条", blank("", 16)))
    context["article"] = article
    context["decision"] = wording.format(act=context["act_made"])
    context["redo_note"] = REDO_NOTE if case.decision_type == DecisionType.ANNUL_REDO else ""
    return context


def mediation_context(case) -> dict:
    context = _base(case)
    context["decision_number"] = decision_number(case, "mediation")
    course = _course(case, context).removesuffix("本案现已审理终结。")
    context["course"] = course
    context["terms"] = numbered(text_lines(case.decision_reasons, 3))
    return context


def opinion_context(case) -> dict:
    context = _base(case)
    context["decision_number"] = decision_number(case, "opinion")
    context["opinion"] = text_lines(case.opinion, 3)
    context["issued_date"] = cn_date(case.opinion_issued_on)
    return context


# -- the kinds --------------------------------------------------------------------------------

_kind = kind_maker(TEMPLATES, VERSION)

# The reconsideration office (行政复议机构) makes every document for the authority; the
# respondent's handlers receive them and make none.
OFFICE = frozenset({Role.SECTION_STAFF, Role.SYSTEM_ADMIN})

KINDS = (
    _kind(
        "acceptance",
        "受理行政复议申请通知书",
        acceptance_context,
        when_set("accepted_on"),
        _(
            "The acceptance notice is made once the application has been accepted or deemed "
            "accepted (Administrative Reconsideration Law Art. 30)."
        ),
        roles=OFFICE,
    ),
    _kind(
        "correction",
        "补正行政复议申请通知书",
        correction_context,
        when_text("correction_items"),
        _(
            "The correction notice is made once corrections have been asked for "
            "(Administrative Reconsideration Law Art. 31)."
        ),
        roles=OFFICE,
    ),
    _kind(
        "refusal",
        "不予受理行政复议申请决定书",
        refusal_context,
        when_equals("state", S.REFUSED),
        _(
            "The decision not to accept is made only while the application stands not "
            "accepted (Administrative Reconsideration Law Art. 30)."
        ),
        roles=OFFICE,
    ),
    _kind(
        "answer",
        "提出答复通知书",
        answer_context,
        when_set("accepted_on"),
        _(
            "The notice to answer is made once the application has been accepted "
            "(Administrative Reconsideration Law Arts. 48, 54)."
        ),
        roles=OFFICE,
    ),
    _kind(
        "hearing",
        "行政复议听证通知书",
        hearing_context,
        when_set("hearing_on"),
        _(
            "The hearing notice is made once a hearing has been scheduled (Administrative "
            "Reconsideration Law Art. 51)."
        ),
        roles=OFFICE,
    ),
    _kind(
        "suspension",
        "行政复议中止审理通知书",
        suspension_context,
        when_event("suspend"),
        _(
            "The suspension notice is made once the case has been suspended (Administrative "
            "Reconsideration Law Art. 39)."
        ),
        roles=OFFICE,
    ),
    _kind(
        "resumption",
        "行政复议恢复审理通知书",
        resumption_context,
        when_event("resume"),
        _(
            "The resumption notice is made once the case has resumed after a suspension "
            "(Administrative Reconsideration Law Art. 39)."
        ),
        roles=OFFICE,
    ),
    _kind(
        "termination",
        "终止行政复议通知书",
        termination_context,
        when_equals("state", S.TERMINATED),
        _(
            "The termination notice is made only once the reconsideration has been "
            "terminated (Administrative Reconsideration Law Art. 41)."
        ),
        roles=OFFICE,
    ),
    _kind(
        "extension",
        "行政复议延期审理通知书",
        extension_context,
        when_event("extend"),
        _(
            "The extension notice is made once the decision period has been extended "
            "(Administrative Reconsideration Law Art. 62)."
        ),
        roles=OFFICE,
    ),
    _kind(
        "decision",
        "行政复议决定书",
        decision_context,
        when_equals("state", S.DECIDED),
        _(
            "The reconsideration decision is made only once the case has been decided "
            "(Administrative Reconsideration Law Arts. 63–72, 75)."
        ),
        roles=OFFICE,
    ),
    _kind(
        "mediation",
        "行政复议调解书",
        mediation_context,
        when_equals("state", S.MEDIATED),
        _(
            "The mediation statement is made only once the case has been concluded by "
            "mediation (Administrative Reconsideration Law Art. 73)."
        ),
        roles=OFFICE,
    ),
    _kind(
        "opinion",
        "行政复议意见书",
        opinion_context,
        when_set("opinion_issued_on"),
        _(
            "The opinion letter is made once one has been issued (Administrative "
            "Reconsideration Law Art. 76)."
        ),
        roles=OFFICE,
    ),
)

register_all(LABEL, KINDS)
