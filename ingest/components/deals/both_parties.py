"""Family: a further deal of the two parties of the deal before.

「両社は同日、業務提携契約を結んだ」, "The two companies also signed a partnership" (``both_parties``
words): a deal word after them, the sentence naming no one else and saying the deal was made.
"""

from __future__ import annotations

from newskb.ingest.components.deals.model import Deal, Party
from newskb.ingest.components.deals.view import SentenceView

NAME = "both_parties"


def find(view: SentenceView) -> list[Deal]:
    if not view.triggers or not view.deals_before:
        return []
    article, lexicon, text, triggers = view.article, view.article.lexicon, view.text, view.triggers
    last = view.deals_before[-1]
    named = lexicon.both_parties.search(text, view.start, triggers[0].start)
    if named is None or len(last.parties) != 2:
        return []
    parties = {article.name(p.entity) for p in last.parties}
    if any(article.name(o) not in parties for o in view.orgs):
        return []
    kind, roles = article.kind(triggers[0], view.start, view.end)
    status = view.status()
    if not (
        status in ("signed", "completed", "announced")
        or any(lexicon.realized.match(text, t.end) for t in triggers)
    ):
        return []
    money = view.money_in(near=triggers[0].start)
    return [
        view.deal(
            kind, money, [Party(p.entity, role) for p, role in zip(last.parties, roles)], NAME, status=status
        )
    ]
