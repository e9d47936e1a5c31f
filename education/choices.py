"""Classifications of public legal education (普法, reference/statutes-lines.md §F): the forms an
activity takes, who it reaches, and the levels of the 民主法治示范村（社区） title."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ActivityForm(models.TextChoices):
    LECTURE = "lecture", _("Lecture")
    EXHIBITION = "exhibition", _("Exhibition or display boards")
    CONSULTATION = "consultation", _("On-site legal consultation")
    CASE_EXPLANATION = "case_explanation", _("Explaining the law through cases")
    LIVE_STREAM = "live_stream", _("Online live stream")
    ONLINE_POST = "online_post", _("Online article or video")
    CONSTITUTION_WEEK = "constitution_week", _("Constitution Week event")
    LAW_MONTH = "law_month", _("December law-education month event")
    COMPETITION = "competition", _("Law knowledge contest")
    PERFORMANCE = "performance", _("Cultural performance on the law")
    OTHER = "other", _("Other")


class AudienceKind(models.TextChoices):
    PUBLIC = "public", _("General public")
    OFFICIALS = "officials", _("State functionaries")
    YOUTH = "youth", _("Young people and students")
    VILLAGERS = "villagers", _("Village and community residents")
    ENTERPRISES = "enterprises", _("Enterprises and their staff")
    MIGRANT_WORKERS = "migrant_workers", _("Migrant workers")
    ELDERLY = "elderly", _("Elderly people")
    OTHER = "other", _("Other")


class TitleLevel(models.TextChoices):
    NATIONAL = "national", _("National level")
    PROVINCIAL = "provincial", _("Provincial level")
    CITY = "city", _("City level")


class Grade(models.TextChoices):
    EXCELLENT = "excellent", _("Excellent")
    GOOD = "good", _("Good")
    PASS = "pass", _("Pass")
    FAIL = "fail", _("Fail")


class VoteRating(models.TextChoices):
    """The public's rating of an agency in the yearly evaluation (履职评议)."""

    SATISFIED = "satisfied", _("Satisfied")
    FAIRLY = "fairly_satisfied", _("Fairly satisfied")
    DISSATISFIED = "dissatisfied", _("Dissatisfied")
