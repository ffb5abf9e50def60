"""Family: a sentence completing the deal just stated.

「契約期間は7年間」, "The agreement runs for seven years" (``term_openers``) gives its term when it has
none; 「契約額は174億ドル」, "The deal is worth $17.4 billion" (``amount_openers``) its amount. Only for a
deal of the sentence's paragraph or of the sentence just before.
"""

from __future__ import annotations

from newskb.ingest.components.deals.model import Deal
from newskb.ingest.components.deals.view import SentenceView


def complete(view: SentenceView, deal: Deal) -> None:
    """Give ``deal`` the term or the amount this sentence states for it."""
    lexicon, text = view.article.lexicon, view.text
    if lexicon.term_opener.match(text, view.start):
        _add_term(view, deal)
    if deal.money is None and lexicon.amount_opener.match(text, view.start):
        money = view.money_in()
        if money is not None:
            deal.money = money
            _add_term(view, deal)


def _add_term(view: SentenceView, deal: Deal) -> None:
    if deal.duration is None:
        deal.duration = view.article.term_in(view.span)
