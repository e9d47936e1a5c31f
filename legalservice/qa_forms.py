"""Staff forms of the legal Q&A library (法律问答): an entry, and the answer to a consultation
asked on the portal."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import SubmissionKeyMixin
from legalservice import qa_services
from legalservice.choices import MatterKind


class QaEntryForm(SubmissionKeyMixin, forms.Form):
    question = forms.CharField(label=_("question"), max_length=200)
    answer = forms.CharField(label=_("answer"), widget=forms.Textarea(attrs={"rows": 8}))
    legal_basis = forms.CharField(
        label=_("legal basis"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The statutes and articles the answer rests on."),
    )  # fmt: skip
    matter_kind = forms.ChoiceField(label=_("kind of matter"),
                                    choices=[("", "—"), *MatterKind.choices])  # fmt: skip
    keywords = forms.CharField(
        label=_("keywords and synonyms"), max_length=500, required=False,
        help_text=_("Other words people use for this question, separated by spaces or commas "
                    "(e.g. 欠薪 讨薪 老板不发工资)."),
    )  # fmt: skip
    organization = forms.ChoiceField(label=_("owning organisation"), choices=())
    published = forms.BooleanField(label=_("published on the portal"), required=False)

    def __init__(self, *args, user, perm: str, keep=None, **kwargs):
        super().__init__(*args, **kwargs)
        units = qa_services.owner_choices(user, perm)
        if keep is not None and all(u.pk != keep.pk for u in units):
            units.append(keep)
        self.fields["organization"].choices = [(u.pk, u.name) for u in units]
        if len(units) == 1 and not self.is_bound:
            self.initial.setdefault("organization", units[0].pk)

    def data_for_service(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("submission_key", None)
        return data


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("answer"), widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": _("Write the answer.")},
    )  # fmt: skip
