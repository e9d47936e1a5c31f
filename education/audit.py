"""Public legal education in the change log."""

from auditlog.registry import auditlog

from education.models import (
    EducationActivity,
    Evaluation,
    ModelVillage,
    ResponsibilityItem,
    ResponsibilityList,
)

auditlog.register(EducationActivity, exclude_fields=["updated_at"])
auditlog.register(ResponsibilityList, exclude_fields=["updated_at"])
auditlog.register(ResponsibilityItem)
auditlog.register(ModelVillage, exclude_fields=["updated_at"])
auditlog.register(Evaluation, exclude_fields=["updated_at"])
