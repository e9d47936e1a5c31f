"""REST API of the case engine, for every business line: the transitions a caller may fire on a
case (exactly those the case page offers), firing one, the timeline and the clocks.

POST /api/cases/{label}/{pk}/transitions/{name}/ with {"version": N, "data": {...}, "note": ""}
answers 200 with the case summary, 400 naming the missing or bad fields, 403 naming the roles
that may act, 404 outside the caller's jurisdiction, 409 on a stale version.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    inline_serializer,
)
from rest_framework import permissions, serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from cases import engine, selectors
from core.errors import InvalidInput

LABEL = OpenApiParameter("label", str, OpenApiParameter.PATH, description="e.g. mediation.dispute")


class CaseSummarySerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    number = serializers.CharField()
    state = serializers.CharField()
    state_label = serializers.CharField()
    version = serializers.IntegerField()
    due_date = serializers.DateField(allow_null=True)
    outcome = serializers.CharField()
    organization = serializers.IntegerField(source="organization_id")
    region_code = serializers.CharField()
    assignee = serializers.IntegerField(source="assignee_id", allow_null=True)
    received_at = serializers.DateTimeField()
    accepted_at = serializers.DateTimeField(allow_null=True)
    closed_at = serializers.DateTimeField(allow_null=True)


def describe_field(name: str, field: forms.Field) -> dict:
    kind = {
        forms.DateField: "date",
        forms.IntegerField: "integer",
        forms.BooleanField: "boolean",
        forms.MultipleChoiceField: "array",
        forms.ChoiceField: "choice",
    }
    field_type = next((v for k, v in kind.items() if isinstance(field, k)), "string")
    out = {
        "name": name,
        "label": str(field.label or name),
        "type": field_type,
        "required": field.required,
    }
    if hasattr(field, "choices"):
        out["choices"] = [
            {"value": getattr(v, "value", v), "label": str(lab)}
            for v, lab in field.choices
            if v != ""
        ]
    return out


def describe(transition, case) -> dict:
    fields = []
    if transition.form is not None:
        form = transition.form(case=case)
        fields = [describe_field(n, f) for n, f in form.fields.items()]
    return {
        "name": transition.name,
        "label": str(transition.label),
        "target": transition.target,
        "fields": fields,
        "article": transition.article,
    }


class FireSerializer(serializers.Serializer):
    version = serializers.IntegerField(help_text="The case version the caller saw (required).")
    data = serializers.DictField(required=False, default=dict)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class TransitionsView(APIView):
    name = gettext_lazy("Available transitions")
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        parameters=[LABEL],
        responses=inline_serializer(
            "AvailableTransitions",
            {"case": CaseSummarySerializer(), "transitions": serializers.ListField()},
        ),
    )
    def get(self, request, label: str, pk: int):
        case = selectors.case_for(label, pk, request.user)
        return Response(
            {
                "case": CaseSummarySerializer(case).data,
                "transitions": [describe(t, case) for t in engine.available(case, request.user)],
            }
        )


class FireView(APIView):
    name = gettext_lazy("Fire a transition")
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(parameters=[LABEL], request=FireSerializer, responses=CaseSummarySerializer)
    def post(self, request, label: str, pk: int, name: str):
        case = selectors.case_for(label, pk, request.user)
        payload = FireSerializer(data=request.data)
        if not payload.is_valid():
            raise InvalidInput(
                _("Send the case version you saw as “version”."),
                fields={k: [str(m) for m in v] for k, v in payload.errors.items()},
            )
        case = engine.fire(
            case,
            name,
            actor=request.user,
            data=payload.validated_data["data"],
            version=payload.validated_data["version"],
            note=payload.validated_data["note"],
        )
        return Response(CaseSummarySerializer(case).data)


class EventSerializer(serializers.Serializer):
    transition = serializers.CharField()
    from_state = serializers.CharField()
    to_state = serializers.CharField()
    actor = serializers.CharField(allow_null=True)
    at = serializers.DateTimeField()
    on_date = serializers.DateField()
    version = serializers.IntegerField()
    note = serializers.CharField()


class ClockSerializer(serializers.Serializer):
    key = serializers.CharField()
    unit = serializers.CharField()
    length = serializers.IntegerField()
    extended = serializers.IntegerField()
    started_on = serializers.DateField()
    due_date = serializers.DateField(allow_null=True)
    nominal_due = serializers.DateField(allow_null=True)
    provisional = serializers.BooleanField()
    state = serializers.CharField()
    stopped_on = serializers.DateField(allow_null=True)
    status = serializers.SerializerMethodField()

    def get_status(self, clock) -> str:
        return clock.status()


def clocks_by_case(model, cases) -> dict[int, list]:
    """The clocks of `cases` (of `model`, already scoped) by case id, in one query for a page
    of a list."""
    from django.contrib.contenttypes.models import ContentType

    from cases.models import Clock

    ids = [c.pk for c in cases]
    found: dict[int, list] = {pk: [] for pk in ids}
    rows = (
        Clock.objects.filter(case_type=ContentType.objects.get_for_model(model), case_id__in=ids)
        .select_related("case_type")
        .prefetch_related("pauses")
    )
    for clock in rows:
        found[clock.case_id].append(clock)
    return found


class CaseClocksSerializer(serializers.Serializer):
    """A case serializer's `clocks` (mixed in before the line's ModelSerializer): the ones a
    list page read at once (ClockedListMixin), else the case's own."""

    clocks = serializers.SerializerMethodField()

    @extend_schema_field(ClockSerializer(many=True))
    def get_clocks(self, case) -> list:
        rows = getattr(case, "api_clocks", None)
        if rows is None:
            rows = clocks_by_case(type(case), [case])[case.pk]
        return ClockSerializer(rows, many=True).data


class ClockedListMixin:
    """A case viewset whose list reads the clocks of a page in one query."""

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        if page:
            clocks = clocks_by_case(type(page[0]), page)
            for case in page:
                case.api_clocks = clocks[case.pk]
        return page


class TimelineView(APIView):
    name = gettext_lazy("Case timeline")
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        parameters=[LABEL],
        responses=inline_serializer(
            "CaseTimeline",
            {"events": EventSerializer(many=True), "clocks": ClockSerializer(many=True)},
        ),
    )
    def get(self, request, label: str, pk: int):
        case = selectors.case_for(label, pk, request.user)
        return Response(
            {
                "events": EventSerializer(selectors.timeline(case), many=True).data,
                "clocks": ClockSerializer(selectors.clocks(case), many=True).data,
            }
        )
