from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import (
    SpectacularAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)

from cases import api as cases_api
from core import api as core_api
from core import forms as core_forms
from core import jobs_views
from core import views as core_views
from decisions import api as decisions_api
from education import api as education_api
from enforcement import api as enforcement_api
from enforcement import api_complaints as enforcement_api_complaints
from enforcement import api_registers as enforcement_api_registers
from indicators import api as indicators_api
from legalaid import api as legalaid_api
from legality import api as legality_api
from legalservice import api as legalservice_api
from litigation import api as litigation_api
from mediation import api as mediation_api
from normative import api as normative_api
from profession import api as profession_api
from reconsideration import api as reconsideration_api

router = core_api.Router()
router.register("regions", core_api.RegionViewSet, basename="region")
router.register("organizations", core_api.OrganizationViewSet, basename="organization")
router.register("parties", core_api.PartyViewSet, basename="party")
router.register("mediation/disputes", mediation_api.DisputeViewSet, basename="dispute")
router.register("legalaid/cases", legalaid_api.AidCaseViewSet, basename="aidcase")
router.register("legalaid/draws", legalaid_api.DrawViewSet, basename="draw")
router.register("legalaid/consultations", legalaid_api.ConsultationViewSet, basename="consultation")
router.register(
    "reconsideration/cases",
    reconsideration_api.ReconsiderationCaseViewSet,
    basename="reconsiderationcase",
)
router.register("litigation/cases", litigation_api.LitigationCaseViewSet, basename="litigationcase")
router.register("legality/reviews", legality_api.LegalityReviewViewSet, basename="legalityreview")
router.register(
    "normative/documents", normative_api.NormativeDocumentViewSet, basename="normativedocument"
)
router.register("normative/filings", normative_api.FilingCaseViewSet, basename="filingcase")
router.register("decisions/decisions", decisions_api.MajorDecisionViewSet, basename="majordecision")
router.register("decisions/catalogues", decisions_api.CatalogueViewSet, basename="catalogue")
router.register("enforcement/decisions", enforcement_api.DecisionViewSet, basename="enfdecision")
router.register("enforcement/bodies", enforcement_api_registers.BodyViewSet, basename="enfbody")
router.register(
    "enforcement/officers", enforcement_api_registers.OfficerViewSet, basename="enfofficer"
)
router.register(
    "enforcement/certificates", enforcement_api_registers.CertificateViewSet, basename="enfcert"
)
router.register(
    "enforcement/sittings", enforcement_api_registers.SittingViewSet, basename="enfsitting"
)
router.register(
    "enforcement/discretion-standards",
    enforcement_api_registers.StandardViewSet,
    basename="enfdiscretion",
)
router.register(
    "enforcement/complaints", enforcement_api_complaints.ComplaintViewSet, basename="enfcomplaint"
)
router.register(
    "enforcement/dispatches", enforcement_api_complaints.DispatchViewSet, basename="enfdispatch"
)
router.register("legalservice/points", legalservice_api.ServicePointViewSet, basename="lspoint")
router.register("legalservice/records", legalservice_api.ServiceRecordViewSet, basename="lsrecord")
router.register(
    "legalservice/advisers", legalservice_api.VillageAdviserViewSet, basename="lsadviser"
)
router.register("legalservice/checkups", legalservice_api.CheckupViewSet, basename="lscheckup")
router.register("education/activities", education_api.ActivityViewSet, basename="eduactivity")
router.register(
    "education/responsibility-lists",
    education_api.ResponsibilityListViewSet,
    basename="edulist",
)
router.register("education/evaluations", education_api.EvaluationViewSet, basename="eduevaluation")
router.register(
    "education/model-villages", education_api.ModelVillageViewSet, basename="eduvillage"
)
router.register("profession/firms", profession_api.LawFirmViewSet, basename="proffirm")
router.register(
    "profession/notary-offices", profession_api.NotaryOfficeViewSet, basename="profnotaryoffice"
)
router.register(
    "profession/institutions", profession_api.ForensicInstitutionViewSet, basename="profinstitution"
)
router.register("profession/notaries", profession_api.NotaryViewSet, basename="profnotary")
router.register("profession/volumes", profession_api.VolumeViewSet, basename="profvolume")
router.register(
    "profession/inspections", profession_api.InspectionViewSet, basename="profinspection"
)
router.register("profession/complaints", profession_api.ComplaintViewSet, basename="profcomplaint")

urlpatterns = [
    path("", core_views.home, name="home"),
    path(
        "login/",
        auth_views.LoginView.as_view(
            redirect_authenticated_user=True, authentication_form=core_forms.LoginForm
        ),
        name="login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("i18n/", include("django.conf.urls.i18n")),
    path("captcha/", include("captcha.urls")),
    path("imports/<uuid:pk>/", jobs_views.import_job, name="import_job"),
    path("admin/", admin.site.urls),
    path("", include("core.urls")),
    path("", include("cases.urls")),
    path("mediation/", include("mediation.urls")),
    path("legalaid/", include("legalaid.urls")),
    path("reconsideration/", include("reconsideration.urls")),
    path("litigation/", include("litigation.urls")),
    path("legality/", include("legality.urls")),
    path("normative/", include("normative.urls")),
    path("decisions/", include("decisions.urls")),
    path("enforcement/", include("enforcement.urls")),
    path("education/", include("education.urls")),
    path("legalservice/", include("legalservice.urls")),
    path("profession/", include("profession.urls")),
    path("portal/", include("portal.urls")),
    path("dashboard/", include("indicators.urls")),
    path("reports/", include("reports.urls")),
    path("api/", include(router.urls)),
    path(
        "api/cases/<str:label>/<int:pk>/transitions/",
        cases_api.TransitionsView.as_view(),
        name="api_case_transitions",
    ),
    path(
        "api/cases/<str:label>/<int:pk>/transitions/<str:name>/",
        cases_api.FireView.as_view(),
        name="api_case_fire",
    ),
    path("api/indicators/", indicators_api.IndicatorsView.as_view(), name="api_indicators"),
    path(
        "api/cases/<str:label>/<int:pk>/timeline/",
        cases_api.TimelineView.as_view(),
        name="api_case_timeline",
    ),
    path("api/schema/", SpectacularAPIView.as_view(), name="api_schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="api_schema"), name="api_docs"),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="api_schema"), name="api_redoc"),
]

handler404 = "core.api.handler404"
handler500 = "core.api.handler500"
