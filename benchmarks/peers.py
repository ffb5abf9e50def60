"""newskb against the established extractors, on the dev corpus gold: money, dates and durations.

    pip install -e '.[peers]'      # ja-timex, pynormalizenumexp, Recognizers-Text, Duckling
    python benchmarks/peers.py     # ../shared/corpus/dev, scored by ../shared/eval/score.py

Every tool reads each article as newskb reads it (the ``NAME.txt`` file: headline, blank line,
body), with the article's publication date as its reference date (today when the article has
none). What it finds is written into a SQLite file of the shape ``../shared/eval/score.py`` reads
(``articles``, ``money``, ``dates``, ``durations``) and that scorer scores it, once per language,
so every tool is matched exactly as newskb is: money by (amount within 0.5 %, currency), dates
and durations by value. newskb itself is run with ``newskb ingest`` into such a file.

The tools, and what each covers (a column it does not cover prints ``n/a``; a tool that is not
installed prints ``not installed``):

* ja-timex (Japanese dates and durations, TIMEX3): a DATE is read at the grain its value gives
  (2025-11-03, 2025-11, 2025, FY2026); a DURATION with a BEFORE/AFTER/NOW mod (来年, 3年後) is a
  date relative to the reference, at the grain of its unit; other DURATIONs are durations.
* pynormalizenumexp (Japanese money, dates, durations): a ``numerical`` expression whose counter
  is a currency word is money (its stated amount: 約 widens the bounds by 30 %, which is undone; a
  range gives both ends; 数 is vague and skipped); ``abstime`` is a date at the grain its fields
  give; ``duration`` a duration; ``reltime`` has no resolved value in this library.
* Recognizers-Text, Python port (English money, dates, durations; the port has no Japanese
  models): currency by ``isoCurrency`` (a bare Dollar is USD, Cent a hundredth of it); dates and
  date ranges by timex (a quarter or half written as a range becomes 2025-Q3 / 2025-H2);
  durations by timex.
* Duckling, Haskell, through pyduckling-native (English money, dates, durations; Japanese dates
  and durations, as Duckling has no Japanese money): time values at their grain, intervals left
  out; amounts with their unit; durations in years, months, weeks, days.
"""
from __future__ import annotations

import argparse
import importlib
import json
import re
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, ClassVar

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus" / "dev"
SCORER = ROOT.parent / "shared" / "eval" / "score.py"
FIELDS = ("money", "dates", "durations")
LANGS = ("ja", "en")
NOT_INSTALLED = "not installed"


@dataclass
class Article:
    stem: str
    url: str
    title: str
    lang: str
    published: date | None
    text: str


@dataclass
class Found:
    """What a tool read from one article, in the gold's units."""

    money: list[tuple[float, str]] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)
    durations: list[str] = field(default_factory=list)


def read_corpus(folder: Path) -> list[Article]:
    articles = []
    for gold in sorted(folder.glob("*.gold.json")):
        stem = gold.name[: -len(".gold.json")]
        meta = json.loads((folder / f"{stem}.meta.json").read_text(encoding="utf-8"))
        published = date.fromisoformat(meta["published"][:10]) if meta.get("published") else None
        articles.append(Article(stem, meta.get("url") or "", meta.get("title") or "", meta["lang"], published,
                                (folder / f"{stem}.txt").read_text(encoding="utf-8")))
    return articles


# --------------------------------------------------------------------------- values at a grain


def at_grain(day: date, grain: str) -> str:
    """The gold's value of ``day`` at ``grain``: 2025, 2025-Q3, 2025-11, 2025-W45, 2025-11-03."""
    if grain == "year":
        return f"{day.year}"
    if grain == "quarter":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    if grain == "month":
        return f"{day.year}-{day.month:02d}"
    if grain == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    return day.isoformat()


_UNIT_GRAIN = {"Y": "year", "M": "month", "W": "week", "D": "day"}


def iso_duration(amounts: Iterable[tuple[float, str]]) -> str | None:
    """P7Y, P1Y6M from (number, unit letter) pairs; None when there is none."""
    parts = [f"{int(n) if float(n).is_integer() else n}{unit}" for n, unit in amounts]
    return "P" + "".join(parts) if parts else None


# --------------------------------------------------------------------------- the tools


class Tool:
    """One extractor: its name, the (field, language) columns it covers, and how it reads."""

    name = ""
    covers: frozenset[tuple[str, str]] = frozenset()
    modules: tuple[str, ...] = ()  # what must import for the tool to run

    def available(self) -> bool:
        try:  # importing, not only finding: recognizers-text fails to import with emoji >= 1.0
            for module in self.modules:
                importlib.import_module(module)
        except ImportError:
            return False
        return True

    def read(self, article: Article, reference: date) -> Found:
        raise NotImplementedError


class JaTimex(Tool):
    name = "ja-timex"
    modules = ("ja_timex", "pendulum")
    covers = frozenset({("dates", "ja"), ("durations", "ja")})

    def read(self, article: Article, reference: date) -> Found:
        import pendulum
        from ja_timex import TimexParser

        found = Found()
        parser = TimexParser(reference=pendulum.datetime(reference.year, reference.month, reference.day,
                                                         tz="Asia/Tokyo"))
        for timex in parser.parse(article.text):
            if timex.type == "DATE":
                value = self._date(timex)
                if value:
                    found.dates.append(value)
            elif timex.type == "DURATION" and re.fullmatch(r"P[\d.]+[YMWD]", timex.value or ""):
                if timex.mod in ("BEFORE", "AFTER", "NOW"):  # 来年, 3年後: a date relative to the reference
                    found.dates.append(at_grain(timex.to_datetime().date(), _UNIT_GRAIN[timex.value[-1]]))
                elif not timex.mod:
                    found.durations.append(timex.value)
        return found

    @staticmethod
    def _date(timex: Any) -> str | None:
        if timex.value.startswith("FY"):
            return timex.value
        parts = timex.value.split("-")
        if len(parts) != 3:
            return None
        year, month, day = parts
        grain = "day" if day != "XX" else "month" if month != "XX" else "year" if year != "XXXX" else None
        if grain is None or (month == "XX" and day != "XX"):
            return None
        try:
            return at_grain(timex.to_datetime().date(), grain)
        except (ValueError, TypeError, AttributeError):
            return None


class NormalizeNumexp(Tool):
    name = "pynormalizenumexp"
    modules = ("pynormalizenumexp",)
    covers = frozenset({("money", "ja"), ("dates", "ja"), ("durations", "ja")})
    CURRENCIES: ClassVar[dict[str, str]] = {
        "ドル": "USD", "米ドル": "USD", "円": "JPY", "ユーロ": "EUR", "元": "CNY", "人民元": "CNY",
        "ポンド": "GBP", "ウォン": "KRW"}
    APPROX = re.compile(r"^(?:約|およそ|ほぼ)|(?:程度|前後)$")

    def __init__(self) -> None:
        self._normalizer: Any = None

    def read(self, article: Article, reference: date) -> Found:
        from pynormalizenumexp.normalize_numexp import NormalizeNumexp as Normalizer

        self._normalizer = self._normalizer or Normalizer("ja")
        found = Found()
        for expr in self._normalizer.normalize(article.text):
            if expr.type == "numerical" and expr.counter in self.CURRENCIES:
                found.money += [(a, self.CURRENCIES[expr.counter]) for a in self._amounts(expr)]
            elif expr.type == "abstime":
                value = self._date(expr.value_lower_bound, reference)
                if value:
                    found.dates.append(value)
            elif expr.type == "duration":
                t = expr.value_lower_bound
                value = iso_duration((n, unit) for n, unit in ((t.year, "Y"), (t.month, "M"), (t.day, "D"))
                                     if abs(n) != float("inf"))
                if value:
                    found.durations.append(value)
        return found

    def _amounts(self, expr: Any) -> list[float]:
        low, high = expr.value_lower_bound, expr.value_upper_bound
        finite = [v for v in (low, high) if abs(v) != float("inf")]
        if "数" in expr.original_expr or not finite:
            return []
        if self.APPROX.search(expr.original_expr):  # 約X is read as [0.7X, 1.3X]
            return [low / 0.7 if abs(high) == float("inf") else (low + high) / 2]
        return sorted(set(finite))

    @staticmethod
    def _date(t: Any, reference: date) -> str | None:
        known = [abs(v) != float("inf") for v in (t.year, t.month, t.day)]
        if not known[1] and not known[0]:
            return None
        year = int(t.year) if known[0] else reference.year
        if known[2] and known[1]:
            return date(year, int(t.month), int(t.day)).isoformat()
        if known[1]:
            return f"{year}-{int(t.month):02d}"
        return f"{year}"


class RecognizersText(Tool):
    name = "Recognizers-Text (Python)"
    modules = ("recognizers_date_time", "recognizers_number_with_unit")
    covers = frozenset({("money", "en"), ("dates", "en"), ("durations", "en")})
    UNITS: ClassVar[dict[str, tuple[str, float]]] = {
        "Dollar": ("USD", 1.0), "Cent": ("USD", 0.01), "Pound": ("GBP", 1.0), "Pence": ("GBP", 0.01),
        "Euro": ("EUR", 1.0)}
    TIMEX_VALUE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?|-W\d{2}|-Q[1-4]|-H[12]|-(?:SU|SP|FA|WI))?")
    RANGE = re.compile(r"\((\d{4})-(\d{2})-01,\d{4}-\d{2}-01,P([36])M\)")

    def read(self, article: Article, reference: date) -> Found:
        from recognizers_date_time import recognize_datetime
        from recognizers_number_with_unit import recognize_currency
        from recognizers_text import Culture

        found = Found()
        for result in recognize_currency(article.text, Culture.English):
            res = result.resolution or {}
            code, scale = (res["isoCurrency"], 1.0) if res.get("isoCurrency") else self.UNITS.get(
                res.get("unit"), (None, 1.0))
            if code and res.get("value"):
                found.money.append((float(res["value"]) * scale, code))
        moment = datetime(reference.year, reference.month, reference.day)
        for result in recognize_datetime(article.text, Culture.English, reference=moment):
            values = (result.resolution or {}).get("values") or []
            if not values:
                continue
            timex = values[0].get("timex", "")
            kind = values[0].get("type")
            if kind in ("date", "daterange"):
                value = self._date(timex)
                if value:
                    found.dates.append(value)
            elif kind == "duration" and re.fullmatch(r"P[\d.]+[YMWD]", timex):
                found.durations.append(timex)
        return found

    def _date(self, timex: str) -> str | None:
        if self.TIMEX_VALUE.fullmatch(timex):
            return timex
        m = self.RANGE.fullmatch(timex)  # a quarter or half written as a range
        if m and m[3] == "3" and int(m[2]) in (1, 4, 7, 10):
            return f"{m[1]}-Q{(int(m[2]) - 1) // 3 + 1}"
        if m and m[3] == "6" and int(m[2]) in (1, 7):
            return f"{m[1]}-H{1 if m[2] == '01' else 2}"
        return None


class Duckling(Tool):
    name = "Duckling (pyduckling-native)"
    modules = ("duckling",)
    covers = frozenset({("money", "en"), ("dates", "en"), ("durations", "en"), ("dates", "ja"),
                        ("durations", "ja")})
    CURRENCIES: ClassVar[dict[str, str]] = {
        "$": "USD", "USD": "USD", "¥": "JPY", "JPY": "JPY", "€": "EUR", "EUR": "EUR", "£": "GBP",
        "GBP": "GBP", "cent": "USD"}
    UNITS: ClassVar[dict[str, str]] = {"year": "Y", "month": "M", "week": "W", "day": "D"}

    def __init__(self) -> None:
        self._zones: Any = None

    def read(self, article: Article, reference: date) -> Found:
        import duckling

        self._zones = self._zones or duckling.load_time_zones("/usr/share/zoneinfo")
        stamp = int(datetime(reference.year, reference.month, reference.day, 12, tzinfo=UTC).timestamp())
        context = duckling.Context(duckling.parse_ref_time(self._zones, "UTC", stamp),
                                   duckling.default_locale_lang(duckling.parse_lang(article.lang.upper())))
        dims = ["time", "duration"] + (["amount-of-money"] if article.lang == "en" else [])
        found = Found()
        entities = duckling.parse_text(article.text, context, duckling.parse_dimensions(dims), False)
        for entity in json.loads(entities):
            value = entity.get("value") or {}
            if entity["dim"] == "time" and value.get("type") == "value":
                day = date.fromisoformat(value["value"][:10])
                found.dates.append(at_grain(day, value.get("grain", "day")))
            elif entity["dim"] == "duration" and value.get("unit") in self.UNITS:
                found.durations.append(f"P{value['value']}{self.UNITS[value['unit']]}")
            elif entity["dim"] == "amount-of-money" and value.get("type") == "value":
                code = self.CURRENCIES.get(value.get("unit"), value.get("unit"))
                scale = 0.01 if value.get("unit") == "cent" else 1.0
                found.money.append((float(value["value"]) * scale, code))
        return found


PEERS: tuple[Tool, ...] = (JaTimex(), NormalizeNumexp(), RecognizersText(), Duckling())

# --------------------------------------------------------------------------- scoring


_SCHEMA = """
create table articles (id integer primary key, url text, title text);
create table money (article_id int, amount real, currency text);
create table dates (article_id int, value text);
create table durations (article_id int, value text);
"""


def write_db(path: Path, articles: list[Article], found: dict[str, Found]) -> None:
    db = sqlite3.connect(path)
    db.executescript(_SCHEMA)
    for i, article in enumerate(articles, 1):
        db.execute("insert into articles values (?, ?, ?)", [i, article.url, article.title])
        facts = found.get(article.stem, Found())
        db.executemany("insert into money values (?, ?, ?)", [(i, a, c) for a, c in facts.money])
        db.executemany("insert into dates values (?, ?)", [(i, v) for v in facts.dates])
        db.executemany("insert into durations values (?, ?)", [(i, v) for v in facts.durations])
    db.commit()
    db.close()


def gold_by_language(corpus: Path, articles: list[Article], work: Path) -> dict[str, Path]:
    """One folder of links per language, for the scorer."""
    folders = {}
    for lang in LANGS:
        folder = work / f"gold-{lang}"
        folder.mkdir()
        for article in articles:
            if article.lang == lang:
                for suffix in (".gold.json", ".meta.json"):
                    (folder / f"{article.stem}{suffix}").symlink_to(corpus / f"{article.stem}{suffix}")
        folders[lang] = folder
    return folders


def score(scorer: Path, db: Path, gold: Path) -> dict[str, Any]:
    out = subprocess.run([sys.executable, str(scorer), str(db), str(gold), "--json"], check=True,
                         capture_output=True, text=True)
    return json.loads(out.stdout)


def newskb_db(corpus: Path, work: Path) -> Path:
    db = work / "newskb.db"
    subprocess.run([sys.executable, "-m", "newskb.kb.cli", "ingest", str(corpus), "--db", str(db)],
                   check=True, capture_output=True, text=True)
    return db


# --------------------------------------------------------------------------- the table


def cell(scores: dict[str, Any] | None) -> str:
    if scores is None:
        return "n/a"
    return f"{scores['p']:.2f} / {scores['r']:.2f} / **{scores['f1']:.2f}**"


def table(rows: dict[str, dict[tuple[str, str], dict[str, Any] | None] | str]) -> str:
    columns = [(f, lang) for f in FIELDS for lang in LANGS]
    lines = ["| tool | " + " | ".join(f"{f} {lang}" for f, lang in columns) + " |",
             "|---|" + "---|" * len(columns)]
    for name, row in rows.items():
        cells = [row] * len(columns) if isinstance(row, str) else [cell(row.get(c)) for c in columns]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def run(corpus: Path, scorer: Path) -> str:
    articles = read_corpus(corpus)
    rows: dict[str, dict[tuple[str, str], dict[str, Any] | None] | str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        gold = gold_by_language(corpus, articles, work)
        dbs = {"newskb": newskb_db(corpus, work)}
        covers = {"newskb": frozenset((f, lang) for f in FIELDS for lang in LANGS)}
        for tool in PEERS:
            if not tool.available():
                rows[tool.name] = NOT_INSTALLED
                continue
            found = {a.stem: tool.read(a, a.published or date.today()) for a in articles
                     if any((f, a.lang) in tool.covers for f in FIELDS)}
            for a in articles:  # a column the tool does not cover is not scored at all
                facts = found.get(a.stem)
                if facts:
                    for f in FIELDS:
                        if (f, a.lang) not in tool.covers:
                            setattr(facts, f, [])
            dbs[tool.name] = work / f"{tool.name.split()[0]}.db"
            write_db(dbs[tool.name], articles, found)
            covers[tool.name] = tool.covers
        for name, db in dbs.items():
            by_lang = {lang: score(scorer, db, gold[lang]) for lang in LANGS}
            rows[name] = {(f, lang): by_lang[lang][f] if (f, lang) in covers[name] else None
                          for f in FIELDS for lang in LANGS}
    order = ["newskb", *(t.name for t in PEERS)]
    return table({name: rows[name] for name in order if name in rows})


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", type=Path, default=CORPUS,
                        help="gold folder (NAME.txt, .meta.json, .gold.json)")
    parser.add_argument("--scorer", type=Path, default=SCORER, help="the scorer (shared/eval/score.py)")
    args = parser.parse_args(argv)
    if not args.corpus.is_dir() or not args.scorer.is_file():
        parser.error(f"{args.corpus}: no dev corpus here, or {args.scorer}: no scorer (see --help)")
    print(f"P / R / **F1** on {args.corpus.name}, each cell scored by {args.scorer.name} on that language's "
          "articles\n")
    print(run(args.corpus, args.scorer))


if __name__ == "__main__":
    main()
