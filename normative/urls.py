from django.urls import path

from normative import import_views, library, proposals, views

app_name = "normative"

urlpatterns = [
    path("documents/", views.DocumentListView.as_view(), name="document_list"),
    path("documents/new/", views.document_create, name="document_create"),
    path("documents/import/", import_views.import_documents_view, name="document_import"),
    path(
        "documents/import/template.xlsx",
        import_views.import_template,
        name="document_import_template",
    ),
    path("cleanups/", views.CampaignListView.as_view(), name="campaign_list"),
    path("cleanups/new/", views.campaign_create, name="campaign_create"),
    path("cleanups/<int:pk>/", views.campaign_detail, name="campaign_detail"),
    path("documents/<int:pk>/", views.DocumentDetailView.as_view(), name="document_detail"),
    path("documents/<int:pk>/file/", views.filing_create, name="filing_create"),
    path("documents/<int:pk>/evaluation/", views.evaluation_create, name="evaluation_create"),
    path("documents/<int:pk>/amendment/", views.amendment_create, name="amendment_create"),
    path("filings/", views.FilingListView.as_view(), name="filing_list"),
    path("proposals/", views.ProposalListView.as_view(), name="proposal_list"),
    path("filings/<int:pk>/", views.FilingDetailView.as_view(), name="filing_detail"),
    path("proposals/<int:pk>/", views.ProposalDetailView.as_view(), name="proposal_detail"),
    path("public/library/", library.library, name="library"),
    path("public/library/<int:pk>/", library.library_detail, name="library_detail"),
    path("public/library/<int:pk>/propose/", proposals.propose, name="propose"),
    path("public/proposed/", proposals.filed, name="proposal_filed"),
]
