"""Smoke tests of the benchmark's pieces at small sizes; no timing is asserted."""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from translate.site.config import EngineSettings, load_config
from translate.status.state import collect_state

from support.fakes import CountingEngine
from support.paths import REPO
from support.sites import run_sync

sys.path.insert(0, str(REPO))

from bench import corpus, model, run  # noqa: E402


def test_corpus_is_seeded_and_has_the_markdown_structure(tmp_path: Path) -> None:
    first = corpus.write_site(tmp_path / "a", 6, seed=3)
    second = corpus.write_site(tmp_path / "b", 6, seed=3)
    other = corpus.write_site(tmp_path / "c", 6, seed=4)
    texts = [p.read_text(encoding="utf-8") for p in first]
    assert texts == [p.read_text(encoding="utf-8") for p in second]
    assert texts != [p.read_text(encoding="utf-8") for p in other]
    for n, text in enumerate(texts):
        assert text.startswith("---\ntitle: ") and corpus.DISCLAIMER in text
        if n % corpus.LONG_EVERY == corpus.LONG_EVERY - 1:  # the example post's shape
            paragraph = text.split("\n---\n\n", 1)[1].split("\n\n")[0]
            assert paragraph.startswith(corpus.OPENING) and 30 <= paragraph.count("。") <= 40
        else:
            assert "\nsummary: " in text and "\n## " in text and "\n- " in text and "\n| --- |" in text
    assert any("```python" in t for t in texts)


def test_corpus_site_syncs_and_boilerplate_is_translated_once(tmp_path: Path) -> None:
    site = tmp_path / "site"
    corpus.write_site(site, 4)
    engine = CountingEngine()
    report = run_sync(site, engine)
    assert report.return_code == 0
    assert report.count("translated") == 4
    assert sum("免责声明" in s for s in engine.segments) == 1  # in-run dedupe: boilerplate translated once
    assert sum("免责声明" in p.read_text(encoding="utf-8") for p in site.rglob("*.en.md")) == 4


def test_replicated_bundles_are_a_synced_site(tmp_path: Path) -> None:
    site = tmp_path / "site"
    corpus.write_site(site, 3, bundles=True)
    run_sync(site, CountingEngine())
    corpus.replicate_bundles(site, 8)
    state = collect_state(load_config(site))
    assert len(state.posts) == 8
    assert {p.state for p in state.posts} == {"up to date"}
    engine = CountingEngine()
    report = run_sync(site, engine)
    assert report.segments == 0 and report.count("translated") == 0


@pytest.mark.parametrize("n, expected", [(1, 2), (2, 3), (10, 13), (100, 130)])
def test_decode_length(n: int, expected: int) -> None:
    assert model.decode_length(n) == expected


class FakeTranslator:
    def __init__(self) -> None:
        self.calls: list[tuple[list[list[str]], dict]] = []

    def translate_batch(self, source, target_prefix=None, **options):
        self.calls.append((source, options))
        n = options["max_decoding_length"]
        assert options["asynchronous"] is True
        result = SimpleNamespace(hypotheses=[["x"] * n])
        return [SimpleNamespace(result=lambda: result) for _ in source]


def test_pinned_translator_splits_by_decode_length_and_copies_the_source() -> None:
    fake = FakeTranslator()
    pinned = model.PinnedTranslator(fake)
    source = [["a"] * 3, ["b"] * 10, ["c"] * 3, ["{", "0", "}"]]
    results = pinned.translate_batch(source, max_decoding_length=256, beam_size=2, max_batch_size=64, batch_type="tokens")
    assert [r.hypotheses[0] for r in results] == source
    assert len(fake.calls) == 2  # lengths 3 and 10
    for batch, options in fake.calls:
        assert options["min_decoding_length"] == options["max_decoding_length"] == model.decode_length(len(batch[0]))
        assert options["beam_size"] == 2 and options["max_batch_size"] == 64 and options["asynchronous"]
    assert pinned.calls == [4]
    assert pinned.decoded_tokens == 3 * model.decode_length(3) + model.decode_length(10)


def test_with_attention_the_pinned_echo_aligns_each_piece_to_itself() -> None:
    fake = FakeTranslator()
    results = model.PinnedTranslator(fake).translate_batch([["a", "b", "c"]], return_attention=True, beam_size=2)
    assert fake.calls[0][1]["return_attention"] is True  # the real call pays for it
    assert results[0].attention == [[[1.0, 0.0, 0.0], [0.0, 1.0, 0.0], [0.0, 0.0, 1.0]]]


def test_benchmark_package_runs_through_the_argos_engine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import ctranslate2

    import translate.engines.argos as argos
    from translate.site.config import EngineSettings

    texts = [p.read_text(encoding="utf-8") for p in corpus.write_site(tmp_path / "site", 20)]
    package = model.build_package(texts, tmp_path / "packages", tmp_path / "work", sp_vocab=1000, vocab_size=2000)
    assert {"metadata.json", "sentencepiece.model", "model"} <= {p.name for p in package.iterdir()}
    assert model.model_bytes(package) > 40e6  # 6+6 layers of d512 in int8, even with a small vocabulary
    raw = ctranslate2.Translator(str(package / "model"))
    unpinned = raw.translate_batch([["▁股"] * 3], max_decoding_length=7, beam_size=1)
    assert len(unpinned[0].hypotheses[0]) == 7  # EOS never wins: decoding runs to the limit
    opened: list[model.PinnedTranslator] = []
    real_open = argos.open_translator
    monkeypatch.setattr(argos, "open_translator", lambda d, s: opened.append(model.PinnedTranslator(real_open(d, s))) or opened[-1])
    engine = argos.ArgosEngine(EngineSettings(), packages_dir=package.parent)
    assert engine.model_version("zh-CN", "en") == f"{model.PACKAGE_NAME} 1.0"
    out = engine.translate(["美联储{0}今日宣布维持利率不变。", "市场反应平淡。", "标题"], "zh-CN", "en")
    assert len(out) == 3 and "{0}" in out[0]
    assert opened[0].calls == [3] and opened[0].decoded_tokens > 0


def test_the_limit_runs_with_the_defaults_a_two_core_user_gets() -> None:
    """(b)'s settings are EngineSettings' defaults on 2 cores, so (a)/(b) measures the tool, not a setting."""
    defaults = EngineSettings(inter_threads=2)
    assert {key: getattr(defaults, key) for key in run.BEST} == run.BEST
