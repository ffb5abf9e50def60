"""The extractor version stored with every article.

It changes when newskb is upgraded or when any lexicon (bundled or the user's gazetteer) is
edited, so ``newskb reextract`` knows which articles were read by older rules.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from newskb.ingest import lexicons


def package_version() -> str:
    try:
        return version("newskb")
    except PackageNotFoundError:
        return "0+unknown"


def extractor_version(gazetteers: Iterable[str | Path] = ()) -> str:
    digest = hashlib.sha256()
    files = sorted(p for p in lexicons.HERE.iterdir() if p.is_file() and p.suffix != ".py")
    for path in [*files, *(Path(g) for g in gazetteers)]:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return f"{package_version()}+{digest.hexdigest()[:10]}"
