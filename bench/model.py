"""The benchmark model: the real zh→en Argos package's shape with random weights, built on the fly.

Shape of OPUS-MT zh-en (Marian transformer-base) as CTranslate2 converts it: 6+6 layers,
d_model 512, 8 heads, FFN 2048 with swish, post-norm, sinusoidal positions, one joint
vocabulary of 65,001 entries shared by both embeddings and the output layer, int8.
Weights are seeded numpy noise: int8 GEMM cost does not depend on the values.

Decoding is pinned to `decode_length(n)` tokens for an n-token source sentence by
`PinnedTranslator`: the output bias makes EOS (and <unk>, <s>) never win, and each
`translate_batch` call is split by decode length and run with min = max decoding length,
so (a) sync, (b) raw CTranslate2 and (c) Argos's way decode exactly the same number of
tokens per sentence. Its hypotheses are the source pieces (a "perfect copy" model), so
placeholders survive and the pipeline never takes its retry rounds.
"""

from __future__ import annotations

import json
import math
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Sequence

import numpy as np

D_MODEL, HEADS, FFN, LAYERS = 512, 8, 2048, 6
VOCAB_SIZE = 65_001  # OPUS-MT zh-en's joint vocabulary
SP_VOCAB = 8_000  # the SentencePiece model trained on the bench corpus; the rest is padding
OUTPUT_RATIO = 1.3  # English pieces per Chinese source piece, roughly what OPUS-MT zh-en emits
PACKAGE_NAME = "translate-zh_en-bench"


def decode_length(source_tokens: int) -> int:
    """Tokens decoded for a sentence of `source_tokens` pieces, the same in every mode."""
    return max(2, math.ceil(OUTPUT_RATIO * source_tokens))


def train_sentencepiece(texts: Iterable[str], workdir: Path, vocab_size: int = SP_VOCAB) -> Path:
    """A SentencePiece model trained on `texts` (byte fallback: never an <unk>)."""
    import sentencepiece

    workdir.mkdir(parents=True, exist_ok=True)
    corpus = workdir / "sp-corpus.txt"
    lines = [line.strip() for text in texts for line in text.splitlines() if line.strip()]
    # Placeholders and digits as the pipeline sends them, so they tokenise as real models do.
    lines += [f"{{{i}}} 的 {{{i + 1}}} 和 {i}.{i % 7}%" for i in range(64)]
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    sentencepiece.SentencePieceTrainer.train(
        input=str(corpus), model_prefix=str(workdir / "sp"), vocab_size=vocab_size, model_type="unigram",
        character_coverage=0.9995, byte_fallback=True, hard_vocab_limit=False, minloglevel=2,
        # Templated text would otherwise become whole-phrase pieces (2.4 chars a piece);
        # 4 gives ~1.5 Chinese characters a piece, as a real zh model's tokenizer does.
        max_sentencepiece_length=4,
        num_threads=2, input_sentence_size=200_000, shuffle_input_sentence=True, seed_sentencepiece_size=200_000,
    )
    return workdir / "sp.model"


def _sinusoids(length: int, dim: int) -> np.ndarray:
    """Marian's table: sin in the first half of the dimensions, cos in the second."""
    positions = np.arange(length)[:, None]
    timescales = np.power(10000, 2 * (np.arange(dim) // 2) / dim)[None, :]
    angles = positions / timescales
    table = np.zeros((length, dim), dtype=np.float32)
    table[:, : dim // 2] = np.sin(angles[:, 0::2])
    table[:, dim // 2 :] = np.cos(angles[:, 1::2])
    return table


def build_spec(vocab: Sequence[str], seed: int = 0) -> Any:
    """A filled, validated, int8 `TransformerSpec` of the Marian base shape."""
    import ctranslate2
    from ctranslate2.specs import common_spec

    rng = np.random.default_rng(seed)

    def noise(*shape: int) -> np.ndarray:
        return (rng.standard_normal(shape, dtype=np.float32) * 0.05).astype(np.float32)

    def linear(spec: Any, out_dim: int, in_dim: int) -> None:
        spec.weight = noise(out_dim, in_dim)
        spec.bias = np.zeros(out_dim, dtype=np.float32)

    def norm(spec: Any) -> None:
        spec.gamma = np.ones(D_MODEL, dtype=np.float32)
        spec.beta = np.zeros(D_MODEL, dtype=np.float32)

    def ffn(spec: Any) -> None:
        norm(spec.layer_norm)
        linear(spec.linear_0, FFN, D_MODEL)
        linear(spec.linear_1, D_MODEL, FFN)

    spec = ctranslate2.specs.TransformerSpec.from_config(
        (LAYERS, LAYERS), HEADS, pre_norm=False, activation=common_spec.Activation.SWISH
    )
    embeddings = noise(len(vocab), D_MODEL)  # one matrix, as Marian's tied-embeddings-all
    positions = _sinusoids(2048, D_MODEL)
    spec.encoder.embeddings[0].weight = embeddings
    spec.encoder.position_encodings.encodings = positions
    for layer in spec.encoder.layer:
        norm(layer.self_attention.layer_norm)
        linear(layer.self_attention.linear[0], 3 * D_MODEL, D_MODEL)
        linear(layer.self_attention.linear[1], D_MODEL, D_MODEL)
        ffn(layer.ffn)
    decoder = spec.decoder
    decoder.start_from_zero_embedding = True
    decoder.embeddings.weight = embeddings
    decoder.position_encodings.encodings = positions
    decoder.projection.weight = embeddings
    bias = np.zeros(len(vocab), dtype=np.float32)
    for special in ("</s>", "<unk>", "<s>", "<pad>"):
        if special in vocab:
            bias[vocab.index(special)] = -1e4  # never wins: decoding runs to its pinned length
    decoder.projection.bias = bias
    for layer in decoder.layer:
        norm(layer.self_attention.layer_norm)
        linear(layer.self_attention.linear[0], 3 * D_MODEL, D_MODEL)
        linear(layer.self_attention.linear[1], D_MODEL, D_MODEL)
        norm(layer.attention.layer_norm)
        linear(layer.attention.linear[0], D_MODEL, D_MODEL)
        linear(layer.attention.linear[1], 2 * D_MODEL, D_MODEL)
        linear(layer.attention.linear[2], D_MODEL, D_MODEL)
        ffn(layer.ffn)
    for side in (spec.encoder, decoder):
        if hasattr(side, "layer_norm"):
            norm(side.layer_norm)
    spec.config.add_source_eos = True
    spec.register_source_vocabulary(list(vocab))
    spec.register_target_vocabulary(list(vocab))
    spec.validate()
    spec.optimize(quantization="int8")
    return spec


def padded_vocabulary(sp_model: Path, size: int = VOCAB_SIZE) -> list[str]:
    """The SentencePiece pieces, padded with unused entries to the real model's vocabulary size."""
    import sentencepiece

    sp = sentencepiece.SentencePieceProcessor(model_file=str(sp_model))
    pieces = [sp.id_to_piece(i) for i in range(sp.get_piece_size())]
    pieces += [f"<unused{i}>" for i in range(size - len(pieces))]
    return pieces


def build_package(texts: Iterable[str], packages_dir: Path, workdir: Path, *, seed: int = 0,
                  sp_vocab: int = SP_VOCAB, vocab_size: int = VOCAB_SIZE) -> Path:
    """Train the tokenizer on `texts`, build the model, install it as an Argos package; its dir."""
    import shutil

    sp_model = train_sentencepiece(texts, workdir / "sp", sp_vocab)
    spec = build_spec(padded_vocabulary(sp_model, vocab_size), seed)
    package = packages_dir / f"{PACKAGE_NAME}-1_0"
    if package.exists():
        shutil.rmtree(package)
    (package / "model").mkdir(parents=True)
    spec.save(str(package / "model"))
    shutil.copy(sp_model, package / "sentencepiece.model")
    metadata = {
        "package_version": "1.0", "argos_version": "1.9", "from_code": "zh", "from_name": "Chinese",
        "to_code": "en", "to_name": "English", "type": "translate", "code": PACKAGE_NAME, "links": [],
    }
    (package / "metadata.json").write_text(json.dumps(metadata, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return package


def model_bytes(package: Path) -> int:
    return sum(p.stat().st_size for p in (package / "model").rglob("*") if p.is_file())


@dataclass
class PinnedResult:
    """What the engine reads from a `TranslationResult`."""

    hypotheses: list[list[str]]
    scores: list[float] = field(default_factory=lambda: [0.0])
    attention: list[list[list[float]]] = field(default_factory=lambda: [[]])  # with `return_attention`


class PinnedTranslator:
    """Wraps a `ctranslate2.Translator`: every sentence decodes exactly `decode_length(n)` tokens.

    A call is split into one real, asynchronous `translate_batch` per distinct decode length
    (the other options — batch size, beam, batch type, attention — pass through), and the
    hypotheses returned are the source pieces (with `return_attention`, each aligned to itself). `calls` records each call's sentence count for the report.
    """

    def __init__(self, translator: Any) -> None:
        self.translator = translator
        self.calls: list[int] = []
        self.decoded_tokens = 0
        self.seconds = 0.0  # inside the real translate_batch calls

    def translate_batch(self, source: list[list[str]], target_prefix: Any = None, **options: Any) -> list[PinnedResult]:
        self.calls.append(len(source))
        options.pop("max_decoding_length", None)
        options.pop("min_decoding_length", None)
        groups: dict[int, list[int]] = {}
        for index, tokens in enumerate(source):
            groups.setdefault(decode_length(len(tokens)), []).append(index)
        start = time.perf_counter()
        pending = []  # asynchronous, so CTranslate2's inter_threads workers share the groups as they would one call
        for length, indices in sorted(groups.items()):
            prefix = [target_prefix[i] for i in indices] if target_prefix else None
            pending += self.translator.translate_batch(
                [source[i] for i in indices], prefix, max_decoding_length=length, min_decoding_length=length,
                asynchronous=True, **options,
            )
        for future in pending:
            self.decoded_tokens += len(future.result().hypotheses[0])
        self.seconds += time.perf_counter() - start
        if options.get("return_attention"):  # the real call paid for it; the echo aligns to itself
            return [PinnedResult([list(tokens)], attention=[_diagonal(len(tokens))]) for tokens in source]
        return [PinnedResult([list(tokens)]) for tokens in source]


def _diagonal(n: int) -> list[list[float]]:
    return [[1.0 if s == t else 0.0 for s in range(n)] for t in range(n)]
