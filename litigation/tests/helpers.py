"""Shared helpers of the litigation tests: register a lawsuit through the service, hear and
conclude it; travelling to a day and firing a step on it are cases.testing's (`on`, `fire`,
imported from here too)."""

from __future__ import annotations

import datetime

from cases.testing import fire, on
from litigation.services import case_register

_SEQ = iter(range(1, 10_000))


def register(actor, agency, served: datetime.date, *, level="first", parties=None, **data):
    """A lawsuit against `agency`, registered by `actor` on the day it was served."""
    number = data.pop("court_case_number", None) or f"（{served.year}）粤0105行初{next(_SEQ)}号"
    fields = {
        "court": "广州市海珠区人民法院",
        "court_case_number": number,
        "trial_level": level,
        "cause": "行政处罚",
        "act_description": "海市监罚〔2026〕12号行政处罚决定",
        "act_number": "海市监罚〔2026〕12号",
        "complaint_served_on": served.isoformat(),
        **data,
    }
    with on(served):
        return case_register(
            actor=actor,
            organization=agency,
            data=fields,
            parties=parties
            or [{"side": "plaintiff", "name": "某贸易有限公司", "kind": "organization"}],
        )


def hear(case, actor, held: datetime.date, *, head=None, position="principal", ground="3"):
    """The court's notice served a week ahead, then the hearing recorded: `head` the name of a
    qualifying head who appeared, or None (absent on `ground`, Provisions Art. 8)."""
    with on(held - datetime.timedelta(days=7)):
        case = fire(case, "schedule_hearing", actor, hearing_on=held.isoformat(), place="第一法庭")
    data = {"staff": "法制科 李明"}
    if head:
        data |= {"head_appeared": True, "head_name": head, "head_position": position}
    else:
        data |= {"head_appeared": False, "absence_ground": ground}
    with on(held):
        return fire(case, "record_hearing", actor, **data)


def conclude(case, actor, day: datetime.date, kind: str, *, served=None, **data):
    if kind in ("annul", "annul_part", "declare_unlawful", "declare_void", "order_performance",
                "change", "compensation"):  # fmt: skip
        data = {"loss_ground": "evidence", "loss_reasons": "主要证据不足。", **data}
    served = served or day
    with on(served):
        return fire(case, "conclude", actor, on_date=day.isoformat(), judgment_type=kind,
                    served_on=served.isoformat(), **data)  # fmt: skip
