from django.urls import path

from portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("large-text/", views.large_text, name="large_text"),
    path("deadline/", views.deadline, name="deadline"),
    path("track/", views.track, name="track"),
    path("track/verify/", views.verify, name="verify"),
    path("track/<str:code>/", views.case, name="case"),
]
