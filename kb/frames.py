"""pandas frames of the knowledge base: typed columns, and files written from them.

SQLite hands back dates as text, flags as 0/1 and integers with gaps as floats. ``typed`` gives
each column the type it stands for: calendar days and timestamps become ``datetime64``, flags
``bool``, ids and counts nullable ``Int64``, amounts ``float64``. A table's columns take their
types from its declaration in ``kb.schema``; the columns of a query take them by name, from the
same declarations (a name every table uses for one type) and the few the canned queries compute.
"""
from __future__ import annotations

from pathlib import Path
from typing import BinaryIO, Literal

import pandas as pd

from newskb.kb.schema import TABLES, Table

Kind = Literal["int", "float", "str", "bool", "datetime"]
FORMATS = ("csv", "jsonl", "parquet")
Format = Literal["csv", "jsonl", "parquet"]

# Text columns that hold a calendar day or a timestamp (ISO 8601). dates.value, deals.date and
# deal_events.date are TIMEX-like values (2025-Q3, FY2025, 2025-W45) and stay text.
DATE_COLUMNS = frozenset({"published", "ingested_at", "start_date", "end_date", "first_reported",
                          "first_mentioned", "last_mentioned", "month", "day"})
# Columns the canned queries compute (no table declares them).
COMPUTED: dict[str, Kind] = {
    "deals": "int", "deal_usd": "float", "units": "int", "reports": "int",
    "gigawatts": "float", "data_center_gigawatts": "float", "approximate_figures": "int",
    "est_total_memory_tb": "float", "est_total_fp8_exaflops": "float", "row_id": "int",
}


class UnknownFormat(ValueError):
    """A file format other than csv, jsonl or parquet."""

    def __init__(self, fmt: str) -> None:
        super().__init__(f"{fmt}: not a format newskb writes (use one of {', '.join(FORMATS)})")
        self.format = fmt


def _is_flag(table: Table, name: str) -> bool:
    # a flag's description says when it is 1 ("1 when the text hedges the figure")
    return any(c.name == name and c.type is int and c.description.startswith("1 when") for c in table.columns)


def table_kinds(table: Table) -> dict[str, Kind]:
    """The type of each column of a declared table."""
    kinds: dict[str, Kind] = {}
    for column in table.columns:
        if _is_flag(table, column.name):
            kinds[column.name] = "bool"
        elif column.type is str:
            kinds[column.name] = "datetime" if column.name in DATE_COLUMNS else "str"
        else:
            kinds[column.name] = "int" if column.type is int else "float"
    return kinds


def _kinds_by_name() -> dict[str, Kind]:
    seen: dict[str, set[Kind]] = {}
    for table in TABLES:
        for name, kind in table_kinds(table).items():
            seen.setdefault(name, set()).add(kind)
    kinds: dict[str, Kind] = {name: next(iter(k)) for name, k in seen.items() if len(k) == 1}
    kinds.update({name: "datetime" for name in DATE_COLUMNS})  # articles.published over article_months'
    kinds.update(COMPUTED)
    return kinds


KINDS_BY_NAME = _kinds_by_name()


def column_kind(name: str) -> Kind | None:
    """The type of a query's column, by its name; None: as pandas reads it."""
    if name.startswith("atom_"):  # datasette-atom's columns of the alert feeds (atom_id is an address)
        return None
    if name == "id" or name.endswith("_id"):
        return "int"
    return KINDS_BY_NAME.get(name)


def _convert(series: pd.Series, kind: Kind) -> pd.Series:
    if kind == "datetime":
        if pd.api.types.is_datetime64_any_dtype(series):
            return series
        # days and UTC timestamps alike, as naive datetimes (UTC)
        return pd.to_datetime(series, format="ISO8601", utc=True, errors="coerce").dt.tz_localize(None)
    if kind == "bool":
        if series.isna().any():
            return series.astype("boolean")
        return series.astype(bool)
    if kind == "int":
        numbers = pd.to_numeric(series).astype("float64")
        # a column of that name holding fractions (a query's own) stays as it is
        return numbers.astype("Int64") if (numbers.dropna() % 1 == 0).all() else numbers
    if kind == "float":
        return pd.to_numeric(series).astype("float64")
    if series.isna().all():  # text none of the rows has (read back from a file: NaN), as SQLite gives it
        return pd.Series([None] * len(series), index=series.index, dtype=object, name=series.name)
    return series


def typed(frame: pd.DataFrame, table: Table | None = None) -> pd.DataFrame:
    """``frame`` with each column of a known type converted to it (a copy)."""
    kinds = table_kinds(table) if table is not None else {}
    out = frame.copy()
    for name in out.columns:
        kind = kinds.get(name) or column_kind(name)
        if kind is not None:
            out[name] = _convert(out[name], kind)
    return out


def _days_as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Datetime columns that hold days only as YYYY-MM-DD (as CSV writes them), not as timestamps."""
    out = frame.copy()
    for name in out.columns:
        column = out[name]
        if not pd.api.types.is_datetime64_any_dtype(column):
            continue
        if (column.dropna() == column.dropna().dt.normalize()).all():
            out[name] = column.dt.strftime("%Y-%m-%d").astype(object).where(column.notna(), None)
    return out


def write_frame(frame: pd.DataFrame, fmt: str, out: str | Path | BinaryIO) -> None:
    """Write ``frame`` to a path or a binary stream as CSV (UTF-8, a header line), JSON lines (one
    object a line) or Parquet. Dates are ISO 8601; missing values are empty (CSV) or null."""
    if fmt not in FORMATS:
        raise UnknownFormat(fmt)
    if fmt == "parquet":
        frame.to_parquet(out, index=False)
        return
    if fmt == "csv":
        text = frame.to_csv(index=False)
    elif len(frame):
        text = _days_as_text(frame).to_json(orient="records", lines=True, date_format="iso",
                                            force_ascii=False)
        text = text if text.endswith("\n") else text + "\n"
    else:
        text = ""
    data = text.encode("utf-8")
    if isinstance(out, (str, Path)):
        Path(out).write_bytes(data)
    else:
        out.write(data)
