"""Datasette latency on a synthetic knowledge base of 100,000 articles (or --articles).

    python benchmarks/serve.py                      # generate (a few minutes), then measure
    python benchmarks/serve.py --db big.db --reuse  # measure an existing one again
    python benchmarks/serve.py --articles 1000000 --db big.db --median 300 --search 300   # 45 min, 12 GB

The knowledge base is generated, not ingested: Japanese and English articles built from
sentence templates about deals, money, dates and chips, with as many mentions, money figures,
dates, specs and deals per character as the bundled sample articles give. Words are known as
they are generated, so ``search_text`` (the full-text index's space-separated words) is written
directly; the schema and its triggers come from ``kb.store.open_db``.

Each page is requested through Datasette's in-process client (``kb.serve.make_datasette``), once
to warm up and then ``--repeat`` times; the median and 95th percentile are printed against the
targets (by default 200 ms median and 1 s p95 per page and canned query, 100 ms median for
search; at 1,000,000 articles the targets are 300 ms median and 1 s p95 for every page).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEED = 20251103
ENTITIES = 3_000
# Parameters for canned queries, by name; a parameter not listed here is left empty.
PARAMS = {
    "article_id": "1",
    "entity_id": "1",
    "id": "1",
    "name": "OpenAI",
    "lang": "ja",
    "since": "2025",
    "until": "2026",
    "min_usd": "10000000000",
    "role": "contract",
    "top": "5",
    "year": "2025",
    "q": "契約",
}
LABELS = ["Company", "Corporation_Other", "Product_Other", "Organization_Other", "GOE_Other", "ORG"]
KINDS = ["compute contract", "investment", "acquisition", "capex", "partnership", "supply"]
ROLES = ["contract", "investment", "capex", "revenue", "valuation", "acquisition"]
GPUS = [
    ("H100", "NVIDIA", "Hopper"),
    ("GB200", "NVIDIA", "Blackwell"),
    ("GB300", "NVIDIA", "Blackwell"),
    ("MI450", "AMD", "CDNA 4"),
    ("TPU v7", "Google", "Ironwood"),
    ("Trainium2", "Amazon", "Trainium"),
]
JA_WORDS = ["契約", "出資", "買収", "設備", "投資", "提携", "供給", "発表", "計画", "拡大"]
EN_WORDS = ["contract", "investment", "acquisition", "capex", "partnership", "supply", "announced", "plans"]

# Sentences as words separated by "|" (Japanese) or spaces (English), with {slots}.
JA_TEMPLATES = [
    "{a}|は|{m}|月|{d}|日|、|{b}|と|{x}|億|ドル|の|{w}|を|結ん|だ|と|発表|し|た|。",
    "{a}|は|{g}|を|{n}|基|導入|し|、|{p}|ギガワット|の|データ|センター|を|建設|する|。",
    "{b}|へ|の|{w}|は|{y}|年|まで|の|{t}|年間|で|、|総額|は|約|{x}|億|ドル|に|なる|。",
    "関係者|に|よる|と|、|{a}|は|{b}|と|の|{w}|を|{y}|年|{m}|月|に|完了|する|見通し|だ|。",
]
EN_TEMPLATES = [
    "{a} signed a ${x} billion {w} with {b} on {M} {d}, {y}.",
    "{a} will deploy {n} {g} GPUs across {p} GW of data centers by {y}.",
    "The {w} with {b} runs for {t} years and is worth about ${x} billion.",
    "People familiar with the matter said {a} expects to close the {w} with {b} in {M} {y}.",
]
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def entity_names() -> list[tuple[str, str]]:
    """(name, Japanese alias): the gazetteer's organizations first, then made-up ones."""
    from newskb.ingest import lexicons

    names = [
        (e["name"], (e.get("aliases") or [e["name"]])[0])
        for e in lexicons.load_yaml("gazetteer.yaml")
        if e.get("type") == "ORG"
    ]
    names.sort(key=lambda n: n[0] != "OpenAI")  # OpenAI is entity 1, the busiest
    for i in range(len(names), ENTITIES):
        names.append((f"Nimbus Compute {i}", f"ニンバス{i}"))
    return names[:ENTITIES]


# Zipf's law over the entities (the k-th most named is named 1/k as often as the first): the
# busiest, OpenAI, is in about one sentence in nine, as the big names are in the samples.
ZIPF = list(__import__("itertools").accumulate(1 / k for k in range(1, ENTITIES + 1)))


def popular(rng: random.Random, n: int) -> int:
    """An index in [0, n), a few far more often than the rest (as companies in the news)."""
    return rng.choices(range(n), cum_weights=ZIPF[:n])[0]


def article(
    rng: random.Random, i: int, names: list[tuple[str, str]]
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """One article row and the facts it states, each fact with its owner's entity index."""
    ja = i % 2 == 0
    words: list[str] = []
    text = ""
    facts: list[dict[str, Any]] = []
    cast = [popular(rng, len(names)) for _ in range(3)]  # an article is about a few companies
    for _ in range(rng.randint(4, 8)):
        a, b = rng.sample(cast, 2)
        slots = {
            "a": names[a][1 if ja else 0],
            "b": names[b][1 if ja else 0],
            "m": rng.randint(1, 12),
            "M": rng.choice(MONTHS),
            "d": rng.randint(1, 28),
            "x": rng.choice([3, 17, 38, 100, 300, 400]),
            "y": rng.choice([2025, 2026, 2027]),
            "t": rng.randint(2, 10),
            "n": rng.choice([1000, 20000, 100000]),
            "p": rng.choice([1, 2, 4.5, 6]),
            "g": rng.choice(GPUS)[0],
            "w": rng.choice(JA_WORDS if ja else EN_WORDS),
        }
        template = rng.choice(JA_TEMPLATES if ja else EN_TEMPLATES)
        sentence_words = template.format(**slots).split("|" if ja else " ")
        sentence = ("" if ja else " ").join(sentence_words)
        start = len(text)
        text += sentence + ("" if ja else " ")
        words += sentence_words
        base = {"start": start, "end": start + len(sentence), "sentence": sentence}
        facts += [
            {"table": "mentions", "entity": a, **base},
            {"table": "mentions", "entity": b, **base},
            {"table": "money", "entity": a, "x": slots["x"], **base},
            {"table": "dates", "y": slots["y"], "m": slots["m"], **base},
        ]
        if rng.random() < 0.3:
            facts.append(
                {"table": "gpu_specs", "entity": a, "gpu": rng.choice(GPUS), "n": slots["n"], **base}
            )
        if rng.random() < 0.15:
            facts.append(
                {"table": "deals", "entity": a, "other": b, "x": slots["x"], "y": slots["y"], **base}
            )
        if rng.random() < 0.1:
            facts.append({"table": "capacities", "entity": a, "p": slots["p"], **base})
        if rng.random() < 0.1:
            facts.append({"table": "durations", "t": slots["t"], **base})
    title = text[: text.find("。") + 1 if ja else text.find(".") + 1][:80]
    row = {
        "id": i + 1,
        "url": f"https://news.example/{i}",
        "title": title,
        "published": f"{rng.choice([2024, 2025, 2026])}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
        "lang": "ja" if ja else "en",
        "source": rng.choice(["Nikkei", "Reuters", "ITmedia", "Bloomberg", "Impress"]),
        "text": text,
        "content_hash": f"{i:064x}",
        "ingested_at": "2026-01-01T00:00:00+00:00",
        "origin": f"https://news.example/{i}",
        "key": f"https://news.example/{i}",
        "extractor_version": "synthetic",
        "search_text": " ".join(words),
        "story_id": i + 1,
    }  # each its own story: no copies among them to look for when it is opened
    return row, facts


def generate(path: Path, n: int) -> None:
    from newskb.kb.store import open_db
    from newskb.kb.summaries import rebuild

    rng = random.Random(SEED)
    names = entity_names()
    db = open_db(path)
    db.execute("PRAGMA synchronous = OFF")
    with db.conn:
        db["entities"].insert_all(  # type: ignore[union-attr]
            (
                {"id": k + 1, "name": en, "type": "ORG", "key": en.casefold()}
                for k, (en, _) in enumerate(names)
            ),
            batch_size=1000,
        )
        db["entity_aliases"].insert_all(  # type: ignore[union-attr]
            ({"entity_id": k + 1, "alias": alias} for k, (en, ja) in enumerate(names) for alias in {en, ja}),
            batch_size=1000,
            ignore=True,
        )
    done = 0
    for chunk in _chunks(range(n), 5_000):
        rows: dict[str, list[dict[str, Any]]] = {
            t: []
            for t in (
                "articles",
                "mentions",
                "money",
                "dates",
                "gpu_specs",
                "deal_events",
                "deals",
                "deal_parties",
                "capacities",
                "durations",
            )
        }
        for i in chunk:
            row, facts = article(rng, i, names)
            rows["articles"].append(row)
            for k, fact in enumerate(facts):
                _fact_rows(rows, row, {**fact, "k": k}, names)
        with db.conn:
            for table, table_rows in rows.items():
                _insert(db, table, table_rows)
        done += len(chunk)
        print(f"\r  {done:,} articles", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    with db.conn:  # the rows went in without kb.store.save_article, whose hook keeps the summaries
        rebuild(db)
    db.close()


def _insert(db: Any, table: str, rows: list[dict[str, Any]]) -> None:
    """Rows that all have the same keys, in one executemany: sqlite-utils' insert_all spends
    most of its time checking each value in Python, which would make generation take 10 minutes."""
    if rows:
        columns = list(rows[0])
        sql = (
            f"INSERT INTO [{table}] ({', '.join(f'[{c}]' for c in columns)}) "
            f"VALUES ({', '.join('?' for _ in columns)})"
        )
        db.conn.executemany(sql, [[row[c] for c in columns] for row in rows])


def _fact_rows(
    rows: dict[str, list[dict[str, Any]]],
    article: dict[str, Any],
    fact: dict[str, Any],
    names: list[tuple[str, str]],
) -> None:
    article_id = article["id"]
    base = {
        "article_id": article_id,
        "start": fact["start"],
        "end": fact["end"],
        "sentence": fact["sentence"],
    }
    table = fact["table"]
    if table == "mentions":
        name = names[fact["entity"]]
        rows["mentions"].append(
            {
                **base,
                "entity_id": fact["entity"] + 1,
                "text": name[0],
                "label": LABELS[(article_id + fact["k"]) % len(LABELS)],
                "source": ("gazetteer", "rule", "model")[fact["k"] % 3],
            }
        )
    elif table == "money":
        usd = fact["x"] * 1e8 if article["lang"] == "ja" else fact["x"] * 1e9
        rows["money"].append(
            {
                **base,
                "entity_id": fact["entity"] + 1,
                "text": f"{fact['x']}",
                "amount": usd,
                "currency": "USD",
                "usd": usd,
                "approx": 0,
                "role": ROLES[article_id % len(ROLES)],
            }
        )
    elif table == "dates":
        value = f"{fact['y']}-{fact['m']:02d}"
        rows["dates"].append(
            {
                **base,
                "text": value,
                "value": value,
                "start_date": f"{value}-01",
                "end_date": f"{value}-28",
                "precision": "month",
                "relative": 0,
            }
        )
    elif table == "gpu_specs":
        model, vendor, arch = fact["gpu"]
        rows["gpu_specs"].append(
            {
                **base,
                "entity_id": fact["entity"] + 1,
                "text": model,
                "model": model,
                "vendor": vendor,
                "architecture": arch,
                "kind": "chip",
                "count": fact["n"],
            }
        )
    elif table == "capacities":
        rows["capacities"].append(
            {
                **base,
                "entity_id": fact["entity"] + 1,
                "text": f"{fact['p']}GW",
                "watts": fact["p"] * 1e9,
                "approx": 0,
                "kind": "power",
            }
        )
    elif table == "durations":
        rows["durations"].append({**base, "text": f"{fact['t']}年", "value": f"P{fact['t']}Y", "approx": 0})
    elif table == "deals":
        deal_id = article_id * 100 + fact["k"]  # an article states fewer than 100 facts
        event_id = deal_id
        kind = KINDS[deal_id % len(KINDS)]
        usd = fact["x"] * 1e9
        pair = sorted({fact["entity"] + 1, fact["other"] + 1})
        rows["deal_events"].append(
            {
                "id": event_id,
                "kind": kind,
                "amount": usd,
                "currency": "USD",
                "usd": usd,
                "first_reported": article["published"],
                "sources": 1,
                "amounts_disagree": 0,
                "parties": " / ".join(names[p - 1][0] for p in pair),
                "date": str(fact["y"]),
                "party_key": ",".join(map(str, pair)),
            }
        )
        rows["deals"].append(
            {
                **base,
                "id": deal_id,
                "event_id": event_id,
                "kind": kind,
                "amount": usd,
                "currency": "USD",
                "usd": usd,
                "approx": 0,
                "date": str(fact["y"]),
                "status": "announced",
            }
        )
        roles = ("buyer", "provider")
        rows["deal_parties"] += [
            {"deal_id": deal_id, "entity_id": p, "role": roles[k]} for k, p in enumerate(pair)
        ]


def _chunks(items: range, size: int) -> Iterator[range]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def pages(db_name: str) -> list[tuple[str, str]]:
    """(label, path) of every page measured."""
    from newskb.kb.serve import canned_queries

    out = [
        ("entity row page", f"/{db_name}/entities/1"),
        ("entity page (busiest entity)", "/entity/1"),
        ("entity page (a typical entity)", "/entity/100"),
        ("entity list page", "/entity"),
        ("article row page", f"/{db_name}/articles/1"),
        ("article page", "/article/1"),
        ("mentions, facet label", f"/{db_name}/mentions?_facet=label"),
        ("mentions, facet label (json)", f"/{db_name}/mentions.json?_facet=label"),
        ("money, facet role+currency", f"/{db_name}/money?_facet=role&_facet=currency"),
        ("articles, facet source", f"/{db_name}/articles?_facet=source"),
        ("deals table", f"/{db_name}/deals"),
        ("search 契約 (json)", f"/{db_name}/articles.json?_search=契約"),
        ("search 契約 (html)", f"/{db_name}/articles?_search=契約"),
        ("search 'contract' (json)", f"/{db_name}/articles.json?_search=contract"),
    ]
    for query in canned_queries():
        names = sorted(set(__import__("re").findall(r"(?<!:):([a-z_]+)", query.sql)))
        params = {name: PARAMS.get(name, "") for name in names}
        out.append(
            (
                f"query {query.name}",
                f"/{db_name}/{query.name}.json?" + urlencode({**params, "_shape": "array"}),
            )
        )
    return out


async def measure(path: Path, repeat: int, median_target: float = 0.2, search_target: float = 0.1) -> None:
    """Print each page's median and p95 as it is measured; a page that fails is reported, not timed."""
    from newskb.kb.serve import db_name, make_datasette

    # Datasette prints a long traceback for each query over its time limit: keep only our lines.
    out = os.fdopen(os.dup(1), "w")
    sys.stdout.flush()
    for fd in (1, 2):
        os.dup2(os.open(os.devnull, os.O_WRONLY), fd)

    ds = make_datasette(path)
    await ds.invoke_startup()
    slow = 0
    for label, url in pages(db_name(path)):
        response = await ds.client.get(url)  # warm-up (and the page must work)
        if response.status_code != 200:
            slow += 1
            reason = "SQL time limit" if "too long" in response.text else response.text[:80]
            print(f"{label:44s} HTTP {response.status_code}: {reason}  FAILS", file=out, flush=True)
            continue
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            await ds.client.get(url)
            times.append(time.perf_counter() - start)
        times.sort()
        median, p95 = statistics.median(times), times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
        target = search_target if label.startswith("search") else median_target
        ok = median < target and p95 < 1.0
        slow += not ok
        print(
            f"{label:44s} {median * 1000:7.1f}ms {p95 * 1000:7.1f}ms  {'ok' if ok else 'SLOW'}",
            file=out,
            flush=True,
        )
    print(f"\n{slow} page(s) over target", file=out, flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--db", type=Path, default=Path("bench-serve.db"), help="Where to build the knowledge base."
    )
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument(
        "--reuse", action="store_true", help="Measure the existing --db without regenerating it."
    )
    parser.add_argument("--repeat", type=int, default=10, help="Requests per page after the warm-up.")
    parser.add_argument("--median", type=float, default=200, help="Target median of a page, ms.")
    parser.add_argument("--search", type=float, default=100, help="Target median of a search, ms.")
    args = parser.parse_args()

    if not args.reuse:
        for suffix in ("", "-wal", "-shm"):
            Path(str(args.db) + suffix).unlink(missing_ok=True)
        start = time.perf_counter()
        generate(args.db, args.articles)
        print(f"generated {args.db} in {time.perf_counter() - start:.0f} s")
    from newskb.kb.schema import update_statistics
    from newskb.kb.store import open_db

    db = open_db(args.db)  # brings an older file to the current schema (new indexes included)
    update_statistics(db)  # as an ingest does after storing articles
    counts = {t: db[t].count for t in ("articles", "mentions", "money", "dates", "gpu_specs", "deals")}
    db.close()
    print(", ".join(f"{n:,} {t}" for t, n in counts.items()))
    print(f"\n{'page':44s} {'median':>9s} {'p95':>9s}  target")
    asyncio.run(measure(args.db, args.repeat, args.median / 1000, args.search / 1000))


if __name__ == "__main__":
    main()
