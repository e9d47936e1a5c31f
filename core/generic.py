"""Base views: every list and detail page of every business line reads through these, so
jurisdiction scoping (`restrict`) is applied once and nowhere by hand."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.views.generic import DetailView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from core.errors import FazhiError, NotFound, PermissionDenied


class ScopedMixin(LoginRequiredMixin):
    model = None
    action = "view"

    def scoped_queryset(self, action: str | None = None):
        return self.model.objects.restrict(self.request.user, action or self.action)

    def get_queryset(self):
        return self.scoped_queryset()

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.can(self.required_permission()):
            raise DjangoPermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def required_permission(self) -> str:
        meta = self.model._meta
        return f"{meta.app_label}.{self.action}_{meta.model_name}"


class ScopedListView(ScopedMixin, SingleTableMixin, FilterView):
    paginate_by = 25
    template_name = "core/list.html"
    title = ""
    create_url_name: str | None = None
    create_permission: str | None = None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = self.title or self.model._meta.verbose_name_plural
        user = self.request.user
        if self.create_url_name and (
            self.create_permission is None or user.can(self.create_permission)
        ):
            context["create_url_name"] = self.create_url_name
        return context


class ScopedDetailView(ScopedMixin, DetailView):
    """A row outside the user's jurisdiction is answered 404, exactly like a missing row."""


def scoped_object_or_404(model, user, pk, action: str = "view"):
    try:
        return model.objects.restrict(user, action).get(pk=pk)
    except (model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def report_service_error(request, error: FazhiError) -> None:
    if isinstance(error, NotFound):
        raise Http404(error.message)
    if isinstance(error, PermissionDenied):
        raise DjangoPermissionDenied(error.message)
    messages.error(request, error.message)
