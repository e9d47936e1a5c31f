from django.urls import path

from profession import portal, views

app_name = "profession"

urlpatterns = [
    path("firms/", views.FirmListView.as_view(), name="firm_list"),
    path("firms/new/", views.firm_create, name="firm_create"),
    path("firms/<int:pk>/", views.firm_detail, name="firm_detail"),
    path("firms/<int:pk>/edit/", views.firm_edit, name="firm_edit"),
    path("notary-offices/", views.NotaryOfficeListView.as_view(), name="notary_office_list"),
    path("notary-offices/new/", views.notary_office_create, name="notary_office_create"),
    path("notary-offices/<int:pk>/", views.notary_office_detail, name="notary_office_detail"),
    path("notary-offices/<int:pk>/edit/", views.notary_office_edit, name="notary_office_edit"),
    path("notary-offices/<int:pk>/notaries/new/", views.notary_create, name="notary_create"),
    path("institutions/", views.InstitutionListView.as_view(), name="institution_list"),
    path("institutions/new/", views.institution_create, name="institution_create"),
    path("institutions/<int:pk>/", views.institution_detail, name="institution_detail"),
    path("institutions/<int:pk>/edit/", views.institution_edit, name="institution_edit"),
    path("institutions/<int:pk>/appraisers/new/", views.appraiser_create, name="appraiser_create"),
    path("inspections/", views.InspectionListView.as_view(), name="inspection_list"),
    path("inspections/new/", views.inspection_create, name="inspection_create"),
    path("inspections/<int:pk>/", views.InspectionDetailView.as_view(), name="inspection_detail"),
    path("complaints/", views.ComplaintListView.as_view(), name="complaint_list"),
    path("complaints/new/", views.complaint_create, name="complaint_create"),
    path("complaints/<int:pk>/", views.ComplaintDetailView.as_view(), name="complaint_detail"),
    path("volumes/", views.VolumeListView.as_view(), name="volume_list"),
    path("volumes/import/", views.volume_import, name="volume_import"),
    path("volumes/import/template/", views.volume_template, name="volume_template"),
    path("complaints/import/", views.complaint_import, name="complaint_import"),
    path("complaints/import/template/", views.complaint_template, name="complaint_template"),
    path("public/penalties/", portal.penalties, name="public_penalties"),
]
# The registers' Excel imports (profession.register_importing).
for _key, (_upload, _template) in views.REGISTER_IMPORT_VIEWS.items():
    _slug = _key.replace("_", "-")
    urlpatterns += [
        path(f"import/{_slug}/", _upload, name=f"{_key}_import"),
        path(f"import/{_slug}/template/", _template, name=f"{_key}_template"),
    ]
