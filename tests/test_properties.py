"""Property-based tests: the page reader, URL canonicalisation and the name normaliser
never crash, and the normalisers are idempotent."""
from __future__ import annotations

import json
import string

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from kg.errors import InputError
from kg.extract.urls import canonical_url, find_urls, github_repo, trim_url, url_kind
from kg.ingest import daily_page, decode, jsonl
from kg.textnorm import clean_text, name_key, norm_name, slug, title_key

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# text with what real inputs hold: letters of several scripts, punctuation, dashes,
# whitespace of every kind, control characters and unpaired surrogates
_odd = st.sampled_from(list("\x00\x07\x0b\x0c\x1c\x1f\x7f\x85\xa0\u2028\u2029\u200b\ufeff\ud800\udfff"
                            "\u2010\u2013\u2014\u2212\u00ad-_.·/()[]{}\"' \t\n\r"))
messy = st.text(st.one_of(st.characters(), _odd), max_size=80)
words = st.text(string.ascii_letters + string.digits + "-", min_size=1, max_size=12)


# --- textnorm --------------------------------------------------------------------------------

@SETTINGS
@given(messy)
@example("a\x0cb")
@example("\u01f0")  # casefold(NFKC(x)) is not NFKC
@example("A\u00b4")  # NFKC gives a space and a combining mark; name_key removes the space
@example("0:/")  # removing "/" brings ":" to the end
def test_normalisers_are_idempotent(s):
    for f in (clean_text, norm_name, name_key, title_key):
        once = f(s)
        assert isinstance(once, str)
        assert f(once) == once, (f.__name__, s, once)


@SETTINGS
@given(messy)
def test_clean_text_leaves_no_control_characters_or_surrogates(s):
    out = clean_text(s)
    assert out == out.strip()
    assert "  " not in out
    assert not any(0xD800 <= ord(c) <= 0xDFFF for c in out)
    assert not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F for c in out)
    out.encode("utf-8")  # always writable


@SETTINGS
@given(words, st.sampled_from(list(" \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\u2028\u2029\u3000")), words)
def test_clean_text_keeps_words_apart_whatever_the_whitespace(a, ws, b):
    assert clean_text(a + ws + b) == f"{a} {b}"


@SETTINGS
@given(messy)
def test_name_key_ignores_case_spaces_and_hyphens(s):
    k = name_key(s)
    assert name_key(s.upper()) == name_key(s.lower()) or not s.isascii()
    assert " " not in k and "-" not in k


@SETTINGS
@given(messy)
def test_slug_is_a_nonempty_ascii_id(s):
    out = slug(s)
    assert out and out.isascii() and " " not in out
    assert set(out) <= set(string.ascii_lowercase + string.digits + "-.")


# --- URLs ---------------------------------------------------------------------------------

_hosts = st.sampled_from(["github.com", "www.github.com", "GitHub.com", "gitlab.com", "huggingface.co",
                          "team.github.io", "sites.google.com", "example.org", "arxiv.org", "x.y.z"])
_seg = st.text(string.ascii_letters + string.digits + "-_.~%()", min_size=0, max_size=12)
urls = st.builds(
    lambda scheme, host, segs, tail: f"{scheme}{host}/{'/'.join(segs)}{tail}",
    st.sampled_from(["https://", "http://", "", "HTTPS://"]), _hosts, st.lists(_seg, max_size=5),
    st.sampled_from(["", "/", ".", ").", "?a=1", "#x", ".git", ":8080", "/tree/main/src"]))


@SETTINGS
@given(st.one_of(urls, messy))
@example("https://github.com/a/b.git.git")
@example("github.com/a/..")
@example("https://x.org:99999/")
@example("http://[::1/")
def test_url_functions_never_crash_and_canonical_url_is_idempotent(u):
    t = trim_url(u)
    assert trim_url(t) == t
    assert url_kind(u) in {"github", "gitlab", "huggingface", "project", "paper", "other"}
    c = canonical_url(u)
    assert canonical_url(c) == c, (u, c)
    repo = github_repo(u)
    if repo is not None:
        owner, name = repo.split("/")
        assert owner and name
        assert github_repo(f"https://github.com/{repo}") == repo
        assert canonical_url(u) == f"https://github.com/{repo}"


_name = st.text(string.ascii_letters + string.digits + "-_", min_size=1, max_size=10)


@SETTINGS
@given(_name, _name, st.sampled_from(["", "/", ".git", "/tree/main/x.py", "/issues/3", "#readme"]),
       st.sampled_from(["https://", "http://", "", "https://www.", "HTTP://WWW."]))
def test_canonical_github_url_ignores_scheme_www_and_deeper_paths(owner, repo, tail, prefix):
    assume(owner.lower() not in {"orgs", "users", "topics", "features", "about", "sponsors"})
    u = f"{prefix}github.com/{owner}/{repo}{tail}"
    assert github_repo(u) == f"{owner}/{repo}"
    assert canonical_url(u) == f"https://github.com/{owner}/{repo}"
    assert url_kind(u) == "github"


@SETTINGS
@given(messy)
def test_find_urls_gives_spans_of_the_text(text):
    for s, e, raw in find_urls(text):
        assert text[s:e] == raw
        assert 0 <= s < e <= len(text)


# --- the Daily Papers page reader --------------------------------------------------------------

_months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_sentence = st.text(string.ascii_letters + string.digits + " ,;:()-'", min_size=1, max_size=60).map(
    lambda s: (s.strip() or "x") + ".")
_title = st.text(string.ascii_letters + string.digits + " :-,", min_size=1, max_size=80).filter(
    lambda s: s.strip() and s.strip() not in daily_page._HEADER_LINES and not daily_page.parse_date_line(s))


@st.composite
def entries(draw):
    title = draw(_title).strip()
    abstract = " ".join(draw(st.lists(_sentence, min_size=1, max_size=6)))
    meta = []
    who = draw(st.sampled_from(["authors", "org", "none"]))
    if who == "authors":
        meta.append(f"  \u2022 {draw(st.integers(1, 40))} authors")
    elif who == "org":
        meta.append("acme Acme Research")
    month = draw(st.sampled_from(_months))
    day = draw(st.integers(1, 28))
    year = draw(st.one_of(st.none(), st.integers(2019, 2025)))
    up = draw(st.one_of(st.none(), st.integers(0, 999)))
    date = f"{month} {day}" + (f", {year}" if year else "") + (f" {up}" if up is not None else "")
    meta += ["\u00b7", date]
    return title, abstract, meta, (year, _months.index(month) + 1, day, up)


@SETTINGS
@given(st.lists(entries(), min_size=1, max_size=6), st.sampled_from(["\n", "\r\n"]))
def test_page_reader_reads_every_generated_entry(items, newline):
    lines = ["Daily Papers", "", "byAK and the research community", "", "Mar 4", ""]
    for title, abstract, meta, _ in items:
        lines += [title, "", abstract, ""] + meta + [""]
    text = newline.join(lines)
    papers = list(daily_page.read("page.txt", text, year=2026))
    assert [p.title for p in papers] == [clean_text(t) for t, *_ in items]
    assert [p.abstract for p in papers] == [clean_text(a) for _, a, _, _ in items]
    for p, (_, _, _, (year, month, day, up)) in zip(papers, items):
        assert p.date == f"{year or 2026:04d}-{month:02d}-{day:02d}"
        assert p.upvotes == up
        assert clean_text(text.split(newline)[p.sources[0].line - 1]) == p.title


@SETTINGS
@given(st.one_of(messy, st.text(max_size=400)), st.lists(entries(), max_size=3))
def test_page_reader_raises_only_input_errors(noise, items):
    lines = ["Daily Papers", "", "byAK and the research community", ""]
    for title, abstract, meta, _ in items:
        lines += [title, noise, abstract, ""] + meta + [noise]
    for text in ("\n".join(lines), noise):
        try:
            papers = list(daily_page.read("page.txt", text))
        except InputError as exc:
            assert exc.path == "page.txt"
            lines = text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1  # as an editor counts
            assert exc.line is None or 1 <= exc.line <= lines
            continue
        for p in papers:
            assert p.title and p.title == clean_text(p.title)


@SETTINGS
@given(st.binary(max_size=300))
def test_decode_and_readers_on_arbitrary_bytes_raise_only_input_errors(data):
    try:
        text = decode("f", data)
    except InputError:
        return
    for reader in (daily_page, jsonl):
        try:
            if reader.sniff(text):
                list(reader.read("f", text))
        except InputError:
            pass


@SETTINGS
@given(st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | messy,
                    lambda c: st.lists(c, max_size=3) | st.dictionaries(st.sampled_from(
                        ["title", "abstract", "id", "authors", "date", "url", "x"]), c, max_size=6),
                    max_leaves=12))
def test_jsonl_reader_raises_only_input_errors(obj):
    line = json.dumps(obj)
    try:
        papers = list(jsonl.read("f.jsonl", line + "\n"))
    except InputError as exc:
        assert exc.line == 1
        return
    assert len(papers) == 1 and papers[0].title


@pytest.mark.parametrize("text", ["", "\n\n", "Daily Papers\n\nbyAK and the research community\n"])
def test_page_reader_on_pages_without_entries(text):
    assert list(daily_page.read("p.txt", text)) == []


@SETTINGS
@given(messy)
@example("a\xa0b")
@example(" a")
def test_json_lines_fast_path_cleans_as_clean_text_does(s):
    assert jsonl._clean(s) == clean_text(s)
