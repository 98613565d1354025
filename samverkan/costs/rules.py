"""PR2 in the compliance registry: a network that shares costs has them all allocated."""

from collections import Counter

from django.utils.translation import gettext_lazy, ngettext

from samverkan.agreements.rules import agreement_facts
from samverkan.compliance.registry import Status, Verdict, fix_url, not_applicable, rule
from samverkan.compliance.registry import text as _
from samverkan.compliance.snapshot import NetworkFacts, Snapshot, loader
from samverkan.costs.models import Cost
from samverkan.networks.rules import not_active


@loader
def load_costs(snap: Snapshot) -> None:
    """Two queries: costs per network, and those that could not be allocated."""
    ids = [f.network.pk for f in snap.networks]
    total = Counter(
        Cost.objects.filter(network_id__in=ids, date__lte=snap.as_of).values_list(
            "network_id", flat=True
        )
    )
    unallocated: dict[int, list[str]] = {}
    for network_id, description, date in Cost.objects.filter(
        network_id__in=ids,
        date__lte=snap.as_of,
        state=Cost.State.UNALLOCATED,
        credit_of__isnull=True,
        credit__isnull=True,
    ).values_list("network_id", "description", "date"):
        unallocated.setdefault(network_id, []).append(f"{description} ({date.isoformat()})")
    for f in snap.networks:
        f.extra["costs"] = {
            "count": total.get(f.network.pk, 0),
            "unallocated": unallocated.get(f.network.pk, []),
        }


@rule("PR2", gettext_lazy("Kostnader fördelas efter folkmängd"))
def pr2_costs_allocated(facts: NetworkFacts, snap: Snapshot) -> Verdict:
    """PR2: where the agreement shares costs, every cost is allocated to the municipalities;
    a cost that could not be (e.g. no population figure on its date) is a warning."""
    if skip := not_active("PR2", facts):
        return skip
    sharing = agreement_facts(facts).params.cost_sharing
    data = facts.extra.get("costs", {"count": 0, "unallocated": []})
    url = fix_url("costs:network", slug=facts.network.slug)
    if not sharing:
        return not_applicable(
            "PR2",
            _("Nätverkets överenskommelse fördelar inga kostnader på kommunerna."),
        )
    if data["unallocated"]:
        return Verdict(
            "PR2",
            Status.WARNING,
            ngettext(
                "%(n)d kostnad kunde inte fördelas: %(list)s.",
                "%(n)d kostnader kunde inte fördelas: %(list)s.",
                len(data["unallocated"]),
            )
            % {"n": len(data["unallocated"]), "list": "; ".join(data["unallocated"][:3])},
            url,
        )
    return Verdict(
        "PR2",
        Status.OK,
        ngettext(
            "%(n)d kostnad, fördelad på kommunerna.",
            "%(n)d kostnader, alla fördelade på kommunerna.",
            data["count"],
        )
        % {"n": data["count"]},
        url,
    )
