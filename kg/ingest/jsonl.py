"""Reader for kg's own JSON Lines input: one paper per line.

Each line is an object with ``title`` and ``abstract`` and, optionally, ``id``,
``authors`` (a list of names), ``url`` and ``date``. The ``id`` is kept as the paper's
identifier. Blank lines are skipped.
"""
from __future__ import annotations

import datetime as _dt
import json
import re

from ..errors import InputError
from ..model import Link, Paper, Source
from ..textnorm import clean_text, short_hash, title_key

__all__ = ["FORMAT", "EXTENSIONS", "sniff", "read"]

FORMAT = "jsonl"
EXTENSIONS = (".jsonl", ".ndjson", ".json")

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
# what clean_text would change: controls, surrogates, white space other than single spaces
_UNCLEAN = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]|[^\S ]|  |^ | $")


def _clean(s: str) -> str:
    """:func:`kg.textnorm.clean_text`, skipped for the (usual) text it would not change."""
    return clean_text(s) if _UNCLEAN.search(s) else s


def sniff(head: str) -> bool:
    first = next((l for l in head.split("\n") if l.strip()), "")
    if not first.lstrip().startswith("{"):
        return False
    try:
        obj = json.loads(first, strict=False)
    except (ValueError, RecursionError):
        # a truncated or very long first line: ours when it starts like our records
        return bool(_TITLE_KEY.search(first[:2000]))
    return isinstance(obj, dict) and "title" in obj


_TITLE_KEY = re.compile(r'^\s*\{\s*(?:"[A-Za-z_]+"\s*:\s*(?:"(?:[^"\\]|\\.)*"|[^,{}\[\]]*)\s*,\s*)*"title"\s*:')


def _lines(text: str):
    """``(line number, line)``; lines end at "\n" only (a raw U+2028 or form feed inside
    a JSON string is not a line break), a trailing "\r" is dropped."""
    n = 0
    pos = 0
    end_all = len(text)
    while pos < end_all:
        end = text.find("\n", pos)
        if end < 0:
            end = end_all
        n += 1
        yield n, text[pos:end]
        pos = end + 1


def read(path: str, text: str, **_options):
    for n, line in _lines(text):
        if not line.strip():
            continue
        try:
            # strict=False: raw control characters inside strings are dropped by clean_text
            obj = json.loads(line, strict=False)
        except json.JSONDecodeError as exc:
            cut = exc.pos >= len(line.rstrip()) or exc.msg.startswith("Unterminated string")
            hint = "; the file may be truncated" if cut else ""
            raise InputError(path, f"invalid JSON: {exc.msg} (column {exc.colno}){hint}", n) from None
        except ValueError as exc:  # e.g. an integer of more than 4300 digits
            raise InputError(path, f"invalid JSON: {exc}", n) from None
        if not isinstance(obj, dict):
            raise InputError(path, "expected a JSON object with 'title' and 'abstract'", n)
        yield _paper(path, n, obj)


def _text(path, n, obj, key) -> str:
    v = obj.get(key)
    if v is None:
        return ""
    if not isinstance(v, str):
        raise InputError(path, f"'{key}' must be a string, not {type(v).__name__}", n)
    return _clean(v)


def _valid_date(s: str) -> bool:
    if not _ISO_DATE.match(s):
        return False
    try:
        _dt.date.fromisoformat(s[:10])
    except ValueError:
        return False
    return True


def _paper(path: str, n: int, obj: dict) -> Paper:
    title = _text(path, n, obj, "title")
    if not title:
        raise InputError(path, "missing 'title'", n)
    abstract = _text(path, n, obj, "abstract")
    authors = obj.get("authors") or []
    if isinstance(authors, str):
        authors = [a.strip() for a in re.split(r",| and ", authors) if a.strip()]
    if not isinstance(authors, list) or not all(isinstance(a, str) for a in authors):
        raise InputError(path, "'authors' must be a list of names", n)
    pid = obj.get("id")
    if pid is not None and not isinstance(pid, (str, int)):
        raise InputError(path, "'id' must be a string", n)
    pid = _clean(str(pid)) if pid is not None else ""
    date = _text(path, n, obj, "date")
    if date and not _valid_date(date):
        raise InputError(path, f"'date' must start with a YYYY-MM-DD date, got {date[:30]!r}", n)
    url = _text(path, n, obj, "url") or None
    return Paper(
        id=pid or short_hash(title_key(title)),
        title=title,
        abstract=abstract,
        authors=tuple(a for a in map(_clean, authors) if a),
        author_count=len(authors) or None,
        date=date[:10] or None,
        url=url,
        links=(Link(url, "paper", "url"),) if url else (),
        sources=(Source(path, n, FORMAT),),
    )
