"""A cache of extractions in a build directory: unchanged papers are not extracted again.

An extraction depends only on the text the extractor reads (title, blank line, abstract:
:func:`kg.extract.paper_text`) and on the extractor itself, so it is stored under
``sha256(extractor version, text)``. The extractor version is a fingerprint of the
extractor's code and word lists (``kg/extract``, the records of ``kg/model.py``) and of
spaCy's version: any change to them makes every entry stale, and stale entries are
dropped when the cache is next written.

The cache is one SQLite file (``DIR/.kg-cache/extractions.sqlite``): writes are
transactions, so a build killed while writing leaves the cache as it was. Entries are
compressed JSON (:meth:`kg.model.PaperExtraction.to_dict` with the field names of each
record given once, not per mention). A cache that cannot be read is ignored with a
warning (the extractions are recomputed), never an error.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import sqlite3
import zlib
from dataclasses import fields
from functools import lru_cache
from pathlib import Path

from .model import Mention, PaperExtraction, UrlMention

__all__ = ["CACHE_DIR", "ExtractionCache", "extractor_version", "text_key", "encode_extraction",
           "decode_extraction"]

CACHE_DIR = ".kg-cache"
_FILE = "extractions.sqlite"
_FORMAT = 1  # layout of an entry; part of the version

log = logging.getLogger(__name__)

_M_FIELDS = tuple(f.name for f in fields(Mention))
_U_FIELDS = tuple(f.name for f in fields(UrlMention))


@lru_cache(maxsize=1)
def extractor_version() -> str:
    """A fingerprint of everything an extraction depends on (16 hex digits)."""
    from . import extract

    h = hashlib.sha256(f"format={_FORMAT};spacy={_spacy_version()}".encode())
    explicit = getattr(extract, "EXTRACTOR_VERSION", None)
    if explicit is not None:
        h.update(f";extractor={explicit}".encode())
    root = Path(extract.__file__).parent
    files = sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in {".py", ".txt", ".json", ".jsonl", ".tsv"}
                   and "__pycache__" not in p.parts)
    files.append(Path(__file__).parent / "model.py")
    for p in files:
        h.update(b"\0" + p.name.encode() + b"\0" + p.read_bytes())
    return h.hexdigest()[:16]


def _spacy_version() -> str:
    """spaCy's version, from its installed metadata: importing spaCy would cost a build
    that does not extract (``-j 2``, an update from the cache) about 90 MB for a string."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("spacy")
    except PackageNotFoundError:  # not installed as a distribution (a source tree on the path)
        import spacy

        return spacy.__version__


def text_key(text: str, version: str | None = None) -> str:
    """The cache key of a paper's text under an extractor version."""
    v = version or extractor_version()
    return hashlib.sha256(v.encode() + b"\0" + text.encode("utf-8", "surrogatepass")).hexdigest()


def encode_extraction(ex: PaperExtraction) -> bytes:
    """Compressed JSON of an extraction, without its paper id (the same text in two papers
    gives one entry)."""
    rec = {
        "mf": _M_FIELDS, "m": [[getattr(m, f) for f in _M_FIELDS] for m in ex.mentions],
        "uf": _U_FIELDS, "u": [[getattr(u, f) for f in _U_FIELDS] for u in ex.urls],
        "a": [list(a) for a in ex.abbreviations],
    }
    return zlib.compress(json.dumps(rec, ensure_ascii=False, separators=(",", ":")).encode("utf-8", "surrogatepass"), 1)


def decode_extraction(data: bytes, paper_id: str) -> PaperExtraction:
    """Inverse of :func:`encode_extraction`, through :meth:`PaperExtraction.from_dict`."""
    rec = json.loads(zlib.decompress(data).decode("utf-8", "surrogatepass"))
    return PaperExtraction.from_dict({
        "paper_id": paper_id,
        "mentions": [dict(zip(rec["mf"], row)) for row in rec["m"]],
        "urls": [dict(zip(rec["uf"], row)) for row in rec["u"]],
        "abbreviations": rec["a"],
    })


class ExtractionCache:
    """Extractions by text key, in ``directory/extractions.sqlite``.

    >>> import tempfile
    >>> from kg.model import PaperExtraction
    >>> c = ExtractionCache(tempfile.mkdtemp())
    >>> c.put({"k1": PaperExtraction("p1")})
    >>> c.get(["k1", "k2"], ["p9", "p2"])
    {'k1': PaperExtraction(paper_id='p9', mentions=[], urls=[], abbreviations=[])}
    """

    def __init__(self, directory, version: str | None = None):
        self.dir = Path(directory)
        self.version = version or extractor_version()
        self.path = self.dir / _FILE
        self._db = None

    def _conn(self):
        if self._db is None:
            self.dir.mkdir(parents=True, exist_ok=True)
            try:
                self._db = self._open()
            except sqlite3.DatabaseError as exc:
                # not a database (a truncated copy, another file): start a new cache
                log.warning("extraction cache %s unreadable (%s); starting a new one", self.path, exc)
                self.path.unlink(missing_ok=True)
                self._db = self._open()
        return self._db

    def _open(self):
        db = sqlite3.connect(self.path, timeout=60)
        try:
            db.execute("CREATE TABLE IF NOT EXISTS extraction (key TEXT PRIMARY KEY, version TEXT NOT NULL, "
                       "data BLOB NOT NULL)")
        except sqlite3.DatabaseError:
            db.close()
            raise
        return db

    def get(self, keys, paper_ids, convert=None) -> dict:
        """Cached extractions of ``keys`` (each given the paper id at the same position).

        ``convert``, if given, is applied to each extraction as it is read, and its
        results are returned instead (one extraction is held at a time).
        """
        from .build import compact_extraction

        if convert is None:
            convert = compact_extraction

        found: dict[str, PaperExtraction] = {}
        if not self.path.exists():
            return found
        try:
            db = self._conn()
            want: dict[str, list[str]] = {}
            for k, pid in zip(keys, paper_ids):
                want.setdefault(k, []).append(pid)
            ks = list(want)
            for i in range(0, len(ks), 500):
                chunk = ks[i:i + 500]
                q = f"SELECT key, data FROM extraction WHERE version = ? AND key IN ({','.join('?' * len(chunk))})"
                for k, data in db.execute(q, [self.version, *chunk]):
                    found[k] = convert(decode_extraction(data, want[k][0]))
        except (sqlite3.Error, zlib.error, ValueError, KeyError, TypeError) as exc:
            log.warning("extraction cache %s unreadable (%s); extracting again", self.path, exc)
            self.close()
            return {}
        return found

    def put(self, items: dict) -> None:
        """Store ``{key: extraction}`` in one transaction."""
        if not items:
            return
        # a generator: the encoded entries are not all held at once
        self.put_entries((k, encode_extraction(ex)) for k, ex in items.items())

    def put_entries(self, entries) -> None:
        """Store ``(key, entry)`` pairs, entries made by :func:`encode_extraction`, in one
        transaction."""
        try:
            db = self._conn()
            with db:
                db.executemany("INSERT OR REPLACE INTO extraction (key, version, data) VALUES (?, ?, ?)",
                               ((k, self.version, data) for k, data in entries))
        except sqlite3.Error as exc:
            log.warning("extraction cache %s not written (%s)", self.path, exc)
            self.close()

    def prune(self) -> int:
        """Drop the entries of other extractor versions; returns how many."""
        if not self.path.exists():
            return 0
        try:
            db = self._conn()
            with db:
                n = db.execute("DELETE FROM extraction WHERE version != ?", (self.version,)).rowcount
            return n
        except sqlite3.Error as exc:
            log.warning("extraction cache %s not pruned (%s)", self.path, exc)
            return 0

    def __len__(self) -> int:
        if not self.path.exists():
            return 0
        with contextlib.suppress(sqlite3.Error):
            return self._conn().execute("SELECT count(*) FROM extraction WHERE version = ?", (self.version,)).fetchone()[0]
        return 0

    def close(self) -> None:
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            self._db = None
