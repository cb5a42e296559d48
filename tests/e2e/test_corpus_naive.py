"""The Chinese files of ../shared/corpus through `translate sync` with the naive fixture — a
model that never saw a placeholder, like the real package: every glossary term and amount
arrives, no placeholder text is left, every sibling renders to its source's structure, and
at least 90% of the sentences are translated whole, not split (`bench/quality.py --corpus`
prints the same figures)."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from translate.memory.store import MemoryStore
from translate.site.config import load_config

from support.fixture_model import NAIVE_PACKAGE, install_fixture
from support.paths import CORPUS, REPO, require

sys.path.insert(0, str(REPO / "bench"))

import quality  # noqa: E402

FILES = sorted(CORPUS.glob("*.md")) if CORPUS.is_dir() else []


@pytest.fixture(scope="module")
def synced(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, Path]:
    require(FILES, f"the shared corpus at {CORPUS}")
    install_fixture(NAIVE_PACKAGE)
    from translate.engines.argos import ArgosEngine

    workdir = tmp_path_factory.mktemp("naive-corpus")
    return quality.corpus_methods(FILES, ArgosEngine(), workdir), workdir / "site"


def test_nine_in_ten_sentences_are_translated_whole(synced: tuple[dict, Path]) -> None:
    figures, _ = synced
    assert figures["files"] >= 5 and figures["sentences"] >= 200, figures
    assert figures["whole"] >= 0.9, figures
    assert figures["placeholder_leaks"] == []
    # A post may only fail for its own file's sake, with a located message (the corpus holds
    # front matter Hugo itself rejects), never for the translation's.
    for message in figures["failures"]:
        assert re.search(r"post-\d+\.md:\d+: .+ — .+", message), message


def test_every_term_amount_and_span_arrives(synced: tuple[dict, Path]) -> None:
    _, site = synced
    config = load_config(site)
    store = MemoryStore(config.root, config.content_dir)
    checked = 0
    for source in sorted((site / "content" / "corpus").glob("post-*.md")):
        if source.name.endswith(".en.md") or not (sibling := source.with_suffix(".en.md")).exists():
            continue
        assert not re.search(r"\{\d+\}", sibling.read_text(encoding="utf-8")), sibling.name
        memory = store.load(source)
        for block in memory.targets["en"].blocks:
            for segment in block.segments:
                broken = [f for f in segment.findings if f.kind in ("glossary", "structure")
                          or (f.kind == "numbers" and "missing" in f.message)]
                assert broken == [], (source.name, segment.source, broken)
                checked += 1
    assert checked >= 200
