"""The public pages of legal aid on the portal (no login) and the staff's reply to an online
applicant (legalaid.online)."""

from django.urls import path

from legalaid import online

urlpatterns = [
    path("online/apply/", online.apply, name="online_apply"),
    path("online/filed/", online.filed, name="online_filed"),
    path("public/draws/", online.public_draws, name="public_draws"),
    path("public/draws/<str:code>/", online.public_draw, name="public_draw"),
    path("cases/<int:pk>/message/", online.message_applicant, name="case_message"),
]
