from django.urls import path

from cases import attachments_urls, calendar_views, documents_urls, views

app_name = "cases"

urlpatterns = [
    path("deadline/", views.deadline_calculator, name="deadline"),
    path("worklist/", views.worklist, name="worklist"),
    path("calendar/", calendar_views.calendar_years, name="calendar"),
    path("calendar/enter/", calendar_views.calendar_enter, name="calendar_enter"),
    path("notifications/", views.notifications, name="notifications"),
    path(
        "cases/<str:label>/<int:pk>/do/<str:name>/",
        views.transition,
        name="transition",
    ),
    path("cases/<str:label>/<int:pk>/assign/", views.assign, name="assign"),
]

# Attachments and documents keep their routes next to their views.
urlpatterns += attachments_urls.urlpatterns + documents_urls.urlpatterns
