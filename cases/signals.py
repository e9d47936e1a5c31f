from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from cases.calendar import invalidate
from cases.models import CalendarDay, CalendarYear


@receiver([post_save, post_delete], sender=CalendarDay)
@receiver([post_save, post_delete], sender=CalendarYear)
def calendar_changed(sender, **kwargs):
    invalidate()
