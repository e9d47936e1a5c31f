"""The project's URLs plus a bare Django view, the reference of the HTTP benchmarks: it goes
through the same middleware (sessions, CSRF, authentication, the audit log's …) and does
nothing else."""

from django.http import HttpResponse
from django.urls import path

from benchmarks.post import BARE_PATH
from fazhi.urls import handler404, handler500  # noqa: F401
from fazhi.urls import urlpatterns as project_urlpatterns


def bare(request):
    return HttpResponse("ok")


urlpatterns = [path(BARE_PATH.lstrip("/"), bare, name="bench_bare"), *project_urlpatterns]
