"""The staff pages of legal aid (legalaid.views), included by legalaid/urls.py."""

from django.urls import path

from legalaid import import_views, views

urlpatterns = [
    path("cases/", views.AidCaseListView.as_view(), name="case_list"),
    path("cases/new/", views.case_create, name="case_create"),
    path("cases/<int:pk>/", views.AidCaseDetailView.as_view(), name="case_detail"),
    path("consultations/", views.ConsultationListView.as_view(), name="consultation_list"),
    path("consultations/new/", views.consultation_create, name="consultation_create"),
    path("pool/", views.PoolMemberListView.as_view(), name="pool_list"),
    path("pool/new/", views.pool_add, name="pool_add"),
    path("exemptions/", views.ExemptionListView.as_view(), name="exemption_list"),
    path("exemptions/new/", views.exemption_create, name="exemption_create"),
    path("my/", views.my_draws, name="my_draws"),
    path("draws/<int:pk>/opt-in/", views.draw_opt_in, name="draw_opt_in"),
    path("import/", import_views.import_aid_cases_view, name="case_import"),
    path("import/template.xlsx", import_views.import_template, name="case_import_template"),
]
