"""The legal-services sector in the change log (the complainant's phone masked)."""

from auditlog.registry import auditlog

from profession.models import (
    Appraiser,
    Complaint,
    ForensicInstitution,
    Inspection,
    LawFirm,
    Notary,
    NotaryOffice,
    Penalty,
    Volume,
)

for model in (LawFirm, NotaryOffice, ForensicInstitution, Notary, Appraiser, Penalty, Volume):
    auditlog.register(model)
auditlog.register(Inspection, exclude_fields=["updated_at"])
auditlog.register(Complaint, exclude_fields=["updated_at"], mask_fields=["complainant_phone"])
