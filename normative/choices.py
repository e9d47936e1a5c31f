"""Classifications of administrative normative documents (行政规范性文件,
reference/statutes-lines.md §B): the two kinds, the status a document has on a given day, the
decisions of a clean-up campaign (清理) and the opinions of filing review (备案审查)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class DocumentKind(models.TextChoices):
    """§B Definition: two kinds, 政府 and 部门."""

    GOVERNMENT = "government", _("Government normative document")
    DEPARTMENT = "department", _("Department normative document")


class Status(models.TextChoices):
    """The status of a published document on a day (§B.8: 有效 / 失效 / 废止 / 修改), computed
    on read from its dates (normative.validity.status_on), never stored."""

    NOT_YET = "not_yet", _("Not yet in effect")
    VALID = "valid", pgettext_lazy("normative status", "In force")
    EXPIRED = "expired", pgettext_lazy("normative status", "Expired")
    REPEALED = "repealed", pgettext_lazy("normative status", "Repealed")
    AMENDED = "amended", pgettext_lazy("normative status", "Amended")


class CleanupDecision(models.TextChoices):
    """§B.9: the lists of a clean-up: 继续有效 (保留), 修改, 废止, 失效."""

    KEEP = "keep", pgettext_lazy("normative cleanup", "Keep")
    AMEND = "amend", pgettext_lazy("normative cleanup", "Amend")
    REPEAL = "repeal", pgettext_lazy("normative cleanup", "Repeal")
    DECLARE_EXPIRED = "declare_expired", _("Declare expired")


class FilingOpinion(models.TextChoices):
    """Filing review (§B.7, BAS Art. 3 "有错必纠"): no problem found, or a suggestion to
    correct or to revoke the document, whose answer is tracked."""

    NO_PROBLEM = "no_problem", _("No problem found")
    CORRECT = "correct", _("Suggestion to correct")
    REVOKE = "revoke", _("Suggestion to revoke")
