"""The import graph: the data's way is the code's way, so every import points one way.

ingest/ imports nothing from kb/; within each, no module imports one that imports it back (an
import inside a function counts too); kb.schema, the root of kb/, imports no other module of kb/.
"""
from __future__ import annotations

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(("newskb", *(parts[:-1] if parts[-1] == "__init__" else parts)))


def imports_of(path: Path) -> set[str]:
    """The newskb modules a file imports, anywhere in it (``from newskb.x import y`` names y when y
    is a module of its own)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("newskb.")}
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("newskb"):
            found.add(node.module)
            found |= {f"{node.module}.{a.name}" for a in node.names}
    return found


def graph(package: str) -> dict[str, set[str]]:
    files = sorted((ROOT / package).rglob("*.py"))
    modules = {module_name(f): f for f in files}
    return {name: {m for m in imports_of(f) if m in modules and m != name} for name, f in modules.items()}


@pytest.mark.parametrize("package", ["kb", "ingest"])
def test_no_module_imports_back(package: str) -> None:
    try:
        list(TopologicalSorter(graph(package)).static_order())
    except CycleError as exc:
        pytest.fail(f"import circle in {package}/: {' -> '.join(exc.args[1])}")


def test_the_schema_is_the_root_of_kb() -> None:
    assert graph("kb")["newskb.kb.schema"] == set()


def test_ingest_imports_nothing_from_kb() -> None:
    for path in sorted((ROOT / "ingest").rglob("*.py")):
        assert not {m for m in imports_of(path) if m.startswith("newskb.kb")}, path


def test_word_lists_load_one_way_through_ingest_lexicons() -> None:
    """No component reads a file itself (open, csv, yaml): word lists are read by ingest.lexicons."""
    readers = {"csv", "yaml", "json"}
    for path in sorted((ROOT / "ingest" / "components").rglob("*.py")):
        nodes = list(ast.walk(ast.parse(path.read_text(encoding="utf-8"))))
        imported = {a.name.split(".")[0] for n in nodes if isinstance(n, ast.Import) for a in n.names}
        imported |= {n.module.split(".")[0] for n in nodes if isinstance(n, ast.ImportFrom) and n.module}
        opened = [n.lineno for n in nodes if isinstance(n, ast.Call) and (
            getattr(n.func, "id", None) == "open" or getattr(n.func, "attr", None) in ("open", "read_text"))]
        assert not imported & readers and not opened, (path.name, imported & readers, opened)
