from auditlog.registry import auditlog

from reports.models import Report, Section

auditlog.register(Report, exclude_fields=["updated_at"])
auditlog.register(Section, exclude_fields=["updated_at"])
