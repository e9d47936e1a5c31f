"""The forms of public legal education. They collect the input; the checks that decide (a
date not in the future, a count not negative, an organiser and a region within reach) are the
services', whose errors stand beside these fields (core.generic.add_service_errors)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from cases.forms import DateInput
from core import fields
from core.forms import SubmissionKeyMixin, single_default
from education.choices import ActivityForm as ActivityKind
from education.choices import AudienceKind, Grade, TitleLevel
from education.services import agencies_for, organizers_for


def _blank(choices):
    return [("", "—"), *choices]


class ActivityForm(SubmissionKeyMixin, forms.Form):
    held_on = forms.DateField(label=_("date held"), widget=DateInput())
    organizer = fields.ModelChoiceField(label=_("organiser"), queryset=None)
    place = forms.CharField(label=_("place"), max_length=200)
    region = forms.CharField(
        label=_("region code"), max_length=12, required=False,
        help_text=_("12 digits of the street, village or community where it was held; empty: "
                    "the organiser's region."),
    )  # fmt: skip
    topic = forms.CharField(label=_("topic"), max_length=200)
    form = forms.ChoiceField(label=_("form of activity"), choices=_blank(ActivityKind.choices))
    audience = forms.ChoiceField(label=_("audience"), choices=_blank(AudienceKind.choices))
    # Plain integer fields: the service says which count is negative, in words naming it.
    people_reached = fields.IntegerField(label=_("people reached"))
    materials_distributed = fields.IntegerField(label=_("materials distributed"), required=False)
    online_views = fields.IntegerField(label=_("online views"), required=False)
    notes = forms.CharField(label=_("notes"), required=False,
                            widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip

    def __init__(self, *args, user, perm: str = "education.add_educationactivity", **kwargs):
        super().__init__(*args, **kwargs)
        single_default(self, "organizer", organizers_for(user, perm))

    def activity_data(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("submission_key", None)
        return data


class ListForm(SubmissionKeyMixin, forms.Form):
    agency = fields.ModelChoiceField(label=_("agency"), queryset=None)
    year = fields.IntegerField(label=_("year"), min_value=1, max_value=9999)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        single_default(self, "agency", agencies_for(user))


class ItemForm(forms.Form):
    law = forms.CharField(label=_("law or regulation"), max_length=200, required=False)
    target_audience = forms.CharField(label=_("target audience"), max_length=200,
                                      required=False)  # fmt: skip
    measures = forms.CharField(label=_("measures"), required=False,
                               widget=forms.Textarea(attrs={"rows": 2}))  # fmt: skip


ItemFormSet = forms.formset_factory(ItemForm, extra=3, max_num=200)


class PublishForm(forms.Form):
    published_on = forms.DateField(label=_("published on"), widget=DateInput())


class VillageForm(SubmissionKeyMixin, forms.Form):
    region = forms.CharField(
        label=_("village or community"), max_length=12,
        help_text=_("The 12-digit code of the village or community in the region table."),
    )  # fmt: skip
    level = forms.ChoiceField(label=_("level of the title"), choices=_blank(TitleLevel.choices))
    year_named = fields.IntegerField(label=_("year named"), min_value=1, max_value=9999)
    batch = forms.CharField(label=_("batch or naming document"), max_length=200, required=False)
    revoked_on = forms.DateField(label=_("revoked on"), required=False, widget=DateInput())


class EvaluationForm(SubmissionKeyMixin, forms.Form):
    agency = fields.ModelChoiceField(label=_("agency"), queryset=None)
    year = fields.IntegerField(label=_("year"), min_value=1, max_value=9999)
    self_report = forms.CharField(
        label=_("self-report"), widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Mechanism, internal study of the law, public education, innovation and "
                    "effect."),
    )  # fmt: skip
    reported_on = forms.DateField(label=_("reported on"), widget=DateInput())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        single_default(self, "agency", agencies_for(user, "education.add_evaluation"))


class SelfReportForm(forms.Form):
    """The agency's self-report, changed until the result is published."""

    self_report = forms.CharField(
        label=_("self-report"), widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Mechanism, internal study of the law, public education, innovation and "
                    "effect."),
    )  # fmt: skip
    reported_on = forms.DateField(label=_("reported on"), widget=DateInput())


class AssessForm(forms.Form):
    # A text box: the service says in words naming the field what is wrong with the score.
    expert_score = forms.CharField(label=_("expert score"), max_length=16, required=False,
                                   help_text=_("0 to 100, at most two decimal places."))  # fmt: skip
    grade = forms.ChoiceField(label=_("grade"), choices=_blank(Grade.choices), required=False)
