"""The robustness suite: news-style deal statements written for newskb's tests (``batch*.yaml`` beside
this file), read by the real pipelines (GiNZA for Japanese, the English pipeline for English) and
scored like ``../shared/eval/score.py`` scores the dev corpus.

- deals: a gold deal is found by a deal of the same amount (1 % in the gold's currency, or 5 % in US
  dollars for a gold figure in dollars) that names at least two of its parties (all of them when
  gold lists fewer than two); every deal found that matches none is spurious. A case with no gold
  deal is a negative: any deal found there is spurious.
- orgs: a gold organization is found when an ORG mention of the case has its name or one of its
  surface forms as name or text; an ORG mention matching none is spurious.
- kinds: of the deals found, the share whose kind (mapped onto the annotation rules' five kinds)
  is the gold one.

Run ``python tests/robustness/scoring.py [batch1 batch2 …] [--misses]`` for the figures.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from newskb.kb.evaluate import Score

HERE = Path(__file__).resolve().parent
BATCHES = tuple(sorted(p.stem for p in HERE.glob("batch*.yaml")))
PUBLISHED = dt.date(2025, 11, 4)
JAPANESE = re.compile(r"[\u3040-\u30FF\u3400-\u9FFF]")
# newskb's deal kinds on the annotation rules' five (../shared/corpus/dev/README.md)
GOLD_KIND = {
    "compute contract": "compute contract",
    "supply": "compute contract",
    "investment": "investment",
    "capex": "capex",
    "acquisition": "acquisition",
}


def norm(name: str) -> str:
    """Names compared as score.py compares them: NFKC, case, spaces and punctuation folded."""
    return re.sub(r"[\s\-_.,・()（）]", "", unicodedata.normalize("NFKC", name or "").casefold())


@dataclass(frozen=True)
class GoldDeal:
    kind: str
    amount: float | None
    currency: str | None
    parties: tuple[str, ...]


@dataclass(frozen=True)
class Case:
    id: str
    text: str
    orgs: dict[str, tuple[str, ...]]  # canonical name → the other surface forms of the text
    deals: tuple[GoldDeal, ...]

    @property
    def lang(self) -> str:
        return "ja" if JAPANESE.search(self.text) else "en"

    def forms(self, name: str) -> set[str]:
        """The normalized forms a gold organization may be named by."""
        return {norm(name)} | {norm(f) for f in self.orgs.get(name, ())}


@dataclass(frozen=True)
class FoundDeal:
    kind: str
    amount: float | None
    currency: str | None
    usd: float | None
    names: frozenset[str]  # normalized names and surface forms of its parties
    shown: str  # for the misses: kind, amount and parties as found

    def __repr__(self) -> str:
        return self.shown


@dataclass(frozen=True)
class Found:
    deals: tuple[FoundDeal, ...]
    orgs: tuple[tuple[str, frozenset[str]], ...]  # (name, its normalized name and surface forms)


def load(batch: str) -> list[Case]:
    """The cases of ``batch`` (a file name stem beside this module)."""
    cases = []
    for raw in yaml.safe_load((HERE / f"{batch}.yaml").read_text(encoding="utf-8")):
        deals = tuple(
            GoldDeal(
                d["kind"],
                None if d.get("amount") is None else float(d["amount"]),
                d.get("currency"),
                tuple(d["parties"]),
            )
            for d in raw.get("deals") or []
        )
        orgs = {name: tuple(forms or ()) for name, forms in (raw.get("orgs") or {}).items()}
        cases.append(Case(raw["id"], raw["text"], orgs, deals))
    return cases


def extract(case: Case, nlp_for: Callable[[str], Any]) -> Found:
    """What the pipeline for the case's language finds in its text."""
    nlp = nlp_for(case.lang)
    doc = nlp.make_doc(case.text)
    doc._.published = PUBLISHED
    doc = nlp(doc)
    mentions = {(m["start"], m["end"]): m for m in doc._.mentions or []}
    orgs: dict[str, set[str]] = {}
    for m in mentions.values():
        if str(m.get("type", "")).upper() == "ORG":
            orgs.setdefault(str(m["name"]), {norm(str(m["name"]))}).add(norm(str(m["text"])))
    deals = []
    for d in doc._.deals or []:
        names: set[str] = set()
        shown = []
        for p in d["parties"]:
            m = mentions.get(tuple(p["entity"]), {})
            names |= {norm(str(m.get("name", ""))), norm(str(m.get("text", "")))}
            shown.append(str(m.get("name") or m.get("text")))
        money = (doc._.money or [])[d["money"]] if d.get("money") is not None else {}
        deals.append(
            FoundDeal(
                d["kind"],
                d.get("amount"),
                d.get("currency") or money.get("currency"),
                d.get("usd") or money.get("usd"),
                frozenset(names),
                f"{d['kind']} {d.get('amount')} {d.get('currency') or ''} {shown}",
            )
        )
    return Found(tuple(deals), tuple((n, frozenset(f)) for n, f in orgs.items()))


def _close(a: float | None, b: float | None, tolerance: float) -> bool:
    return a is not None and b is not None and abs(a - b) <= tolerance * max(abs(a), abs(b), 1)


def deal_matches(case: Case, gold: GoldDeal, found: FoundDeal) -> bool:
    if gold.amount is not None:
        if found.currency is None or gold.currency is None or found.currency == gold.currency:
            if not _close(gold.amount, found.amount, 0.01):
                return False
        elif not (gold.currency == "USD" and _close(gold.amount, found.usd, 0.05)):
            return False
    named = sum(1 for p in gold.parties if case.forms(p) & found.names)
    return named >= min(2, len(gold.parties))


def _shown(score: Score) -> str:
    return (
        f"P {score.precision:.3f}  R {score.recall:.3f}  F1 {score.f1:.3f}  "
        f"(tp {score.tp}, fp {score.fp}, fn {score.fn})"
    )


@dataclass
class Scores:
    deals: Score = field(default_factory=Score)
    orgs: Score = field(default_factory=Score)
    kinds_right: int = 0
    cases_right: int = 0
    cases: int = 0
    negatives_clean: int = 0
    negatives: int = 0

    @property
    def misses(self) -> list[str]:
        return self.deals.misses + self.orgs.misses

    def add(self, case: Case, found: Found) -> None:
        self.cases += 1
        before = (self.deals.fp, self.deals.fn)

        def deal_found(gold: GoldDeal, deal: FoundDeal) -> bool:
            hit = deal_matches(case, gold, deal)
            self.kinds_right += hit and GOLD_KIND.get(deal.kind, "other") == gold.kind
            return hit  # (the scorer takes the first deal that matches: each hit counts once)

        self.deals.add(case.deals, found.deals, deal_found, case.id)
        if not case.deals:
            self.negatives += 1
            self.negatives_clean += not found.deals
        self.cases_right += (self.deals.fp, self.deals.fn) == before
        self.orgs.add(
            [(name, frozenset(case.forms(name))) for name in case.orgs],
            found.orgs,
            lambda gold, org: bool(gold[1] & org[1]),
            case.id,
        )

    def report(self) -> str:
        return "\n".join(
            [
                f"deals  {_shown(self.deals)}",
                f"orgs   {_shown(self.orgs)}",
                f"kinds  {self.kinds_right}/{self.deals.tp} of the deals found have the gold kind",
                f"cases  {self.cases_right}/{self.cases} exactly right; negatives "
                + f"{self.negatives_clean}/{self.negatives} without a deal",
            ]
        )


def score(cases: Iterable[Case], found: Callable[[Case], Found]) -> Scores:
    """The scores of ``cases``, given what is found in each."""
    scores = Scores()
    for case in cases:
        scores.add(case, found(case))
    return scores


def pipelines() -> Callable[[str], Any]:
    """The pipelines newskb ingests with, per language."""
    from newskb.ingest.pipeline import build_pipeline
    from newskb.ingest.settings import PipelineConfig

    return lambda lang: build_pipeline(lang, PipelineConfig())


def report(batch: str, nlp_for: Callable[[str], Any], misses: bool = False) -> str:
    """The figures of ``batch``: all cases, then each language's."""
    cases = load(batch)
    found = {case.id: extract(case, nlp_for) for case in cases}
    scores = score(cases, lambda case: found[case.id])
    deals = sum(len(c.deals) for c in cases)
    lines = [f"== {batch}: {len(cases)} cases, {deals} deals, {scores.negatives} negatives"]
    for lang in ("ja", "en"):
        part = score([c for c in cases if c.lang == lang], lambda case: found[case.id])
        lines.append(f"   {lang}: deals {_shown(part.deals)}   orgs {_shown(part.orgs)}")
    lines.append(scores.report())
    if misses:
        lines += [f"   {m}" for m in scores.misses]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("batches", nargs="*", default=list(BATCHES))
    parser.add_argument("--misses", action="store_true", help="list every miss and spurious find")
    args = parser.parse_args()
    nlp_for = pipelines()
    for batch in args.batches:
        print(report(batch, nlp_for, args.misses))


if __name__ == "__main__":
    main()
