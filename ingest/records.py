"""Records: what the extractors found in one article, typed, as it crosses from ``ingest`` to ``kb``.

The spaCy components keep their facts on ``Doc`` extensions as plain dicts with ``start`` / ``end``
offsets (docs/extractors.md); ``doc_to_records`` is the one place that turns them into these
records, adding each fact's sentence. A key no record knows is an error (``RecordError``), never
dropped on the way: adding a fact's key is adding a field here (and a column in ``kb.schema``).

Every record has an id unique within its article ("m3", "money2", "deal1"), and records refer to
each other by id, never by position in a list: a figure, a chip count or a capacity to the mention
of its organization (``entity``), a conversion to the figure it converts (``converted_from``), a
deal to its figure (``money``), to its parties' mentions and to the deal of the total it is a part
of (``part_of``: a tranche, an add-on, one recipient's share, a phase). ``Records.extend`` joins
the records of an article's sections, renumbering the ids it appends. Entities are still named by
their mentions (name, type, text): entity ids belong to the knowledge base, which ``kb.store``
resolves when it saves the records.

Records are plain data: ``to_dict`` / ``from_dict`` are lossless and JSON-ready.
"""
from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Self

if TYPE_CHECKING:  # spaCy is imported by the pipeline, not by the store that reads Records
    from spacy.tokens import Doc


class RecordError(ValueError):
    """Records that do not hold together: a key no record has, a missing value, an id used twice or a
    reference to no record. ``str()`` is a one-line message."""


def ref(kind: str) -> Any:
    """A field holding the id of a record of ``kind`` (a list of ``Records``), or None."""
    return field(default=None, metadata={"refers_to": kind})


@dataclass(kw_only=True)
class Record:
    """What every record has: its id within the article, where it is (character offsets into the
    article's text) and the sentence it was read from."""

    KIND: ClassVar[str]  # the list of Records that holds it, and the table it is stored in
    PREFIX: ClassVar[str]  # of its ids
    # keys a component sets for the other components, which are not the record's
    PIPELINE_ONLY: ClassVar[frozenset[str]] = frozenset()

    id: str
    start: int
    end: int
    sentence: str | None = None

    @classmethod
    def references(cls) -> dict[str, str]:
        """Its fields that hold the id of another record, with the kind of that record."""
        return {f.name: f.metadata["refers_to"] for f in dataclasses.fields(cls) if "refers_to" in f.metadata}

    @classmethod
    def values(cls) -> tuple[str, ...]:
        """Its fields that hold a value of its own (not its id, a reference or the parties of a deal)."""
        skip = {"id", "parties", *cls.references()}
        return tuple(f.name for f in dataclasses.fields(cls) if f.name not in skip)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        """The record of ``data`` (as ``to_dict`` gives it); a key it does not have is an error."""
        names = {f.name for f in dataclasses.fields(cls)}
        unknown = sorted(set(data) - names)
        if unknown:
            raise RecordError(f"{cls.__name__}: unknown key(s) {', '.join(map(repr, unknown))} "
                              f"(a new key is a new field of ingest/records.py {cls.__name__})")
        try:
            return cls(**cls._nested(data))
        except TypeError as exc:
            raise RecordError(f"{cls.__name__}: {exc}") from None

    @classmethod
    def _nested(cls, data: Mapping[str, Any]) -> dict[str, Any]:
        return dict(data)


@dataclass(kw_only=True)
class Mention(Record):
    """A place the article names an entity (``mentions``)."""

    KIND = "mentions"
    PREFIX = "m"
    PIPELINE_ONLY = frozenset({"actor"})  # whether it acts in the story: ingest.components.actors reads it

    text: str
    name: str
    type: str
    label: str | None = None
    source: str | None = None


@dataclass(kw_only=True)
class Money(Record):
    """A monetary amount (``money``); see kb.schema for what each value means."""

    KIND = "money"
    PREFIX = "money"

    text: str
    amount: float | None = None
    currency: str | None = None
    usd: float | None = None
    approx: bool = False
    low: float | None = None
    high: float | None = None
    bound: str | None = None
    per: str | None = None
    role: str | None = None
    entity: str | None = ref("mentions")
    converted_from: str | None = ref("money")


@dataclass(kw_only=True)
class Percent(Record):
    """A percentage (``percents``)."""

    KIND = "percents"
    PREFIX = "percent"

    text: str
    value: float | None = None
    low: float | None = None
    high: float | None = None
    approx: bool = False


@dataclass(kw_only=True)
class Date(Record):
    """A calendar expression, normalized (``dates``)."""

    KIND = "dates"
    PREFIX = "date"

    text: str
    value: str | None = None
    start_date: str | None = None
    end_date: str | None = None
    precision: str | None = None
    relative: bool = False
    anchor: str | None = None


@dataclass(kw_only=True)
class Duration(Record):
    """A span of time (``durations``)."""

    KIND = "durations"
    PREFIX = "duration"

    text: str
    value: str | None = None
    value_max: str | None = None
    approx: bool = False


@dataclass(kw_only=True)
class GpuSpec(Record):
    """Accelerators named in the article, with their counts and specs (``gpu_specs``)."""

    KIND = "gpu_specs"
    PREFIX = "gpu"

    text: str
    model: str | None = None
    vendor: str | None = None
    architecture: str | None = None
    kind: str | None = None
    count: int | None = None
    count_approx: bool = False
    count_low: int | None = None
    count_high: int | None = None
    count_bound: str | None = None
    memory_bytes: float | None = None
    memory_text: str | None = None
    compute_flops: float | None = None
    compute_precision: str | None = None
    compute_text: str | None = None
    interconnect: str | None = None
    system: str | None = None
    uncatalogued: bool | None = None
    entity: str | None = ref("mentions")


@dataclass(kw_only=True)
class Capacity(Record):
    """Power or data-centre capacity (``capacities``)."""

    KIND = "capacities"
    PREFIX = "capacity"

    text: str
    watts: float | None = None
    approx: bool = False
    kind: str | None = None
    entity: str | None = ref("mentions")


@dataclass(kw_only=True)
class Party:
    """A party of a deal: the id of the mention that names it, and its role."""

    mention: str
    role: str | None = None


@dataclass(kw_only=True)
class Deal(Record):
    """A deal statement (``deals`` and its ``deal_parties``)."""

    KIND = "deals"
    PREFIX = "deal"

    kind: str
    status: str | None = None
    amount: float | None = None
    currency: str | None = None
    usd: float | None = None
    approx: bool | None = None
    duration: str | None = None
    date: str | None = None
    until: str | None = None
    start_date: str | None = None
    end_date: str | None = None
    money: str | None = ref("money")
    part_of: str | None = ref("deals")  # the deal of the total this one is a component of
    parties: list[Party] = field(default_factory=list)

    @classmethod
    def _nested(cls, data: Mapping[str, Any]) -> dict[str, Any]:
        out = dict(data)
        parties = []
        for party in out.get("parties") or []:
            unknown = sorted(set(party) - {"mention", "role"})
            if unknown:
                raise RecordError(f"Party: unknown key(s) {', '.join(map(repr, unknown))}")
            parties.append(Party(**party))
        out["parties"] = parties
        return out


# The kinds of record, in the order the store saves them (a record refers only to kinds before it,
# or to its own kind), each by the name of its list in Records, which is its table's name.
RECORD_TYPES: tuple[type[Record], ...] = (Mention, Money, Percent, Date, Duration, GpuSpec, Capacity, Deal)
RECORD_KINDS = tuple(t.KIND for t in RECORD_TYPES)

# The Doc extensions of the facts stored as they are (deals are read apart: they refer to the others).
FACT_EXTENSIONS = ("money", "percents", "dates", "durations", "gpu_specs", "capacities")


@dataclass
class Records:
    """Everything extracted from one article, ready to store."""

    mentions: list[Mention] = field(default_factory=list)
    money: list[Money] = field(default_factory=list)
    percents: list[Percent] = field(default_factory=list)
    dates: list[Date] = field(default_factory=list)
    durations: list[Duration] = field(default_factory=list)
    gpu_specs: list[GpuSpec] = field(default_factory=list)
    capacities: list[Capacity] = field(default_factory=list)
    deals: list[Deal] = field(default_factory=list)
    # The title and text as words for the full-text index (ingest.search_tokens), when the
    # pipeline's own SudachiPy made them; else the store makes them.
    search_text: str | None = None

    def of_kind(self, kind: str) -> list[Any]:
        return getattr(self, kind)

    def extend(self, other: Records, offset: int) -> None:
        """Append the records of a section of the article that starts at character ``offset``; the
        appended records get the ids that follow this article's (their references follow them)."""
        renamed = {kind: {r.id: f"{type(r).PREFIX}{len(self.of_kind(kind)) + n}"
                          for n, r in enumerate(other.of_kind(kind), 1)} for kind in RECORD_KINDS}
        for kind in RECORD_KINDS:
            mine = self.of_kind(kind)
            taken = {r.id for r in mine}
            for record in other.of_kind(kind):
                moved = _renamed(record, renamed, id=renamed[kind][record.id], start=record.start + offset,
                                 end=record.end + offset)
                if moved.id in taken:
                    raise RecordError(f"{kind}: id {moved.id!r} is used twice")
                mine.append(moved)

    def check(self) -> None:
        """Every id unique within its kind and every reference to a record that is here."""
        ids = {}
        for kind in RECORD_KINDS:
            ids[kind] = [r.id for r in self.of_kind(kind)]
            if len(set(ids[kind])) != len(ids[kind]):
                raise RecordError(f"{kind}: an id is used twice ({', '.join(ids[kind])})")
        for kind in RECORD_KINDS:
            for record in self.of_kind(kind):
                for target, name, value in _references(record):
                    if value is not None and value not in ids[target]:
                        raise RecordError(f"{kind} {record.id}: {name} {value!r} is no record of {target}")

    def counts(self) -> dict[str, int]:
        return {kind: len(self.of_kind(kind)) for kind in ("mentions", "deals", *FACT_EXTENSIONS)}

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {kind: [r.to_dict() for r in self.of_kind(kind)] for kind in RECORD_KINDS}
        out["search_text"] = self.search_text
        return out

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Records:
        unknown = sorted(set(data) - {*RECORD_KINDS, "search_text"})
        if unknown:
            raise RecordError(f"Records: unknown key(s) {', '.join(map(repr, unknown))}")
        records = cls(search_text=data.get("search_text"))
        for record_type in RECORD_TYPES:
            kind = record_type.KIND
            records.of_kind(kind).extend(record_type.from_dict(r) for r in data.get(kind, []))
        return records


def _references(record: Record) -> Iterator[tuple[str, str, str | None]]:
    """(kind referred to, field, id) for each reference of a record, its parties' included."""
    for name, target in type(record).references().items():
        yield target, name, getattr(record, name)
    for party in getattr(record, "parties", ()):
        yield "mentions", "party", party.mention


def _renamed(record: Record, renamed: dict[str, dict[str, str]], **changes: Any) -> Any:
    for name, target in type(record).references().items():
        value = getattr(record, name)
        changes[name] = None if value is None else renamed[target].get(value, value)
    if isinstance(record, Deal):
        changes["parties"] = [Party(mention=renamed["mentions"].get(p.mention, p.mention), role=p.role)
                              for p in record.parties]
    return dataclasses.replace(record, **changes)


class Sentences:
    """Finds the sentence around a character offset."""

    def __init__(self, doc: Doc) -> None:
        from newskb.ingest.components import text_of

        if doc.has_annotation("SENT_START"):
            spans = [(s.start_char, s.end_char) for s in doc.sents]
        else:
            spans = [(0, len(text_of(doc)))]
        self.starts = [s for s, _ in spans]
        self.spans = spans
        self.text = text_of(doc)

    def around(self, start: int, end: int | None = None) -> str:
        i = max(bisect.bisect_right(self.starts, start) - 1, 0)
        s, e = self.spans[i]
        # A fact crossing a sentence boundary keeps every sentence it touches.
        while end is not None and e < end and i + 1 < len(self.spans):
            i += 1
            e = self.spans[i][1]
        return self.text[s:e].strip()


def _extension(doc: Doc, name: str) -> list[dict[str, Any]]:
    return list(getattr(doc._, name) or []) if doc.has_extension(name) else []


def _record(record_type: type[Record], fact: Mapping[str, Any], **values: Any) -> Any:
    """The record of a component's dict: its keys (less those only the pipeline reads), then
    ``values``."""
    data = {k: v for k, v in fact.items() if k not in record_type.PIPELINE_ONLY}
    return record_type.from_dict({**data, **values})


def doc_to_records(doc: Doc) -> Records:
    """The records of one processed ``Doc`` (an article, or one section of it)."""
    sentences = Sentences(doc)
    records = Records()
    mention_ids: dict[tuple[int, int], str] = {}
    for n, m in enumerate(_extension(doc, "mentions"), 1):
        mention = _record(Mention, m, id=f"{Mention.PREFIX}{n}",
                          sentence=sentences.around(m["start"], m["end"]))
        records.mentions.append(mention)
        mention_ids[(m["start"], m["end"])] = mention.id  # a span named twice: the last mention of it

    def mention_of(span: Any) -> str | None:
        return mention_ids.get(tuple(span)) if span else None

    fact_ids: dict[str, list[str]] = {}
    for record_type in RECORD_TYPES[1:-1]:
        kind = record_type.KIND
        facts = _extension(doc, kind)
        fact_ids[kind] = [f"{record_type.PREFIX}{n}" for n in range(1, len(facts) + 1)]
        for fact, fact_id in zip(facts, fact_ids[kind]):
            values: dict[str, Any] = {"id": fact_id, "sentence": sentences.around(fact["start"], fact["end"])}
            if "entity" in fact:
                values["entity"] = mention_of(fact["entity"])
            if fact.get("converted_from") is not None:  # the position of the figure it converts
                values["converted_from"] = fact_ids[kind][fact["converted_from"]]
            records.of_kind(kind).append(_record(record_type, fact, **values))

    deals = _extension(doc, "deals")
    # a deal's key (unique within the Doc; absent: its position) → its id
    deal_ids = {deal.get("key", n): f"{Deal.PREFIX}{n}" for n, deal in enumerate(deals, 1)}
    for n, deal in enumerate(deals, 1):
        total = deal.get("part_of")  # the key of the deal of the total
        if total is not None and total not in deal_ids:
            raise RecordError(f"deals: part_of {total!r} is the key of no deal")
        records.deals.append(_record(
            Deal, {k: v for k, v in deal.items() if k != "key"},
            id=deal_ids[deal.get("key", n)],
            sentence=deal.get("sentence") or sentences.around(deal["start"], deal["end"]),
            money=fact_ids["money"][deal["money"]] if deal.get("money") is not None else None,  # its position
            part_of=deal_ids[total] if total is not None else None,
            parties=[{"mention": mention, "role": p.get("role")} for p in deal.get("parties", [])
                     if (mention := mention_of(p.get("entity"))) is not None],
        ))
    records.check()
    return records
