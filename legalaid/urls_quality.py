"""The quality loop (evaluations, ranking, removals) and the subsidies of legal aid."""

from django.urls import path, re_path

from legalaid import quality, subsidies

MONTH = r"(?P<month>\d{4}-\d{2})"

urlpatterns = [
    path("quality/rubric/", quality.rubric_view, name="quality_rubric"),
    path("quality/evaluate/", quality.evaluate_view, name="quality_evaluate"),
    path("quality/evaluations/", quality.evaluations_view, name="quality_evaluations"),
    path("quality/ranking/", quality.ranking_view, name="quality_ranking"),
    path("quality/removals/<int:pk>/", quality.removal_view, name="quality_removal"),
    path("subsidies/rates/", subsidies.rates_view, name="subsidy_rates"),
    path("subsidies/", subsidies.list_view, name="subsidy_list"),
    re_path(rf"^subsidies/{MONTH}/$", subsidies.list_view, name="subsidy_list"),
    re_path(rf"^subsidies/{MONTH}/export\.xlsx$", subsidies.export_view, name="subsidy_export"),
    re_path(rf"^subsidies/{MONTH}/paid/$", subsidies.mark_paid_view, name="subsidy_mark_paid"),
    path("subsidies/cases/<int:pk>/compute/", subsidies.compute_view, name="subsidy_compute"),
]
