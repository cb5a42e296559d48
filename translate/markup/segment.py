"""Markdown body stage: split a body into translatable blocks, then put translations back.

Segmentation rules (the output is the source skeleton with block text swapped, never a
re-rendered AST):

1. The body is parsed by markdown-it (CommonMark + GFM tables and strikethrough,
   footnotes, definition lists, `$$` math) and located through the parser's line maps.
2. A block is the inline text of a paragraph, an ATX or setext heading, one table cell
   (header cells too), a definition term, or a paragraph inside a list item, blockquote,
   footnote definition or definition; its `kind` names the innermost container
   ("paragraph", "heading", "list_item", "blockquote", "table_cell", "footnote",
   "definition").
3. Never blocks: fenced and indented code, HTML comments, `$$` math
   blocks, link reference definitions, thematic breaks, blank lines, table alignment rows,
   container markers (`> `, `- `, `1. `, `: `), task boxes `[ ]`, alert markers `[!NOTE]`
   (an alert's title on the marker line is a block of its own).
4. A Hugo shortcode tag alone on its line is structure: it stays literal (but for the
   `"`-quoted values of its prose parameters, `shortcodes.PROSE_PARAMS`: each a block of
   kind "shortcode_param"), and the text
   between a paired tag and its closing tag is segmented as Markdown. The content of
   shortcodes in `VERBATIM_SHORTCODES` (highlight, raw, mermaid, math...) stays verbatim.
   Tags inside code or raw HTML blocks are not structure. Every other tag is an opaque word
   while markdown-it parses (Hugo hides shortcodes from Goldmark the same way), so
   reference definitions, tables and headings holding shortcodes are what Hugo sees.
5. The text inside a raw HTML block is segmented by `markup.html` (kinds "html" and
   "html_attr"); a block whose lines carry a blockquote's `>` stays literal.
6. Inside a block, inline markup is masked as placeholders (see `markup.inline`).
7. The lines of a multi-line block are joined (nothing next to CJK, one space between
   Latin characters), trailing-space hard breaks inside a sentence included; the block
   is written back on one line after the first line's prefix. Kept as markup, with their
   line breaks: backslash hard breaks, trailing-space hard breaks after a sentence end
   (`。` `.` `:`...), lines that are only `{.attributes}` or a `$` math fence, and
   markup that itself spans lines.
8. A block with no letter outside placeholders is not a block: it stays literal.
9. Table cell texts are kept on their row when assembled: line breaks become spaces and
   new `|` are escaped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping, Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token as MdToken
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.footnote import footnote_plugin

from .html import HTML_KINDS, html_blocks
from .inline import is_translatable, mask_region
from .placeholders import Masked
from .shortcodes import PROSE_PARAMS, blank_shortcode_lines, hugo_view, iter_tags, prose_spans, structure_tags

__all__ = ["Block", "Skeleton", "segment", "assemble", "extract_texts"]

_CONTAINERS = {
    "blockquote_open": "blockquote",
    "list_item_open": "list_item",
    "footnote_open": "footnote",
    "dd_open": "definition",
}
_CODE_TOKENS = {"fence", "code_block", "math_block", "math_block_label"}
_VERBATIM_TOKENS = _CODE_TOKENS | {"html_block"}
_TASK_BOX = re.compile(r"\[[ xX]\][ \t]+")
_ALERT = re.compile(r"\[![A-Za-z]+\][ \t]*")
_MARKERS = {"list_item": _TASK_BOX, "blockquote": _ALERT}
_BREAK = re.compile(r"[ \t]*\r?\n[ \t>]*")
_LINE_BREAK = re.compile(r"[ \t]*\r?\n\s*")
# a line starting like this would open a heading, list item, quote, fence or rule
_BLOCK_START = re.compile(
    r"#{1,6}(?=\s|$)|[-+*](?=\s)|\d{1,9}(?P<dot>[.)])(?=\s|$)|>|`{3,}|~{3,}|(?:[-*_][ \t]*){3,}$"
)
_UNESCAPED_PIPE = re.compile(r"(?<!\\)((?:\\\\)*)\|")
_UNESCAPED_QUOTE = re.compile(r'(?<!\\)((?:\\\\)*)"')


@dataclass(frozen=True)
class Block:
    """One translatable run of prose: where it starts and its masked text."""

    kind: str  # "paragraph" | "heading" | "list_item" | "blockquote" | "table_cell" | "footnote" | "definition"
    # | "html" | "html_attr" (`markup.html`) | "shortcode_param"
    line: int  # 1-based line in the body where the block starts
    masked: Masked


@dataclass(frozen=True)
class Skeleton:
    """The body as literal text and block indexes, in order."""

    parts: tuple[str | int, ...]
    blocks: tuple[Block, ...]


def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    return md.use(footnote_plugin).use(dollarmath_plugin).use(deflist_plugin)


_MD = _parser()


def segment(body: str, prose_params: Mapping[str, Sequence[str | int]] = PROSE_PARAMS) -> Skeleton:
    """Split a Markdown body (front matter removed) into literal parts and blocks;
    `prose_params` names the shortcode parameters that are prose (`shortcodes.PROSE_PARAMS`)."""
    starts = _line_starts(body)
    tokens = _MD.parse(body)
    protected: set[int] = set()
    code: set[int] = set()
    for token in tokens:
        if token.type in _VERBATIM_TOKENS and token.map:
            protected.update(range(*token.map))
            if token.type in _CODE_TOKENS:
                code.update(range(*token.map))
    scan = blank_shortcode_lines(body, protected)
    view = hugo_view(scan, code)
    if view != body:  # shortcodes were hidden: parse what Hugo's Markdown parser sees
        tokens = _MD.parse(view)
    spans = [(start, end, kind, mask_region(body[start:end], [(a - start, b - start) for a, b in breaks]))
             for start, end, kind, breaks in _block_spans(body, scan, view, tokens, starts)]
    spans += _html_spans(body, view, tokens, starts)
    spans += [(a, b, "shortcode_param", mask_region(body[a:b], []))
              for tag in structure_tags(body, scan) for a, b in prose_spans(body, tag, prose_params)]
    spans.sort(key=lambda span: span[0])

    parts: list[str | int] = []
    blocks: list[Block] = []
    pos = 0
    for start, end, kind, masked in spans:
        if start < pos:  # overlapping spans would duplicate text; keep the first
            continue
        if not is_translatable(masked):
            continue
        parts.append(body[pos:start])
        parts.append(len(blocks))
        blocks.append(Block(kind, body.count("\n", 0, start) + 1, masked))
        pos = end
    parts.append(body[pos:])
    return Skeleton(tuple(p for p in parts if p != ""), tuple(blocks))


def assemble(skeleton: Skeleton, texts: Sequence[str], exact: Sequence[bool] = ()) -> str:
    """The body with `texts[i]` (final, restored text) in place of `skeleton.blocks[i]`.

    A machine translation cannot change the block structure: surrounding whitespace is
    dropped, a one-line block stays one line, and a new leading `#`, `-`, `>`, `1.` is
    escaped. A text marked `exact` (a person's) goes in as it is: hard breaks, blank lines
    and all."""
    if len(texts) != len(skeleton.blocks):
        raise ValueError(f"{len(texts)} texts for {len(skeleton.blocks)} blocks")
    out = []
    for part in skeleton.parts:
        if isinstance(part, int):
            exactly = part < len(exact) and exact[part]
            out.append(texts[part] if exactly else _structure_safe(texts[part], skeleton.blocks[part]))
        else:
            out.append(part)
    return "".join(out)


def extract_texts(skeleton: Skeleton, body: str) -> list[str] | None:
    """The block texts of `body` read back through the skeleton it was assembled from
    (e.g. a sibling), or None when its literal parts no longer match (edited structure).

    Unlike segmenting the body again, this keeps blocks whose translation has no letters
    left (`2025年` -> `2025`), so block i of the source is always text i here."""
    pattern = "".join(
        "(.*?)" if isinstance(part, int) else re.escape(part) for part in skeleton.parts
    )
    m = re.fullmatch(pattern, body, re.S)
    return list(m.groups()) if m else None


def _structure_safe(text: str, block: Block) -> str:
    source = block.masked.source_text()
    text = text.strip()
    if "\n" not in source:
        text = _LINE_BREAK.sub(" ", text)
    if block.kind in HTML_KINDS:  # not Markdown: no marker can open a block here
        return text.replace('"', "&quot;").replace("'", "&#39;") if block.kind == "html_attr" else text
    if block.kind == "shortcode_param":  # inside "…": a new quote is escaped as Hugo reads it
        return _UNESCAPED_QUOTE.sub(lambda m: m.group(1) + '\\"', text)
    marker = _BLOCK_START.match(text)
    if marker and block.kind not in ("heading", "table_cell") and not _BLOCK_START.match(source):
        cut = marker.start("dot") if marker.group("dot") else 0  # `1\.`, `\#`, `\-`, `\>`
        text = text[:cut] + "\\" + text[cut:]
    if block.kind == "table_cell":  # a `|` inside a shortcode tag splits no cell
        tags = [(tag.start, tag.end) for tag in iter_tags(text)]
        text = _UNESCAPED_PIPE.sub(
            lambda m: m.group(0) if any(a <= m.start() < b for a, b in tags) else m.group(1) + "\\|", text)
    return text


Span = tuple[int, int, str, list[tuple[int, int]]]  # start, end, kind, line breaks


def _line_starts(body: str) -> list[int]:
    starts = [0]
    # lines end where markdown-it ends them: at CRLF, LF or a lone CR (old Mac files)
    starts.extend(m.end() for m in re.finditer("\r\n|\r|\n", body))
    return starts


def _html_spans(body: str, view: str, tokens: list[MdToken], starts: list[int]) -> list[tuple[int, int, str, Masked]]:
    """The runs of text in the raw HTML blocks (`markup.html`), outside blockquotes."""
    out = []
    for token in tokens:
        if token.type != "html_block" or not token.map:
            continue
        first, last = token.map
        lines = [_line(view, starts, n) for n in range(first, min(last, len(starts)))]
        if any(line.lstrip(" \t").startswith(">") for line in lines) and token.level:
            continue
        end = starts[last] if last < len(starts) else len(body)
        out += html_blocks(body, view, starts[first], end)
    return out


def _block_spans(body: str, scan: str, view: str, tokens: list[MdToken], starts: list[int]) -> list[Span]:
    spans: list[Span] = []
    stack: list[str] = []
    fresh = False  # the next inline is the first of its list item or blockquote
    cells: dict[int, int] = {}  # row line -> next cell index
    for index, token in enumerate(tokens):
        if token.type in _CONTAINERS:
            stack.append(_CONTAINERS[token.type])
            fresh = True
        elif stack and _CONTAINERS.get(token.type.replace("_close", "_open")) == stack[-1]:
            stack.pop()  # (the footnote plugin can emit unbalanced closes on odd input)
        if token.type != "inline" or not token.map or index == 0:
            continue
        parent = tokens[index - 1].type
        container = stack[-1] if stack else "paragraph"
        if parent in ("th_open", "td_open"):
            line = token.map[0]
            cell = cells.get(line, 0)
            cells[line] = cell + 1
            span = _cell_span(view, starts, line, cell)
        elif parent == "heading_open" and tokens[index - 1].markup.startswith("#"):
            span = _atx_span(view, starts, token)
        elif parent in ("paragraph_open", "heading_open", "dt_open"):
            span = _lines_span(view, starts, token)
        else:
            continue
        if span is None:
            continue
        kind = {"heading_open": "heading", "dt_open": "definition"}.get(parent, container)
        pieces = [span]
        if parent in ("th_open", "td_open"):
            kind = "table_cell"
        elif fresh and kind in _MARKERS:
            pieces = _skip_prefix(body, _MARKERS[kind], *span)
        fresh = False
        for start, end, breaks in pieces:
            if start < end and _is_plain_span(body, scan, start, end, breaks):
                spans.append((start, end, kind, breaks))
    return spans


def _is_plain_span(body: str, scan: str, start: int, end: int, breaks: list) -> bool:
    """True when the span holds no hidden shortcode and its breaks are only line breaks and
    container prefixes, so joining it loses nothing (else it stays literal)."""
    if body[start:end] != scan[start:end]:
        return False
    return all(_BREAK.fullmatch(body, a, b) for a, b in breaks)


def _line(scan: str, starts: list[int], n: int) -> str:
    end = starts[n + 1] - 1 if n + 1 < len(starts) else len(scan)
    return scan[starts[n] : end]


def _locate(line: str, content: str) -> tuple[int, int] | None:
    """Columns of `content` (one line of markdown-it's inline text) in its source line."""
    text = content.strip()
    if not text:
        return None
    for end in (len(line.rstrip(" \t\r")), len(line.rstrip())):
        start = end - len(text)
        if start >= 0 and line[start:end] == text:
            return start, end
    start = line.rfind(text)
    return (start, start + len(text)) if start != -1 else None


def _lines_span(scan: str, starts: list[int], token: MdToken) -> tuple[int, int, list] | None:
    first = token.map[0]
    ranges = []
    for k, content in enumerate(token.content.split("\n")):
        cols = _locate(_line(scan, starts, first + k), content)
        if cols is None:
            return None
        ranges.append((starts[first + k] + cols[0], starts[first + k] + cols[1]))
    breaks = [(ranges[k][1], ranges[k + 1][0]) for k in range(len(ranges) - 1)]
    return ranges[0][0], ranges[-1][1], breaks


def _atx_span(scan: str, starts: list[int], token: MdToken) -> tuple[int, int, list] | None:
    line = _line(scan, starts, token.map[0])
    text = token.content
    if not text:
        return None
    col = line.find(text, line.find("#") + 1)
    if col == -1:
        return None
    base = starts[token.map[0]]
    return base + col, base + col + len(text), []


def _cell_span(scan: str, starts: list[int], n: int, cell: int) -> tuple[int, int, list] | None:
    line = _line(scan, starts, n)
    prefix = re.match(r"[ \t>]*", line).end()
    bounds = [prefix - 1] + [m.end() - 1 for m in _UNESCAPED_PIPE.finditer(line, prefix)]
    bounds.append(len(line))
    cells = [(bounds[k] + 1, bounds[k + 1]) for k in range(len(bounds) - 1)]
    if cells and line[cells[0][0] : cells[0][1]].strip() == "" and line[prefix:prefix + 1] == "|":
        cells = cells[1:]  # leading pipe
    if cell >= len(cells):
        return None
    a, b = cells[cell]
    raw = line[a:b]
    stripped = raw.strip(" \t")
    if not stripped:
        return None
    a += len(raw) - len(raw.lstrip(" \t"))
    return starts[n] + a, starts[n] + a + len(stripped), []


def _skip_prefix(body: str, pattern: re.Pattern[str], start: int, end: int,
                 breaks: list[tuple[int, int]]) -> list[tuple[int, int, list]]:
    """The block without its task box or alert marker; an alert's title is a block of its own."""
    m = pattern.match(body, start, end)
    if m is None:
        return [(start, end, breaks)]
    if not breaks:
        return [(m.end(), end, [])]
    first_line_end = breaks[0][0]
    rest = (breaks[0][1], end, breaks[1:])
    if m.end() >= first_line_end:
        return [rest]
    if pattern is _ALERT:  # `> [!NOTE] Title` keeps its title on the marker line
        return [(m.end(), first_line_end, []), rest]
    return [(m.end(), end, breaks)]
