"""A build killed half-way (SIGTERM, SIGKILL) leaves the previous exports intact and
readable, and no temporary files behind (SIGKILL's are removed by the next build)."""
from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import REPO, SEEDS

from kg.build import run_build

FORMATS = ("nt", "graphml")
FILES = ("kg.json", "kg.nt", "kg.graphml", "papers.jsonl", "build.json")


def _gen():
    spec = importlib.util.spec_from_file_location("gen_corpus", REPO / "bench" / "gen_corpus.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """A generated corpus and a finished build of its first part."""
    gen = _gen()
    root = tmp_path_factory.mktemp("kill")
    records = list(gen.generate(600, seed=7, seeds_dir=SEEDS))
    gen.write_jsonl(records[:400], root / "data", prefix="a")
    out = root / "out"
    run_build([str(root / "data")], out, FORMATS)
    gen.write_jsonl(records[400:], root / "data", prefix="b")  # the next build has more to do
    return root / "data", out


def _snapshot(out: Path) -> dict:
    return {f: hashlib.sha256((out / f).read_bytes()).hexdigest() for f in FILES}


def _temps(out: Path) -> list[str]:
    return sorted(p.name for p in out.iterdir() if p.name.startswith(".") and p.name.endswith(".tmp"))


def _start(data, out, *extra):
    return subprocess.Popen([sys.executable, "-m", "kg", "build", str(data), "-o", str(out), "-f", ",".join(FORMATS),
                             "-q", *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_for_temp(proc, out: Path, timeout=240.0) -> None:
    """Until an export is being written (a temporary file beside it exists)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if _temps(out):
            return
        assert proc.poll() is None, f"the build ended before any export was written: {proc.stderr.read()}"
        time.sleep(0.005)
    raise AssertionError("no export started in time")


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return False
    return state not in {"Z", "X"}


def _children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        with open(task / "children") as f:
            out += [int(x) for x in f.read().split()]
    return out


def _check_intact(out: Path, before: dict) -> None:
    assert _snapshot(out) == before
    json.loads((out / "kg.json").read_text(encoding="utf-8"))  # whole and readable
    assert (out / "kg.nt").read_bytes().endswith(b" .\n")
    con = sqlite3.connect(out / ".kg-cache" / "extractions.sqlite")
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    con.close()


def test_sigterm_while_writing_exports(corpus):
    data, out = corpus
    before = _snapshot(out)
    proc = _start(data, out)
    _wait_for_temp(proc, out)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 128 + signal.SIGTERM, err
    assert "Traceback" not in err
    _check_intact(out, before)
    assert _temps(out) == []


def test_sigterm_during_parallel_extraction_stops_the_workers(corpus):
    data, out = corpus
    before = _snapshot(out)
    proc = _start(data, out, "-j", "2", "--no-cache")
    end = time.monotonic() + 120
    workers: list[int] = []
    while not workers and time.monotonic() < end:
        assert proc.poll() is None
        workers = _children(proc.pid)
        time.sleep(0.01)
    assert workers, "no extraction workers started"
    time.sleep(0.3)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 128 + signal.SIGTERM, err
    assert "Traceback" not in err
    end = time.monotonic() + 30
    while any(_alive(w) for w in workers) and time.monotonic() < end:
        time.sleep(0.05)
    assert not any(_alive(w) for w in workers)
    _check_intact(out, before)
    assert _temps(out) == []


def test_sigkill_while_writing_exports_then_the_next_build_cleans_up(corpus):
    data, out = corpus
    before = _snapshot(out)
    proc = _start(data, out)
    _wait_for_temp(proc, out)
    proc.kill()
    proc.communicate(timeout=60)
    assert proc.returncode == -signal.SIGKILL
    _check_intact(out, before)
    left = _temps(out)
    assert all(f".{proc.pid}." in name for name in left)  # only the dead build's, by its pid
    result = run_build([str(data)], out, FORMATS)
    assert _temps(out) == []
    assert len(result.papers) == 600
    assert _snapshot(out) != before


def test_every_exporter_writes_through_a_rename_of_a_hidden_temp_file(tmp_path, monkeypatch):
    from kg.export import EXPORTERS, check_formats, exporter

    small = tmp_path / "in.jsonl"
    small.write_text(json.dumps({"id": "k1", "title": "GraphWeaver: Weaving Graphs", "abstract":
                                 "We propose GraphWeaver (GW), evaluated on CoraBench. Code: https://github.com/a/gw."})
                     + "\n", encoding="utf-8")
    g = run_build([str(small)]).graph
    renames = []
    real = os.replace

    def spy(src, dst, *a, **k):
        renames.append((Path(src), Path(dst)))
        return real(src, dst, *a, **k)

    monkeypatch.setattr(os, "replace", spy)
    available = []
    for fmt in EXPORTERS:
        try:
            check_formats([fmt])
        except Exception:
            continue
        available.append(fmt)
        filename, fn = exporter(fmt)
        target = tmp_path / "out" / filename
        target.parent.mkdir(exist_ok=True)
        target.write_text("previous")
        renames.clear()
        fn(g, target)
        assert [dst for _, dst in renames] == [target], fmt
        src = renames[0][0]
        assert src.parent == target.parent and src.name.startswith(f".{filename}.") and src.name.endswith(".tmp")
    assert {"json", "nt", "ttl", "graphml"} <= set(available)
    assert _temps(tmp_path / "out") == []
