"""Family: a deal given up — talks that collapsed or stalled, a bid abandoned, a plan withdrawn, a
report denied.

"Lumentum abandoned its $1.1 billion offer for Coherent", "Negotiations for Oracle to lease a $2
billion campus … broke down", 「…を約9000億円で買収する交渉を打ち切った」, 「共同出資の協議は白紙に戻った」,
「提携交渉は決裂した」: the sentence names the deal only to say it will not happen, so whatever the other
families read in it is no deal, with a figure or without. Words are ``called_off`` of ``deal_triggers.yaml``.
"""

from __future__ import annotations

from newskb.ingest.components.deals.view import SentenceView


def given_up(view: SentenceView) -> bool:
    """Whether the sentence says the deal it names was given up or never came about."""
    return view.article.lexicon.called_off.search(view.text, view.start, view.end) is not None
