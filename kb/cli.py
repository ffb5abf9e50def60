"""The ``newskb`` command: thin commands over ``ingest`` and ``kb``."""
from __future__ import annotations

import datetime as dt
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

import click

from newskb.ingest.engines import ENGINES, Engine, EngineName
from newskb.ingest.settings import (
    BadModelSetting,
    EngineError,
    EngineUnavailable,
    ExtractionError,
    ModelNotFound,
    PipelineConfig,
    WorkerFailed,
    default_models,
    parse_model_settings,
)
from newskb.ingest.sources import Article, Defaults, SourceError, parse_published, read_sources
from newskb.ingest.version import package_version

DEFAULT_DB = "newskb.db"
SAMPLES = Path(__file__).resolve().parent.parent / "ingest" / "samples"

db_option = click.option("--db", "db_path", default=DEFAULT_DB, show_default=True,
                         type=click.Path(dir_okay=False),
                         help="The knowledge base (a SQLite file; created when missing).")


def pipeline_options(f):
    f = click.option("--model", "models", multiple=True, metavar="LANG=MODEL",
                     help="spaCy model for a language, e.g. en=en_core_web_sm (default ja=ja_ginza, "
                          "en=blank English plus rules).")(f)
    f = click.option("--gazetteer", "gazetteers", multiple=True, type=click.Path(exists=True, dir_okay=False),
                     help="Extra gazetteer YAML (canonical entities and aliases); may repeat.")(f)
    return f


def workers_option(f):
    return click.option("--workers", type=click.IntRange(min=1), default=None,
                         show_default="the number of cores (with --engine ray: of the Ray cluster)",
                         help="Processes running the language model (the database has one writer; the "
                              "result does not depend on it).")(f)


def engine_options(f):
    f = click.option("--ray-address", "ray_address", metavar="ADDR",
                     help="With --engine ray: the Ray cluster to join (HOST:PORT of its head); without it "
                          "Ray starts on this machine for the run.")(f)
    f = click.option("--engine", "engine_name", type=click.Choice(ENGINES), default="local",
                     show_default=True,
                     help="Where the language model runs: local worker processes, or actors on a Ray "
                          "cluster (pip install 'newskb[ray]'); the records are the same.")(f)
    return f


# What an engine raises that stops a run: a one-line error each.
ENGINE_FAILURES = (ModelNotFound, WorkerFailed, EngineError, EngineUnavailable)


def _engine(name: EngineName, config: PipelineConfig, workers: int | None, address: str | None) -> Engine:
    from newskb.ingest.engines import make_engine

    if address and name != "ray":
        raise click.UsageError("--ray-address is for --engine ray")
    try:
        return make_engine(name, config, workers, address)
    except (EngineError, EngineUnavailable) as exc:
        raise click.ClickException(str(exc)) from None


def _pipeline_config(models: tuple[str, ...], gazetteers: tuple[str, ...]) -> PipelineConfig:
    try:
        chosen = {**default_models(), **parse_model_settings(models, "--model")}
    except BadModelSetting as exc:
        raise click.UsageError(str(exc)) from None
    return PipelineConfig(models=tuple(chosen.items()),
                          gazetteers=tuple(str(Path(g).resolve()) for g in gazetteers))


def _open(db_path: str):
    from newskb.kb.store import open_db

    try:
        return open_db(db_path)
    except Exception as exc:  # noqa: BLE001  sqlite3 raises DatabaseError for a file that is not a database
        raise click.ClickException(
            f"{db_path}: cannot be opened as a newskb knowledge base ({exc})") from None


def _published_option(value: str | None) -> dt.date | None:
    """--published read once, into the date every later step takes."""
    try:
        return parse_published(value, "--published")
    except SourceError as exc:
        raise click.BadParameter(exc.problem) from None


class _Reporter:
    """A progress bar on a terminal, one line per failure, nothing else while it runs."""

    def __init__(self, total: int, label: str) -> None:
        self.bar = click.progressbar(length=total, label=label, file=sys.stderr, show_pos=True) \
            if sys.stderr.isatty() else None
        if self.bar:
            self.bar.__enter__()

    def __call__(self, status: str, item: Article | SourceError | ExtractionError | Exception) -> None:
        if status == "failed":
            click.echo(("\n" if self.bar else "") + f"error: {item}", err=True)
        if self.bar:
            self.bar.update(1)

    def close(self) -> None:
        if self.bar:
            self.bar.__exit__(None, None, None)


def _run_ingest(db_path: str, sources: list[str], defaults: Defaults, config: PipelineConfig,
                quiet: bool = False, workers: int | None = None, engine: Engine | None = None) -> int:
    from newskb.kb.build import Summary, ingest_sources

    engine = engine or _engine("local", config, workers, None)
    db = _open(db_path)
    items = list(read_sources(sources, defaults))
    reporter = _Reporter(len(items), "Ingesting")
    try:
        summary: Summary = ingest_sources(db, [], defaults, on_item=reporter, items=items, engine=engine)
    except ENGINE_FAILURES as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        reporter.close()
    if not quiet:
        _echo_summary(db_path, summary.line(), summary.facts)
    return 1 if summary.failed else 0


def _echo_summary(where: str, line: str, facts: dict[str, int]) -> None:
    counts = ", ".join(f"{n} {t}" for t, n in facts.items() if n)
    click.echo(f"{where}: {line}" + (f" ({counts})" if counts else ""), err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_version(), prog_name="newskb")
def cli() -> None:
    """newskb: a knowledge base of AI-infrastructure market news.

    \b
    Quick start:
      newskb demo                         # sample articles → Datasette
      newskb ingest articles/ --db kb.db  # your own articles
      newskb serve --db kb.db
    """


def source_options(f):
    """What ingest and extract are told about sources that do not say it themselves."""
    f = click.option("--timeout", type=float, default=Defaults().timeout, show_default=True,
                     help="Seconds to wait for a URL.")(f)
    f = click.option("--max-bytes", type=int, default=Defaults().max_bytes, show_default=True,
                     help="Largest file or page to read.")(f)
    f = click.option("--lang", type=click.Choice(["auto", "ja", "en"]), default="auto", show_default=True,
                     help="Language of sources that do not say; auto detects it.")(f)
    f = click.option("--source", "source_name",
                     help="Source (publisher) name for sources that do not give one.")(f)
    f = click.option("--published", callback=lambda _ctx, _param, value: _published_option(value),
                     help="Publication date for sources that do not give one (YYYY-MM-DD).")(f)
    return f


@cli.command()
@click.argument("sources", nargs=-1, required=True)
@db_option
@source_options
@pipeline_options
@engine_options
@workers_option
def ingest(sources: tuple[str, ...], db_path: str, published: dt.date | None, source_name: str | None,
           lang: str, max_bytes: int, timeout: float, models: tuple[str, ...], gazetteers: tuple[str, ...],
           engine_name: EngineName, ray_address: str | None, workers: int | None) -> None:
    """Add articles to the knowledge base.

    A SOURCE is a file (.txt, .md, .html, .json, .jsonl), a folder (read recursively), - for
    standard input, or an http(s) URL. Unchanged articles are skipped; changed ones re-extracted.
    The exit status is 1 when any source failed (the others are still stored).

    \b
    Examples:
      newskb ingest article.md
      newskb ingest news/ --db market.db --source Reuters
      newskb ingest feed.jsonl --published 2025-11-03 --lang ja
      cat article.txt | newskb ingest -
      newskb ingest https://example.com/news/openai-aws.html
      newskb ingest news/ --workers 1     # one process (less memory)
      newskb ingest news/ --engine ray --ray-address 10.0.0.5:6379   # on a Ray cluster
    """
    defaults = _defaults(published, source_name, lang, max_bytes, timeout)
    config = _pipeline_config(models, gazetteers)
    engine = _engine(engine_name, config, workers, ray_address)
    sys.exit(_run_ingest(db_path, list(sources), defaults, config, engine=engine))


def _defaults(published: dt.date | None, source_name: str | None, lang: str, max_bytes: int,
              timeout: float) -> Defaults:
    return Defaults(published=published, source=source_name, lang=lang, max_bytes=max_bytes, timeout=timeout)


@cli.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--out", "out", required=True, type=click.Path(file_okay=False),
              help="The folder to write the records into (new or empty).")
@click.option("--format", "fmt", type=click.Choice(["jsonl", "parquet"]), default="jsonl", show_default=True,
              help="Shard format: gzip-compressed JSON Lines, or Parquet.")
@source_options
@pipeline_options
@engine_options
@workers_option
def extract(sources: tuple[str, ...], out: str, fmt: str, published: dt.date | None, source_name: str | None,
            lang: str, max_bytes: int, timeout: float, models: tuple[str, ...], gazetteers: tuple[str, ...],
            engine_name: EngineName, ray_address: str | None, workers: int | None) -> None:
    """Extract records from articles into a folder of shards, for newskb load.

    The language processing of an ingest without the knowledge base: one shard per batch of
    articles and a manifest (docs/records.md), to load here or on another machine, now or later.
    SOURCE is read as by newskb ingest. The exit status is 1 when any source or article failed.

    \b
    Examples:
      newskb extract news/ --out records/
      newskb extract news/ --out records/ --engine ray --ray-address 10.0.0.5:6379
      newskb extract feed.jsonl --out records/ --format parquet
      newskb load records/ --db market.db
    """
    from newskb.ingest.extract import extract_records
    from newskb.ingest.shards import ShardError

    config = _pipeline_config(models, gazetteers)
    engine = _engine(engine_name, config, workers, ray_address)
    items = list(read_sources(list(sources), _defaults(published, source_name, lang, max_bytes, timeout)))
    reporter = _Reporter(len(items), "Extracting")
    try:
        summary = extract_records(out, items, engine, fmt, sources, on_item=reporter)  # type: ignore[arg-type]
    except ShardError as exc:
        raise click.ClickException(str(exc)) from None
    except ENGINE_FAILURES as exc:
        raise click.ClickException(f"{exc} (the shards written so far are in {out}, without a manifest)"
                                   ) from None
    finally:
        reporter.close()
    _echo_summary(out, summary.line(), summary.facts)
    sys.exit(1 if summary.failed else 0)


@cli.command()
@click.argument("folders", metavar="DIR...", nargs=-1, required=True, type=click.Path())
@db_option
def load(folders: tuple[str, ...], db_path: str) -> None:
    """Store the records newskb extract wrote, as newskb ingest stores them.

    Articles already stored unchanged are skipped, so loading a folder twice changes nothing. A
    shard that is truncated, changed or of another extractor version is reported on one line and
    left out; the others load. The exit status is 1 when anything failed.

    \b
    Examples:
      newskb load records/ --db market.db
      newskb load monday/ tuesday/ --db market.db
    """
    from newskb.ingest.shards import Manifest, ShardError
    from newskb.kb.build import load_shards

    total = 0
    for folder in folders:
        try:
            manifest = Manifest.read(Path(folder))
            total += manifest.articles + len(manifest.source_errors)
        except ShardError:
            total += 1  # reported by load_shards
    db = _open(db_path)
    reporter = _Reporter(total, "Loading")
    try:
        summary = load_shards(db, folders, on_item=reporter)
    finally:
        reporter.close()
    _echo_summary(db_path, summary.line(), summary.facts)
    sys.exit(1 if summary.failed or summary.errors else 0)


@cli.command()
@db_option
@pipeline_options
@click.option("--all", "everything", is_flag=True, help="Re-extract every article, not only stale ones.")
@workers_option
def reextract(db_path: str, models: tuple[str, ...], gazetteers: tuple[str, ...], everything: bool,
              workers: int | None) -> None:
    """Re-run extraction on stored articles read by an older extractor version.

    Run it after upgrading newskb or editing a gazetteer; the sources are not needed.

    \b
    Examples:
      newskb reextract --db market.db
      newskb reextract --db market.db --gazetteer my_companies.yaml
    """
    from newskb.kb.build import reextract as run_reextract

    if not Path(db_path).exists():
        raise click.ClickException(f"{db_path}: no such knowledge base (create it with newskb ingest)")
    db = _open(db_path)
    try:
        summary = run_reextract(db, _pipeline_config(models, gazetteers), everything,
                                workers=workers or os.cpu_count() or 1)
    except (ModelNotFound, WorkerFailed) as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"{db_path}: {summary.updated} articles re-extracted", err=True)


def _serve(db_path: str, host: str, port: int, get: str | None, landing: str | None = None,
           immutable: bool = False) -> None:
    from datasette.cli import cli as datasette_cli

    from newskb.kb.serve import (
        StillWritten,
        current_inspect_file,
        datasette_args,
        db_name,
        make_inspect_file,
        metadata,
    )

    inspect_file = current_inspect_file(db_path) if immutable else None
    if inspect_file is None:
        _open(db_path).close()  # bring an older knowledge base to the current schema first
    if immutable and inspect_file is None:
        try:
            inspect_file = make_inspect_file(db_path)
        except StillWritten as exc:
            raise click.ClickException(str(exc)) from None
    with tempfile.TemporaryDirectory() as tmp:
        metadata_path = Path(tmp) / "metadata.json"
        metadata_path.write_text(json.dumps(metadata(db_name(db_path), landing), ensure_ascii=False),
                                 encoding="utf-8")
        args = datasette_args(db_path, metadata_path, host, port, get, inspect_file)
        if not get:
            click.echo(f"Serving {db_path} at http://{host}:{port}/ (Ctrl-C to stop)", err=True)
        datasette_cli.main(args=args, prog_name="newskb serve", standalone_mode=True)


@cli.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to bind; 0.0.0.0 exposes the knowledge base to your network (read-only).")
@click.option("--port", default=8001, show_default=True, type=int, help="Port to listen on.")
@click.option("--get", "get", metavar="PATH",
              help="Print the response for PATH (e.g. /newskb/entities.json) and exit.")
@click.option("--immutable", is_flag=True,
              help="Serve a finished knowledge base in Datasette's immutable mode, with table counts from "
                   "an inspect file kept beside it (DB.inspect.json, made again when the file changes).")
def serve(db_path: str, host: str, port: int, get: str | None, immutable: bool) -> None:
    """Browse the knowledge base in Datasette (read-only, on this machine by default).

    --immutable is for a knowledge base no ingest writes to any more: Datasette then reads it
    without locking or checking it for changes, and shows table counts computed once.

    \b
    Examples:
      newskb serve --db market.db
      newskb serve --db market.db --port 8080
      newskb serve --db market.db --get '/market/entities.json?type=ORG'
      newskb serve --db archive-2025.db --immutable
    """
    if not Path(db_path).exists():
        raise click.ClickException(
            f"{db_path}: no such knowledge base (create it with newskb ingest or newskb demo)")
    _serve(db_path, host, port, get, immutable=immutable)


@cli.command()
@click.option("--db", "db_path", default="newskb-demo.db", show_default=True, type=click.Path(dir_okay=False),
              help="Where to build the demo knowledge base.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("--port", default=8001, show_default=True, type=int, help="Port to listen on.")
@click.option("--no-serve", is_flag=True, help="Build the knowledge base only.")
@click.option("--get", "get", metavar="PATH", help="Print the response for PATH and exit instead of serving.")
def demo(db_path: str, host: str, port: int, no_serve: bool, get: str | None) -> None:
    """Build a knowledge base from the bundled sample articles and serve it.

    \b
    Examples:
      newskb demo
      newskb demo --no-serve --db demo.db
    """
    status = _run_ingest(db_path, [str(SAMPLES)], Defaults(), PipelineConfig())
    if status:
        raise click.ClickException("some sample articles failed to ingest (see the errors above)")
    if not no_serve:
        from newskb.kb.dashboards import DASHBOARD

        landing = f"/-/dashboards/{DASHBOARD}"
        if not get:
            click.echo(f"Start at the dashboard: http://{host}:{port}{landing}", err=True)
        _serve(db_path, host, port, get, landing=landing)


# ---------------------------------------------------------------- feeds and watch


def _every(value: str) -> int:
    from newskb.ingest.feeds import parse_interval

    try:
        return parse_interval(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--every") from None


@cli.group()
def feeds() -> None:
    """Follow RSS and Atom feeds; newskb watch reads them into the knowledge base.

    \b
    Examples:
      newskb feeds add https://example.com/rss.xml --name example --every 1h
      newskb feeds add --opml subscriptions.opml
      newskb feeds list
      newskb feeds remove example
    """


@feeds.command("add")
@click.argument("url", required=False)
@click.option("--name", help="Short name (also the source of its articles); default: its host and path.")
@click.option("--every", default="30m", show_default=True,
              help="How often to read it: 90s, 30m, 2h, 1d (the feed may ask for less often).")
@click.option("--opml", type=click.Path(exists=True, dir_okay=False),
              help="Follow every feed of a feed reader's OPML export instead of one URL.")
@db_option
def feeds_add(url: str | None, name: str | None, every: str, opml: str | None, db_path: str) -> None:
    """Follow a feed (RSS 0.9x/1.0/2.0 or Atom), or the feeds of an OPML file.

    \b
    Examples:
      newskb feeds add https://example.com/rss.xml
      newskb feeds add https://example.com/atom.xml --name example --every 2h --db market.db
      newskb feeds add --opml subscriptions.opml --every 1h
    """
    from newskb.kb.feeds import FeedsError, add_feed, import_opml

    every_s = _every(every)
    if (url is None) == (opml is None):
        raise click.UsageError("give a feed URL or --opml FILE (one of them)")
    db = _open(db_path)
    try:
        if opml is not None:
            if name:
                raise click.UsageError("--name names one feed: it does not go with --opml")
            added, skipped = import_opml(db, Path(opml).read_bytes(), opml, every_s)
            for line in skipped:
                click.echo(f"skipped: {line}", err=True)
            click.echo(f"{db_path}: {len(added)} feeds added from {opml}, {len(skipped)} skipped", err=True)
            return
        assert url is not None
        feed = add_feed(db, url, name, every_s)
    except (FeedsError, SourceError) as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"{db_path}: following {feed['name']} ({feed['url']}) every {every}; newskb watch reads it",
               err=True)


@feeds.command("list")
@db_option
def feeds_list(db_path: str) -> None:
    """List the feeds followed, with their last reading and when the next is due.

    \b
    Examples:
      newskb feeds list --db market.db
    """
    from newskb.ingest.feeds import format_interval
    from newskb.kb.feeds import list_feeds

    if not Path(db_path).exists():
        raise click.ClickException(f"{db_path}: no such knowledge base (add a feed with newskb feeds add)")
    rows = list_feeds(_open(db_path))
    if not rows:
        click.echo("no feeds (add one with newskb feeds add URL)", err=True)
        return
    click.echo("name\tevery\tstatus\terrors\tarticles\tlast polled\tnext poll\turl")
    for f in rows:
        click.echo("\t".join(str(v) for v in (
            f["name"], format_interval(f["every_s"]), f["last_status"] or "-", f["errors"] or 0,
            f["articles"], f["last_polled"] or "never", f["next_poll"] or "now", f["url"])))


@feeds.command("remove")
@click.argument("feed")
@db_option
def feeds_remove(feed: str, db_path: str) -> None:
    """Stop following FEED (its name or URL). Its articles stay in the knowledge base.

    \b
    Examples:
      newskb feeds remove example
      newskb feeds remove https://example.com/rss.xml --db market.db
    """
    from newskb.kb.feeds import FeedsError, remove_feed

    try:
        removed = remove_feed(_open(db_path), feed)
    except FeedsError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"{db_path}: no longer following {removed['name']} ({removed['url']})", err=True)


@cli.command()
@db_option
@click.option("--once", is_flag=True, help="Read each due feed once and exit (for cron).")
@click.option("--delay", type=click.FloatRange(min=0), default=1.0, show_default=True,
              help="Seconds between two requests to one host (robots.txt may ask for more).")
@click.option("--max-bytes", type=int, default=Defaults().max_bytes, show_default=True,
              help="Largest feed or page to read.")
@click.option("--timeout", type=float, default=Defaults().timeout, show_default=True,
              help="Seconds to wait for a feed or page.")
@pipeline_options
@workers_option
def watch(db_path: str, once: bool, delay: float, max_bytes: int, timeout: float, models: tuple[str, ...],
          gazetteers: tuple[str, ...], workers: int | None) -> None:
    """Read the feeds followed (newskb feeds add) into the knowledge base as they update.

    Each feed is read when it is due (--every, or less often when it asks), politely: conditional
    GET, Retry-After, backoff after errors, one request at a time per host, robots.txt for article
    pages. Each new or changed entry is ingested like newskb ingest ingests a URL (or from the
    feed's own full text). One line per reading. Runs until Ctrl-C or SIGTERM, which stop it after
    the article in hand; with --once, exits after one round (status 1 when a feed or entry failed).

    \b
    Examples:
      newskb watch --db market.db
      newskb watch --db market.db --once      # from cron
      newskb watch --once --delay 5 --workers 1
    """
    import signal
    import threading

    # sqlite-utils imports pandas whenever it is installed, half a second of every start, for value
    # types newskb never stores: a watch run from cron, with nothing new, starts without it
    sys.modules.setdefault("pandas", None)  # type: ignore[arg-type]
    from newskb.kb.feeds import Watcher

    if not Path(db_path).exists():
        raise click.ClickException(f"{db_path}: no such knowledge base (add a feed with newskb feeds add)")
    db = _open(db_path)
    if not db["feeds"].count:
        raise click.ClickException(f"{db_path}: follows no feeds (add one with newskb feeds add URL)")
    stop = threading.Event()

    def on_signal(signum: int, frame: Any) -> None:
        if stop.is_set():
            raise KeyboardInterrupt  # a second signal: stop now (the article in hand is rolled back)
        stop.set()
        click.echo(f"{signal.Signals(signum).name}: stopping after the article in hand", err=True)

    previous = {s: signal.signal(s, on_signal) for s in (signal.SIGINT, signal.SIGTERM)}
    defaults = Defaults(max_bytes=max_bytes, timeout=timeout)
    try:
        with Watcher(db, defaults=defaults, config=_pipeline_config(models, gazetteers),
                     workers=workers or os.cpu_count() or 1, delay=delay, stop=stop,
                     log=lambda line: click.echo(line, err=True)) as watcher:
            summary = watcher.run(once=once)
    except (ModelNotFound, WorkerFailed) as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    click.echo(f"{db_path}: {summary.line()}", err=True)
    sys.exit(1 if once and (summary.failed or summary.feeds_failed) else 0)


@cli.command()
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False))
@click.option("--db", "db_path", type=click.Path(dir_okay=False),
              help="Score this knowledge base instead of ingesting GOLD_DIR's articles into a temporary one.")
@click.option("--misses", is_flag=True, help="List every missed and spurious value.")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@pipeline_options
def evaluate(gold_dir: str, db_path: str | None, misses: bool, as_json: bool, models: tuple[str, ...],
             gazetteers: tuple[str, ...]) -> None:
    """Score extraction against gold annotations (see docs/gold-format.md).

    Prints precision, recall and F1 per field (money, dates, durations, orgs, gpus, deals).

    \b
    Examples:
      newskb evaluate ingest/samples
      newskb evaluate my_gold/ --misses
      newskb evaluate my_gold/ --db market.db --json
    """
    from newskb.kb.evaluate import GoldError, load_gold
    from newskb.kb.evaluate import evaluate as run_evaluate

    try:
        gold = load_gold(gold_dir)
    except GoldError as exc:
        raise click.ClickException(str(exc)) from None
    with tempfile.TemporaryDirectory() as tmp:
        if db_path is None:
            db_path_used = str(Path(tmp) / "evaluate.db")
            articles = Path(gold_dir) / "articles"
            _run_ingest(db_path_used, [str(articles if articles.is_dir() else gold_dir)], Defaults(),
                        _pipeline_config(models, gazetteers), quiet=True)
        else:
            if not Path(db_path).exists():
                raise click.ClickException(f"{db_path}: no such knowledge base")
            db_path_used = db_path
        report = run_evaluate(_open(db_path_used), gold)
    if as_json:
        click.echo(json.dumps(report.as_dict(), ensure_ascii=False))
        return
    click.echo(f"{'field':10s} {'P':>6s} {'R':>6s} {'F1':>6s} {'tp':>5s} {'fp':>5s} {'fn':>5s}")
    for name, score in report.scores.items():
        d: dict[str, Any] = score.as_dict()
        click.echo(f"{name:10s} {d['p']:6.3f} {d['r']:6.3f} {d['f1']:6.3f} "
                   f"{d['tp']:5d} {d['fp']:5d} {d['fn']:5d}")
    if report.missing_articles:
        click.echo(f"articles not in the knowledge base: {', '.join(report.missing_articles)}")
    if misses:
        for name, score in report.scores.items():
            for miss in score.misses:
                click.echo(f"  {name}: {miss}")


def _named_values(items: tuple[str, ...], option: str) -> dict[str, str]:
    values = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"{item!r} is not NAME=VALUE", param_hint=option)
        values[name.strip()] = value
    return values


@cli.command()
@click.argument("name", metavar="QUERY|TABLE")
@click.option("--db", "db_path", default=DEFAULT_DB, show_default=True, type=click.Path(dir_okay=False),
              help="The knowledge base to read.")
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl", "parquet"]),
              show_default="from --out's extension, else csv", help="File format.")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="A parameter of the canned query (may repeat); one it may go without can be left out.")
@click.option("--out", default="-", show_default=True, type=click.Path(dir_okay=False, allow_dash=True),
              help="The file to write; - for standard output.")
def export(name: str, db_path: str, fmt: str | None, params: tuple[str, ...], out: str) -> None:
    """Write a canned query's rows or a table to CSV, JSON lines or Parquet.

    QUERY is a canned query of queries/ (the README lists them with their parameters), TABLE a
    table or view. The columns are typed as newskb.open() types them: dates as ISO 8601 days,
    flags as true/false.

    \b
    Examples:
      newskb export deal_list --db market.db --param party=AWS --out aws_deals.csv
      newskb export entity_timeline --param name=OpenAI --format jsonl
      newskb export money --db market.db --out money.parquet
      newskb export search --param q=契約 | head
    """
    from newskb.kb.api import BadParameters, KnowledgeBase, KnowledgeBaseError, NoKnowledgeBase, UnknownQuery
    from newskb.kb.frames import write_frame

    chosen = fmt or {".jsonl": "jsonl", ".parquet": "parquet"}.get(Path(out).suffix.lower(), "csv")
    values = _named_values(params, "--param")
    try:
        with KnowledgeBase(db_path) as kb:
            frame = kb.frame(name, **values)
    except NoKnowledgeBase:
        raise click.ClickException(f"{db_path}: no such knowledge base (build one with newskb ingest)"
                                   ) from None
    except UnknownQuery as exc:
        hint = "" if exc.suggestions else " (the README lists the canned queries and the tables)"
        raise click.ClickException(f"{exc}{hint}") from None
    except BadParameters as exc:
        hint = f"; give it as --param {exc.missing[0]}=VALUE" if exc.missing else ""
        raise click.ClickException(f"{exc}{hint}") from None
    except KnowledgeBaseError as exc:
        raise click.ClickException(str(exc)) from None
    write_frame(frame, chosen, sys.stdout.buffer if out == "-" else out)
    if out != "-":
        click.echo(f"{out}: {len(frame)} rows of {name}", err=True)


if __name__ == "__main__":
    cli()
