"""The case-file review's pages (案卷评查); the lead adds them to enforcement.urls:
`urlpatterns += review_urls.urlpatterns` (names in the "enforcement" namespace)."""

from django.urls import path

from enforcement import review_views as v

urlpatterns = [
    path("reviews/", v.campaign_list, name="review_campaign_list"),
    path("reviews/new/", v.campaign_create, name="review_campaign_create"),
    path("reviews/<int:pk>/", v.campaign_detail, name="review_campaign_detail"),
    path("reviews/<int:pk>/draw/", v.campaign_draw, name="review_campaign_draw"),
    path("reviews/files/<int:pk>/", v.file_detail, name="review_file"),
    path("reviews/files/<int:pk>/rectify/", v.rectification_notify,
         name="review_rectification_notify"),
    path("reviews/rectifications/<int:pk>/answer/", v.rectification_answer,
         name="review_rectification_answer"),
    path("reviews/rectifications/<int:pk>/verdict/", v.rectification_verdict,
         name="review_rectification_verdict"),
]  # fmt: skip
