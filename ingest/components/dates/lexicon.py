"""The word lists of the dates extractor: ``ingest/lexicons/dates.yaml``, ``eras.csv`` and
``fiscal_years.csv``."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newskb.ingest.lexicons import load_csv, load_yaml


@dataclass
class Lexicon:
    data: dict[str, Any]
    eras: dict[str, int]
    fiscal_starts: dict[str, int] = field(default_factory=dict)  # company → first month of its fiscal year

    @classmethod
    def load(cls, path: str | Path | None = None, eras_path: str | Path | None = None,
             fiscal_path: str | Path | None = None) -> Lexicon:
        data = load_yaml(path or "dates.yaml")
        eras = {row["era"]: int(row["first_year"]) for row in load_csv(eras_path or "eras.csv")}
        fiscal = {row["name"]: int(row["first_month"]) for row in load_csv(fiscal_path or "fiscal_years.csv")}
        return cls(data, eras, fiscal)

    @property
    def ja(self) -> dict[str, Any]:
        return self.data["ja"]

    @property
    def en(self) -> dict[str, Any]:
        return self.data["en"]

    @property
    def month_window(self) -> int:
        return int(self.data.get("month_future_window", 2))

    @property
    def day_window(self) -> int:
        return int(self.data.get("day_future_window", 7))

    def words(self, lang: str, *keys: str) -> dict[str, tuple[int, bool]]:
        """Deictic and anaphoric word tables merged: word → (offset, anaphoric). A key ending in
        ``!`` is anaphoric (``year_words``, ``anaphoric_year_words!``)."""
        table: dict[str, tuple[int, bool]] = {}
        for key in keys:
            anaphoric = key.endswith("!")
            for word, offset in (self.data[lang].get(key.rstrip("!")) or {}).items():
                table[str(word)] = (int(offset), anaphoric)
        return table
