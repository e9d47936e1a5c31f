from django.urls import path

from cases import views

app_name = "cases"

urlpatterns = [
    path("deadline/", views.deadline_calculator, name="deadline"),
]
