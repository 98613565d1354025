"""Amounts in öre as integers (STYLE: money in öre), read from and written as Swedish kronor."""

import re

from django.utils.translation import gettext as _

from samverkan.core.errors import ServiceError

_KRONOR = re.compile(r"^(-?)(\d+)(?:[,.](\d+))?$")


def parse_kronor(text: str, *, field: str = "amount") -> int:
    """'100 000,50' → 10000050. Refuses fractions of öre rather than rounding them away."""
    cleaned = re.sub(r"[\s\u00a0]|kr$", "", str(text).strip().lower())
    match = _KRONOR.match(cleaned)
    if not match:
        raise ServiceError(_("Ange beloppet i kronor, t.ex. 12 500,00."), field=field)
    sign, whole, decimals = match.groups()
    decimals = decimals or ""
    if len(decimals) > 2 and decimals[2:].strip("0"):
        raise ServiceError(
            _("Beloppet kan inte innehålla delar av öre (högst två decimaler)."), field=field
        )
    ore = int(whole) * 100 + int((decimals[:2] or "0").ljust(2, "0"))
    return -ore if sign else ore


def format_kronor(ore: int | None) -> str:
    """10000050 → '100 000,50 kr' (non-breaking spaces between thousands)."""
    if ore is None:
        return ""
    sign = "\u2212" if ore < 0 else ""  # a real minus sign
    kronor, rest = divmod(abs(int(ore)), 100)
    grouped = f"{kronor:,}".replace(",", "\u00a0")
    return f"{sign}{grouped},{rest:02d}\u00a0kr"
