from django.urls import path

from legality import views

app_name = "legality"

urlpatterns = [
    path("reviews/", views.LegalityReviewListView.as_view(), name="review_list"),
    path("reviews/new/", views.review_create, name="review_create"),
    path("reviews/<int:pk>/", views.LegalityReviewDetailView.as_view(), name="review_detail"),
    path("reviews/<int:pk>/materials/", views.materials_add, name="materials_add"),
    path("contracts/", views.ContractListView.as_view(), name="contract_list"),
    path("counsel/", views.CounselListView.as_view(), name="counsel_list"),
    path("counsel/new/", views.counsel_create, name="counsel_create"),
]
