"""Family: supply of a stated number of accelerators, with no amount.

「米エヌビディアは、ソフトバンクにGB300を約1万個供給する」, "AMD will supply Crusoe with 13,000 MI355X
accelerators", "Reliance will buy 20,000 Nvidia Blackwell GPUs": a compute contract of the supplier and
each buyer. Other families want an amount (or a deal stated as signed) before a purchase of goods is
a deal; here the count of chips (``doc._.gpu_specs``) is what makes it concrete. Asked only when no
other family found a deal in the sentence, and only for a sentence without an amount. Words are the
``counted_supply`` lists of ``deal_triggers.yaml``.
"""

from __future__ import annotations

from typing import Any

from newskb.ingest.components.deals.model import Deal, Org, Party
from newskb.ingest.components.deals.parties import carried_org
from newskb.ingest.components.deals.view import SentenceView

NAME = "counted_supply"
KIND = "compute contract"
MAKER_MARKS = ("vendor", "の")  # "Nvidia GPUs", 「NVIDIAのGPU」: the chips' maker (or named as their vendor)


def find(view: SentenceView) -> list[Deal]:
    article, text, (start, end) = view.article, view.text, view.span
    lexicon = article.lexicon
    counted = _counted(view)
    if view.money_in() is not None or not counted:
        return []
    provides = lexicon.supply.provides.search(text, start, end)
    buys = lexicon.supply.buys.search(text, start, end)
    word = min((m for m in (provides, buys) if m), key=lambda m: m.start(), default=None)
    if word is None or lexicon.not_yet_made.search(text, start, end):
        return []  # 「供給を検討」, "hopes to buy": not made
    orgs = [
        o for o in view.orgs if o.span not in article.speakers and o.mark not in lexicon.grammar.ja_no_party
    ]
    subject = next((o for o in orgs if o.place == "subject"), None)
    if subject is None:
        subject = next((o for o in orgs if o.end <= word.start() and o.mark not in MAKER_MARKS), None)
    if subject is None and view.carried is not None:
        subject = carried_org(view.carried, "subject")
    if subject is None:
        return []
    others = _distinct(view, [o for o in orgs if article.name(o) != article.name(subject)])
    makers = {s.get("vendor") for s in counted}
    buyers_side = [o for o in others if o.mark not in MAKER_MARKS and article.name(o) not in makers]
    # the supplier's own chips are no party; a buyer's counterparty is its seller, else the maker
    counters = buyers_side if word is provides or buyers_side else others
    roles = ("provider", "buyer") if word is provides else ("buyer", "provider")
    status = view.status()
    return [
        view.deal(KIND, None, [Party(subject.span, roles[0]), Party(c.span, roles[1])], NAME, status=status)
        for c in counters
    ]


def _counted(view: SentenceView) -> list[dict[str, Any]]:
    """The accelerators the sentence counts (13,000 MI355X, 約1万個のGPU)."""
    specs = view.article.doc._.gpu_specs or []
    return [s for s in specs if s.get("count") and view.start <= s["start"] < view.end]


def _distinct(view: SentenceView, orgs: list[Org]) -> list[Org]:
    """Each organization once (its first mention)."""
    seen: set[str] = set()
    kept = []
    for o in orgs:
        if view.article.name(o) not in seen:
            seen.add(view.article.name(o))
            kept.append(o)
    return kept
