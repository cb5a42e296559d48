"""The argos engine on the committed fixture package (installed the user's way) and on fakes."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from translate.engines import argos
from translate.engines.argos import ArgosEngine, detokenize, needs_model, normalize_placeholders, number_back, renumber
from translate.engines.packages import PackageInfo, find_route, packages_dir
from translate.engines.registry import get_engine
from translate.errors import ModelMissingError
from translate.markup.sentences import split_sentences
from translate.site.config import EngineSettings

from support.fixture_model import REPO, count_translate_batch, install_fixture
from support.paths import EXAMPLE_POST, FINANCE


def example_body() -> str:
    body = EXAMPLE_POST.read_text(encoding="utf-8").split("\n---\n", 1)[1]
    return body.split("\n\n[investing_cn]", 1)[0].strip()


def ascii_share(text: str) -> float:
    letters = [c for c in text if c.isalpha()]
    return sum(c.isascii() for c in letters) / len(letters) if letters else 1.0


@pytest.fixture
def engine() -> ArgosEngine:
    install_fixture()
    return ArgosEngine(EngineSettings())


def test_model_version_names_the_package(engine: ArgosEngine) -> None:
    assert engine.model_version("zh-CN", "en") == "translate-zh_en-fixture 1.0"


def test_example_post_comes_out_english(engine: ArgosEngine) -> None:
    body = example_body()
    paragraphs = [body[: len(body) // 2], body[len(body) // 2 :], "DeepSeek掀起中国AI投资巨浪 全球对冲基金蜂拥抢筹中国资产"]
    out = engine.translate(paragraphs, "zh-CN", "en")
    assert len(out) == 3
    for text in out:
        assert ascii_share(text) > 0.95, text
    joined = " ".join(out)
    for words in ("Goldman Sachs", "DeepSeek", "hedge funds", "Sputnik moment", "Nvidia", "Chinese stocks"):
        assert words in joined
    assert out[2].startswith("DeepSeek sets off a wave of AI investment")


@pytest.mark.parametrize(
    "masked",
    [  # as the pipeline masks the example post: glossary terms and amounts, big indices
        # (Not "美国{235}投资人{236}甚至将{237}的发布称为 “AI 的{238}”…": a near tie for this tiny
        # model, whose int8 kernels differ by CPU; on an AMD EPYC (AVX2) beam 2 drops {236}.
        # Nor the {209}…{287} clause of the same paragraph: the fixture rebuilt with BPE
        # English invents a seventh placeholder there, which `pick` reports.)
        "{153}自{280}以来已连续四周上涨，并且{281}以来上涨超过{282}，",
        "{168}涵盖{169}、{170}、{171}以及{172}等中国核心资产，",
        "作为对比，{198}、{199}和{200}则被全球{201}抛售。",
        "{12}表示。",
        "{5}上涨{6}。",
        "{0}、{1}和{2}。",
    ],
)
def test_placeholders_survive(engine: ArgosEngine, masked: str) -> None:
    [out] = engine.translate([masked], "zh-CN", "en")
    assert sorted(re.findall(r"\{\d+\}", out)) == sorted(re.findall(r"\{\d+\}", masked)), out
    assert ascii_share(out) > 0.9, out


def test_most_pipeline_masked_example_sentences_keep_their_placeholders(engine: ArgosEngine) -> None:
    """The engine's real input: the example body masked by the pipeline's glossary and amounts."""
    from translate.glossary.matcher import load_glossary
    from translate.markup.placeholders import Masked
    from translate.pipeline.protect import protect_text

    glossary = load_glossary([FINANCE])
    masked = protect_text(Masked(example_body()), glossary, "zh-CN", "en")
    model = engine.load(engine.route("zh-CN", "en")[0])
    sentences = split_sentences(masked.text, "zh-CN", max_tokens=model.max_tokens, count=model.count)
    outs = engine.translate(sentences, "zh-CN", "en")
    kept = [sorted(re.findall(r"\{\d+\}", s)) == sorted(re.findall(r"\{\d+\}", o)) for s, o in zip(sentences, outs)]
    assert len(sentences) > 60 and len(masked.tokens) > 200
    assert sum(kept) >= 0.7 * len(kept)  # measured: 77 of 93 with the fixture built with a Chinese-only tokenizer
    assert all(ascii_share(o) > 0.95 for o in outs)


def test_underscores_are_kept(engine: ArgosEngine) -> None:
    [out] = engine.translate(["分类：investing_cn"], "zh-CN", "en")
    assert "investing_cn" in out
    loaded = engine.load(engine.route("zh-CN", "en")[0])
    for text in ("investing_cn stock_market_news", "a_b {12} c__d"):
        assert detokenize(loaded.tokenizer, loaded.tokenizer.encode(text, out_type=str)) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [("{ 12 } rose", "{12} rose"), ("{1 2}", "{12}"), ("{3}{ 4}", "{3}{4}"), ("{a}", "{a}"), ("{}", "{}")],
)
def test_spaced_placeholders_are_normalised(text: str, expected: str) -> None:
    assert normalize_placeholders(text) == expected


@pytest.mark.parametrize(
    ("sentence", "local", "model_output", "restored"),
    [
        ("{267}上涨{3}。", "{0}上涨{1}。", "{0} rose {1}.", "{267} rose {3}."),
        ("{5}和{5}", "{0}和{0}", "{0} and {0}", "{5} and {5}"),
        ("{9}表示。", "{0}表示。", "{0} said {3}.", "{9} said {1000003}."),  # invented: reported later
        ("没有占位符。", "没有占位符。", "none.", "none."),
    ],
)
def test_placeholders_are_renumbered_per_sentence(sentence, local, model_output, restored) -> None:
    text, originals = renumber(sentence)
    assert text == local
    assert number_back(model_output, originals) == restored


@pytest.mark.parametrize(
    ("sentence", "source", "expected"),
    [
        ("{0}", "en", False), ("{0}。", "zh", False), ("2025", "en", False), (" {1}{2} ", "zh", False),
        ("abc", "en", True), ("中文", "zh", True), ("{0}表示", "zh", True),
        ("{0}investing_cn{1}", "zh", False), ("OpenAI o1", "zh", False), ("Stocks rose.", "en", True),
    ],
)
def test_needs_model(sentence: str, source: str, expected: bool) -> None:
    assert needs_model(sentence, source) is expected


def test_placeholder_only_segments_skip_the_model(engine: ArgosEngine, monkeypatch: pytest.MonkeyPatch) -> None:
    opened = count_translate_batch(monkeypatch)
    segments = ["{0}", "  {1}{2}\n", "", "2025。", "{0}investing_cn{1}"]
    assert engine.translate(segments, "zh-CN", "en") == segments
    assert all(not t.calls for t in opened)


def test_many_segments_go_through_one_translate_batch(engine: ArgosEngine, monkeypatch: pytest.MonkeyPatch) -> None:
    opened = count_translate_batch(monkeypatch)
    sentences = split_sentences(example_body(), "zh-CN")
    segments = ["".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)] * 2
    out = engine.translate(segments, "zh-CN", "en")
    assert len(out) == len(segments)
    assert [len(t.calls) for t in opened] == [1]
    [(inputs, options)] = opened[0].calls
    assert len(inputs) >= 2 * len(sentences)  # every sentence of every segment, in one call
    assert [len(x) for x in inputs] == sorted(len(x) for x in inputs)
    assert options["batch_type"] == "tokens" and options["max_batch_size"] == EngineSettings().max_batch_tokens
    assert out[: len(out) // 2] == out[len(out) // 2 :]  # un-sorted back into place


def test_missing_pair_names_the_install_command(engine: ArgosEngine) -> None:
    with pytest.raises(ModelMissingError) as caught:
        engine.model_version("zh-CN", "fr")
    assert "translate models install zh fr" in str(caught.value)
    assert caught.value.exit_code == 2


def test_no_packages_at_all(tmp_path: Path) -> None:
    with pytest.raises(ModelMissingError, match="translate models install"):
        ArgosEngine(EngineSettings()).translate(["你好。"], "zh-CN", "en")


def info(source: str, target: str, version: str = "1.0") -> PackageInfo:
    return PackageInfo(Path(f"/p/{source}_{target}-{version}"), f"translate-{source}_{target}", version, source, target)


@pytest.mark.parametrize(
    ("packages", "source", "target", "expected"),
    [
        ([info("zh", "en")], "zh", "en", ["zh_en-1.0"]),
        ([info("zh", "en"), info("zh", "en", "1.9")], "zh", "en", ["zh_en-1.9"]),
        ([info("zh", "en"), info("en", "de")], "zh", "de", ["zh_en-1.0", "en_de-1.0"]),
        ([info("zh", "en"), info("en", "de"), info("zh", "de")], "zh", "de", ["zh_de-1.0"]),
    ],
)
def test_route_prefers_direct_then_pivots_through_english(packages, source, target, expected) -> None:
    assert [p.path.name for p in find_route(source, target, packages)] == expected


@pytest.mark.parametrize(("packages", "source", "target"), [([], "zh", "en"), ([info("zh", "en")], "zh", "de"), ([info("en", "de")], "zh", "de")])
def test_route_missing(packages, source, target) -> None:
    with pytest.raises(ModelMissingError, match=f"translate models install {source} {target}"):
        find_route(source, target, packages)


class EchoTranslator:
    """A fake ctranslate2 translator: returns each input's tokens (after the target prefix)."""

    def __init__(self) -> None:
        self.calls: list[tuple[list[list[str]], dict]] = []

    def translate_batch(self, source: list[list[str]], **kwargs: Any) -> list[Any]:
        self.calls.append((source, kwargs))
        prefixes = kwargs.get("target_prefix") or [[] for _ in source]
        return [type("R", (), {"hypotheses": [list(p) + list(s)]})() for s, p in zip(source, prefixes)]


def fake_package(source: str, target: str, **meta: Any) -> Path:
    """An installed package whose model/ is never opened (open_translator is faked)."""
    fixture = install_fixture()
    path = packages_dir() / f"translate-{source}_{target}-1_0"
    (path / "model").mkdir(parents=True)
    shutil.copy(fixture.path / "sentencepiece.model", path / "sentencepiece.model")
    data = {"from_code": source, "to_code": target, "package_version": "1.0", **meta}
    (path / "metadata.json").write_text(json.dumps(data), encoding="utf-8")
    return path


def test_pivot_runs_both_hops_in_one_batch_each(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_package("en", "de")
    fakes: dict[str, Any] = {}
    real = argos.open_translator

    def opener(model_dir: Path, settings: EngineSettings) -> Any:
        if "en_de" in model_dir.parent.name:
            return fakes.setdefault("en_de", EchoTranslator())
        return real(model_dir, settings)

    monkeypatch.setattr(argos, "open_translator", opener)
    engine = ArgosEngine(EngineSettings())
    assert engine.model_version("zh-CN", "de") == "translate-zh_en-fixture 1.0 + translate-en_de 1.0"
    out = engine.translate(["{5}上涨{6}。", "高盛表示。"], "zh-CN", "de")
    [(inputs, _)] = fakes["en_de"].calls
    assert len(inputs) == 2  # the English of the first hop went into the second
    assert out == [o for o in out if ascii_share(o) > 0.9]
    assert "{5}" in out[0] and "{6}" in out[0]


def test_a_pivot_splits_its_own_english_into_sentences(monkeypatch: pytest.MonkeyPatch) -> None:
    """The pipeline sends sentences; the English between the hops is the engine's own, and
    one Chinese sentence may come out as two English ones: hop two gets them one by one."""
    import sentencepiece

    zh_en, en_de = fake_package("zh", "en"), fake_package("en", "de")
    tokenizer = sentencepiece.SentencePieceProcessor(model_file=str(zh_en / "sentencepiece.model"))
    two_sentences = tokenizer.encode("Stocks rose. Bonds fell.", out_type=str)

    class TwoSentences(EchoTranslator):
        def translate_batch(self, source: list[list[str]], **kwargs: Any) -> list[Any]:
            self.calls.append((source, kwargs))
            return [type("R", (), {"hypotheses": [list(two_sentences)]})() for _ in source]

    translators = {zh_en.name: TwoSentences(), en_de.name: EchoTranslator()}
    monkeypatch.setattr(argos, "open_translator", lambda model_dir, settings: translators[model_dir.parent.name])
    engine = ArgosEngine(EngineSettings())
    assert engine.model_version("zh-CN", "de") == "translate-zh_en 1.0 + translate-en_de 1.0"
    out = engine.translate(["股票上涨，债券下跌。"], "zh-CN", "de")
    [(inputs, _)] = translators[en_de.name].calls
    # Sorted by length for the batch: the order of hop two's inputs is not the text's.
    assert sorted(tokenizer.decode_pieces(list(i)) for i in inputs) == ["Bonds fell.", "Stocks rose."]
    assert out == ["Stocks rose. Bonds fell."]


def test_target_prefix_is_sent_and_stripped(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_package("en", "de", target_prefix="__de__")
    echo = EchoTranslator()
    monkeypatch.setattr(argos, "open_translator", lambda model_dir, settings: echo)
    out = ArgosEngine(EngineSettings()).translate(["Stocks rose. Bonds fell!", "snake_case {3} stays."], "en", "de")
    assert out == ["Stocks rose. Bonds fell!", "snake_case {3} stays."]
    [(inputs, options)] = echo.calls
    assert options["target_prefix"] == [["__de__"]] * len(inputs)


def test_settings_pass_through_to_ctranslate2(monkeypatch: pytest.MonkeyPatch) -> None:
    import ctranslate2

    seen: dict[str, Any] = {}
    monkeypatch.setattr(ctranslate2, "Translator", lambda path, **kwargs: seen.update(kwargs, path=path) or EchoTranslator())
    settings = EngineSettings(device="cuda", compute_type="int8_float16", inter_threads=2, intra_threads=3)
    engine = get_engine("argos", settings)
    install_fixture(calibrated=False)  # calibrating would run the echo translator
    engine.translate(["你好。"], "zh-CN", "en")
    assert seen["device"] == "cuda" and seen["compute_type"] == "int8_float16"
    assert (seen["inter_threads"], seen["intra_threads"]) == (2, 3)
    assert seen["path"].endswith("model")


def test_light_imports_do_not_load_the_ml_stack() -> None:
    code = (
        "import sys, translate.cli, translate.engines.argos, translate.engines.packages, translate.markup.sentences\n"
        "from translate.engines.registry import get_engine\n"
        "get_engine('argos')\n"
        "print([m for m in ('ctranslate2', 'sentencepiece', 'argostranslate', 'torch') if m in sys.modules])\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60, check=True)
    assert result.stdout.strip() == "[]"


class PlaceholderOnlyTranslator(EchoTranslator):
    """Answers with a lone placeholder unless placeholders are suppressed, like a tiny model on a fragment."""

    def translate_batch(self, source: list[list[str]], **kwargs: Any) -> list[Any]:
        self.calls.append((source, kwargs))
        answer = ["▁market"] if kwargs.get("suppress_sequences") else ["{0}"]
        return [type("R", (), {"hypotheses": [answer, answer + ["{1}"]]})() for _ in source]


def test_placeholder_only_answers_are_retried_without_placeholders(monkeypatch: pytest.MonkeyPatch) -> None:
    fake_package("en", "de")
    fake = PlaceholderOnlyTranslator()
    monkeypatch.setattr(argos, "open_translator", lambda model_dir, settings: fake)
    out = ArgosEngine(EngineSettings()).translate(["Stocks rose.", "Bonds {4} fell."], "en", "de")
    assert out[0] == "market"  # the retry's answer, not an empty string
    assert out[1] == "{4}"  # it had a placeholder: the model's answer stands, for the checks to judge
    first, second = fake.calls
    assert len(first[0]) == 2 and len(second[0]) == 1
    assert ["{0}"] in second[1]["suppress_sequences"] and ["{"] in second[1]["suppress_sequences"]


def test_a_large_run_goes_in_one_length_sorted_call(engine: ArgosEngine, monkeypatch: pytest.MonkeyPatch) -> None:
    opened = count_translate_batch(monkeypatch)
    sentences = split_sentences(example_body(), "zh-CN") * 3
    out = engine.translate(sentences, "zh-CN", "en")
    assert len(out) == len(sentences)
    calls = opened[0].calls
    first, options = calls[0]
    assert len(first) >= len(sentences)  # every sentence (long ones cut at commas) in the first call
    assert options["batch_type"] == "tokens" and options["max_batch_size"] == EngineSettings().max_batch_tokens
    assert [len(x) for x in first] == sorted(len(x) for x in first)  # CTranslate2 batches neighbours
    assert len(calls) <= 2  # at most one retry, for fragments that got only placeholders back
    assert out[: len(out) // 3] == out[len(out) // 3 : 2 * len(out) // 3]
