"""The menu, by business line. Each app registers its entries from its AppConfig.ready()."""

from __future__ import annotations

from dataclasses import dataclass, field

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
