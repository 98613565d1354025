"""The standard questionnaire that a new round starts from (editable per round, P4/ST2)."""

from django.utils.translation import gettext_lazy as _

from samverkan.surveys.models import Question

Kind = Question.Kind

STANDARD_QUESTIONS = [
    ("value", Kind.SCALE, _("Hur stort värde har nätverket för dig och din kommun?"), []),
    ("meetings", Kind.SCALE, _("Hur väl fungerar nätverkets möten?"), []),
    ("goals", Kind.SCALE, _("I vilken grad arbetar nätverket mot sina mål?"), []),
    ("cooperation", Kind.SCALE, _("Hur väl fungerar samverkan mellan kommunerna i nätverket?"), []),
    (
        "frequency",
        Kind.CHOICE,
        _("Hur ofta bör nätverket träffas?"),
        [_("Oftare än i dag"), _("Som i dag"), _("Mer sällan än i dag")],
    ),
    ("improve", Kind.TEXT, _("Vad kan göra nätverket bättre?"), []),
]

# What 1 and 5 mean for each scale question of the standard questionnaire (issue 16, point 14).
SCALE_ENDS = {
    "value": (_("inget värde"), _("mycket stort värde")),
    "meetings": (_("mycket dåligt"), _("mycket bra")),
    "goals": (_("inte alls"), _("helt och hållet")),
    "cooperation": (_("mycket dåligt"), _("mycket bra")),
}

SCALE = range(1, 6)
MAX_TEXT = 2000
