from django.urls import path

from decisions import import_views, portal, views

app_name = "decisions"

urlpatterns = [
    path("", views.MajorDecisionListView.as_view(), name="decision_list"),
    path("new/", views.decision_create, name="decision_create"),
    path("import/", import_views.import_decisions_view, name="decision_import"),
    path("import/template.xlsx", import_views.import_template, name="decision_import_template"),
    path("<int:pk>/", views.MajorDecisionDetailView.as_view(), name="decision_detail"),
    path("<int:pk>/evidence/", views.evidence_create, name="evidence_add"),
    path("comments/<int:pk>/answer/", views.comment_answer, name="comment_answer"),
    path("catalogues/", views.CatalogueListView.as_view(), name="catalogue_list"),
    path("catalogues/new/", views.catalogue_create, name="catalogue_create"),
    path("catalogues/<int:pk>/", views.catalogue_detail, name="catalogue_detail"),
    path("catalogues/<int:pk>/publish/", views.catalogue_publish, name="catalogue_publish"),
    path("catalogues/<int:pk>/adjust/", views.catalogue_adjust, name="catalogue_adjust"),
    path("public/", portal.consultations, name="public_list"),
    path("public/<int:pk>/", portal.detail, name="public_detail"),
    path("public/catalogues/", portal.catalogues, name="public_catalogues"),
]
