from core.navigation import menu_for


def navigation(request):
    user = getattr(request, "user", None)
    if user is None:
        return {}
    membership = user.primary_membership if user.is_authenticated else None
    return {"menu": menu_for(user), "current_membership": membership}
