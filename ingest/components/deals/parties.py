"""Helpers for the parties of a sentence's deals: the organization an earlier sentence stands for,
the deal word a counterparty belongs to, each counterparty's part of a list sentence. The subject
and counterparties themselves are ``SentenceView.parties``."""

from __future__ import annotations

from newskb.ingest.components.deals.model import Org, Span, Trigger


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
