from django.urls import path

from mediation import views

app_name = "mediation"

urlpatterns = [
    path("disputes/", views.DisputeListView.as_view(), name="dispute_list"),
    path("disputes/new/", views.dispute_create, name="dispute_create"),
    path("disputes/<int:pk>/", views.DisputeDetailView.as_view(), name="dispute_detail"),
]
