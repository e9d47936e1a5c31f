"""The complaint world and its worked example, shared by the complaint tests (services, pages,
indicators, browser). Everything is written through the real services and the engine, each
step on its own day (enforcement.tests.conftest.on).

The worked example (Dragon Boat Festival 2026: Fri 19 – Sun 21 June are rest days; 10 and 30
working days, the first day not counted, reference/statutes-lines.md §0):

- Mon 8 Jun 2026: a citizen files a complaint with 海珠区司法局 about 海珠区市场监督管理局 (the
  portal). Handling period 30 WD (FAZHI_ENFORCEMENT_COMPLAINT_DAYS): 9,10,11,12 (4), 15–18 (8),
  [19–21 端午], 22–26 (13), 29,30 Jun, 1–3 Jul (18), 6–10 (23), 13–17 (28), 20 (29), 21 (30)
  → due Tue 21 Jul 2026.
- Tue 9 Jun: accepted.
- Wed 10 Jun: dispatched to 海珠区市场监督管理局 (A, …号-1) and 海珠区城市管理和综合执法局
  (B, …号-2). 10 WD each (CQ-JD Art. 20): 11,12 (2), 15,16,17,18 (6), [19–21 端午], 22,23,24,25
  (10) → both due Thu 25 Jun 2026 (without the holiday it would be Wed 24 Jun).
- Mon 22 Jun: A replies (on time). Tue 23 Jun: the bureau sends A's reply back; A's second
  round runs 10 WD from 23 Jun: 24,25,26 (3), 29,30, 1,2,3 Jul (8), 6,7 (10) → due Tue 7 Jul.
- Fri 26 Jun: B has not replied; its deadline passed the day before: overdue (worklist, list
  filter, enforcement.dispatches_overdue = 1).
- Mon 29 Jun: B replies, late (25 Jun < 29 Jun). Thu 2 Jul: A replies again, on time.
- Thu 2 Jul: closing is refused (two replies not yet accepted). Fri 3 Jul: both accepted, the
  complaint closed with the answer (handling period met: 3 Jul ≤ 21 Jul).

Replies due (enforcement.dispatches_on_time_rate): A1 due 25 Jun on time, B1 due 25 Jun late,
A2 due 7 Jul on time → June 1/2 = 50.00%, July 1/1, 2026 (as of 31 Jul) 2/3 = 66.67%.
"""

from __future__ import annotations

import datetime

from cases import engine
from enforcement.complaint_models import Complaint
from enforcement.complaint_services import complaint_register
from enforcement.tests.conftest import on

D = datetime.date
FILED = D(2026, 6, 8)
ACCEPTED = D(2026, 6, 9)
DISPATCHED = D(2026, 6, 10)
FIRST_DUE = D(2026, 6, 25)
A_REPLIED = D(2026, 6, 22)
SENT_BACK = D(2026, 6, 23)
SECOND_DUE = D(2026, 7, 7)
B_OVERDUE = D(2026, 6, 26)
B_REPLIED = D(2026, 6, 29)
A_REPLIED_AGAIN = D(2026, 7, 2)
CLOSED = D(2026, 7, 3)
HANDLING_DUE = D(2026, 7, 21)

PHONE = "13800138001"
FACTS = (
    "2026年6月5日上午，执法人员在我店检查时未出示执法证件，当场要求停业整顿，未告知陈述申辩权利。"
)
INSTRUCTIONS = "请核查执法人员是否出示证件、是否告知陈述申辩权利，十个工作日内书面答复。"
ANSWER = "经核查，执法人员未出示证件属实，已责令改正并约谈相关人员；停业要求已撤销。"
REASONS = "答复未说明是否已撤销停业要求，请补充核查结果。"


def file_online(w, day=FILED, *, phone=PHONE, body=None, facts=FACTS, bureau=None) -> Complaint:
    """A complaint as the portal files it (the phone already proven by its code)."""
    with on(day):
        return complaint_register(
            actor=None, organization=bureau or w.haizhu_bureau, online=True,
            data={"complainant_kind": "organization", "complainant_name": "海珠区某某餐饮店",
                  "complainant_phone": phone, "body": body or w.shijian_body,
                  "happened_on": D(2026, 6, 5), "place": "海珠区江南大道中100号",
                  "facts": facts},
        )  # fmt: skip


def fire(case, name: str, actor, day: datetime.date, **data):
    with on(day):
        case.refresh_from_db()
        return engine.fire(case, name, actor=actor, version=case.version, data=data)


def dispatch(w, complaint, bodies, day=DISPATCHED, *, actor=None, instructions=INSTRUCTIONS):
    return fire(complaint, "dispatch", actor or w.clerk_haizhu, day,
                bodies=[str(b.pk) for b in bodies], instructions=instructions, on_date=day)  # fmt: skip


def worked_example(w, *, until: datetime.date = CLOSED) -> dict:
    """The worked example above, run up to and including the day `until`."""
    out = {"complaint": file_online(w)}
    c = out["complaint"]
    steps = [
        (ACCEPTED, lambda: fire(c, "accept", w.clerk_haizhu, ACCEPTED, on_date=ACCEPTED)),
        (DISPATCHED, lambda: dispatch(w, c, [w.shijian_body, w.chengguan_body])),
        (A_REPLIED, lambda: fire(out["a"], "reply", w.agency_haizhu, A_REPLIED,
                                 reply="已核查，执法人员当时出示了证件。")),
        (SENT_BACK, lambda: fire(out["a"], "send_back", w.clerk_haizhu, SENT_BACK,
                                 reasons=REASONS)),
        (B_REPLIED, lambda: fire(out["b"], "reply", w.agency_chengguan, B_REPLIED,
                                 reply="经核查，本局未参与该次检查。")),
        (A_REPLIED_AGAIN, lambda: fire(out["a"], "reply", w.agency_haizhu, A_REPLIED_AGAIN,
                                       reply="补充核查：未出示证件属实，停业要求已撤销。")),
        (CLOSED, lambda: fire(out["a"], "accept", w.clerk_haizhu, CLOSED)),
        (CLOSED, lambda: fire(out["b"], "accept", w.clerk_haizhu, CLOSED)),
        (CLOSED, lambda: fire(c, "close", w.clerk_haizhu, CLOSED, finding="partly",
                              answer=ANSWER, on_date=CLOSED)),
    ]  # fmt: skip
    for day, step in steps:
        if day > until:
            break
        step()
        if day == DISPATCHED:
            dispatches = {d.body_id: d for d in c.dispatches.all()}
            out["a"], out["b"] = dispatches[w.shijian_body.pk], dispatches[w.chengguan_body.pk]
    for key in ("complaint", "a", "b"):
        if key in out:
            out[key].refresh_from_db()
    return out
