"""Family: bonds underwritten, in Japanese.

「ルネサスエレクトロニクスが発行する社債300億円を、野村証券と大和証券が引き受けた」, 「日本政策投資銀行は、
さくらインターネットの私募債200億円を引き受けた」: a loan of the issuer (the organization named right before
「が発行する」 or 「の」 and the bond word), every other organization of the sentence lending. Words are
``bonds`` of ``deal_triggers.yaml``. (English: "underwrote … bonds issued by X" is a loan word whose
subject provides, in ``two_party``.)
"""

from __future__ import annotations

from newskb.ingest.components.deals.model import Deal, Party
from newskb.ingest.components.deals.view import SentenceView

NAME = "underwritten_bonds"
# How many characters may stand between the issuer's 「が発行する」/「の」 and the bond word (普通, 無担保…)
_GAP = 8


def find(view: SentenceView) -> list[Deal]:
    if not view.japanese:
        return []
    article, words, text = view.article, view.article.lexicon.bonds, view.text
    bond = words.bonds.search(text, view.start, view.end)
    if bond is None or words.underwrite.search(text, bond.end(), view.end) is None:
        return []
    issuers = [
        o
        for o in view.orgs
        if o.end <= bond.start()
        and (m := words.issuer_after.match(text, o.end)) is not None
        and bond.start() - m.end() <= _GAP  # 「…の私募債」, 「…が発行する普通社債」
    ]
    if not issuers:
        return []
    issuer = issuers[-1]
    lenders = [o for o in view.orgs if o is not issuer and article.name(o) != article.name(issuer)]
    if not lenders:
        return []
    parties = [Party(issuer.span, "borrower"), *(Party(o.span, "lender") for o in lenders)]
    return [view.deal("loan", view.money_in(), parties, NAME, status=view.status())]
