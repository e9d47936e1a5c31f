"""Mediation models in the change log."""

from auditlog.registry import auditlog

from mediation.models import (
    Committee,
    Dispute,
    DisputeParty,
    FollowUp,
    Mediator,
    Screening,
    Session,
)

auditlog.register(Dispute, exclude_fields=["updated_at"])
auditlog.register(DisputeParty)
auditlog.register(Session)
auditlog.register(FollowUp)
auditlog.register(Committee)
auditlog.register(Mediator)
auditlog.register(Screening)
