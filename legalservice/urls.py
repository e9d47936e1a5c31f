from django.urls import path

from legalservice import (
    document_views,
    fee_calculator,
    import_views,
    portal,
    qa_deadlines,
    qa_portal,
    qa_views,
    views,
)

app_name = "legalservice"

urlpatterns = [
    path("points/", views.PointListView.as_view(), name="point_list"),
    path("points/new/", views.point_create, name="point_create"),
    path("points/<int:pk>/", views.point_detail, name="point_detail"),
    path("points/<int:pk>/edit/", views.point_edit, name="point_edit"),
    path("records/", views.RecordListView.as_view(), name="record_list"),
    path("records/new/", views.record_create, name="record_create"),
    path("records/<int:pk>/", views.record_detail, name="record_detail"),
    path("records/<int:pk>/edit/", views.record_edit, name="record_edit"),
    path("records/<int:pk>/refer/", views.record_refer, name="record_refer"),
    path("records/<int:pk>/reveal-phone/", views.record_phone_reveal, name="record_phone_reveal"),
    path(
        "records/<int:pk>/referral-letter/<str:fmt>/",
        document_views.referral_letter,
        name="record_referral_letter",
    ),
    path("advisers/", views.AdviserListView.as_view(), name="adviser_list"),
    path("advisers/new/", views.adviser_create, name="adviser_create"),
    path("advisers/coverage/", views.coverage, name="coverage"),
    path("advisers/<int:pk>/", views.adviser_detail, name="adviser_detail"),
    path("advisers/<int:pk>/edit/", views.adviser_edit, name="adviser_edit"),
    path("advisers/<int:pk>/logs/new/", views.log_create, name="log_create"),
    path("checkups/", views.CheckupListView.as_view(), name="checkup_list"),
    path("checkups/new/", views.checkup_create, name="checkup_create"),
    path("checkups/<int:pk>/", views.checkup_detail, name="checkup_detail"),
    path("checkups/<int:pk>/edit/", views.checkup_edit, name="checkup_edit"),
    path("public/points/", portal.points, name="public_points"),
    path("public/fees/", fee_calculator.fee_calculator, name="public_fees"),
    # The legal Q&A library (法律问答) and the statutory deadline calculator.
    path("qa/", qa_views.entry_list, name="qa_list"),
    path("qa/new/", qa_views.entry_create, name="qa_create"),
    path("qa/<int:pk>/", qa_views.entry_detail, name="qa_detail"),
    path("qa/<int:pk>/edit/", qa_views.entry_edit, name="qa_edit"),
    path("qa/<int:pk>/publish/", qa_views.entry_publish, name="qa_publish"),
    path("qa/consultations/", qa_views.consultation_list, name="qa_consultations"),
    path("qa/consultations/<int:pk>/", qa_views.consultation_detail, name="qa_consultation"),
    path("public/qa/", qa_portal.search, name="qa_search"),
    path("public/qa/<int:pk>/", qa_portal.answer, name="qa_answer"),
    path("public/qa/<int:pk>/vote/", qa_portal.vote, name="qa_vote"),
    path("public/qa/ask/", qa_portal.ask, name="qa_ask"),
    path("public/qa/ask/received/", qa_portal.filed, name="qa_filed"),
    path("public/qa/answer/", qa_portal.lookup, name="qa_lookup"),
    path(
        "public/qa/answer/<str:code>/", qa_portal.consultation_public, name="qa_consultation_public"
    ),
    path("public/deadlines/", qa_deadlines.calculator, name="qa_deadlines"),
]

# The Excel imports of past services and of the advisers' monthly logs (legalservice.importing).
urlpatterns += [
    path("records/import/", import_views.import_records_view, name="record_import"),
    path(
        "records/import/template/",
        import_views.record_import_template,
        name="record_import_template",
    ),
    path("advisers/logs/import/", import_views.import_logs_view, name="log_import"),
    path(
        "advisers/logs/import/template/",
        import_views.log_import_template,
        name="log_import_template",
    ),
]
