"""Documentation generated from the code, so it cannot drift: the README's schema and queries.

    python -m newskb.kb.docs          # rewrites the generated sections of README.md in place

``tests/test_docs.py`` fails when the README's sections differ from what this generates.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from newskb.kb.schema import SQL_TYPES, TABLES
from newskb.kb.serve import canned_queries

README = Path(__file__).resolve().parent.parent / "README.md"


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


def section(text: str, name: str) -> str:
    m = re.search(rf"<!-- {name}:start -->\n(.*?)<!-- {name}:end -->", text, flags=re.DOTALL)
    return m.group(1) if m else ""


def update_readme(path: Path = README) -> None:
    text = path.read_text(encoding="utf-8")
    for name, make in SECTIONS.items():
        text = re.sub(rf"(<!-- {name}:start -->\n).*?(<!-- {name}:end -->)",
                      lambda m, make=make: m.group(1) + make() + m.group(2), text, flags=re.DOTALL)
    path.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    update_readme(Path(sys.argv[1]) if len(sys.argv) > 1 else README)
