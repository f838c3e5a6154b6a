"""Code and project links in text: find them, trim them, canonicalise them.

Pure functions; the spaCy component in :mod:`kg.extract.components` calls
:func:`find_urls` on the document text.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from .anchored import finditer_at, occurrences

__all__ = ["find_urls", "trim_url", "canonical_url", "url_kind", "github_repo"]

# Recall: anything that starts like a URL, with or without a scheme, up to white space or
# a brace (never in a URL unescaped; LaTeX writes "\url{...}", "\footnote{...}").
# Schemeless forms are accepted only for hosts that are code or project hosts, since
# "e.g." or "fig.3" must not become links.
# ("\bhttps?://..." ignoring case, written to start with the letter h: "[hH]" is what "h"
# matches ignoring case and "(?<!\w.)" the "\b" before it; a pattern that starts with a
# character is searched fast, one that starts with an assertion is tried everywhere)
_SCHEME_URL = re.compile(r"[hH](?<!\w.)(?i:ttps?://)[^\s<>\"'`{}]+")
_BARE_URL = re.compile(
    r"(?<![\w@/.])(?:www\.)?(?:github\.com|gitlab\.com|huggingface\.co|bitbucket\.org|"
    r"[a-z0-9-]+\.github\.io|sites\.google\.com|zenodo\.org|codeberg\.org)/?[^\s<>\"'`{}]*",
    re.I)
# Every match of _BARE_URL holds one of these, in any case.
_BARE_HOSTS = ("github.com", "gitlab.com", "huggingface.co", "bitbucket.org", "sites.google.com", "zenodo.org",
               "codeberg.org")
_PAGES_HOST = ".github.io"
_LABEL_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-")  # [a-z0-9-] ignoring case, in lower case
# Sentence punctuation that ends a URL as written in prose.
_TRAILING = ".,;:!?)]}>'\"*"


def trim_url(raw: str) -> str:
    """Strip trailing sentence punctuation; keep a ``)`` that closes a ``(`` in the URL.

    >>> trim_url("https://github.com/basiralab/X-Node.")
    'https://github.com/basiralab/X-Node'
    >>> trim_url("https://en.wikipedia.org/wiki/Foo_(bar)),")
    'https://en.wikipedia.org/wiki/Foo_(bar)'
    """
    u = raw
    while u and u[-1] in _TRAILING:
        if u[-1] == ")" and u.count("(") >= u.count(")"):
            break
        u = u[:-1]
    return u


_HAS_SCHEME = re.compile(r"^https?://", re.I)


def _with_scheme(u: str) -> str:
    return u if _HAS_SCHEME.match(u) else "https://" + u


def _split(url: str):
    """urlsplit that never raises: a malformed authority ("http://[::1", an unclosed
    bracket) gives an empty result instead of a ValueError in the middle of a build."""
    try:
        return urlsplit(url)
    except ValueError:
        return urlsplit("")


def _port(parts) -> int | None:
    try:
        return parts.port
    except ValueError:  # "x.org:99999", "x.org:abc"
        return None


def github_repo(url: str) -> str | None:
    """``owner/repo`` of a GitHub repository URL (any deeper path), else None.

    >>> github_repo("https://github.com/Owner/Repo.git")
    'Owner/Repo'
    >>> github_repo("github.com/owner/repo/tree/main/src")
    'owner/repo'
    >>> github_repo("https://github.com/owner") is None
    True
    """
    parts = _split(_with_scheme(url))
    if parts.hostname is None or parts.hostname.lower() not in {"github.com", "www.github.com"}:
        return None
    segs = [s for s in parts.path.split("/") if s]
    if len(segs) < 2 or segs[0].lower() in {"orgs", "users", "topics", "features", "about", "sponsors"}:
        return None
    repo = segs[1]
    while repo.lower().endswith(".git"):
        repo = repo[:-4]
    return f"{segs[0]}/{repo}" if repo else None


def url_kind(url: str) -> str:
    """``github``, ``project`` (github.io and other project pages), ``huggingface``,
    ``gitlab`` or ``other``."""
    host = (_split(_with_scheme(url)).hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    if host == "github.com":
        return "github" if github_repo(url) else "other"
    if host == "huggingface.co":
        return "huggingface"
    if host in {"gitlab.com", "bitbucket.org", "codeberg.org"}:
        return "gitlab" if host == "gitlab.com" else "other"
    if host.endswith(".github.io") or host == "sites.google.com":
        return "project"
    if host in {"arxiv.org", "doi.org", "dx.doi.org"}:
        return "paper"
    return "project"


def canonical_url(url: str) -> str:
    """The node id form of a link: ``https://github.com/owner/repo`` for anything inside a
    GitHub repository, otherwise https, lower-case host, no ``www.``, no trailing slash.

    >>> canonical_url("http://www.GitHub.com/a/b/blob/main/x.py")
    'https://github.com/a/b'
    >>> canonical_url("Team.github.io/Proj/")
    'https://team.github.io/Proj'
    """
    # one pass can expose more to trim ("x.org/a./" -> "x.org/a."): repeat to a fixed point
    out = _canonical_once(url)
    for _ in range(10):
        again = _canonical_once(out)
        if again == out:
            break
        out = again
    return out


def _canonical_once(url: str) -> str:
    repo = github_repo(url)
    if repo:
        return f"https://github.com/{repo}"
    parts = _split(_with_scheme(trim_url(url)))
    host = (parts.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    port = f":{_port(parts)}" if _port(parts) else ""
    path = parts.path.rstrip("/")
    if host == "huggingface.co":
        segs = [s for s in path.split("/") if s]
        # models: /owner/name; datasets and spaces: /datasets/owner/name
        if segs and segs[0] in {"datasets", "spaces"}:
            segs = segs[:3]
        else:
            segs = segs[:2]
        path = "/" + "/".join(segs) if segs else ""
    query = f"?{parts.query}" if parts.query else ""
    return f"https://{host}{port}{path}{query}"


# Cheap substring tests first: most abstracts have no link, and the patterns above are
# slow to run over a whole text.
_URL_HINTS = ("http", "github", "gitlab", "huggingface", "bitbucket", "zenodo", "codeberg", "sites.google", "www.")


def _bare_urls(text: str, low: str) -> list:
    """The matches of ``_BARE_URL.finditer(text)``, tried only where a host name stands.

    A schemeless link starts at a host name, "www." before it, or the start of a
    github.io page's name. ``str.find`` locates the host names, and the pattern is tried
    at each of those places in order, from where the last match ended (as ``finditer``
    does): the pattern itself, run over the whole text, costs ten times as much. For
    text that is not ASCII, where ignoring case is more than lower-casing, the plain search.
    """
    if not text.isascii():
        return list(_BARE_URL.finditer(text))
    starts = []
    for i in occurrences(low, _BARE_HOSTS):
        starts += (i, i - 4)  # "host" or "www.host"
    for i in occurrences(low, (_PAGES_HOST,)):
        j = i
        while j > 0 and low[j - 1] in _LABEL_CHARS:
            j -= 1
            starts += (j, j - 4)  # any start of the page's name, "www." before it
    return finditer_at(_BARE_URL, text, starts)


def find_urls(text: str):
    """All links in ``text`` as ``(start, end, raw)``; ``raw`` is trimmed as written.

    >>> find_urls("Code: github.com/a/b. See https://x.github.io/p/).")
    [(6, 20, 'github.com/a/b'), (26, 48, 'https://x.github.io/p/')]
    """
    low = text.lower()
    if not any(h in low for h in _URL_HINTS):
        return []
    found = {}
    for matches in (_SCHEME_URL.finditer(text), _bare_urls(text, low)):
        for m in matches:
            raw = trim_url(m.group(0))
            if not raw or "." not in raw:
                continue
            start = m.start()
            if any(s <= start < e for s, e in found.values()):
                continue  # the schemeless pattern inside a URL already found
            found[start] = (start, start + len(raw))
    out = []
    for start in sorted(found):
        s, e = found[start]
        raw = text[s:e]
        host = (_split(_with_scheme(raw)).hostname or "")
        if "." not in host:
            continue
        out.append((s, e, raw))
    return out
