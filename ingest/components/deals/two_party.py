"""Family: a subject and its counterparties, one deal each.

「OracleはOpenAIと3000億ドルの契約を結んだ」, "Microsoft will invest $2 billion in Mistral AI", "Groq was
acquired by Google"; a list sentence gives each counterparty the figure of its own item
(「Oracleとは3,000億ドル、Microsoftとは2,500億ドル…の契約」, "…, and a $38 billion agreement with
Amazon"); investors or lenders sharing one figure make one deal of them all. A deal without an
amount must be stated as made (締結した, signed, 「Yとの提携」), or have its amount in the next
sentence (「融資枠は165億ドル」).
"""

from __future__ import annotations

import re

from newskb.ingest.components.deals.lexicon import PAREN
from newskb.ingest.components.deals.made_without_terms import stated as made_without_terms
from newskb.ingest.components.deals.merge import one_round
from newskb.ingest.components.deals.model import Deal, Org, Party, Trigger
from newskb.ingest.components.deals.parties import segments, trigger_of
from newskb.ingest.components.deals.sentences import clause_stretches, phrase_openers
from newskb.ingest.components.deals.single_party import site_owner
from newskb.ingest.components.deals.view import SentenceView

NAME = "two_party"


def find(view: SentenceView) -> list[Deal]:
    article, text, (start, end), triggers, japanese = (
        view.article,
        view.text,
        view.span,
        view.triggers,
        view.japanese,
    )
    grammar = article.lexicon.grammar
    if not triggers:
        return []
    subject, counters, joint = view.parties
    if subject is None:
        return []
    # 「シャープの堺工場跡地に1000億円を投じる」: the owner of the site is no party
    counters = [c for c in counters if not (c.mark == "の" and site_owner(view, c))]
    if not japanese:
        counters = [c for c in counters if not _in_clause_of_its_own(view, c)]
    if not counters:
        return []
    following = view.following
    # 「…からの融資で賄う。融資枠は165億ドル」: the next sentence gives the amount, so the deal stands
    amount_follows = (
        following is not None
        and bool(article.lexicon.amount_opener.match(text, following[0]))
        and article.money_in(following[0], following[1]) is not None
    )
    status = view.status()
    spans = segments(counters, end)
    if not japanese and len(triggers) > 1:
        # "agreed to buy $9.7 billion … from IREN, and signed a deal with Lambda": each deal word
        # opens its own clause, and a counterparty's figure is in its clause
        clauses = clause_stretches(text, [(t.start, t.end) for t in triggers], start, end)
        spans = [next((c for c in clauses if c[0] <= o.start < c[1]), (start, end)) for o in counters]
    if not japanese and len(counters) > 1:
        # "will invest $100 million in Mistral AI and $50 million in Cohere": each figure before its name
        ahead = [(start if i == 0 else counters[i - 1].end, c.start) for i, c in enumerate(counters)]
        if all(_figures_in(article, *span) == 1 for span in ahead) and not _figures_in(
            article, counters[-1].end, end
        ):
            spans = ahead
    context_start = view.previous[0] if view.previous else start
    # a list sentence gives each item its own figure; otherwise the figure is shared
    shared = None
    if all(article.money_in(s, e) is None for s, e in spans[:-1]):  # (an index: 0 is a figure)
        shared = (start, end)
    deals = []
    partners = counters[1:] if joint else []
    # "Oracle and SoftBank Group will invest $900 million in Crusoe", 「AとBがCに出資」: the subjects
    # coordinated with the subject act with it
    co_subjects = (
        [o for o in view.subjects if o is not subject and o not in counters]
        if not joint and subject.joint and subject in view.subjects
        else []
    )
    if joint:
        counters, spans, shared = counters[:1], [(start, end)], (start, end)
    for counter, (seg_start, seg_end) in zip(counters, spans):
        trigger = trigger_of(counter, triggers, japanese)
        if counter.mark == "passive":  # "has agreed to be acquired by X": the passive word's deal
            trigger = next((t for t in triggers if grammar.en_passive.search(text, start, t.start)), trigger)
        kind, roles = article.kind(trigger, context_start, end)
        goods = kind == "acquisition" and bool(
            grammar.ja_goods.search(text, start, trigger.start)
            if japanese
            else counter.mark == "vendor"
            or grammar.en_goods.search(text, trigger.end, max(trigger.end, counter.start))
        )
        if goods:
            # "buy $9.7 billion of GPUs from IREN", "buy Google chips", 「TPUを…購入」: goods, no company
            kind = "compute contract" if article.lexicon.compute.search(text, start, end) else "supply"
            roles = article.lexicon.roles["supply"]
        # 受注 (the subject provides), 買収された / 出資を受けた (the subject is acted on)
        # "an agreement to supply compute to Meta": the subject supplies
        supplies = (
            not japanese
            and roles == ("buyer", "provider")
            and counter.mark == "with"
            and bool(grammar.en_to_before.search(text[start : counter.start]))
            and bool(grammar.en_supply.search(text, start, counter.start))
        )
        # a loan's roles are the borrower's view (融資を受ける, "secured a loan"): 「Xが融資する」 lends
        acted_on = japanese and bool(
            (grammar.ja_lends if kind == "loan" else grammar.ja_passive).match(text, trigger.end)
        )
        # "will host GPU clusters for Mistral AI": the subject serves the counterparty
        serves = counter.mark == "served"
        if trigger.word in article.lexicon.provider_subject or supplies or acted_on or serves:
            roles = (roles[1], roles[0])
        money_span = (start, end) if len(counters) == 1 else shared or (seg_start, seg_end)
        money = article.money_in(*money_span, near=trigger.start)
        # (only with the sentence's own subject: a borrower carried from elsewhere is a guess)
        stated = (amount_follows and subject.mark != "carried") or _realized(
            view, trigger, counter, status, kind, joint
        )
        # 「Xの買収を完了した」: X is the target, a party like any other
        bought = (
            kind == "acquisition"
            and counter.mark == "の"
            and bool(re.fullmatch(rf"{PAREN}\)?の", text[counter.end : trigger.start]))
        )
        # "Meta agreed to use Google TPUs, in a deal worth tens of billions": a figure without a
        # number still says the maker is paid (by the sentence's own subject: a carried one is a guess)
        vague = counter.mark == "vendor" and subject.mark != "carried" and article.vague_money_in(*money_span)
        maker = counter.mark in ("の", "vendor") and not (bought or vague)
        # (the next sentence's amount, 「契約額は…」, makes even the maker's a deal)
        if money is None and ((maker and not amount_follows) or (goods and not vague) or not stated):
            # the maker of a product (Xの技術, "X chips") or the seller of goods (「NVIDIAからGPUを購入」)
            # makes a deal only with its amount
            continue
        dated = (start, end) if len(counters) == 1 or shared is not None else (seg_start, seg_end)
        if (
            not japanese
            and len(triggers) > 1
            and any(o.end() == seg_end for o in phrase_openers(text, max(start, seg_end - 12), seg_end))
        ):
            dated = (
                start,
                seg_end,
            )  # a date in a later clause ("…, and committed to buy … in 2026") is its own
        parties = [Party(o.span, roles[1]) for o in [counter, *partners]]
        parties[:0] = [Party(o.span, roles[0]) for o in [subject, *co_subjects]]
        deals.append(view.deal(kind, money, parties, NAME, status=status, dated=dated))
    return one_round(deals) if shared is not None else deals


def _figures_in(article, start: int, end: int) -> int:
    """How many figures with an amount stand in [start, end)."""
    return sum(1 for f in article.money if start <= f["start"] < end and f.get("amount") is not None)


def _in_clause_of_its_own(view: SentenceView, org: Org) -> bool:
    """ "…, and build two data centers with SoftBank": an organization after the last deal word, in a
    clause of its own (a verb phrase after ", and") that holds no deal word, is no party of the deal;
    a list item (", Nvidia, and AMD", "and with Lambda") is."""
    last = max((t.end for t in view.triggers if t.end <= org.start), default=None)
    if last is None:
        return False
    openers = phrase_openers(view.text, last, org.start)
    if not openers:
        return False
    lead_start = openers[-1].end()
    # "… in Mistral AI and $50 million in Cohere": a list item with its own figure, no verb phrase
    figures = [f for f in view.article.money if lead_start <= f["start"] and f["end"] <= org.start]
    lead = view.text[lead_start : org.start]
    for f in sorted(figures, key=lambda f: f["start"], reverse=True):
        lead = lead[: f["start"] - lead_start] + lead[f["end"] - lead_start :]
    words = lead.split()
    return len([w for w in words if w.casefold() not in view.article.lexicon.grammar.en_clause_glue]) >= 2


def _realized(
    view: SentenceView, trigger: Trigger, counter: Org, status: str | None, kind: str, joint: bool
) -> bool:
    """A deal without an amount must be stated as made, not as a habit or a comparison."""
    text, realized, grammar = view.text, view.article.lexicon.realized, view.article.lexicon.grammar
    if any(realized.match(text, t.end) for t in view.triggers):
        return True  # 「合弁会社の設立で合意している」: any of the sentence's deal words
    # 「Yとの提携」 states a partnership, 「XとYが戦略的提携」 too (joint parties); 「Yとの契約は…」 talks
    # about one already known. A warrant to a named company ("will issue OpenAI warrants") is the deal.
    topic = grammar.ja_topic_after.match(text, trigger.end, trigger.end + 2)
    unmade = status == "talks" or view.article.lexicon.not_yet_made.search(text, view.start, view.end)
    partner = (counter.mark in grammar.ja_partner or counter.mark == "with" or joint) and not unmade
    if kind in ("partnership", "contract", "compute contract", "warrant") and partner and not topic:
        return True
    if not unmade and not topic and made_without_terms(view):
        return True  # "has bought X, without disclosing terms", 「NTT、Xに出資」
    return status in ("signed", "completed", "announced")
