from django.urls import path

from education import document_views, import_views, portal, views

app_name = "education"

urlpatterns = [
    path("activities/", views.ActivityListView.as_view(), name="activity_list"),
    path("activities/new/", views.activity_create, name="activity_create"),
    path("activities/<int:pk>/", views.activity_detail, name="activity_detail"),
    path("activities/<int:pk>/edit/", views.activity_edit, name="activity_edit"),
    path("lists/", views.list_overview, name="list_overview"),
    path("lists/new/", views.list_create, name="list_create"),
    path("lists/<int:pk>/", views.list_detail, name="list_detail"),
    path("lists/<int:pk>/edit/", views.list_edit, name="list_edit"),
    path("lists/<int:pk>/publish/", views.list_publish, name="list_publish"),
    path(
        "lists/<int:pk>/document.<str:fmt>",
        document_views.responsibility_list,
        name="list_document",
    ),
    path("villages/", views.VillageListView.as_view(), name="village_list"),
    path("villages/new/", views.village_create, name="village_create"),
    path("villages/<int:pk>/edit/", views.village_edit, name="village_edit"),
    path("evaluations/", views.EvaluationListView.as_view(), name="evaluation_list"),
    path("evaluations/new/", views.evaluation_create, name="evaluation_create"),
    path("evaluations/<int:pk>/", views.evaluation_detail, name="evaluation_detail"),
    path("evaluations/<int:pk>/edit/", views.evaluation_edit, name="evaluation_edit"),
    path("evaluations/<int:pk>/assess/", views.evaluation_assess, name="evaluation_assess"),
    path("evaluations/<int:pk>/publish/", views.evaluation_publish, name="evaluation_publish"),
    path(
        "evaluations/<int:pk>/notice.<str:fmt>",
        document_views.evaluation_notice,
        name="evaluation_notice",
    ),
    path("public/vote/", portal.index, name="public_vote_index"),
    path("public/vote/<int:year>/<str:district>/", portal.vote, name="public_vote"),
    path("plan/", views.plan_report, name="plan_report"),
    path("plan/<str:key>/", views.plan_report, name="plan_report_of"),
]

# The Excel import of past activities (education.importing).
urlpatterns += [
    path("activities/import/", import_views.import_activities_view, name="activity_import"),
    path(
        "activities/import/template/",
        import_views.activity_import_template,
        name="activity_import_template",
    ),
]
