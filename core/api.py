"""REST API base: scoped viewsets, one error shape, idempotent creation.

Every endpoint derives from ScopedViewSet, whose queryset is `restrict(user, action)`; a row
outside the caller's jurisdiction is 404. Errors share one body:
{"error": {"status": 400, "code": "invalid", "message": "...", "fields": {"name": ["..."]}}}.
"""

from __future__ import annotations

import logging

import django_filters
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import ProtectedError
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, mixins, permissions, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter
from rest_framework.views import exception_handler as drf_exception_handler

from core.errors import FazhiError, InvalidInput
from core.filters import OrganizationFilter, PartyFilter, RegionFilter
from core.generic import CappedPaginator
from core.idempotency import is_valid_key, run_once
from core.models import Organization, Party, Region
from core.services import party_create, party_delete, party_reveal, party_update

logger = logging.getLogger(__name__)


def _error_body(status_code: int, code: str, message: str, fields=None) -> dict:
    return {
        "error": {
            "status": status_code,
            "code": code,
            "message": message,
            "fields": fields or {},
        }
    }


def exception_handler(exc, context):
    """Map every error to the one shape: 400 fields, 401, 403, 404, 409, and 500 for what no
    rule foresaw (logged with its request id, never a page of HTML or a traceback)."""
    if isinstance(exc, ProtectedError):
        return Response(
            _error_body(
                409,
                "conflict",
                _("It cannot be deleted: %(count)s record(s) still refer to it (e.g. a case).")
                % {"count": len(exc.protected_objects)},
            ),
            status=409,
        )
    if isinstance(exc, RecursionError):
        # JSON nested thousands of levels deep: the parser gave up.
        exc = exceptions.ParseError(_("The JSON is nested too deeply."))
    if isinstance(exc, FazhiError):
        return Response(
            _error_body(exc.status, exc.code, exc.message, exc.fields), status=exc.status
        )
    if isinstance(exc, DjangoValidationError):
        err = InvalidInput.from_validation_error(exc)
        return Response(_error_body(400, err.code, err.message, err.fields), status=400)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(_("Not found."))
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        logger.exception("unhandled API error", exc_info=exc)
        return Response(
            _error_body(500, "server_error", _("Internal error; it has been logged.")),
            status=500,
        )
    if isinstance(exc, exceptions.ParseError):
        response.data = _error_body(
            400, "invalid", _("Malformed request body: %(detail)s") % {"detail": exc.detail}
        )
        return response
    if isinstance(exc, exceptions.ValidationError):
        detail = exc.detail if isinstance(exc.detail, dict) else {"__all__": exc.detail}
        fields = {
            k: [str(m) for m in (v if isinstance(v, list) else [v])] for k, v in detail.items()
        }
        first = next((m for msgs in fields.values() for m in msgs), _("Invalid input."))
        response.data = _error_body(400, "invalid", first, fields)
    else:
        code = {
            401: "unauthenticated",
            403: "forbidden",
            404: "not_found",
            405: "method_not_allowed",
            409: "conflict",
        }.get(response.status_code, "error")
        response.data = _error_body(response.status_code, code, str(exc.detail))
    return response


class ScopedPermission(permissions.IsAuthenticated):
    """The user holds a role with the model permission the HTTP method needs."""

    method_actions = {
        "GET": "view",
        "HEAD": "view",
        "OPTIONS": "view",
        "POST": "add",
        "PUT": "change",
        "PATCH": "change",
        "DELETE": "delete",
    }

    def has_permission(self, request, view):
        if not super().has_permission(request, view):
            return False
        model = view.queryset_model
        action = getattr(view, "required_action", None) or self.method_actions.get(
            request.method, "view"
        )
        return request.user.can(f"{model._meta.app_label}.{action}_{model._meta.model_name}")


class ListPagination(PageNumberPagination):
    """Pages of PAGE_SIZE rows, at most MAX_PAGES of them, like every staff list
    (core.generic.CappedPaginator): a page is read with OFFSET, whose cost grows with its
    number. `count` still counts every row; a client reaching the last page while `count` says
    more narrows the filter (for a case list, `received_from`/`received_to`) and pages again.
    A deeper page is refused with 400 naming `page`."""

    django_paginator_class = CappedPaginator

    def paginate_queryset(self, queryset, request, view=None):
        asked = request.query_params.get(self.page_query_param, "")
        if asked.isdigit() and int(asked) > CappedPaginator.max_pages:
            raise exceptions.ValidationError(
                {
                    self.page_query_param: [
                        _(
                            "A list can be read up to page %(pages)s; narrow the filter "
                            "to reach the records beyond it."
                        )
                        % {"pages": CappedPaginator.max_pages}
                    ]
                }
            )
        return super().paginate_queryset(queryset, request, view)


class ScopedViewSet(viewsets.GenericViewSet):
    queryset_model = None
    # Ids are numbers: /api/parties/abc/ is a 404, not a ValueError in the lookup.
    lookup_value_regex = r"[0-9]+"
    required_action: str | None = None
    permission_classes = [ScopedPermission]
    pagination_class = ListPagination

    def get_queryset(self):
        action = {"list": "view", "retrieve": "view"}.get(self.action, "view")
        return self.queryset_model.objects.restrict(self.request.user, action)


class ModelSerializer(serializers.ModelSerializer):
    """ModelSerializer whose choice fields that may be empty say so in the OpenAPI document:
    DRF drops `allow_blank` from read-only fields, so the schema would promise an enum value
    where the API returns ""."""

    def get_fields(self):
        from django.core.exceptions import FieldDoesNotExist

        fields = super().get_fields()
        model = self.Meta.model
        for name, field in fields.items():
            if not isinstance(field, serializers.ChoiceField):
                continue
            try:
                model_field = model._meta.get_field(field.source or name)
            except FieldDoesNotExist:
                continue
            if getattr(model_field, "blank", False):
                field.allow_blank = True
        return fields


class RegionSerializer(ModelSerializer):
    class Meta:
        model = Region
        fields = ["code", "name", "level", "parent", "prefix"]


class OrganizationSerializer(ModelSerializer):
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)

    class Meta:
        model = Organization
        fields = [
            "id",
            "name",
            "short_name",
            "kind",
            "kind_display",
            "region",
            "parent",
            "address",
            "phone",
            "is_active",
            "established_on",
            "dissolved_on",
        ]


class PartySerializer(ModelSerializer):
    """Lists and details show masked identifiers; the full value comes from /reveal/."""

    id_number = serializers.CharField(source="masked_id_number", read_only=True)
    phone = serializers.CharField(source="masked_phone", read_only=True)

    class Meta:
        model = Party
        fields = [
            "id", "kind", "name", "gender", "birth_date", "ethnicity", "id_number",
            "credit_code", "legal_representative", "phone", "address", "organization",
            "region_code", "version", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = fields


class PartyWriteSerializer(serializers.Serializer):
    kind = serializers.CharField(required=False)
    name = serializers.CharField(required=False, allow_blank=True)
    id_number = serializers.CharField(required=False, allow_blank=True)
    credit_code = serializers.CharField(required=False, allow_blank=True)
    legal_representative = serializers.CharField(required=False, allow_blank=True)
    gender = serializers.CharField(required=False, allow_blank=True)
    ethnicity = serializers.CharField(required=False, allow_blank=True)
    phone = serializers.CharField(required=False, allow_blank=True)
    address = serializers.CharField(required=False, allow_blank=True)
    organization = serializers.IntegerField(required=False)
    version = serializers.IntegerField(
        required=False, help_text="Expected version (optimistic locking)"
    )


class CasePartySerializer(serializers.Serializer):
    """A party of a case as a case's serializer lists it (each line names its own subclass)."""

    side = serializers.CharField()
    party = serializers.IntegerField(source="party.pk")
    name = serializers.CharField(source="party.name")
    kind = serializers.CharField(source="party.kind")


class PartyEntrySerializer(serializers.Serializer):
    """A party given with a case to register: the line's side and the party's own fields."""

    side = serializers.CharField()
    kind = serializers.CharField(required=False)
    name = serializers.CharField(required=False, allow_blank=True)
    id_number = serializers.CharField(required=False, allow_blank=True)
    credit_code = serializers.CharField(required=False, allow_blank=True)
    phone = serializers.CharField(required=False, allow_blank=True)
    address = serializers.CharField(required=False, allow_blank=True)


def case_payload(serializer_class, request) -> tuple[dict, int, list[dict]]:
    """The checked body of a case to register: (its data, the organisation's id, the parties
    as dicts); a bad body answers 400 naming the fields."""
    payload = serializer_class(data=request.data)
    payload.is_valid(raise_exception=True)
    data = dict(payload.validated_data)
    org_id = data.pop("organization")
    parties = [dict(p) for p in data.pop("parties", [])]
    return data, org_id, parties


# The header that makes a create idempotent: the same key again answers the first result.
IDEMPOTENCY_KEY = OpenApiParameter("Idempotency-Key", str, OpenApiParameter.HEADER, required=False)


def create_once(request, *, scope: str, create, load):
    """Run `create` once per Idempotency-Key (when the request carries a valid one): return
    (row, created); a repeated key reads the first row back with `load(pk)`. Without a valid
    key every request creates."""
    key = request.headers.get("Idempotency-Key")
    if is_valid_key(key):
        row, created = run_once(
            key=key, scope=f"{scope}.{request.user.pk}", create=create, load=load
        )
    else:
        row, created = create(), True
    return row, created


def created_response(data, created: bool) -> Response:
    return Response(data, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)


def register_case(view, request, *, payload, read, kind: str, unknown: str, register, scope: str):
    """The POST that registers a case at an organisation of `kind` (the body checked by the
    `payload` serializer): an unknown organisation answers 400 on the field with `unknown`;
    `register(actor=, organization=, data=, parties=)` runs once per Idempotency-Key; the case
    is answered as `read` serializes it, read back through the view's scoped queryset."""
    data, org_id, parties = case_payload(payload, request)
    organization = Organization.objects.filter(pk=org_id, kind=kind).first()
    if organization is None:
        raise InvalidInput(_("Unknown organisation."), fields={"organization": [unknown]})

    def create():
        return register(actor=request.user, organization=organization, data=data, parties=parties)

    case, created = create_once(
        request, scope=scope, create=create, load=lambda pk: view.get_queryset().get(pk=pk)
    )
    case = view.get_queryset().filter(pk=case.pk).first() or case
    return created_response(read(case).data, created)


class RevealSerializer(serializers.Serializer):
    field = serializers.CharField()
    value = serializers.CharField()


class RegionViewSet(ScopedViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    queryset_model = Region
    lookup_field = "code"
    lookup_value_regex = r"[0-9]{1,12}"
    serializer_class = RegionSerializer
    filterset_class = RegionFilter


class OrganizationViewSet(ScopedViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    queryset_model = Organization
    serializer_class = OrganizationSerializer
    filterset_class = OrganizationFilter


class PartyViewSet(ScopedViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    queryset_model = Party
    serializer_class = PartySerializer
    filterset_class = PartyFilter

    def get_queryset(self):
        return super().get_queryset().select_related("organization")

    @extend_schema(
        request=PartyWriteSerializer,
        responses={201: PartySerializer, 200: PartySerializer},
        parameters=[
            OpenApiParameter("Idempotency-Key", str, OpenApiParameter.HEADER, required=False)
        ],
    )
    def create(self, request):
        payload = PartyWriteSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        org_id = data.pop("organization", None)
        organization = None
        if org_id is not None:
            organization = (
                Organization.objects.restrict(request.user, "view").filter(pk=org_id).first()
            )
            if organization is None:
                raise InvalidInput(
                    _("Unknown organisation."),
                    fields={"organization": [_("No such organisation in your jurisdiction.")]},
                )

        def create():
            return party_create(actor=request.user, data=data, organization=organization)

        key = request.headers.get("Idempotency-Key")
        if is_valid_key(key):
            party, created = run_once(
                key=key,
                scope=f"api.party_create.{request.user.pk}",
                create=create,
                load=lambda pk: self.get_queryset().get(pk=pk),
            )
        else:
            party, created = create(), True
        return Response(
            PartySerializer(party).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )

    @extend_schema(request=PartyWriteSerializer, responses={200: PartySerializer})
    def partial_update(self, request, pk=None):
        party = Party.objects.restrict(request.user, "change").filter(pk=pk).first()
        if party is None:
            raise Http404
        payload = PartyWriteSerializer(data=request.data, partial=True)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        version = data.pop("version", None)
        data.pop("organization", None)
        party = party_update(actor=request.user, party=party, data=data, expected_version=version)
        return Response(PartySerializer(party).data)

    def destroy(self, request, pk=None):
        party = Party.objects.restrict(request.user, "delete").filter(pk=pk).first()
        if party is None:
            raise Http404
        party_delete(actor=request.user, party=party)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=None, responses={200: RevealSerializer})
    @action(
        detail=True,
        methods=["post"],
        name=gettext_lazy("Reveal a personal field"),
        url_path=r"reveal/(?P<field>id_number|phone)",
        required_action="reveal",
    )
    def reveal(self, request, pk=None, field=None):
        party = self.get_queryset().filter(pk=pk).first()
        if party is None:
            raise Http404
        value = party_reveal(actor=request.user, party=party, field=field, request=request)
        return Response({"field": field, "value": value})


# Errors raised outside a view (no route matched, a crash in middleware) under /api/ keep the
# one shape too; elsewhere Django's pages answer.
def _is_api(request) -> bool:
    return request.path.startswith("/api/")


def handler404(request, exception=None):
    from django.http import JsonResponse
    from django.views.defaults import page_not_found

    if _is_api(request):
        return JsonResponse(_error_body(404, "not_found", _("Not found.")), status=404)
    return page_not_found(request, exception)


def handler500(request):
    from django.http import JsonResponse
    from django.views.defaults import server_error

    if _is_api(request):
        body = _error_body(500, "server_error", _("Internal error; it has been logged."))
        return JsonResponse(body, status=500)
    return server_error(request)


# The browsable API speaks the user's language: a viewset is named after its model's verbose
# names, the root and the other views by a translated `name`; developers' docstrings are shown
# in English only (in Chinese a view shows its translated `description`, if it has one).
_SUFFIXES = {"List": "plural", "Instance": "single"}


def view_name(view) -> str:
    from django.utils.text import capfirst
    from rest_framework.views import get_view_name

    name = getattr(view, "name", None)
    if name is not None:
        return str(name)
    model = getattr(view, "queryset_model", None)
    kind = _SUFFIXES.get(getattr(view, "suffix", None) or "")
    if model is not None and kind:
        meta = model._meta
        return str(capfirst(meta.verbose_name_plural if kind == "plural" else meta.verbose_name))
    return _(get_view_name(view))


def view_description(view, html=False) -> str:
    from django.utils.translation import get_language
    from rest_framework.views import get_view_description

    if getattr(view, "description", None) is None and not (get_language() or "").startswith("en"):
        return ""
    return get_view_description(view, html)


class Router(DefaultRouter):
    """DRF's DefaultRouter with a root page named in the user's language."""

    class APIRootView(DefaultRouter.APIRootView):
        name = gettext_lazy("Fazhi API")
        description = gettext_lazy(
            "The REST interface of Fazhi for courts, provincial platforms and scripts. The "
            "OpenAPI document is at /api/schema/, its pages at /api/docs/."
        )


# -- filters shared by the lines' APIs -------------------------------------------------------


def region_prefix(value: str) -> str:
    """The digits a region filter matches codes by: a 12-digit code stands for its
    jurisdiction (440105000000 → 440105), a shorter string of digits is a prefix itself."""
    from core.regions import jurisdiction_prefix

    digits = "".join(c for c in str(value) if c.isdigit())[:12]
    if len(digits) == 12:
        try:
            return jurisdiction_prefix(digits)
        except Exception:  # a code of no known level: match it as typed
            return digits
    return digits


class RegionPrefixFilter(django_filters.CharFilter):
    """`region`: the rows lying within a region (its 12-digit code, or a code prefix)."""

    def filter(self, qs, value):
        from core.regions import within

        prefix = region_prefix(value) if value else ""
        return qs.filter(within(self.field_name, prefix)) if prefix else qs


class YearFilter(django_filters.NumberFilter):
    """`year`: the rows of a calendar year, by a date field (`lookup_expr` "year", the
    default) or by a year column (`lookup_expr` "exact")."""

    def __init__(self, *args, lookup_expr="year", **kwargs):
        super().__init__(*args, lookup_expr=lookup_expr, **kwargs)

    def filter(self, qs, value):
        if value in (None, ""):
            return qs
        year = int(value)
        if not 1 <= year <= 9999:
            return qs.none()
        return qs.filter(**{f"{self.field_name}__{self.lookup_expr}": year})
