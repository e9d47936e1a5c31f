from django.urls import path

from indicators import views

app_name = "indicators"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("figures/<str:key>/cases/", views.drilldown, name="drilldown"),
    path("export/<str:chart>.xlsx", views.export, name="export"),
]
