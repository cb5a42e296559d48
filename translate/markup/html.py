"""Raw HTML inside Markdown: the text between tags becomes blocks; every other byte stays.

Rules (the block is never re-serialised: translations go back at the parser's offsets):

1. An HTML block is read with the standard library's `html.parser`, a tokenizer that reports
   where each tag, text run, entity and comment starts, reads malformed HTML the way it
   comes and repairs nothing. Shortcode tags are hidden from it first (Hugo expands them
   before the page is HTML), so `{{<figure src="…">}}` is text to it, not a `<figure>`.
2. A run is the text between two block boundaries: block-level tags (`p`, `li`, `td`,
   `h1`…, `div`, anything not in `INLINE_ELEMENTS`), declarations and processing
   instructions. Inside a run, inline tags, entities and comments are markup tokens, exactly
   like Markdown inline markup; the text pieces are masked by `markup.inline` (URLs,
   shortcodes, `{{ }}`); a line break between two words is joined as in a Markdown
   paragraph, one next to markup stays.
3. Whitespace (the ideographic `　　` indentation included), entities, `<br>`, comments and
   tags at either end of a run stay outside it, literal.
4. Left alone with their content: `SKIPPED_ELEMENTS` (script, style, code, pre, kbd, svg,
   math…) and any element with `translate="no"` or class `notranslate`. An inline one inside
   a run is one token; a block-level one ends the run.
5. A quoted `alt` or `title` attribute with letters is a block of its own (kind "html_attr");
   a run is cut around the tag that carries it.
"""

from __future__ import annotations

from html.parser import HTMLParser, attrfind_tolerant, tagfind_tolerant

from .inline import Piece, build_masked, is_translatable, mask_region, scan_pieces
from .placeholders import Masked
from .text import LETTER

__all__ = ["HTML_KINDS", "html_blocks"]

HTML_KINDS = ("html", "html_attr")
INLINE_ELEMENTS = frozenset(
    {
        "a", "abbr", "acronym", "b", "bdi", "bdo", "big", "br", "cite", "code", "data", "del",
        "dfn", "em", "font", "i", "img", "ins", "kbd", "label", "mark", "nobr", "q", "rp", "rt",
        "ruby", "s", "samp", "small", "span", "strike", "strong", "sub", "sup", "time", "tt", "u",
        "var", "wbr", "math", "svg",
    }
)
SKIPPED_ELEMENTS = frozenset(
    {"script", "style", "code", "pre", "kbd", "samp", "var", "svg", "math", "textarea", "template", "noscript"}
)
TRANSLATED_ATTRIBUTES = frozenset({"alt", "title"})
VOID_ELEMENTS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)

Event = tuple[str, int, int, str, list]  # (kind, start, end, tag name, attributes)


class _Events(HTMLParser):
    """Every tokenizer event with its start offset; ends are the next event's start."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.events: list[list] = []
        self._lines = [0]

    def read(self, text: str) -> list[Event]:
        self._lines = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
        self.feed(text)
        self.close()
        starts = [e[1] for e in self.events] + [len(text)]
        return [(e[0], e[1], starts[k + 1], e[2], e[3]) for k, e in enumerate(self.events)]

    def _add(self, kind: str, tag: str = "", attrs: list | None = None) -> None:
        line, col = self.getpos()
        start = self._lines[line - 1] + col
        if self.events and self.events[-1][1] == start:  # (close() can report the same spot twice)
            return
        self.events.append([kind, start, tag, attrs or []])

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self._add("start", tag, attrs)

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self._add("void", tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        self._add("end", tag)

    def handle_data(self, data: str) -> None:
        self._add("text")

    def handle_entityref(self, name: str) -> None:
        self._add("entity")

    def handle_charref(self, name: str) -> None:
        self._add("entity")

    def handle_comment(self, data: str) -> None:
        self._add("comment")

    def handle_decl(self, decl: str) -> None:
        self._add("decl")

    def handle_pi(self, data: str) -> None:
        self._add("decl")

    def unknown_decl(self, data: str) -> None:
        self._add("decl")


def html_blocks(body: str, hidden: str, start: int, end: int) -> list[tuple[int, int, str, Masked]]:
    """(start, end, kind, masked) of each translatable run of the HTML in `body[start:end]`;
    `hidden` is `body` with shortcode tags made opaque, same length (`shortcodes.hugo_view`)."""
    text = hidden[start:end]
    events = _Events().read(text)
    out: list[tuple[int, int, str, Masked]] = []
    run: list[tuple[bool, int, int]] = []  # the current run's pieces: (is markup, start, end)

    def flush() -> None:
        block = _finish(body, start, run)
        if block is not None:
            out.append(block)
        run.clear()

    k = 0
    while k < len(events):
        kind, a, b, tag, attrs = events[k]
        if kind in ("start", "void") and _skipped(tag, attrs):
            close = _element_end(events, k) if kind == "start" and tag not in VOID_ELEMENTS else k
            if tag in INLINE_ELEMENTS:
                run.append((True, a, events[close][2]))
            else:
                flush()
            k = close + 1
            continue
        if kind in ("start", "void"):
            attr_blocks = _attribute_blocks(body, start, a, text[a:b], attrs)
            if attr_blocks:
                flush()
                out.extend(attr_blocks)
                k += 1
                continue
        if kind == "text":
            run.append((False, a, b))
        elif kind in ("entity", "comment") or (kind in ("start", "void", "end") and tag in INLINE_ELEMENTS):
            run.append((True, a, b))
        else:
            flush()
        k += 1
    flush()
    return out


def _skipped(tag: str, attrs: list) -> bool:
    if tag in SKIPPED_ELEMENTS:
        return True
    for name, value in attrs:
        if name == "translate" and (value or "").strip().lower() == "no":
            return True
        if name == "class" and "notranslate" in (value or "").split():
            return True
    return False


def _element_end(events: list[Event], k: int) -> int:
    """Index of the event closing the element opened at `k` (same-name nesting counted);
    the last event when it never closes."""
    tag = events[k][3]
    depth = 0
    for j in range(k + 1, len(events)):
        kind, _, _, name, _ = events[j]
        if name != tag:
            continue
        if kind == "start":
            depth += 1
        elif kind == "end":
            if depth == 0:
                return j
            depth -= 1
    return len(events) - 1


def _attribute_blocks(body: str, base: int, at: int, raw: str, attrs: list) -> list[tuple[int, int, str, Masked]]:
    """Blocks for the quoted translated attributes of the start tag `raw` at offset `at`,
    found the way `html.parser` itself finds attributes in a tag."""
    if not any(name in TRANSLATED_ATTRIBUTES and value and LETTER.search(value) for name, value in attrs):
        return []
    out = []
    m = tagfind_tolerant.match(raw, 1)
    pos = m.end() if m else 1
    while pos < len(raw):
        m = attrfind_tolerant.match(raw, pos)
        if not m or m.end() == pos:
            break
        name, value = (m.group(1) or "").lower(), m.group(3)
        pos = m.end()
        if name not in TRANSLATED_ATTRIBUTES or not value or value[:1] not in "'\"" or value[-1:] != value[:1]:
            continue
        a = base + at + m.start(3) + 1
        b = base + at + m.end(3) - 1
        masked = mask_region(body[a:b], [])
        if a < b and is_translatable(masked):
            out.append((a, b, "html_attr", masked))
    return out


def _finish(body: str, base: int, pieces: list[tuple[bool, int, int]]) -> tuple[int, int, str, Masked] | None:
    """The run as a block: markup and whitespace at its ends left out, text pieces masked."""
    first, last = 0, len(pieces)
    while first < last and _outside(body, base, pieces[first]):
        first += 1
    while last > first and _outside(body, base, pieces[last - 1]):
        last -= 1
    kept = pieces[first:last]
    if not kept:
        return None
    start = base + kept[0][1]
    end = base + kept[-1][2]
    lead = len(body[start:end]) - len(body[start:end].lstrip())
    trail = len(body[start:end]) - len(body[start:end].rstrip())
    start, end = start + lead, end - trail
    scanned: list[Piece] = []
    for markup, a, b in kept:
        a, b = max(base + a, start), min(base + b, end)
        if markup:
            scanned.append((True, body[a:b]))
        else:
            scanned.extend(_text_pieces(body, a, b))
    masked = build_masked(scanned)
    return (start, end, "html", masked) if is_translatable(masked) else None


def _outside(body: str, base: int, piece: tuple[bool, int, int]) -> bool:
    markup, a, b = piece
    return markup or not body[base + a : base + b].strip()


def _text_pieces(body: str, a: int, b: int) -> list[Piece]:
    """A text piece masked as Markdown inline text is (URLs, shortcodes); a line break
    between two words is joined as in a paragraph, one next to markup (a tag, a shortcode)
    is kept as it is."""
    chunk = body[a:b]
    breaks = []
    kept = []
    i = chunk.find("\n")
    while i != -1:
        s = i
        while s > 0 and chunk[s - 1] in " \t\r":
            s -= 1
        e = i + 1
        while e < len(chunk) and chunk[e] in " \t\r":
            e += 1
        breaks.append((s, e))
        if s == 0 or e == len(chunk) or chunk[s - 1] in "}>" or chunk[e] in "{<":
            kept.append(s)
        i = chunk.find("\n", e)
    # `*`, `_`, `~` are no emphasis in HTML: text, so no tidying moves a space around them
    return [(markup and piece.strip("*_~") != "", piece) for markup, piece in scan_pieces(chunk, breaks, kept)]
