"""N5 for the network's material: reviewed against the cooperation's graphic manual."""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy

from samverkan.compliance.registry import Status, Verdict, fix_url, not_applicable, rule
from samverkan.compliance.registry import text as _
from samverkan.compliance.snapshot import NetworkFacts, Snapshot, loader
from samverkan.networks.models import Material


@loader
def load_material_facts(snap: Snapshot) -> None:
    by_id = snap.by_network_id()
    material = {
        row["network_id"]: row
        for row in Material.objects.filter(network_id__in=list(by_id))
        .values("network_id")
        .annotate(total=Count("pk"), unreviewed=Count("pk", filter=Q(reviewed_on__isnull=True)))
    }
    for i, f in by_id.items():
        f.extra["material"] = material.get(i, {"total": 0, "unreviewed": 0})


@rule("N5", gettext_lazy("Material följer den grafiska manualen"))
def n5_material(facts: NetworkFacts, snap: Snapshot) -> Verdict:
    """N5: network material can be marked reviewed against the graphic manual (warning only)."""
    counts = facts.extra.get("material", {"total": 0, "unreviewed": 0})
    url = fix_url("networks:material", slug=facts.network.slug)
    if counts["total"] == 0:
        return not_applicable("N5", _("Nätverket har inget material uppladdat."))
    if counts["unreviewed"]:
        return Verdict(
            "N5",
            Status.WARNING,
            _("%(n)d av %(total)d material är inte granskade mot den grafiska manualen.")
            % {"n": counts["unreviewed"], "total": counts["total"]},
            url,
        )
    return Verdict("N5", Status.OK, _("Allt material är granskat mot den grafiska manualen."), url)
