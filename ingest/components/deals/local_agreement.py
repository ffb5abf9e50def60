"""Family: agreements with local governments.

「ハイレゾは香川県、高松市と立地協定を締結した」, 「香川県と高松市は…データセンターの進出協定を結んだ」,
"Meta signed a development agreement with Doña Ana County": one deal of the companies and the local
governments (a prefecture, a city, a county that signs; ``support.yaml``'s ``agreements``), with the
investment the sentence states (or the next one: 「投資額は約500億円」, the follow_up family).
"""

from __future__ import annotations

from newskb.ingest.components.deals.government_support import governments, is_government
from newskb.ingest.components.deals.model import Deal, Org, Party
from newskb.ingest.components.deals.view import SentenceView

NAME = "local_agreement"
KIND, ROLE = "other", "partner"


def find(view: SentenceView) -> list[Deal]:
    article, lexicon = view.article, view.article.lexicon
    agreement = lexicon.support.agreements.search(view.text, view.start, view.end)
    if agreement is None:
        return []
    locals_ = governments(view)
    if not locals_:
        return []
    spans = {g.span for g in locals_}
    no_party = lexicon.grammar.ja_no_party
    companies = [o for o in view.orgs if o.span not in spans and o.mark not in no_party]
    if not companies and view.carried is not None:
        carried = article.mention_at(view.carried)
        if carried and not is_government(carried, lexicon.support):
            companies = [Org(*view.carried, "carried", "subject")]
    if not companies:
        return []
    status = view.status()
    money = view.money_in(near=agreement.start())
    made = status in ("signed", "completed", "announced") or any(
        lexicon.realized.match(view.text, t.end) for t in view.triggers
    )
    if money is None and not made:
        return []  # 「協定の締結を目指す」: not made yet, and no figure
    parties = [Party(o.span, ROLE) for o in companies + locals_]
    return [view.deal(KIND, money, parties, NAME, status=status)]
