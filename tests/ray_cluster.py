"""A Ray cluster on this machine for the tests: a head and a second node joined to it, on loopback.

The head listens on 127.0.0.2: Ray replaces 127.0.0.1 in ``--node-ip-address`` by the machine's
network address, and any other loopback address it keeps. The second node joins through it and
registers at 127.0.0.1 (the address it reaches the head from), where a driver connecting to
127.0.0.2 finds its local node: two nodes, all traffic on loopback. Token authentication is on,
with a token of the test's own (``RAY_AUTH_TOKEN_PATH``), so nothing is written to ~/.ray.

Every process a test starts for Ray carries ``MARK`` (with this session's ``SESSION``) in its
environment (Ray passes it on to the processes it starts), so that ``ray_processes_left`` finds
what a test left running, and those only: an actor of a finished run, a Ray started for one run
and not stopped. The processes of a running cluster fixture are its own, except its actors; those
of another test session on the same machine are never this one's.
"""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

MARK = "NEWSKB_TEST_RAY_MARK"  # its value: SESSION/the cluster folder's name
# This test session's part of every mark: the processes of another session running on the same machine
# (another checkout's tests) are never its to find or end. Children inherit it.
SESSION = os.environ.setdefault("NEWSKB_TEST_SESSION", uuid.uuid4().hex[:12])
ACTOR_TITLE = "ray::ArticleExtractor"
RAY = Path(sys.executable).with_name("ray")
OBJECT_STORE_BYTES = 100 * 1024 * 1024
HEAD_HOST = "127.0.0.2"

# The `ray start` processes of the clusters running now: their descendants are kept between tests.
LIVE_NODES: set[int] = set()


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def ray_env(folder: Path) -> dict[str, str]:
    """The environment of every process of a test's Ray: its mark, its token, no usage statistics,
    its temporary folder (short: Ray's socket paths must fit in 107 bytes)."""
    token = folder / "token"
    if not token.exists():
        token.write_text(uuid.uuid4().hex)
    return {**os.environ, MARK: f"{SESSION}/{folder.name}", "RAY_AUTH_MODE": "token",
            "RAY_AUTH_TOKEN_PATH": str(token),
            "RAY_USAGE_STATS_ENABLED": "0", "RAY_TMPDIR": str(folder)}


def short_folder() -> Path:
    return Path(tempfile.mkdtemp(prefix="nkr", dir="/tmp"))


@dataclass
class LocalCluster:
    folder: Path
    address: str
    env: dict[str, str]
    nodes: list[subprocess.Popen] = field(default_factory=list)

    def start_node(self, *args: str, log: str, ready: str = "Ray runtime started") -> None:
        with (self.folder / log).open("w") as out:
            node = subprocess.Popen([str(RAY), "start", *args, "--temp-dir", str(self.folder),
                                     "--object-store-memory", str(OBJECT_STORE_BYTES), "--block"],
                                    env=self.env, stdout=out, stderr=subprocess.STDOUT,
                                    stdin=subprocess.DEVNULL, start_new_session=True)
        self.nodes.append(node)
        LIVE_NODES.add(node.pid)
        deadline = time.monotonic() + 120
        while ready not in (self.folder / log).read_text(errors="replace"):
            if node.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"ray start {' '.join(args)} did not start:\n"
                                   f"{(self.folder / log).read_text(errors='replace')[-3000:]}")
            time.sleep(0.2)

    def stop(self) -> None:
        """Each node's process group: SIGTERM (ray start --block then stops what it started), and
        SIGKILL for what is left after 5 s; then anything else of this cluster, by its mark."""
        for node in reversed(self.nodes):
            _signal_group(node.pid, signal.SIGTERM)
        deadline = time.monotonic() + 5
        for node in reversed(self.nodes):
            try:
                node.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                pass
        for node in self.nodes:
            _signal_group(node.pid, signal.SIGKILL)
            node.wait()
            LIVE_NODES.discard(node.pid)
        for pid in marked(self.folder.name):
            _kill(pid)
        shutil.rmtree(self.folder, ignore_errors=True)


def start_cluster(head_cpus: int = 2, node_cpus: int = 1) -> LocalCluster:
    """A head with ``head_cpus`` CPUs and a second node with ``node_cpus``, joined to it."""
    folder = short_folder()
    port = free_port(HEAD_HOST)
    cluster = LocalCluster(folder, f"{HEAD_HOST}:{port}", ray_env(folder))
    try:
        cluster.start_node("--head", "--node-ip-address", HEAD_HOST, "--port", str(port),
                           "--num-cpus", str(head_cpus), "--include-dashboard", "false",
                           "--dashboard-port", str(free_port()), "--disable-usage-stats", log="head.log")
        cluster.start_node("--address", cluster.address, "--num-cpus", str(node_cpus), log="node.log")
    except BaseException:
        cluster.stop()
        raise
    return cluster


def _signal_group(pgid: int, sig: int) -> None:
    try:
        os.killpg(pgid, sig)
    except ProcessLookupError:
        pass


def _kill(pid: int) -> None:
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _environ(pid: int) -> dict[str, str]:
    try:
        raw = Path(f"/proc/{pid}/environ").read_bytes()
    except OSError:
        return {}
    return dict(item.split("=", 1) for item in raw.decode(errors="replace").split("\0") if "=" in item)


def title(pid: int) -> str:
    """Its command line (a Ray worker's shows its actor and method), else its name."""
    try:
        line = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
        return line or f"[{Path(f'/proc/{pid}/comm').read_text().strip()}]"
    except OSError:
        return ""


def marked(value: str | None = None) -> list[int]:
    """The processes carrying this session's Ray mark (with ``value``, the one of that cluster's
    folder), this one excepted."""
    want = f"{SESSION}/{value}" if value is not None else None
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != os.getpid():
            mark = _environ(int(entry.name)).get(MARK)
            if mark is not None and (mark == want or (want is None and mark.startswith(f"{SESSION}/"))):
                found.append(int(entry.name))
    return found


def actors(value: str | None = None, busy: bool = False) -> list[int]:
    """The newskb actors among them (``busy``: parsing a batch, which Ray shows in the title)."""
    want = f"{ACTOR_TITLE}.rows_of" if busy else ACTOR_TITLE
    return [pid for pid in marked(value) if title(pid).startswith(want)]


def ray_processes_left(seconds: float = 10.0) -> list[int]:
    """Ray processes a test left running, once ``seconds`` went by for them to end: any marked
    process outside a running cluster fixture, and any newskb actor (a run's actors end with it)."""
    deadline = time.monotonic() + seconds
    while True:
        left = [pid for pid in marked() if not _zombie(pid)
                and (not _ancestors(pid) & LIVE_NODES or title(pid).startswith(ACTOR_TITLE))]
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.2)


def _parent(pid: int) -> int:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0
    return int(stat[stat.rindex(")") + 2:].split()[1])


def _ancestors(pid: int) -> set[int]:
    found = set()
    while pid > 1 and pid not in found:
        found.add(pid)
        pid = _parent(pid)
    return found


def _zombie(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat[stat.rindex(")") + 2] in "ZX"


def kill(pids: list[int]) -> None:
    for pid in pids:
        _kill(pid)
