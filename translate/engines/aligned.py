"""Translation with alignment: the argos engine's entry point for markup transfer.

Each text goes through CTranslate2 with `return_attention=True` (one row per target piece:
the model's alignment heads, by default the first head of the last decoder layer; the
fixtures are built to average all of that layer's heads); the pieces of one target word
are summed into one row, and the word (or punctuation mark) aligns to the source piece of
that row's maximum. `markup.alignment.place_markers` does the rest. Only a single-hop route
is aligned (a text too long for the model is cut where the engine cuts it and the pieces'
alignments joined); a pivot gives None, and the caller falls back to its other rounds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Sequence

from ..markup.alignment import Alignment, is_punctuation
from ..markup.sentences import fit
from ..markup.text import is_cjk_language
from .argos import MAX_DECODING_LENGTH, WORD_MARKER, detokenize

if TYPE_CHECKING:
    from .argos import ArgosEngine, LoadedPackage
    from .packages import PackageInfo



def translate_aligned(engine: "ArgosEngine", texts: Sequence[str], source: str, target: str) -> list[Alignment | None]:
    """One `Alignment` per text (None where it cannot be aligned), in one batched call."""
    route = engine.route(source, target)
    if len(route) != 1:
        return [None] * len(texts)
    return align_package(engine, route[0], texts)


def align_package(engine: "ArgosEngine", info: "PackageInfo", texts: Sequence[str]) -> list[Alignment | None]:
    """`translate_aligned` through one package (a prefixed one is not aligned). A text too
    long for the model is cut as the engine cuts it (`markup.sentences.fit`) and the
    pieces' alignments are joined."""
    if info.target_prefix:
        return [None] * len(texts)
    model = engine.load(info)
    spaced = not is_cjk_language(info.to_code)
    jobs: list[tuple[int, int]] = []  # (text index, offset of the piece in the text)
    pieces: list[str] = []
    for i, text in enumerate(texts):
        pos = 0
        for piece in fit(text.strip(), info.from_code, model.max_tokens, model.count) if text.strip() else []:
            pos = text.index(piece, pos)
            jobs.append((i, pos))
            pieces.append(piece)
            pos += len(piece)
    encoded = [model.tokenizer.encode(piece, return_type="proto") for piece in pieces]
    out: list[Alignment | None] = [None] * len(texts)
    if not pieces:
        return out
    results = model.translator.translate_batch(
        [[p.piece for p in e.pieces] for e in encoded], return_attention=True,
        beam_size=engine.settings.beam_size, max_batch_size=engine.settings.max_batch_tokens,
        batch_type="tokens", max_decoding_length=MAX_DECODING_LENGTH, replace_unknowns=True)
    parts: dict[int, list[tuple[int, Alignment | None]]] = {}
    for (i, offset), proto, result in zip(jobs, encoded, results):
        parts.setdefault(i, []).append((offset, _alignment(model, proto, list(result.hypotheses[0]),
                                                           result.attention[0], spaced)))
    for i, aligned in parts.items():
        if all(a is not None for _, a in aligned):
            out[i] = _join(texts[i], aligned, spaced)
    return out


def _join(text: str, parts: list[tuple[int, Alignment]], spaced: bool) -> Alignment:
    """The alignments of a text's pieces as one: spans shifted, links renumbered."""
    pieces: list[tuple[int, int]] = []
    units: list[str] = []
    gaps: list[bool] = []
    links: list[int] = []
    for offset, part in parts:
        links += [len(pieces) + link for link in part.links]
        gaps += [spaced if units and k == 0 else gap for k, gap in enumerate(part.spaced)]
        pieces += [(a + offset, b + offset) for a, b in part.pieces]
        units += part.units
    return Alignment(text, tuple(pieces), tuple(units), tuple(gaps), tuple(links))


def _alignment(model: "LoadedPackage", proto: Any, pieces: list[str], attention: list[list[float]],
               spaced: bool) -> Alignment | None:
    text = proto.text
    chars = _char_offsets(text)
    spans = tuple((chars[p.begin], chars[p.end]) for p in proto.pieces)
    words: list[list[int]] = []  # target piece indices of each unit
    for t, piece in enumerate(pieces):
        bare = piece.replace(WORD_MARKER, "")
        starts = piece.startswith(WORD_MARKER) or not words or is_punctuation(bare) or (
            words and is_punctuation(pieces[words[-1][-1]].replace(WORD_MARKER, "")))
        if starts or not spaced:
            words.append([t])
        else:
            words[-1].append(t)
    units, gaps, links = [], [], []
    for group in words:
        unit = detokenize(model.tokenizer, [pieces[t] for t in group], model.info.to_code)
        if not unit:
            continue
        row = [sum(attention[t][s] for t in group) for s in range(len(spans))]
        units.append(unit)
        gaps.append(spaced and pieces[group[0]].startswith(WORD_MARKER))
        links.append(max(range(len(row)), key=row.__getitem__) if row else 0)
    if not units:
        return None
    return Alignment(text, spans, tuple(units), tuple(gaps), tuple(links))


def _char_offsets(text: str) -> list[int]:
    """Character offset for every UTF-8 byte offset of `text` (and its end)."""
    offsets = []
    for index, char in enumerate(text):
        offsets.extend([index] * len(char.encode("utf-8")))
    offsets.append(len(text))
    return offsets
