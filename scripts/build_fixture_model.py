"""Build the zh→en TEST FIXTURE Argos package (models/fixture/translate-zh_en-fixture-1_0.argosmodel).

THIS IS A TEST FIXTURE, NOT A TRANSLATION MODEL. It is a tiny Transformer (2+2 layers, d=128)
trained for 24 epochs on CPU (minutes on 2 free cores; 2301 s on a machine busy with other jobs, 309 s for --naive) on
scripts/fixture_corpus.tsv (via scripts/fixture_data.py): the sentences of the example post
with hand-written English, variants in which terms and amounts are `{n}` placeholders, and short
placeholder templates. It knows only that domain; it exists so tests and the offline demo can run a
real Argos package (metadata.json, CTranslate2 `model/`, `sentencepiece.model`, `stanza/`) end to end.
It is shaped like the real zh→en package: Chinese and English have SentencePiece models of their
own, and only the Chinese one is packaged, so the English pieces are known only to the model's
vocabulary and decoding must cope with a tokenizer that does not know them.
For real translation install the real package: `translate models install zh en`.

Needs PyTorch, a dev-only dependency of this script (`pip install torch==2.13.0`, CPU wheel).
Deterministic: fixed seeds, fixed thread count (--threads, default 2), deterministic torch
algorithms, SentencePiece trained from memory (no temp paths inside), fixed zip timestamps:
same bytes on the same CPU and library versions (float reductions may differ elsewhere).

    python scripts/build_fixture_model.py [--out models/fixture] [--epochs 24] [--threads 2] [--naive]
"""

from __future__ import annotations

import argparse
import io
import json
import math
import random
import re
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from translate.engines.argos import detokenize  # noqa: E402
from fixture_data import MAX_SENTENCE_TOKENS, load_corpus, mask_terms, read_tsv, training_pairs  # noqa: E402

HERE = Path(__file__).resolve().parent
# {0}..{63} are single pieces: the engine renumbers each sentence's placeholders from {0}, so
# the model copies one token, not four; bigger indices fall back to "{", digits, "}".
PLACEHOLDER_SYMBOLS = ["{%d}" % i for i in range(64)]
PACKAGE = "translate-zh_en-fixture-1_0"
# --naive: the same natural sentence pairs, no placeholder or masked lessons, so it behaves like
# a real model that never saw ours (the protection modes are calibrated against both).
NAIVE_PACKAGE = "translate-zh_en-naive-1_0"
# Its data is a sixth of the cooperating one's: more epochs in smaller batches give it more
# optimizer steps (624) for a third of the compute (0.9M against 2.5M token-epochs).
NAIVE_EPOCHS, NAIVE_BATCH_TOKENS = 48, 2000
BATCH_TOKENS = 6000
D_MODEL, HEADS, FFN, LAYERS, MAX_POS = 128, 4, 256, 2, 512
SEED = 20250211
LEARNING_RATE = 3e-3  # peak of the one-cycle schedule
SOURCE_VOCAB, TARGET_VOCAB = 1200, 2000  # soft limits (hard_vocab_limit=False)


def train_sentencepiece(texts: list[str], vocab_size: int, model_type: str, placeholders: bool = True):
    """A SentencePiece model of `texts`, trained from memory (no input file or prefix: they
    would put temp paths into the model).

    Digits are not split: a tiny model drops one of two equal tokens in a row ("H800" came
    out "H80"), so a figure it has seen stays one piece."""
    import sentencepiece as spm

    model = io.BytesIO()
    extra = [" ".join("{%d}" % i for i in range(100))] if placeholders else []
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(texts + extra), model_writer=model,
        vocab_size=vocab_size, character_coverage=1.0, model_type=model_type, split_digits=False, byte_fallback=True,
        user_defined_symbols=[*PLACEHOLDER_SYMBOLS, "{", "}"] if placeholders else [], pad_id=3, num_threads=1,
        shuffle_input_sentence=False, hard_vocab_limit=False, minloglevel=2,
    )
    return spm.SentencePieceProcessor(model_proto=model.getvalue())


def train_tokenizers(corpus, terms, templates, naive: bool = False):
    """The source (Chinese) and target (English) SentencePiece models, trained apart.

    As in a converted OPUS-MT package (ct2-marian-converter output, packaged by Locomotive):
    the package's `sentencepiece.model` is the source side's, and the English pieces live
    only in the CTranslate2 vocabulary, so decoding goes through a tokenizer that does not
    know them, as it does with the real zh→en package.

    The English side is BPE: on a corpus this small a unigram model stops at ~800 pieces and
    spells common words in letters ("▁su d d en", "▁tha t"), which the tiny model then loses
    or repeats; BPE's 2,000 pieces keep them whole (4,539 → 2,719 English pieces). The naive
    model's tokenizers know no placeholder: `{0}` is three pieces, as in a real package."""
    lines = [("".join(z), " ".join(e)) for z, e in corpus] + terms + ([] if naive else templates)
    source = train_sentencepiece([zh for zh, _ in lines], SOURCE_VOCAB, "unigram", placeholders=not naive)
    target = train_sentencepiece([en for _, en in lines], TARGET_VOCAB, "bpe", placeholders=not naive)
    return source, target


def shared_vocabulary(source, target) -> list[str]:
    """Source pieces in id order, then the target pieces the source lacks (one embedding
    table, as OPUS-MT's shared vocabulary; the special pieces have the same ids in both)."""
    vocab = [source.id_to_piece(i) for i in range(source.get_piece_size())]
    known = set(vocab)
    vocab += [p for p in map(target.id_to_piece, range(target.get_piece_size())) if p not in known]
    return vocab


def sinusoids(length: int, dim: int) -> np.ndarray:
    pos = np.arange(length)[:, None]
    inv = np.exp(-math.log(10000.0) * np.arange(0, dim, 2) / dim)[None, :]
    pe = np.zeros((length, dim), dtype=np.float32)
    pe[:, 0::2], pe[:, 1::2] = np.sin(pos * inv), np.cos(pos * inv)
    return pe


def build_torch_model(vocab: int):
    """A pre-norm Transformer laid out exactly as ctranslate2's TransformerSpec reads it."""
    import torch
    from torch import nn

    class Attention(nn.Module):
        def __init__(self):
            super().__init__()
            self.norm = nn.LayerNorm(D_MODEL, eps=1e-6)
            self.q, self.k, self.v, self.o = (nn.Linear(D_MODEL, D_MODEL) for _ in range(4))

        def forward(self, x, memory=None, mask=None):
            h = self.norm(x)
            kv = h if memory is None else memory
            b, t, _ = h.shape
            split = lambda y: y.view(b, -1, HEADS, D_MODEL // HEADS).transpose(1, 2)  # noqa: E731
            att = torch.nn.functional.scaled_dot_product_attention(
                split(self.q(h)), split(self.k(kv)), split(self.v(kv)), attn_mask=mask)
            return x + self.o(att.transpose(1, 2).reshape(b, t, D_MODEL))

    class FeedForward(nn.Module):
        def __init__(self):
            super().__init__()
            self.norm = nn.LayerNorm(D_MODEL, eps=1e-6)
            self.w1, self.w2 = nn.Linear(D_MODEL, FFN), nn.Linear(FFN, D_MODEL)

        def forward(self, x):
            return x + self.w2(torch.relu(self.w1(self.norm(x))))

    class Model(nn.Module):
        def __init__(self):
            super().__init__()
            self.emb = nn.Embedding(vocab, D_MODEL)
            nn.init.normal_(self.emb.weight, std=D_MODEL ** -0.5)
            self.register_buffer("pe", torch.from_numpy(sinusoids(MAX_POS, D_MODEL)))
            self.enc = nn.ModuleList(nn.ModuleList([Attention(), FeedForward()]) for _ in range(LAYERS))
            self.dec = nn.ModuleList(nn.ModuleList([Attention(), Attention(), FeedForward()]) for _ in range(LAYERS))
            self.enc_norm = nn.LayerNorm(D_MODEL, eps=1e-6)
            self.dec_norm = nn.LayerNorm(D_MODEL, eps=1e-6)
            self.out_bias = nn.Parameter(torch.zeros(vocab))
            self.drop = nn.Dropout(0.1)

        def embed(self, ids):
            return self.drop(self.emb(ids) * math.sqrt(D_MODEL) + self.pe[: ids.shape[1]])

        def forward(self, src, tgt_in, src_pad):
            enc_mask = (~src_pad)[:, None, None, :]
            x = self.embed(src)
            for att, ffn in self.enc:
                x = ffn(att(x, mask=enc_mask))
            memory = self.enc_norm(x)
            t = tgt_in.shape[1]
            causal = torch.ones(t, t, dtype=torch.bool).tril()[None, None]
            y = self.embed(tgt_in)
            for self_att, cross_att, ffn in self.dec:
                y = ffn(cross_att(self_att(y, mask=causal), memory=memory, mask=enc_mask))
            return self.dec_norm(y) @ self.emb.weight.T + self.out_bias

    return Model()


def batches(encoded, max_tokens: int, rng: random.Random):
    """Length-bucketed batches of about `max_tokens` padded source+target tokens, shuffled.

    Sorted by source length in steps of 4, then by target length, so both sides pad
    little (padding: 22% of real tokens, against 31% when sorted by source length alone)."""
    order = sorted(range(len(encoded)), key=lambda i: ((len(encoded[i][0]) // 4, len(encoded[i][1])), rng.random()))
    out, cur, src_max, tgt_max = [], [], 0, 0
    for i in order:
        src, tgt = len(encoded[i][0]), len(encoded[i][1]) + 2  # + BOS and EOS
        if cur and (max(src_max, src) + max(tgt_max, tgt)) * (len(cur) + 1) > max_tokens:
            out.append(cur)
            cur, src_max, tgt_max = [], 0, 0
        cur.append(i)
        src_max, tgt_max = max(src_max, src), max(tgt_max, tgt)
    out.append(cur)
    rng.shuffle(out)
    return out


def train(model, encoded, epochs: int, rng: random.Random, pad: int, bos: int, eos: int,
          batch_tokens: int = BATCH_TOKENS) -> None:
    import torch

    opt = torch.optim.AdamW(model.parameters(), lr=LEARNING_RATE, betas=(0.9, 0.98), weight_decay=0.0)
    plan = [batches(encoded, batch_tokens, rng) for _ in range(epochs)]
    total = sum(len(p) for p in plan)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=LEARNING_RATE, total_steps=total, pct_start=0.1)
    loss_fn = torch.nn.CrossEntropyLoss(ignore_index=pad, label_smoothing=0.05)
    model.train()
    for epoch, epoch_batches in enumerate(plan):
        losses = []
        for batch in epoch_batches:
            srcs = [encoded[i][0] for i in batch]
            tgts = [[bos] + encoded[i][1] + [eos] for i in batch]
            s_len, t_len = max(map(len, srcs)), max(map(len, tgts))
            src = torch.tensor([s + [pad] * (s_len - len(s)) for s in srcs])
            tgt = torch.tensor([t + [pad] * (t_len - len(t)) for t in tgts])
            logits = model(src, tgt[:, :-1], src == pad)
            loss = loss_fn(logits.reshape(-1, logits.shape[-1]), tgt[:, 1:].reshape(-1))
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            losses.append(loss.item())
        if epoch % 10 == 9 or epoch == epochs - 1:
            print(f"  epoch {epoch + 1}/{epochs} loss {sum(losses) / len(losses):.3f} {time.perf_counter():.0f}", flush=True)


def to_spec(model, vocab: list[str]):
    """Copy the trained weights into a ctranslate2 TransformerSpec."""
    import ctranslate2

    w = {k: v.detach().numpy().astype(np.float32).copy() for k, v in model.state_dict().items()}
    # return_attention averages every head of the last layer (alignment-based markup
    # transfer reads it), not only the first head, CTranslate2's default.
    spec = ctranslate2.specs.TransformerSpec.from_config((LAYERS, LAYERS), HEADS, pre_norm=True, alignment_heads=HEADS)

    def norm(dst, prefix):
        dst.gamma, dst.beta = w[prefix + ".weight"], w[prefix + ".bias"]

    def linear(dst, prefixes):
        dst.weight = np.concatenate([w[p + ".weight"] for p in prefixes])
        dst.bias = np.concatenate([w[p + ".bias"] for p in prefixes])

    def attention(dst, prefix, self_attention):
        norm(dst.layer_norm, prefix + ".norm")
        if self_attention:
            linear(dst.linear[0], [prefix + ".q", prefix + ".k", prefix + ".v"])
        else:
            linear(dst.linear[0], [prefix + ".q"])
            linear(dst.linear[1], [prefix + ".k", prefix + ".v"])
        linear(dst.linear[-1], [prefix + ".o"])

    def ffn(dst, prefix):
        norm(dst.layer_norm, prefix + ".norm")
        linear(dst.linear_0, [prefix + ".w1"])
        linear(dst.linear_1, [prefix + ".w2"])

    for side in (spec.encoder, spec.decoder):
        side.position_encodings.encodings = w["pe"]
    spec.encoder.embeddings[0].weight = w["emb.weight"]
    spec.decoder.embeddings.weight = w["emb.weight"]
    spec.decoder.projection.weight = w["emb.weight"]
    spec.decoder.projection.bias = w["out_bias"]
    norm(spec.encoder.layer_norm, "enc_norm")
    norm(spec.decoder.layer_norm, "dec_norm")
    for i, layer in enumerate(spec.encoder.layer):
        attention(layer.self_attention, f"enc.{i}.0", True)
        ffn(layer.ffn, f"enc.{i}.1")
    for i, layer in enumerate(spec.decoder.layer):
        attention(layer.self_attention, f"dec.{i}.0", True)
        attention(layer.attention, f"dec.{i}.1", False)
        ffn(layer.ffn, f"dec.{i}.2")
    spec.config.layer_norm_epsilon = 1e-6
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    spec.validate()
    spec.optimize(quantization="int8")
    return spec


# As the real index's zh→en entry spells it (`code`, names, "1.9.0"), with our own name.
METADATA = {
    "package_version": "1.0",
    "argos_version": "1.9.0",
    "code": "translate-zh_en-fixture",
    "from_code": "zh",
    "from_name": "Chinese",
    "to_code": "en",
    "to_name": "English",
    "type": "translate",
    "max_sentence_tokens": MAX_SENTENCE_TOKENS,
    "links": [],
}

STANZA_RESOURCES = '{"zh": {"default_processors": {"tokenize": "gsdsimp"}}}\n'  # never read by translate

README = """# translate-zh_en-fixture 1.0 — a TEST FIXTURE, not a translation model

A tiny zh→en Transformer built by scripts/build_fixture_model.py from a few hundred sentences
about one news post. It exists so tests can run a real Argos package offline. For real
translation: `translate models install zh en`.
"""


NAIVE_README = """# translate-zh_en-naive 1.0 — a TEST FIXTURE, not a translation model

The same tiny zh→en Transformer as translate-zh_en-fixture, trained on the same natural
sentence pairs but never on a `{n}` placeholder, so tests can see how protection fares with
a model that, like a real one, does not copy our placeholders. For real translation:
`translate models install zh en`.
"""


def naive_metadata() -> dict:
    return {**METADATA, "code": "translate-zh_en-naive"}


def write_package(spec, sp_model: bytes, out: Path, workdir: Path, naive: bool = False) -> Path:
    """Zip `PACKAGE/` (metadata.json, model/, sentencepiece.model, stanza/, README.md) deterministically.

    `stanza/` stands where the real packages keep Stanza's sentence splitter, which translate
    never loads: a package that has one must still install and translate."""
    name = NAIVE_PACKAGE if naive else PACKAGE
    pkg = workdir / name
    (pkg / "model").mkdir(parents=True)
    spec.save(str(pkg / "model"))
    (pkg / "sentencepiece.model").write_bytes(sp_model)
    (pkg / "stanza").mkdir()
    (pkg / "stanza" / "resources.json").write_text(STANZA_RESOURCES)
    (pkg / "metadata.json").write_text(json.dumps(naive_metadata() if naive else METADATA, indent=2, sort_keys=True) + "\n")
    (pkg / "README.md").write_text(NAIVE_README if naive else README)
    out.mkdir(parents=True, exist_ok=True)
    target = out / f"{name}.argosmodel"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(p for p in pkg.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{name}/{path.relative_to(pkg).as_posix()}", (2025, 2, 11, 0, 0, 0))
            info.compress_type, info.external_attr = zipfile.ZIP_DEFLATED, 0o644 << 16
            zf.writestr(info, path.read_bytes())
    target.write_bytes(buffer.getvalue())
    return pkg


def evaluate(pkg: Path, corpus, terms, rng: random.Random) -> None:
    """Print how the saved model does on whole clauses and on masked variants."""
    import ctranslate2
    import sentencepiece as spm

    sp = spm.SentencePieceProcessor(model_file=str(pkg / "sentencepiece.model"))
    tr = ctranslate2.Translator(str(pkg / "model"), compute_type="int8")
    clauses = [(z.strip(), e.strip()) for zs, es in corpus for z, e in zip(zs, es)]
    masked = [mask_terms(z, e, terms, rng) for z, e in clauses]
    for name, pairs in (("clauses", clauses), ("masked", masked)):
        res = tr.translate_batch([sp.encode(z, out_type=str) for z, _ in pairs], beam_size=2, max_batch_size=4096, batch_type="tokens")
        outs = [detokenize(sp, r.hypotheses[0], "en") for r in res]
        exact = sum(o == e for o, (_, e) in zip(outs, pairs))
        kept = sum(sorted(re.findall(r"\{\d+\}", o)) == sorted(re.findall(r"\{\d+\}", z)) for o, (z, _) in zip(outs, pairs))
        print(f"{name}: {exact}/{len(pairs)} exact, placeholders kept in {kept}/{len(pairs)}")
        for (z, _), o in list(zip(pairs, outs))[:4]:
            print(f"  {z}\n    -> {o}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "models" / "fixture")
    parser.add_argument("--epochs", type=int, default=None, help=f"default 24, with --naive {NAIVE_EPOCHS}")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--naive", action="store_true", help=f"build {NAIVE_PACKAGE}: no placeholder lessons")
    args = parser.parse_args()
    epochs = args.epochs or (NAIVE_EPOCHS if args.naive else 24)

    import torch

    torch.manual_seed(SEED)
    torch.set_num_threads(args.threads)
    torch.use_deterministic_algorithms(True)
    # Deterministic mode also fills every new tensor with NaN first (4% of the build);
    # every tensor here is written before it is read, so skip that.
    torch.utils.deterministic.fill_uninitialized_memory = False
    rng = random.Random(SEED)
    start = time.perf_counter()
    corpus = load_corpus()
    terms = read_tsv(HERE / "fixture_terms.tsv")
    terms.sort(key=lambda t: -len(t[0]))  # longest first, so "DeepSeek R1" wins over "DeepSeek"
    templates = read_tsv(HERE / "fixture_templates.tsv")
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        source, target = train_tokenizers(corpus, terms, templates, naive=args.naive)
        vocab = shared_vocabulary(source, target)
        ids = {piece: i for i, piece in enumerate(vocab)}
        pairs = training_pairs(source, corpus, terms, templates, rng, naive=args.naive)
        encoded = [([ids[p] for p in source.encode(z, out_type=str)], [ids[p] for p in target.encode(e, out_type=str)])
                   for z, e in pairs]
        print(f"{len(pairs)} pairs, {sum(len(a) + len(b) for a, b in encoded)} tokens, vocab {len(vocab)}")
        model = build_torch_model(len(vocab))
        train(model, encoded, epochs, rng, ids["<pad>"], ids["<s>"], ids["</s>"],
              NAIVE_BATCH_TOKENS if args.naive else BATCH_TOKENS)
        model.eval()
        pkg = write_package(to_spec(model, vocab), source.serialized_model_proto(), args.out, workdir, args.naive)
        print(f"built {pkg.name}.argosmodel in {time.perf_counter() - start:.0f} s")
        evaluate(pkg, corpus, terms, random.Random(SEED + 1))

if __name__ == "__main__":
    main()
