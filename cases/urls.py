from django.urls import path

from cases import views

app_name = "cases"

urlpatterns = [
    path("deadline/", views.deadline_calculator, name="deadline"),
    path("worklist/", views.worklist, name="worklist"),
    path("notifications/", views.notifications, name="notifications"),
    path(
        "cases/<str:label>/<int:pk>/do/<str:name>/",
        views.transition,
        name="transition",
    ),
    path("cases/<str:label>/<int:pk>/assign/", views.assign, name="assign"),
]

try:  # attachments and documents are added by their own modules
    from cases import attachments_urls

    urlpatterns += attachments_urls.urlpatterns
except ImportError:  # pragma: no cover
    pass
try:
    from cases import documents_urls

    urlpatterns += documents_urls.urlpatterns
except ImportError:  # pragma: no cover
    pass
