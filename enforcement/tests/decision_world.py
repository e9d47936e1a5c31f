"""The decisions' test world on top of enforcement.tests.conftest's `ew`: officers of 海珠 市监
with certificates, a 城管 officer, a 白云 officer, and helpers that report decisions through the
real services on fixed dates.

Officers (certificates issued Mon 2025-06-02, valid to 2028-06-01, exam passed 2025-05-20):
张伟 44010500001 and 李强 44010500002 (海珠 市监); 王芳 44010500003 (海珠 市监, suspended from
2026-03-02, not lifted); 赵敏 44010500004 (海珠 城管); 陈静 44011100005 (白云 市监).
Powers: 市监 P-330217001 (penalty, from 2024-01-01) and L-001 (licence)."""

from __future__ import annotations

import datetime

from enforcement import decision_services
from enforcement.tests.conftest import act, issue, officer, on, power, qualified

D = datetime.date


def build(ew, settings):
    w = ew
    settings.FAZHI_ENFORCEMENT_MIN_TRAINING_HOURS = 0
    w.zhang = officer(w, w.shijian_body, "张伟", 11)
    w.li = officer(w, w.shijian_body, "李强", 12)
    w.wang = officer(w, w.shijian_body, "王芳", 13)
    w.zhao = officer(w, w.chengguan_body, "赵敏", 14)
    w.chen = officer(w, w.baiyun_body, "陈静", 15, actor=w.clerk_baiyun)
    for o in (w.zhang, w.li, w.wang, w.zhao):
        qualified(w, o, D(2025, 5, 20))
    qualified(w, w.chen, D(2025, 5, 20))
    w.c_zhang = issue(w, w.zhang, "44010500001", D(2025, 6, 2), D(2028, 6, 1))
    w.c_li = issue(w, w.li, "44010500002", D(2025, 6, 2), D(2028, 6, 1))
    w.c_wang = issue(w, w.wang, "44010500003", D(2025, 6, 2), D(2028, 6, 1))
    w.c_zhao = issue(w, w.zhao, "44010500004", D(2025, 6, 2), D(2028, 6, 1))
    w.c_chen = issue(w, w.chen, "44011100005", D(2025, 6, 2), D(2028, 6, 1))
    act(w, "suspend", w.c_wang, D(2026, 3, 2), "涉嫌违规执法")
    w.p_penalty = power(w, w.shijian_body, "P-330217001", D(2024, 1, 1),
                        name="对生产经营不符合食品安全标准的食品的处罚")  # fmt: skip
    w.p_licence = power(w, w.shijian_body, "L-001", D(2024, 1, 1), name="食品经营许可",
                        kind="licence")  # fmt: skip
    return w


def data(w, **changes) -> dict:
    """A valid penalty of 海珠 市监 decided Mon 2026-03-02 (handled by 张伟 and 李强)."""
    base = {
        "body": w.shijian_body,
        "case_number": "穗海市监罚〔2026〕1号",
        "kind": "penalty",
        "power_code": "P-330217001",
        "party_kind": "organization",
        "party_name": "广州市海珠区好味餐饮店",
        "party_id_number": "91440105MA59ABCD17",
        "decided_on": D(2026, 3, 2),
        "facts": "经营超过保质期的食品。",
        "legal_basis": "《中华人民共和国食品安全法》第一百二十四条",
        "result": "警告，并处罚款5000元",
        "penalty_kinds": ["warning", "fine"],
        "fine_amount": "5000",
        "officers": ["44010500001", "44010500002"],
        "recorded_full_process": True,
        "legal_review_triggers": [],
        "legal_reviewed_on": None,
        "publication_required": True,
        "published_on": None,
    }
    base.update(changes)
    return base


def report(w, day=None, actor=None, **changes):
    """Report a decision through the service on `day` (default: the test day)."""
    if day is None:
        return decision_services.decision_report(actor=actor or w.agency_haizhu,
                                                  data=data(w, **changes))  # fmt: skip
    with on(day):
        return decision_services.decision_report(actor=actor or w.agency_haizhu,
                                                  data=data(w, **changes))  # fmt: skip
