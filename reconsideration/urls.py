from django.urls import path

from reconsideration import views

app_name = "reconsideration"

urlpatterns = [
    path("cases/", views.ReconsiderationCaseListView.as_view(), name="case_list"),
    path("cases/<int:pk>/", views.ReconsiderationCaseDetailView.as_view(), name="case_detail"),
]
