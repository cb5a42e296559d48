"""Compute once, pass along: one sync reads each file once and does each piece of work once.

Counted on the example post (one long paragraph, fields, a link block) with the site's
glossary, for the first sync and for a re-sync after one amount changed.
"""

from __future__ import annotations

import builtins
from collections import Counter
from pathlib import Path

import pytest

import translate.amounts.parse as amounts_parse
import translate.checks.numbers as number_check
import translate.pipeline.assemble as assemble_stage
import translate.pipeline.read as read_stage
import translate.pipeline.write as write_stage
from translate.glossary.matcher import Glossary

from support.fakes import CountingEngine
from support.sites import run_sync


class Counts:
    """Calls of the watched functions, and the files opened for reading, by path."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, root: Path) -> None:
        self.calls: Counter[str] = Counter()
        self.reads: Counter[str] = Counter()
        self.root = str(root.resolve())
        for module, name in [(amounts_parse, "find_amounts"), (number_check, "find_amounts"),
                             (read_stage, "parse_document"), (assemble_stage, "render_document"),
                             (write_stage, "render_document")]:
            monkeypatch.setattr(module, name, self._counting(name, getattr(module, name)))
        monkeypatch.setattr(Glossary, "match", self._counting("match", Glossary.match))
        real_path_open, real_open = Path.open, builtins.open

        def path_open(path: Path, mode: str = "r", *args, **kwargs):
            self._read(path, mode)
            return real_path_open(path, mode, *args, **kwargs)

        def plain_open(file, mode: str = "r", *args, **kwargs):
            self._read(file, mode)
            return real_open(file, mode, *args, **kwargs)

        monkeypatch.setattr(Path, "open", path_open)
        monkeypatch.setattr(builtins, "open", plain_open)

    def _counting(self, name: str, function):
        def counted(*args, **kwargs):
            self.calls[name] += 1
            return function(*args, **kwargs)

        return counted

    def _read(self, file: object, mode: str) -> None:
        text = str(file)
        if isinstance(file, (str, Path)) and "r" in mode and "+" not in mode and text.startswith(self.root):
            self.reads[text[len(self.root) + 1 :]] += 1


def counted_sync(site: Path) -> Counts:
    with pytest.MonkeyPatch.context() as patch:
        counts = Counts(patch, site)
        report = run_sync(site, CountingEngine())
    assert report.count("translated") == 1
    return counts


def test_a_sync_reads_each_file_once_and_matches_and_parses_once(example_site: Path) -> None:
    post = example_site / "content" / "posts" / "deepseek-hedge-funds.md"
    counts = counted_sync(example_site)
    units = 43  # segments: the title, the summary, the long paragraph's 40 sentences, the link under it
    assert counts.reads and max(counts.reads.values()) == 1, counts.reads
    assert counts.calls["match"] == units  # once per segment and target (one target)
    assert counts.calls["find_amounts"] == units + 1  # the link's text differs from its prose
    assert counts.calls["parse_document"] == 1  # the source; there is no sibling yet
    assert counts.calls["render_document"] == 2  # the source's new `translations`, the sibling

    post.write_text(post.read_text(encoding="utf-8").replace("5000亿美元", "6000亿美元", 1), encoding="utf-8")
    counts = counted_sync(example_site)
    assert max(counts.reads.values()) == 1, counts.reads
    assert counts.calls["match"] == units
    assert counts.calls["find_amounts"] == 1  # only the changed sentence is protected and checked
    assert counts.calls["parse_document"] == 2  # source and sibling, each once
    assert counts.calls["render_document"] == 2
