"""The bundled gazetteer is well-formed data: every entry a name, a known type and string aliases."""
from __future__ import annotations

from newskb.ingest import lexicons
from newskb.ingest.names import name_key

TYPES = {"ORG", "PERSON", "GPE", "LOC", "PRODUCT", "PROJECT", "EVENT", "FAC", "NORP", "LAW"}


def test_every_entry_is_well_formed() -> None:
    for entry in lexicons.load_yaml("gazetteer.yaml"):
        # a comma in an unquoted flow-style name splits it into a bogus key: catch that here
        assert set(entry) <= {"name", "type", "label", "aliases"}, entry
        assert isinstance(entry["name"], str) and entry["type"] in TYPES, entry
        assert all(isinstance(a, str) and a for a in entry.get("aliases") or []), entry


def test_no_two_entries_share_a_name() -> None:
    keys = [name_key(e["name"]) for e in lexicons.load_yaml("gazetteer.yaml")]
    assert len(keys) == len(set(keys))
