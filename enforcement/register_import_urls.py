"""The Excel imports of officers with their certificates and of discretion standards, added
to enforcement.urls: `urlpatterns += register_import_urls.urlpatterns` (names in the
"enforcement" namespace)."""

from django.urls import path

from enforcement import register_import_views as v

urlpatterns = [
    path("officers/import/", v.import_officers_view, name="officer_import"),
    path("officers/import/template/", v.officer_import_template, name="officer_import_template"),
    path("discretion/import/", v.import_standards_view, name="discretion_import"),
    path(
        "discretion/import/template/",
        v.standard_import_template,
        name="discretion_import_template",
    ),
]
