from django.urls import path

from mediation import online, views

app_name = "mediation"

urlpatterns = [
    path("disputes/", views.DisputeListView.as_view(), name="dispute_list"),
    path("disputes/new/", views.dispute_create, name="dispute_create"),
    path("disputes/<int:pk>/", views.DisputeDetailView.as_view(), name="dispute_detail"),
    path("disputes/<int:pk>/rerouted/", views.dispute_rerouted, name="dispute_rerouted"),
    path("disputes/<int:pk>/message/", online.message_applicant, name="dispute_message"),
    path("committees/", views.CommitteeListView.as_view(), name="committee_list"),
    path("mediators/", views.MediatorListView.as_view(), name="mediator_list"),
    path("screenings/", views.ScreeningListView.as_view(), name="screening_list"),
    path("screenings/new/", views.screening_create, name="screening_create"),
    path("import/", views.import_disputes_view, name="dispute_import"),
    path("import/template.xlsx", views.import_template, name="dispute_import_template"),
    path("online/apply/", online.apply, name="online_apply"),
    path("online/filed/", online.filed, name="online_filed"),
]
