"""Who may keep a network's material (N5) and read a question to the secretariat (ST1)."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from samverkan.networks.access import can_manage_meetings, can_see_network, get_network_for
from samverkan.networks.models import Material, Network, Question
from samverkan.people.access import viewer_for


def can_manage_material(user: Any, network: Network) -> bool:
    """N5: the coordinator and secretary keep the network's material."""
    return can_manage_meetings(user, network)


def require_can_manage_material(user: Any, network: Network) -> None:
    if not can_manage_material(user, network):
        raise PermissionDenied(_("Du får inte lägga till material i det här nätverket."))


def can_see_question(user: Any, question: Question) -> bool:
    """ST1: the thread is between the asker and the secretariat."""
    viewer = viewer_for(user)
    return viewer.is_secretariat or (
        viewer.person is not None and viewer.person.pk == question.asker_id
    )


def require_can_see_question(user: Any, question: Question) -> None:
    if not can_see_question(user, question):
        raise PermissionDenied(_("Frågan är mellan den som frågade och sekretariatet."))


def visible_questions(user: Any, network: Network) -> QuerySet[Question]:
    """The network's questions the user may read: their own; the secretariat, every one."""
    rows = network.questions.select_related("asker", "network")
    viewer = viewer_for(user)
    if viewer.is_secretariat:
        return rows
    return rows.filter(asker=viewer.person) if viewer.person else rows.none()


def get_material_for(user: Any, slug: str, pk: int) -> Material:
    """A piece of a network's material; reviewing it is the secretariat's (the service asks)."""
    network = get_network_for(user, slug)
    material = Material.objects.filter(pk=pk, network=network).first()
    if material is None:
        raise Http404
    return material


def get_material_file_for(user: Any, pk: int) -> Material:
    """A piece of material whose file is asked for: every reader of the network may read it
    (as the material page); to others it does not exist."""
    material = Material.objects.select_related("network").filter(pk=pk).first()
    if material is None or not can_see_network(user, material.network):
        raise Http404(_("Filen finns inte."))
    return material


def get_question_for(user: Any, slug: str, pk: int) -> Question:
    """A question's thread: to anyone but the asker and the secretariat it does not exist."""
    network = get_network_for(user, slug)
    question = Question.objects.select_related("asker").filter(pk=pk, network=network).first()
    if question is None or not can_see_question(user, question):
        raise Http404(_("Frågan finns inte."))
    question.network = network
    return question
