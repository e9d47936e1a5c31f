"""Publishing reconsideration decisions on the portal (行政复议决定书公开), after a redaction step.

A decided case is prepared: Fazhi writes the decision's full text from the case and proposes
the personal data to remove — the names of natural persons (the parties who are persons, their
agents, and names written after 申请人/第三人/代理人 in the text), resident ID numbers, phone
numbers, addresses and bank account numbers. A reviewer of the office sees the text with the
proposals marked, unticks what should stay, adds anything missed, and confirms; only then is the
redacted text published. Legal persons and agencies are not redacted: the decision's subject is
the agency's act. The public searches the published decisions by year, agency, kind of act and
decision.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.engine import roles_over
from core.audit import acting
from core.errors import InvalidInput, PermissionDenied
from core.models import PartyKind
from core.roles import Role
from reconsideration.choices import DecisionType, Side
from reconsideration.models import Publication, ReconsiderationCase

REVIEWERS = frozenset({Role.SECTION_STAFF, Role.SYSTEM_ADMIN})

ID_NUMBER = re.compile(r"(?<![0-9])(?:\d{17}[\dXx]|\d{15})(?![0-9Xx])")
MOBILE = re.compile(r"(?<![0-9])1[3-9]\d{9}(?![0-9])")
LANDLINE = re.compile(r"(?<![0-9])0\d{2,3}-?\d{7,8}(?![0-9])")
BANK_ACCOUNT = re.compile(r"(?<![0-9])\d{16,19}(?![0-9])")
LABELLED_NAME = re.compile(
    r"(?:申请人|第三人|委托代理人|代理人|法定代理人|近亲属)[：:]\s*([\u4e00-\u9fa5·]{2,4})(?=[，,。；;：:\s（(])"
)
LABELLED_ADDRESS = re.compile(r"(?:住址|住所|地址|家住)[：:]\s*([^，,。；;\n]{4,60})")

# The wording of each decision (Arts. 63–72) as the decision states it.
WORDING = {
    DecisionType.CHANGE: "变更被申请人作出的行政行为。",
    DecisionType.ANNUL: "撤销被申请人作出的行政行为。",
    DecisionType.ANNUL_PART: "部分撤销被申请人作出的行政行为。",
    DecisionType.ANNUL_REDO: "撤销被申请人作出的行政行为，责令被申请人在法定期限内重新作出行政行为。",
    DecisionType.DECLARE_UNLAWFUL: "确认被申请人作出的行政行为违法。",
    DecisionType.ORDER_PERFORMANCE: "责令被申请人在法定期限内履行法定职责。",
    DecisionType.DECLARE_VOID: "确认被申请人作出的行政行为无效。",
    DecisionType.UPHOLD: "维持被申请人作出的行政行为。",
    DecisionType.REJECT_CLAIM: "驳回申请人的行政复议请求。",
    DecisionType.CONTRACT_REMEDY: "责令被申请人依法履行行政协议、采取补救措施或者赔偿损失。",
}
ARTICLE = {
    DecisionType.CHANGE: "第六十三条", DecisionType.ANNUL: "第六十四条",
    DecisionType.ANNUL_PART: "第六十四条", DecisionType.ANNUL_REDO: "第六十四条",
    DecisionType.DECLARE_UNLAWFUL: "第六十五条", DecisionType.ORDER_PERFORMANCE: "第六十六条",
    DecisionType.DECLARE_VOID: "第六十七条", DecisionType.UPHOLD: "第六十八条",
    DecisionType.REJECT_CLAIM: "第六十九条", DecisionType.CONTRACT_REMEDY: "第七十一条",
}  # fmt: skip


@dataclass(frozen=True)
class Proposal:
    kind: str  # name, id_number, phone, address, bank_account
    text: str

    def as_dict(self) -> dict:
        return {"kind": self.kind, "text": self.text}


KIND_LABELS = {
    "name": "自然人姓名",
    "id_number": "身份证号码",
    "phone": "电话号码",
    "address": "住址",
    "bank_account": "银行账号",
}


def full_text(case: ReconsiderationCase) -> str:
    """The decision as published, before redaction: parties, the act, requests, the two
    sides' statements, the office's findings and the decision with its article."""
    lines = [case.organization.name, "行政复议决定书", case.number, ""]
    for link in case.recon_parties.select_related("party").order_by("side", "position", "id"):
        party = link.party
        label = {Side.APPLICANT: "申请人", Side.THIRD_PARTY: "第三人",
                 Side.AGENT: "委托代理人"}[link.side]  # fmt: skip
        details = []
        if party.kind == PartyKind.PERSON and party.id_number:
            details.append(f"身份证号码：{party.id_number}")
        if party.address:
            details.append(f"住址：{party.address}")
        if party.phone:
            details.append(f"联系电话：{party.phone}")
        lines.append(
            f"{label}：{party.name}" + ("，" + "，".join(details) if details else "") + "。"
        )
    lines.append(f"被申请人：{case.respondent.name}。")
    lines.append("")
    received = timezone.localtime(case.received_at).date()
    act = case.act_description + (f"（{case.act_number}）" if case.act_number else "")
    lines.append(
        f"申请人不服被申请人作出的{act}，于{received.year}年{received.month}月{received.day}日"
        "向本机关申请行政复议，本机关依法予以受理。本案现已审理终结。"
    )
    lines.append(f"申请人请求：{case.requests}")
    if case.facts:
        lines.append(f"申请人称：{case.facts}")
    if case.answer:
        lines.append(f"被申请人称：{case.answer}")
    lines.append(f"本机关认为：{case.decision_reasons}")
    article = ARTICLE.get(case.decision_type, "")
    lines.append(f"根据《中华人民共和国行政复议法》{article}的规定，本机关决定如下：")
    lines.append(WORDING.get(case.decision_type, ""))
    lines.append("申请人如不服本决定，可以自收到本决定书之日起十五日内依法向人民法院提起行政诉讼。")
    if case.concluded_on:
        day = case.concluded_on
        lines.append(f"{day.year}年{day.month}月{day.day}日")
    return "\n".join(lines)


def propose(case: ReconsiderationCase, text: str) -> list[Proposal]:
    """The personal data in `text` to remove, each once, longest first (so that a name inside
    an address is not cut out of it first)."""
    found: dict[str, Proposal] = {}

    def add(kind: str, value: str) -> None:
        value = (value or "").strip()
        if len(value) >= 2 and value in text and value not in found:
            found[value] = Proposal(kind, value)

    for link in case.recon_parties.select_related("party"):
        party = link.party
        if party.kind == PartyKind.PERSON:
            add("name", party.name)
            add("id_number", party.id_number)
        add("address", party.address)
        add("phone", party.phone)
    for match in LABELLED_NAME.finditer(text):
        name = match.group(1)
        if not any(name in p.text for p in found.values() if p.kind != "name"):
            add("name", name)
    for match in LABELLED_ADDRESS.finditer(text):
        add("address", match.group(1))
    for pattern, kind in ((ID_NUMBER, "id_number"), (MOBILE, "phone"), (LANDLINE, "phone"),
                          (BANK_ACCOUNT, "bank_account")):  # fmt: skip
        for match in pattern.finditer(text):
            if not any(match.group(0) in p.text for p in found.values()):
                add(kind, match.group(0))
    return sorted(found.values(), key=lambda p: (-len(p.text), p.text))


def replacement(kind: str, value: str) -> str:
    """What stands in for a removed item: a person's surname and 某, the others marked."""
    if kind == "name":
        return value[0] + "某"
    if kind == "address":
        return "（住址略）"
    return "×" * 3


def redact(text: str, removed: list[dict]) -> str:
    for item in sorted(removed, key=lambda p: -len(p["text"])):
        text = text.replace(item["text"], replacement(item["kind"], item["text"]))
    return text


def _check_reviewer(actor, case) -> None:
    if not (roles_over(actor, case) & REVIEWERS):
        raise PermissionDenied(_("Only the reconsideration office's staff publish decisions."))


def prepare(case: ReconsiderationCase, *, actor) -> Publication:
    """Write (or rewrite, while unpublished) the draft of the case's decision for the portal."""
    _check_reviewer(actor, case)
    if not case.decision_type or case.concluded_on is None:
        raise InvalidInput(_("Only a decided case is published."))
    text = full_text(case)
    with acting(actor), transaction.atomic():
        publication = Publication.objects.select_for_update().filter(case=case).first()
        if publication is not None and publication.state == Publication.State.PUBLISHED:
            raise InvalidInput(_("This decision is already published; withdraw it first."))
        publication = publication or Publication(case=case)
        publication.region_code = case.region_code
        publication.organization_id = case.organization_id
        publication.year = case.concluded_on.year
        publication.respondent = case.respondent
        publication.respondent_name = case.respondent.name
        publication.act_type = case.act_type
        publication.decision_type = case.decision_type
        publication.decided_on = case.concluded_on
        publication.number = case.number
        publication.original = text
        publication.proposals = [p.as_dict() for p in propose(case, text)]
        publication.removed = []
        publication.text = ""
        publication.state = Publication.State.DRAFT
        publication.prepared_by = actor
        publication.save()
    return publication


def publish(publication: Publication, *, actor, keep: list[str], extra: list[str]) -> Publication:
    """Confirm the redaction and publish: every proposal is removed except those in `keep`
    (the reviewer unticked them), and every term in `extra` is removed too (as a name if it is
    two to four Chinese characters, otherwise marked)."""
    _check_reviewer(actor, publication.case)
    if publication.state == Publication.State.PUBLISHED:
        raise InvalidInput(_("This decision is already published."))
    removed = [p for p in publication.proposals if p["text"] not in set(keep)]
    for term in extra:
        term = term.strip()
        if not term:
            continue
        if term not in publication.original:
            raise InvalidInput(
                _("“%(term)s” does not occur in the text.") % {"term": term},
                fields={"extra": [_("“%(term)s” does not occur in the text.") % {"term": term}]},
            )
        kind = "name" if re.fullmatch(r"[\u4e00-\u9fa5·]{2,4}", term) else "other"
        removed.append({"kind": kind, "text": term})
    with acting(actor), transaction.atomic():
        publication.removed = removed
        publication.text = redact(publication.original, removed)
        publication.state = Publication.State.PUBLISHED
        publication.reviewed_by = actor
        publication.published_at = timezone.now()
        publication.save()
    return publication


def withdraw(publication: Publication, *, actor) -> Publication:
    _check_reviewer(actor, publication.case)
    with acting(actor), transaction.atomic():
        publication.state = Publication.State.WITHDRAWN
        publication.save(update_fields=["state"])
    return publication


def published():
    """What the portal lists: published decisions, newest first."""
    return Publication.objects.filter(state=Publication.State.PUBLISHED).order_by(
        "-decided_on", "-id"
    )
