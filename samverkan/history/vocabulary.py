"""The words the history uses for the rows a network's page shows (issue 16, point 12).

Each model by its label, so that the history, below every room, imports none of them: the
definite name of the thing, of its fields and of the verbs that say what a service did. A
model not named here reads with its verbose names (history/words.py)."""

from django.utils import formats
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from samverkan.history.words import describe, without_network


def money(raw: str) -> str:
    try:
        ore = int(raw)
    except ValueError:
        return raw
    amount = formats.number_format(ore / 100, 2, force_grouping=True)
    return gettext("%(amount)s kr") % {"amount": amount}


def meeting_name(object_repr: str, network_name: str) -> str:
    """ "Protokoll Socialchefsnätverket 2026-01-20 09:00" → "2026-01-20 09:00"."""
    return without_network(object_repr.removeprefix("Protokoll "), network_name)


def before_colon(object_repr: str, network_name: str) -> str:
    """ "Ahmed Persson: Närvarande" → "Ahmed Persson"."""
    return without_network(object_repr, network_name).split(": ", 1)[0]


def before_parenthesis(object_repr: str, network_name: str) -> str:
    """ "Bjuv (Socialchefsnätverket 2024)" → "Bjuv"."""
    return object_repr.split(" (", 1)[0]


def chair_year(object_repr: str, network_name: str) -> str:
    return without_network(object_repr, network_name)


def membership_name(object_repr: str, network_name: str) -> str:
    """ "Sofia Eriksson (Medlem) i Socialchefsnätverket" → "Sofia Eriksson (medlem)"."""
    name = without_network(object_repr, network_name)
    person, _sep, role = name.partition(" (")
    if not role.endswith(")"):
        return name
    # The role as the model's choice label, stored in Swedish: in the reader's language.
    return f"{person} ({gettext(role[:-1]).lower()})"


def cost_name(object_repr: str, network_name: str) -> str:
    """ "Socialchefsnätverket: Utvecklingsdag (2025-03-14)" → "Utvecklingsdag (2025-03-14)"."""
    return object_repr.removeprefix(f"{network_name}: ")


def agreement_name(object_repr: str, network_name: str) -> str:
    """ "Överenskommelse, Socialchefsnätverket v2" → "v2"."""
    return object_repr.removeprefix("Överenskommelse, ").replace(network_name, "").strip()


PERIOD = {"start_on": _("startdagen"), "end_on": _("slutdagen")}
NEW = {"adopted_on": _("dagen för antagandet"), "adopted_by": _("vem som antog")}

describe(
    "networks.Network",
    thing=_("nätverket"),
    name=lambda r, n: "",
    fields={
        "name": _("namnet"),
        "area": _("verksamhetsområdet"),
        "status": _("läget"),
        "description": _("beskrivningen"),
        "proposal_reason": _("skälet till nätverket"),
        "proposed_on": _("dagen för förslaget"),
        "started_on": _("startdagen"),
        "closed_on": _("dagen för avslutet"),
        "close_reason": _("skälet till avslutet"),
        "proposed_by": _("förslagsställaren"),
        "in_catalogue": _("om nätverket visas i katalogen"),
    },
    verbs={
        "propose_network": _("föreslog %(object)s"),
        "load_demo": _("lade in %(object)s"),
        "activate_network": _("startade %(object)s"),
        "close_network": _("avslutade %(object)s"),
    },
    quiet={"slug"},
)
describe(
    "networks.Participation",
    thing=_("deltagandet för %(name)s"),
    fields={
        "invited_on": _("dagen för inbjudan"),
        "answer": _("svaret"),
        "answered_on": _("svarsdagen"),
        "consulted_on": _("dagen då förvaltningsledningen tillfrågades"),
        "joined_on": _("dagen då kommunen gick med"),
        "left_on": _("dagen då kommunen lämnade"),
        "leave_reason": _("skälet att lämna"),
        "municipality": _("kommunen"),
    },
    verbs={
        "propose_network": _("bjöd in %(name)s"),
        "answer_invitation": _("svarade för %(name)s på inbjudan"),
    },
)
describe(
    "networks.Membership",
    thing=_("medlemskapet för %(name)s"),
    name=membership_name,
    fields={**PERIOD, "person": _("personen"), "municipality": _("kommunen"), "role": _("rollen")},
    verbs={
        "add_membership": _("lade till %(object)s"),
        "end_membership": _("avslutade %(object)s"),
    },
)
describe(
    "networks.YearPlan",
    thing=_("årsplanen %(name)s"),
    fields={
        "year": _("året"),
        "purpose": _("syftet"),
        "goals": _("målsättningen"),
        "meeting_organisation": _("mötesorganisationen"),
        "contribution": _("bidraget till samverkans syfte, vision och verksamhetsidé"),
        "development_areas": _("utvecklingsområdena"),
        "state": _("läget"),
        **NEW,
    },
    verbs={"adopt_year_plan": _("antog %(object)s")},
)
describe(
    "networks.ParticipationRequest",
    thing=_("begäran från %(name)s"),
    name=lambda r, n: r.split(": ", 1)[-1].removesuffix(f" - {n}"),
    fields={
        "kind": _("vad begäran gäller"),
        "reason": _("skälet"),
        "requested_by": _("den som begärde"),
        "requested_on": _("dagen för begäran"),
        "state": _("läget"),
        "decided_by": _("den som beslutade"),
        "decided_on": _("beslutsdagen"),
        "municipality": _("kommunen"),
    },
)
describe(
    "networks.Material",
    thing=_("materialet %(name)s"),
    fields={
        "title": _("titeln"),
        "file": _("filen"),
        "uploaded_by": _("den som laddade upp"),
        "uploaded_at": _("tiden för uppladdningen"),
        "reviewed_on": _("granskningen mot den grafiska manualen"),
        "reviewed_by": _("granskaren"),
    },
    verbs={
        "add_material": _("laddade upp %(object)s"),
        "review_material": _("granskade %(object)s"),
    },
)
describe(
    "meetings.Meeting",
    thing=_("mötet %(name)s"),
    fields={
        "title": _("rubriken"),
        "starts_at": _("starttiden"),
        "ends_at": _("sluttiden"),
        "place": _("platsen"),
        "host": _("värdkommunen"),
        "status": _("läget"),
        "cancel_reason": _("skälet till att mötet ställdes in"),
    },
    verbs={
        "schedule_meeting": _("planerade %(object)s"),
        "plan_year": _("planerade %(object)s"),
        "cancel_meeting": _("ställde in %(object)s"),
        "move_meeting": _("flyttade %(object)s"),
    },
    quiet={"uid", "sequence"},
)
describe(
    "meetings.AgendaItem",
    thing=_("dagordningspunkten ”%(name)s”"),
    fields={
        "order": _("ordningen"),
        "title": _("rubriken"),
        "description": _("beskrivningen"),
        "kind": _("slaget av punkt"),
        "outcome": _("beslutet"),
        "review_outcome": _("översynens utfall"),
        "meeting": _("mötet"),
    },
)
describe(
    "meetings.Minutes",
    thing=_("protokollet från mötet %(name)s"),
    name=meeting_name,
    fields={
        "text": _("protokollets text"),
        "state": _("läget"),
        "approved_by": _("den som justerade"),
        "approved_at": _("tiden för justeringen"),
        "meeting": _("mötet"),
    },
    verbs={"approve_minutes": _("justerade %(object)s")},
)
describe(
    "meetings.Attachment",
    thing=_("bilagan ”%(name)s”"),
    fields={"title": _("rubriken"), "file": _("filen"), "uploaded_by": _("den som laddade upp")},
    quiet={"uploaded_at"},
)
describe(
    "meetings.Attendance",
    thing=_("närvaron för %(name)s"),
    name=before_colon,
    fields={
        "status": _("närvaron"),
        "substitute": _("om personen var ersättare"),
        "municipality": _("kommunen"),
        "person": _("personen"),
        "meeting": _("mötet"),
        "recorded_by": _("den som antecknade"),
    },
    verbs={"record_attendance": _("antecknade %(object)s")},
    quiet={"recorded_at"},
)
describe(
    "agreements.Agreement",
    thing=_("överenskommelsen"),
    name=lambda r, n: "",
    fields={"title": _("titeln")},
)
describe(
    "agreements.AgreementVersion",
    thing=_("överenskommelsens version %(name)s"),
    name=agreement_name,
    fields={
        "text": _("texten"),
        "note": _("anteckningen"),
        "adopted_on": _("dagen för antagandet"),
    },
    verbs={"adopt_agreement_version": _("antog %(object)s")},
    quiet={"agreement", "created_by"},
)
describe(
    "agreements.AgreementReview",
    thing=_("översynen av överenskommelsen %(name)s"),
    name=lambda r, n: without_network(r, n).split(": ", 1)[0],
    fields={"outcome": _("utfallet"), "held_on": _("dagen"), "note": _("anteckningen")},
)
describe(
    "agreements.BusinessPlan",
    thing=_("verksamhetsplanen %(name)s"),
    fields={
        "year": _("året"),
        "summary": _("sammanfattningen"),
        "state": _("läget"),
        "adopted_on": _("dagen för antagandet"),
    },
    verbs={"adopt_business_plan": _("antog %(object)s")},
)
describe(
    "agreements.FocusArea",
    thing=_("frågeområdet ”%(name)s”"),
    fields={
        "name": _("namnet"),
        "description": _("beskrivningen"),
        "municipalities": _("de samverkande kommunerna"),
    },
    quiet={"business_plan"},
)
describe(
    "agreements.Chairmanship",
    thing=_("ordförandeskapet %(name)s"),
    name=chair_year,
    fields={
        "year": _("året"),
        "term_years": _("antalet år"),
        "appointed_on": _("dagen då de utsågs"),
    },
    verbs={
        "appoint_chairs": _("utsåg %(object)s"),
        "withdraw_chairs": _("drog tillbaka %(object)s"),
        "correct_chairs": _("rättade %(object)s"),
    },
)
describe(
    "agreements.ChairMunicipality",
    thing=_("%(name)s som ordförandekommun"),
    name=before_parenthesis,
    fields={"municipality": _("kommunen"), "person": _("ordföranden")},
    verbs={"appoint_chairs": _("utsåg %(object)s"), "correct_chairs": _("rättade %(object)s")},
    quiet={"chairmanship"},
)
describe(
    "agreements.WorkingGroup",
    thing=_("arbetsgruppen ”%(name)s”"),
    fields={
        **PERIOD,
        "name": _("namnet"),
        "focus_area": _("frågeområdet"),
        "contact": _("kontaktpersonen"),
        "members": _("deltagarna"),
    },
    verbs={
        "start_working_group": _("startade %(object)s"),
        "end_working_group": _("avslutade %(object)s"),
    },
)
describe(
    "agreements.Matter",
    thing=_("ärendet ”%(name)s”"),
    fields={
        "title": _("rubriken"),
        "description": _("beskrivningen"),
        "raised_by": _("kommunen som väckte det"),
        "status": _("läget"),
        "with_region": _("om det drivs med regionen"),
        "focus_area": _("frågeområdet"),
        "working_group": _("arbetsgruppen"),
        "raised_on": _("dagen då det väcktes"),
        "status_changed_on": _("dagen då läget ändrades"),
        "concerned": _("de berörda kommunerna"),
        "organisations": _("de externa organisationerna"),
    },
    verbs={
        "record_matter": _("antecknade %(object)s"),
        "advance_matter": _("förde %(object)s vidare"),
    },
)
describe(
    "agreements.Mandate",
    thing=_("uppdraget i %(name)s"),
    fields={
        **PERIOD,
        "matter": _("ärendet"),
        "arena": _("arenan"),
        "organisation": _("organisationen"),
        "people": _("företrädarna"),
        "represents": _("de kommuner som företräds"),
    },
)
describe(
    "agreements.OnboardingTask",
    thing=_("introduktionen av %(name)s"),
    fields={
        "membership": _("medlemskapet"),
        "representative": _("den som introducerar"),
        "due_on": _("sista dagen"),
        "done_on": _("dagen då den blev klar"),
    },
    verbs={"complete_onboarding_task": _("gjorde klart %(object)s")},
    quiet={"created_on"},
)
describe(
    "costs.Cost",
    thing=_("kostnaden %(name)s"),
    name=cost_name,
    fields={
        "date": _("datumet"),
        "description": _("beskrivningen"),
        "amount_ore": _("beloppet"),
        "phase": _("fasen"),
        "method": _("fördelningen"),
        "state": _("läget"),
        "problem": _("problemet"),
        "invoiced_on": _("faktureringsdagen"),
        "credit_of": _("den kostnad som krediteras"),
        "replaces": _("den kostnad som ersätts"),
        "created_by": _("den som förde in den"),
    },
    verbs={
        "record_cost": _("förde in %(object)s"),
        "credit_cost": _("krediterade med %(object)s"),
        "mark_invoiced": _("markerade %(object)s som fakturerad"),
    },
    values={"amount_ore": money},
)
describe(
    "costs.Allocation",
    thing=_("andelen för %(name)s"),
    name=before_colon,
    fields={
        "amount_ore": _("andelen"),
        "population": _("folkmängden"),
        "population_date": _("dagen för folkmängden"),
        "population_source": _("källan för folkmängden"),
        "population_table": _("tabellen för folkmängden"),
        "municipality": _("kommunen"),
    },
    verbs={"record_cost": _("förde in %(object)s"), "credit_cost": _("krediterade %(object)s")},
    values={"amount_ore": money},
    quiet={"cost"},
)
