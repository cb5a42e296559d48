"""Restore: engine output back to final text, placeholders replaced by their targets.

Tidying first (NMT models put spaces inside paired markup, `{0} investing_cn {1}` for
`[investing_cn](…)`, and end every segment with a full stop): no space goes just inside an
opening or closing marker, and a segment whose source ends without sentence punctuation
gets none added. Then each placeholder becomes its token's target; in spaced scripts a
protected target glued to a word gets a space, and a lower-case one opening a sentence a
capital; a `<` the engine wrote before a letter is escaped (`&lt;` renders the same and
opens no tag). The split round's pieces are joined here by the same rules.
"""

from __future__ import annotations

import re
from collections import Counter

from ..markup.placeholders import MARKUP, PLACEHOLDER_RE, Masked
from ..markup.text import FULLWIDTH_PUNCTUATION, SEGMENT_ENDS, UNSPACED_LANGUAGES, is_word_char
from ..site.languages import parse_lang

_OPENS = re.compile(r"(!?\[|<[A-Za-z][^<>]*>)$")
_CLOSES = re.compile(r"^(\]|</[A-Za-z])")
_SYMMETRIC = re.compile(r"^(\*{1,3}|_{1,3}|~~)$")
_RUNS = re.compile(r"(?<![*_~])(?:\*{1,3}|_{1,3}|~~)(?![*_~])")
_TAG_START = re.compile(r"<(?=[A-Za-z/!?])")
_ABBREVIATION_END = re.compile(r"(?:\b(?:etc|Inc|Co|Ltd|Corp|Jr|Sr|No|vs)|\b[A-Z]\.[A-Z])\.$")


def is_spaced(target: str) -> bool:
    """Whether `target` puts spaces between words (and has capitals to open sentences with)."""
    return parse_lang(target).locale.language not in UNSPACED_LANGUAGES


def marker_roles(masked: Masked) -> dict[int, str]:
    """"open" / "close" for placeholders of paired inline markup, from the source order."""
    roles: dict[int, str] = {}
    seen: Counter[str] = Counter()
    for piece in masked.pieces():
        if not isinstance(piece, int) or piece >= len(masked.tokens):
            continue
        source = masked.tokens[piece].source
        if _SYMMETRIC.match(source):
            roles[piece] = "open" if seen[source] % 2 == 0 else "close"
            seen[source] += 1
            continue
        seen.update(_RUNS.findall(source))  # `**[` opens a `**` too: the next lone `**` closes it
        if _CLOSES.match(source):
            roles[piece] = "close"
        elif _OPENS.search(source):
            roles[piece] = "open"
    return roles


def tidy(out: str, masked: Masked) -> str:
    """Engine output without spaces just inside paired markup, and without a full stop
    the source did not have."""
    roles = marker_roles(masked)
    if roles:
        out = re.sub(
            r"\{(\d+)\}[ \t]+",
            lambda m: m.group(0).rstrip() if roles.get(int(m.group(1))) == "open" else m.group(0),
            out,
        )
        out = re.sub(
            r"[ \t]+\{(\d+)\}",
            lambda m: m.group(0).lstrip() if roles.get(int(m.group(1))) == "close" else m.group(0),
            out,
        )
    source_end = masked.plain_text().rstrip()
    if (
        source_end
        and not source_end.endswith(SEGMENT_ENDS)
        and out.endswith(".")
        and not out.endswith("..")
        and not _ABBREVIATION_END.search(out)
    ):
        out = out[:-1]
    return out


def restore(out: str, masked: Masked, spaced: bool) -> str:
    """Put targets back, in one pass. In spaced scripts a protected target glued to a word
    gets a space ("of{0}"), and a lower-case one opening a sentence gets a capital."""
    out = escape_tags(tidy(out, masked), masked)
    if not spaced:
        return PLACEHOLDER_RE.sub(lambda m: _visible(masked, m), out)
    parts: list[str] = []
    last = ""  # the last visible character written
    starts = True  # the next word opens a sentence
    pos = 0
    for m in PLACEHOLDER_RE.finditer(out):
        literal = out[pos : m.start()]
        index = int(m.group(1))
        token = masked.tokens[index] if index < len(masked.tokens) else None
        text = token.target if token else ""  # an invented placeholder is dropped
        starts = still_opens(starts, literal)
        last = literal[-1:] or last
        if token is not None and token.kind != MARKUP and text:
            text = capitalise(text) if starts else text
            after = out[m.end() : m.end() + 1]  # a following placeholder adds its own space
            if is_word_char(text[0]) and last and is_word_char(last):
                text = " " + text
            if is_word_char(text[-1]) and after and is_word_char(after):
                text += " "
            starts = False
        parts += [literal, text]
        last = text[-1:] or last
        pos = m.end()
    parts.append(out[pos:])
    return "".join(parts)


def escape_tags(out: str, masked: Masked) -> str:
    """`out` with a `<` the engine wrote before a letter as `&lt;` (it would open a tag on
    the page); left alone when the source's own text has such a `<`."""
    return out if _TAG_START.search(masked.text) else _TAG_START.sub("&lt;", out)


def _visible(masked: Masked, m: re.Match[str]) -> str:
    index = int(m.group(1))
    return masked.tokens[index].target if index < len(masked.tokens) else ""  # invented: dropped


def punctuation(piece: str) -> str:
    """Full-width punctuation between protected spans, in the target's own style."""
    return "".join(FULLWIDTH_PUNCTUATION.get(c, c) for c in piece)


def join_pieces(parts: list[tuple[str, bool]], spaced: bool) -> str:
    """Concatenate, adding a space where two words would otherwise run together."""
    out: list[str] = []
    last = ""  # the last character written
    starts = True  # the next word opens a sentence
    prev_markup = True
    for text, markup in parts:
        if spaced and not markup and text:
            glue = last and (is_word_char(last) or last in ".,;:!?)")
            if not prev_markup and glue and is_word_char(text[0]):
                text = " " + text
            if last == " " and text.startswith(" "):
                text = text.lstrip(" ")
            text = capitalise(text) if starts else text
            starts = still_opens(starts, text)
        out.append(text)
        last = text[-1:] or last
        prev_markup = markup
    return "".join(out)


def still_opens(starts: bool, text: str) -> bool:
    """Whether a sentence opens after `text`, given whether one opened before it."""
    tail = text.rstrip(" \t\"'“‘(*_[")
    return starts if not tail else tail[-1] in ".!?\n"


def capitalise(text: str) -> str:
    """`northbound funds` → `Northbound funds`; leaves `iPhone`, `o1`, `eBay` alone."""
    lead = text.lstrip()
    first = lead.split(" ", 1)[0]
    if not first.isalpha() or not first.islower():
        return text
    cut = len(text) - len(lead)
    return text[:cut] + lead[:1].upper() + lead[1:]
