"""Helpers of the discretion-standard tests (CF Art. 34): versions drafted and published
through the real services on fixed dates, and decisions written straight into the register
with the discretion standard in force recorded as a report records it (the check reads only the
body, power, kind, day and fine)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from enforcement import discretion_services as svc
from enforcement.decision_models import Decision
from enforcement.tests.conftest import on

D = datetime.date

ITEMS = (
    "P-330217001 | 经营超过保质期的食品 | 《中华人民共和国食品安全法》第一百二十四条 | 一般 | 5000 | 50000 | 警告\n"
    "P-330217001 | 经营超过保质期的食品 | 《中华人民共和国食品安全法》第一百二十四条 | 严重 | 50000 | 100000\n"
    "P-999 | 未按规定公示许可证 | 《中华人民共和国食品安全法》第一百二十六条 | 一般 | 1000 | 2000\n"
)
LENIENT = "不予处罚 | 未按规定公示许可证 | 初次违法且危害后果轻微并及时改正 | 《中华人民共和国行政处罚法》第三十三条\n"


def draft(
    w, body, start, *, actor=None, items=ITEMS, lenient=LENIENT, title="食品安全行政处罚裁量基准"
):
    with on(D(2024, 12, 1)):
        return svc.standard_create(actor=actor or w.clerk_haizhu, body=body, data={
            "title": title, "basis_document": "穗海市监规〔2024〕1号", "effective_from": start,
            "items": items, "lenient": lenient})  # fmt: skip


def publish(w, standard, day, *, actor=None):
    with on(day):
        return svc.standard_publish(actor=actor or w.clerk_haizhu, standard=standard,
                                    published_on=day)  # fmt: skip


def decision(w, power, day, fine, *, number="穗海市监罚〔2026〕1号", kind="penalty"):
    body = w.shijian_body
    made = Decision(
        body=body, agency_id=body.agency_id, region_code=body.region_code, case_number=number,
        kind=kind, power=power, party_kind="organization", party_name="广州市海珠区好味餐饮店",
        decided_on=day, facts="经营超过保质期的食品。", legal_basis="《食品安全法》第一百二十四条",
        result="罚款", penalty_kinds=["fine"] if fine is not None else [],
        fine_amount=Decimal(fine) if fine is not None else None, source="web",
    )  # fmt: skip
    svc.record_check(made)
    made.save()
    return made
