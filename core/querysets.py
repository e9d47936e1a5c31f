"""Jurisdiction scoping in one place: `Model.objects.restrict(user, action)`.

Every view, API endpoint, export and search reaches scoped data through this method and
nowhere else filters by region. A scoped model names the field that holds the 12-digit code of
its handling unit (`scope_region_field`) and the field that holds its organisation
(`scope_organization_field`); both are local columns, so the filter needs no join. A model may
narrow a role to the rows that name the user (`scope_user_fields = {role: "field"}`, the field
holding a user id): a lawyer sees only the legal-aid cases assigned to them, whatever firm or
centre they belong to. Likewise a role may reach the rows that name the user's organisation in
another field than the handling one (`scope_role_organization_fields = {role: "field"}`): an
agency's handlers see the reconsideration cases against their agency. A model whose rows belong to such cases (the case engine's records:
clocks, events, attachments, documents) answers for those roles through
`scope_user_condition(role, user, scoped)`, so the lawyer reaches the records of their own
cases (and a role narrowed in one line keeps its usual scope over the others' records).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q


class RestrictedQuerySet(models.QuerySet):
    def restrict(self, user, action: str = "view") -> RestrictedQuerySet:
        """Rows of this model that `user` may `action` (view, add, change, delete, reveal)."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        model = self.model
        perm = f"{model._meta.app_label}.{action}_{model._meta.model_name}"
        condition = scope_condition(user, perm, model)
        if condition is None:
            return self.none()
        return self.filter(condition)


def scope_condition(user, perm: str, model) -> Q | None:
    """The OR of what each of the user's memberships granting `perm` can reach, or None."""
    from core.regions import within
    from core.roles import ROLE_PERMISSIONS, ROLE_SCOPE, Scope

    region_field = getattr(model, "scope_region_field", None)
    org_field = getattr(model, "scope_organization_field", None)
    user_fields = getattr(model, "scope_user_fields", {})
    role_org_fields = getattr(model, "scope_role_organization_fields", {})
    user_condition = getattr(model, "scope_user_condition", None)
    condition: Q | None = None
    for membership in user.active_memberships():
        if perm not in ROLE_PERMISSIONS.get(membership.role, set()):
            continue
        if ROLE_SCOPE[membership.role] == Scope.REGION and region_field:
            part = within(region_field, membership.jurisdiction)
        elif org_field:
            part = Q(**{org_field: membership.organization_id})
        else:
            part = None
        if membership.role in user_fields:
            part = Q(**{user_fields[membership.role]: user.pk})
        elif membership.role in role_org_fields:
            part = Q(**{role_org_fields[membership.role]: membership.organization_id})
        elif user_condition is not None:
            part = user_condition(membership.role, user, part)
        if part is None:
            continue
        condition = part if condition is None else condition | part
    return condition


def may_at(user, perm: str, *, region_code: str, organization_id: int | None = None) -> bool:
    """Whether `user` holds `perm` over a row of the region `region_code` belonging to the
    organisation `organization_id` — a row not yet written, by the lists' rule
    (scope_condition): a region-scoped role over its jurisdiction, an organisation-scoped one
    (an agency's handler) over its own organisation's rows."""
    from core.roles import ROLE_PERMISSIONS, ROLE_SCOPE, Scope

    if user is None or not user.is_authenticated:
        return False
    for m in user.active_memberships():
        if perm not in ROLE_PERMISSIONS.get(m.role, ()):
            continue
        if ROLE_SCOPE[m.role] == Scope.REGION:
            if region_code.startswith(m.jurisdiction):
                return True
        elif organization_id is not None and m.organization_id == organization_id:
            return True
    return False


def within_reach(queryset, user, perm: str):
    """The rows of `queryset` that `user` reaches through the memberships granting `perm`, a
    permission on another model than the rows' (the agencies a handler may register or import
    the cases of: their own agency, or every agency of a region-scoped role's jurisdiction)."""
    condition = scope_condition(user, perm, queryset.model) if user is not None else None
    return queryset.filter(condition) if condition is not None else queryset.none()


class RestrictedManager(models.Manager.from_queryset(RestrictedQuerySet)):
    pass
