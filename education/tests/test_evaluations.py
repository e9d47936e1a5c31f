"""The yearly evaluation of agencies (履职评议), without the portal vote: the agency files its
self-report, the bureau scores, grades and publishes; the published results are counted."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from conftest import frozen_today
from core.errors import InvalidInput, PermissionDenied
from education import services
from education.models import Evaluation
from indicators.registry import Period, registry

pytestmark = pytest.mark.django_db
D = datetime.date
FILED_ON = D(2025, 1, 10)
PUBLISHED_ON = D(2025, 3, 1)
REPORT = "建立普法责任制，开展以案释法12场。"


def _filed(actor, agency, year=2024, reported_on=FILED_ON):
    return services.evaluation_report(actor=actor, agency=agency, year=year, self_report=REPORT,
                                      reported_on=reported_on)  # fmt: skip


def _graded(w, evaluation, grade="excellent", published_on=PUBLISHED_ON):
    actor = w.clerk_haizhu if evaluation.region_code.startswith("440105") else w.clerk_baiyun
    services.evaluation_assess(actor=actor, evaluation=evaluation,
                               data={"expert_score": "92.5", "grade": grade})  # fmt: skip
    if published_on:
        services.evaluation_publish(actor=actor, evaluation=evaluation, published_on=published_on)
    return evaluation


def test_the_agency_reports_and_the_bureau_grades_and_publishes(edu, login):
    w = edu
    evaluation = _filed(w.agency_haizhu, w.haizhu_agency)
    # The agency's own handler may not grade itself.
    with pytest.raises(PermissionDenied):
        services.evaluation_assess(actor=w.agency_haizhu, evaluation=evaluation,
                                   data={"grade": "excellent"})  # fmt: skip
    assert login(w.agency_haizhu).get(
        f"/education/evaluations/{evaluation.pk}/assess/").status_code == 403  # fmt: skip
    _graded(w, evaluation)
    evaluation.refresh_from_db()
    assert (evaluation.expert_score, evaluation.grade) == (Decimal("92.50"), "excellent")
    assert evaluation.published and evaluation.published_on == D(2025, 3, 1)
    with pytest.raises(InvalidInput) as exc:
        services.evaluation_assess(actor=w.clerk_haizhu, evaluation=evaluation,
                                   data={"grade": "fail"})  # fmt: skip
    assert "grade" in exc.value.fields
    assert login(w.clerk_baiyun).get(f"/education/evaluations/{evaluation.pk}/").status_code == 404


@pytest.mark.parametrize(
    ("data", "field"),
    [({"expert_score": "101"}, "expert_score"), ({"expert_score": "9.123"}, "expert_score"),
     ({"grade": "perfect"}, "grade")],
)  # fmt: skip
def test_bad_scores_are_refused_naming_the_field(edu, data, field):
    w = edu
    evaluation = _filed(w.clerk_haizhu, w.chengguan)
    with pytest.raises(InvalidInput) as exc:
        services.evaluation_assess(actor=w.clerk_haizhu, evaluation=evaluation, data=data)
    assert list(exc.value.fields) == [field]
    if field != "grade":
        assert str(Evaluation._meta.get_field(field).verbose_name) in exc.value.fields[field][0]
    evaluation.refresh_from_db()
    assert evaluation.expert_score is None and evaluation.public_votes == 0


def test_a_result_without_a_grade_or_in_the_future_is_not_published(edu):
    w = edu
    evaluation = _filed(w.clerk_haizhu, w.chengguan)
    with pytest.raises(InvalidInput) as exc:
        services.evaluation_publish(actor=w.clerk_haizhu, evaluation=evaluation,
                                    published_on=D(2025, 3, 1))  # fmt: skip
    assert list(exc.value.fields) == ["grade"]
    _graded(w, evaluation, published_on=None)
    with pytest.raises(InvalidInput) as exc:
        services.evaluation_publish(actor=w.clerk_haizhu, evaluation=evaluation,
                                    published_on=frozen_today() + datetime.timedelta(days=1))  # fmt: skip
    assert list(exc.value.fields) == ["published_on"]
    evaluation.refresh_from_db()
    assert not evaluation.published


def test_one_evaluation_per_agency_and_year(edu):
    w = edu
    _filed(w.agency_haizhu, w.haizhu_agency)
    with pytest.raises(InvalidInput) as exc:
        _filed(w.clerk_haizhu, w.haizhu_agency)
    assert list(exc.value.fields) == ["year"]


def test_published_results_equal_hand_counts(edu):
    w = edu
    _graded(w, _filed(w.agency_haizhu, w.haizhu_agency), published_on=D(2025, 3, 1))
    _graded(w, _filed(w.clerk_haizhu, w.chengguan), grade="good", published_on=D(2025, 12, 31))
    _graded(
        w,
        _filed(w.clerk_haizhu, w.chengguan, year=2023, reported_on=D(2024, 1, 8)),
        published_on=D(2024, 2, 1),
    )
    _graded(w, _filed(w.clerk_haizhu, w.haizhu_agency, year=2023), published_on=None)  # graded only
    _graded(w, _filed(w.agency_baiyun, w.baiyun_agency), published_on=D(2025, 4, 1))
    indicator = registry.get("education.evaluations_published")
    assert indicator.compute("440105", Period.year(2025)).value == 2
    assert indicator.compute("4401", Period.year(2025)).value == 3
    assert indicator.compute("440105", Period.year(2024)).value == 1
    grades = indicator.breakdowns["grade"]("440105", Period.year(2025))
    assert sorted(grades.values()) == [1, 1]


def test_the_filing_page_writes_the_report(edu, login):
    w = edu
    response = login(w.agency_haizhu).post("/education/evaluations/new/", {
        "agency": w.haizhu_agency.pk, "year": "2024", "self_report": REPORT,
        "reported_on": "2025-01-10", "submission_key": ""})  # fmt: skip
    assert response.status_code == 302
    assert Evaluation.objects.get(agency=w.haizhu_agency, year=2024).self_report == REPORT


def test_the_self_report_is_changed_until_the_result_is_published(edu, login):
    """The agency's handler corrects its self-report after filing it, through its page; once
    the bureau has published the result the report is no longer changed (refused beside the
    field, nothing written)."""
    w = edu
    evaluation = _filed(w.agency_haizhu, w.haizhu_agency)
    client = login(w.agency_haizhu)
    url = f"/education/evaluations/{evaluation.pk}/edit/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"self_report": REPORT + "补充：开展宪法宣传周活动。",
                                 "reported_on": "2025-01-12"})  # fmt: skip
    assert response.status_code == 302
    evaluation.refresh_from_db()
    assert evaluation.self_report.endswith("补充：开展宪法宣传周活动。")
    assert evaluation.reported_on == D(2025, 1, 12)
    # Another district's bureau may not change it.
    with pytest.raises(PermissionDenied):
        services.evaluation_report_update(actor=w.clerk_baiyun, evaluation=evaluation,
                                          self_report="改写")  # fmt: skip
    _graded(w, evaluation)
    response = client.post(url, {"self_report": "改写", "reported_on": "2025-01-12"})
    assert response.status_code == 200
    assert "self_report" in response.context["form"].errors
    evaluation.refresh_from_db()
    assert evaluation.self_report.endswith("补充：开展宪法宣传周活动。")


def test_a_result_is_published_once_even_from_a_stale_copy(edu):
    """Two publications of one result (a double click, two clerks): the second, working on a
    copy loaded before the first, is refused and the first day stays."""
    w = edu
    evaluation = _graded(w, _filed(w.clerk_haizhu, w.chengguan), published_on=None)
    stale = Evaluation.objects.get(pk=evaluation.pk)
    services.evaluation_publish(actor=w.clerk_haizhu, evaluation=evaluation,
                                published_on=PUBLISHED_ON)  # fmt: skip
    with pytest.raises(InvalidInput) as exc:
        services.evaluation_publish(actor=w.clerk_haizhu, evaluation=stale,
                                    published_on=D(2025, 3, 2))  # fmt: skip
    assert list(exc.value.fields) == ["published_on"]
    evaluation.refresh_from_db()
    assert evaluation.published_on == PUBLISHED_ON
