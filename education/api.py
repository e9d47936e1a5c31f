"""REST API of public legal education (普法): the activities (list, detail, record), the agencies'
responsibility lists under 谁执法谁普法 with their items, the published results of the yearly
evaluations (履职评议) and the register of model villages (民主法治示范村（社区）).
Token-authenticated like every endpoint; each list is the same scoped queryset as its staff page
(core.api.ScopedViewSet: `restrict(user)`): the bureau's staff see their jurisdiction, an
agency's handler their own agency's activities, list and evaluation; a row outside answers 404.

`POST /api/education/activities/` records an activity through education.services.
activity_record, the pages' own checks (SD-PF Arts. 23, 28): an organiser the caller may not
record for, a region outside the organiser's, a negative count or a future day is refused on
its field in Chinese, nothing written. It is idempotent by the Idempotency-Key header.

An evaluation is listed here only once its result is published, with the public vote counted by
rating; the ballots themselves are never shown (a ballot keeps only a keyed hash of the phone,
and not even that leaves the database)."""

from __future__ import annotations

import django_filters
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers

from core.api import (
    IDEMPOTENCY_KEY,
    ModelSerializer,
    RegionPrefixFilter,
    ScopedViewSet,
    YearFilter,
    create_once,
    created_response,
)
from core.errors import InvalidInput
from core.fields import INT_MAX
from education.choices import ActivityForm, AudienceKind, Grade, TitleLevel, VoteRating
from education.models import (
    EducationActivity,
    Evaluation,
    ModelVillage,
    ResponsibilityItem,
    ResponsibilityList,
)
from education.services import activity_record, organizers_for

# Plain strings with their values listed (an enum named after a field another line shares, such
# as `form`, `level` or `grade`, would make the OpenAPI document ambiguous).
FORM_HELP = "The form of the activity: " + ", ".join(ActivityForm.values) + "."
AUDIENCE_HELP = "The audience: " + ", ".join(AudienceKind.values) + "."
TITLE_LEVEL_HELP = "The level of the title: " + ", ".join(TitleLevel.values) + "."
GRADE_HELP = "The grade: " + ", ".join(Grade.values) + ", or empty."


def _labelled(model, fields: dict, names: dict) -> InvalidInput:
    key = next(iter(fields))
    message = fields[key][0]
    try:
        label = str(model._meta.get_field(names.get(key, key)).verbose_name)
    except Exception:  # a key that is no model field keeps the plain message
        return InvalidInput(message, fields=fields)
    return InvalidInput(f"{label}：{message}", fields=fields)


# -- activities --------------------------------------------------------------------------------


class ActivityApiFilter(django_filters.FilterSet):
    year = YearFilter(label=gettext_lazy("year"), field_name="held_on", lookup_expr="year")
    held_from = django_filters.DateFilter(label=gettext_lazy("date held from"),
                                          field_name="held_on", lookup_expr="gte")  # fmt: skip
    held_to = django_filters.DateFilter(label=gettext_lazy("date held until"),
                                        field_name="held_on", lookup_expr="lte")  # fmt: skip
    region = RegionPrefixFilter(label=gettext_lazy("region"), field_name="region_code")
    form = django_filters.ChoiceFilter(label=gettext_lazy("form of activity"),
                                       choices=ActivityForm.choices)  # fmt: skip
    audience = django_filters.ChoiceFilter(label=gettext_lazy("audience"),
                                           choices=AudienceKind.choices)  # fmt: skip

    class Meta:
        model = EducationActivity
        fields = ["year", "held_from", "held_to", "region", "form", "audience"]


class ActivitySerializer(ModelSerializer):
    organizer_name = serializers.CharField(source="organizer.name", read_only=True)
    form = serializers.CharField(read_only=True, help_text=FORM_HELP)
    audience = serializers.CharField(read_only=True, help_text=AUDIENCE_HELP)

    class Meta:
        model = EducationActivity
        fields = [
            "id", "held_on", "place", "organizer", "organizer_name", "region_code", "topic",
            "form", "audience", "people_reached", "materials_distributed", "online_views",
            "notes", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = fields


class ActivityCreateSerializer(serializers.Serializer):
    """An activity to record; its values are checked by the service, in the pages' words."""

    held_on = serializers.DateField(help_text="The day it was held (not in the future).")
    organizer = serializers.IntegerField(
        min_value=1, max_value=INT_MAX,
        help_text="The organising organisation (id), one whose activities you may record.",
    )  # fmt: skip
    region = serializers.CharField(
        max_length=12, required=False, allow_blank=True, default="",
        help_text="The 12-digit code of the place, within the organiser's region; empty for the "
                  "organiser's own.",
    )  # fmt: skip
    place = serializers.CharField(max_length=200)
    topic = serializers.CharField(max_length=200)
    form = serializers.CharField(max_length=32, help_text=FORM_HELP)
    audience = serializers.CharField(max_length=32, help_text=AUDIENCE_HELP)
    people_reached = serializers.IntegerField()
    materials_distributed = serializers.IntegerField(required=False, default=0)
    online_views = serializers.IntegerField(required=False, default=0)
    notes = serializers.CharField(max_length=20_000, required=False, allow_blank=True,
                                  default="")  # fmt: skip


class ActivityViewSet(ScopedViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    """Public legal education activities (普法活动)."""

    queryset_model = EducationActivity
    serializer_class = ActivitySerializer
    filterset_class = ActivityApiFilter

    def get_queryset(self):
        return super().get_queryset().select_related("organizer").order_by("-held_on", "-id")

    @extend_schema(
        request=ActivityCreateSerializer,
        responses={201: ActivitySerializer, 200: ActivitySerializer},
        parameters=[IDEMPOTENCY_KEY],
        description="Record an activity once held. The same Idempotency-Key again answers 200 "
                    "with the activity recorded first, unchanged.",
    )  # fmt: skip
    def create(self, request):
        payload = ActivityCreateSerializer(data=request.data)
        if not payload.is_valid():
            fields = {k: [str(m) for m in (v if isinstance(v, list) else [v])]
                      for k, v in payload.errors.items()}  # fmt: skip
            raise _labelled(EducationActivity, fields, {"region": "region_code"})
        data = dict(payload.validated_data)
        perm = "education.add_educationactivity"
        data["organizer"] = organizers_for(request.user, perm).filter(pk=data["organizer"]).first()

        def create():
            # The service's messages name their field already (“人数”不能为负数).
            return activity_record(actor=request.user, data=data)

        activity, created = create_once(
            request, scope="api.eduactivity_create", create=create,
            load=lambda pk: self.get_queryset().get(pk=pk),
        )  # fmt: skip
        activity = self.get_queryset().filter(pk=activity.pk).first() or activity
        return created_response(ActivitySerializer(activity).data, created)


# -- responsibility lists ----------------------------------------------------------------------


class ListApiFilter(django_filters.FilterSet):
    year = YearFilter(label=gettext_lazy("year"), field_name="year", lookup_expr="exact")
    region = RegionPrefixFilter(label=gettext_lazy("region"), field_name="region_code")
    published = django_filters.BooleanFilter(label=gettext_lazy("published"))

    class Meta:
        model = ResponsibilityList
        fields = ["year", "region", "published"]


class ListItemSerializer(ModelSerializer):
    class Meta:
        model = ResponsibilityItem
        fields = ["position", "law", "target_audience", "measures"]
        read_only_fields = fields


class ResponsibilityListSerializer(ModelSerializer):
    agency_name = serializers.CharField(source="agency.name", read_only=True)
    items = ListItemSerializer(many=True, read_only=True)

    class Meta:
        model = ResponsibilityList
        fields = ["id", "agency", "agency_name", "year", "region_code", "published",
                  "published_on", "items", "created_at", "updated_at"]  # fmt: skip
        read_only_fields = fields


class ResponsibilityListViewSet(ScopedViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    """The agencies' 普法责任清单 (谁执法谁普法, SD-PF Art. 10), with their items."""

    queryset_model = ResponsibilityList
    serializer_class = ResponsibilityListSerializer
    filterset_class = ListApiFilter

    def get_queryset(self):
        return (
            super().get_queryset().select_related("agency").prefetch_related("items")
            .order_by("-year", "region_code", "agency_id", "id")
        )  # fmt: skip


# -- evaluations: published results ------------------------------------------------------------


class EvaluationApiFilter(django_filters.FilterSet):
    year = YearFilter(label=gettext_lazy("year"), field_name="year", lookup_expr="exact")
    region = RegionPrefixFilter(label=gettext_lazy("region"), field_name="region_code")

    class Meta:
        model = Evaluation
        fields = ["year", "region"]


class VoteCountSerializer(serializers.Serializer):
    satisfied = serializers.IntegerField(help_text="Portal votes rating 满意.")
    fairly_satisfied = serializers.IntegerField(help_text="Portal votes rating 基本满意.")
    dissatisfied = serializers.IntegerField(help_text="Portal votes rating 不满意.")
    portal = serializers.IntegerField(help_text="Votes cast on the portal.")
    offline = serializers.IntegerField(help_text="Votes tallied outside the portal.")
    total = serializers.IntegerField(help_text="Portal and offline votes together.")
    satisfied_rate = serializers.FloatField(
        allow_null=True,
        help_text="Per cent of the portal votes rating 满意 or 基本满意; null without votes.",
    )


class EvaluationSerializer(ModelSerializer):
    agency_name = serializers.CharField(source="agency.name", read_only=True)
    grade = serializers.CharField(read_only=True, help_text=GRADE_HELP)
    votes = serializers.SerializerMethodField()

    class Meta:
        model = Evaluation
        fields = ["id", "agency", "agency_name", "year", "region_code", "self_report",
                  "reported_on", "expert_score", "grade", "votes", "published_on"]  # fmt: skip
        read_only_fields = fields

    @extend_schema_field(VoteCountSerializer)
    def get_votes(self, evaluation) -> dict:
        counts = {k: getattr(evaluation, f"votes_{k}", 0) for k in VoteRating.values}
        portal = sum(counts.values())
        liked = counts[VoteRating.SATISFIED] + counts[VoteRating.FAIRLY]
        return {
            **counts, "portal": portal, "offline": evaluation.public_votes,
            "total": portal + evaluation.public_votes,
            "satisfied_rate": round(100 * liked / portal, 1) if portal else None,
        }  # fmt: skip


class EvaluationViewSet(ScopedViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    """The published results of the yearly evaluation of the agencies' 普法 duty (履职评议):
    the expert score, the grade and the public vote by rating. An evaluation not yet published
    is not here (404); no ballot is ever shown."""

    queryset_model = Evaluation
    serializer_class = EvaluationSerializer
    filterset_class = EvaluationApiFilter

    def get_queryset(self):
        counts = {
            f"votes_{k}": Count("votes", filter=Q(votes__rating=k)) for k in VoteRating.values
        }
        return (
            super().get_queryset().filter(published=True).select_related("agency")
            .annotate(**counts).order_by("-year", "region_code", "agency_id", "id")
        )  # fmt: skip


# -- model villages ----------------------------------------------------------------------------


class VillageApiFilter(django_filters.FilterSet):
    year_named = django_filters.NumberFilter(label=gettext_lazy("year named"))
    region = RegionPrefixFilter(label=gettext_lazy("region"), field_name="region_code")
    level = django_filters.ChoiceFilter(label=gettext_lazy("level of the title"),
                                        choices=TitleLevel.choices)  # fmt: skip
    standing = django_filters.BooleanFilter(label=gettext_lazy("title standing"),
                                            field_name="revoked_on", lookup_expr="isnull")  # fmt: skip

    class Meta:
        model = ModelVillage
        fields = ["year_named", "region", "level", "standing"]


class ModelVillageSerializer(ModelSerializer):
    name = serializers.CharField(source="region.name", read_only=True)
    level = serializers.CharField(read_only=True, help_text=TITLE_LEVEL_HELP)

    class Meta:
        model = ModelVillage
        fields = ["id", "region", "name", "region_code", "level", "year_named", "batch",
                  "revoked_on", "created_at", "updated_at"]  # fmt: skip
        read_only_fields = fields


class ModelVillageViewSet(ScopedViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    """The register of 民主法治示范村（社区） titles."""

    queryset_model = ModelVillage
    serializer_class = ModelVillageSerializer
    filterset_class = VillageApiFilter

    def get_queryset(self):
        return (
            super().get_queryset().select_related("region")
            .order_by("region_code", "level", "id")
        )  # fmt: skip
