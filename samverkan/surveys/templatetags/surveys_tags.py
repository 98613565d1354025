from typing import Any

from django import template
from django.urls import reverse

from samverkan.people import policy
from samverkan.surveys import tokens
from samverkan.surveys.selectors import open_invitations_for

register = template.Library()


@register.inclusion_tag("surveys/_my_surveys.html", takes_context=True)
def my_surveys(context: dict) -> dict[str, Any]:
    """My page: the rounds I may still answer, with my own personal links."""
    request = context.get("request")
    person = policy.viewer_for(getattr(request, "user", None)).person
    rows = []
    if person is not None:
        for inv in open_invitations_for(person.pk):
            url = reverse("surveys:answer", kwargs={"token": tokens.token_for(inv.nonce)})
            rows.append({"invitation": inv, "url": url})
    return {"rows": rows}
