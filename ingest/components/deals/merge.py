"""Merging statements of one deal, in one place.

Within a sentence, investors or lenders sharing one figure made one deal (``one_round``). Within an
article, statements of one deal (the title and the lead) are one deal (``merge``) when their kinds
may name one deal (``ingest.deal_kinds.LOOSE_KINDS``), their parties are the same (or one company
named two ways) and their amounts agree: within 1 % in one currency, within 5 % in US dollars when
the currencies differ (「3.5兆円」 in the title, 「225億ドル」 in the lead). A one-party statement of a
figure a deal of that party already has ("Microsoft is to put in $5 billion" after "Microsoft
will invest $5 billion in Anthropic") restates it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import NamedTuple

from newskb.ingest.components.deals.model import Deal
from newskb.ingest.deal_kinds import KIND_ORDER, LOOSE_KINDS


class Figure(NamedTuple):
    amount: float | None
    currency: str | None
    usd: float | None
    approx: bool = False  # about, more than (「9000億円余り」)


FigureOf = Callable[[Deal], Figure]
# How far a headline's figure may be from the body's and still be the same: rounded ($14B, $14.2B)
HEADLINE_ROUNDING = 0.05
# Kinds a one-party restatement of a deal may have: a capex of its investor
RESTATED = frozenset({"capex", "investment"})


def one_round(deals: list[Deal]) -> list[Deal]:
    """Several investors sharing one figure ("a $1.38 billion round led by X and Y") made one
    investment together, several lenders one loan (「みずほ銀行と三井住友銀行からの協調融資(総額400億円)」):
    one deal with every investor or lender, not one deal each at the full amount."""
    if (
        len(deals) < 2
        or any(d.kind not in ("investment", "loan") for d in deals)
        or deals[0].money is None
        or any(d.money != deals[0].money for d in deals)
    ):
        return deals
    merged = dataclasses.replace(deals[0], parties=list(deals[0].parties))
    seen = {p.entity for p in merged.parties}
    for deal in deals[1:]:
        for party in deal.parties:
            if party.entity not in seen:
                seen.add(party.entity)
                merged.parties.append(party)
    return [merged]


def merge(deals: list[Deal], figure: FigureOf) -> list[Deal]:
    """One deal per article per statement: same parties and a compatible amount merge.

    The statement with an amount (else the more specific kind: the lead's 契約 over the headline's
    提携) is kept; the other only fills its gaps when it has an amount too (an amountless mention
    such as 「Microsoftとの契約改定」 has no reliable date or term). A statement merged away points
    at the one kept (``Deal.merged_into``).
    """
    merged: list[Deal] = []
    for deal in deals:
        i = next((i for i, m in enumerate(merged) if _same_statement(m, deal, figure)), None)
        if i is None:
            merged.append(deal)
            continue
        old = merged[i]
        base, other = (deal, old) if _rank(deal, figure) > _rank(old, figure) else (old, deal)
        if figure(other).amount is not None:
            for name in Deal.FILLABLE:
                if getattr(base, name) is None and getattr(other, name) is not None:
                    setattr(base, name, getattr(other, name))
        base.total = base.total or other.total
        base.parent = base.parent or other.parent
        if len(other.parties) > len(base.parties) and compatible(figure(other), figure(base)):
            base.parties, base.names = other.parties, other.names  # a restatement names fewer parties
        other.merged_into = base
        merged[i] = base
    return merged


def _rank(deal: Deal, figure: FigureOf) -> tuple[bool, int, bool, int]:
    """Which statement of a deal to keep: one with a figure, of the more specific kind, from the body
    rather than the headline (which rounds: $14B for $14.2B), saying more."""
    filled = sum(getattr(deal, k) is not None for k in ("date", "duration", "until", "status"))
    order = KIND_ORDER.index(deal.kind) if deal.kind in KIND_ORDER else len(KIND_ORDER)
    return (figure(deal).amount is not None, -order, deal.span[0] != 0, filled)


def _same_statement(a: Deal, b: Deal, figure: FigureOf) -> bool:
    """Same parties, a compatible amount and kind; or one party in common and the same figure (a
    headline that names the parent company: "deal with Amazon" over "with Amazon Web Services")."""
    fa, fb = figure(a), figure(b)
    same_figure = fa.amount is not None and fb.amount is not None and compatible(fa, fb)
    if a.kind != b.kind and not (a.kind in LOOSE_KINDS and b.kind in LOOSE_KINDS):
        # 「Googleが約30億ドルを出資」 and 「GoogleのTPUを利用する契約」: two deals; but a one-party
        # statement of another deal's figure restates it, and so does a headline's partnership of the
        # figure of an investment between the same two (「最大1000億ドルの戦略的パートナーシップ」)
        if same_figure and a.names == b.names and (a.kind in LOOSE_KINDS) != (b.kind in LOOSE_KINDS):
            return True
        return same_figure and {a.kind, b.kind} <= RESTATED and _restates(a, b)
    if a.names == b.names:
        # a headline rounds its figure ("Meta Signs $14B Deal" over "as much as $14.2B")
        return compatible(fa, fb, HEADLINE_ROUNDING if 0 in (a.span[0], b.span[0]) else 0.01)
    if a.span[0] == b.span[0]:
        return False  # the items of one list sentence are different deals
    if not (same_figure and a.names & b.names):
        return False
    # the other parties must be one company named two ways (Amazon, Amazon Web Services), not two
    # investors of the same figure ("Nvidia is contributing $2 billion"; "SpaceX put $2 billion into xAI")
    only_a, only_b = a.names - b.names, b.names - a.names
    return not only_a or not only_b or any(_one_company(x, y) for x in only_a for y in only_b)


def _restates(a: Deal, b: Deal) -> bool:
    one, other = (a, b) if len(a.names) < len(b.names) else (b, a)
    return len(one.names) == 1 and one.names < other.names and a.span[0] != b.span[0]


def _one_company(x: str, y: str) -> bool:
    x, y = x.casefold(), y.casefold()
    return x in y or y in x or x.split()[:1] == y.split()[:1]


def compatible(a: Figure, b: Figure, tolerance: float = 0.01) -> bool:
    """Amounts that may be one figure: either unknown, within ``tolerance`` (1 %) in one currency, or
    within 5 % in US dollars when stated in two currencies."""
    if a.amount is None or b.amount is None:
        return True
    if a.currency == b.currency or a.currency is None or b.currency is None:
        return abs(a.amount - b.amount) <= tolerance * max(abs(a.amount), abs(b.amount))
    return (
        a.usd is not None and b.usd is not None and abs(a.usd - b.usd) <= 0.05 * max(abs(a.usd), abs(b.usd))
    )
