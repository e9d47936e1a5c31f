from django.urls import path

from legalservice import fee_calculator, portal, views

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
]
