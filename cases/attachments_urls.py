from django.urls import path

from cases.attachments_views import attachment_download, attachment_upload

urlpatterns = [
    path(
        "cases/<str:label>/<int:pk>/attachments/",
        attachment_upload,
        name="attachment_upload",
    ),
    path("attachments/<int:pk>/download/", attachment_download, name="attachment_download"),
]
