"""Data files the extractors read: gazetteer, labels, patterns, currencies, units, accelerators.

They are data, not code, so a user can extend them. ``path(name)`` locates a bundled file;
``load_yaml`` / ``load_csv`` read one (bundled name or any path).
"""
from __future__ import annotations

import csv
from functools import cache
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).parent


def path(name: str | Path) -> Path:
    """A bundled lexicon by file name, or the given path when it is not a bundled name."""
    candidate = HERE / name
    return candidate if candidate.exists() else Path(name)


@cache
def _load_yaml(resolved: Path) -> Any:
    with resolved.open(encoding="utf-8") as f:
        return yaml.safe_load(f)


def load_yaml(name: str | Path) -> Any:
    return _load_yaml(path(name).resolve())


def load_csv(name: str | Path) -> list[dict[str, str]]:
    """Rows of a CSV file as dicts; lines starting with ``#`` are comments."""
    with path(name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))
