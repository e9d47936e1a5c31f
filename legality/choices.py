"""Classifications of legality review (合法性审核 / 审查, reference/statutes-lines.md §A, §B):
what is reviewed, the materials a submission carries, the conclusion of the opinion and the
drafting department's answer on each of its points, the kinds of counsel."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ReviewKind(models.TextChoices):
    DOCUMENT = "document", _("Normative document draft")
    DECISION = "decision", _("Major administrative decision proposal")
    CONTRACT = "contract", _("Government contract")


class MaterialCategory(models.TextChoices):
    """The materials of a submission (DEC Art. 26; 国办发〔2018〕115号 ❓; statutes-lines §B)."""

    DRAFT = "draft", _("Draft")
    EXPLANATION = "explanation", _("Drafting explanation")
    LEGAL_BASIS = "legal_basis", _("Legal basis")
    COMMENTS = "comments", _("Comments received and how they were handled")
    FAIR_COMPETITION = "fair_competition", _("Fair-competition review self-check")
    RISK_ASSESSMENT = "risk_assessment", _("Risk assessment report")
    DRAFTER_OPINION = "drafter_opinion", _("The drafting department's own legality opinion")
    OTHER = "other", _("Other material")


# What each kind must carry when it is submitted. Normative documents: 115号 ❓ (draft,
# explanation, bases, comments and how handled, the drafter's own legality opinion); major
# decisions: DEC Art. 26 (draft, legal bases, the procedures performed: the comments and the
# risk assessment, Arts. 14–24) and Art. 29(1) (drafting explanation); contracts: local
# practice ❓ (the draft contract, its basis and the drafter's opinion).
REQUIRED_MATERIALS: dict[str, tuple[str, ...]] = {
    ReviewKind.DOCUMENT: (
        MaterialCategory.DRAFT,
        MaterialCategory.EXPLANATION,
        MaterialCategory.LEGAL_BASIS,
        MaterialCategory.COMMENTS,
        MaterialCategory.DRAFTER_OPINION,
    ),
    ReviewKind.DECISION: (
        MaterialCategory.DRAFT,
        MaterialCategory.EXPLANATION,
        MaterialCategory.LEGAL_BASIS,
        MaterialCategory.COMMENTS,
        MaterialCategory.RISK_ASSESSMENT,
    ),
    ReviewKind.CONTRACT: (
        MaterialCategory.DRAFT,
        MaterialCategory.LEGAL_BASIS,
        MaterialCategory.DRAFTER_OPINION,
    ),
}


def required_materials(kind: str, market_activity: bool) -> tuple[str, ...]:
    """The categories a submission of `kind` must carry; the fair-competition self-check too
    when the draft touches the economic activity of market participants (DEC Art. 29(1);
    公平竞争审查制度)."""
    required = REQUIRED_MATERIALS.get(kind, ())
    if market_activity:
        required = (*required, MaterialCategory.FAIR_COMPETITION)
    return required


class Conclusion(models.TextChoices):
    LAWFUL = "lawful", _("Lawful")
    LAWFUL_IF_REVISED = "lawful_if_revised", _("Lawful once revised")
    UNLAWFUL = "unlawful", _("Unlawful")


class Answer(models.TextChoices):
    ADOPTED = "adopted", _("Adopted")
    NOT_ADOPTED = "not_adopted", _("Not adopted")


class CounselKind(models.TextChoices):
    LEGAL_ADVISER = "legal_adviser", _("Government legal adviser")
    GOVERNMENT_LAWYER = "government_lawyer", _("Government lawyer")


class Outcome(models.TextChoices):
    ANSWERED = "answered", _("Opinion answered")
    WITHDRAWN = "withdrawn", _("Withdrawn")
