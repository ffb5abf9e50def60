"""Records between ingest/ and kb/: typed, with ids that every reference uses, lossless as dicts, and
an unknown key an error rather than a value dropped on the way to the knowledge base."""
from __future__ import annotations

import json
from typing import Any

import pytest
import spacy
from spacy.tokens import Doc

from newskb.ingest.pipeline import available_extractors
from newskb.ingest.records import (
    RECORD_TYPES,
    Deal,
    Mention,
    Money,
    Party,
    RecordError,
    Records,
    doc_to_records,
)
from newskb.kb.schema import TABLES_BY_NAME
from newskb.kb.store import ENTITY_FIELDS, REFERENCE_COLUMNS

available_extractors()  # registers every component's Doc extensions

# Written for these tests: two sentences, two companies, a figure with its conversion, a deal.
TEXT = ("Harbor Grid agreed to pay Tessel Cloud $2 billion (about ¥300 billion) for compute. "
        "Tessel Cloud will build in Ohio.")
HARBOR, TESSEL = (0, 11), (26, 38)
MENTIONS = [
    {"text": "Harbor Grid", "label": "Company", "type": "ORG", "name": "Harbor Grid", "source": "rule",
     "start": 0, "end": 11, "actor": True},
    {"text": "Tessel Cloud", "label": "Company", "type": "ORG", "name": "Tessel Cloud", "source": "rule",
     "start": 26, "end": 38, "actor": True},
]
MONEY = [
    {"text": "$2 billion", "start": 39, "end": 49, "amount": 2e9, "currency": "USD", "usd": 2e9,
     "approx": False, "low": None, "high": None, "bound": None, "per": None, "role": "contract",
     "entity": HARBOR, "converted_from": None},
    {"text": "¥300 billion", "start": 57, "end": 69, "amount": 3e11, "currency": "JPY", "usd": 2e9,
     "approx": True, "low": None, "high": None, "bound": None, "per": None, "role": "contract",
     "entity": None, "converted_from": 0},
]
DEALS = [
    {"kind": "compute contract", "status": "signed", "amount": 2e9, "currency": "USD", "usd": 2e9,
     "approx": False, "duration": None, "date": None, "until": None, "start_date": None, "end_date": None,
     "start": 0, "end": 83, "money": 0,
     "parties": [{"entity": HARBOR, "role": "buyer"}, {"entity": TESSEL, "role": "provider"},
                 {"entity": (70, 75), "role": "partner"}]},  # a span no mention covers: no party
]


def doc(**extensions: list[dict[str, Any]]) -> Doc:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    made = nlp(TEXT)
    for name, value in {"mentions": MENTIONS, "money": MONEY, "deals": DEALS, **extensions}.items():
        setattr(made._, name, value)
    return made


def test_a_doc_becomes_records_that_refer_to_each_other_by_id() -> None:
    records = doc_to_records(doc())
    assert [m.id for m in records.mentions] == ["m1", "m2"]
    assert [(m.id, m.entity, m.converted_from) for m in records.money] == [
        ("money1", "m1", None), ("money2", None, "money1")]
    (deal,) = records.deals
    assert (deal.id, deal.money) == ("deal1", "money1")
    assert deal.parties == [Party(mention="m1", role="buyer"), Party(mention="m2", role="provider")]
    assert records.money[0].sentence == deal.sentence == TEXT.split(" Tessel Cloud will")[0]


@pytest.mark.parametrize("extension,facts,key", [
    ("mentions", [{**MENTIONS[0], "salience": 0.9}, MENTIONS[1]], "salience"),
    ("money", [{**MONEY[0], "fx_rate": 1.0}, MONEY[1]], "fx_rate"),
    ("dates", [{"text": "Ohio", "start": 112, "end": 116, "value": None, "weekday": "Mon"}], "weekday"),
    ("gpu_specs", [{"text": "compute", "start": 75, "end": 82, "tflops": 3.0}], "tflops"),
    ("deals", [{**DEALS[0], "confidence": 0.5}], "confidence"),
])
def test_a_key_no_record_has_is_an_error(extension: str, facts: list[dict[str, Any]], key: str) -> None:
    with pytest.raises(RecordError, match=f"unknown key\\(s\\) '{key}'"):
        doc_to_records(doc(**{extension: facts}))


def test_deals_refer_to_each_other_by_their_keys() -> None:
    """The deals component names each deal by a key and a part by the key of its total (part_of)."""
    tranche = {**DEALS[0], "key": "t2", "amount": 5e8, "money": None, "part_of": "t1"}
    total = {**DEALS[0], "key": "t1", "part_of": None}
    no_key = {**DEALS[0], "money": None}
    records = doc_to_records(doc(deals=[tranche, total, no_key]))
    assert [(d.id, d.part_of) for d in records.deals] == [
        ("deal1", "deal2"), ("deal2", None), ("deal3", None)]
    with pytest.raises(RecordError, match="deals: part_of 't9' is the key of no deal"):
        doc_to_records(doc(deals=[{**tranche, "part_of": "t9"}, total]))


def test_records_are_lossless_as_json() -> None:
    records = doc_to_records(doc())
    records.search_text = "harbor grid tessel"
    again = Records.from_dict(json.loads(json.dumps(records.to_dict(), ensure_ascii=False)))
    assert again == records
    assert isinstance(again.deals[0].parties[0], Party)


@pytest.mark.parametrize("record_type,data,problem", [
    (Mention, {"id": "m1", "start": 0, "end": 1, "text": "A", "name": "A", "type": "ORG", "actor": True},
     "unknown key\\(s\\) 'actor'"),
    (Mention, {"id": "m1", "start": 0, "end": 1, "text": "A", "type": "ORG"}, "missing .*'name'"),
    (Money, {"id": "money1", "start": 0, "end": 1, "text": "$1", "entity_id": 3},
     "unknown key\\(s\\) 'entity_id'"),
    (Deal, {"id": "deal1", "start": 0, "end": 1, "kind": "loan",
            "parties": [{"mention": "m1", "entity": (0, 1)}]}, "Party: unknown key\\(s\\) 'entity'"),
])
def test_a_record_from_a_dict_takes_exactly_its_fields(record_type: type, data: dict[str, Any],
                                                       problem: str) -> None:
    with pytest.raises(RecordError, match=problem):
        record_type.from_dict(data)


def test_sections_join_with_ids_that_stay_unique_and_references_that_follow() -> None:
    first, second = doc_to_records(doc()), doc_to_records(doc())
    joined = Records()
    joined.extend(first, 0)
    joined.extend(second, 1000)
    joined.check()
    assert [m.id for m in joined.mentions] == ["m1", "m2", "m3", "m4"]
    assert [(m.id, m.start, m.entity, m.converted_from) for m in joined.money] == [
        ("money1", 39, "m1", None), ("money2", 57, None, "money1"),
        ("money3", 1039, "m3", None), ("money4", 1057, None, "money3")]
    assert [(d.id, d.start, d.money, [p.mention for p in d.parties]) for d in joined.deals] == [
        ("deal1", 0, "money1", ["m1", "m2"]), ("deal2", 1000, "money3", ["m3", "m4"])]


def test_a_part_keeps_its_total_when_sections_join() -> None:
    deals = [{**DEALS[0], "key": "a"}, {**DEALS[0], "key": "b", "money": None, "part_of": "a"}]
    joined = Records()
    for offset in (0, 500):
        joined.extend(doc_to_records(doc(deals=deals)), offset)
    assert [(d.id, d.part_of) for d in joined.deals] == [
        ("deal1", None), ("deal2", "deal1"), ("deal3", None), ("deal4", "deal3")]


@pytest.mark.parametrize("change,problem", [
    (lambda r: r.money[1].__setattr__("converted_from", "money9"),
     "converted_from 'money9' is no record of money"),
    (lambda r: r.deals[0].parties.append(Party(mention="m7")), "party 'm7' is no record of mentions"),
    (lambda r: r.mentions[1].__setattr__("id", "m1"), "mentions: an id is used twice"),
])
def test_check_finds_references_to_nothing_and_ids_used_twice(change: Any, problem: str) -> None:
    records = doc_to_records(doc())
    change(records)
    with pytest.raises(RecordError, match=problem):
        records.check()


@pytest.mark.parametrize("record_type", RECORD_TYPES, ids=lambda t: t.__name__)
def test_every_field_is_a_column_and_every_column_a_field(record_type: type) -> None:
    """What the store writes: a record's values (a mention's name and type name its entity) and its
    references; what it sets itself: ids, the article, the entity, the deal event."""
    columns = {c.name for c in TABLES_BY_NAME[record_type.KIND].columns if not c.generated}
    values = set(record_type.values()) - (set(ENTITY_FIELDS) if record_type is Mention else set())
    references = {REFERENCE_COLUMNS[name] for name in record_type.references()}
    assert values <= columns
    assert columns - values - references == {"id", "article_id"} | (
        {"entity_id"} if record_type is Mention else set()) | ({"event_id"} if record_type is Deal else set())
