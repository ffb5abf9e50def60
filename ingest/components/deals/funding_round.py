"""Family: a funding round and the investors the next sentences name.

"xAI closed a $20 billion funding round. Investors in the round include X and Y" / 「…資金調達を
完了した。XやYなどが参加した」 (``round_investors``): one deal of the raiser and every investor named.
"Nvidia is contributing up to $2 billion" (``round_contributions``): a deal of the raiser and that
investor, with its own figure.
"""

from __future__ import annotations

from dataclasses import dataclass

from newskb.ingest.components.deals.model import Deal, Org, Party
from newskb.ingest.components.deals.view import SentenceView

NAME = "funding_round"
# How many sentences after the round its investors may be named.
REACH = 2


@dataclass(frozen=True)
class Round:
    """A round stated without its investors: where, who raises, and its amount."""

    index: int
    raiser: Org
    money: int


def opened(view: SentenceView) -> Round | None:
    """ "xAI closed a $20 billion funding round": a round whose investors the next sentences may name."""
    if not view.triggers:
        return None
    kinds = {view.article.kind_of(t) for t in view.triggers}
    money = view.money_in(near=view.triggers[0].start)
    if "investment" not in kinds or not view.subjects or money is None:
        return None
    return Round(view.index, view.subjects[0], money)


def find(view: SentenceView, round_: Round | None) -> list[Deal]:
    if round_ is None or view.index - round_.index > REACH:
        return []
    article, text, span = view.article, view.text, view.span
    raiser = round_.raiser
    named = article.lexicon.round_investors.search(text, *span)
    if view.triggers and not named:
        return []  # a deal word of its own: the sentence states its own deal
    if not named:
        subject = next(
            (o for o in view.orgs if o.place == "subject" and article.name(o) != article.name(raiser)), None
        )
        own = view.money_in()
        if subject is None or own is None or not article.lexicon.round_contributions.search(text, *span):
            return []
        parties = [Party(raiser.span, "investee"), Party(subject.span, "investor")]
        return [view.deal("investment", own, parties, NAME, status=view.status())]
    investors = [
        o for o in view.orgs if o.mark not in ("の", "owner") and article.name(o) != article.name(raiser)
    ]
    if not investors:
        return []
    parties = [Party(raiser.span, "investee")] + [Party(o.span, "investor") for o in investors]
    return [view.deal("investment", round_.money, parties, NAME, status=view.status())]
