"""Who may see and change a network's agreement and the work it governs (STYLE habit 5).

One predicate per kind of object says who may change it; the service asks it, and so do the
getters the pages and the API use, so a change of who may edit a matter is made here alone.
The agreement, its business plans and chairs are shown to every reader of the network;
matters, mandates, working groups and onboarding are internal (members and the secretariat).
"""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from samverkan.agreements.models import (
    Chairmanship,
    FocusArea,
    Matter,
    OnboardingTask,
    WorkingGroup,
)
from samverkan.networks.access import (
    can_edit_network,
    can_manage_meetings,
    can_read_internal,
    get_network_for,
)
from samverkan.networks.models import Network
from samverkan.people.access import viewer_for

NetworkPredicate = Callable[[Any, Network], bool]


# ---- predicates -------------------------------------------------------------------------------


def can_edit_agreement(user: Any, network: Network) -> bool:
    """The agreement's versions: the network's editors."""
    return can_edit_network(user, network)


def can_record_review(user: Any, network: Network, *, at_meeting: bool = False) -> bool:
    """CO2: the editors record the year's review; recorded at a meeting (from its minutes),
    it is the secretary's act too (SPEC §1)."""
    return can_edit_network(user, network) or (at_meeting and can_manage_meetings(user, network))


def can_see_work(user: Any, network: Network) -> bool:
    """Matters, mandates, working groups and onboarding are internal to the network."""
    return can_read_internal(user, network)


def can_edit_matters(user: Any, network: Network) -> bool:
    """F1-F3: matters and their mandates."""
    return can_edit_network(user, network)


def can_edit_working_groups(user: Any, network: Network) -> bool:
    """F4: working groups and their contacts."""
    return can_edit_network(user, network)


def can_edit_business_plan(user: Any, network: Network) -> bool:
    """PR1, CO3: the business plan and its focus areas."""
    return can_edit_network(user, network)


def can_appoint_chairs(user: Any, network: Network) -> bool:
    """CH2: appointing and withdrawing the chairs."""
    return can_edit_network(user, network)


def can_complete_onboarding_task(user: Any, task: OnboardingTask) -> bool:
    """PR3: the representative named on an onboarding task, or an editor of its network."""
    viewer = viewer_for(user)
    if viewer.person is not None and viewer.person.pk == task.representative_id:
        return True
    return can_edit_network(user, task.network)


# ---- for services: the object is in hand --------------------------------------------------------


def _refuse() -> PermissionDenied:
    return PermissionDenied(_("Du får inte ändra i det här nätverket."))


def require_can_edit_agreement(user: Any, network: Network) -> None:
    if not can_edit_agreement(user, network):
        raise _refuse()


def require_can_record_review(user: Any, network: Network, *, at_meeting: bool = False) -> None:
    if not can_record_review(user, network, at_meeting=at_meeting):
        raise _refuse()


def require_can_edit_matters(user: Any, network: Network) -> None:
    if not can_edit_matters(user, network):
        raise _refuse()


def require_can_edit_working_groups(user: Any, network: Network) -> None:
    if not can_edit_working_groups(user, network):
        raise _refuse()


def require_can_edit_business_plan(user: Any, network: Network) -> None:
    if not can_edit_business_plan(user, network):
        raise _refuse()


def require_can_appoint_chairs(user: Any, network: Network) -> None:
    if not can_appoint_chairs(user, network):
        raise _refuse()


def require_can_complete_onboarding_task(user: Any, task: OnboardingTask) -> None:
    if not can_complete_onboarding_task(user, task):
        raise PermissionDenied(_("Du får inte ändra den här uppgiften."))


# ---- getters ----------------------------------------------------------------------------------


def _network(
    user: Any, slug: str, *, internal: bool, write: bool, may_change: NetworkPredicate
) -> Network:
    network = get_network_for(user, slug)
    if write:
        if not may_change(user, network):
            raise _refuse()
    elif internal and not can_see_work(user, network):
        raise PermissionDenied(_("Uppgifterna är till för nätverkets medlemmar."))
    return network


def _one[M: Model](queryset: QuerySet[M], **lookup: Any) -> M:
    found = queryset.filter(**lookup).first()
    if found is None:
        raise Http404
    return found


def get_agreement_network_for(user: Any, slug: str, *, write: bool = False) -> Network:
    """The network whose agreement is read (every reader) or changed (can_edit_agreement)."""
    return _network(user, slug, internal=False, write=write, may_change=can_edit_agreement)


def get_review_network_for(user: Any, slug: str, *, meeting_id: int | None = None) -> Network:
    """The network whose yearly review is recorded (can_record_review)."""
    network = get_network_for(user, slug)
    require_can_record_review(user, network, at_meeting=meeting_id is not None)
    return network


def get_matters_network_for(user: Any, slug: str, *, write: bool = False) -> Network:
    """The network whose matters and mandates are read (members) or added (can_edit_matters)."""
    return _network(user, slug, internal=True, write=write, may_change=can_edit_matters)


def get_matter_for(
    user: Any,
    slug: str,
    pk: int,
    *,
    write: bool = False,
    queryset: QuerySet[Matter] | None = None,
) -> Matter:
    network = get_matters_network_for(user, slug)
    matter = _one(
        queryset if queryset is not None else Matter.objects.all(), pk=pk, network=network
    )
    matter.network = network
    if write:
        require_can_edit_matters(user, network)
    return matter


def get_working_groups_network_for(user: Any, slug: str, *, write: bool = False) -> Network:
    return _network(user, slug, internal=True, write=write, may_change=can_edit_working_groups)


def get_working_group_for(
    user: Any,
    slug: str,
    pk: int,
    *,
    write: bool = False,
    queryset: QuerySet[WorkingGroup] | None = None,
) -> WorkingGroup:
    network = get_working_groups_network_for(user, slug)
    group = _one(
        queryset if queryset is not None else WorkingGroup.objects.all(), pk=pk, network=network
    )
    group.network = network
    if write:
        require_can_edit_working_groups(user, network)
    return group


def get_business_plan_network_for(user: Any, slug: str, *, write: bool = False) -> Network:
    """Business plans are read by every reader of the network (PR1)."""
    return _network(user, slug, internal=False, write=write, may_change=can_edit_business_plan)


def get_focus_area_for(user: Any, slug: str, year: int, pk: int) -> FocusArea:
    """A focus area of a year's business plan, to change (can_edit_business_plan)."""
    network = get_business_plan_network_for(user, slug, write=True)
    return _one(
        FocusArea.objects.select_related("business_plan__network"),
        pk=pk,
        business_plan__network=network,
        business_plan__year=year,
    )


def get_chairs_network_for(user: Any, slug: str, *, write: bool = False) -> Network:
    return _network(user, slug, internal=False, write=write, may_change=can_appoint_chairs)


def get_chairmanship_for(user: Any, slug: str, pk: int) -> Chairmanship:
    """A chairmanship, to withdraw (can_appoint_chairs)."""
    network = get_chairs_network_for(user, slug, write=True)
    return _one(Chairmanship.objects.select_related("network"), pk=pk, network=network)


def get_onboarding_network_for(user: Any, slug: str) -> Network:
    """The network whose onboarding tasks are listed (members and the secretariat)."""
    return _network(user, slug, internal=True, write=False, may_change=can_edit_network)


def get_onboarding_task_for(
    user: Any, slug: str, pk: int, *, write: bool = False
) -> OnboardingTask:
    network = get_onboarding_network_for(user, slug)
    task = _one(
        OnboardingTask.objects.select_related("network", "membership__person", "representative"),
        pk=pk,
        network=network,
    )
    if write:
        require_can_complete_onboarding_task(user, task)
    return task
