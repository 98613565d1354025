"""A network named in a sentence (issue 16, point 14): "Nätverket %(name)s" read "Nätverket
Nätverket för AI i offentlig verksamhet" and "Nätverket Socialchefsnätverket". A name that
already says it is a network stands alone."""

from django.utils.translation import gettext as _


def network_phrase(name: str) -> str:
    """ "Socialchefsnätverket", "Nätverket för AI …"; but "Nätverket Bibliotek" for a name
    that does not say "nätverk" itself. Starts a sentence (capitalised)."""
    if "nätverk" in name.lower() or "network" in name.lower():
        return name[:1].upper() + name[1:]
    return _("Nätverket %(name)s") % {"name": name}
