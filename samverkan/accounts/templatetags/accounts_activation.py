"""{% activation_badge person %}: "not activated" and a resend button, for the secretariat's
eyes only, beside a person on the lists that name people (issue 12, item 5). Reads only
`person.user`: the list's query selects it, so the page stays flat in queries."""

from typing import Any

from django import template

from samverkan.accounts.activation.services import has_activated
from samverkan.people.access import is_secretariat

register = template.Library()


@register.inclusion_tag("accounts/activation/_badge.html", takes_context=True)
def activation_badge(context: template.Context, person: Any) -> dict[str, Any]:
    request = context.get("request")
    show = (
        request is not None
        and person is not None
        and person.anonymised_on is None
        and is_secretariat(request.user)
        and not has_activated(person)
    )
    return {
        "show": show,
        "person": person,
        "next": request.get_full_path() if request is not None else "",
        "csrf_token": context.get("csrf_token"),
    }
