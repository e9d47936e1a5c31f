"""`{% discretion_check decision %}`: the check of a penalty decision's fine against the
discretion standard in force on the decision day (CF Art. 34; enforcement.discretion_services),
shown on the decision's staff page; a fine outside the range is flagged."""

from django import template

from enforcement.discretion_services import Outcome, check_decision

register = template.Library()


@register.inclusion_tag("enforcement/discretion/decision_flag.html")
def discretion_check(decision):
    check = check_decision(decision)
    return {"check": None if check.outcome == Outcome.NOT_CHECKED else check}
