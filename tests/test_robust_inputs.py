"""Bad input, tried for real: broken files made here, read by `kg build` in a subprocess.

Every bad file stops the build with exit code 2 and a one-line message that names the
file (and the line where there is one), never a traceback; ``--skip-bad`` builds from the
good files and lists the bad ones at the end.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from kg.errors import InputError
from kg.ingest import read_file, read_paths

# --- good inputs of our own ------------------------------------------------------------

GOOD_RECORDS = [
    {"id": "g1", "title": "TideNet: Forecasting Coastal Water Levels with Sparse Gauges",
     "abstract": "We propose TideNet, a graph model for water levels. We evaluate on the CoastBench benchmark "
                 "and compare with LSTM baselines. Code: https://github.com/example/tidenet.",
     "authors": ["Ana Lima", "Bo Chen"], "date": "2024-03-01"},
    {"id": "g2", "title": "Quiet Agents: Reinforcement Learning Without Dense Rewards",
     "abstract": "We introduce Sparse Reward Policy Optimization (SRPO), a method for reinforcement learning "
                 "with sparse rewards. Experiments on MiniGrid show gains over PPO.",
     "authors": ["Cy Dunn"], "date": "2024-03-02"},
]

PAGE = """Daily Papers

byAK and the research community

Mar 4

LoomVLM: Weaving Text and Layout for Document Understanding

We present LoomVLM, a vision-language model that reads scanned forms. On the FormQA benchmark it beats prior models by 4 points.

  \u2022 3 authors
\u00b7
Mar 3, 2024 12

Second Thoughts: Self-Correction in Small Language Models

Small language models rarely fix their own mistakes. We study prompting schemes that help them revise answers on GSM8K.

  \u2022 2 authors
\u00b7
Mar 2, 2024 5
"""


def _jsonl(records) -> bytes:
    return "".join(json.dumps(r) + "\n" for r in records).encode()


# --- the bad corpus: (file name, content, message part, line) --------------------------

def _bad_files():
    cut_page = PAGE.encode()[: PAGE.encode().index(b"revise answers") + 6]  # mid-sentence, no metadata
    cut_date = PAGE.encode()[: PAGE.encode().rindex(b"Mar 2, 2024") + 2] + b"\n"
    lines_of = lambda b, needle: b[: b.index(needle)].count(b"\n") + 1  # noqa: E731
    big_abstract = json.dumps({"id": "big", "title": "Huge", "abstract": "word " * 2_000_000}).encode() + b"\n"
    atom = (b'<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n'
            b'  <link href="http://arxiv.org/api/query?search_query=x" rel="self"/>\n  <entry>\n'
            b'    <id>http://arxiv.org/abs/2401.00001v1</id>\n    <title>A paper</title>\n    <summary>Text of the')
    bib = (b"@article{a1,\n  title = {Good {Title},\n  author = {Doe, Jane},\n  year = {2024}\n}\n\n"
           b"@article{a2,\n  title = {Second},\n  year = {2023}\n}\n")
    good = _jsonl(GOOD_RECORDS)
    return [
        ("truncated_page.txt", cut_page, "looks truncated", lines_of(cut_page, b"Small language models")),
        ("truncated_date.txt", cut_date, "expected the entry's date", cut_date.count(b"\n")),
        ("binary.bin", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 64, "binary data", None),
        ("random.bin", bytes((i * 7919 + 13) % 256 for i in range(20000)).replace(b"\x00", b"\x01"),
         "binary data", None),
        ("latin1.jsonl", good + '{"title": "Caf\u00e9 au lait", "abstract": "x"}\n'.encode("latin-1"),
         "not UTF-8 text", 3),
        ("empty.jsonl", b"", "empty file", None),
        ("utf16.jsonl", good.decode().encode("utf-16"), "UTF-16 text, not UTF-8", None),
        ("blank.txt", b"\n  \n\t\n", "empty file", None),
        ("huge_record.jsonl", big_abstract, "abstract of 9,999,999 characters", 1),
        ("huge_line.txt", b"x" * 10_000_000, "unrecognised format", None),
        ("truncated.jsonl", good + good[: len(good) // 2 - 7], "invalid JSON", 3),
        ("truncated_single.jsonl", good[:40], "invalid JSON", 1),
        ("truncated.xml", atom, "invalid XML", 7),
        ("unbalanced.bib", bib, "unbalanced braces", 1),
        ("nested.jsonl", b'{"title": "x", "abstract": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n",
         "nested too deeply", None),
        ("wrong_types.jsonl", good + b'{"title": ["a list"], "abstract": "x"}\n', "'title' must be a string", 3),
        ("bad_date.jsonl", b'{"title": "T", "abstract": "x", "date": "2024-13-45"}\n', "YYYY-MM-DD", 1),
        ("no_title.jsonl", good + b'{"abstract": "only an abstract", "id": "z"}\n', "missing 'title'", 3),
    ]


BAD = _bad_files()


def kg(*args, cwd=None, timeout=300):
    """Run the kg CLI in a fresh interpreter; never a traceback, whatever happens."""
    env = {**os.environ, "PYTHONHASHSEED": "random"}
    proc = subprocess.run([sys.executable, "-m", "kg", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, timeout=timeout, env=env)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


@pytest.mark.parametrize("name,content,message,line", BAD, ids=[b[0] for b in BAD])
def test_bad_file_stops_the_build_with_exit_2_naming_file_and_line(tmp_path, name, content, message, line):
    f = tmp_path / name
    f.write_bytes(content)
    proc = kg("build", f, "-o", tmp_path / "out")
    assert proc.returncode == 2, proc.stderr
    err = proc.stderr.strip().splitlines()[-1]
    where = f"{f}:{line}:" if line else f"{f}:"
    assert err.startswith(f"Error: {where}"), err
    assert message in err
    assert not (tmp_path / "out" / "kg.json").exists()


def test_read_file_gives_the_same_messages_in_process(tmp_path):
    for name, content, message, line in BAD:
        f = tmp_path / name
        f.write_bytes(content)
        with pytest.raises(InputError) as info:
            read_file(f)
        assert info.value.path == str(f)
        assert info.value.line == line, name
        assert message in info.value.reason, name


def test_skip_bad_builds_from_the_good_files_and_lists_every_bad_one(tmp_path):
    data = tmp_path / "data"
    (data / "sub").mkdir(parents=True)
    (data / "good.jsonl").write_bytes(_jsonl(GOOD_RECORDS))
    (data / "sub" / "page.txt").write_text(PAGE, encoding="utf-8")
    for name, content, _, _ in BAD:
        if name.startswith("huge"):
            continue  # a second copy of 20 MB adds nothing here
        (data / "sub" / name).write_bytes(content)
    without = kg("build", data, "-o", tmp_path / "out", "-q")
    assert without.returncode == 2
    assert str(data / "sub") in without.stderr
    proc = kg("build", data, "-o", tmp_path / "out", "--skip-bad", "-f", "nt")
    assert proc.returncode == 0, proc.stderr
    n_bad = len([b for b in BAD if not b[0].startswith("huge")])
    assert f"skipped {n_bad} bad inputs:" in proc.stderr
    for name, _, message, line in BAD:
        if name.startswith("huge"):
            continue
        where = f"{data / 'sub' / name}:{line}:" if line else f"{data / 'sub' / name}:"
        assert any(l.strip().startswith(where) and message in l for l in proc.stderr.splitlines()), name
    g = json.loads((tmp_path / "out" / "kg.json").read_text(encoding="utf-8"))
    titles = {n["title"] for n in g["nodes"] if n["type"] == "Paper"}
    assert titles == {r["title"] for r in GOOD_RECORDS} | {
        "LoomVLM: Weaving Text and Layout for Document Understanding",
        "Second Thoughts: Self-Correction in Small Language Models"}


def test_one_bad_file_in_a_directory_names_that_file(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "a.jsonl").write_bytes(_jsonl(GOOD_RECORDS))
    (data / "b.jsonl").write_bytes(b'{"title": "ok", "abstract": "fine"}\n{"title": "cut')
    (data / "c.txt").write_text(PAGE, encoding="utf-8")
    proc = kg("build", data, "-o", tmp_path / "out")
    assert proc.returncode == 2
    assert proc.stderr.strip() == (f"Error: {data / 'b.jsonl'}:2: invalid JSON: Unterminated string starting at "
                                   "(column 11); the file may be truncated")


def test_missing_input_and_special_files(tmp_path):
    proc = kg("build", tmp_path / "nope.jsonl", "-o", tmp_path / "out")
    assert proc.returncode == 2
    assert proc.stderr.strip() == f"Error: {tmp_path / 'nope.jsonl'}: no such file or directory"
    fifo = tmp_path / "pipe.jsonl"
    os.mkfifo(fifo)
    proc = kg("build", fifo, "-o", tmp_path / "out", timeout=60)
    assert proc.returncode == 2
    assert "not a regular file" in proc.stderr


def test_duplicate_ids_of_different_papers_are_refused_or_skipped(tmp_path):
    a, b = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    a.write_bytes(_jsonl(GOOD_RECORDS))
    other = {"id": "g1", "title": "A Different Paper Entirely", "abstract": "Nothing in common."}
    same = {**GOOD_RECORDS[1], "abstract": GOOD_RECORDS[1]["abstract"] + " Longer."}  # same paper again
    b.write_bytes(_jsonl([same, other]))
    proc = kg("build", a, b, "-o", tmp_path / "out", "-q")
    assert proc.returncode == 2
    assert proc.stderr.strip() == (f"Error: {b}:2: paper id 'g1' is already used by another paper "
                                   f"({a}:1: 'TideNet: Forecasting Coastal Water Levels with Sparse Gauges')")
    proc = kg("build", b, a, "-o", tmp_path / "out", "-q", "--skip-bad", "-f", "nt")
    assert proc.returncode == 0
    assert "skipped 1 bad input:" in proc.stderr and f"{b}:2: paper id 'g1'" in proc.stderr
    g = json.loads((tmp_path / "out" / "kg.json").read_text(encoding="utf-8"))
    papers = {n["paper_id"]: n for n in g["nodes"] if n["type"] == "Paper"}
    assert sorted(papers) == ["g1", "g2"]
    assert papers["g1"]["title"] == GOOD_RECORDS[0]["title"]
    assert papers["g2"]["abstract"].endswith("Longer.")


def test_titles_without_abstracts_build(tmp_path):
    f = tmp_path / "titles.jsonl"
    f.write_bytes(_jsonl([{"title": "GraphWeaver: Title Only"}, {"title": "Another Title Without Text", "id": "t2"}]))
    page = tmp_path / "titles.txt"
    page.write_text("Daily Papers\n\nbyAK and the research community\n\nMar 4\n\n"
                    "A Lone Title With Metadata\n\n  \u2022 2 authors\n\u00b7\nMar 1, 2024\n", encoding="utf-8")
    proc = kg("build", f, page, "-o", tmp_path / "out", "-f", "nt")
    assert proc.returncode == 0, proc.stderr
    g = json.loads((tmp_path / "out" / "kg.json").read_text(encoding="utf-8"))
    papers = [n for n in g["nodes"] if n["type"] == "Paper"]
    assert sorted(p["title"] for p in papers) == ["A Lone Title With Metadata", "Another Title Without Text",
                                                   "GraphWeaver: Title Only"]
    assert all(p["abstract"] == "" for p in papers)


def test_control_characters_and_unpaired_surrogates_are_dropped(tmp_path):
    f = tmp_path / "ctrl.jsonl"
    lines = [
        '{"id": "c1", "title": "Bell\\u0007 and\\u0000 NUL", "abstract": "Escaped \\ud800 lone surrogate and \\udfff."}',
        '{"id": "c2", "title": "Raw \x01 control\x1f in a string", "abstract": "Line\u2028separator and\x0cform feed."}',
    ]
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    page = tmp_path / "ctrl.txt"
    page.write_text(PAGE.replace("reads scanned forms", "reads\x0b scanned\x1c forms\u2028today"), encoding="utf-8")
    proc = kg("build", f, page, "-o", tmp_path / "out", "-f", "nt,graphml")
    assert proc.returncode == 0, proc.stderr
    text = (tmp_path / "out" / "kg.json").read_text(encoding="utf-8")
    g = json.loads(text)
    papers = {n["title"]: n for n in g["nodes"] if n["type"] == "Paper"}
    assert "Bell and NUL" in papers and "Raw control in a string" in papers
    assert papers["Bell and NUL"]["abstract"] == "Escaped lone surrogate and ."
    assert papers["Raw control in a string"]["abstract"] == "Line separator and form feed."
    loom = papers["LoomVLM: Weaving Text and Layout for Document Understanding"]
    assert "reads scanned forms today" in loom["abstract"]
    nt = (tmp_path / "out" / "kg.nt").read_bytes().decode("utf-8")  # strict: no surrogates written
    assert "\x07" not in nt and "\x01" not in nt
    # the page's line numbers are not shifted by characters str.splitlines() breaks at
    second = read_paths([page])[0][1]
    assert second.sources[0].line == 15
    assert page.read_text(encoding="utf-8").split("\n")[14] == second.title


def test_build_directory_inside_the_input_directory_is_not_read(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "good.jsonl").write_bytes(_jsonl(GOOD_RECORDS))
    for _ in range(2):  # the second build must not read the first one's kg.json or papers.jsonl
        proc = kg("build", data, "-o", data / "out", "-q", "-f", "nt")
        assert proc.returncode == 0, proc.stderr
    g = json.loads((data / "out" / "kg.json").read_text(encoding="utf-8"))
    assert sum(n["type"] == "Paper" for n in g["nodes"]) == 2


def test_bad_options_and_unwritable_output_exit_2(tmp_path):
    f = tmp_path / "good.jsonl"
    f.write_bytes(_jsonl(GOOD_RECORDS))
    proc = kg("build", f, "-o", tmp_path / "out", "-f", "ttl,nope")
    assert proc.returncode == 2 and "unknown format(s) nope" in proc.stderr
    blocker = tmp_path / "file"
    blocker.write_text("x")
    proc = kg("build", f, "-o", blocker / "out", "-f", "nt")
    assert proc.returncode == 2 and "cannot write" in proc.stderr
    proc = kg("build", "--update", tmp_path / "nobuild", f)
    assert proc.returncode == 2 and "not a kg build directory" in proc.stderr


def test_line_ends_of_any_system_and_empty_inputs(tmp_path):
    for name, newline in (("cr.txt", "\r"), ("crlf.txt", "\r\n")):
        page = tmp_path / name
        page.write_bytes(PAGE.replace("\n", newline).encode())
        papers, _ = read_paths([page])
        assert [(p.title, p.sources[0].line, p.date) for p in papers] == [
            ("LoomVLM: Weaving Text and Layout for Document Understanding", 7, "2024-03-03"),
            ("Second Thoughts: Self-Correction in Small Language Models", 15, "2024-03-02")]
    empty = tmp_path / "empty"
    (empty / ".hidden").mkdir(parents=True)
    (empty / ".hidden" / "x.jsonl").write_bytes(_jsonl(GOOD_RECORDS))
    proc = kg("build", empty, "-o", tmp_path / "out", "-f", "nt")
    assert proc.returncode == 0
    assert "no papers in" in proc.stderr and "papers: 0" in proc.stdout
