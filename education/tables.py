import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from education.models import EducationActivity, Evaluation, ModelVillage

ATTRS = {"class": "table table-sm table-hover align-middle"}


class ActivityTable(tables.Table):
    held_on = tables.DateColumn(format="Y-m-d", linkify=True, verbose_name=_("date held"))
    topic = tables.Column(linkify=True, verbose_name=_("topic"))
    organizer = tables.Column(verbose_name=_("organiser"), order_by=("organizer__name",))

    class Meta:
        model = EducationActivity
        fields = ("held_on", "topic", "form", "audience", "organizer", "place", "people_reached",
                  "materials_distributed", "online_views")  # fmt: skip
        attrs = ATTRS
        empty_text = _("No activities.")


class VillageTable(tables.Table):
    region = tables.Column(linkify=True, verbose_name=_("village or community"),
                           order_by=("region_code",))  # fmt: skip
    revoked_on = tables.DateColumn(format="Y-m-d", verbose_name=_("revoked on"))

    class Meta:
        model = ModelVillage
        fields = ("region", "region_code", "level", "year_named", "batch", "revoked_on")
        attrs = ATTRS
        empty_text = _("No model villages.")

    def render_region(self, record):
        return record.region.full_name


class EvaluationTable(tables.Table):
    agency = tables.Column(
        linkify=lambda record: record.get_absolute_url(),
        verbose_name=_("agency"),
        order_by=("agency__name",),
    )
    # Annotated by the list (EvaluationListView): the portal's votes and those tallied outside.
    votes_total = tables.Column(verbose_name=_("public votes"))
    published_on = tables.DateColumn(format="Y-m-d", verbose_name=_("published on"))

    class Meta:
        model = Evaluation
        fields = ("agency", "year", "expert_score", "votes_total", "grade", "published_on")
        attrs = ATTRS
        empty_text = _("No evaluations.")
