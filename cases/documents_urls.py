from django.urls import path

from cases.documents_views import document_create, document_download

urlpatterns = [
    path("cases/<str:label>/<int:pk>/documents/", document_create, name="document_create"),
    path("documents/<int:pk>/<str:fmt>/", document_download, name="document_download"),
]
