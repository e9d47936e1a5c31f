from django.urls import path

from litigation import import_views, views

app_name = "litigation"

urlpatterns = [
    path("cases/", views.LitigationCaseListView.as_view(), name="case_list"),
    path("cases/new/", views.case_create, name="case_create"),
    path("cases/<int:pk>/", views.LitigationCaseDetailView.as_view(), name="case_detail"),
    path("import/", import_views.import_cases_view, name="case_import"),
    path("import/template.xlsx", import_views.import_template, name="case_import_template"),
]
