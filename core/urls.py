from django.urls import path

from core import views

app_name = "core"

urlpatterns = [
    path("parties/", views.PartyListView.as_view(), name="party_list"),
    path("parties/new/", views.party_create_view, name="party_create"),
    path("parties/<int:pk>/", views.PartyDetailView.as_view(), name="party_detail"),
    path("parties/<int:pk>/edit/", views.party_update_view, name="party_update"),
    path("parties/<int:pk>/delete/", views.party_delete_view, name="party_delete"),
    path("parties/<int:pk>/history/", views.party_history, name="party_history"),
    path("parties/<int:pk>/reveal/<str:field>/", views.party_reveal_view, name="party_reveal"),
    path("organizations/", views.OrganizationListView.as_view(), name="organization_list"),
    path(
        "organizations/<int:pk>/",
        views.OrganizationDetailView.as_view(),
        name="organization_detail",
    ),
    path(
        "organizations/<int:pk>/history/",
        views.organization_history,
        name="organization_history",
    ),
    path("regions/", views.RegionListView.as_view(), name="region_list"),
]
