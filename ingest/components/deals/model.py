"""The typed values the deal rules pass around: a placed organization, a trigger word, a party and
a deal. ``Deal.as_dict`` gives the component's output (``doc._.deals``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

Span = tuple[int, int]


@dataclass
class Org:
    """An organization named in a sentence, with its grammatical place there."""

    start: int
    end: int
    mark: str  # the particle or preposition that places it: が, と, with, by, subject…
    place: str = ""  # subject or counter, once decided
    joint: bool = False  # coordinated with the subject after it (XとYが, X and Y): a party of the same side

    @property
    def span(self) -> Span:
        return (self.start, self.end)


@dataclass(frozen=True)
class Trigger:
    """A deal word found in a sentence: where, as written, and the lexicon entry it is."""

    start: int
    end: int
    text: str
    word: str  # the lexicon entry ("put … into" for "put $2 billion into")


@dataclass
class Party:
    entity: Span  # the offsets of the organization's mention (one of doc._.mentions)
    role: str


@dataclass
class Deal:
    """One statement of a deal in one sentence (or list line)."""

    kind: str
    parties: list[Party]
    span: Span  # the evidence: the sentence stating the deal
    status: str | None = None
    money: int | None = None  # index of the amount in doc._.money
    duration: str | None = None
    date: str | None = None
    until: str | None = None
    start_date: str | None = None
    end_date: str | None = None
    family: str = ""  # the rule family that found it
    key: str = ""  # unique within the document, set when the deals are final
    part_of: str | None = None  # the key of the total this deal is a part of
    names: frozenset[str] = field(default=frozenset(), compare=False)  # the parties' canonical names
    total: bool = False  # stated as a total ("bringing the total to", 総額, 合わせて)
    parent: Deal | None = field(default=None, repr=False, compare=False)  # the deal it breaks down (内訳)
    merged_into: Deal | None = field(default=None, repr=False, compare=False)  # the statement it joined
    awaiting: bool = False  # a statement whose other parties the next rows name (dropped if they do not)
    gathers: bool = False  # a statement whose other parties are those its rows name

    def survivor(self) -> Deal:
        """The statement of the deal this one was merged into (itself when it was not)."""
        deal = self
        while deal.merged_into is not None:
            deal = deal.merged_into
        return deal

    # Fields a second statement of the deal may fill when this one leaves them empty.
    FILLABLE = ("status", "money", "duration", "date", "until", "start_date", "end_date")

    def as_dict(self, money: list[dict[str, Any]]) -> dict[str, Any]:
        """The deal as ``doc._.deals`` holds it: the columns of ``deals`` plus ``start``/``end``,
        ``money`` (an index into ``doc._.money``), ``parties``, ``key`` and ``part_of``."""
        fig = money[self.money] if self.money is not None else {}
        return {
            "kind": self.kind,
            "status": self.status,
            "amount": fig.get("amount"),
            "currency": fig.get("currency"),
            "usd": fig.get("usd"),
            "approx": bool(fig.get("approx")) if fig else None,
            "duration": self.duration,
            "date": self.date,
            "until": self.until,
            "start_date": self.start_date,
            "end_date": self.end_date,
            "start": self.span[0],
            "end": self.span[1],
            "money": self.money,
            "parties": [{"entity": p.entity, "role": p.role} for p in self.parties],
            "key": self.key,
            "part_of": self.part_of,
        }
