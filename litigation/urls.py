from django.urls import path

from litigation import views

app_name = "litigation"

urlpatterns = [
    path("cases/", views.LitigationCaseListView.as_view(), name="case_list"),
    path("cases/new/", views.case_create, name="case_create"),
    path("cases/<int:pk>/", views.LitigationCaseDetailView.as_view(), name="case_detail"),
]
