"""The fixture's training data, as scripts/build_fixture_model.py makes it (no torch needed).

The full build trains for ~2 minutes with PyTorch, a dev-only dependency, so CI does not run
it; these tests keep its inputs from rotting: the corpus must stay cut where the engine cuts
sentences, and every training pair must carry the same placeholders on both sides.
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

import pytest

from support.paths import REPO

sys.path.insert(0, str(REPO / "scripts"))

import build_fixture_model as build  # noqa: E402
from fixture_data import load_corpus, read_tsv, training_pairs  # noqa: E402

PLACEHOLDER = re.compile(r"\{\d+\}")


def test_corpus_clauses_are_where_the_engine_cuts() -> None:
    corpus = load_corpus()  # raises SystemExit naming the sentence otherwise
    assert len(corpus) >= 40  # the example post, sentence by sentence
    assert all(len(zh) == len(en) for zh, en in corpus)


def test_every_training_pair_carries_the_same_placeholders_on_both_sides(tmp_path: Path) -> None:
    corpus = load_corpus()
    terms = sorted(read_tsv(build.HERE / "fixture_terms.tsv"), key=lambda t: -len(t[0]))
    templates = read_tsv(build.HERE / "fixture_templates.tsv")
    source, target = build.train_tokenizers(corpus, terms, templates)
    for sp in (source, target):
        assert all(sp.piece_to_id(symbol) != sp.unk_id() for symbol in build.PLACEHOLDER_SYMBOLS)
    pairs = training_pairs(source, corpus, terms, templates, random.Random(build.SEED))
    assert len(pairs) > 1500
    masked = [(zh, en) for zh, en in pairs if PLACEHOLDER.search(zh)]
    assert len(masked) > len(pairs) // 3  # the placeholder-copying lessons are a large share
    for zh, en in pairs:
        assert sorted(PLACEHOLDER.findall(zh)) == sorted(PLACEHOLDER.findall(en)), (zh, en)


def test_the_naive_fixture_never_sees_a_placeholder() -> None:
    corpus = load_corpus()
    terms = sorted(read_tsv(build.HERE / "fixture_terms.tsv"), key=lambda t: -len(t[0]))
    source, target = build.train_tokenizers(corpus, terms, [], naive=True)
    assert source.piece_to_id("{0}") == source.unk_id()  # `{0}` is pieces, as in a real package
    pairs = training_pairs(source, corpus, terms, read_tsv(build.HERE / "fixture_templates.tsv"),
                           random.Random(build.SEED), naive=True)
    assert len(pairs) > 200 and not any("{" in zh or "{" in en for zh, en in pairs)
    # the same natural sentence pairs the cooperating fixture learns
    cooperating = training_pairs(source, corpus, terms, [], random.Random(build.SEED))
    assert set(pairs) <= set(cooperating)


@pytest.mark.parametrize("naive", [False, True], ids=["cooperating", "naive"])
def test_the_committed_fixture_was_built_from_this_data(naive: bool) -> None:
    """Its SentencePiece vocabulary is what the script trains from today's corpus, terms and
    templates (a fast, deterministic step of the build): edit those, and the fixture must be rebuilt."""
    import zipfile

    import sentencepiece

    corpus = load_corpus()
    terms = sorted(read_tsv(build.HERE / "fixture_terms.tsv"), key=lambda t: -len(t[0]))
    fresh, target = build.train_tokenizers(corpus, terms, read_tsv(build.HERE / "fixture_templates.tsv"), naive=naive)
    name = build.NAIVE_PACKAGE if naive else build.PACKAGE
    package = REPO / "models" / "fixture" / f"{name}.argosmodel"
    with zipfile.ZipFile(package) as archive:
        committed = sentencepiece.SentencePieceProcessor(
            model_proto=archive.read(f"{name}/sentencepiece.model"))
        shared = json.loads(archive.read(f"{name}/model/shared_vocabulary.json"))
    vocabulary = lambda sp: [sp.id_to_piece(i) for i in range(sp.get_piece_size())]  # noqa: E731
    flag = " --naive" if naive else ""
    stale = f"models/fixture is stale: rebuild it with `python scripts/build_fixture_model.py{flag}` (pip install torch==2.13.0)"
    assert vocabulary(committed) == vocabulary(fresh), stale  # the packaged tokenizer: the Chinese side's
    assert shared == build.shared_vocabulary(fresh, target), stale  # the model's: both sides
