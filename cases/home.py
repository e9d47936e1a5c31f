"""The case engine's panel on the home page (core.navigation.register_home_panel): the user's
worklist in numbers, counted as "My work" (cases.selectors.worklist) lists them, and for the
roles that see deadline health, the running deadlines of the whole jurisdiction. Counts only:
no case or party is named on the home page."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db.models import Count, Q

from cases.clocks import local_today
from cases.models import ClockState
from cases.process import registry
from cases.selectors import staff_clocks
from core.navigation import HomePanel, register_home_panel

# The roles whose "My work" shows deadline health by organisation (cases.selectors.worklist).
JURISDICTION_ROLES = ("leader", "section_staff", "system_admin", "office_staff")


def work_panel(request) -> dict | None:
    user = request.user
    memberships = user.active_memberships()
    if not memberships:
        return None
    today = local_today()
    soon = today + datetime.timedelta(days=settings.FAZHI_DUE_SOON_DAYS)
    due_soon = Q(due_date__gte=today, due_date__lte=soon)
    overdue = Q(due_date__lt=today)
    team = [m.organization_id for m in memberships]
    mine = unclaimed = 0
    for model in registry.models():
        counts = (
            model.objects.restrict(user, "view")
            .filter(closed_at__isnull=True)
            .aggregate(
                mine=Count("id", filter=Q(assignee=user)),
                unclaimed=Count("id", filter=Q(assignee__isnull=True, team_id__in=team)),
            )
        )
        mine += counts["mine"]
        unclaimed += counts["unclaimed"]
    running = staff_clocks(user).filter(state=ClockState.RUNNING)
    own = running.filter(assignee=user).aggregate(
        due_soon=Count("id", filter=due_soon), overdue=Count("id", filter=overdue)
    )
    jurisdiction = None
    if user.has_role(*JURISDICTION_ROLES):
        jurisdiction = running.aggregate(
            running=Count("id"),
            due_soon=Count("id", filter=due_soon),
            overdue=Count("id", filter=overdue),
        )
    return {
        # A leader oversees and is not assigned cases: their home counts the jurisdiction's.
        "personal": any(m.role != "leader" for m in memberships),
        "mine": mine,
        "unclaimed": unclaimed,
        "due_soon": own["due_soon"],
        "overdue": own["overdue"],
        "jurisdiction": jurisdiction,
    }


register_home_panel(
    HomePanel(key="work", order=10, template="cases/_home_work.html", context=work_panel)
)
