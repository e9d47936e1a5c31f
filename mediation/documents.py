"""The people's mediation documents (人民调解文书) and what fills them.

Seven kinds, each a docxtpl template in mediation/doctemplates (built by
`python -m mediation.doctemplates.build`), following the structures of reference/documents.md
§1: 人民调解申请书, 人民调解受理登记表, 人民调解记录 (all sessions recorded so far, then the
result), 人民调解协议书 (written agreements), 人民调解口头协议登记表 (oral agreements),
人民调解回访记录 (the latest follow-up visit) and 司法确认申请书 (written agreements).

The forms are official Chinese text: the labels of classifications printed on them are the
official Chinese names below, not the interface's translations. Values that are not recorded
come out as lines of underscores, to be filled in by hand as on the paper forms. Phones (and,
on the application to the court only, resident ID numbers) are printed in full because the
forms ask for them.
"""

from __future__ import annotations

from pathlib import Path

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cases.documents import (
    age_on,
    blank,
    clean_text,
    cn_date,
    cn_number,
    join_names,
    kind_maker,
    numbered,
    register_all,
    text_lines,
    when_any,
    when_equals,
    when_set,
    yuan,
)
from mediation.choices import AgreementForm
from mediation.selectors import case_mediators

LABEL = "mediation.dispute"
TEMPLATES = Path(__file__).resolve().parent / "doctemplates"
VERSION = "2026.1"

DISPUTE_TYPES = {
    "marriage_family": "婚姻家庭纠纷",
    "neighbour": "邻里纠纷",
    "housing_land": "房屋宅基地纠纷",
    "contract": "合同纠纷",
    "business": "生产经营纠纷",
    "damages": "损害赔偿纠纷",
    "forest_land": "山林土地纠纷",
    "land_acquisition": "征地拆迁纠纷",
    "environment": "环境污染纠纷",
    "labour": "劳动争议纠纷",
    "consumer": "消费纠纷",
    "medical": "医疗纠纷",
    "traffic": "道路交通事故纠纷",
    "property_management": "物业纠纷",
    "other": "其他纠纷",
}
DISPUTE_SUBTYPES = {
    "labour.wage_arrears": "拖欠农民工工资纠纷",
    "labour.other": "其他劳动争议纠纷",
    "consumer.tourism": "旅游纠纷",
    "consumer.ecommerce": "电子商务纠纷",
    "consumer.other": "其他消费纠纷",
}
SOURCES = {
    "application": "当事人申请",
    "initiative": "人民调解委员会主动调解",
    "court": "人民法院委托移送",
    "procuratorate": "人民检察院委托移送",
    "police": "公安机关移送",
    "petition": "信访部门移送",
    "hotline": "12345热线转办",
    "government": "其他政府部门移送",
}
SIDES = {"applicant": "申请人", "respondent": "被申请人", "third_party": "第三人"}
GENDERS = {"male": "男", "female": "女"}
PERFORMANCE = {
    "full": "已全部履行",
    "partial": "已部分履行",
    "none": "未履行",
    "pending": "履行期限尚未届满",
}
ROUTES = {"arbitration": "仲裁", "administrative": "行政", "litigation": "诉讼"}
AGREEMENT_FORMS = {"written": "书面", "oral": "口头"}


def _dispute_type(dispute) -> str:
    label = DISPUTE_TYPES.get(dispute.dispute_type) or dispute.get_dispute_type_display()
    sub = DISPUTE_SUBTYPES.get(dispute.dispute_subtype, "")
    return f"{label}（{sub}）" if sub else str(label)


def _source_marks(dispute) -> tuple[str, str]:
    """(the two sources of the form, ticked or not; the line for any other source)."""
    source = dispute.source
    other = "" if source in ("application", "initiative") else SOURCES.get(source, "")
    mark = {True: "■", False: "□"}
    return (
        f"{mark[source == 'application']}当事人申请　"
        f"{mark[source == 'initiative']}人民调解委员会主动调解",
        f"{mark[bool(other)]}其他：{other or '＿＿＿＿＿＿'}",
    )


def _party(party, side: str, on) -> dict:
    is_org = party.kind == "organization"
    age = age_on(party.birth_date, on)
    return {
        "side_label": SIDES.get(side, ""),
        "name": clean_text(party.name),
        "is_org": is_org,
        "gender": blank(GENDERS.get(party.gender, ""), 2),
        "ethnicity": blank(party.ethnicity, 2),
        "age": f"{age}岁" if age is not None else blank("", 2),
        "birth": cn_date(party.birth_date),
        "occupation": blank("", 6),
        "phone": blank(party.phone, 6),
        "address": blank(party.address, 8),
        "representative": blank(party.legal_representative, 4),
        "credit_code": blank(party.credit_code, 10),
        "id_number": blank(party.id_number, 10),
    }


def _people(dispute, on) -> dict:
    rows = list(dispute.dispute_parties.select_related("party"))
    order = {"applicant": 0, "respondent": 1, "third_party": 2}
    rows.sort(key=lambda dp: (order.get(dp.side, 9), dp.position, dp.pk))
    parties = [_party(dp.party, dp.side, on) for dp in rows]
    by_side = {
        side: [p for p in parties if p["side_label"] == label] for side, label in SIDES.items()
    }
    party_list = "；".join(
        f"{SIDES[side]}{join_names(items)}" for side, items in by_side.items() if items
    )
    return {
        "parties": parties,
        "applicants": by_side["applicant"],
        "respondents": by_side["respondent"],
        "third_parties": by_side["third_party"],
        "applicant_names": join_names(by_side["applicant"]),
        "respondent_names": join_names(by_side["respondent"]),
        "party_list": party_list or blank("", 8),
    }


def _base(dispute, on=None) -> dict:
    """What every mediation form prints; ages are counted on the date `on` (default today)."""
    today = timezone.localdate()
    on = on or today
    # The same mediators as the case page names (mediation.selectors.case_mediators).
    mediators = "、".join(clean_text(name) for name in case_mediators(dispute))
    return {
        "number": blank(dispute.number, 12),
        "committee": clean_text(dispute.organization.name),
        "subject": clean_text(dispute.title),
        "dispute_type": _dispute_type(dispute),
        "source_marks": _source_marks(dispute)[0],
        "source_other": _source_marks(dispute)[1],
        "amount": yuan(dispute.amount, zero_blank=True),
        "address": blank(dispute.address, 12),
        "facts": text_lines(dispute.facts, 3),
        "requests": numbered(text_lines(dispute.requests, 3)),
        "mediators": blank(mediators, 6),
        "received_date": cn_date(dispute.received_at),
        "accepted_date": cn_date(dispute.accepted_at),
        "agreement_date": cn_date(dispute.agreement_effective_on),
        "today": cn_date(today),
        **_people(dispute, on),
    }


def _local_date(value):
    return timezone.localtime(value).date() if value else None


# -- context of each form ---------------------------------------------------------------------


def application_context(dispute) -> dict:
    context = _base(dispute, _local_date(dispute.received_at))
    context["application_date"] = context["received_date"]
    return context


def registration_context(dispute) -> dict:
    return _base(dispute, _local_date(dispute.accepted_at))


def _result(dispute) -> list[str]:
    if dispute.agreement_form:
        form = AGREEMENT_FORMS.get(dispute.agreement_form, "")
        return [
            f"经调解，当事人自愿达成{form}调解协议，协议内容如下：",
            *numbered(text_lines(dispute.agreement_terms)),
            "履行方式、时限：" + "；".join(text_lines(dispute.agreement_performance)),
        ]
    if dispute.outcome == "failed":
        routes = "、".join(ROUTES[r] for r in dispute.routes_told if r in ROUTES)
        return [
            "经调解，当事人未能达成调解协议，调解不成。",
            "原因：" + "；".join(text_lines(dispute.failure_reason)),
            f"人民调解员已告知当事人可以依法通过{routes or '仲裁、行政、诉讼'}等途径维护自己的权利。",
        ]
    if dispute.outcome == "terminated":
        return ["调解终止。", "原因：" + "；".join(text_lines(dispute.failure_reason))]
    return ["调解正在进行，当事人尚未达成调解协议。"]


def record_context(dispute) -> dict:
    sessions = list(dispute.sessions.select_related("recorded_by").order_by("held_on", "id"))
    context = _base(dispute, sessions[-1].held_on if sessions else None)
    context["sessions"] = [
        {
            "heading": f"第{cn_number(i)}次调解",
            "date": cn_date(s.held_on),
            "place": blank(s.place, 10),
            "attendees": blank(s.attendees, 10),
            "recorder": blank(str(s.recorded_by) if s.recorded_by else "", 6),
            "notes": text_lines(s.notes, 3),
        }
        for i, s in enumerate(sessions, 1)
    ]
    context["result"] = _result(dispute)
    context["record_date"] = cn_date(sessions[-1].held_on if sessions else None)
    return context


def _agreement(dispute) -> dict:
    context = _base(dispute, dispute.agreement_effective_on)
    context["terms"] = numbered(text_lines(dispute.agreement_terms, 3))
    context["performance"] = text_lines(dispute.agreement_performance, 2)
    context["copies"] = cn_number(len(context["parties"]) + 1)
    return context


def agreement_context(dispute) -> dict:
    return _agreement(dispute)


def oral_agreement_context(dispute) -> dict:
    return _agreement(dispute)


def follow_up_context(dispute) -> dict:
    visit = dispute.follow_ups.select_related("visited_by").order_by("visited_on", "id").last()
    context = _base(dispute, visit.visited_on if visit else None)
    context["visit_reason"] = "了解人民调解协议的履行情况，听取当事人对调解工作的意见"
    context["visit"] = {
        "date": cn_date(visit.visited_on if visit else None),
        "performance": PERFORMANCE.get(visit.performance, blank()) if visit else blank(),
        "satisfied": ("满意" if visit.satisfied else "不满意") if visit else blank("", 4),
        "litigation": blank("", 10),
        "notes": text_lines(visit.notes if visit else "", 2),
        "visitor": blank(str(visit.visited_by) if visit and visit.visited_by else "", 6),
    }
    return context


def confirmation_context(dispute) -> dict:
    context = _agreement(dispute)
    context["court"] = clean_text(dispute.confirmation_court) or "＿＿＿＿＿＿＿＿人民法院"
    context["application_date"] = cn_date(dispute.confirmation_applied_on)
    context["copies_id"] = cn_number(len(context["parties"]))
    return context


# -- the kinds --------------------------------------------------------------------------------

_kind = kind_maker(TEMPLATES, VERSION)
_written = when_equals("agreement_form", AgreementForm.WRITTEN)

KINDS = (
    _kind("application", "人民调解申请书", application_context),
    _kind(
        "registration",
        "人民调解受理登记表",
        registration_context,
        when_set("accepted_at"),
        _("The acceptance form is available once the dispute is accepted."),
    ),
    _kind(
        "record",
        "人民调解记录",
        record_context,
        when_any("sessions"),
        _("The mediation record needs at least one recorded session."),
    ),
    _kind(
        "agreement",
        "人民调解协议书",
        agreement_context,
        _written,
        _(
            "A mediation agreement document is made only when a written agreement has been "
            "reached (People's Mediation Law Art. 29)."
        ),
    ),
    _kind(
        "oral_agreement",
        "人民调解口头协议登记表",
        oral_agreement_context,
        when_equals("agreement_form", AgreementForm.ORAL),
        _(
            "The oral agreement form is for disputes settled by an oral agreement "
            "(People's Mediation Law Art. 28)."
        ),
    ),
    _kind(
        "follow_up",
        "人民调解回访记录",
        follow_up_context,
        when_any("follow_ups"),
        _("Record a follow-up visit first."),
    ),
    _kind(
        "confirmation",
        "司法确认申请书",
        confirmation_context,
        _written,
        _("Judicial confirmation is for written mediation agreements."),
    ),
)

register_all(LABEL, KINDS)
