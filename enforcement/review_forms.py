"""Forms of the case-file review (案卷评查). They collect the input; the checks that decide are
the services' (enforcement.review_services), whose errors stand beside these fields."""

from __future__ import annotations

import json

from django import forms
from django.utils.translation import gettext_lazy as _

from core import fields
from core.models import Organization, OrganizationKind
from enforcement.review_models import DEFAULT_RUBRIC


class NameChoiceField(fields.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


def bureaus_for(user):
    """The justice bureaus in whose jurisdiction `user` may open a campaign."""
    from core.regions import within

    condition = None
    for prefix in user.jurisdictions("enforcement.add_reviewcampaign"):
        part = within("region_id", prefix)
        condition = part if condition is None else condition | part
    rows = Organization.objects.filter(kind=OrganizationKind.JUSTICE_BUREAU, is_active=True)
    return (rows.filter(condition) if condition is not None else rows.none()).order_by(
        "region_id", "name"
    )


class CampaignForm(forms.Form):
    organization = NameChoiceField(label=_("justice bureau"), queryset=Organization.objects.none())
    title = forms.CharField(label=_("title"), max_length=200)
    year = forms.IntegerField(label=_("year of the decisions reviewed"))
    seed = forms.IntegerField(
        label=_("random seed"),
        help_text=_("Record the seed: the same seed draws the same sample again."),
    )
    sample_size = forms.IntegerField(label=_("files per enforcement body"))
    excellent_threshold = forms.IntegerField(label=_("excellent from (points)"), initial=90)
    pass_threshold = forms.IntegerField(label=_("pass from (points)"), initial=70)
    rectification_days = forms.IntegerField(label=_("days to rectify"), initial=30)
    rubric = forms.CharField(
        label=_("scoring rubric"), widget=forms.Textarea(attrs={"rows": 8}), required=False,
        initial=json.dumps(DEFAULT_RUBRIC, ensure_ascii=False, indent=1),
        help_text=_("JSON: the parts with their key, name, maximum points and veto items."),
    )  # fmt: skip

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        from core.forms import single_default

        single_default(self, "organization", bureaus_for(user))

    def clean_rubric(self):
        text = self.cleaned_data.get("rubric") or ""
        if not text.strip():
            return None
        try:
            return json.loads(text)
        except ValueError:
            raise forms.ValidationError(_("The rubric is not valid JSON.")) from None

    def service_data(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k != "organization"}


class ScoreForm(forms.Form):
    """One field per part of the campaign's rubric (named scores.<key>), the veto, problems."""

    veto_reason = forms.ChoiceField(label=_("veto item"), required=False)
    problems = forms.CharField(label=_("problems found"), required=False,
                               widget=forms.Textarea(attrs={"rows": 4}),
                               help_text=_("One problem a line."))  # fmt: skip

    def __init__(self, *args, file, **kwargs):
        super().__init__(*args, **kwargs)
        self.parts = file.campaign.parts()
        for part in self.parts:
            self.fields[f"scores.{part['key']}"] = forms.CharField(
                label=f"{part['name']}（{_('at most')} {part['max']}）",
                required=False,
                initial=(file.scores or {}).get(part["key"]),
            )
        self.order_fields([f"scores.{p['key']}" for p in self.parts]
                          + ["veto_reason", "problems"])  # fmt: skip
        items = [v for p in self.parts for v in p.get("veto") or []]
        self.fields["veto_reason"].choices = [("", _("no veto item"))] + [(v, v) for v in items]
        self.initial.setdefault("veto_reason", file.veto_reason)
        self.initial.setdefault("problems", "\n".join(file.problems or []))

    def service_data(self) -> dict:
        d = self.cleaned_data
        return {"scores": {p["key"]: d.get(f"scores.{p['key']}") for p in self.parts},
                "veto": d.get("veto_reason") or "", "problems": d.get("problems") or ""}  # fmt: skip


class NoticeForm(forms.Form):
    problem = forms.CharField(label=_("problem to rectify"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))  # fmt: skip


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("rectification"), required=False,
                             widget=forms.Textarea(attrs={"rows": 4}))  # fmt: skip


class VerdictForm(forms.Form):
    verdict = forms.ChoiceField(label=_("verdict"), choices=[
        ("accepted", _("accept")), ("sent_back", _("send back"))])  # fmt: skip
    verdict_reason = forms.CharField(label=_("reasons"), required=False, max_length=500)
