"""The notice of a comment on a draft year plan (issue 16, point 11): the secretariat's comment
reaches the network's coordinators; a coordinator's answer reaches the secretariat."""

from django.utils import timezone
from django.utils.translation import gettext as _

from samverkan.networks.models import Membership, YearPlanComment
from samverkan.notifications.services import notify_in_their_language
from samverkan.people.models import Person
from samverkan.people.selectors import secretariat


def _coordinators(comment: YearPlanComment) -> list[Person]:
    rows = Membership.objects.on(timezone.localdate()).filter(
        network_id=comment.network_id, role=Membership.Role.COORDINATOR
    )
    return [m.person for m in rows.select_related("person")]


def plan_commented(comment: YearPlanComment) -> None:
    """One key per comment, so that a comment reaches each person once; its author is not told."""
    plan = comment.plan
    recipients = _coordinators(comment) if comment.from_secretariat else list(secretariat())
    recipients = [p for p in recipients if p.pk != comment.author_id]

    def render() -> tuple[str, str]:
        values = {"name": plan.network.name, "year": plan.year}
        if comment.from_secretariat:
            subject = _("Sekretariatet har kommenterat årsplanen %(year)s för %(name)s")
        else:
            subject = _("Ny kommentar till årsplanen %(year)s för %(name)s")
        return subject % values, comment.text

    notify_in_their_language(
        recipients,
        render=render,
        kind="plan_comment",
        key=f"plan-comment:{comment.pk}",
        network=plan.network,
        about=comment,
    )
