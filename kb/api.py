"""The Python API for analysts: ``newskb.open("market.db")`` and pandas frames.

A thin layer over the canned queries in ``queries/*.sql``: each method runs one of them (the SQL
Datasette serves under the same name) and types its columns (``kb.frames``). Names of entities
resolve as the store merges them (``ingest.names.name_key``: case, width and punctuation folded),
through canonical names and every alias, before a query sees them.
"""
from __future__ import annotations

import datetime as dt
import difflib
import re
import sqlite3
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Self

import pandas as pd

from newskb.ingest.names import name_key
from newskb.kb.frames import typed
from newskb.kb.plugin import fts_query
from newskb.kb.schema import TABLES_BY_NAME, Table
from newskb.kb.serve import CannedQuery, canned_queries
from newskb.kb.store import open_db

if TYPE_CHECKING:
    from newskb.kb.build import Summary

DateLike = str | dt.date | pd.Timestamp
TIMELINE_COLUMNS = ["articles", "mentions", "deals", "deal_usd"]
_DIGITS = re.compile(r"[0-9]+")


class KnowledgeBaseError(Exception):
    """Base of the errors the API raises; ``str()`` is a one-line message naming the input."""


class NoKnowledgeBase(KnowledgeBaseError, FileNotFoundError):
    def __init__(self, path: Path) -> None:
        super().__init__(f"{path}: no such knowledge base (build one with newskb ingest, or open it with "
                         "create=True)")
        self.path = path


class NotAKnowledgeBase(KnowledgeBaseError):
    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(f"{path}: cannot be opened as a newskb knowledge base ({problem})")
        self.path = path


class UnknownEntity(KnowledgeBaseError, LookupError):
    """No entity has this name, alias or id; ``suggestions`` are names that come close."""

    def __init__(self, name: str, suggestions: list[str]) -> None:
        hint = f" (did you mean {', '.join(suggestions)}?)" if suggestions else ""
        super().__init__(f"{name}: no entity of that name, alias or id{hint}")
        self.name = name
        self.suggestions = suggestions


class UnknownQuery(KnowledgeBaseError, LookupError):
    """No canned query (or table, where one is accepted) of this name."""

    def __init__(self, name: str, what: str, suggestions: list[str]) -> None:
        hint = f" (did you mean {', '.join(suggestions)}?)" if suggestions else ""
        super().__init__(f"{name}: no {what} of that name{hint}")
        self.name = name
        self.suggestions = suggestions


class BadParameters(KnowledgeBaseError, ValueError):
    """Parameters a canned query does not take, or lacks."""

    def __init__(self, query: str, takes: Iterable[str], missing: Iterable[str] = (),
                 unknown: Iterable[str] = ()) -> None:
        self.query, self.takes = query, tuple(takes)
        self.missing, self.unknown = sorted(missing), sorted(unknown)
        takes = ", ".join(self.takes)
        if not self.takes:
            message = f"{query}: takes no parameters (given: {', '.join(self.unknown)})"
        elif self.unknown:
            message = f"{query}: no parameter {', '.join(self.unknown)} (it takes: {takes})"
        else:
            message = f"{query}: missing parameter {', '.join(self.missing)} (it takes: {takes})"
        super().__init__(message)


def _param(value: object) -> str:
    """A parameter as Datasette passes it: text, '' for none, a day as YYYY-MM-DD."""
    if value is None:
        return ""
    if isinstance(value, (dt.date, pd.Timestamp)):  # datetime and Timestamp are dates too
        return value.strftime("%Y-%m-%d")
    return str(value)


class KnowledgeBase:
    """A newskb knowledge base (a SQLite file) read as pandas frames.

    >>> kb = newskb.open("market.db")        # doctest: +SKIP
    >>> kb.deals(party="AWS").head()         # doctest: +SKIP
    """

    def __init__(self, path: str | Path, *, create: bool = False) -> None:
        self.path = Path(path)
        if not create and not self.path.exists():
            raise NoKnowledgeBase(self.path)
        try:
            self.db = open_db(self.path)  # a sqlite_utils.Database, brought to the current schema
        except sqlite3.DatabaseError as exc:  # a file that is not a database
            raise NotAKnowledgeBase(self.path, str(exc)) from None
        self.db.conn.create_function("fts_query", 1, fts_query, deterministic=True)
        self._queries = {q.name: q for q in canned_queries()}
        self._names: tuple[tuple[int, int], dict[str, set[int]], dict[str, str]] | None = None

    def __repr__(self) -> str:
        return f"<newskb.KnowledgeBase {str(self.path)!r}>"

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    # --- canned queries, tables, SQL ------------------------------------------------------------

    @property
    def queries(self) -> Mapping[str, CannedQuery]:
        """The canned queries by name (each with its title, description, SQL and parameters)."""
        return MappingProxyType(self._queries)

    def tables(self) -> list[str]:
        """The tables and views of the knowledge base."""
        return sorted(self.db.table_names() + self.db.view_names())

    def query(self, name: str, /, **params: object) -> pd.DataFrame:
        """The rows of the canned query ``name`` (queries/NAME.sql), typed.

        Parameters are given as keywords; one the query compares with '' may be left out (its
        filter is then skipped), as Datasette leaves an empty form field.
        """
        canned = self._queries.get(name)
        if canned is None:
            raise UnknownQuery(name, "canned query", _close(name, self._queries))
        unknown = set(params) - set(canned.params)
        missing = [p for p in canned.params if p not in params and p not in canned.optional_params]
        if unknown or missing:
            raise BadParameters(name, canned.params, missing, unknown)
        magic = dict.fromkeys(canned.magic_params, "")  # the site's addresses: none outside Datasette
        return self._frame(canned.sql, {**magic, **{p: _param(params.get(p)) for p in canned.params}})

    def table(self, name: str) -> pd.DataFrame:
        """Every row of a table or view, typed by its declaration in the schema."""
        tables = self.tables()
        if name not in tables:
            raise UnknownQuery(name, "table", _close(name, tables))
        return self._frame(f"select * from [{name}]", {}, TABLES_BY_NAME.get(name))

    def frame(self, name: str, /, **params: object) -> pd.DataFrame:
        """A canned query's rows (with ``params``), else a table's (``newskb export`` reads this)."""
        if name in self._queries:
            return self.query(name, **params)
        if name in self.tables():
            if params:
                raise BadParameters(name, (), unknown=params)
            return self.table(name)
        raise UnknownQuery(name, "canned query or table", _close(name, [*self._queries, *self.tables()]))

    def sql(self, query: str, /, **params: object) -> pd.DataFrame:
        """The rows of any SQL (``:named`` parameters as keywords), typed by column name."""
        return self._frame(query, params)

    def _frame(self, sql: str, params: Mapping[str, object], table: Table | None = None) -> pd.DataFrame:
        cursor = self.db.conn.execute(sql, dict(params))
        columns = [d[0] for d in cursor.description or ()]
        return typed(pd.DataFrame.from_records(cursor.fetchall(), columns=columns), table)

    # --- entities -------------------------------------------------------------------------------

    def entity_ids(self, name: str | int) -> list[int]:
        """The ids of the entities ``name`` names: its canonical name or any alias, folded as the store
        folds names (AWS, aws, Ａ Ｗ Ｓ), or an id (digits only, as in the canned queries)."""
        text = str(name).strip()
        if _DIGITS.fullmatch(text):
            if self.db.execute("select 1 from entities where id = ?", [int(text)]).fetchone():
                return [int(text)]
            raise UnknownEntity(text, [])
        keys, display = self._name_index()
        key = name_key(text)
        if key not in keys:
            raise UnknownEntity(text, [display[k] for k in difflib.get_close_matches(key, display, n=3)])
        return sorted(keys[key])

    def _name_index(self) -> tuple[dict[str, set[int]], dict[str, str]]:
        """Folded name → entity ids, over canonical names and aliases; rebuilt when the file changed
        (another connection's commit moves data_version, this one's writes total_changes)."""
        version = (self.db.execute("pragma data_version").fetchone()[0], self.db.conn.total_changes)
        if self._names is None or self._names[0] != version:
            keys: dict[str, set[int]] = {}
            display: dict[str, str] = {}
            for entity_id, form in self.db.execute(
                    "select id, name from entities union all select entity_id, alias from entity_aliases"):
                key = name_key(form)
                if key:
                    keys.setdefault(key, set()).add(entity_id)
                    display.setdefault(key, form)
            self._names = (version, keys, display)
        return self._names[1], self._names[2]

    def _per_entity(self, query: str, param: str, name: str | int, order: list[str] | None = None,
                    ascending: list[bool] | None = None, distinct: bool = True,
                    **params: object) -> pd.DataFrame:
        """``query`` for each entity ``name`` names (usually one), as one frame; a row two of them share
        (a deal between them) once when ``distinct``."""
        frames = [self.query(query, **{param: entity_id}, **params) for entity_id in self.entity_ids(name)]
        if len(frames) == 1:
            return frames[0]
        both = pd.concat(frames, ignore_index=True)
        if distinct:
            both = both.drop_duplicates(ignore_index=True)
        if order:
            both = both.sort_values(order, ascending=ascending, kind="stable", ignore_index=True)
        return both

    def entity(self, name: str | int) -> pd.DataFrame:
        """The entity (or entities) ``name`` names: id, name, type, aliases (a list), the articles and
        mentions naming it and the first and last of them (entity_profile)."""
        frame = self._per_entity("entity_profile", "name", name)
        frame["aliases"] = [value.split(" · ") if isinstance(value, str) and value else []
                            for value in frame["aliases"]]
        return frame

    def mentions(self, name: str | int) -> pd.DataFrame:
        """Every place an article names the entity, newest article first; 1,000 at most (entity_mentions)."""
        return self._per_entity("entity_mentions", "name", name, ["published", "article_id"], [False, True])

    # --- facts ----------------------------------------------------------------------------------

    def deals(self, party: str | int | None = None, kind: str | None = None, since: DateLike | None = None,
              until: DateLike | None = None) -> pd.DataFrame:
        """Consolidated deals, largest in US dollars first, kept by party (a name, alias or id), kind
        and day (``since`` and ``until`` included: YYYY, YYYY-MM, YYYY-MM-DD or a date) (deal_list)."""
        filters = {"kind": kind, "since": since, "until": until, "limit": -1}
        if party is None:
            return self.query("deal_list", party="", **filters)
        return self._per_entity("deal_list", "party", party, ["usd"], [False], **filters)

    def money(self, role: str | None = None, entity: str | int | None = None) -> pd.DataFrame:
        """Monetary figures, largest in US dollars first, kept by role and by the organization they
        belong to; conversions in parentheses left out (money_figures)."""
        if entity is None:
            return self.query("money_figures", role=role, entity="", limit=-1)
        return self._per_entity("money_figures", "entity", entity, ["usd"], [False], role=role, limit=-1)

    def chips(self, model: str | None = None) -> pd.DataFrame:
        """Every accelerator the articles name, with units, specs and buyer; ``model`` keeps one model
        (case ignored) (chip_mentions)."""
        return self.query("chip_mentions", model=model, limit=-1)

    def timeline(self, name: str | int, freq: str = "M") -> pd.DataFrame:
        """Per period (``freq``: D, W, M, Q or Y), the articles naming the entity, their mentions of it,
        the deals it is a party to first reported then and their value in US dollars; a DatetimeIndex
        of each period's first day, every period from the first to the last, ready for ``.plot()``
        (entity_timeline). For a name several entities go by, their counts add up."""
        days = self._per_entity("entity_timeline", "name", name, distinct=False)
        periods = days["day"].dt.to_period(freq)
        counts = days[TIMELINE_COLUMNS].fillna({"deal_usd": 0.0}).groupby(periods).sum()
        if len(counts):
            counts = counts.reindex(pd.period_range(periods.min(), periods.max(), freq=freq), fill_value=0)
        counts.index = pd.PeriodIndex(counts.index, freq=freq).to_timestamp()
        counts.index.name = "period"
        return counts

    def search(self, q: str) -> pd.DataFrame:
        """Articles matching a word or phrase (Japanese or English), best first, with the passage (search)."""
        return self.query("search", q=q)

    # --- writing --------------------------------------------------------------------------------

    def ingest(self, sources: str | Path | Iterable[str | Path], *, published: str | None = None,
               source: str | None = None, lang: str = "auto", models: Mapping[str, str | None] | None = None,
               gazetteers: Iterable[str | Path] = (), workers: int = 1) -> Summary:
        """Add articles as ``newskb ingest`` does (kb.build.ingest_sources); returns its summary.

        ``published``, ``source`` and ``lang`` fill in what sources do not say; ``models`` maps a
        language to a spaCy model ({"en": "en_core_web_sm"}; None for a blank pipeline).
        """
        from newskb.ingest.settings import PipelineConfig, default_models
        from newskb.ingest.sources import Defaults, parse_published
        from newskb.kb.build import ingest_sources

        if isinstance(sources, (str, Path)):
            sources = [sources]
        # read once, into a date; a bad one fails here, before any source is read
        published_date = parse_published(published, "published")
        config = PipelineConfig(models=tuple({**default_models(), **(models or {})}.items()),
                                gazetteers=tuple(str(Path(g).resolve()) for g in gazetteers))
        defaults = Defaults(published=published_date, source=source, lang=lang)
        return ingest_sources(self.db, [str(s) for s in sources], defaults, config, workers=workers)


def _close(name: str, names: Iterable[str]) -> list[str]:
    return difflib.get_close_matches(name, list(names), n=3)

