"""What each kind of notice is called, for the inbox's filter (issue 16, point 6).

A notice's kind is a short code chosen by the room that sends it (notify(kind=…)). The rooms
sit above this one, so the names are kept here as text, not imported; a kind without a name
here is shown by its code, so a new kind never breaks the inbox. A room may also name its own
kind with `register(kind, label)` from its plug-in modules."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

LABELS: dict[str, str | Promise] = {
    # accounts
    "activation": _("Aktivera kontot"),
    # networks: proposals, start, participation, closing (S1-S4, P1, P2, C1)
    "network_proposed": _("Nytt nätverk föreslaget"),
    "invitation": _("Inbjudan att delta"),
    "majority_reached": _("Majoritet för ett förslag"),
    "proposal_majority": _("Ditt förslag har majoritet"),
    "network_activated": _("Nätverk startat"),
    "proposal_started": _("Ditt förslag har startat"),
    "network_closed": _("Nätverk avslutat"),
    "network_closed_member": _("Ditt nätverk avslutat"),
    "network_inactive": _("Ingen aktivitet på 12 månader"),
    "participation_requested": _("Begäran om deltagande"),
    "participation_decided": _("Svar på begäran om deltagande"),
    "member_welcome": _("Välkommen som medlem"),
    # year plans, contact details (N3, N6)
    "year_plan_due": _("Årsplan att anta"),
    "contact_details_stale": _("Bekräfta kontaktuppgifter"),
    "plan_comment": _("Kommentar till årsplanen"),
    "answered_on_behalf": _("Svar registrerat för kommunen"),
    "accessibility_report": _("Synpunkt på tillgängligheten"),
    # material and questions (N5, ST1)
    "question": _("Fråga till sekretariatet"),
    "question_answered": _("Svar från sekretariatet"),
    "material_uploaded": _("Material att granska"),
    # agreements (F1, PR3, CH2, CO3)
    "matter_referred": _("Fråga överlämnad till kommunerna"),
    "onboarding": _("Ny kollega att introducera"),
    "onboarding_reminder": _("Påminnelse om introduktion"),
    "year_items_due": _("Inför nästa år"),
    # meetings (CH1, P3)
    "meeting_invitation": _("Kallelse till möte"),
    "meeting_changed": _("Ändrat möte"),
    "meeting_cancelled": _("Inställt möte"),
    "meetings_year_planned": _("Årets möten planerade"),
    "meeting_attendance_missing": _("Närvaro att registrera"),
    # surveys (P4, ST2)
    "survey_invitation": _("Enkät att besvara"),
    "survey_reminder": _("Påminnelse om enkät"),
    "survey_results": _("Enkätresultat"),
    # reports
    "yearly_report": _("Årsrapport"),
}


def register(kind: str, label: str | Promise) -> None:
    LABELS[kind] = label


def label(kind: str) -> str:
    return str(LABELS.get(kind, kind))
