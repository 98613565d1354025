"""Validation of an agreement's parameters (issue 4, item 10): every error in Swedish, keyed by
the parameter, before anything is written."""

import math
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from samverkan.agreements.models import CostSharing
from samverkan.agreements.selectors import PARAMETER_NAMES, AgreementParameters

INT_LIMITS: dict[str, tuple[int, int]] = {
    "min_municipalities_per_matter": (1, 1000),
    "min_focus_areas": (0, 100),
    "meetings_per_year": (0, 366),
    "chair_municipalities": (1, 1000),
    "chair_term_years": (1, 10),
}
BOOL_NAMES = (
    "onboarding_representative",
    "substitutes_allowed",
    "review_at_last_meeting",
    "business_plan_required",
)


def labels() -> dict[str, str]:
    return {
        "min_municipalities_per_matter": _("Minsta antal kommuner per fråga (F2)"),
        "min_focus_areas": _("Minsta antal frågeområden (PR1)"),
        "focus_area_min_share": _("Andel kommuner per frågeområde (PR1)"),
        "cost_sharing": _("Kostnadsfördelning (PR2)"),
        "onboarding_representative": _("Utsedd representant introducerar nya kolleger (PR3)"),
        "meetings_per_year": _("Möten per år (CH1)"),
        "chair_municipalities": _("Antal ordförandekommuner (CH2)"),
        "chair_term_years": _("Ordförandeskapets längd i år (CH2)"),
        "secretary_title": _("Sekreterarens titel (CH3)"),
        "substitutes_allowed": _("Ersättare får delta (CO1)"),
        "review_at_last_meeting": _("Utvärderas vid årets sista möte (CO2)"),
        "business_plan_required": _("Verksamhetsplan inför varje år (CO3)"),
    }


def _int_or_none(value: Any) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, float) and not value.is_integer():
        raise ValueError
    return int(value)


def validate_parameters(data: dict[str, Any]) -> tuple[AgreementParameters, dict[str, str]]:
    """Check raw parameter values; returns the parameters and the errors by name (empty when
    valid). Unknown names are an error too, so that a typo in the API is not ignored."""
    errors: dict[str, str] = {}
    values: dict[str, Any] = {}
    label = labels()
    for name in data:
        if name not in PARAMETER_NAMES:
            errors[name] = _("Okänd parameter: %(name)s.") % {"name": name}
    for name, (low, high) in INT_LIMITS.items():
        try:
            number = _int_or_none(data.get(name))
        except (TypeError, ValueError):
            errors[name] = _("%(label)s ska vara ett heltal.") % {"label": label[name]}
            continue
        if number is not None and number < 0:
            errors[name] = _("%(label)s kan inte vara negativt.") % {"label": label[name]}
        elif number is not None and not low <= number <= high:
            errors[name] = _("%(label)s ska vara mellan %(low)d och %(high)d.") % {
                "label": label[name],
                "low": low,
                "high": high,
            }
        values[name] = number
    share = data.get("focus_area_min_share")
    values["focus_area_min_share"] = None
    if share not in (None, ""):
        try:
            parsed = Decimal(str(share).replace(",", "."))
            if not parsed.is_finite():
                raise InvalidOperation
        except (InvalidOperation, ValueError):
            errors["focus_area_min_share"] = _(
                "Andelen ska vara ett tal mellan 0 och 1, till exempel 0,5."
            )
        else:
            if not Decimal(0) <= parsed <= Decimal(1):
                errors["focus_area_min_share"] = _(
                    "Andelen ska vara mellan 0 och 1 (0,5 betyder hälften av kommunerna)."
                )
            elif parsed != parsed.quantize(Decimal("0.001")):
                errors["focus_area_min_share"] = _("Ange andelen med högst tre decimaler.")
            else:
                values["focus_area_min_share"] = float(parsed)
    cost = data.get("cost_sharing") or ""
    if cost not in CostSharing.values:
        errors["cost_sharing"] = _(
            "Välj kostnadsfördelning efter invånarantal, lika delar eller ingen."
        )
    values["cost_sharing"] = cost
    title = str(data.get("secretary_title") or "").strip()
    if len(title) > 100:
        errors["secretary_title"] = _("Titeln får vara högst 100 tecken.")
    values["secretary_title"] = title
    defaults = AgreementParameters()
    for name in BOOL_NAMES:
        value = data.get(name, getattr(defaults, name))
        if not isinstance(value, bool):
            errors[name] = _("%(label)s ska vara ja eller nej.") % {"label": label[name]}
            value = getattr(defaults, name)
        values[name] = value
    return AgreementParameters(**values), errors


def focus_area_threshold(share: float | None, participating: int) -> int:
    """PR1: how many municipalities a focus area must reach. Decimal, not float: half of 11 is
    5.5, so six; and 0.3 * 10 must stay three, not round up to four."""
    if share is None:
        return 1
    needed = Decimal(str(share)) * participating
    return max(1, math.ceil(needed))
