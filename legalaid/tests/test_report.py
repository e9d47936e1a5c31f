"""Legal aid's section of the annual report: the figures of `aid_history` (test_indicators)
woven into the paragraph as the samples write them (白云 2019: 受理法律援助案件3037件, 免费法律
咨询9059人次, 挽回经济损失1512.8万元, 审查办结时限压缩到1个工作日; 罗湖 2020: 组织评估专家208人次
开展70场法律援助案件庭审评估，淘汰排名靠后的10名办案律师). A measure the sentence claims (摇珠, 告知
承诺, 质量评估, 淘汰, the review time) is written only when the period's data hold it, with its
number: each has a test with and one without."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils.translation import pgettext

from indicators.registry import registry
from legalaid.choices import AssignmentMethod, Hardship
from legalaid.models import AidCase, Criterion, Draw, Evaluation, Removal
from legalaid.tests.test_indicators import D, _at, aid_history  # noqa: F401  (fixture)
from reports import figures, render
from reports.services import report_create, report_freeze

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(aid_history):  # noqa: F811
    w = aid_history
    return report_create(actor=w.clerk_haizhu, region=w.haizhu, year=2025)


def _text(report) -> str:
    return "\n".join(text for _kind, text in render.paragraphs(report))


def test_the_section_follows_mediation_in_the_first_part(report):
    headings = [s.heading for s in report.sections.all() if s.level == 2]
    assert "（二）法律援助惠民工程提质增效" in headings
    assert headings.index("（二）法律援助惠民工程提质增效") == 1  # after mediation (order 10)
    body = report.sections.get(key="measures.legalaid").body
    assert {f"legalaid.{k}" for k in ("applications", "granted", "grant_rate", "review_days_mean",
            "review_within_target_rate", "cases_closed", "recovered_losses", "consultations",
            "lawyers_removed", "subsidies_paid", "commitment_applications")} == (
        figures.keys_in(body))  # fmt: skip
    assert figures.unknown_keys(body) == []


def test_the_paragraph_prints_the_worked_figures_as_the_samples_do(report):
    text = _text(report)
    person_times = str(registry.get("legalaid.consultations").unit)
    # 海珠 2025 against 2024: 5 applications against 2 → 同比增长150%; 4 of 5 granted (80%)
    # against 1 of 1 (100%) → 下降20个百分点; 8 review days over 5 decisions → 1.6 working
    # days; 2 of 5 within the one-day target → 40%; 15000.50元 → 1.5万元; subsidies 1500 +
    # 2000.50 = 3500.5元.
    assert "全年共收到法律援助申请5件，同比增长150%；" in text
    assert "给予法律援助4件，给予率80%，同比下降20个百分点；" in text
    assert "法律援助申请审查办结时限压缩到1个工作日。" in text
    days = registry.get("legalaid.review_days_mean").unit  # 个工作日 (its own msgid, below)
    assert f"法律援助申请平均审查用时1.6{days}，在1个工作日内审查办结的占40%。" in text
    assert "办结法律援助案件2件，为受援人挽回经济损失1.5万元；" in text
    assert f"提供免费法律咨询3{person_times}。" in text
    assert "淘汰排名靠后的1名办案律师。发放办案补贴3500.5元。" in text
    assert "{{" not in text and "15,000" not in text and "【未知指标】" not in text
    section = figures.render_text(_body(report), render.values_for(report))
    assert "收到法律援助申请5件" in section
    assert "受理" not in section  # every application received is counted, withdrawn ones too


def test_a_mean_in_days_changes_by_a_percentage_not_by_points(report):
    values = render.values_for(report)
    # 1.6 working days in 2025 against 1 in 2024 (C0): 同比增长60%.
    shown = figures.render_text("用时{{legalaid.review_days_mean|同比}}", values)
    assert "60%" in shown and "百分点" not in shown
    rate = figures.render_text("{{legalaid.review_within_target_rate|同比}}", values)
    assert "百分点" in rate  # 40% against 100% (C0 within the target): a rate, in points


def test_freezing_keeps_the_legal_aid_figures(aid_history, report):  # noqa: F811
    frozen = report_freeze(actor=aid_history.leader_gz, report=report, confirm_placeholders=True)
    stored = {f.key: f for f in frozen.figures.filter(revision=frozen.revision)}
    assert Decimal(stored["legalaid.recovered_losses"].value) == Decimal("15000.50")
    assert Decimal(stored["legalaid.review_days_mean"].numerator) == 8
    assert Decimal(stored["legalaid.review_days_mean"].denominator) == 5
    assert figures.differences(frozen) == []


def _create(w):
    return report_create(actor=w.clerk_haizhu, region=w.haizhu, year=2025)


def _body(report) -> str:
    return report.sections.get(key="measures.legalaid").body


def _draw(case, drawn_at, *, method=AssignmentMethod.LOTTERY, state=Draw.State.DRAWN):
    centre = case.organization
    return Draw.objects.create(
        case=case, public_code=f"YZ-{case.pk}-{Draw.objects.count() + 1}",
        announcement="劳动报酬纠纷一件", matter=case.matter, category=case.category,
        announced_at=drawn_at - datetime.timedelta(days=1), closes_at=drawn_at,
        commitment="0" * 64, state=state, method=method if state == Draw.State.DRAWN else "",
        drawn_at=drawn_at if state == Draw.State.DRAWN else None, organization=centre,
        region_code=centre.region_id,
    )  # fmt: skip


def _evaluate(w, lawyer, kind, day, *, case=None, evaluator="专家", centre=None):
    centre = centre or w.haizhu_centre
    return Evaluation.objects.create(
        lawyer=lawyer, case=case, kind=kind, evaluated_on=day, scores={}, score=Decimal("80"),
        evaluator=evaluator, centre=centre, region_code=centre.region_id,
    )  # fmt: skip


def test_the_review_time_reads_in_working_days_of_legal_aid(report):
    # Its own msgid: cases' "working days" (a deadline's unit, 工作日) reads differently from
    # the samples' "1 个工作日".
    unit = registry.get("legalaid.review_days_mean").unit
    assert str(unit) == pgettext("legal aid", "working days")
    assert f"平均审查用时1.6{unit}，" in _text(report)


def test_no_draw_and_no_evaluation_in_the_period_no_word_of_them(report):
    text = _text(report)
    assert "摇珠" not in text and "群发邀约" not in text
    assert "质量评估" not in text and "评估专家" not in text and "案卷" not in text


def test_the_lottery_draws_of_the_period_are_counted_and_claimed(aid_history):  # noqa: F811
    w = aid_history
    baiyun_case = AidCase.objects.filter(region_code__startswith="440111").first()
    _draw(w.a1, _at(D(2025, 3, 6), 10))
    _draw(w.a2, _at(D(2025, 4, 11), 10))
    _draw(w.a1, _at(D(2025, 3, 5), 10), method=AssignmentMethod.ROTATION)  # nobody opted in
    _draw(w.c0, _at(D(2024, 12, 31), 23))  # 2024 in China's time (15:00 UTC)
    _draw(w.a2, _at(D(2025, 4, 10), 10), state=Draw.State.CANCELLED)
    _draw(baiyun_case, _at(D(2025, 3, 12), 10))  # another district
    report = _create(w)
    text = _text(report)
    assert ("深入实施法律援助惠民工程，推进“公告+群发邀约+摇珠”指派法律援助人员新模式，"
            "全年通过摇珠指派法律援助人员2件；") in text  # fmt: skip
    assert "legalaid.lottery_draws" in figures.keys_in(_body(report))


def test_the_counted_measures_refresh_in_a_draft_and_freeze_with_the_report(aid_history):  # noqa: F811
    w = aid_history
    _draw(w.a1, _at(D(2025, 3, 6), 10))
    _evaluate(w, w.lawyer_a1, Criterion.Kind.HEARING, D(2025, 4, 1), case=w.a1)
    report = _create(w)
    assert "通过摇珠指派法律援助人员1件" in _text(report)
    _draw(w.a2, _at(D(2025, 4, 11), 10))  # after the draft was written: the draft follows
    _evaluate(w, w.lawyer_a1, Criterion.Kind.HEARING, D(2025, 4, 1), case=w.a1, evaluator="乙")
    assert "通过摇珠指派法律援助人员2件" in _text(report)
    assert "组织评估专家2人次开展" in _text(report)
    frozen = report_freeze(actor=w.leader_gz, report=report, confirm_placeholders=True)
    stored = {f.key: f for f in frozen.figures.filter(revision=frozen.revision)}
    assert Decimal(stored["legalaid.lottery_draws"].value) == 2
    assert Decimal(stored["legalaid.commitment_applications"].value) == 5
    assert Decimal(stored["legalaid.hearing_evaluations"].value) == 2
    _draw(w.a1, _at(D(2025, 5, 6), 10))  # after freezing: the report keeps its figure
    assert "通过摇珠指派法律援助人员2件" in _text(frozen)
    assert [d["key"] for d in figures.differences(frozen)] == ["legalaid.lottery_draws"]


def test_applications_on_a_personal_commitment_are_counted_and_claimed(aid_history):  # noqa: F811
    w = aid_history
    # 海珠's five 2025 applications were made on a commitment (the factory's default); one is
    # on proof instead, and 白云's and 2024's do not count.
    AidCase.objects.filter(pk=w.a2.pk).update(hardship=Hardship.PROOF)
    report = _create(w)
    text = _text(report)
    assert ("深入实施法律援助惠民工程，落实法律援助证明事项告知承诺制，"
            "全年以个人诚信承诺代替经济困难证明的申请4件；") in text  # fmt: skip
    assert "legalaid.commitment_applications" in figures.keys_in(_body(report))


def test_without_an_application_on_commitment_the_commitment_is_not_claimed(aid_history):  # noqa: F811
    AidCase.objects.update(hardship=Hardship.PROOF)
    report = _create(aid_history)
    text = _text(report)
    assert "告知承诺" not in text and "诚信承诺" not in text
    assert "legalaid.commitment_applications" not in figures.keys_in(_body(report))
    assert "深入实施法律援助惠民工程，法律援助申请审查办结时限压缩到1个工作日。" in text


def test_the_quality_evaluations_of_the_period_are_counted_as_the_samples_do(aid_history):  # noqa: F811
    w = aid_history
    hearing, file = Criterion.Kind.HEARING, Criterion.Kind.FILE
    # Hearings: A1's on 1 April scored by three experts, A2's on 1 May by one, and 林律师's
    # hearing of 1 June (no case recorded) by two: 6 人次 (the 3 hearings, 场, are no indicator
    # and not printed). One case file scored.
    for expert in ("甲", "乙", "丙"):
        _evaluate(w, w.lawyer_a1, hearing, D(2025, 4, 1), case=w.a1, evaluator=expert)
    _evaluate(w, w.lawyer_b1, hearing, D(2025, 5, 1), case=w.a2)
    for expert in ("甲", "乙"):
        _evaluate(w, w.lawyer_a2, hearing, D(2025, 6, 1), evaluator=expert)
    _evaluate(w, w.lawyer_a1, file, D(2025, 6, 5), case=w.a1)
    _evaluate(w, w.lawyer_a1, hearing, D(2024, 12, 31), case=w.c0)  # the year before
    _evaluate(w, w.lawyer_b1, hearing, D(2025, 3, 20), centre=w.baiyun_centre)  # elsewhere
    report = _create(w)
    text = _text(report)
    times = registry.get("legalaid.file_evaluations").unit  # 件次 (a new msgid)
    assert ("开展法律援助案件质量评估，全年组织评估专家6人次开展法律援助案件庭审评估，"
            f"评查法律援助案卷1{times}，淘汰排名靠后的1名办案律师。") in text  # fmt: skip
    assert {"legalaid.hearing_evaluations", "legalaid.file_evaluations"} <= figures.keys_in(
        _body(report)
    )


def test_hearings_only_and_no_removal_no_file_review_and_no_removal_claimed(aid_history):  # noqa: F811
    w = aid_history
    _evaluate(w, w.lawyer_b1, Criterion.Kind.HEARING, D(2025, 5, 1), case=w.a2)
    Removal.objects.update(effective_on=D(2024, 12, 31))  # took effect the year before
    report = _create(w)
    text = _text(report)
    assert ("开展法律援助案件质量评估，全年组织评估专家1人次开展法律援助案件庭审评估。"
            "发放办案补贴") in text  # fmt: skip
    assert "淘汰" not in text and "案卷" not in text
    keys = figures.keys_in(_body(report))
    assert "legalaid.lawyers_removed" not in keys and "legalaid.file_evaluations" not in keys


def test_without_a_removal_in_the_period_nobody_is_said_to_be_removed(aid_history):  # noqa: F811
    Removal.objects.update(effective_on=D(2024, 12, 31))
    text = _text(_create(aid_history))
    assert "淘汰" not in text and "质量评估" not in text
    assert f"提供免费法律咨询3{registry.get('legalaid.consultations').unit}。发放办案补贴" in text


def test_without_a_reviewed_decision_no_review_time_is_stated(aid_history):  # noqa: F811
    # Decisions imported without a measured review time are left out of the review figures.
    AidCase.objects.update(review_days=None, review_within_target=None)
    report = _create(aid_history)
    text = _text(report)
    assert "平均审查用时" not in text and "审查办结的占" not in text
    assert "法律援助申请审查办结时限压缩到1个工作日。" in text  # the target itself stands
    assert "给予率80%，同比下降20个百分点。办结法律援助案件" in text
    assert not {"legalaid.review_days_mean", "legalaid.review_within_target_rate"} & (
        figures.keys_in(_body(report))
    )


def test_the_review_target_is_the_local_setting(aid_history, settings):  # noqa: F811
    settings.FAZHI_LEGALAID_TARGET_WORKING_DAYS = 2
    text = _text(_create(aid_history))
    assert "法律援助申请审查办结时限压缩到2个工作日。" in text
    assert "，在2个工作日内审查办结的占" in text and "1个工作日" not in text


def test_a_target_no_shorter_than_the_statutory_period_is_not_compressed(aid_history, settings):  # noqa: F811
    settings.FAZHI_LEGALAID_TARGET_WORKING_DAYS = settings.FAZHI_LEGALAID_REVIEW_DAYS = 7
    text = _text(_create(aid_history))
    assert "法律援助申请审查办结时限为7个工作日。" in text and "压缩" not in text
