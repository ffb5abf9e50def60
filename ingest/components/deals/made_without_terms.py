"""Family: a deal stated as made, though not for how much.

"Arista Networks has bought VeloCloud, without disclosing terms", "HPE has made an undisclosed
investment in Nscale", 「富士通はデータラボを買収した。買収額は非公表」, and the Japanese headline or
sentence closed by its deal word (「NTT、米データブリックスに出資」 as a headline, 「…と提携。」; not a
list line, whose words are cut short anyway): a deal without an amount stands when its sentence says
it was made (the two_party family asks). Words are ``made_without_terms`` of ``deal_triggers.yaml``;
the sentence after may say the terms are untold.
"""

from __future__ import annotations

import re

from newskb.ingest.components.deals.view import SentenceView

_SPACES = " 　\n"
_HIRAGANA = re.compile(r"[\u3040-\u309F]")


def stated(view: SentenceView) -> bool:
    """Whether the sentence (or the one after it) says its deal was made, its amount untold."""
    text, words = view.text, view.article.lexicon.made_without_terms
    if words.search(text, view.start, view.end):
        return True
    following = view.following
    if following is not None and words.search(text, following[0], following[1]):
        return True  # 「…を買収することで合意した。買収額は非公表。」
    if not view.japanese:
        return False
    for t in view.triggers:
        if _HIRAGANA.match(t.text[-1]):
            continue  # 「購入する。」 closes with a verb, not a deal noun: a plan like any other
        rest = text[t.end : view.end].strip(_SPACES)
        # the headline (the article's first line) closed by its deal word, or a sentence closed by it
        if rest == "。" or (not rest and view.index == 0):
            return True
    return False
