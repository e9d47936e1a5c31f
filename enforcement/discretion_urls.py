"""The discretion standards' pages (裁量基准, 免罚轻罚清单), added to enforcement.urls:
`urlpatterns += discretion_urls.urlpatterns` (names in the "enforcement" namespace)."""

from django.urls import path

from enforcement import discretion_views as v

urlpatterns = [
    path("discretion/", v.standard_list, name="discretion_list"),
    path("discretion/new/", v.standard_create, name="discretion_create"),
    path("discretion/<int:pk>/", v.standard_detail, name="discretion_detail"),
    path("discretion/<int:pk>/publish/", v.standard_publish, name="discretion_publish"),
    path("public/discretion/", v.public_list, name="public_discretion"),
    path("public/discretion/<int:pk>/", v.public_detail, name="public_discretion_detail"),
]
