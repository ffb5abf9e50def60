"""Normalizing names so the same entity written differently gets one key."""
from __future__ import annotations

import re
import unicodedata

_PUNCT = re.compile(r"[\s\-_.,・･()（）「」『』\"'“”‘’&＆/]+")


def name_key(name: str) -> str:
    """The merge key of an entity name: NFKC, case-folded, without spaces and punctuation.

    >>> name_key("Amazon Web Services") == name_key("amazon-web services")
    True
    """
    return _PUNCT.sub("", unicodedata.normalize("NFKC", name).casefold())
