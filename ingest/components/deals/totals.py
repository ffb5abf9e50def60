"""Family: totals, tranches and breakdowns.

"…a further $2 billion contract, which brings the combined value of the two companies' deals to $9
billion", "a first agreement of $5 billion in June, then a $1.5 billion add-on in August",
「総額410億ドルのコミットメント」, 「支援の内訳は、…で5365億円、…に535億円」: every figure is a
deal of its own with the parties of the deal it belongs to, and ``link`` ties each part to its total
(``part_of``) so that a sum counts the parts or the total, never both. The words are ``totals`` in
``deal_triggers.yaml``.
"""

from __future__ import annotations

import dataclasses
import re

from newskb.ingest.components.deals.merge import Figure, FigureOf
from newskb.ingest.components.deals.model import Deal, Party
from newskb.ingest.components.deals.view import DEAL_MONEY_ROLES, SentenceView
from newskb.ingest.deal_kinds import KIND_ORDER, LOOSE_KINDS

NAME = "totals"
# A row of a table or a list: 「| 第1フェーズ | … |」, 「・KDDI：…」, "- Phase one: …"
_ROW_START = re.compile(r"\s*[|・•\-*]")
# How far before a figure its total word may stand, and a tranche word before or after it
TOTAL_REACH, TRANCHE_BEFORE, TRANCHE_AFTER = 45, 25, 15
# Money roles a total or a tranche may have besides a deal's ("bringing the total value … to": a value)
# (the total of a buyer's deals with a provider: "lifting its planned spending with Nebius to $9B")
ROLES = DEAL_MONEY_ROLES | {"valuation", "capex", None}
# Kinds that may be parts of one total
SUMMABLE = frozenset({"capex", "investment"})


def expand(view: SentenceView, found: list[Deal]) -> list[Deal]:
    """The deals a family found in a sentence, with a deal of their parties for each further figure
    of the sentence that is a total or a tranche; a deal whose own figure is a total is marked so."""
    words = view.article.lexicon.totals
    used = {d.money for d in found if d.money is not None}
    for deal in found:
        if deal.money is not None and is_total(view, deal.money):
            deal.total = True
    extra: list[Deal] = []
    for i in _figures(view):
        stated = [d for d in found if d.money is not None]
        if i in used or not stated:
            continue
        total = is_total(view, i)
        if not (total or _is_tranche(view, i, words.tranche)):
            continue
        start = view.article.money[i]["start"]
        owner = min(stated, key=lambda d: abs(view.article.money[d.money]["start"] - start))
        dated = (_clause_start(view, i), view.end)
        extra.append(_like(view, owner, i, dated, total=total))
        used.add(i)
    return found + extra + _paid_in_parts(view, found, used)


def _paid_in_parts(view: SentenceView, found: list[Deal], used: set[int]) -> list[Deal]:
    """"will invest $6 billion in Nscale in two installments, $2.5 billion in March and $3.5 billion in
    June", 「総額15億ドルを出資し、初回に10億ドル、残りの5億ドルを…」: the sentence's other figures, with
    a ``parts`` word, adding up to the figure of its one deal, are its parts."""
    article, words = view.article, view.article.lexicon.totals
    stated = [d for d in found if d.money is not None]
    rest = [i for i in _figures(view) if i not in used]
    if len(stated) != 1 or len(rest) < 2 or not words.part.search(view.text, view.start, view.end):
        return []
    whole = _amount(article.money[stated[0].money])
    if not whole or abs(sum(_amount(article.money[i]) for i in rest) - whole) > whole * 0.02:
        return []
    parts = [_like(view, stated[0], i, view.span, total=False) for i in rest]
    for part in parts:
        part.parent = stated[0]
    return parts


def follow(view: SentenceView, last: Deal) -> list[Deal]:
    """A sentence of no deal of its own that breaks the deal just stated into parts (a breakdown
    opener, a figure each) or states its total (a total word before a figure): deals with its parties."""
    article, words = view.article, view.article.lexicon.totals
    names = {article.name(p.entity) for p in last.parties}
    if any(article.name(o) not in names for o in view.orgs) or last.money is None or last.awaiting:
        return shares(view, last)
    figures = [i for i in _figures(view) if i != last.money]
    breakdown = words.breakdown.match(view.text, view.start)
    if not (view.triggers or breakdown):
        return shares(view, last)  # 「総事業費約1,450億円の半分を国が負担する」: no deal word, no breakdown
    if breakdown:
        parts = [_share(view, last, i) for i in figures]
        for part in parts:
            part.parent = last
        return parts
    totals = [i for i in figures if is_total(view, i)]
    return [_like(view, last, totals[0], view.span, total=True)] if totals else []


def shares(view: SentenceView, last: Deal) -> list[Deal]:
    """A sentence after a deal that says who puts in how much of it ("Oracle is contributing $600
    million and SoftBank Group the remaining $300 million", 「このうちNTTが3000億円…を負担する」) or in
    which tranches it is paid ("will receive $500 million up front and a further $250 million next year",
    「初回に12億ドルを払い込み、残りの8億ドルは…」): its parts, each of its contributor. Other
    organizations than the deal's may be named only as contributors (a contribution word)."""
    article, words = view.article, view.article.lexicon.totals
    if last.money is None or last.awaiting:
        return []
    figures = [i for i in _figures(view) if i != last.money]
    contribution = words.contribution.search(view.text, view.start, view.end) is not None
    if not figures or not (contribution or all(_is_tranche(view, i, words.part) for i in figures)):
        return []
    names = {article.name(p.entity) for p in last.parties}
    if not contribution and any(article.name(o) not in names for o in view.orgs):
        return []
    # parts add up to the deal (tranches: all of it; contributions: no more than it); a tranche
    # alone is an add-on ("A second tranche of $1 billion followed"), not a part
    whole, summed = _amount(article.money[last.money]), sum(_amount(article.money[i]) for i in figures)
    if not whole or summed > whole * 1.02 or (not contribution and summed < whole * 0.98):
        return []
    parts = [_share(view, last, i) for i in figures]
    for part in parts:
        part.parent = last
    return parts


def _share(view: SentenceView, whole: Deal, money: int) -> Deal:
    """A part of ``whole`` with figure ``money``: of the organization named right before the figure
    (「NTTが3000億円」, "Oracle is contributing $600 million") and the parties the sentence does not
    name (the recipient), else of ``whole``'s parties."""
    article = view.article
    part = _like(view, whole, money, view.span, total=False)
    start = article.money[money]["start"]
    before = [f["end"] for f in article.money if view.start <= f["end"] <= start]
    own = [o for o in view.orgs if max(before, default=view.start) <= o.start < start]
    if not own:
        return part
    named = {article.name(o) for o in view.orgs}
    others = [p for p in whole.parties if article.name(p.entity) not in named]
    if others:
        part.parties = [Party(own[-1].span, whole.parties[0].role), *others]
    return part


def tranche(view: SentenceView) -> list[Deal]:
    """A sentence of no deal of its own with a deal word and a tranche word by a figure
    (「ファーストクロージングとして4月に…SVF2を通じて75億ドルの出資を完了」, "a second tranche of $2
    billion was paid in May"): a deal of the parties of the deal of that kind stated before in the
    article, with the vehicle the sentence names (「SVF2を通じて」, "through its Vision Fund")."""
    article, grammar = view.article, view.article.lexicon.grammar
    words = article.lexicon.totals
    figures = [
        i
        for i in _figures(view)
        if words.tranche.search(view.text, _phrase_start(view, i), article.money[i]["start"])
    ]
    if not figures:
        return []
    # the deal word's kind ("A second tranche of $1 billion followed": any kind)
    kinds = {article.kind(t, view.start, view.end)[0] for t in view.triggers} or set(KIND_ORDER)
    vehicles = [
        o
        for o in view.orgs
        if o.mark in grammar.ja_via
        or (not view.japanese and grammar.en_via_before.search(view.text, view.start, o.start))
    ]
    named = {article.name(o) for o in view.orgs if o not in vehicles}
    for story in reversed(view.deals_before):
        names = {article.name(p.entity) for p in story.parties}
        if story.kind in kinds and story.money is not None and named <= names:
            parties = list(story.parties)
            parties += [Party(v.span, parties[0].role) for v in vehicles if article.name(v) not in names]
            return [view.deal(story.kind, i, parties, NAME, status=view.status()) for i in figures]
    return []


def breakdown_of(view: SentenceView) -> Deal | None:
    """The deal a sentence announces a breakdown of (「取引の全貌:210億ドルの内訳」, "Breakdown of the $21
    billion deal:"), the rows after it listing its parts: the deal of the figure it names, else the
    last deal with a figure."""
    article = view.article
    if not article.lexicon.totals.breakdown_word.search(view.text, view.start, view.end):
        return None
    stated = [d for d in view.deals_before if d.money is not None]
    named = [article.money[i] for i in _figures(view)]
    for deal in reversed(stated):
        amount = article.money[deal.money]
        if any(
            f.get("currency") == amount.get("currency") and f.get("amount") == amount.get("amount")
            for f in named
        ):
            return deal
    return stated[-1] if stated and not named else None


def rows(view: SentenceView, whole: Deal) -> list[Deal]:
    """A row of a table or a list after a breakdown (「| 第1フェーズ | 約40万個 | 100億ドル | … |」, "- Phase
    one: $10 billion"): a part of the deal broken down, with its parties, or with the organization the
    row names in place of the counterparty (「GCP経由レンタル」)."""
    article = view.article
    if not _ROW_START.match(view.text, view.start):
        return []
    figures = [
        i
        for i in _figures(view)
        if article.money[i].get("amount") != article.money[whole.money].get("amount")
    ]
    if len(figures) != 1 or article.lexicon.totals.total_before.search(view.text, view.start, view.end):
        return []
    names = {article.name(p.entity) for p in whole.parties}
    other = next((o for o in view.orgs if article.name(o) not in names), None)
    parties = list(whole.parties)
    if other is not None:
        parties = [parties[0], Party(other.span, parties[-1].role)]
    part = view.deal(whole.kind, figures[0], parties, NAME, status=whole.status)
    part.parent = whole
    return [part]


def link(deals: list[Deal], figure: FigureOf) -> None:
    """Set ``part_of``: a breakdown's parts to the deal they break down; the other deals of a
    total's parties, smaller than it and adding up to no more than it, to the total."""
    for deal in deals:
        if deal.parent is not None and deal.parent.survivor() is not deal:
            deal.part_of = deal.parent.survivor().key
    for total in sorted((d for d in deals if d.total), key=lambda d: _usd(figure(d))):
        size = _usd(figure(total))
        if size is None:
            continue
        parts = [d for d in deals if d is not total and d.part_of is None and _may_be_part(d, total, figure)]
        room = 1.1 if _approx(total, figure) else 1.02
        if parts and sum(_usd(figure(p)) or 0 for p in parts) <= size * room:
            for part in parts:
                part.part_of = total.key


def _may_be_part(part: Deal, total: Deal, figure: FigureOf) -> bool:
    amount, size = _usd(figure(part)), _usd(figure(total))
    if amount is None or size is None or amount >= size * 0.999:
        return False
    kinds = (
        part.kind == total.kind
        or {part.kind, total.kind} <= LOOSE_KINDS
        or {part.kind, total.kind} <= SUMMABLE
    )
    common = part.names & total.names
    return (
        kinds
        and (part.names <= total.names or total.names <= part.names)
        and len(common) >= min(2, len(total.names))
    )


def _amount(fig: dict) -> float:
    """A figure in US dollars where it has a rate, else as stated."""
    return float(fig.get("usd") or fig.get("amount") or 0)


def _usd(fig: Figure) -> float | None:
    if fig.amount is None:
        return None
    return fig.usd if fig.usd is not None else fig.amount


def _approx(deal: Deal, figure: FigureOf) -> bool:
    return figure(deal).approx


def _like(view: SentenceView, deal: Deal, money: int, dated: tuple[int, int], *, total: bool) -> Deal:
    """A deal of ``deal``'s kind and parties with figure ``money``, stated in this sentence."""
    new = view.deal(deal.kind, money, list(deal.parties), NAME, status=deal.status, dated=dated)
    return dataclasses.replace(new, total=total, names=deal.names)


def _figures(view: SentenceView) -> list[int]:
    """The sentence's figures that may be a deal's: with an amount, not a conversion, not per unit."""
    per_units = view.article.lexicon.per_units
    return [
        i
        for i, f in enumerate(view.article.money)
        if view.start <= f["start"] < view.end
        and f.get("amount") is not None
        and f.get("converted_from") is None
        and f.get("per") in (None, *per_units)
        and f.get("role") in ROLES
        and not (f.get("low") is not None and f.get("bound") == "max")
    ]


def is_total(view: SentenceView, money: int) -> bool:
    """A total word shortly before the figure, in its clause, with no other figure between."""
    words, text, fig = view.article.lexicon.totals, view.text, view.article.money[money]
    start = max(view.start, fig["start"] - TOTAL_REACH)
    before = text[start : fig["start"]]
    found = None
    for m in words.total_before.finditer(before):
        found = m
    if found is None or re.search(r"[。;]", before[found.end() :]):
        return False
    gap = (start + found.end(), fig["start"])
    if words.not_total_of.search(text, *gap) or words.not_total_of.search(
        text, max(view.start, gap[0] - 12), gap[0]
    ):
        return False  # a total of something else: revenue, 「官民合わせて」 (public and private money)
    return not any(gap[0] <= f["start"] < gap[1] for f in view.article.money if f.get("amount") is not None)


def _is_tranche(view: SentenceView, money: int, words: re.Pattern[str]) -> bool:
    text, fig = view.text, view.article.money[money]
    before = text[max(view.start, fig["start"] - TRANCHE_BEFORE) : fig["start"]]
    after = text[fig["end"] : min(view.end, fig["end"] + TRANCHE_AFTER)]
    return bool(words.search(before) or words.search(after))


def _phrase_start(view: SentenceView, money: int) -> int:
    """Where the phrase of a figure starts: after the last 、 , ; before it (else the sentence's start)."""
    before = view.text[view.start : view.article.money[money]["start"]]
    cut = max(before.rfind(mark) for mark in "、,;")
    return view.start + cut + 1 if cut >= 0 else view.start


def _clause_start(view: SentenceView, money: int) -> int:
    """Where the figure's own part of the sentence starts: after the figure before it."""
    start = view.article.money[money]["start"]
    ends = [f["end"] for f in view.article.money if view.start <= f["end"] <= start]
    return max(ends, default=view.start)
