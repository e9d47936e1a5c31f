"""Classifications of major administrative decisions (重大行政决策, reference/statutes-lines.md
§A, 重大行政决策程序暂行条例 = DEC): the kinds of matter (Art. 3), the procedural steps whose
evidence is kept (Arts. 10–37), the meetings that decide (Art. 30), the legality opinion's
conclusion, and the answer to a public comment (Art. 18)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MatterKind(models.TextChoices):
    """DEC Art. 3 ¶1 (1)–(5)."""

    PUBLIC_POLICY = "public_policy", _("Major public policy or measure")
    PLAN = "plan", _("Important plan")
    RESOURCES = "resources", _("Policy on natural or cultural resources or the environment")
    PROJECT = "project", _("Major public construction project")
    OTHER = "other", _("Other matter of major impact")


class Step(models.TextChoices):
    """The procedural steps a decision's evidence belongs to (DEC Arts. 10–37)."""

    START = "start", _("Start (决策启动)")
    DRAFT = "draft", _("Draft and its explanation")
    PARTICIPATION = "participation", _("Public participation (公众参与)")
    HEARING = "hearing", _("Hearing (听证)")
    EXPERT = "expert", _("Expert argumentation (专家论证)")
    RISK = "risk", _("Risk assessment (风险评估)")
    LEGALITY = "legality", _("Legality review (合法性审查)")
    COLLECTIVE = "collective", _("Collective discussion (集体讨论决定)")
    PUBLICATION = "publication", _("Publication (决策公布)")
    ARCHIVE = "archive", _("Archive (立卷归档)")
    EXECUTION = "execution", _("Execution (决策执行)")
    EVALUATION = "evaluation", _("Post-decision evaluation (决策后评估)")
    ADJUSTMENT = "adjustment", _("Adjustment or suspension (决策调整)")


#: Steps that cannot be recorded without their evidence: the risk assessment report (DEC
#: Art. 23 ✅), the experts' signed written opinions (Art. 21 ✅), the legality review opinion
#: (Art. 27 ✅), the record of the meeting (Art. 31 ✅: 集体讨论决定情况应当如实记录).
EVIDENCE_REQUIRED = (Step.RISK, Step.EXPERT, Step.LEGALITY, Step.COLLECTIVE)


class MeetingType(models.TextChoices):
    """DEC Art. 30: the government's executive or plenary meeting; a department (Art. 42,
    参照) decides at its own leadership meeting."""

    EXECUTIVE = "executive", _("Executive meeting (常务会议)")
    PLENARY = "plenary", _("Plenary meeting (全体会议)")
    DEPARTMENT = "department", _("Department leadership meeting (局务会议)")


class MeetingResult(models.TextChoices):
    ADOPTED = "adopted", _("Adopted")
    DEFERRED = "deferred", _("Deferred for further study")


class Conclusion(models.TextChoices):
    """The legality review opinion's conclusion (DEC Art. 27–28)."""

    LAWFUL = "lawful", _("Lawful")
    LAWFUL_IF_REVISED = "lawful_if_revised", _("Lawful once revised")
    UNLAWFUL = "unlawful", _("Unlawful")


class Answer(models.TextChoices):
    ADOPTED = "adopted", _("Adopted")
    NOT_ADOPTED = "not_adopted", _("Not adopted")


class Outcome(models.TextChoices):
    DECIDED = "decided", _("Decided")
    ABANDONED = "abandoned", _("Not pursued")
