"""Inline masking: every piece of Markdown/Hugo markup in a run of prose becomes a `{n}` token.

Masked as MARKUP (kept byte for byte): code spans; link and image destinations and titles
(`](url "t")`, `][ref]`) and the brackets around link text and image alt, whose words are
translated; footnote references `[^1]`; autolinks, bare URLs; inline HTML tags, comments
and entities; Hugo shortcodes (`{{< >}}`, `{{% %}}`, escaped `{{</* */>}}`, with verbatim
pairs such as `{{< raw >}}…{{< /raw >}}` as one token); `{{ … }}`; math `$…$`, `$$…$$`,
`\\(…\\)`, `\\[…\\]`; attribute blocks `{#id .class}`; emphasis and strike markers;
backslash escapes and backslash hard breaks; emoji `:smile:` and icons `:(fab fa-x):`.
Adjacent markup becomes one token. Soft and trailing-space line breaks outside markup are
joined: nothing next to a CJK character, one space otherwise; kept as markup are a hard
break after a sentence end, the breaks around a `{.attr}` line or a `$` math fence.
"""

from __future__ import annotations

import re
from typing import Sequence

from ..errors import PostError
from .placeholders import MaskBuilder, Masked
from .shortcodes import match_tag, verbatim_end
from .text import CJK_TEXT, HARD_BREAK_CLOSERS, HARD_BREAK_ENDS, LETTER, is_cjk_char

MAX_BRACKETS = 32  # `[` nested in link text; deeper is an error, not a crash
_ASCII_PUNCT = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")

_ATTR = r"""\s+[A-Za-z_:][\w.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?"""
_HTML_RES = [
    re.compile(r"<!--.*?-->", re.S),
    re.compile(r"<!\[CDATA\[.*?\]\]>", re.S),
    re.compile(r"<\?.*?\?>", re.S),
    re.compile(r"<![A-Za-z][^>]*>"),
    re.compile(r"<[A-Za-z][A-Za-z0-9+.\-]{1,31}:[^<>\x00-\x20]*>"),  # autolink
    re.compile(r"<[\w.!#$%&'*+/=?^`{|}~\-]+@[A-Za-z0-9](?:[A-Za-z0-9.\-]*[A-Za-z0-9])?>"),
    re.compile(r"<[A-Za-z][A-Za-z0-9\-]*(?:" + _ATTR + r")*\s*/?>"),
    re.compile(r"</[A-Za-z][A-Za-z0-9\-]*\s*>"),
]
# ASCII only: a URL in CJK text ends at the first CJK character or full-width punctuation
_URL = re.compile(r"(?:(?i:https?|ftp)://|(?i:www)\.)[!#-&(-;=?-\[\]-_a-~]+")
_URL_TRAIL = ".,:;!?'\"*_~"
_EMOJI = re.compile(r":[a-z0-9_+\-]*[a-z][a-z0-9_+\-]*:")
_ICON = re.compile(r":\([a-z][a-z0-9 \-]*\):")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_ATTR_BLOCK = re.compile(r"\{[:#.][^{}\n]*\}|\{[A-Za-z_][\w-]*=[^{}\n]*\}")
# lines that must stay lines: Hugo block attributes, `$` fences of display math
_OWN_LINE = re.compile(r"[ \t]*(?:" + _ATTR_BLOCK.pattern + r"|\$\$?)[ \t]*")
_TEMPLATE = re.compile(r"\{\{.*?\}\}", re.S)
_FOOTNOTE_REF = re.compile(r"\[\^[^\]\s]+\]")
_INLINE_MATH = re.compile(r"\$(?=[^\s$])(?:\\.|[^$\\])*?(?<=[^\s\\])\$(?!\d)", re.S)
_DISPLAY_MATH = re.compile(r"\$\$.+?\$\$", re.S)
_SPACED_MATH = re.compile(r"\$[ \t]+(?=[^$]*(?:\\[A-Za-z]|[\^_{}=]))[^$]+?[ \t]\$(?!\d)")
_LATEX_ENV = re.compile(r"\\begin\{(\w+\*?)\}.*?\\end\{\1\}", re.S)
_LINES_MATH = re.compile(r"\$[ \t]*\n.*?\n[ \t>]*\$", re.S)  # `$` alone on its lines
_MATH_WINDOW = 2000  # chars searched for the end of inline math or a link destination
_BRACKET_EVENT = re.compile(r"\\.|`+|[\[\]]", re.S)
_MATH_PAIRS = (("\\\\(", "\\\\)"), ("\\\\[", "\\\\]"), ("\\(", "\\)"), ("\\[", "\\]"))


def is_translatable(masked: Masked) -> bool:
    """True when any letter (CJK or Latin word) remains outside placeholders."""
    return bool(LETTER.search(masked.plain_text()))


def mask_inline(text: str) -> Masked:
    """Mask inline markup of one Markdown inline run as MARKUP tokens (`placeholders.MaskBuilder`)."""
    breaks = []
    for m in re.finditer(r"[ \t]*\r?\n[ \t]*", text):
        breaks.append((m.start(), m.end()))
    return mask_region(text, breaks)


def mask_region(text: str, breaks: Sequence[tuple[int, int]]) -> Masked:
    """Mask `text`, where each `(start, end)` in `breaks` is a line break with its
    neighbouring whitespace and the next line's container prefix (`\\n> `)."""
    return build_masked(scan_pieces(text, breaks))


def scan_pieces(text: str, breaks: Sequence[tuple[int, int]], kept: Sequence[int] = ()) -> list["Piece"]:
    """`text` as (is markup, text) pieces, left to right (`mask_region`'s scan); the breaks
    starting at `kept` stay markup, never joined."""
    return _Scanner(text, dict(breaks), kept).scan(0, len(text))


def build_masked(pieces: Sequence["Piece"]) -> Masked:
    """A `Masked` from scanned pieces: adjacent markup becomes one token."""
    builder = MaskBuilder()
    pending_text: list[str] = []
    pending_token: list[str] = []
    for is_token, chunk in pieces:
        if is_token:
            if pending_text:
                builder.text("".join(pending_text))
                pending_text = []
            pending_token.append(chunk)
        else:
            if pending_token:
                builder.token("".join(pending_token))
                pending_token = []
            pending_text.append(chunk)
    if pending_text:
        builder.text("".join(pending_text))
    if pending_token:
        builder.token("".join(pending_token))
    return builder.build()


Piece = tuple[bool, str]  # (is markup, text)


class _Scanner:
    """Left-to-right scan of one block's source; markup wins over text at each position."""

    def __init__(self, text: str, breaks: dict[int, int], kept: Sequence[int] = ()) -> None:
        self.text = text
        self.breaks = breaks
        self.kept = self._own_line_breaks() | set(kept)
        self._pairs: dict[int, int] | None = None
        self._depth = 0  # brackets open around the position being scanned

    def _own_line_breaks(self) -> set[int]:
        """Breaks next to a line that is only `{.class}` / `{#id}` (Hugo reads it as the
        attributes of a block) or only a `$` math fence: such lines stay lines."""
        starts = [0, *(end for end in sorted(self.breaks.values()))]
        ends = [*sorted(self.breaks), len(self.text)]
        kept = set()
        for k, (line_start, line_end) in enumerate(zip(starts, ends)):
            if _OWN_LINE.fullmatch(self.text, line_start, line_end):
                if k > 0:
                    kept.add(ends[k - 1])  # the break before this line
                if k < len(ends) - 1:
                    kept.add(line_end)  # the break after it
        return kept

    def scan(self, start: int, stop: int) -> list[Piece]:
        out: list[Piece] = []
        i = start
        while i < stop:
            if i in self.breaks:
                end = self.breaks[i]
                if i in self.kept or self._deliberate_break(i, end):
                    out.append((True, self.text[i:end]))
                else:
                    out.append((False, self._joiner(i, end)))
                i = end
                continue
            result = self._markup(i, stop)
            if result is None:
                out.append((False, self.text[i]))
                i += 1
                continue
            pieces, i = result
            out.extend(pieces)
        return out

    def _deliberate_break(self, start: int, end: int) -> bool:
        """A trailing-space hard break after a sentence ends is layout the author wanted;
        one inside a sentence is a conversion artefact and is joined."""
        if not self.text.startswith("  ", start) or "\n" not in self.text[start:end]:
            return False
        before = self.text[:start].rstrip(HARD_BREAK_CLOSERS)
        return before.endswith(HARD_BREAK_ENDS)

    def _joiner(self, start: int, end: int) -> str:
        before = self.text[start - 1] if start > 0 else ""
        after = self.text[end] if end < len(self.text) else ""
        if not before or not after or is_cjk_char(before) or is_cjk_char(after):
            return ""
        return " "

    def _markup(self, i: int, stop: int) -> tuple[list[Piece], int] | None:
        """Markup starting at `i`: its pieces and where scanning resumes, or None for text."""
        c = self.text[i]
        end: int | None = None
        if c == "\\":
            end = self._backslash(i, stop)
        elif c == "`":
            end = self._code_span(i, stop)
        elif c == "{":
            end = self._brace(i, stop)
        elif c == "<":
            end = self._first_match(_HTML_RES, i, stop)
        elif c == "$":  # inline math is short: a bounded window keeps `$5 … $10` text linear
            window = min(stop, i + _MATH_WINDOW)
            end = self._first_match([_DISPLAY_MATH, _INLINE_MATH, _SPACED_MATH, _LINES_MATH], i, window)
        elif c == "&":
            end = self._first_match([_ENTITY], i, stop)
        elif c == ":":
            if i == 0 or not self.text[i - 1].isalnum():
                end = self._first_match([_ICON, _EMOJI], i, stop)
        elif c in "*~":
            end = self._run(i, stop)
        elif c == "_":
            end = self._run(i, stop)
            before = self.text[i - 1] if i > 0 else " "
            after = self.text[end] if end < stop else " "
            if before.isalnum() and after.isalnum():  # snake_case, not emphasis
                return [(False, self.text[i:end])], end
        elif c in "hHfFwW":
            if i == 0 or not (self.text[i - 1].isalnum() or self.text[i - 1] in "/.@"):
                end = self._url(i, stop)
        elif c == "!" and self.text.startswith("![", i):
            return self._bracket(i, i + 2, stop)
        elif c == "[":
            m = _FOOTNOTE_REF.match(self.text, i, stop)
            if m:
                end = m.end()
            else:
                return self._bracket(i, i + 1, stop)
        if end is None or end <= i:
            return None
        return [(True, self.text[i:end])], end

    def _first_match(self, patterns: Sequence[re.Pattern[str]], i: int, stop: int) -> int | None:
        for pattern in patterns:
            m = pattern.match(self.text, i, stop)
            if m:
                return m.end()
        return None

    def _run(self, i: int, stop: int) -> int:
        end = i
        while end < stop and self.text[end] == self.text[i]:
            end += 1
        return end

    def _backslash(self, i: int, stop: int) -> int | None:
        text = self.text
        env = _LATEX_ENV.match(text, i, stop)
        if env:
            return env.end()
        for opener, closer in _MATH_PAIRS:
            if text.startswith(opener, i):
                close = text.find(closer, i + len(opener), stop)
                # `\[注意\]` is escaped brackets around prose, not math
                if close != -1 and not CJK_TEXT.search(text, i, close):
                    return close + len(closer)
        if i + 1 in self.breaks:  # backslash hard break: keep it and the line break
            return self.breaks[i + 1]
        if i + 1 < stop and text[i + 1] in _ASCII_PUNCT:
            return i + 2
        return None

    def _code_span(self, i: int, stop: int) -> int:
        run = self._run(i, stop)
        ticks = self.text[i:run]
        pos = run
        while True:
            found = self.text.find(ticks, pos, stop)
            if found == -1:
                return run  # an unmatched backtick run is literal markup
            after = self._run(found, stop)
            if after - found == len(ticks):
                return after
            pos = after

    def _brace(self, i: int, stop: int) -> int | None:
        tag = match_tag(self.text, i, stop)
        if tag is not None:
            if tag.verbatim:
                end = verbatim_end(self.text, tag, stop)
                if end is not None:
                    return end
            return tag.end
        return self._first_match([_TEMPLATE, _ATTR_BLOCK], i, stop)

    def _url(self, i: int, stop: int) -> int | None:
        m = _URL.match(self.text, i, stop)
        if m is None:
            return None
        url = m.group(0)
        while url:
            if url[-1] in _URL_TRAIL:
                url = url[:-1]
            elif url[-1] == ")" and url.count(")") > url.count("("):
                url = url[:-1]
            elif url[-1] == "]" and url.count("]") > url.count("["):
                url = url[:-1]
            else:
                break
        return i + len(url) if len(url) > 4 else None

    def _matching_bracket(self, i: int, stop: int) -> int | None:
        """Index of the `]` closing the `[` just before `i` (code spans and escapes skipped)."""
        if self._pairs is None:
            self._pairs = self._bracket_pairs()
        close = self._pairs.get(i - 1)
        return close if close is not None and close < stop else None

    def _bracket_pairs(self) -> dict[int, int]:
        """Every matched `[`…`]` of the text in one pass (a scan per `[` is quadratic)."""
        pairs: dict[int, int] = {}
        opened: list[int] = []
        text = self.text
        m = _BRACKET_EVENT.search(text)
        while m:
            c = text[m.start()]
            pos = m.end()
            if c == "`":
                pos = self._code_span(m.start(), len(text))
            elif c == "[":
                opened.append(m.start())
            elif c == "]" and opened:
                pairs[opened.pop()] = m.start()
            m = _BRACKET_EVENT.search(text, pos)
        return pairs

    def _bracket(self, i: int, inner: int, stop: int) -> tuple[list[Piece], int]:
        """`[text]`, `![alt]` with an optional `(dest "title")`, `[ref]` or `[]` after."""
        close = self._matching_bracket(inner, stop)
        if close is None:
            return [(True, self.text[i:inner])], inner
        tail = self._link_tail(close + 1, stop)
        end = tail if tail is not None else close + 1
        pieces: list[Piece] = [(True, self.text[i:inner])]
        self._depth += 1
        if self._depth > MAX_BRACKETS:  # each level is a frame: stay far from Python's recursion limit
            raise PostError(f"links or brackets nested more than {MAX_BRACKETS} deep",
                            hint="remove the extra `[`/`]` nesting")
        pieces.extend(self.scan(inner, close))
        self._depth -= 1
        pieces.append((True, self.text[close:end]))
        return pieces, end

    def _link_tail(self, pos: int, stop: int) -> int | None:
        """End of `(destination "title")` or `[label]` starting at `pos`, if one is there."""
        text = self.text
        if pos < stop and text[pos] == "[":
            close = text.find("]", pos + 1, stop)
            return close + 1 if close != -1 else None
        if pos >= stop or text[pos] != "(":
            return None
        stop = min(stop, pos + _MATH_WINDOW)  # a destination is short; unclosed `(` stays linear
        depth = 0
        k = pos
        while k < stop:
            c = text[k]
            if c == "\\":
                k += 2
                continue
            if c == "{":
                tag = match_tag(text, k, stop)
                if tag is not None:
                    k = tag.end
                    continue
            if c == "<" and depth == 1:
                close = text.find(">", k, stop)
                if close != -1:
                    k = close + 1
                    continue
            if c == '"' and depth >= 1:
                close = text.find('"', k + 1, stop)
                if close != -1:
                    k = close + 1
                    continue
            if c == "(":
                depth += 1
            elif c == ")":
                depth -= 1
                if depth == 0:
                    return k + 1
            k += 1
        return None
