"""A Ray driver for the tests, run in a process of its own (the test process never imports Ray).

    python tests/ray_driver.py ingest ADDRESS DB SOURCE BATCH_CHARS   # the samples, small batches
    python tests/ray_driver.py rows ADDRESS ARTICLES.jsonl BATCH_CHARS  # each article's row, in order

``ingest`` runs kb.build.ingest_sources with a RayEngine of two workers and prints the summary's
counts as JSON; ``rows`` runs a RayEngine of two workers with blank pipelines over the articles
and prints, per article, its row of the record format (ingest.shards.to_row).
"""
from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path

from newskb.ingest.ray_engine import RayEngine
from newskb.ingest.settings import PipelineConfig
from newskb.ingest.shards import to_row
from newskb.ingest.sources import Article

BLANK = PipelineConfig(models=(("ja", None), ("en", None)))


def main(command: str, address: str, *args: str) -> None:
    if command == "ingest":
        from newskb.kb.build import ingest_sources
        from newskb.kb.store import open_db

        db_path, source, batch_chars = args
        engine = RayEngine(PipelineConfig(), workers=2, address=address, batch_chars=int(batch_chars))
        db = open_db(db_path)
        summary = ingest_sources(db, [source], engine=engine)
        db.close()
        print(json.dumps({k: v for k, v in asdict(summary).items() if k != "facts"}))
    elif command == "rows":
        path, batch_chars = args
        articles = [Article.from_dict(json.loads(line)) for line in Path(path).read_text().splitlines()]
        engine = RayEngine(BLANK, workers=2, address=address, batch_chars=int(batch_chars))
        for article, result in engine.extract(articles):
            print(json.dumps(to_row(article, result), ensure_ascii=False))
    else:
        raise SystemExit(f"unknown command {command!r}")


if __name__ == "__main__":
    main(*sys.argv[1:])
