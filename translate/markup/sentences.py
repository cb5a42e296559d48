"""Sentence rules: where a text splits into sentences, how sentences join, how a long
one is cut to fit a model. By rule: no Stanza, spaCy or MiniSBD, no download.

`pipeline.sentences` splits blocks with these rules before the engine sees them; an engine
only uses `fit` to cut a sentence longer than its model takes.

Rules, Chinese (and other CJK codes: zh, zt, ja):
- a sentence ends after a run of 。！？；…!?; (or an ASCII "..." run), together with any
  closing quotes and brackets right after it (”’」』）)】》"');
- a sentence longer than `max_tokens` (counted by the caller's `count`, e.g. SentencePiece
  tokens) is cut after ；, then ，, greedily, so each piece fits; a single clause still too
  long is cut at the last whitespace, else hard, before the limit.
Rules, everything else (English-like):
- a sentence ends after . ! ? (plus closing quotes/brackets) when whitespace follows and the
  next word does not start in lower case; not after a known abbreviation (Mr., U.S., Inc.)
  or a single-letter initial; decimals ("3.5") never split because no space follows.
Splitting loses only the whitespace between sentences; `{n}` placeholders never split.
"""

from __future__ import annotations

import re
from typing import Callable, Sequence

from .text import is_cjk_language

_CLOSERS = "”’」』）)】》〉\"'"
_ZH_END_RE = re.compile(r"(?:[。！？；!?;…]+|\.{3,})[" + re.escape(_CLOSERS) + r"]*")
_EN_END_RE = re.compile(r"[.!?]+[" + re.escape(_CLOSERS) + r"]*(?=\s+|$)")
# Where a long Chinese sentence may be cut, strongest break first.
_ZH_CUTS = ("；;", "，,")

ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sr jr st inc ltd co corp plc llc dept est fig no vs etc e.g i.e
    u.s u.k u.n e.u a.m p.m jan feb mar apr jun jul aug sep sept oct nov dec approx gov
    rep sen gen col capt lt sgt mt ft""".split()
)


def split_sentences(
    text: str,
    lang: str,
    *,
    max_tokens: int | None = None,
    count: Callable[[str], int] = len,
) -> list[str]:
    """Split `text` into sentences (stripped, none empty); long ones cut to fit."""
    if is_cjk_language(lang):
        sentences = _split_at(text, _ZH_END_RE.finditer(text))
        if max_tokens is not None:
            sentences = [piece for s in sentences for piece in cut_long(s, max_tokens, count)]
        return sentences
    sentences = _split_at(text, (m for m in _EN_END_RE.finditer(text) if _ends_english(text, m)))
    if max_tokens is not None:
        sentences = [piece for s in sentences for piece in _cut_hard(s, max_tokens, count)]
    return sentences


def sentence_separator(lang: str) -> str:
    """What goes between two sentences of `lang`: nothing in CJK, else a space."""
    return "" if is_cjk_language(lang) else " "


def join_sentences(sentences: Sequence[str], lang: str) -> str:
    """Join translated sentences the way `lang` writes them: no space in CJK."""
    return sentence_separator(lang).join(s for s in sentences if s)


def fit(sentence: str, lang: str, max_tokens: int, count: Callable[[str], int] = len) -> list[str]:
    """One sentence as pieces of at most `max_tokens` (itself when it fits): CJK is cut
    after ；, then ，, other languages at whitespace (`split_sentences` with a limit)."""
    if is_cjk_language(lang):
        return cut_long(sentence, max_tokens, count)
    return _cut_hard(sentence, max_tokens, count)


def cut_long(sentence: str, max_tokens: int, count: Callable[[str], int] = len) -> list[str]:
    """Cut a CJK sentence after ；, then ，, so each piece counts at most `max_tokens`."""
    if count(sentence) <= max_tokens:
        return [sentence]
    for marks in _ZH_CUTS:
        clauses = _split_after(sentence, marks)
        packed = _pack(clauses, max_tokens, count) if len(clauses) > 1 else []
        if len(packed) > 1:
            return [piece for part in packed for piece in cut_long(part, max_tokens, count)]
    return _cut_hard(sentence, max_tokens, count)


def split_clauses(sentence: str) -> list[str]:
    """A sentence cut after every ；/， (the finest cuts `cut_long` may make), stripped."""
    parts = [sentence]
    for marks in _ZH_CUTS:
        parts = [piece for part in parts for piece in _split_after(part, marks)]
    return [p.strip() for p in parts if p.strip()]


def _split_at(text: str, ends) -> list[str]:
    out, start = [], 0
    for match in ends:
        out.append(text[start : match.end()])
        start = match.end()
    out.append(text[start:])
    return [s.strip() for s in out if s.strip()]


def _ends_english(text: str, match: re.Match[str]) -> bool:
    """Whether an English . ! ? really ends a sentence."""
    after = text[match.end() :].lstrip()
    if after and after[0].islower():
        return False
    if not match.group().startswith("."):
        return True
    word = re.search(r"(\S+)$", text[: match.start()])
    if word is None:
        return True
    token = word.group(1).lstrip("(\"'“‘").lower()
    if token in ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
        return False
    return True


def _split_after(sentence: str, marks: str) -> list[str]:
    parts = re.split("(?<=[" + re.escape(marks) + "])", sentence)
    return [p for p in parts if p.strip()]


def _pack(clauses: list[str], max_tokens: int, count: Callable[[str], int]) -> list[str]:
    """Greedily glue consecutive clauses while the result still fits."""
    out: list[str] = []
    for clause in clauses:
        if out and count(out[-1] + clause) <= max_tokens:
            out[-1] += clause
        else:
            out.append(clause)
    return [p.strip() for p in out if p.strip()]


def _cut_hard(sentence: str, max_tokens: int, count: Callable[[str], int]) -> list[str]:
    """Last resort: cut at whitespace (else anywhere, never inside `{n}`) before the limit."""
    pieces: list[str] = []
    rest = sentence
    while rest and count(rest) > max_tokens:
        lo, hi = 1, len(rest)  # longest prefix that fits: binary search on characters
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if count(rest[:mid]) <= max_tokens:
                lo = mid
            else:
                hi = mid - 1
        cut = lo
        space = rest.rfind(" ", 0, cut)
        if space > 0:
            cut = space
        brace = rest.rfind("{", 0, cut)
        if brace >= 0 and "}" not in rest[brace:cut] and brace > 0:
            cut = brace
        pieces.append(rest[:cut].strip())
        rest = rest[cut:].strip()
    if rest:
        pieces.append(rest)
    return [p for p in pieces if p]
