"""Family: a sentence completing the deal just stated.

「契約期間は7年間」, "The agreement runs for seven years" (``term_openers``) gives its term when it has
none; 「契約額は174億ドル」, "The deal is worth $17.4 billion" (``amount_openers``) its amount. Only for a
deal of the sentence's paragraph or of the sentence just before. A headline's phrase that is a figure
alone, after the phrase stating the deal (「KDDI、米データブリックスに追加出資　約3億ドル」,
「…から追加出資　総額約50億円」), is its amount too.
"""

from __future__ import annotations

from newskb.ingest.components.deals.model import Deal
from newskb.ingest.components.deals.view import SentenceView


def complete(view: SentenceView, deal: Deal) -> None:
    """Give ``deal`` the term or the amount this sentence states for it."""
    lexicon, text = view.article.lexicon, view.text
    if lexicon.term_opener.match(text, view.start):
        _add_term(view, deal)
    if deal.money is None and (lexicon.amount_opener.match(text, view.start) or _figure_alone(view)):
        money = view.money_in()
        if money is not None:
            deal.money = money
            _add_term(view, deal)


def _add_term(view: SentenceView, deal: Deal) -> None:
    if deal.duration is None:
        deal.duration = view.article.term_in(view.span)


def _figure_alone(view: SentenceView) -> bool:
    """Whether the sentence is a phrase of the headline (the first line) holding a figure and nothing
    else but a total word before it (「約3億ドル」, 「総額約50億円」), after another phrase of it."""
    previous = view.previous
    if previous is None or previous[2] != view.paragraph or view.paragraph != 0:
        return False
    figures = [f for f in view.article.money if view.start <= f["start"] < view.end]
    if len(figures) != 1:
        return False
    lexicon, text = view.article.lexicon, view.text
    before = text[view.start : figures[0]["start"]].strip(" 　")
    after = text[figures[0]["end"] : view.end].strip(" 　。")
    return not after and (not before or lexicon.totals.total_before.fullmatch(before) is not None)
