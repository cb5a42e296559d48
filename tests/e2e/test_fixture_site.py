"""The example site through the real Argos path: the fixture package installed the user's way,
loaded by the argos engine, every glossary term and amount right, Hugo builds the result."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from translate.checks.glossary import term_findings
from translate.cli import app
from translate.engines.argos import ArgosEngine
from translate.glossary.matcher import load_glossary
from translate.memory.store import MemoryStore
from translate.site.config import EngineSettings, load_config

from support.fixture_model import count_translate_batch, install_fixture
from support.numbers import number_findings
from support.paths import require
from support.sites import run_sync, snapshot

SOURCE = "content/posts/deepseek-hedge-funds.md"
SIBLING = "content/posts/deepseek-hedge-funds.en.md"


@pytest.fixture
def synced(example_site: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, list]:
    install_fixture()
    translators = count_translate_batch(monkeypatch)
    result = CliRunner().invoke(app, ["sync", "--site", str(example_site)])
    assert result.exit_code == 0, result.output
    return example_site, translators


def test_example_sibling_is_english_with_markup_restored(synced: tuple[Path, list]) -> None:
    site, translators = synced
    text = (site / SIBLING).read_text(encoding="utf-8")
    body = text.split("\n---\n", 1)[1]
    letters = re.findall(r"[A-Za-z]", body)
    han = re.findall(r"[\u4e00-\u9fff]", body)
    assert len(letters) > 20 * len(han), "the body should be English"
    assert "[investing_cn](https://cn.investing.com/news/stock-market-news/article-2665556)" in body
    assert not re.search(r"\{\d+\}", body), "no placeholder may leak into the sibling"
    # Decoded through the package's Chinese-only SentencePiece model, as the real zh→en one is.
    assert "\u2581" not in text
    assert "Wall Street financial giant Goldman Sachs said" in body
    assert 'engine: "argos"' in text and 'model: "translate-zh_en-fixture 1.0"' in text
    # The whole site went through a handful of translate_batch calls, not one per paragraph.
    assert sum(len(t.calls) for t in translators) <= 6


def test_every_glossary_term_and_amount_of_the_post_is_right(synced: tuple[Path, list]) -> None:
    site, _ = synced
    config = load_config(site)
    glossary = load_glossary(config.glossary_paths)
    memory = MemoryStore(config.root, config.content_dir).load(site / SOURCE)
    records = memory.targets["en"].blocks
    sibling = (site / SIBLING).read_text(encoding="utf-8")
    for record in records:
        assert record.text in sibling or record.key != "body"
        assert term_findings(glossary.match(record.source, "zh-CN", "en"), record.source, record.text) == []
        missing = [f for f in number_findings(record.source, record.text, "zh-CN", "en") if "missing" in f.message]
        assert missing == []
    for english in ("Goldman Sachs", "Sputnik moment", "Man Group", "David Tepper", "$500 billion", "$6 million",
                    "$1 billion", "2,048", "28%", "23rd percentile", "MSCI China Index", "Hang Seng TECH Index"):
        assert english in sibling, english
    result = CliRunner().invoke(app, ["glossary", "check", "--site", str(site)])
    assert result.exit_code == 0, result.output


def test_second_sync_writes_nothing_and_hugo_builds(synced: tuple[Path, list]) -> None:
    site, _ = synced
    before = snapshot(site)
    engine = ArgosEngine(EngineSettings())
    report = run_sync(site, engine)
    assert report.count("unchanged") == 1 and report.segments == 0
    assert snapshot(site) == before
    hugo = shutil.which("hugo")
    require(hugo, "hugo: apt-get install hugo")
    subprocess.run([hugo, "-s", str(site)], check=True, capture_output=True, timeout=120)
    english = (site / "public/en/posts/deepseek-hedge-funds/index.html").read_text(encoding="utf-8")
    assert 'hreflang="zh-cn"' in english and "Goldman Sachs" in english


def test_pair_without_a_model_exits_2_and_writes_nothing(example_site: Path) -> None:
    before = snapshot(example_site)
    result = CliRunner().invoke(app, ["sync", "--site", str(example_site)])
    assert result.exit_code == 2
    assert "translate models install" in result.output
    after = {k: v for k, v in snapshot(example_site).items() if not k.startswith(".translate/")}
    assert after == {k: v for k, v in before.items() if not k.startswith(".translate/")}
