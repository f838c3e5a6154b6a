"""The documentation: every command documented, docs/cli.md complete, the examples of
docs/api.md and docs/analytics.md run.

docs/cli.md is the reference of every command and option: when a command or an option
is added, test_cli_md_documents_every_command_and_option fails until docs/cli.md says
what it does.
"""
from __future__ import annotations

import re
import shlex

import click
import pytest
from click.testing import CliRunner

from conftest import REPO, SHARED
from kg.cli import main

DOCS = REPO / "docs"
ANALYTICS = ("stats", "top", "neighbours", "path", "communities", "cooccur", "authors")


def _sections(text: str) -> dict[str, str]:
    """``## kg NAME`` heading -> the text up to the next ``## `` heading."""
    parts = re.split(r"^## ", text, flags=re.M)
    out = {}
    for part in parts[1:]:
        head, _, body = part.partition("\n")
        m = re.fullmatch(r"kg (\w+)", head.strip())
        if m:
            out[m.group(1)] = body
    return out


def _python_blocks(path) -> list[str]:
    return re.findall(r"^```python\n(.*?)^```", path.read_text(encoding="utf-8"), flags=re.S | re.M)


def test_every_command_appears_in_the_readme_or_the_docs():
    texts = [p.read_text(encoding="utf-8") for p in sorted(DOCS.glob("*.md"))]
    readme = REPO / "README.md"
    if readme.exists():
        texts.append(readme.read_text(encoding="utf-8"))
    missing = [name for name in sorted(main.commands)
               if not any(re.search(rf"`kg {name}\b|^\$? ?kg {name}\b", t, flags=re.M) for t in texts)]
    assert missing == []


def test_cli_md_documents_every_command_and_option():
    sections = _sections((DOCS / "cli.md").read_text(encoding="utf-8"))
    assert sorted(sections) == sorted(main.commands), "docs/cli.md: one '## kg NAME' section per command"
    undocumented = []
    for name, cmd in sorted(main.commands.items()):
        body = sections[name]
        for param in cmd.params:
            if not isinstance(param, click.Option):
                continue
            for flag in param.opts + param.secondary_opts:
                if flag.startswith("--") and flag not in ("--help",) and not re.search(
                        rf"(?<![\w-]){re.escape(flag)}(?![\w-])", body):
                    undocumented.append(f"kg {name} {flag}")
    assert undocumented == []


def test_analytics_md_has_a_section_per_analytics_command():
    sections = _sections((DOCS / "analytics.md").read_text(encoding="utf-8"))
    assert sorted(sections) == sorted(ANALYTICS)
    for name, body in sections.items():
        assert f"$ kg {name} " in body, name  # an example with its output


def test_the_api_examples_run(monkeypatch, capsys):
    monkeypatch.chdir(REPO)  # the examples read ../shared/seeds
    blocks = _python_blocks(DOCS / "api.md")
    assert len(blocks) >= 4
    namespace: dict = {}
    for block in blocks:
        exec(compile(block, str(DOCS / "api.md"), "exec"), namespace)
    out = capsys.readouterr().out
    assert "<KnowledgeGraph: 343 papers," in out
    assert "['kg.json', 'kg.graphml', 'kg.gexf']" in out


def _doc_commands(path):
    """(command line, the sample output below it) for each ``$ kg ...`` line."""
    lines = path.read_text(encoding="utf-8").splitlines()
    out = []
    for i, line in enumerate(lines):
        if line.startswith("$ kg "):
            sample = []
            for nxt in lines[i + 1:]:
                if nxt.startswith("$ ") or nxt.startswith("```"):
                    break
                sample.append(nxt)
            out.append((line[2:], sample))
    return out


def test_the_analytics_examples_run_on_the_seed_build(seed_build, tmp_path, monkeypatch):
    """Every `$ kg ...` line of docs/analytics.md runs (on today's build) and fails exactly
    when its sample output is an error; its first line starts as the sample's does."""
    out = seed_build[1]
    monkeypatch.chdir(tmp_path)
    (tmp_path / "exports").symlink_to(out, target_is_directory=True)
    commands = _doc_commands(DOCS / "analytics.md")
    assert {shlex.split(c)[1] for c, _ in commands} >= set(ANALYTICS) | {"build"}
    runner = CliRunner()
    for line, sample in commands:
        args = [a.replace("../shared", str(SHARED)) for a in shlex.split(line)[1:]]
        result = runner.invoke(main, args)
        failed = bool(sample) and sample[0].startswith("Error:")
        assert result.exit_code == (2 if failed else 0), (line, result.output)
        if sample:
            got = (result.stderr if failed else result.stdout).splitlines()[0]
            # counts follow the extractor; the shape of the line must not change
            shape = lambda text: re.sub(r"\d+", "N", text).split()[:1]  # noqa: E731
            assert shape(got) == shape(sample[0]), (line, got, sample[0])
    for block in _python_blocks(DOCS / "analytics.md"):
        exec(compile(block, str(DOCS / "analytics.md"), "exec"), {})


@pytest.mark.parametrize("doc", ["api.md", "analytics.md", "cli.md"])
def test_links_between_docs_point_at_files_that_exist(doc):
    text = (DOCS / doc).read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([\w./-]+\.md)(?:#[\w-]+)?\)", text):
        assert (DOCS / target).exists(), f"docs/{doc} links to docs/{target}, which does not exist"
