"""Family: a further deal of the two parties of the deal before, or of the companies the sentence
before names together.

「両社は同日、業務提携契約を結んだ」, "The two companies also signed a partnership" (``both_parties``
words): a deal word after them, the sentence naming no one else and saying the deal was made, or
giving its figure. With no deal of two parties just before, they are the organizations the sentence
before names (「楽天グループと三井物産は、新会社を設立した。両社は合計で80億円を出資する」, "Hitachi and
Nvidia will form a venture. The two companies will invest a combined $500 million").
"""

from __future__ import annotations

from newskb.ingest.components.deals.model import Deal, Party, Span
from newskb.ingest.components.deals.view import SentenceView

NAME = "both_parties"


def find(view: SentenceView) -> list[Deal]:
    if not view.triggers:
        return []
    article, lexicon, text, triggers = view.article, view.article.lexicon, view.text, view.triggers
    named = lexicon.both_parties.search(text, view.start, triggers[0].start)
    if named is None:
        return []
    before = _parties_before(view)
    if len(before) < 2:
        return []
    names = {article.name(p) for p in before}
    if any(article.name(o) not in names for o in view.orgs):
        return []
    kind, roles = article.kind(triggers[0], view.start, view.end)
    status = view.status()
    money = view.money_in(near=triggers[0].start)
    if not (
        status in ("signed", "completed", "announced")
        or any(lexicon.realized.match(text, t.end) for t in triggers)
        or money is not None
    ):
        return []
    roles = [*roles, *[roles[-1]] * (len(before) - len(roles))]
    return [view.deal(kind, money, [Party(p, role) for p, role in zip(before, roles)], NAME, status=status)]


def _parties_before(view: SentenceView) -> list[Span]:
    """The two parties of the deal just before, else the organizations (two or more) the sentence
    before names, when it states no deal."""
    article, last = view.article, view.deals_before[-1] if view.deals_before else None
    previous = view.previous
    if last is not None and len(last.parties) == 2 and (previous is None or last.span[0] >= previous[0]):
        return [p.entity for p in last.parties]
    if previous is None or previous[2] != view.paragraph:
        return [p.entity for p in last.parties] if last is not None and len(last.parties) == 2 else []
    spans: dict[str, Span] = {}
    for m in article.mentions:
        if previous[0] <= m["start"] < previous[1] and m.get("type", "ORG") == "ORG":
            spans.setdefault(article.name((m["start"], m["end"])), (m["start"], m["end"]))
    return list(spans.values()) if len(spans) >= 2 else []
