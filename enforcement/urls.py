from django.urls import path

from enforcement import (
    complaint_portal,
    complaint_views,
    decision_public,
    decision_views,
    discretion_urls,
    document_urls,
    import_views,
    public,
    register_import_urls,
    review_urls,
    views,
)

app_name = "enforcement"

urlpatterns = [
    path("bodies/", views.BodyListView.as_view(), name="body_list"),
    path("bodies/new/", views.body_create, name="body_create"),
    path("bodies/<int:pk>/", views.body_detail, name="body_detail"),
    path("bodies/<int:pk>/edit/", views.body_edit, name="body_edit"),
    path("bodies/<int:pk>/powers/new/", views.power_create, name="power_create"),
    path("bodies/<int:pk>/transfer/", views.transfer_create, name="transfer_create"),
    path("powers/<int:pk>/end/", views.power_end, name="power_end"),
    path("transfers/", views.TransferListView.as_view(), name="transfer_list"),
    path("transfers/<int:pk>/", views.transfer_detail, name="transfer_detail"),
    path("officers/", views.OfficerListView.as_view(), name="officer_list"),
    path("officers/new/", views.officer_create, name="officer_create"),
    path("officers/<int:pk>/", views.officer_detail, name="officer_detail"),
    path("officers/<int:pk>/edit/", views.officer_edit, name="officer_edit"),
    path("officers/<int:pk>/trainings/new/", views.training_create, name="training_create"),
    path("officers/<int:pk>/certificate/", views.certificate_issue, name="certificate_issue"),
    path("exams/", views.SittingListView.as_view(), name="sitting_list"),
    path("exams/new/", views.sitting_create, name="sitting_create"),
    path("exams/<int:pk>/", views.sitting_detail, name="sitting_detail"),
    path("exams/<int:pk>/sign-up/", views.sitting_sign_up, name="sitting_sign_up"),
    path("exams/<int:pk>/results/", views.sitting_scores, name="sitting_scores"),
    path("certificates/", views.CertificateListView.as_view(), name="certificate_list"),
    path("certificates/<int:pk>/", views.certificate_detail, name="certificate_detail"),
    path("certificates/<int:pk>/review/", views.annual_review_create, name="annual_review"),
    path(
        "certificates/<int:pk>/<str:action>/", views.certificate_action, name="certificate_action"
    ),
    path("public/certificate/", public.lookup, name="certificate_lookup"),
    # Slice 2: enforcement decisions and their publicity (执法决定, 执法公示).
    path("decisions/", decision_views.DecisionListView.as_view(), name="decision_list"),
    path("decisions/import/", import_views.import_decisions_view, name="decision_import"),
    path(
        "decisions/import/template/", import_views.import_template, name="decision_import_template"
    ),
    path("decisions/<int:pk>/", decision_views.decision_detail, name="decision_detail"),
    path("decisions/<int:pk>/publish/", decision_views.decision_publish, name="decision_publish"),
    path(
        "decisions/<int:pk>/withdraw/", decision_views.decision_withdraw, name="decision_withdraw"
    ),
    path("public/decisions/", decision_public.decision_list, name="public_decisions"),
    path("public/decisions/<int:pk>/", decision_public.decision_detail, name="public_decision"),
    # Slice 3: complaints about enforcement and their dispatch (投诉举报, 交办).
    path("complaints/", complaint_views.ComplaintListView.as_view(), name="complaint_list"),
    path("complaints/new/", complaint_views.complaint_create, name="complaint_create"),
    path(
        "complaints/<int:pk>/",
        complaint_views.ComplaintDetailView.as_view(),
        name="complaint_detail",
    ),
    path("dispatches/", complaint_views.DispatchListView.as_view(), name="dispatch_list"),
    path(
        "dispatches/<int:pk>/", complaint_views.DispatchDetailView.as_view(), name="dispatch_detail"
    ),
    path("public/complaint/", complaint_portal.file, name="complaint_file"),
    path("public/complaint/filed/", complaint_portal.filed, name="complaint_filed"),
]

# Slice 4: case-file review (案卷评查) and rectification.
urlpatterns += review_urls.urlpatterns

# Slice 5: discretion standards (裁量基准) and lenient lists (免罚轻罚清单).
urlpatterns += discretion_urls.urlpatterns

# Excel imports of officers with their certificates and of discretion standards.
urlpatterns += register_import_urls.urlpatterns

# The line's documents (文书): the rectification notice of a reviewed file.
urlpatterns += document_urls.urlpatterns
