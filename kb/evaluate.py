"""Scoring a knowledge base against gold annotations (the format of docs/gold-format.md).

Per article (found by url, else by title) and per field, the distinct normalized values the
knowledge base holds are compared with the gold ones: precision, recall and F1, micro-averaged
over articles, with every miss listed. The matching rules are the reference scorer's
(shared/eval/score.py, whose docstring states them); tests/test_evaluate.py checks that both give
the same counts and list the same misses.
"""
from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlite_utils import Database

FIELDS = ("money", "dates", "durations", "orgs", "gpus", "deals")


class GoldError(Exception):
    """A gold folder or file that cannot be read."""


def norm_name(name: str | None) -> str:
    return re.sub(r"[\s\-_.,・()（）]", "", unicodedata.normalize("NFKC", name or "").casefold())


def norm_model(model: str | None) -> str:
    return re.sub(r"[\s\-_]", "", unicodedata.normalize("NFKC", model or "").upper())


def close(a: float | None, b: float | None, tolerance: float = 0.005) -> bool:
    return a is not None and b is not None and abs(a - b) <= tolerance * max(abs(a), abs(b), 1)


def same_date(gold: str, predicted: str) -> bool:
    """Equal values match; so does an ISO week against the month holding its Thursday."""
    if gold == predicted:
        return True
    week = re.fullmatch(r"(\d{4})-W(\d{2})", str(predicted))
    if week and re.fullmatch(r"\d{4}-\d{2}", str(gold)):
        thursday = dt.date.fromisocalendar(int(week[1]), int(week[2]), 4)
        return thursday.strftime("%Y-%m") == gold
    return False


@dataclass
class GoldArticle:
    name: str
    meta: dict[str, Any]
    gold: dict[str, Any]


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, gold: Iterable[Any], predicted: Iterable[Any], match: Callable[[Any, Any], bool],
            label: str) -> None:
        predicted = list(predicted)
        used: set[int] = set()
        for g in gold:
            hit = next((i for i, p in enumerate(predicted) if i not in used and match(g, p)), None)
            if hit is None:
                self.fn += 1
                self.misses.append(f"{label}: missed {g!r}")
            else:
                used.add(hit)
                self.tp += 1
        for i, p in enumerate(predicted):
            if i not in used:
                self.fp += 1
                self.misses.append(f"{label}: spurious {p!r}")

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"p": round(self.precision, 3), "r": round(self.recall, 3), "f1": round(self.f1, 3),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class Report:
    scores: dict[str, Score]
    missing_articles: list[str]

    def as_dict(self) -> dict[str, Any]:
        return {**{k: v.as_dict() for k, v in self.scores.items()}, "missing_articles": self.missing_articles}


def load_gold(folder: str | Path) -> list[GoldArticle]:
    """Gold files: NAME.gold.json beside NAME.meta.json, or gold/NAME.json with articles/NAME.meta.json."""
    folder = Path(folder)
    if not folder.is_dir():
        raise GoldError(f"{folder}: is not a folder of gold annotations")
    pairs: list[tuple[str, Path, Path]] = []
    if (folder / "gold").is_dir():
        pairs = [(g.stem, g, folder / "articles" / f"{g.stem}.meta.json")
                 for g in sorted((folder / "gold").glob("*.json"))]
    else:
        for g in sorted(folder.glob("*.gold.json")):
            stem = g.name[: -len(".gold.json")]
            pairs.append((stem, g, folder / f"{stem}.meta.json"))
    if not pairs:
        raise GoldError(f"{folder}: has no *.gold.json files (see docs/gold-format.md)")
    items = []
    for stem, gold_path, meta_path in pairs:
        try:
            items.append(GoldArticle(stem, json.loads(meta_path.read_text(encoding="utf-8")),
                                     json.loads(gold_path.read_text(encoding="utf-8"))))
        except FileNotFoundError as exc:
            raise GoldError(f"{exc.filename}: is missing (every gold file needs its .meta.json)") from None
        except json.JSONDecodeError as exc:
            where = gold_path if "gold" in str(exc) else meta_path
            raise GoldError(f"{where}: is not valid JSON ({exc.msg})") from None
    return items


def find_article(db: Database, meta: dict[str, Any]) -> int | None:
    if meta.get("url"):
        row = db.execute("select id from articles where url = ?", [meta["url"]]).fetchone()
        if row:
            return row[0]
    title = meta.get("title")
    if title:
        row = db.execute("select id from articles where title = ?", [title]).fetchone()
        if row:
            return row[0]
        row = db.execute("select id from articles where instr(title, ?) > 0 or instr(?, title) > 0",
                         [title[:30], title]).fetchone()
        if row:
            return row[0]
    return None


# What the knowledge base holds for an article, read as the reference scorer reads it.
MONEY = "select amount, currency from money where article_id = ? and amount is not null"
DATES = "select value from dates where article_id = ? and value is not null"
DURATIONS = "select value from durations where article_id = ? and value is not null"
ORGS = ("select e.id, e.name, group_concat(m.text, char(31)) from mentions m "
        "join entities e on e.id = m.entity_id "
        "where m.article_id = ? and upper(e.type) in ('ORG', 'ORGANIZATION', 'COMPANY') group by e.id")
ALIASES = "select alias from entity_aliases where entity_id = ?"
GPUS = "select model from gpu_specs where article_id = ? and model is not null"
DEALS = "select id, amount, currency, usd from deals where article_id = ?"
DEAL_PARTIES = ("select e.name, e.id from deal_parties dp join entities e on e.id = dp.entity_id "
                "where dp.deal_id = ?")


def _values(db: Database, sql: str, article_id: int) -> list[Any]:
    return sorted({tuple(r) if len(r) > 1 else r[0] for r in db.execute(sql, [article_id]).fetchall()})


def _aliases(db: Database, entity_id: int) -> set[str]:
    return {norm_name(a) for (a,) in db.execute(ALIASES, [entity_id])}


def same_amount(gold: tuple[float | None, str | None],
                predicted: tuple[float | None, str | None, float | None]) -> bool:
    """A deal's amount matches gold's: within 1 % in one currency; a figure in another currency than
    gold's US-dollar one by its US-dollar value, within 5 %; any amount when gold gives none."""
    (gold_amount, gold_currency), (amount, currency, usd) = gold, predicted
    if gold_amount is None:
        return True
    if currency is None or gold_currency is None or currency == gold_currency:
        return close(gold_amount, amount, 0.01)
    return gold_currency == "USD" and close(gold_amount, usd, 0.05)


def score_article(db: Database, item: GoldArticle, article_id: int, scores: dict[str, Score]) -> None:
    gold, name = item.gold, item.name
    scores["money"].add(
        sorted({(x["amount"], x["currency"]) for x in gold.get("money", []) if x.get("amount") is not None}),
        _values(db, MONEY, article_id), lambda g, p: g[1] == p[1] and close(g[0], p[0]), name)
    scores["dates"].add(sorted({x["value"] for x in gold.get("dates", []) if x.get("value")}),
                        _values(db, DATES, article_id), same_date, name)
    scores["durations"].add(sorted({x["value"] for x in gold.get("durations", []) if x.get("value")}),
                            _values(db, DURATIONS, article_id), lambda g, p: g == p, name)
    gold_aliases = gold.get("org_aliases", {})

    def forms(org: str) -> set[str]:
        return {norm_name(org)} | {norm_name(a) for a in gold_aliases.get(org, [])}

    predicted_orgs = []
    for entity_id, entity_name, texts in db.execute(ORGS, [article_id]):
        named = {norm_name(entity_name)} | {norm_name(t) for t in (texts or "").split(chr(31))}
        predicted_orgs.append((entity_name, named | _aliases(db, entity_id)))
    scores["orgs"].add([(o, forms(o)) for o in gold.get("orgs", [])], predicted_orgs,
                       lambda g, p: bool(g[1] & p[1]), name)
    scores["gpus"].add(sorted({norm_model(x["model"]) for x in gold.get("gpus", []) if x.get("model")}),
                       sorted({norm_model(m) for m in _values(db, GPUS, article_id)}),
                       lambda g, p: g == p, name)
    predicted_deals = []
    for deal_id, *amount in db.execute(DEALS, [article_id]).fetchall():
        names: set[str] = set()
        for party_name, entity_id in db.execute(DEAL_PARTIES, [deal_id]).fetchall():
            names |= {norm_name(party_name)} | _aliases(db, entity_id)
        predicted_deals.append((tuple(amount), names))
    # a gold party is named by the deal through its canonical name or an alias (a later gold
    # organization of the same normalized name stands for it)
    gold_forms = {norm_name(o): forms(o) for o in gold.get("orgs", [])}

    def same_deal(g: tuple[tuple[float | None, str | None], set[str]],
                  p: tuple[tuple[float | None, str | None, float | None], set[str]]) -> bool:
        if not same_amount(g[0], p[0]):
            return False
        named = sum(1 for party in g[1] if gold_forms.get(party, {party}) & p[1])
        return named >= min(2, len(g[1]))

    scores["deals"].add([((x.get("amount"), x.get("currency")), {norm_name(p) for p in x.get("parties", [])})
                         for x in gold.get("deals", [])], predicted_deals, same_deal, name)


def evaluate(db: Database, gold: list[GoldArticle]) -> Report:
    scores = {k: Score() for k in FIELDS}
    missing = []
    for item in gold:
        article_id = find_article(db, item.meta)
        if article_id is None:
            missing.append(item.name)
            for k in FIELDS:
                scores[k].fn += len({json.dumps(x, sort_keys=True) for x in item.gold.get(k, [])})
            continue
        score_article(db, item, article_id, scores)
    return Report(scores, missing)
