from django.urls import path

from legality import import_views, views

app_name = "legality"

urlpatterns = [
    path("reviews/", views.LegalityReviewListView.as_view(), name="review_list"),
    path("reviews/new/", views.review_create, name="review_create"),
    path("reviews/<int:pk>/", views.LegalityReviewDetailView.as_view(), name="review_detail"),
    path("reviews/<int:pk>/materials/", views.materials_add, name="materials_add"),
    path("import/", import_views.import_reviews_view, name="review_import"),
    path("import/template.xlsx", import_views.import_template, name="review_import_template"),
    path("contracts/", views.ContractListView.as_view(), name="contract_list"),
    path("counsel/", views.CounselListView.as_view(), name="counsel_list"),
    path("counsel/new/", views.counsel_create, name="counsel_create"),
]
