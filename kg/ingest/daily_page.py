"""Reader for Hugging Face Daily Papers pages saved as text (the browser's "save as text").

A page is a header (``Daily Papers``, ``byAK and the research community`` and the day
shown, e.g. ``Dec 9``) followed by entries separated by blank lines::

    Title line

    Abstract paragraph

      • 4 authors            <- or an organisation line: "tencent Tencent" (handle, name)
    ·
    Aug 14 2                <- date, then optional upvotes; "Oct 17, 2023" has a year

The metadata block is optional. The site writes a year only for dates of past years,
so dates without one belong to the page's year: one more than the latest explicit
year on the page, unless the caller gives ``year``.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from ..errors import InputError
from ..model import Paper, Source
from ..textnorm import clean_text, short_hash, title_key

__all__ = ["FORMAT", "EXTENSIONS", "sniff", "read", "parse_date_line", "infer_year"]

FORMAT = "hf-daily-page"
EXTENSIONS = (".txt", ".text")

log = logging.getLogger(__name__)

_MONTHS = {m: i for i, m in enumerate(
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"], 1)}
_DATE = re.compile(
    r"^(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (?P<day>\d{1,2})"
    r"(?:, (?P<year>\d{4}))?(?: (?P<upvotes>\d+))?$")
_AUTHORS = re.compile(r"^\s*•\s*(?P<n>\d+) authors?$")
_HEADER_LINES = {
    "new", "Get trending papers in your email inbox!", "Subscribe", "Daily Papers",
    "byAK and the research community",
}
# A title is one line; an abstract shorter than this that is followed by a long block is
# taken as a title without abstract (a listing sometimes omits the abstract).
_SHORT_BLOCK = 250


def _lf(text: str) -> str:
    """Line ends as "\n": Windows "\r\n" and old Mac "\r" too."""
    return text.replace("\r\n", "\n").replace("\r", "\n") if "\r" in text else text


def sniff(head: str) -> bool:
    head = _lf(head)
    if re.search(r"^Daily Papers\s*$", head, re.M) and re.search(r"^byAK and the research community\s*$", head, re.M):
        return True
    # pages saved without their header still have the entry metadata lines
    return bool(re.search(r"^\s*• \d+ authors?\s*$", head, re.M) and re.search(r"^·\s*$", head, re.M))


@dataclass
class _Block:
    line: int  # 1-based line number of the first line
    lines: list[str]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def _blocks(text: str) -> list[_Block]:
    # lines end at "\n" only: str.splitlines() would also break at form feeds, \x1c-\x1e,
    # \x85 and \u2028 inside a line, and shift every line number after them
    out: list[_Block] = []
    cur: list[str] = []
    start = 0
    for i, raw in enumerate(text.split("\n"), 1):
        if raw.strip():
            if not cur:
                start = i
            cur.append(raw.rstrip())
        elif cur:
            out.append(_Block(start, cur))
            cur = []
    if cur:
        out.append(_Block(start, cur))
    return out


def parse_date_line(s: str):
    """``"Aug 14 2"`` -> ``(None, 8, 14, 2)``; ``"Oct 17, 2023"`` -> ``(2023, 10, 17, None)``.

    Returns None when ``s`` is not a date line.

    >>> parse_date_line("Jun 3, 2023 1")
    (2023, 6, 3, 1)
    """
    m = _DATE.match(s.strip())
    if not m:
        return None
    year = int(m["year"]) if m["year"] else None
    up = int(m["upvotes"]) if m["upvotes"] else None
    return year, _MONTHS[m["mon"]], int(m["day"]), up


def _is_meta(b: _Block) -> bool:
    return any(l.strip() == "·" for l in b.lines) or bool(_AUTHORS.match(b.lines[0]))


def infer_year(blocks_text: str) -> int | None:
    """One more than the latest explicit year among the page's date lines."""
    years = [int(y) for y in re.findall(r"^(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{1,2}, (\d{4})(?: \d+)?$",
                                        blocks_text, re.M)]
    return max(years) + 1 if years else None


def _parse_meta(path: str, b: _Block):
    """-> (author_count, organization, date_parts) from a metadata block."""
    author_count = None
    org = None
    date = None
    after_dot = False
    for off, line in enumerate(b.lines):
        s = line.strip()
        if s == "·":
            after_dot = True
            continue
        if not s:
            continue
        m = _AUTHORS.match(line)
        if m and not after_dot:
            author_count = int(m["n"])
            continue
        d = parse_date_line(s)
        if d:
            date = d
            continue
        if after_dot:
            # only the date follows the dot: anything else is a cut or garbled line
            raise InputError(path, f"expected the entry's date after '·' (like 'Aug 14' or 'Oct 17, 2023 5'), "
                                   f"got {s[:80]!r}; the file may be truncated", b.line + off)
        if org is None and date is None:
            handle, _, name = s.partition(" ")
            org = (handle, name.strip() or handle)
            continue
        raise InputError(path, f"unexpected line in an entry's metadata: {s[:80]!r}", b.line + off)
    return author_count, org, date


# How a complete entry ends when it has no metadata block: sentence punctuation or a link.
_COMPLETE_END = re.compile(r"""(?:[.!?)\]"'\u201d\u2019\u2026]|https?://\S+|\S+\.\w{2,}/\S*)$""")


def _truncated(b: _Block) -> bool:
    """The file's last entry stops mid-sentence (no metadata after it): a cut file."""
    return not _COMPLETE_END.search(b.lines[-1].strip())


def read(path: str, text: str, year: int | None = None, **_options):
    """Yield one :class:`Paper` per entry of the page (duplicates within a page included)."""
    text = _lf(text)
    blocks = _blocks(text)
    page_year = year or infer_year(text)
    if page_year is None:
        log.warning("%s: the page gives no year and none was set (--year); dates without a year are left out", path)
    i = 0
    # header: boilerplate lines and the page's own date
    while i < len(blocks) and len(blocks[i].lines) == 1 and (
            blocks[i].lines[0].strip() in _HEADER_LINES or parse_date_line(blocks[i].lines[0])):
        i += 1
    n = len(blocks)
    while i < n:
        b = blocks[i]
        if _is_meta(b):
            raise InputError(path, "entry metadata without a title before it", b.line)
        title_block = b
        abstract_block = None
        i += 1
        if i < n and not _is_meta(blocks[i]):
            nxt = blocks[i]
            after = blocks[i + 1] if i + 1 < n else None
            title_like = (len(nxt.text) < _SHORT_BLOCK and after is not None
                          and not _is_meta(after) and len(after.text) >= _SHORT_BLOCK)
            if not title_like:
                abstract_block = nxt
                i += 1
        author_count = org = date = None
        if i < n and _is_meta(blocks[i]):
            author_count, org, date = _parse_meta(path, blocks[i])
            i += 1
        elif i >= n and _truncated(abstract_block or title_block):
            last = abstract_block or title_block
            raise InputError(path, "the page ends inside an entry (its text stops mid-sentence and no "
                                   "authors/date block follows): the file looks truncated",
                             last.line + len(last.lines) - 1)
        yield _paper(path, title_block, abstract_block, author_count, org, date, page_year)


def _paper(path, title_block, abstract_block, author_count, org, date, page_year) -> Paper:
    title = clean_text(title_block.text)
    if not title:
        raise InputError(path, "entry without a title", title_block.line)
    abstract = clean_text(abstract_block.text) if abstract_block else ""
    iso = None
    upvotes = None
    if date:
        y, mo, d, upvotes = date
        y = y or page_year
        if y:
            iso = f"{y:04d}-{mo:02d}-{d:02d}"
    return Paper(
        id=short_hash(title_key(title)),
        title=title,
        abstract=abstract,
        author_count=author_count,
        organization=org,
        date=iso,
        upvotes=upvotes,
        sources=(Source(path, title_block.line, FORMAT),),
    )
