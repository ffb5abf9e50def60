"""The wheel adds one import name, ``newskb``."""
from __future__ import annotations

import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "--wheel-dir", str(out), str(ROOT)], check=True, capture_output=True)
    (built,) = out.glob("newskb-*.whl")
    return built


def site_packages(env: Path) -> Path:
    (found,) = env.glob("lib/python3*/site-packages")
    return found


def test_the_wheel_adds_only_the_newskb_import_name(wheel: Path, tmp_path: Path) -> None:
    env = tmp_path / "fresh"
    venv.create(env, with_pip=True)
    python = env / "bin" / "python"
    before = {p.name for p in site_packages(env).iterdir()}
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-deps", "--no-index", str(wheel)],
                   check=True, capture_output=True)
    added = {p.name for p in site_packages(env).iterdir()} - before
    assert {name for name in added if not name.endswith(".dist-info")} == {"newskb"}
    # the package and its data are there under newskb, and the top-level package imports without
    # its dependencies (they are not installed in this environment)
    check = ("import importlib.util as u, newskb; "
             "print(all(u.find_spec(m) for m in ('newskb.ingest', 'newskb.kb', 'newskb.queries')))")
    result = subprocess.run([str(python), "-c", check], check=True, capture_output=True, text=True)
    assert result.stdout.strip() == "True"
    installed = site_packages(env) / "newskb"
    for data in ("ingest/lexicons/gazetteer.yaml", "queries/biggest_deals.sql",
                 "kb/templates/pages/entity/{id}.html", "ingest/samples/README.md"):
        assert (installed / data).is_file(), data


def test_the_wheel_names_one_top_level_package(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        tops = {name.split("/")[0] for name in archive.namelist()}
        entry_points = next(n for n in archive.namelist() if n.endswith("entry_points.txt"))
        assert "newskb = newskb.kb.cli:cli" in archive.read(entry_points).decode()
    assert {t for t in tops if not t.endswith(".dist-info")} == {"newskb"}

