"""Base views: every list and detail page of every business line reads through these, so
jurisdiction scoping (`restrict`) is applied once and nowhere by hand."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import DetailView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from core.errors import FazhiError, InvalidInput, NotFound, PermissionDenied
from core.filters import dress_filter_form, filter_summary
from core.idempotency import run_once
from core.tables import EXCEL_CONTENT_TYPE, table_workbook

# The query parameter that asks a list for its rows as a workbook or a page to print.
OUTPUT_PARAMETER = "output"

# The deepest page any list (staff page or API) serves. A page is read with OFFSET, whose cost
# grows with the page number (page 10,000 of a city's case list: about 1 s on PostgreSQL); the
# rows beyond are reached by narrowing the filter, which every list offers. 200 pages of 25 rows
# are 5,000 rows, more than anyone pages through by hand.
MAX_PAGES = 200


class CappedPaginator(Paginator):
    """A paginator that serves at most MAX_PAGES pages while still counting every row: a
    deeper page number is out of range, and `capped` says that rows lie beyond the last page."""

    max_pages = MAX_PAGES

    @cached_property
    def total_pages(self) -> int:
        if self.count == 0 and not self.allow_empty_first_page:
            return 0
        hits = max(1, self.count - self.orphans)
        return -(-hits // self.per_page)

    @cached_property
    def num_pages(self) -> int:
        return min(self.total_pages, self.max_pages)

    @property
    def capped(self) -> bool:
        return self.total_pages > self.num_pages

    def page_limit_message(self) -> str:
        return _(
            "A list shows at most %(pages)s pages (%(rows)s records); this one holds "
            "%(total)s. Narrow the filter or change the sort order to reach the others."
        ) % {
            "pages": self.num_pages,
            "rows": self.num_pages * self.per_page,
            "total": self.count,
        }


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
    """A staff list: scoped rows, a filter form, a sortable table, and the same rows as an
    Excel workbook (`?output=xlsx`) or a page to print (`?output=print`), with whatever filter
    and sort order the list has. Scoping is the queryset's (`restrict`), so a download holds no
    row the list would not show, and cells are the table's, so masked numbers stay masked."""

    paginate_by = 25
    paginator_class = CappedPaginator
    template_name = "core/list.html"
    print_template_name = "core/list_print.html"
    title = ""
    create_url_name: str | None = None
    create_permission: str | None = None
    # Whoever holds it sees the list's button to its Excel import (`can_import`; the button is
    # the line's list template's, in core/list.html's block list_actions).
    import_permission: str | None = None
    # A workbook is written row by row to a temporary file, about 20,000 rows in 10 seconds
    # (openpyxl, measured on a 2-core machine); beyond this the filter must narrow it, so that
    # a download ends well within the worker's timeout (docs/operators/deploy.md: 60 s).
    export_max_rows = 50_000
    # A printed list beyond this is not read; the page says how many rows it left out.
    print_max_rows = 1_000

    def get_filterset(self, filterset_class):
        filterset = super().get_filterset(filterset_class)
        dress_filter_form(filterset.form)
        return filterset

    def get(self, request, *args, **kwargs):
        output = request.GET.get(OUTPUT_PARAMETER)
        if output not in ("xlsx", "print"):
            return super().get(request, *args, **kwargs)
        self.filterset = self.get_filterset(self.get_filterset_class())
        if self.filterset.is_bound and not self.filterset.is_valid():
            # The list shows the form's errors beside its fields, with what was typed.
            return redirect(self.list_url())
        self.object_list = self.filterset.qs
        self.unpaginated = True
        table = self.get_table()
        if output == "xlsx":
            return self.export_response(table)
        return self.print_response(table)

    def paginate_queryset(self, queryset, page_size):
        # The table paginates (django-tables2); ListView paginating the same rows again would
        # count them a second time and answer 404 where the table shows its last page.
        return None, None, queryset, False

    def get_table_pagination(self, table):
        if getattr(self, "unpaginated", False):
            return False
        return super().get_table_pagination(table)

    def list_query(self) -> str:
        """The list's query string (filter and sort), without the page or the output."""
        query = self.request.GET.copy()
        for key in (OUTPUT_PARAMETER, "page"):
            query.pop(key, None)
        return query.urlencode()

    def list_url(self) -> str:
        query = self.list_query()
        return f"{self.request.path}?{query}" if query else self.request.path

    def get_title(self) -> str:
        return str(self.title or self.model._meta.verbose_name_plural)

    def about(self) -> dict[str, str]:
        """What an exported or printed list says about itself."""
        user = self.request.user
        membership = user.primary_membership
        return {
            "title": self.get_title(),
            "filter": describe_filter(filter_summary(self.filterset)),
            "at": timezone.localtime().strftime("%Y-%m-%d %H:%M"),
            "by": str(user) if membership is None else f"{user} · {membership.organization}",
        }

    def export_response(self, table):
        queryset = table.data.data
        total = queryset.count()
        if total > self.export_max_rows:
            messages.error(
                self.request,
                _(
                    "The list holds %(total)s records; an export takes at most %(max)s. "
                    "Narrow the filter and export again."
                )
                % {"total": total, "max": self.export_max_rows},
            )
            return redirect(self.list_url())
        facts = self.about()
        about = [
            (_("List"), facts["title"]),
            (_("Filter conditions"), facts["filter"]),
            (_("Exported at"), facts["at"]),
            (_("Exported by"), facts["by"]),
        ]
        output, _rows = table_workbook(
            table, queryset.iterator(chunk_size=2000), title=facts["title"], about=about
        )
        name = f"{self.get_title()}-{timezone.localtime():%Y%m%d-%H%M}.xlsx"
        return FileResponse(
            output, as_attachment=True, filename=name, content_type=EXCEL_CONTENT_TYPE
        )

    def print_response(self, table):
        total = table.data.data.count()
        table.paginate(page=1, per_page=self.print_max_rows)
        context = {
            "title": self.get_title(),
            "table": table,
            "columns": [column for column in table.columns],
            "about": self.about(),
            "total": total,
            "shown": min(total, self.print_max_rows),
            "list_url": self.list_url(),
        }
        return render(self.request, self.print_template_name, context)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = self.get_title()
        self.warn_page_limit(context.get("table"))
        user = self.request.user
        if self.create_url_name and (
            self.create_permission is None or user.can(self.create_permission)
        ):
            context["create_url_name"] = self.create_url_name
        if self.import_permission:
            context["can_import"] = user.can(self.import_permission)
        query = self.list_query()
        prefix = f"?{query}&" if query else "?"
        context["export_url"] = f"{prefix}{OUTPUT_PARAMETER}=xlsx"
        context["print_url"] = f"{prefix}{OUTPUT_PARAMETER}=print"
        context["filter_description"] = _("Filter: %(conditions)s") % {
            "conditions": describe_filter(filter_summary(self.filterset))
        }
        return context

    def warn_page_limit(self, table) -> None:
        """On the last page a list serves, or when a deeper one was asked for (the last page is
        shown instead), say that more rows lie beyond and how to reach them."""
        paginator = getattr(table, "paginator", None)
        if not isinstance(paginator, CappedPaginator) or not paginator.capped:
            return
        asked = self.request.GET.get(getattr(table, "page_field", "page"), "")
        deeper = asked.isdigit() and int(asked) > paginator.num_pages
        if deeper or table.page.number == paginator.num_pages:
            messages.warning(self.request, paginator.page_limit_message())


def describe_filter(conditions: list[tuple[str, str]]) -> str:
    if not conditions:
        return str(_("none (every record you may see)"))
    return _("; ").join(
        _("%(label)s: %(value)s") % {"label": label, "value": value} for label, value in conditions
    )


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


def add_service_errors(form, exc: InvalidInput, rows=()) -> None:
    """Put a service's InvalidInput beside the fields it names: `parties-N-field` on the N-th
    filled row of the party formset (`rows`), any other field on `form`; an error on no field
    of its target goes to the top of that form."""
    for field, errors in exc.fields.items():
        target, name = form, field
        if field.startswith("parties-") and field.count("-") >= 2:
            _prefix, index, name = field.split("-", 2)
            target = rows[int(index)] if int(index) < len(rows) else form
        for error in errors:
            target.add_error(name if name in target.fields else None, error)


def create_with_parties(request, form, formset, *, scope, create, load):
    """The POST of a registering page (a case form with its party formset): run `create`
    (given the filled party rows as dicts) once per submission key. Return (case, created),
    or None when the page is to be shown again: not posted, invalid, or the service refused
    (its errors then stand beside the fields of the form or the party row, input kept)."""
    if request.method != "POST" or not (form.is_valid() & formset.is_valid()):
        return None
    rows = [f for f in formset.forms if f.cleaned_data.get("name")]
    parties = [dict(f.cleaned_data) for f in rows]
    try:
        return run_once(
            key=form.cleaned_data["submission_key"],
            scope=f"{scope}:{request.user.pk}",
            create=lambda: create(parties),
            load=load,
        )
    except InvalidInput as exc:
        add_service_errors(form, exc, rows)
    except FazhiError as exc:
        report_service_error(request, exc)
    return None


def record_page(request, *, form, scope, create, load, done, success, title, cancel_url):
    """A one-form creating page: run the service once per submission key; its errors go
    beside the fields, with the input kept."""
    if request.method == "POST" and form.is_valid():
        try:
            run_once(key=form.cleaned_data["submission_key"], scope=f"{scope}:{request.user.pk}",
                     create=create, load=load)  # fmt: skip
        except InvalidInput as exc:
            add_service_errors(form, exc)
        except FazhiError as exc:
            report_service_error(request, exc)
        else:
            messages.success(request, success)
            return redirect(done)
    return render(
        request, "core/form.html", {"form": form, "title": title, "cancel_url": cancel_url}
    )
