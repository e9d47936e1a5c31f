from django.urls import path

from reconsideration import import_views, online, publication_views, views

app_name = "reconsideration"

urlpatterns = [
    path("cases/", views.ReconsiderationCaseListView.as_view(), name="case_list"),
    path("cases/new/", views.case_create, name="case_create"),
    path("import/", import_views.import_cases_view, name="case_import"),
    path("import/template.xlsx", import_views.import_template, name="case_import_template"),
    path("cases/<int:pk>/", views.ReconsiderationCaseDetailView.as_view(), name="case_detail"),
    path("cases/<int:pk>/message/", online.message_applicant, name="case_message"),
    path(
        "cases/<int:pk>/publication/prepare/", publication_views.prepare, name="publication_prepare"
    ),
    path("cases/<int:pk>/publication/", publication_views.review, name="publication_review"),
    path("public/decisions/", publication_views.public_list, name="public_decisions"),
    path("public/decisions/<int:pk>/", publication_views.public_detail, name="public_decision"),
    path("online/apply/", online.apply, name="online_apply"),
    path("online/filed/", online.filed, name="online_filed"),
]
