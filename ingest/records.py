"""A processed ``Doc`` → plain records for every table, with offsets and sentences.

Records still name entities by their mention (``name``, ``type``, ``text``) rather than by id:
ids belong to the knowledge base, which ``kb.store`` resolves when it saves them.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # spaCy is imported by the pipeline, not by the store that reads Records
    from spacy.tokens import Doc

# Doc extension → table, for the facts that are stored as they are.
FACT_EXTENSIONS = {
    "money": "money",
    "percents": "percents",
    "dates": "dates",
    "durations": "durations",
    "gpu_specs": "gpu_specs",
    "capacities": "capacities",
}


@dataclass
class Records:
    """Everything extracted from one article, ready to store."""

    mentions: list[dict[str, Any]] = field(default_factory=list)
    facts: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    deals: list[dict[str, Any]] = field(default_factory=list)
    # The title and text as words for the full-text index (ingest.search_tokens), when the
    # pipeline's own SudachiPy made them; else the store makes them.
    search_text: str | None = None

    def extend(self, other: Records, offset: int) -> None:
        """Append the records of a section of the article that starts at character ``offset``."""
        money_before = len(self.facts.get("money", []))

        def shifted(row: dict[str, Any]) -> dict[str, Any]:
            return {**row, "start": row["start"] + offset, "end": row["end"] + offset}

        self.mentions += [shifted(m) for m in other.mentions]
        for table, rows in other.facts.items():
            moved = [shifted(r) for r in rows]
            if table == "money":
                for r in moved:
                    if r.get("converted_from") is not None:
                        r["converted_from"] += money_before
            self.facts.setdefault(table, []).extend(moved)
        for deal in other.deals:
            moved = shifted(deal)
            if moved.get("money") is not None:
                moved["money"] += money_before
            self.deals.append(moved)

    def counts(self) -> dict[str, int]:
        out = {"mentions": len(self.mentions), "deals": len(self.deals)}
        out.update({table: len(rows) for table, rows in self.facts.items()})
        return out


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


def _mention_ref(mentions_by_span: dict[tuple[int, int], dict[str, Any]], span: Any) -> dict[str, Any] | None:
    if not span:
        return None
    mention = mentions_by_span.get(tuple(span))
    if mention is None:
        return None
    return {"name": mention["name"], "type": mention["type"], "text": mention["text"]}


def doc_to_records(doc: Doc) -> Records:
    sentences = Sentences(doc)
    mentions = list(getattr(doc._, "mentions", []) or [])
    by_span = {(m["start"], m["end"]): m for m in mentions}
    records = Records()
    for m in mentions:
        records.mentions.append({**m, "sentence": sentences.around(m["start"], m["end"])})
    for extension, table in FACT_EXTENSIONS.items():
        if not doc.has_extension(extension):
            continue
        rows = []
        for fact in getattr(doc._, extension) or []:
            row = {k: v for k, v in fact.items() if k != "entity"}
            row["entity"] = _mention_ref(by_span, fact.get("entity"))
            row["sentence"] = sentences.around(fact["start"], fact["end"])
            rows.append(row)
        records.facts[table] = rows
    if doc.has_extension("deals"):
        for deal in doc._.deals or []:
            row = {k: v for k, v in deal.items() if k != "parties"}
            row["sentence"] = row.get("sentence") or sentences.around(deal["start"], deal["end"])
            row["parties"] = [
                {"entity": ref, "role": p.get("role")}
                for p in deal.get("parties", [])
                if (ref := _mention_ref(by_span, p.get("entity"))) is not None
            ]
            records.deals.append(row)
    return records
