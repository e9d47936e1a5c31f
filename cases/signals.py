from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal, receiver

from cases.calendar import invalidate
from cases.models import CalendarDay, CalendarYear

# Sent by cases.engine.fire() after the transaction that applied a transition has committed,
# with case, transition, event and actor: the hook for side effects outside the business line,
# such as the portal texting the applicant. A failing receiver is logged, never raised.
transition_committed = Signal()

# Sent by a writer in bulk (an import, the demo) once it has written CaseLink rows with COPY
# or bulk_create, which send no post_save: `links`, the rows written. A line that keeps
# figures on links (reconsideration's not-litigated rate) answers the batch at once.
links_written = Signal()


@receiver([post_save, post_delete], sender=CalendarDay)
@receiver([post_save, post_delete], sender=CalendarYear)
def calendar_changed(sender, **kwargs):
    invalidate()
