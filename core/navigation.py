"""The menu, by business line, and the panels of the home page. Each app registers its entries
from its AppConfig.ready()."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class MenuItem:
    label: str
    url_name: str
    permission: str | None = None


@dataclass
class MenuSection:
    key: str
    label: str
    order: int
    items: list[MenuItem] = field(default_factory=list)


_SECTIONS: dict[str, MenuSection] = {}


def register(section: str, section_label, order: int, *items: MenuItem) -> None:
    entry = _SECTIONS.setdefault(section, MenuSection(section, section_label, order))
    entry.items.extend(items)


def menu_for(user) -> list[dict]:
    if not user.is_authenticated:
        return []
    result = []
    for section in sorted(_SECTIONS.values(), key=lambda s: s.order):
        items = [
            {"label": item.label, "url": reverse(item.url_name), "url_name": item.url_name}
            for item in section.items
            if item.permission is None or user.is_superuser or user.can(item.permission)
        ]
        if items:
            result.append({"key": section.key, "label": section.label, "items": items})
    return result


register(
    "basics",
    _("Basic data"),
    90,
    MenuItem(_("Parties"), "core:party_list", "core.view_party"),
    MenuItem(_("Organisations"), "core:organization_list", "core.view_organization"),
    MenuItem(_("Regions"), "core:region_list", "core.view_region"),
)

register(
    "tools",
    _("Tools"),
    95,
    MenuItem(_("Deadline calculator"), "cases:deadline"),
    MenuItem(_("Holiday calendar"), "cases:calendar"),
)


def menu_path(url_name: str) -> str:
    """Where a page sits in the menu, as users read it ("工具 → 节假日安排"), so that messages
    pointing to a page name the path the menu really shows."""
    for section in _SECTIONS.values():
        for item in section.items:
            if item.url_name == url_name:
                return f"{section.label} → {item.label}"
    raise LookupError(url_name)


# -- the home page: what each business line puts on it ---------------------------------------


@dataclass(frozen=True)
class HomePanel:
    """A block of the home page, contributed by an app that core does not know (the case
    engine's worklist counts, the indicators' figures). `context(request)` gives the
    template's `panel` data, or None when the panel has nothing for this user."""

    key: str
    order: int
    template: str
    context: Callable[[HttpRequest], dict | None]


_HOME_PANELS: dict[str, HomePanel] = {}


def register_home_panel(panel: HomePanel) -> None:
    _HOME_PANELS[panel.key] = panel


def home_panels_for(request) -> list[dict]:
    """The panels this user's home shows, in order, each with its data."""
    result = []
    for panel in sorted(_HOME_PANELS.values(), key=lambda p: (p.order, p.key)):
        data = panel.context(request)
        if data is not None:
            result.append({"key": panel.key, "template": panel.template, "data": data})
    return result
