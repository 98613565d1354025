"""Checks of meetings (SPEC §2): CH1 (about ten meetings a year), CO1 (no substitutes) and P3
(attendance recorded and shown per municipality). CO2 is checked by the agreements app from the
review that approved minutes record (services.approve_minutes).

The loader adds what these rules read to the snapshot in four queries for any number of
networks; the rules themselves never query."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy

from samverkan.agreements.selectors import AgreementParameters, parameters_for
from samverkan.compliance.registry import Status, Verdict, fix_url, not_applicable, rule
from samverkan.compliance.registry import text as _
from samverkan.compliance.snapshot import NetworkFacts, Snapshot, loader
from samverkan.meetings.models import STOCKHOLM, Attendance, Meeting
from samverkan.networks.rules import not_active

# CH1: a warning below this share of the agreement's number of meetings.
CH1_SHARE = 0.8


@dataclass
class MeetingFacts:
    params: AgreementParameters
    held: list[datetime.date] = field(default_factory=list)  # days of held meetings
    planned: int = 0  # held and still to come, not cancelled
    substitutes: int = 0
    attendance_rows: int = 0
    present: dict[int, int] = field(default_factory=dict)  # municipality → meetings present


def meeting_facts(facts: NetworkFacts) -> MeetingFacts:
    return facts.extra.get("meetings") or MeetingFacts(params=AgreementParameters())


@loader
def load_meetings(snap: Snapshot) -> None:
    ids = [f.network.pk for f in snap.networks]
    year = snap.year
    cutoff = datetime.datetime.combine(
        snap.as_of + datetime.timedelta(days=1), datetime.time(), tzinfo=STOCKHOLM
    )
    params = parameters_for(ids, snap.as_of)
    out = {i: MeetingFacts(params=params[i]) for i in ids}
    in_year = Meeting.objects.in_year(year).planned().filter(network_id__in=ids)
    for network_id, starts_at in in_year.values_list("network_id", "starts_at"):
        out[network_id].planned += 1
        if starts_at < cutoff:
            out[network_id].held.append(starts_at.astimezone(STOCKHOLM).date())
    held = in_year.filter(starts_at__lt=cutoff)
    for row in (
        Attendance.objects.filter(meeting__in=held)
        .values("meeting__network_id")
        .annotate(rows=Count("pk"), substitutes=Count("pk", filter=Q(substitute=True)))
    ):
        facts = out[row["meeting__network_id"]]
        facts.attendance_rows, facts.substitutes = row["rows"], row["substitutes"]
    for network_id, municipality_id, meetings in (
        Attendance.objects.filter(meeting__in=held, status=Attendance.Status.PRESENT)
        .exclude(municipality=None)
        .values("meeting__network_id", "municipality_id")
        .annotate(meetings=Count("meeting_id", distinct=True))
        .values_list("meeting__network_id", "municipality_id", "meetings")
    ):
        out[network_id].present[municipality_id] = meetings
    for f in snap.networks:
        f.extra["meetings"] = out[f.network.pk]


def _list_url(facts: NetworkFacts, name: str = "list") -> str:
    return fix_url(f"meetings:{name}", slug=facts.network.slug)


@rule("CH1", gettext_lazy("Ungefär tio möten per år"))
def ch1_meetings_per_year(facts: NetworkFacts, snap: Snapshot) -> Verdict:
    """CH1: held and planned meetings of the year reach the agreement's number; a warning
    below 80 %."""
    if skip := not_active("CH1", facts):
        return skip
    m = meeting_facts(facts)
    target = m.params.meetings_per_year
    if not target:
        return not_applicable(
            "CH1",
            _("Nätverkets överenskommelse anger inget antal möten per år."),
        )
    values = {"count": m.planned, "target": target, "year": snap.year}
    if m.planned < target * CH1_SHARE:
        return Verdict(
            "CH1",
            Status.WARNING,
            _(
                "%(count)s av %(target)s möten är hållna eller planerade %(year)s, under 80 %% av "
                "överenskommelsens antal."
            )
            % values,
            fix_url("meetings:plan_year", slug=facts.network.slug),
        )
    return Verdict(
        "CH1",
        Status.OK,
        _("%(count)s av %(target)s möten är hållna eller planerade %(year)s.") % values,
        _list_url(facts),
    )


@rule("CO1", gettext_lazy("Deltagandet är personligt: inga ersättare"))
def co1_no_substitutes(facts: NetworkFacts, snap: Snapshot) -> Verdict:
    """CO1: where the agreement allows no substitutes, nobody but members is on the year's
    attendance lists (the service refuses them; this finds any that slipped in, e.g. after a
    membership was ended back in time)."""
    if skip := not_active("CO1", facts):
        return skip
    m = meeting_facts(facts)
    if m.params.substitutes_allowed:
        return not_applicable("CO1", _("Nätverkets överenskommelse tillåter ersättare."))
    if m.substitutes:
        return Verdict(
            "CO1",
            Status.WARNING,
            _("%(n)s närvaroposter %(year)s gäller personer som inte var medlemmar på mötesdagen.")
            % {"n": m.substitutes, "year": snap.year},
            _list_url(facts),
        )
    return Verdict(
        "CO1",
        Status.OK,
        _("Bara nätverkets medlemmar står på årets närvarolistor."),
        _list_url(facts),
    )


@rule("P3", gettext_lazy("Deltagarna bidrar aktivt: närvaro registreras per kommun"))
def p3_attendance(facts: NetworkFacts, snap: Snapshot) -> Verdict:
    """P3: attendance is recorded; a municipality absent from more than half of the year's
    held meetings (since it joined) shows as a warning."""
    if skip := not_active("P3", facts):
        return skip
    m = meeting_facts(facts)
    url = _list_url(facts, "statistics")
    if not m.held:
        return not_applicable(
            "P3",
            _("Inga möten är hållna %(year)s ännu.") % {"year": snap.year},
        )
    if not m.attendance_rows:
        return Verdict(
            "P3",
            Status.WARNING,
            _("Ingen närvaro är registrerad för årets %(n)s hållna möten.") % {"n": len(m.held)},
            _list_url(facts),
        )
    absent = []
    for p in facts.participations:
        held = sum(1 for day in m.held if p.joined_on is None or day >= p.joined_on)
        if held and (held - m.present.get(p.municipality_id, 0)) * 2 > held:
            absent.append(p.municipality.name)
    if absent:
        return Verdict(
            "P3",
            Status.WARNING,
            _("Saknades vid mer än hälften av årets möten: %(names)s.")
            % {"names": ", ".join(sorted(absent))},
            url,
        )
    return Verdict(
        "P3",
        Status.OK,
        _("Närvaron är registrerad; alla kommuner var med på minst hälften av mötena."),
        url,
    )
