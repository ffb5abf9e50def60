"""Merging statements of one deal, in one place.

Within a sentence, investors or lenders sharing one figure made one deal (``one_round``). Within an
article, statements of one deal (the title and the lead) are one deal (``merge``) when their kinds
may name one deal (``ingest.deal_kinds.LOOSE_KINDS``), their parties are the same (or one company
named two ways) and their amounts agree.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from newskb.ingest.components.deals.model import Deal
from newskb.ingest.deal_kinds import KIND_ORDER, LOOSE_KINDS

Figure = Callable[[Deal], tuple[float | None, str | None]]  # a deal's amount and currency


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


def merge(deals: list[Deal], figure: Figure) -> list[Deal]:
    """One deal per article per statement: same parties and a compatible amount merge.

    ``figure`` gives a deal's amount and currency. The statement with an amount (else the
    more specific kind: the lead's 契約 over the headline's 提携) is kept; the other only fills its
    gaps when it has an amount too (an amountless mention such as 「Microsoftとの契約改定」 has no
    reliable date or term).
    """
    merged: list[tuple[Deal, float | None, str | None]] = []
    for deal in deals:
        item = (deal, *figure(deal))
        i = next((i for i, m in enumerate(merged) if _same_statement(m, item)), None)
        if i is None:
            merged.append(item)
            continue
        old = merged[i]
        base, other = (item, old) if _rank(item) > _rank(old) else (old, item)
        if other[1] is not None:
            for name in Deal.FILLABLE:
                if getattr(base[0], name) is None and getattr(other[0], name) is not None:
                    setattr(base[0], name, getattr(other[0], name))
        merged[i] = base
    return [deal for deal, _, _ in merged]


def _rank(item: tuple[Deal, float | None, str | None]) -> tuple[bool, int, int]:
    deal, amount, _ = item
    filled = sum(getattr(deal, k) is not None for k in ("date", "duration", "until", "status"))
    order = KIND_ORDER.index(deal.kind) if deal.kind in KIND_ORDER else len(KIND_ORDER)
    return (amount is not None, -order, filled)


def _same_statement(
    a: tuple[Deal, float | None, str | None], b: tuple[Deal, float | None, str | None]
) -> bool:
    """Same parties, a compatible amount and kind; or one party in common and the same figure (a
    headline that names the parent company: "deal with Amazon" over "with Amazon Web Services")."""
    (da, amount_a, currency_a), (db, amount_b, currency_b) = a, b
    if da.kind != db.kind and not (da.kind in LOOSE_KINDS and db.kind in LOOSE_KINDS):
        return False  # 「Googleが約30億ドルを出資」 and 「GoogleのTPUを利用する契約」: two deals
    if da.names == db.names:
        return _compatible(amount_a, amount_b)
    if da.span[0] == db.span[0]:
        return False  # the items of one list sentence are different deals
    same_figure = amount_a is not None and amount_b is not None and _compatible(amount_a, amount_b)
    if not (same_figure and currency_a == currency_b and da.names & db.names):
        return False
    # the other parties must be one company named two ways (Amazon, Amazon Web Services), not two
    # investors of the same figure ("Nvidia is contributing $2 billion"; "SpaceX put $2 billion into xAI")
    only_a, only_b = da.names - db.names, db.names - da.names
    return not only_a or not only_b or any(_one_company(x, y) for x in only_a for y in only_b)


def _one_company(x: str, y: str) -> bool:
    x, y = x.casefold(), y.casefold()
    return x in y or y in x or x.split()[:1] == y.split()[:1]


def _compatible(a: float | None, b: float | None) -> bool:
    return a is None or b is None or abs(a - b) <= 0.01 * max(abs(a), abs(b))
