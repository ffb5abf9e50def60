"""--engine ray: the language model on a Ray cluster, the rows of --engine local.

A cluster of two nodes on this machine (tests/ray_cluster.py: a head with two CPUs and a second
node with one, on loopback) stands for a real one. The samples go through it and give every row of
every table that the local engine gives; they do so when a worker is killed mid-batch too, and
when extracted to shards and loaded; the writer killed mid-run leaves whole articles and a rerun
completes them. Every Ray process a test starts is marked, and conftest fails a test that leaves
one running.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

import pytest
from conftest import SAMPLES, every_row
from ray_cluster import LocalCluster, actors, marked, ray_env, short_folder, start_cluster
from test_faults import kill_mid_ingest_then_rerun, whole_articles, write_corpus

from newskb.ingest.engines import LocalEngine
from newskb.ingest.settings import PipelineConfig
from newskb.ingest.shards import to_row
from newskb.ingest.sources import Article
from newskb.kb.store import open_db

pytestmark = pytest.mark.ray

NEWSKB = [sys.executable, "-m", "newskb.kb.cli"]
DRIVER = Path(__file__).with_name("ray_driver.py")
BLANK = PipelineConfig(models=(("ja", None), ("en", None)))
BLANK_OPTIONS = ["--model", "ja=blank", "--model", "en=blank"]
ALL_ADDED = "11 added, 0 updated, 0 unchanged, 0 failed ("  # the samples, into a new knowledge base


def ray_installed() -> bool:
    """Whether the ray distribution is installed (not ``import ray``: in a checkout whose folder
    is called ray, pytest imports the repository under that name)."""
    try:
        metadata.distribution("ray")
    except metadata.PackageNotFoundError:
        return False
    return True


@pytest.fixture(scope="module")
def cluster() -> LocalCluster:
    if not ray_installed():
        if os.environ.get("CI"):
            pytest.fail("Ray is not installed: CI installs the ray extra (make setup-test)")
        pytest.skip("Ray is not installed (pip install -e '.[test,ray]')")
    running = start_cluster(head_cpus=2, node_cpus=1)
    yield running
    running.stop()


def newskb(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*NEWSKB, *args], capture_output=True, text=True, env=env, timeout=600, check=False)


def summary_line(stderr: str, where: str) -> str:
    """The run's last line, its summary, less the knowledge base's name."""
    return stderr.strip().splitlines()[-1].removeprefix(f"{where}: ")


@pytest.mark.ginza
def test_samples_ingested_on_the_cluster_store_the_rows_of_the_local_engine(
        cluster: LocalCluster, samples_kb: Path, tmp_path: Path) -> None:
    db_path = tmp_path / "ray.db"
    result = newskb("ingest", str(SAMPLES), "--db", str(db_path), "--engine", "ray", "--ray-address",
                    cluster.address, "--workers", "2", env=cluster.env)
    assert result.returncode == 0, result.stderr
    # what the user sees is what a local ingest prints: the summary line alone, nothing of Ray
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert summary_line(result.stderr, str(db_path)).startswith(ALL_ADDED)
    assert every_row(db_path) == every_row(samples_kb)


@pytest.mark.ginza
def test_a_worker_killed_mid_batch_is_restarted_and_its_batch_read_again(
        cluster: LocalCluster, samples_kb: Path, tmp_path: Path) -> None:
    """Small batches (about 2,500 characters, so that many are in flight on both actors); once some
    articles are stored, an actor parsing a batch is killed by its pid."""
    db_path = tmp_path / "ray.db"
    open_db(db_path).close()
    driver = subprocess.Popen([sys.executable, str(DRIVER), "ingest", cluster.address, str(db_path),
                               str(SAMPLES), "2500"], env=cluster.env, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    killed = None
    deadline = time.monotonic() + 300
    while killed is None and driver.poll() is None and time.monotonic() < deadline:
        busy = actors(cluster.folder.name, busy=True)
        if busy and whole_articles(db_path)[0] > 0:
            killed = busy[0]
            os.kill(killed, signal.SIGKILL)
        time.sleep(0.05)
    out, err = driver.communicate(timeout=600)
    assert killed is not None, "the run ended before a worker could be killed"
    assert driver.returncode == 0, err
    assert not Path(f"/proc/{killed}").exists()
    summary = json.loads(out.strip().splitlines()[-1])
    assert (summary["added"], summary["failed"]) == (11, 0)
    assert every_row(db_path) == every_row(samples_kb)


@pytest.fixture(scope="module")
def sample_shards(cluster: LocalCluster, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The samples extracted on the cluster into a folder of shards."""
    out = tmp_path_factory.mktemp("shards") / "records"
    result = newskb("extract", str(SAMPLES), "--out", str(out), "--engine", "ray",
                    "--ray-address", cluster.address, env=cluster.env)
    assert result.returncode == 0, result.stderr
    assert summary_line(result.stderr, str(out)).startswith("11 articles extracted into 2 shards, 0 failed (")
    return out


@pytest.mark.ginza
def test_extract_on_the_cluster_then_load_stores_the_rows_of_ingest(
        sample_shards: Path, samples_kb: Path, tmp_path: Path) -> None:
    db_path = tmp_path / "loaded.db"
    manifest = json.loads((sample_shards / "manifest.json").read_text())
    assert [s["articles"] for s in manifest["shards"]] == [5, 6] and manifest["sources"] == [str(SAMPLES)]
    result = newskb("load", str(sample_shards), "--db", str(db_path), env=dict(os.environ))
    assert result.returncode == 0, result.stderr
    assert summary_line(result.stderr, str(db_path)).startswith(ALL_ADDED)
    assert every_row(db_path) == every_row(samples_kb)


@pytest.mark.ginza
def test_loading_the_shards_twice_changes_nothing(sample_shards: Path, tmp_path: Path) -> None:
    db_path = tmp_path / "twice.db"
    assert newskb("load", str(sample_shards), "--db", str(db_path), env=dict(os.environ)).returncode == 0
    once = every_row(db_path)
    again = newskb("load", str(sample_shards), "--db", str(db_path), env=dict(os.environ))
    assert again.returncode == 0, again.stderr
    assert summary_line(again.stderr, str(db_path)) == "0 added, 0 updated, 11 unchanged, 0 failed"
    assert every_row(db_path) == once


def test_many_small_batches_come_back_in_input_order(cluster: LocalCluster, tmp_path: Path) -> None:
    """Forty batches over two actors on two nodes: each article's records, in input order, exactly
    those of this process."""
    text = "Deal {n}. Oracle signed a ${m} billion contract with OpenAI. "
    articles = [Article(text=text.format(n=n, m=n + 1) * (1 + n % 3), origin=f"a{n}", key=f"a{n}", lang="en")
                for n in range(40)]
    path = tmp_path / "articles.jsonl"
    path.write_text("".join(json.dumps(a.to_dict()) + "\n" for a in articles))
    result = subprocess.run([sys.executable, str(DRIVER), "rows", cluster.address, str(path), "100"],
                            env=cluster.env, capture_output=True, text=True, timeout=600, check=False)
    assert result.returncode == 0, result.stderr
    here = [to_row(a, r) for a, r in LocalEngine(BLANK).extract(articles)]
    assert [json.loads(line) for line in result.stdout.splitlines()] == here
    assert sum(len(row["records"]["mentions"]) for row in here) >= 80


def test_more_workers_than_the_cluster_has_cpus_is_a_one_line_error(cluster: LocalCluster,
                                                                    tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Oracle signed a $5 billion contract with OpenAI.\n")
    result = newskb("ingest", str(tmp_path / "a.txt"), "--db", str(tmp_path / "kb.db"), "--engine", "ray",
                    "--ray-address", cluster.address, "--workers", "4", *BLANK_OPTIONS, env=cluster.env)
    assert result.returncode == 1
    assert result.stderr.strip() == "Error: --workers 4: the Ray cluster has 3 CPUs, and a worker takes one"


def test_the_writer_killed_mid_run_leaves_whole_articles_and_a_rerun_completes(
        cluster: LocalCluster, tmp_path: Path) -> None:
    """As with local workers (tests/test_faults.py): the cluster ends the actors of a driver that
    is gone, and the rerun on the cluster completes the knowledge base."""
    corpus, db_path = tmp_path / "corpus", tmp_path / "kb.db"
    write_corpus(corpus, 300)
    command = [*NEWSKB, "ingest", str(corpus), "--db", str(db_path), "--engine", "ray", "--ray-address",
               cluster.address, "--workers", "2", *BLANK_OPTIONS]
    kill_mid_ingest_then_rerun(command, db_path, lambda _: actors(cluster.folder.name), cluster.env,
                               seconds=60)


def test_without_an_address_ray_starts_on_this_machine_and_stops_with_the_run(tmp_path: Path) -> None:
    if not ray_installed():
        pytest.skip("Ray is not installed")
    folder = short_folder()
    try:
        env = ray_env(folder)
        corpus = tmp_path / "corpus"
        write_corpus(corpus, 20)
        result = newskb("ingest", str(corpus), "--db", str(tmp_path / "ray.db"), "--engine", "ray",
                        "--workers", "1", *BLANK_OPTIONS, env=env)
        assert result.returncode == 0, result.stderr
        assert summary_line(result.stderr, str(tmp_path / "ray.db")).startswith("20 added, 0 updated")
        local = newskb("ingest", str(corpus), "--db", str(tmp_path / "local.db"), "--workers", "1",
                       *BLANK_OPTIONS, env=dict(os.environ))
        assert local.returncode == 0, local.stderr
        assert every_row(tmp_path / "ray.db") == every_row(tmp_path / "local.db")
        # the Ray it started (its services and workers, all marked) is gone with it
        deadline = time.time() + 30
        while time.time() < deadline and marked(folder.name):
            time.sleep(0.2)
        assert marked(folder.name) == []
        # its node had a loopback address
        logs = "".join(p.read_text() for p in folder.glob("ray/session_*/logs/gcs_server.out"))
        assert set(re.findall(r"node_address=(\S+)", logs)) == {"127.0.0.1"}
    finally:
        shutil.rmtree(folder, ignore_errors=True)
