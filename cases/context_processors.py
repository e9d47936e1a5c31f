from django.utils import timezone

from cases.notifications import unread_count


def notifications(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": unread_count(user), **_calendar_banner(user)}


def _calendar_banner(user) -> dict:
    """From 1 October, system administrators and bureau leaders are told when next year's
    holiday schedule is still missing (their periods into it are 暂定)."""
    if not (user.is_superuser or user.has_role("system_admin", "leader")):
        return {}
    from cases.calendar import missing_next_year

    year = missing_next_year(timezone.localdate())
    if year is None:
        return {}
    return {
        "calendar_missing_year": year,
        "calendar_can_enter": user.is_superuser or user.can("cases.change_calendaryear"),
    }
