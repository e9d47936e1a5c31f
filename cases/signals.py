from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal, receiver

from cases.calendar import invalidate
from cases.models import CalendarDay, CalendarYear

# Sent by cases.engine.fire() after the transaction that applied a transition has committed,
# with case, transition, event and actor: the hook for side effects outside the business line,
# such as the portal texting the applicant. A failing receiver is logged, never raised.
transition_committed = Signal()


@receiver([post_save, post_delete], sender=CalendarDay)
@receiver([post_save, post_delete], sender=CalendarYear)
def calendar_changed(sender, **kwargs):
    invalidate()
