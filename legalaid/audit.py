"""Legal aid models in the change log (django-auditlog): who changed what, when. The case
itself is also traced by its events (cases.CaseEvent); the draw records are append-only
evidence that the published result is the one drawn."""

from auditlog.registry import auditlog

from legalaid.models import (
    AidCase,
    AidParty,
    Consultation,
    Criterion,
    Draw,
    Evaluation,
    Exemption,
    OptIn,
    PoolMember,
    Progress,
    Removal,
    Subsidy,
    SubsidyRate,
)

auditlog.register(AidCase, exclude_fields=["updated_at"])
auditlog.register(AidParty)
auditlog.register(Exemption)
auditlog.register(PoolMember)
auditlog.register(Draw)
auditlog.register(OptIn)
auditlog.register(Progress)
auditlog.register(Criterion)
auditlog.register(Evaluation)
auditlog.register(Removal)
auditlog.register(SubsidyRate)
auditlog.register(Subsidy)
auditlog.register(Consultation)
