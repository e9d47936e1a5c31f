"""The enforcement line's document downloads; the lead adds them to enforcement.urls:
`urlpatterns += document_urls.urlpatterns` (names in the "enforcement" namespace).

Importing this module also registers the line's kinds of document (enforcement.documents) with
cases.documents; enforcement.apps.EnforcementConfig.ready should import `documents` too, so
that the registration never depends on the URL configuration being loaded."""

from django.urls import path

from enforcement import document_views as v
from enforcement import documents  # noqa: F401  (registers the dispatch letter and the opinion)

urlpatterns = [
    path("reviews/files/<int:pk>/notice/<str:fmt>/", v.rectification_notice,
         name="review_rectification_notice"),
]  # fmt: skip
