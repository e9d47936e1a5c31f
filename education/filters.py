import django_filters
from django.utils.translation import gettext_lazy as _

from education.choices import ActivityForm, AudienceKind, Grade, TitleLevel
from education.models import EducationActivity, Evaluation, ModelVillage


class ActivityFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("topic contains"), field_name="topic",
                                  lookup_expr="icontains")  # fmt: skip
    held_from = django_filters.DateFilter(label=_("date held from"), field_name="held_on",
                                          lookup_expr="gte")  # fmt: skip
    held_to = django_filters.DateFilter(label=_("date held until"), field_name="held_on",
                                        lookup_expr="lte")  # fmt: skip
    form = django_filters.ChoiceFilter(label=_("form of activity"), choices=ActivityForm.choices)
    audience = django_filters.ChoiceFilter(label=_("audience"), choices=AudienceKind.choices)

    class Meta:
        model = EducationActivity
        fields = ["q", "held_from", "held_to", "form", "audience"]


class VillageFilter(django_filters.FilterSet):
    level = django_filters.ChoiceFilter(label=_("level of the title"), choices=TitleLevel.choices)
    year_named = django_filters.NumberFilter(label=_("year named"))
    standing = django_filters.BooleanFilter(label=_("title standing"), field_name="revoked_on",
                                            lookup_expr="isnull")  # fmt: skip

    class Meta:
        model = ModelVillage
        fields = ["level", "year_named", "standing"]


class EvaluationFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(label=_("year"))
    grade = django_filters.ChoiceFilter(label=_("grade"), choices=Grade.choices)
    published = django_filters.BooleanFilter(label=_("published"))

    class Meta:
        model = Evaluation
        fields = ["year", "grade", "published"]
