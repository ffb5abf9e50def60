"""Who the parties of a sentence's deals are: its subject (its own, else the carried one) and its
counterparties, from the places ``places`` gave its organizations."""

from __future__ import annotations

from typing import TYPE_CHECKING

from newskb.ingest.components.deals.model import Org, Span, Trigger

if TYPE_CHECKING:
    from newskb.ingest.components.deals.view import SentenceView


def resolve_parties(view: SentenceView) -> tuple[Org | None, list[Org], bool]:
    """The sentence's subject, its counterparties, and whether they are joint parties of one deal."""
    article, text, triggers, orgs, carried = view.article, view.text, view.triggers, view.orgs, view.carried
    grammar = article.lexicon.grammar
    counters = view.counters
    subjects = view.subjects
    passive = (
        not view.japanese
        and any(o.mark == "by" for o in counters)
        and any(grammar.en_passive.search(text, view.start, t.start) for t in triggers)
    )
    if passive:  # "Y was acquired by X": X acts, Y is acted on by the passive deal word
        by = [o for o in counters if o.mark == "by"]
        counters = [o for o in counters if o.mark != "by"]
        counters += [Org(o.start, o.end, "passive", "counter") for o in subjects]
        subjects = by
    if view.japanese and counters:  # 「Yとは…契約を結んできたが、Xが…」: Xが is the subject of a later clause
        first = trigger_of(counters[0], triggers, view.japanese)
        subjects = [s for s in subjects if s.start < first.start]
    joint = len(subjects) >= 2 and not counters and any(s.joint for s in subjects)
    if joint:  # XとYが / X and Y signed / 「SBG、OpenAI、MGXが出資」: one deal of them all
        subjects, counters = subjects[:1], subjects[1:]
    if not counters:
        # "to use Google TPUs" / 「Oracleのクラウドサービスに支払う」: the maker of what is bought
        owners = [
            o for o in orgs if o.mark in ("vendor", "の") and (not subjects or o.start > subjects[0].end)
        ]
        counters = owners[:1]
    # "buy capacity from the company", 「同社から調達」: the article's company, already named
    if (
        not counters
        and subjects
        and carried is not None
        and grammar.same_company.search(text, view.start, view.end)
    ):
        counters = [carried_org(carried, "counter")]
    if not subjects:  # "“…,” OpenAI said": the speaker of a quotation states its deals
        subjects = [o for o in orgs if o.span in article.speakers][:1]
    if not subjects and carried is not None and counters:
        subjects = [carried_org(carried, "subject")]
    subject = subjects[0] if subjects else None
    if subject is not None:
        counters = [c for c in counters if article.name(c) != article.name(subject)]
    return subject, counters, joint


def carried_org(span: Span, place: str) -> Org:
    """An organization of an earlier sentence standing for a party of this one."""
    return Org(span[0], span[1], "carried", place)


def trigger_of(counter: Org, triggers: list[Trigger], japanese: bool) -> Trigger:
    """The trigger a counterparty belongs to: the next one in Japanese (verb last), else the one before."""
    after = [t for t in triggers if t.start >= counter.end]
    before = [t for t in triggers if t.end <= counter.start]
    if japanese:
        return after[0] if after else before[-1]
    return before[-1] if before else after[0]


def segments(counters: list[Org], end: int) -> list[Span]:
    """Each counterparty's part of a list sentence: from its name to the next one's."""
    bounds = [c.start for c in counters[1:]] + [end]
    return [(c.end, b) for c, b in zip(counters, bounds)]
