"""Must show (issue 15): an agency imports 10,000 decisions from Excel, all or nothing — one bad
row among them and nothing is written — and re-posting the same rows by the API creates no
duplicates (idempotent by the agency's own case number: 200 with the decision recorded first).

The file: 10,000 decisions of 海珠区市场监督管理局, handled by 张伟 and 李强 (certificates valid
from 2025-06-02 to 2028-06-01, CF Art. 42), decided on the 300 days from Wed 2025-08-13 to Mon
2026-06-08 (before the test day Wed 2026-06-10), penalties (fine 200 yuan × row number mod 50,
+ 200), licences and inspections in turn; every fourth one published three days after the
decision. Row 7,779 (the 7,778th decision) is decided on the day after the test day: refused as
in the future, and the whole file with it.

The time the import takes is printed (pytest -s); it is not asserted (benchmarks are not timed
unit tests, DESIGN.md)."""

from __future__ import annotations

import datetime
import time

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from conftest import frozen_today
from enforcement.decision_models import Decision, DecisionOfficer
from enforcement.importing import import_decisions
from enforcement.tests.decision_world import build
from enforcement.tests.test_decision_import import HEADERS, PENALTY, xlsx

D = datetime.date
pytestmark = pytest.mark.django_db
ROWS = 10_000
FIRST_DAY = D(2025, 8, 13)
KINDS = ("行政处罚", "行政许可", "行政检查")
API_KINDS = {"行政处罚": "penalty", "行政许可": "licence", "行政检查": "inspection"}
# The decisions re-posted by the API: every 25th (400), from the first to the last.
REPOSTED = range(0, ROWS, 25)


def decision(i: int) -> dict:
    kind = KINDS[i % 3]
    decided = FIRST_DAY + datetime.timedelta(days=i % 300)
    values = dict(PENALTY)
    values.update({
        "决定文书号": f"穗海市监〔2026〕{i + 1:05d}号", "决定类别": kind, "权力事项编码": None,
        "当事人名称": f"广州市海珠区第{i + 1}号商户", "当事人证件号码": None,
        "决定日期": decided, "主要事实": f"第{i + 1}号案件事实。",
        "公示日期": decided + datetime.timedelta(days=3) if i % 4 == 0 else None,
    })  # fmt: skip
    if kind == "行政处罚":
        values["罚款金额（元）"] = 200 * (i % 50) + 200
        values["决定内容"] = f"警告，并处罚款{values['罚款金额（元）']}元"
    else:
        values.update({"处罚种类": None, "罚款金额（元）": None, "决定内容": "准予"})
    return values


def as_row(values: dict) -> list:
    return [values.get(h) for h in HEADERS]


def as_payload(values: dict, body_id: int) -> dict:
    payload = {
        "body": body_id, "case_number": values["决定文书号"],
        "kind": API_KINDS[values["决定类别"]], "party_kind": "organization",
        "party_name": values["当事人名称"], "decided_on": values["决定日期"].isoformat(),
        "facts": values["主要事实"], "legal_basis": values["法律依据"],
        "result": values["决定内容"], "officers": ["44010500001", "44010500002"],
        "recorded_full_process": True,
    }  # fmt: skip
    if values["决定类别"] == "行政处罚":
        payload["penalty_kinds"] = ["warning", "fine"]
        payload["fine_amount"] = str(values["罚款金额（元）"])
    return payload


def test_an_agency_imports_10000_decisions_all_or_nothing_and_api_reposts_create_none(
    ew, settings, capsys
):
    w = build(ew, settings)
    values = [decision(i) for i in range(ROWS)]
    rows = [as_row(v) for v in values]
    bad = list(rows)
    bad[7777] = as_row({**values[7777], "决定日期": frozen_today() + datetime.timedelta(days=1)})

    bad_file, good_file = xlsx(bad), xlsx(rows)
    started = time.perf_counter()
    result = import_decisions(bad_file, actor=w.agency_haizhu)
    refused = time.perf_counter() - started
    assert [(e.row, e.column) for e in result.errors] == [(7779, "决定日期")]
    assert (result.rows, result.written) == (ROWS, 0)
    assert Decision.objects.count() == 0 and DecisionOfficer.objects.count() == 0

    started = time.perf_counter()
    result = import_decisions(good_file, actor=w.agency_haizhu)
    imported = time.perf_counter() - started
    assert result.ok, result.errors[:5]
    assert (result.rows, result.written) == (ROWS, ROWS)
    assert Decision.objects.count() == ROWS and DecisionOfficer.objects.count() == 2 * ROWS
    assert Decision.objects.filter(published_on__isnull=False).count() == ROWS // 4
    with capsys.disabled():
        print(f"\n10,000 decisions: refused in {refused:.1f} s, imported in {imported:.1f} s "
              f"({settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]})")  # fmt: skip

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=w.agency_haizhu)}")
    recorded = dict(Decision.objects.values_list("case_number", "pk"))
    started = time.perf_counter()
    for i in REPOSTED:
        response = client.post("/api/enforcement/decisions/",
                               as_payload(values[i], w.shijian_body.pk), format="json")  # fmt: skip
        assert response.status_code == 200, response.json()
        assert response.json()["id"] == recorded[values[i]["决定文书号"]]
    reposted = time.perf_counter() - started
    assert Decision.objects.count() == ROWS and DecisionOfficer.objects.count() == 2 * ROWS
    with capsys.disabled():
        print(f"{len(REPOSTED)} decisions re-posted by the API in {reposted:.1f} s")

    # The whole file again: every row a duplicate, nothing written or changed.
    result = import_decisions(xlsx(rows), actor=w.agency_haizhu)
    assert len(result.errors) + result.more_errors == ROWS and result.written == 0
    assert {e.column for e in result.errors} == {"决定文书号"}
    assert Decision.objects.count() == ROWS
