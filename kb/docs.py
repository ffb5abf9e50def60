"""Documentation generated from the code, so it cannot drift: the README's schema and queries, and
the fields of each record in docs/records.md.

    python -m newskb.kb.docs          # rewrites the generated sections of README.md and docs/records.md

``tests/test_docs.py`` and ``tests/test_extract_load.py`` fail when a section differs from what this
generates.
"""
from __future__ import annotations

import dataclasses
import re
import sys
from pathlib import Path

from newskb.ingest.records import RECORD_TYPES, Party
from newskb.kb.schema import SQL_TYPES, TABLES, TABLES_BY_NAME
from newskb.kb.serve import canned_queries

README = Path(__file__).resolve().parent.parent / "README.md"
RECORDS_DOC = README.parent / "docs" / "records.md"


def schema_markdown() -> str:
    lines: list[str] = []
    for table in TABLES:
        lines.append(f"### `{table.name}`\n")
        lines.append(f"{table.description}\n")
        lines.append("| column | type | description |")
        lines.append("|---|---|---|")
        for c in table.columns:
            kind = SQL_TYPES[c.type].lower()
            ref = f" → `{c.references}`" if c.references else ""
            lines.append(f"| `{c.name}` | {kind}{ref} | {c.description} |")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def queries_markdown() -> str:
    lines = ["| query | parameters | what it shows |", "|---|---|---|"]
    for q in canned_queries():
        params = ", ".join(f"`{p}`" for p in q.params)
        lines.append(f"| `{q.name}` — {q.title} | {params or '—'} | {q.description} |")
    return "\n".join(lines) + "\n"


SECTIONS = {"schema": schema_markdown, "queries": queries_markdown}

# What a field of a record is, where it is not the column of the same name (kb.schema's description).
RECORD_FIELDS = {
    "id": "Its id within the article, unique among the records of its kind (`m3`, `money2`, `deal1`).",
    "name": "The canonical name of the entity it names (stored in `entities`).",
    "type": "The entity's type (stored in `entities`).",
    "entity": "The `id` of the mention of the organization it belongs to, or null.",
    "converted_from": "The `id` of the money record this one converts (a figure in parentheses), or null.",
    "money": "The `id` of the money record of its amount, or null.",
    "part_of": "The `id` of the deal of the total this one is a part of, or null.",
    "parties": "Its parties: a list of `{\"mention\": id of a mention, \"role\": role or null}`.",
}


def records_markdown() -> str:
    lines: list[str] = []
    for record_type in RECORD_TYPES:
        columns = {c.name: c.description for c in TABLES_BY_NAME[record_type.KIND].columns}
        lines.append(f"### `{record_type.KIND}`: {record_type.__name__}\n")
        lines.append("| field | type | meaning |")
        lines.append("|---|---|---|")
        for f in dataclasses.fields(record_type):
            meaning = RECORD_FIELDS.get(f.name) or columns.get(f.name, "")
            kind = str(f.type).replace("|", "\\|")  # a bar inside a table's cell
            lines.append(f"| `{f.name}` | `{kind}` | {meaning} |")
        lines.append("")
    party = ", ".join(f"`{f.name}`: `{f.type}`" for f in dataclasses.fields(Party))
    lines.append(f"A party of a deal: {party}.")
    return "\n".join(lines).rstrip() + "\n"


RECORD_SECTIONS = {"records": records_markdown}


def section(text: str, name: str) -> str:
    m = re.search(rf"<!-- {name}:start -->\n(.*?)<!-- {name}:end -->", text, flags=re.DOTALL)
    return m.group(1) if m else ""


def update_readme(path: Path = README, sections=SECTIONS) -> None:
    """Rewrite the generated ``sections`` of the file at ``path`` (the README's, by default)."""
    text = path.read_text(encoding="utf-8")
    for name, make in sections.items():
        text = re.sub(rf"(<!-- {name}:start -->\n).*?(<!-- {name}:end -->)",
                      lambda m, make=make: m.group(1) + make() + m.group(2), text, flags=re.DOTALL)
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    update_readme(Path(sys.argv[1]) if len(sys.argv) > 1 else README)
    update_readme(RECORDS_DOC, RECORD_SECTIONS)
