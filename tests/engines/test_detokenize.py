"""Decoding through a SentencePiece model that knows only the source side, as in the real
zh→en package (and the fixture, built that way): no U+2581 may reach a sibling."""

from __future__ import annotations

import io
import json
import re
import zipfile

import pytest

from translate.engines.argos import ArgosEngine, detokenize, target_vocabulary

from support.fixture_model import FIXTURE_PACKAGE, install_fixture
from support.paths import EXAMPLE_POST

MARK = "\u2581"


@pytest.fixture(scope="module")
def chinese_only():
    """A SentencePiece model trained on Chinese text alone (placeholders as symbols)."""
    import sentencepiece as spm

    lines = ["高盛在最近的报告中说，华尔街金融巨头看好。", "深度求索发布了新模型。", "投资者 DeepSeek R1 关注"] * 20
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines), model_writer=model, vocab_size=400, character_coverage=1.0,
        byte_fallback=True, user_defined_symbols=["{0}", "{1}", "{", "}"], hard_vocab_limit=False, minloglevel=2,
    )
    return spm.SentencePieceProcessor(model_proto=model.getvalue())


@pytest.mark.parametrize(
    ("pieces", "target", "expected"),
    [
        (["▁Goldman", "▁Sachs", "▁said", "▁in", "▁a", "▁recent", "▁rep", "ort", "."], "en",
         "Goldman Sachs said in a recent report."),
        (["▁Wall", "▁Street", "▁▁", "▁financial", "▁", "▁giant"], "en", "Wall Street financial giant"),
        (["▁investing", "_", "cn", "▁stock_market"], "en", "investing_cn stock_market"),
        (["▁{0}", "▁rose", "▁{1}", "."], "en", "{0} rose {1}."),
        (["▁{", "▁1", "2", "▁}", "▁rose"], "en", "{12} rose"),
        (["▁高", "盛", "▁说", "▁，", "▁DeepSeek", "▁发布"], "zh", "高盛说，DeepSeek 发布"),
        (["▁高", "盛", "▁说"], "en", "高盛 说"),  # only a CJK target closes the gap
        ([], "en", ""),
    ],
)
def test_pieces_the_tokenizer_does_not_know_decode_to_spaced_words(chinese_only, pieces, target, expected) -> None:
    assert chinese_only.piece_to_id("▁Goldman") == chinese_only.unk_id()  # the case under test
    assert detokenize(chinese_only, pieces, target) == expected


def test_the_shipped_fixture_is_shaped_like_the_real_package() -> None:
    """Only the Chinese side's SentencePiece model is packaged: the English pieces are known
    to the CTranslate2 vocabulary alone; metadata as the index spells it; a stanza/ folder."""
    import sentencepiece as spm

    with zipfile.ZipFile(FIXTURE_PACKAGE) as archive:
        top = "translate-zh_en-fixture-1_0/"
        sp = spm.SentencePieceProcessor(model_proto=archive.read(top + "sentencepiece.model"))
        vocabulary = json.loads(archive.read(top + "model/shared_vocabulary.json"))
        meta = json.loads(archive.read(top + "metadata.json"))
        names = archive.namelist()
    english = [p for p in vocabulary if re.fullmatch(f"{MARK}?[A-Za-z]{{3,}}", p)]
    unknown = [p for p in english if sp.piece_to_id(p) == sp.unk_id()]
    assert len(english) > 300 and len(unknown) > 0.8 * len(english), (len(english), len(unknown))
    assert meta["argos_version"] == "1.9.0" and meta["code"] == "translate-zh_en-fixture"
    assert (meta["from_name"], meta["to_name"]) == ("Chinese", "English")
    assert any(n.startswith(top + "stanza/") for n in names)


def test_fixture_output_has_no_word_marker_and_the_same_words() -> None:
    """Every hypothesis of the example post, decoded: no U+2581, single spaces, and the same
    words a tokenizer knowing every piece would give (the pieces joined, markers as spaces)."""
    from translate.markup.sentences import split_sentences

    engine = ArgosEngine()
    install_fixture()
    model = engine.load(engine.route("zh-CN", "en")[0])
    assert "Sachs" in "".join(target_vocabulary(model.info.path / "model"))
    body = EXAMPLE_POST.read_text(encoding="utf-8").split("\n---\n", 1)[1]
    sentences = [s for s in split_sentences(body, "zh-CN") if s.strip() and "[" not in s][:40]
    results = model.translator.translate_batch([model.tokenizer.encode(s, out_type=str) for s in sentences], beam_size=2)
    decoded = 0
    for result in results:
        pieces = result.hypotheses[0]
        text = detokenize(model.tokenizer, pieces, "en")
        assert MARK not in text and "  " not in text, text
        if not any(p.startswith("<0x") for p in pieces):  # byte pieces: only the tokenizer decodes them
            assert text.split() == "".join(pieces).replace(MARK, " ").split()
            decoded += 1
    raw = [model.tokenizer.decode_pieces(r.hypotheses[0]) for r in results]
    assert sum(MARK in r for r in raw) > len(raw) // 2  # without the fix, the marker would show
    assert decoded > 30
