"""Case-engine records in the change log. Case models register themselves in their app's
audit module; events are their own append-only log."""

from auditlog.registry import auditlog

from cases.models import Attachment, CalendarDay, CalendarYear, GeneratedDocument, NumberingRule

auditlog.register(Attachment)
auditlog.register(GeneratedDocument)
auditlog.register(NumberingRule)
auditlog.register(CalendarDay)
auditlog.register(CalendarYear)
