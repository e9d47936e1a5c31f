"""Public legal service records in the change log (the phone of the person served masked)."""

from auditlog.registry import auditlog

from legalservice.models import (
    AdviserLog,
    EnterpriseCheckup,
    QaConsultation,
    QaEntry,
    ServicePoint,
    ServiceRecord,
    VillageAdviser,
)

auditlog.register(ServicePoint, exclude_fields=["updated_at"])
auditlog.register(ServiceRecord, exclude_fields=["updated_at"], mask_fields=["person_phone"])
auditlog.register(VillageAdviser)
auditlog.register(AdviserLog)
auditlog.register(EnterpriseCheckup)
auditlog.register(QaEntry, exclude_fields=["updated_at", "search_text"])
auditlog.register(QaConsultation)
