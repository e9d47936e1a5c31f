"""The enforcement registers in the change log (the ID number masked, its index left out)."""

from auditlog.registry import auditlog

from enforcement.models import (
    AnnualReview,
    Certificate,
    EnforcementBody,
    ExamCandidate,
    ExamSitting,
    Officer,
    Power,
    PowerTransfer,
    Suspension,
    Training,
)

auditlog.register(EnforcementBody, exclude_fields=["updated_at"])
auditlog.register(Power)
auditlog.register(PowerTransfer)
auditlog.register(
    Officer, exclude_fields=["id_number_index", "updated_at"], mask_fields=["id_number"]
)
auditlog.register(Training)
auditlog.register(ExamSitting)
auditlog.register(ExamCandidate)
auditlog.register(Certificate)
auditlog.register(Suspension)
auditlog.register(AnnualReview)

# Slice 2: decisions reported one by one and their publication and withdrawal (an import in
# bulk writes no row per decision, like the other lines' imports).
from enforcement.decision_models import Decision  # noqa: E402

auditlog.register(Decision, exclude_fields=["updated_at"], mask_fields=["party_id_number"])

# Slice 3: complaints and their dispatches (the complainant's phone masked).
from enforcement.complaint_models import Complaint, Dispatch, DispatchRound  # noqa: E402

auditlog.register(Complaint, exclude_fields=["updated_at"], mask_fields=["complainant_phone"])
auditlog.register(Dispatch, exclude_fields=["updated_at"])
auditlog.register(DispatchRound)

# Slice 4: case-file review.
from enforcement.review_models import Rectification, ReviewCampaign, ReviewedFile  # noqa: E402

auditlog.register(ReviewCampaign)
auditlog.register(ReviewedFile)
auditlog.register(Rectification)

# Slice 5: discretion standards, their items and lenient lists.
from enforcement.discretion_models import (  # noqa: E402
    DiscretionItem,
    DiscretionStandard,
    LenientEntry,
)

auditlog.register(DiscretionStandard)
auditlog.register(DiscretionItem)
auditlog.register(LenientEntry)
