"""The administrative litigation response documents (行政应诉文书) and what fills them.

Four kinds, each a docxtpl template in litigation/doctemplates (built by
`python -m litigation.doctemplates.build`). They are the defendant agency's own papers; the
court's (the complaint, the notice to appear, the judgment) come from the court. Statutes:
行政诉讼法 2017 (reference/statutes.md §5) and 最高人民法院关于行政机关负责人出庭应诉若干问题的
规定 (in force 2020-07-01, "the Provisions"):

- 行政机关负责人出庭应诉通知书 (`appearance`): the agency's legal section tells its head of
  the latest hearing scheduled and not yet held — court, case number, date and place, the
  court's notice served at least three days before (Provisions Art. 5; a later one is the
  court's lapse, said as such: the hearing goes ahead), who may appear
  (Art. 2), the proof of identity (Art. 6), one appearance per trial level (Art. 7, with the
  head who already appeared at this level), the excuses (Art. 8) and the judicial
  recommendation an absence without reason may bring (Art. 12); while a hearing is pending.
- 行政诉讼答辩状 (`defence`): the agency answering (答辩人; Organization records no legal
  representative, so that line is left to fill), the plaintiffs answered (被答辩人), the case,
  the requests and the facts and reasons — the model records no text of the answer, so both
  are lines to fill, the facts and reasons under the four points a court reviews (行政诉讼法第
  六十九条、第七十条) — and a note of the period: fifteen days from service of the complaint,
  with the evidence and the normative documents relied on (第六十七条、第三十四条), the due
  date from the case's "answer" clock. Offered while the case is before the court (and
  afterwards when an answer was submitted), except on an appeal the agency itself brought
  (it files an appeal, not a defence).
- 行政应诉案件备案表 (`filing`): the agency's report of the case to the justice bureau of
  its region, sent on service and again after each step (行政应诉事前报备和事后跟踪, the 海珠
  2020 report [❓ local practice]): the case, the answer, each hearing with the head who
  appeared or the excuse (Provisions Arts. 2, 7, 8), the judgment or ruling, the reasons for
  a loss, the appeal and the judicial recommendations; always.
- 司法建议回复函 (`reply`): the reply to a judicial recommendation (行政诉讼法第六十六条;
  Provisions Art. 12) — the earliest not yet replied to, or, once all are, the latest —
  with the reply recorded or lines to fill; once a recommendation has been received. No
  statute fixes the reply period: the letter repeats the date the court asked for.

The forms are official Chinese text: the labels printed on them are the statutes' wording
below, not the interface's translations. Values that are not recorded come out as lines of
underscores, to be filled in by hand. Resident ID numbers and phones are not printed.
"""

from __future__ import annotations

from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.documents import (
    blank,
    clean_text,
    cn_date,
    cn_number,
    kind_maker,
    register_all,
    text_lines,
)
from cases.models import Clock
from core.models import Organization, OrganizationKind
from core.regions import RegionLevel
from litigation.choices import HEAD_NOTICE_DAYS, LOSSES, Appellant, Side, TrialLevel
from litigation.process import WRITERS, S

LABEL = "litigation.litigationcase"
TEMPLATES = Path(__file__).resolve().parent / "doctemplates"
VERSION = "2026.1"

PROVISIONS = "《最高人民法院关于行政机关负责人出庭应诉若干问题的规定》"

LEVELS = {"first": "第一审", "second": "第二审", "retrial": "再审"}
GENDERS = {"male": "男", "female": "女"}

#: Provisions Art. 2 ¶1: who counts as the head in court.
HEAD_POSITIONS = {
    "principal": "正职负责人",
    "deputy": "副职负责人",
    "other": "参与分管的其他负责人",
}

#: Provisions Art. 8 ¶1: why the head could not appear; "none": no valid excuse.
ABSENCE_GROUNDS = {
    "1": "不可抗力（《规定》第八条第一款第一项）",
    "2": "意外事件（《规定》第八条第一款第二项）",
    "3": "需要履行他人不能代替的公务（《规定》第八条第一款第三项）",
    "4": "无法出庭的其他正当事由（《规定》第八条第一款第四项）",
    "none": "无正当理由",
}

#: How a trial level ended, in the words of its article (行政诉讼法).
JUDGMENTS = {
    "reject_claims": "判决驳回原告诉讼请求（第六十九条）",
    "annul": "判决撤销被诉行政行为（第七十条）",
    "annul_part": "判决部分撤销被诉行政行为（第七十条）",
    "declare_unlawful": "判决确认被诉行政行为违法（第七十四条）",
    "declare_void": "判决确认被诉行政行为无效（第七十五条）",
    "order_performance": "判决被告履行法定职责或者给付义务（第七十二条、第七十三条）",
    "change": "判决变更被诉行政行为（第七十七条）",
    "compensation": "判决被告承担赔偿责任（第七十六条）",
    "withdrawn": "裁定准许原告撤诉（第六十二条）",
    "dismiss_suit": "裁定驳回起诉",
    "mediated": "调解结案（第六十条）",
    "upheld": "驳回上诉（再审请求），维持原裁判（第八十九条）",
    "remanded": "撤销原裁判，发回重审（第八十九条）",
}

#: The main ground of a loss (行政诉讼法第七十条、第七十二条、第七十四条、第七十五条、第七十七条).
LOSS_GROUNDS = {
    "evidence": "主要证据不足",
    "law": "适用法律、法规错误",
    "procedure": "违反法定程序",
    "excess": "超越职权",
    "abuse": "滥用职权",
    "unreasonable": "明显不当",
    "failure_to_act": "不履行法定职责",
    "void": "重大且明显违法",
    "other": "其他",
}

#: The skeleton of the facts and reasons of a defence: the points on which a court reviews
#: the act (行政诉讼法第六十九条、第七十条), each followed by lines to fill.
DEFENCE_POINTS = (
    "一、被诉行政行为认定事实清楚，证据确凿。",
    "二、被诉行政行为适用法律、法规正确，答辩人具有法定职权。",
    "三、被诉行政行为符合法定程序。",
    "四、被诉行政行为内容适当，不存在滥用职权或者明显不当的情形。",
)

FILL = "＿" * 20


# -- who is who -------------------------------------------------------------------------------


def agency_appealed(case) -> bool:
    """An appeal the agency itself brought: the earlier level records it as the appellant."""
    earlier = case.earlier
    return (
        case.trial_level == TrialLevel.SECOND
        and earlier is not None
        and earlier.appellant == Appellant.AGENCY
    )


def _words(case) -> tuple[str, str]:
    """(the other side's procedural title, the agency's) at this trial level."""
    if case.trial_level == TrialLevel.FIRST:
        return "原告", "被告"
    if case.trial_level == TrialLevel.SECOND:
        if agency_appealed(case):
            return "被上诉人（原审原告）", "上诉人（原审被告）"
        return "上诉人（原审原告）", "被上诉人（原审被告）"
    return "原审原告", "原审被告"


def _person_line(label: str, party) -> list[str]:
    """The lines naming a party: a person with gender, birth and address; an organisation with
    its seat and legal representative."""
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


def justice_bureau(case) -> str:
    """The justice bureau of the agency's region, which receives the filing: the bureau on
    record for that region, else its name made from the region ("广州市海珠区司法局")."""
    region = case.organization.region
    bureau = (
        Organization.objects.filter(
            kind=OrganizationKind.JUSTICE_BUREAU, region=region, is_active=True
        )
        .order_by("pk")
        .first()
    )
    if bureau is not None:
        return clean_text(bureau.name)
    chain, seen, node = [], set(), region
    while node is not None and node.code not in seen:
        seen.add(node.code)
        chain.append(node)
        node = node.parent
    names = [
        n.name
        for n in reversed(chain)
        if n.name not in ("市辖区", "县")
        and not (n.level == RegionLevel.PROVINCE and n is not region and not n.name.endswith("市"))
    ]
    return "".join(names) + "司法局"


def _act(case) -> str:
    """ "海市监罚〔2026〕12号行政处罚决定", with its number when the description lacks it."""
    description = clean_text(case.act_description) or blank("", 10)
    number = clean_text(case.act_number)
    return f"{description}（{number}）" if number and number not in description else description


def _base(case) -> dict:
    rows = sorted(case.lit_parties.select_related("party"), key=lambda p: (p.position, p.pk))
    plaintiffs = [r.party for r in rows if r.side == Side.PLAINTIFF]
    third = [r.party for r in rows if r.side == Side.THIRD_PARTY]
    other_word, agency_word = _words(case)
    agency = clean_text(case.organization.name)
    names = "、".join(clean_text(p.name) for p in plaintiffs) or blank("", 4)
    cause = clean_text(case.cause)
    level = LEVELS.get(case.trial_level, blank("", 3))
    if case.trial_level == TrialLevel.FIRST:
        case_name = f"原告{names}诉被告{agency}{cause}一案"
    else:
        case_name = f"{other_word}{names}与{agency_word}{agency}{cause}{level}一案"
    return {
        "number": blank(case.court_case_number or case.number, 12),
        "court": blank(case.court, 10),
        "agency": agency,
        "agency_address": blank(case.organization.address, 10),
        "cause": blank(cause, 6),
        "act": _act(case),
        "level": level,
        "plaintiffs": plaintiffs,
        "third_parties": third,
        "plaintiff_names": names,
        "third_party_names": "、".join(clean_text(p.name) for p in third) or "无",
        "other_word": other_word,
        "agency_word": agency_word,
        "case_name": case_name,
        "served_date": cn_date(case.complaint_served_on),
        "filed_date": cn_date(case.filed_on),
    }


def _clock_due(case, *keys: str):
    clock = Clock.for_case(case).filter(key__in=keys).order_by("-started_on", "-id").first()
    return clock.due_date if clock else None


# -- 行政机关负责人出庭应诉通知书 ----------------------------------------------------------------


def pending_hearing(case):
    """The latest hearing scheduled and not yet held, or None."""
    return case.hearings.filter(held_on__isnull=True).order_by("-hearing_on", "-id").first()


def has_pending_hearing(case) -> bool:
    return pending_hearing(case) is not None


def notice_remark(hearing) -> str:
    """How long before the hearing the court's notice came: three days at least (Provisions
    Art. 5), or the court's lapse, which the hearing goes ahead despite."""
    if hearing is None:
        return f"距开庭＿＿日（{PROVISIONS}第五条）。"
    days = (hearing.hearing_on - hearing.notice_served_on).days
    if days >= HEAD_NOTICE_DAYS:
        return (
            f"距开庭{cn_number(days)}日（人民法院通知行政机关负责人出庭的，应当在开庭三日前送达"
            f"出庭通知书，{PROVISIONS}第五条）。"
        )
    when = f"距开庭仅{cn_number(days)}日" if days > 0 else "即开庭当日"
    return (
        f"{when}，不足{PROVISIONS}第五条规定的开庭三日前送达的期限；开庭如期进行的，请即安排"
        "出庭事宜。"
    )


def appearance_context(case) -> dict:
    context = _base(case)
    hearing = pending_hearing(case)
    context["hearing_date"] = cn_date(hearing.hearing_on if hearing else None)
    context["hearing_place"] = blank(hearing.place if hearing else "", 10)
    context["notice_date"] = cn_date(hearing.notice_served_on if hearing else None)
    context["notice_remark"] = notice_remark(hearing)
    appeared = (
        case.hearings.filter(held_on__isnull=False, head_appeared=True).order_by("held_on", "id")
    ).first()
    context["appeared_before"] = (
        f"{HEAD_POSITIONS.get(appeared.head_position, '负责人')}{clean_text(appeared.head_name)}"
        f"于{cn_date(appeared.held_on)}"
        if appeared
        else ""
    )
    return context


# -- 行政诉讼答辩状 ------------------------------------------------------------------------------


def defence_available(case) -> bool:
    if agency_appealed(case):
        return False
    return case.state == S.PENDING or case.answer_submitted_on is not None


PAPERS = {"first": "起诉状副本", "second": "上诉状副本", "retrial": "再审申请书副本"}


def defence_context(case) -> dict:
    context = _base(case)
    lines = [f"答辩人：{context['agency']}，住所：{context['agency_address']}。"]
    lines.append(f"法定代表人：{blank('', 4)}，职务：{blank('', 4)}。")
    lines.append(f"委托代理人：{blank('', 4)}。")
    # "上诉人（原审原告）" → "被答辩人（上诉人、原审原告）"
    label = f"被答辩人（{context['other_word'].replace('（', '、').rstrip('）')}）"
    for party in context["plaintiffs"]:
        lines += _person_line(label, party)
    if not context["plaintiffs"]:
        lines.append(f"{label}：{blank('', 8)}。")
    for party in context["third_parties"]:
        lines += _person_line("第三人", party)
    context["party_lines"] = lines
    context["papers"] = PAPERS.get(case.trial_level, "诉讼材料")
    context["requests"] = [FILL, FILL]
    reasons: list[str] = []
    for point in DEFENCE_POINTS:
        reasons += [point, FILL]
    context["reasons"] = reasons
    context["answer_date"] = cn_date(case.answer_submitted_on)
    context["copies"] = cn_number(len(context["plaintiffs"]) + len(context["third_parties"]) or 1)
    due = _clock_due(case, "answer")
    if case.trial_level == TrialLevel.FIRST:
        by = f"，期限至{cn_date(due)}届满" if due else ""
        context["deadline_note"] = (
            f"说明：被告应当在收到起诉状副本之日起十五日内（{context['served_date']}收到{by}）"
            "向人民法院提交作出行政行为的证据和所依据的规范性文件，并提出答辩状（《中华人民共和国"
            "行政诉讼法》第六十七条第一款）；被告对作出的行政行为负有举证责任（第三十四条）。"
            "提交前删除本说明。"
        )
    else:
        context["deadline_note"] = (
            f"说明：答辩人于{context['served_date']}收到{context['papers']}，请在人民法院通知的"
            "期限内提交答辩状。提交前删除本说明。"
        )
    return context


# -- 行政应诉案件备案表 --------------------------------------------------------------------------


def _hearing_line(hearing) -> str:
    place = clean_text(hearing.place)
    head = f"{cn_date(hearing.hearing_on)}{place}："
    if hearing.held_on is None:
        return f"{head}待开庭（出庭通知书于{cn_date(hearing.notice_served_on)}送达）。"
    if hearing.held_on != hearing.hearing_on:
        head = f"{cn_date(hearing.held_on)}{place}："
    if hearing.head_appeared:
        position = HEAD_POSITIONS.get(hearing.head_position, "负责人")
        text = f"{position}{clean_text(hearing.head_name)}出庭应诉"
    else:
        ground = ABSENCE_GROUNDS.get(hearing.absence_ground, blank("", 6))
        text = f"负责人未出庭，理由：{ground}"
        explanation = "；".join(text_lines(hearing.absence_explanation, 0))
        if explanation:
            text += f"（{explanation.rstrip('。')}）"
    staff = clean_text(hearing.staff)
    if staff:
        text += f"；出庭工作人员：{staff}"
    return f"{head}{text}。"


def _recommendation_line(rec) -> str:
    content = "；".join(line.rstrip("。；") for line in text_lines(rec.content, 0))
    line = f"{cn_date(rec.received_on)}收到：{content}。"
    if rec.replied_on:
        return line + f"已于{cn_date(rec.replied_on)}回复。"
    if rec.reply_due:
        return line + f"尚未回复（要求于{cn_date(rec.reply_due)}前回复）。"
    return line + "尚未回复。"


def filing_context(case) -> dict:
    context = _base(case)
    context["bureau"] = justice_bureau(case)
    context["filled_date"] = cn_date(timezone.localdate())
    context["plaintiff_label"] = "原　　告" if case.trial_level == TrialLevel.FIRST else "原审原告"
    context["reconsideration"] = clean_text(case.reconsideration_number) or "未经行政复议"
    due = _clock_due(case, "answer")
    context["answer_due"] = cn_date(due) if due else "／"
    context["answer_date"] = (
        cn_date(case.answer_submitted_on) if case.answer_submitted_on else "尚未提交"
    )
    hearings = list(case.hearings.order_by("hearing_on", "id"))
    context["hearings"] = [_hearing_line(h) for h in hearings] or ["尚未开庭。"]
    if not case.first_heard_on:
        context["head_summary"] = "尚未开庭"
    elif case.head_appeared:
        context["head_summary"] = "是（同一审级出庭一次即可，《规定》第七条）"
    else:
        context["head_summary"] = "否"
    if case.judgment_type:
        context["judgment"] = (
            f"{JUDGMENTS.get(case.judgment_type, blank('', 8))}，{cn_date(case.decided_on)}作出，"
            f"{cn_date(case.judgment_served_on)}送达"
        )
    else:
        context["judgment"] = "尚未审结"
    if case.judgment_type in LOSSES:
        ground = LOSS_GROUNDS.get(case.loss_ground, blank("", 6))
        context["loss"] = [f"主要原因：{ground}", *text_lines(case.loss_reasons, 1)]
    else:
        context["loss"] = ["／"]
    if case.appealed_on:
        who = "本机关" if case.appellant == Appellant.AGENCY else "对方当事人"
        context["appeal"] = f"{who}于{cn_date(case.appealed_on)}提起上诉"
    else:
        due = _clock_due(case, "appeal", "appeal_ruling")
        context["appeal"] = f"上诉期限至{cn_date(due)}届满（第八十五条）" if due else "／"
    recommendations = list(case.recommendations.order_by("received_on", "id"))
    context["recommendations"] = [_recommendation_line(r) for r in recommendations] or ["无"]
    return context


# -- 司法建议回复函 ------------------------------------------------------------------------------


def recommendation_to_reply(case):
    """The recommendation the letter answers: the earliest not yet replied to; once every one
    is, the latest (so that the letter as sent can be printed again)."""
    open_ = case.recommendations.filter(replied_on__isnull=True).order_by("received_on", "id")
    return open_.first() or case.recommendations.order_by("-received_on", "-id").first()


def reply_context(case) -> dict:
    context = _base(case)
    rec = recommendation_to_reply(case)
    context["received_date"] = cn_date(rec.received_on if rec else None)
    context["reply_due"] = cn_date(rec.reply_due) if rec and rec.reply_due else ""
    context["content"] = text_lines(rec.content if rec else "", 2)
    context["reply"] = text_lines(rec.reply if rec else "", 3)
    context["replied_date"] = cn_date(rec.replied_on if rec else None)
    year = (rec.replied_on or rec.received_on).year if rec else ""
    context["letter_number"] = f"＿＿＿〔{year}〕＿＿号" if year else "＿＿＿〔　　〕＿＿号"
    return context


def has_recommendation(case) -> bool:
    return case.recommendations.exists()


def _always(case) -> bool:
    return True


# -- the kinds --------------------------------------------------------------------------------

_kind = kind_maker(TEMPLATES, VERSION)

KINDS = (
    _kind(
        "appearance",
        "行政机关负责人出庭应诉通知书",
        appearance_context,
        has_pending_hearing,
        _(
            "The notice to the head is made once the court has scheduled a hearing that has "
            "not been held yet (Provisions on heads appearing in court, Arts. 2, 5)."
        ),
        roles=WRITERS,
    ),
    _kind(
        "defence",
        "行政诉讼答辩状",
        defence_context,
        defence_available,
        _(
            "The defence is made while the case is before the court, or once an answer has "
            "been submitted, and not on an appeal the agency brought itself (Administrative "
            "Litigation Law Art. 67)."
        ),
        roles=WRITERS,
    ),
    _kind(
        "filing",
        "行政应诉案件备案表",
        filing_context,
        _always,
        roles=WRITERS,
    ),
    _kind(
        "reply",
        "司法建议回复函",
        reply_context,
        has_recommendation,
        _(
            "The reply letter is made once the court has sent a judicial recommendation "
            "(Administrative Litigation Law Art. 66)."
        ),
        roles=WRITERS,
    ),
)

register_all(LABEL, KINDS)
