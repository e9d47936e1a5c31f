"""Excel import of enforcement decisions (enforcement.importing): all rows or none, every
problem by row and Chinese column; no decision without two officers holding a valid
certificate on the decision day (行政处罚法 = CF Art. 42), none in the future, none twice — a
(body, case number) in the file twice or already recorded is refused and nothing updated —
and an agency's handler only for their own agency's bodies. A required legal review left
empty (CF Art. 58) is imported and flagged, not refused.

Test day Wed 2026-06-10 (the project's clock). Worked windows (2026: 劳动节 Fri 1 – Tue 5 May,
make-up working day Sat 9 May; 端午 Fri 19 June):
- penalty decided Mon 2026-03-02, 7 working days: Tue 3 … Fri 6 (4), Mon 9, Tue 10, Wed 11 →
  Wed 2026-03-11; published Tue 2026-03-10: on time;
- licence decided Wed 2026-04-29, 7 working days: Thu 30 April (1), [1–5 May holiday], Wed 6
  (2), Thu 7 (3), Fri 8 (4), Sat 9 (调休, 5), Mon 11 (6), Tue 12 (7) → Tue 2026-05-12;
  published Wed 2026-05-13: late;
- inspection decided Mon 2026-06-01, 20 working days: 2–5 June (4), 8–12 (9), 15–18 (13),
  [Fri 19 端午], 22–26 (18), Mon 29 (19), Tue 30 (20) → Tue 2026-06-30, not yet published.
"""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook

from core.errors import PermissionDenied
from core.models import Membership, User
from enforcement.choices import PowerKind
from enforcement.decision_choices import LegalReviewTrigger, PenaltyKind, WithdrawalGround
from enforcement.decision_models import Decision, DecisionOfficer
from enforcement.importing import (
    COLUMNS,
    GROUNDS,
    KINDS,
    PENALTIES,
    TRIGGERS,
    import_decisions,
    template,
)
from enforcement.tests.decision_world import build, report

D = datetime.date
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("june_2026")]
HEADERS = [c.header for c in COLUMNS]

PENALTY = {
    "执法主体": "海珠区市场监督管理局",
    "决定文书号": "穗海市监罚〔2026〕1号",
    "决定类别": "行政处罚",
    "权力事项编码": "P-330217001",
    "当事人类别": "法人或其他组织",
    "当事人名称": "广州市海珠区好味餐饮店",
    "当事人证件号码": "91440105MA59ABCD17",
    "决定日期": D(2026, 3, 2),
    "主要事实": "经营超过保质期的食品。",
    "法律依据": "《中华人民共和国食品安全法》第一百二十四条",
    "处罚种类": "警告、罚款",
    "罚款金额（元）": 5000,
    "决定内容": "警告，并处罚款5000元",
    "执法人员执法证号": "44010500001、44010500002",
    "全过程记录": "是",
    "法制审核情形": None,
    "法制审核日期": None,
    "是否公示": None,
    "不公示理由": None,
    "公示日期": D(2026, 3, 10),
    "变更撤销情形": None,
    "变更撤销日期": None,
    "撤回公示日期": None,
    "撤回理由": None,
}
LICENCE = {
    **PENALTY, "决定文书号": "穗海市监许〔2026〕8号", "决定类别": "行政许可",
    "权力事项编码": "L-001", "当事人类别": "自然人", "当事人名称": "张三丰",
    "当事人证件号码": None, "决定日期": D(2026, 4, 29), "主要事实": "申请食品经营许可。",
    "法律依据": "《中华人民共和国行政许可法》第三十八条", "处罚种类": None,
    "罚款金额（元）": None, "决定内容": "准予许可", "全过程记录": "否",
    "法制审核情形": "疑难复杂", "公示日期": D(2026, 5, 13),
}  # fmt: skip
INSPECTION = {
    **PENALTY, "决定文书号": "穗海市监检〔2026〕3号", "决定类别": "行政检查",
    "权力事项编码": None, "决定日期": D(2026, 6, 1), "处罚种类": None, "罚款金额（元）": None,
    "决定内容": "责令限期整改", "公示日期": None,
}  # fmt: skip


@pytest.fixture
def dw(ew, settings):
    return build(ew, settings)


def row(*parts: dict, **overrides) -> list:
    values = dict(PENALTY)
    for part in (*parts, overrides):
        values.update(part)
    return [values.get(h) for h in HEADERS]


def xlsx(rows, headers=HEADERS):
    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append(headers)
    for r in rows:
        ws.append(r)
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    return buffer


def errors(result):
    return [(e.row, e.column) for e in result.errors]


# -- the template ------------------------------------------------------------------------------


def test_the_template_has_every_column_and_instructions():
    wb = load_workbook(io.BytesIO(template()))
    assert [c.value for c in wb.worksheets[0][1]] == HEADERS
    assert wb.sheetnames == ["执法决定", "填写说明"]
    notes = {r[0]: r for r in wb["填写说明"].iter_rows(values_only=True) if r}
    assert notes["执法主体"][1] == "是" and notes["公示日期"][1] == "否"
    assert "第四十二条" in notes["执法人员执法证号"][2]
    assert "7 个工作日" in notes["公示期限"][2] and "20 个工作日" in notes["公示期限"][2]
    for validation in wb.worksheets[0].data_validations.dataValidation:
        assert len(validation.formula1) <= 255


def test_every_choice_has_a_chinese_value():
    assert set(KINDS.values()) == set(PowerKind.values)
    assert set(PENALTIES.values()) == set(PenaltyKind.values)
    assert set(TRIGGERS.values()) == set(LegalReviewTrigger.values)
    assert set(GROUNDS.values()) == set(WithdrawalGround.values)


def test_the_template_filled_in_comes_back_in(dw):
    wb = load_workbook(io.BytesIO(template()))
    wb.worksheets[0].append(row())
    buffer = io.BytesIO()
    wb.save(buffer)
    buffer.seek(0)
    result = import_decisions(buffer, actor=dw.agency_haizhu)
    assert result.ok, result.errors
    assert Decision.objects.get().case_number == "穗海市监罚〔2026〕1号"


# -- a good file -------------------------------------------------------------------------------


def test_a_valid_file_writes_every_decision_with_its_officers_and_windows(dw):
    w = dw
    result = import_decisions(xlsx([row(), row(LICENCE), row(INSPECTION)]),
                              actor=w.agency_haizhu)  # fmt: skip
    assert result.ok, result.errors
    assert (result.rows, result.written) == (3, 3)
    penalty = Decision.objects.get(case_number=PENALTY["决定文书号"])
    assert (penalty.kind, penalty.power, penalty.agency, penalty.region_code) == (
        "penalty",
        w.p_penalty,
        w.haizhu_agency,
        "440105000000",
    )
    assert (penalty.penalty_kinds, penalty.fine_amount) == (["warning", "fine"], Decimal("5000"))
    assert (penalty.publication_due, penalty.published_on_time) == (D(2026, 3, 11), True)
    assert penalty.source == "excel" and penalty.created_by == w.agency_haizhu
    handlers = DecisionOfficer.objects.filter(decision=penalty).order_by("officer__name")
    assert {(h.officer, h.certificate) for h in handlers} == {(w.zhang, w.c_zhang),
                                                              (w.li, w.c_li)}  # fmt: skip
    licence = Decision.objects.get(case_number=LICENCE["决定文书号"])
    assert (licence.publication_due, licence.published_on_time) == (D(2026, 5, 12), False)
    # A required legal review left empty is imported and shows as missing (CF Art. 58).
    assert licence.legal_review_required and licence.legal_review_missing
    assert not licence.recorded_full_process
    assert licence.party_kind == "person" and licence.party_id_number == ""
    inspection = Decision.objects.get(case_number=INSPECTION["决定文书号"])
    assert (inspection.publication_due, inspection.published_on) == (D(2026, 6, 30), None)
    assert inspection.penalty_kinds == [] and inspection.fine_amount is None


def test_a_withdrawal_in_the_file(dw):
    """Published Tue 10 March, revoked by a reconsideration decision on Thu 30 April: to be
    withdrawn within 3 working days (CF Art. 48 + 85): Wed 6, Thu 7, Fri 8 May → Fri 8 May;
    withdrawn Mon 11 May: late."""
    result = import_decisions(xlsx([row({"变更撤销情形": "撤销", "变更撤销日期": D(2026, 4, 30),
                                         "撤回公示日期": D(2026, 5, 11),
                                         "撤回理由": "经行政复议撤销"})]),
                              actor=dw.agency_haizhu)  # fmt: skip
    assert result.ok, result.errors
    d = Decision.objects.get()
    assert (d.withdrawal_ground, d.withdrawal_due, d.withdrawn_on_time) == (
        "revoked",
        D(2026, 5, 8),
        False,
    )


# -- bad rows ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "column", "words"),
    [
        ({"执法主体": None}, "执法主体", "REQUIRED"),
        ({"执法主体": "海珠区不存在的执法局"}, "执法主体", ""),
        ({"决定类别": "行政裁决"}, "决定类别", ""),
        ({"权力事项编码": "P-999"}, "权力事项编码", "P-999"),
        ({"权力事项编码": "L-001"}, "权力事项编码", "L-001"),  # a licence power for a penalty
        ({"当事人类别": "个体户"}, "当事人类别", ""),
        ({"当事人证件号码": "91440105MA59ABCD18"}, "当事人证件号码", ""),
        ({"当事人类别": "自然人", "当事人证件号码": "440105199001011235"}, "当事人证件号码", ""),
        ({"决定日期": D(2026, 6, 11)}, "决定日期", ""),  # the future
        ({"决定日期": "2026-13-01"}, "决定日期", ""),
        ({"主要事实": None}, "主要事实", "REQUIRED"),
        ({"处罚种类": None}, "处罚种类", ""),
        ({"处罚种类": "警告、罚没"}, "处罚种类", "罚没"),
        ({"罚款金额（元）": None}, "罚款金额（元）", ""),
        ({"罚款金额（元）": "五千"}, "罚款金额（元）", ""),
        ({"处罚种类": "警告"}, "罚款金额（元）", ""),  # an amount without the fine
        ({"执法人员执法证号": "44010500001"}, "执法人员执法证号", "第四十二条"),
        ({"执法人员执法证号": "44010500001、44010500001"}, "执法人员执法证号", ""),
        ({"执法人员执法证号": "44010500001、44019999999"}, "执法人员执法证号", "44019999999"),
        ({"执法人员执法证号": "44010500001、44010500003"}, "执法人员执法证号", "王芳"),  # suspended
        ({"执法人员执法证号": "44010500001、44010500004"}, "执法人员执法证号", "赵敏"),  # 城管's
        ({"全过程记录": None}, "全过程记录", "REQUIRED"),
        ({"法制审核情形": "重大公共利益", "法制审核日期": D(2026, 3, 3)}, "法制审核日期", ""),
        ({"是否公示": "否"}, "不公示理由", ""),
        ({"公示日期": D(2026, 3, 1)}, "公示日期", ""),  # before the decision
        ({"公示日期": None, "撤回公示日期": D(2026, 5, 11)}, "撤回公示日期", ""),
        ({"变更撤销情形": "撤销"}, "变更撤销日期", ""),
        ({"变更撤销情形": "撤销", "变更撤销日期": D(2026, 4, 30), "撤回公示日期": D(2026, 5, 4)},
         "撤回理由", ""),
    ],
)  # fmt: skip
def test_a_bad_row_is_named_by_its_column_and_nothing_is_written(dw, changes, column, words):
    result = import_decisions(xlsx([row(INSPECTION), row(changes)]), actor=dw.agency_haizhu)
    assert not result.ok
    assert (3, column) in errors(result), result.errors
    reason = next(e.reason for e in result.errors if (e.row, e.column) == (3, column))
    if words == "REQUIRED":
        words = str(_("Required."))
    assert reason and words in reason
    assert not any(e.row == 2 for e in result.errors)
    assert Decision.objects.count() == 0 and DecisionOfficer.objects.count() == 0


def test_a_row_lists_every_column_to_correct_at_once(dw):
    result = import_decisions(xlsx([row({"决定类别": "行政裁决", "执法人员执法证号": "44010500001",
                                         "全过程记录": "也许"})]), actor=dw.agency_haizhu)  # fmt: skip
    assert set(errors(result)) == {(2, "决定类别"), (2, "执法人员执法证号"), (2, "全过程记录")}


def test_the_same_case_number_twice_in_the_file_is_refused(dw):
    result = import_decisions(xlsx([row(), row(INSPECTION), row()]), actor=dw.agency_haizhu)
    assert errors(result) == [(4, "决定文书号")]
    assert "2" in result.errors[0].reason
    assert Decision.objects.count() == 0


def test_a_decision_already_reported_is_refused_and_not_updated(dw):
    w = dw
    first, _created = report(w, result="警告")  # by the API or the page, earlier
    result = import_decisions(xlsx([row(INSPECTION), row({"决定内容": "改过的内容"})]),
                              actor=w.agency_haizhu)  # fmt: skip
    assert errors(result) == [(3, "决定文书号")]
    assert "2026-06-10" in result.errors[0].reason
    first.refresh_from_db()
    assert Decision.objects.count() == 1 and first.result == "警告"


def test_the_same_case_number_of_another_body_is_another_decision(dw):
    w = dw
    result = import_decisions(xlsx([row(), row({"执法主体": "海珠区城市管理和综合执法局",
                                                "权力事项编码": None,
                                                "执法人员执法证号": "44010500004、44010500005"})]),
                              actor=w.clerk_haizhu)  # fmt: skip
    # 44010500005 is no certificate: the second row fails on its officers, not its number.
    assert errors(result) == [(3, "执法人员执法证号")]


# -- who may import what ---------------------------------------------------------------------


def test_an_agency_imports_only_its_own_bodies_decisions(dw):
    w = dw
    result = import_decisions(xlsx([row()]), actor=w.agency_chengguan)
    assert errors(result) == [(2, "执法主体")]
    assert "海珠区市场监督管理局" in result.errors[0].reason
    result = import_decisions(xlsx([row()]), actor=w.clerk_baiyun)  # another district
    assert errors(result) == [(2, "执法主体")]
    assert Decision.objects.count() == 0


def test_section_staff_import_for_the_bodies_of_their_jurisdiction(dw):
    result = import_decisions(xlsx([row()]), actor=dw.clerk_haizhu)
    assert result.ok, result.errors
    assert Decision.objects.get().created_by == dw.clerk_haizhu


def test_a_leader_may_not_import(dw):
    with pytest.raises(PermissionDenied):
        import_decisions(xlsx([row()]), actor=dw.leader_gz)


def test_a_missing_column_refuses_the_file(dw):
    headers = [h for h in HEADERS if h != "执法人员执法证号"]
    result = import_decisions(xlsx([row()[:-1]], headers=headers), actor=dw.agency_haizhu)
    assert errors(result) == [(1, "执法人员执法证号")]


# -- the shell and the page ----------------------------------------------------------------------


def test_the_command_checks_and_imports(dw, tmp_path, capsys):
    path = tmp_path / "decisions.xlsx"
    path.write_bytes(xlsx([row(), row(LICENCE)]).getvalue())
    call_command("import_enforcement_decisions", str(path), "--user", "agency_haizhu", "--check")
    assert Decision.objects.count() == 0
    call_command("import_enforcement_decisions", str(path), "--user", "agency_haizhu")
    assert Decision.objects.count() == 2
    with pytest.raises(CommandError):  # again: both rows are duplicates now
        call_command("import_enforcement_decisions", str(path), "--user", "agency_haizhu")
    assert "决定文书号" in capsys.readouterr().err
    assert Decision.objects.count() == 2


def test_the_upload_page(dw, client):
    w = dw
    client.force_login(w.agency_haizhu)
    assert client.get("/enforcement/decisions/import/").status_code == 200
    template_response = client.get("/enforcement/decisions/import/template/")
    assert template_response.status_code == 200
    bad = SimpleUploadedFile("d.xlsx", xlsx([row({"执法人员执法证号": "44010500001"})]).getvalue())
    response = client.post("/enforcement/decisions/import/", {"file": bad})
    assert response.status_code == 200 and Decision.objects.count() == 0
    assert "执法人员执法证号" in response.content.decode()
    good = SimpleUploadedFile("d.xlsx", xlsx([row()]).getvalue())
    response = client.post("/enforcement/decisions/import/", {"file": good})
    assert response.status_code == 302 and response.url == "/enforcement/decisions/"
    assert Decision.objects.count() == 1


def test_a_leader_gets_no_upload_page(dw, client):
    client.force_login(dw.leader_gz)
    assert client.get("/enforcement/decisions/import/").status_code == 403
    user = User.objects.create_user("clerk_gz2", password="Testing2026pass")
    Membership.objects.create(user=user, organization=dw.city_bureau, role="section_staff")
    client.force_login(user)
    assert client.get("/enforcement/decisions/import/").status_code == 200
