"""Networks whose names are close to a proposed one (issue 16 §10): shown before a proposal is
sent, so that nobody proposes a network the cooperation already has (or had)."""

import re
from difflib import SequenceMatcher

from samverkan.networks.models import Network

# Words every network name shares; without them "Socialchefsnätverket" and "Nätverket för
# socialchefer" compare by what tells them apart.
_COMMON = re.compile(r"\b(nätverket|nätverk|nätverks|för|och|i|inom)\b")
THRESHOLD = 0.75


def _key(name: str) -> str:
    text = _COMMON.sub(" ", name.casefold().replace("-", " "))
    text = re.sub(r"nätverk(et|s)?$", "", text.strip())
    return " ".join(text.split())


def _score(a: str, b: str) -> float:
    if not a or not b:
        return 0.0
    if min(len(a), len(b)) >= 4 and (a in b or b in a):
        return 1.0
    return SequenceMatcher(None, a, b).ratio()


def similar_networks(name: str, *, limit: int = 5) -> list[Network]:
    """The networks (any status) whose names are closest to `name`, closest first."""
    wanted = _key(name)
    if len(wanted) < 3:
        return []
    scored = []
    for network in Network.objects.only("pk", "name", "slug", "status").order_by("name"):
        score = _score(wanted, _key(network.name))
        if score >= THRESHOLD:
            scored.append((-score, network.name, network))
    return [n for _s, _n, n in sorted(scored, key=lambda t: (t[0], t[1]))[:limit]]
