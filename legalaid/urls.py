from django.urls import include, path

app_name = "legalaid"

# Each part of the line keeps its own URL module: staff pages (views), the public pages of
# the portal (online), evaluations and removals (quality), subsidies (subsidies).
urlpatterns = [
    path("", include("legalaid.urls_staff")),
    path("", include("legalaid.urls_online")),
    path("", include("legalaid.urls_quality")),
]
