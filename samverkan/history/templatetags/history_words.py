"""`{% in_words entries network=… as said %}`: history entries as sentences (history/words.py)."""

from collections.abc import Iterable
from typing import Any

from django import template

from samverkan.history.models import HistoryEntry
from samverkan.history.words import Said, in_words

register = template.Library()


@register.simple_tag(name="in_words")
def in_words_tag(entries: Iterable[HistoryEntry], network: Any = None) -> list[Said]:
    return in_words(entries, network_name=str(getattr(network, "name", "") or ""))
