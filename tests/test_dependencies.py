"""The declared dependencies are what the code imports: each third-party module imported by the
package comes from a distribution pyproject.toml names, and each one it names is imported or used
for a stated reason."""
from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ("ingest", "kb", "queries")
# Distributions used without an import of theirs in the package: why each is needed.
USED_WITHOUT_IMPORT = {
    "ginza": "the ja_ginza model's components",
    "ja-ginza": "the Japanese model spacy.load('ja_ginza') loads",
    "sudachidict-core": "the dictionary SudachiPy's Dictionary() opens (ingest.search_tokens)",
    "datasette-dashboards": "the dashboard plugin kb.serve configures",
    "datasette-atom": "the .atom output of the alert feeds (queries/new_deals.sql, new_articles_about.sql)",
}
# Optional extras whose packages the code imports where it needs them (``--engine ray``).
IMPORTED_EXTRAS = ("ray",)


def normalized(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def declared(extras: tuple[str, ...] = ()) -> set[str]:
    """The distributions the package depends on, and those of the optional ``extras``."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    optional = project["optional-dependencies"]
    requirements = [*project["dependencies"], *(d for extra in extras for d in optional[extra])]
    return {normalized(re.match(r"[A-Za-z0-9_.\-]+", d).group()) for d in requirements}


def imported_modules() -> set[str]:
    found = set()
    for folder in PACKAGE:
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.Import):
                    found |= {a.name.split(".")[0] for a in node.names}
                elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    found.add(node.module.split(".")[0])
    return {m for m in found if m not in sys.stdlib_module_names and m not in ("newskb", "__future__")}


def test_every_imported_module_is_declared() -> None:
    distributions = packages_distributions()
    undeclared = {m: distributions.get(m) for m in imported_modules()
                  if not {normalized(d) for d in distributions.get(m, [])} & declared(IMPORTED_EXTRAS)}
    assert undeclared == {}


def test_every_declared_dependency_is_imported_or_needed() -> None:
    distributions = packages_distributions()
    used = {normalized(d) for m in imported_modules() for d in distributions.get(m, [])}
    assert declared() - used == set(USED_WITHOUT_IMPORT)
