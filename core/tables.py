import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from core.models import Organization, Party, Region


class PartyTable(tables.Table):
    name = tables.Column(linkify=True, verbose_name=_("name"))
    identifier = tables.Column(
        accessor="identifier_label", verbose_name=_("ID number / credit code"), orderable=False
    )
    phone = tables.Column(accessor="masked_phone", verbose_name=_("telephone"), orderable=False)
    organization = tables.Column(verbose_name=_("registering organisation"))
    created_at = tables.DateTimeColumn(format="Y-m-d H:i", verbose_name=_("created at"))

    class Meta:
        model = Party
        fields = ("name", "kind", "identifier", "phone", "organization", "created_at")
        attrs = {"class": "table table-sm table-hover align-middle"}
        empty_text = _("No parties.")


class OrganizationTable(tables.Table):
    name = tables.Column(linkify=True, verbose_name=_("name"))

    class Meta:
        model = Organization
        fields = ("name", "kind", "region", "parent", "phone")
        attrs = {"class": "table table-sm table-hover align-middle"}
        empty_text = _("No organisations.")


class RegionTable(tables.Table):
    name = tables.Column(linkify=("core:region_list", {}), verbose_name=_("name"))

    class Meta:
        model = Region
        fields = ("code", "name", "level", "parent")
        attrs = {"class": "table table-sm table-hover align-middle"}
        empty_text = _("No regions.")

    def render_name(self, record, value):
        from django.urls import reverse
        from django.utils.html import format_html

        url = reverse("core:region_list") + f"?parent={record.code}"
        return format_html('<a href="{}">{}</a>', url, value)
