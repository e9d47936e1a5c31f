"""Litigation models in the change log (django-auditlog): who changed what, when. The case
itself is also traced by its events (cases.CaseEvent); hearings and judicial recommendations
are written only by its transitions."""

from auditlog.registry import auditlog

from litigation.models import Hearing, LitigationCase, LitigationParty, Recommendation

auditlog.register(LitigationCase, exclude_fields=["updated_at"])
auditlog.register(LitigationParty)
auditlog.register(Hearing)
auditlog.register(Recommendation)
