"""Test data for mediation: disputes registered through the real service."""

from __future__ import annotations

import itertools

from mediation.services import dispute_register

_ids = itertools.count(1)


def make_dispute(*, organization, actor, parties=None, **data):
    n = next(_ids)
    payload = {
        "title": f"邻里漏水纠纷{n}",
        "facts": "楼上住户卫生间漏水，损坏楼下天花板，双方就维修费用发生争执。",
        "requests": "请求对方赔偿维修费用",
        "dispute_type": "neighbour",
        "amount": "3500",
    }
    payload.update(data)
    if parties is None:
        parties = [
            {"side": "applicant", "name": f"申请人{n}", "phone": "13800138000"},
            {"side": "respondent", "name": f"被申请人{n}"},
        ]
    return dispute_register(actor=actor, organization=organization, data=payload, parties=parties)
