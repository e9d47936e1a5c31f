"""Forms to enter a year's holiday schedule: the notice's text, or the holidays one by one."""

from __future__ import annotations

import datetime
import re

from django import forms
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _

from cases.forms import DateInput
from cases.holidays import HOLIDAY_ORDER, statutory_days
from core import fields

# The items of a State Council notice, in its order; 中秋 may share an item with 国庆.
HOLIDAYS = ("元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节")


class NoticeForm(forms.Form):
    text = forms.CharField(
        label=_("Text of the State Council notice"),
        help_text=_(
            "Paste the whole notice (国务院办公厅关于YYYY年部分节假日安排的通知), from its title to its "
            "date. Fazhi reads the holidays and the make-up working days and shows them for "
            "confirmation before anything is saved."
        ),
        widget=forms.Textarea(attrs={"rows": 14}),
        max_length=20000,
    )


class ScheduleFieldsForm(forms.Form):
    """The schedule typed in: for each holiday its first and last day off and the make-up
    working days (调休上班日) it brings."""

    year = fields.IntegerField(label=_("year"), min_value=2000, max_value=2200)
    document_number = forms.CharField(label=_("document number"), max_length=64, required=False)
    issued_on = forms.DateField(label=_("issued on"), required=False, widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for index, name in enumerate(HOLIDAYS):
            self.fields[f"h{index}_start"] = forms.DateField(
                label=_("%(holiday)s: first day off") % {"holiday": name},
                required=False,
                widget=DateInput(),
            )
            self.fields[f"h{index}_end"] = forms.DateField(
                label=_("%(holiday)s: last day off") % {"holiday": name},
                required=False,
                widget=DateInput(),
            )
            self.fields[f"h{index}_workdays"] = forms.CharField(
                label=_("%(holiday)s: make-up working days") % {"holiday": name},
                required=False,
                max_length=200,
                help_text=_("Dates separated by commas, e.g. 2027-02-20, 2027-02-27."),
            )

    def rows(self):
        return [
            (name, self[f"h{i}_start"], self[f"h{i}_end"], self[f"h{i}_workdays"])
            for i, name in enumerate(HOLIDAYS)
        ]

    def clean(self):
        data = super().clean()
        spans = []
        for index, name in enumerate(HOLIDAYS):
            start, end = data.get(f"h{index}_start"), data.get(f"h{index}_end")
            raw = data.get(f"h{index}_workdays") or ""
            if not start and not end and not raw.strip():
                continue
            if not start or not end:
                self.add_error(
                    f"h{index}_start" if not start else f"h{index}_end",
                    _t("Give both the first and the last day off of %(holiday)s.")
                    % {"holiday": name},
                )
                continue
            if end < start:
                self.add_error(f"h{index}_end", _t("The last day is before the first."))
                continue
            workdays = []
            for part in [p for p in re.split(r"[,，、\s]+", raw) if p]:
                try:
                    workdays.append(datetime.date.fromisoformat(part))
                except ValueError:
                    self.add_error(
                        f"h{index}_workdays",
                        _t("“%(value)s” is not a date (YYYY-MM-DD).") % {"value": part},
                    )
            spans.append((name, start, end, tuple(workdays)))
        if not spans and not self.errors:
            raise forms.ValidationError(_t("Enter at least one holiday."))
        data["spans"] = spans
        return data

    def schedule(self):
        from cases.holiday_notice import HolidaySchedule, HolidaySpan

        data = self.cleaned_data
        return HolidaySchedule(
            year=data["year"],
            spans=tuple(
                HolidaySpan(name=name, start=start, end=end, workdays=workdays)
                for name, start, end, workdays in data["spans"]
            ),
            document_number=data.get("document_number") or "",
            issued_on=data.get("issued_on"),
        )

    @classmethod
    def initial_for(cls, year: int) -> dict:
        """The statutory days of `year` as a starting point (the swaps are the notice's)."""
        initial: dict = {"year": year}
        by_index: dict[int, list[datetime.date]] = {}
        for day, key in statutory_days(year):
            by_index.setdefault(HOLIDAY_ORDER.index(key), []).append(day)
        for index, dates in by_index.items():
            initial[f"h{index}_start"], initial[f"h{index}_end"] = min(dates), max(dates)
        return initial
