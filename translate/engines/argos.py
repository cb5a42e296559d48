"""The `argos` engine: installed Argos packages run through CTranslate2 directly.

Argos's own `translate()` sends one paragraph per model call, needs sentence models fetched
at run time and turns every `_` into a space. Here every sentence of the run goes into one
`translate_batch` per language hop (sorted by length, `batch_type="tokens"`), a sentence too
long for the model cut by `markup.sentences.fit` (a pivot's English split into sentences
first), placeholders renumbered from {0} in each model input, detokenised with SentencePiece itself. ctranslate2 and sentencepiece are
imported only when a model is loaded.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Sequence

from ..markup.placeholders import PLACEHOLDER_RE
from ..markup.sentences import fit, join_sentences, split_sentences
from ..markup.text import CJK_LETTER, CJK_TEXT, LETTER, is_cjk_language
from ..site.config import EngineSettings
from ..site.languages import parse_lang
from .packages import PackageInfo, find_route, installed_packages

DEFAULT_MAX_SENTENCE_TOKENS = 150  # OPUS-MT models handle ~250 tokens well; cut well before
MAX_DECODING_LENGTH = 256
_SPACED_PLACEHOLDER_RE = re.compile(r"\{\s*(\d[\d\s]*?)\s*\}")
WORD_MARKER = "\u2581"  # SentencePiece's "▁": a space before the piece
_SPACES_RE = re.compile(r"[ ]{2,}")
# In a CJK target no space goes between two CJK characters, nor beside full-width punctuation.
_CJK_PUNCTUATION = r"[\u3000-\u303f\uff00-\uffef]"
_CJK_GAP_RE = re.compile(
    rf"(?<={CJK_TEXT.pattern}) +(?={CJK_TEXT.pattern})|(?<={_CJK_PUNCTUATION}) +| +(?={_CJK_PUNCTUATION})")


def limit_malloc_arenas(arenas: int = 2) -> None:
    """Cap glibc's per-thread malloc arenas before CTranslate2 starts its threads.

    With the default (8 per core) the translator's worker threads each grow an arena;
    bench/run.py measured peak RSS 586 MB → 499 MB with two, at the same speed. A no-op
    where there is no glibc (or MALLOC_ARENA_MAX is set by the user).
    """
    if os.environ.get("MALLOC_ARENA_MAX"):
        return
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").mallopt(-8, arenas)  # -8: M_ARENA_MAX
    except (OSError, AttributeError):
        pass


def open_translator(model_dir: Path, settings: EngineSettings) -> Any:
    """A `ctranslate2.Translator` for `model_dir`; tests may monkeypatch this to wrap it."""
    import ctranslate2

    limit_malloc_arenas()
    return ctranslate2.Translator(
        str(model_dir),
        device=settings.device,
        compute_type=settings.compute_type,
        inter_threads=settings.inter_threads,
        intra_threads=settings.intra_threads,
    )


@dataclass
class LoadedPackage:
    """A package's translator and tokenizer, loaded once per engine."""

    info: PackageInfo
    translator: Any  # ctranslate2.Translator, or a test's wrapper around one
    tokenizer: Any  # sentencepiece.SentencePieceProcessor

    @property
    def max_tokens(self) -> int:
        return self.info.max_sentence_tokens or DEFAULT_MAX_SENTENCE_TOKENS

    def count(self, text: str) -> int:
        return len(self.tokenizer.encode(text))

    def brace_pieces(self) -> list[str]:
        """Target pieces that could start or be a `{n}` placeholder (the model's target
        vocabulary: a converted package's SentencePiece model knows only the source side)."""
        pieces = target_vocabulary(self.info.path / "model")
        if not pieces:
            pieces = list(map(self.tokenizer.id_to_piece, range(self.tokenizer.get_piece_size())))
        return [p for p in pieces if "{" in p]


def target_vocabulary(model_dir: Path) -> list[str]:
    """The CTranslate2 model's target pieces, from the vocabulary file its converter wrote
    (`target_vocabulary` or `shared_vocabulary`, JSON since CTranslate2 3, text before)."""
    for name in ("target_vocabulary", "shared_vocabulary"):
        try:
            if (model_dir / f"{name}.json").is_file():
                return [str(p) for p in json.loads((model_dir / f"{name}.json").read_text(encoding="utf-8"))]
            if (model_dir / f"{name}.txt").is_file():
                return (model_dir / f"{name}.txt").read_text(encoding="utf-8").splitlines()
        except (OSError, ValueError, TypeError):
            return []
    return []


class ArgosEngine:
    """Translates with installed Argos packages; pivots through English when it must."""

    name = "argos"

    def __init__(self, settings: EngineSettings | None = None, *, packages_dir: Path | None = None) -> None:
        self.settings = settings or EngineSettings()
        self.packages_dir = packages_dir
        self.loaded: dict[Path, LoadedPackage] = {}
        self._packages: list[PackageInfo] | None = None

    def route(self, source: str, target: str) -> list[PackageInfo]:
        """The packages a `source` → `target` translation goes through (raises ModelMissingError)."""
        if self._packages is None:
            self._packages = installed_packages(self.packages_dir)
        return find_route(parse_lang(source).argos_code, parse_lang(target).argos_code, self._packages)

    def model_version(self, source: str, target: str) -> str:
        return " + ".join(p.label for p in self.route(source, target))

    def translate(self, segments: Sequence[str], source: str, target: str) -> list[str]:
        texts = list(segments)
        hop_source = parse_lang(source).argos_code
        for hop, info in enumerate(self.route(source, target)):
            # The pipeline hands over sentences; a pivot's second hop gets this engine's own
            # English, which may hold several, so it splits that itself.
            texts = self._translate_hop(self.load(info), texts, hop_source, info.to_code, split=hop > 0)
            hop_source = info.to_code
        return texts

    def protection_mode(self, source: str, target: str) -> str:
        """The package's calibrated protection mode (`engines.calibration`), calibrating it on
        first use; placeholders for a pivot route."""
        from .calibration import PLACEHOLDERS, calibrate, read_record

        route = self.route(source, target)
        if len(route) != 1:
            return PLACEHOLDERS
        record = read_record(route[0]) or calibrate(self, route[0])
        return record.best if record else PLACEHOLDERS

    def translate_aligned(self, texts: Sequence[str], source: str, target: str) -> list[Any]:
        """Each text translated with its word alignment (`engines.aligned`), None where it cannot be."""
        from .aligned import translate_aligned

        return translate_aligned(self, texts, source, target)

    def load(self, info: PackageInfo) -> LoadedPackage:
        """Load (once) the package's CTranslate2 model and SentencePiece model."""
        if info.path not in self.loaded:
            import sentencepiece

            tokenizer = sentencepiece.SentencePieceProcessor(model_file=str(info.path / "sentencepiece.model"))
            translator = open_translator(info.path / "model", self.settings)
            self.loaded[info.path] = LoadedPackage(info, translator, tokenizer)
        return self.loaded[info.path]

    def _translate_hop(self, model: LoadedPackage, segments: list[str], source: str, target: str,
                       *, split: bool = False) -> list[str]:
        """All segments (each cut to fit the model; with `split`, first split into sentences)
        through one batched call."""
        sentences: list[str] = []
        numbering: list[list[str]] = []
        per_segment: list[list[str | None]] = []
        for segment in segments:
            parts: list[str | None] = []
            if split:
                pieces = split_sentences(segment, source, max_tokens=model.max_tokens, count=model.count)
            else:
                pieces = fit(segment.strip(), source, model.max_tokens, model.count) if segment.strip() else []
            for sentence in pieces:
                if needs_model(sentence, source):
                    local, originals = renumber(" ".join(sentence.split()))
                    sentences.append(local)
                    numbering.append(originals)
                    parts.append(None)  # filled in from the batch below
                else:
                    parts.append(sentence)
            per_segment.append(parts)
        texts = [pick(hyps, orig) for hyps, orig in zip(self._run_batch(model, sentences), numbering)]
        # A tiny fragment may get nothing but placeholders back; ask again, with them banned.
        again = [i for i, text in enumerate(texts) if not text and not numbering[i]]
        if again:
            retry = self._run_batch(model, [sentences[i] for i in again], suppress=model.brace_pieces())
            for i, hyps in zip(again, retry):
                texts[i] = pick(hyps, [])
        outputs = iter(texts)
        results = []
        for segment, parts in zip(segments, per_segment):
            done = [next(outputs) if part is None else part for part in parts]
            lead = segment[: len(segment) - len(segment.lstrip())]
            tail = segment[len(segment.rstrip()) :]
            results.append(lead + join_sentences(done, target) + tail if done else segment)
        return results

    def _run_batch(self, model: LoadedPackage, sentences: list[str], suppress: list[str] | None = None) -> list[list[str]]:
        """Every sentence's decoded hypotheses, best first, in the order given."""
        if not sentences:
            return []
        tokens = [model.tokenizer.encode(s, out_type=str) for s in sentences]
        order = sorted(range(len(tokens)), key=lambda i: len(tokens[i]))
        # As Argos does: the prefix is one vocabulary token (e.g. a target-language tag).
        prefix = [model.info.target_prefix] if model.info.target_prefix else []
        options = dict(
            max_batch_size=self.settings.max_batch_tokens,
            batch_type="tokens",
            beam_size=self.settings.beam_size,
            num_hypotheses=max(1, self.settings.beam_size),  # spares, if the best is empty
            min_decoding_length=len(prefix) + 1,
            max_decoding_length=MAX_DECODING_LENGTH,
            replace_unknowns=True,
            **({"suppress_sequences": [[piece] for piece in suppress]} if suppress else {}),
        )
        # One call for the run's length-sorted sentences: CTranslate2 cuts it into
        # `max_batch_tokens` batches itself (working memory: a batch per worker, whatever the run),
        # and its workers never wait at the end of a smaller call for the slowest batch.
        results = model.translator.translate_batch(
            [tokens[i] for i in order],
            target_prefix=[list(prefix) for _ in order] if prefix else None,
            **options,
        )
        out: list[list[str]] = [[] for _ in sentences]
        for position, result in zip(order, results):
            for hypothesis in result.hypotheses:
                pieces = list(hypothesis)
                if prefix and pieces[: len(prefix)] == prefix:
                    pieces = pieces[len(prefix) :]
                out[position].append(detokenize(model.tokenizer, pieces, model.info.to_code))
        return out


def pick(hypotheses: list[str], originals: list[str]) -> str:
    """The best hypothesis that says something, its placeholders numbered back.

    A sentence without placeholders cannot need one: any the model emits there is dropped."""
    for hypothesis in hypotheses:
        text = number_back(hypothesis, originals)
        if not originals:
            text = " ".join(PLACEHOLDER_RE.sub(" ", text).split())
        if text.strip():
            return text
    return ""


def renumber(sentence: str) -> tuple[str, list[str]]:
    """Placeholders renumbered {0}, {1}, ... in order of first appearance, and the originals.

    Models copy `{0}` far more reliably than `{267}` (a long paragraph's 267th token)."""
    originals: list[str] = []

    def local(match: re.Match[str]) -> str:
        if match.group(0) not in originals:
            originals.append(match.group(0))
        return "{%d}" % originals.index(match.group(0))

    return PLACEHOLDER_RE.sub(local, sentence), originals


def number_back(text: str, originals: list[str]) -> str:
    """Undo `renumber`; an index the model invented becomes one no segment has, so it is reported."""
    def original(match: re.Match[str]) -> str:
        index = int(match.group(0)[1:-1])
        return originals[index] if index < len(originals) else "{%d}" % (10**6 + index)

    return PLACEHOLDER_RE.sub(original, text)


def needs_model(sentence: str, source: str = "") -> bool:
    """Whether a sentence has words to translate (not only placeholders, digits, punctuation).

    From a CJK language, a sentence without any CJK character (a code, a name, an English
    quote) is kept as it is: small models garble such text more often than they copy it."""
    text = PLACEHOLDER_RE.sub("", sentence)
    if is_cjk_language(source) and not CJK_LETTER.search(text):
        return False
    return bool(LETTER.search(text))


def detokenize(tokenizer: Any, pieces: list[str], target: str = "") -> str:
    """SentencePiece decode that keeps `_` (Argos turns it into a space) and `{n}` whole.

    A converted OPUS-MT package ships only the source side's SentencePiece model, and
    `decode_pieces` leaves the word marker on every target piece it does not know
    ("Goldman▁Sachs"): the marker becomes a space, a run of them one space, and in a CJK
    target none goes between two CJK characters or beside full-width punctuation."""
    text = tokenizer.decode_pieces(pieces) if pieces else ""
    text = _SPACES_RE.sub(" ", text.replace(WORD_MARKER, " "))
    if is_cjk_language(target):
        text = _CJK_GAP_RE.sub("", text)
    return normalize_placeholders(text).strip()


def normalize_placeholders(text: str) -> str:
    """`{ 12 }` / `{1 2}` → `{12}`: models may emit spaces inside a placeholder."""
    return _SPACED_PLACEHOLDER_RE.sub(lambda m: "{" + re.sub(r"\s", "", m.group(1)) + "}", text)
