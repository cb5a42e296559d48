"""Hugo shortcodes in a Markdown body: find tags, pair them, hide whole-line ones from the parser.

Hugo expands shortcodes before Markdown, so a tag alone on its line is structure, not
prose: it is replaced by spaces (same length, same lines) before markdown-it parses the
body, and the text between paired tags is parsed as Markdown of its own. The content of
shortcodes in `VERBATIM_SHORTCODES` is not Markdown and is hidden from the parser whole.
Every other tag is an opaque word to the parser, as Hugo's placeholder is to Goldmark
(`hugo_view`): `[ref]: {{< relref "x" >}}` is a reference definition, a `|` inside a tag
does not split a table cell.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Container, Iterator, Mapping, Sequence

# Shortcodes whose inner content is code, data, HTML or math: never translated.
VERBATIM_SHORTCODES = frozenset(
    {
        "abcjs", "asciinema", "chart", "code", "codeblock", "csv", "diagram", "echarts",
        "flowchart", "graphviz", "highlight", "html", "json", "katex", "latex", "mapbox",
        "math", "mathjax", "mermaid", "nohighlight", "plantuml", "plotly", "raw",
        "rawhtml", "script", "sequence", "svg", "tex", "yaml",
    }
)

SHORTCODE_RE = re.compile(
    r"""\{\{(?:(?P<angle><)|%)
        (?P<esc>/\*)?\s*
        (?P<close>/)?\s*
        (?P<name>[\w.\-/]+)
        (?P<args>.*?)
        \s*(?P<self>/)?
        (?(esc)\s*\*/)
        (?(angle)>|%)\}\}""",
    re.S | re.X,
)
# Which parameters of which shortcodes are prose a reader sees (names, or 0-based positions
# as `.Get 1` counts): Hugo's built-ins and the common theme ones. `translate.toml`'s
# `[shortcodes]` table adds to and overrides it, one list per shortcode name.
PROSE_PARAMS: Mapping[str, tuple[str | int, ...]] = {
    "figure": ("alt", "attr", "caption", "title"),
    "youtube": ("title",), "vimeo": ("title",),
    "admonition": ("title", 1), "notice": ("title", 1), "alert": ("title",), "hint": ("title",),
    "callout": ("title",), "tip": ("title",), "warning": ("title",), "note": ("title",),
    "details": ("summary", "title", 0), "expand": (0,),
    "image": ("alt", "caption", "title"), "img": ("alt", "caption", "title"),
    "quote": ("author", "source", "caption"),
    "blocks/cover": ("title",), "blocks/lead": ("title",), "blocks/section": ("title",),
    "blocks/feature": ("title",), "card": ("header", "title", "subtitle", "footer"),
}
_PARAM_RE = re.compile(r'(?:(?P<name>[\w.\-]+)[ \t]*=[ \t]*)?(?P<value>"(?:[^"\\\n]|\\.)*"|`[^`]*`|[^\s"`=]+)')
OPAQUE = "\ue000"  # each character of a tag as the Markdown and HTML parsers see it
_BLANK_LINE_RE = re.compile(r"\n[ \t]*\n")
_PREFIX_RE = re.compile(r"[ \t>]*")


@dataclass(frozen=True)
class Tag:
    """One shortcode tag: `{{< name args >}}`, `{{< /name >}}`, `{{%/* name */%}}`..."""

    start: int
    end: int
    name: str
    closing: bool
    self_closing: bool
    escaped: bool
    args: str

    @property
    def verbatim(self) -> bool:
        """True when this opening tag's content is not Markdown."""
        if self.closing or self.self_closing:
            return False
        if self.name == "typeit":  # typeit renders Markdown unless told it shows code
            return "code" in self.args
        return self.name in VERBATIM_SHORTCODES


def match_tag(text: str, pos: int, end: int | None = None) -> Tag | None:
    """The shortcode tag starting exactly at `pos`, if any (a tag never spans a blank line)."""
    m = SHORTCODE_RE.match(text, pos, len(text) if end is None else end)
    if m is None or _BLANK_LINE_RE.search(m.group(0)):
        return None
    return Tag(
        m.start(), m.end(), m.group("name").strip("/"), bool(m.group("close")),
        bool(m.group("self")), bool(m.group("esc")), m.group("args"),
    )


def iter_tags(text: str, start: int = 0, end: int | None = None) -> Iterator[Tag]:
    """Every shortcode tag in `text[start:end]`, left to right."""
    stop = len(text) if end is None else end
    pos = text.find("{{", start, stop)
    while pos != -1:
        tag = match_tag(text, pos, stop)
        if tag is not None:
            yield tag
            pos = text.find("{{", tag.end, stop)
        else:
            pos = text.find("{{", pos + 2, stop)


def closing_index(tags: list[Tag], index: int) -> int | None:
    """Index in `tags` of the tag closing `tags[index]`, counting nested same-name pairs."""
    opening = tags[index]
    depth = 0
    for j in range(index + 1, len(tags)):
        tag = tags[j]
        if tag.name != opening.name or tag.escaped != opening.escaped or tag.self_closing:
            continue
        if not tag.closing:
            depth += 1
        elif depth == 0:
            return j
        else:
            depth -= 1
    return None


def verbatim_end(text: str, tag: Tag, end: int | None = None) -> int | None:
    """Where the verbatim pair opened by `tag` ends (after its closing tag), if it closes."""
    tags = [tag, *iter_tags(text, tag.end, end)]
    j = closing_index(tags, 0)
    return None if j is None else tags[j].end


def blank_shortcode_lines(body: str, protected_lines: Container[int]) -> str:
    """`body` with whole-line shortcode tags and verbatim pairs replaced by spaces.

    Lengths and line breaks are kept, so offsets and line numbers stay valid; tags that
    start on a protected line (code, raw HTML) and tags sharing a line with text are kept.
    """
    tags = list(iter_tags(body))
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(tags):
        tag = tags[i]
        if body.count("\n", 0, tag.start) in protected_lines:
            i += 1
            continue
        j = closing_index(tags, i) if tag.verbatim else None
        if j is not None:
            spans.append((tag.start, tags[j].end))
            i = j + 1
        else:
            spans.append((tag.start, tag.end))
            i += 1
    out = list(body)
    for start, end in _whole_line_groups(body, spans):
        for k in range(start, end):
            if body[k] != "\n":
                out[k] = " "
        # keep each continuation line's container prefix (`> `, indentation) as it is
        for nl in (k for k in range(start, end) if body[k] == "\n"):
            for p in range(nl + 1, _PREFIX_RE.match(body, nl + 1, end).end()):
                out[p] = body[p]
    return "".join(out)


def _whole_line_groups(body: str, spans: list[tuple[int, int]]) -> Iterator[tuple[int, int]]:
    """Runs of spans separated by spaces only, alone on their line(s) after `[ \\t>]*`."""
    groups: list[list[int]] = []
    for start, end in spans:
        if groups and body[groups[-1][1] : start].strip(" \t") == "":
            groups[-1][1] = end
        else:
            groups.append([start, end])
    for start, end in groups:
        line_start = body.rfind("\n", 0, start) + 1
        line_end = body.find("\n", end)
        line_end = len(body) if line_end == -1 else line_end
        before_ok = _PREFIX_RE.fullmatch(body, line_start, start) is not None
        if before_ok and body[end:line_end].strip(" \t\r") == "":
            yield start, end


def hugo_view(scan: str, protected_lines: Container[int]) -> str:
    """`scan` (from `blank_shortcode_lines`) with every other tag made one opaque word of
    the same length, line breaks and continuation-line prefixes kept; tags starting on a
    protected line (code) are left as they are."""
    out: list[str] | None = None
    for tag in iter_tags(scan):
        if scan.count("\n", 0, tag.start) in protected_lines:
            continue
        out = out if out is not None else list(scan)
        k = tag.start
        while k < tag.end:
            if scan[k] == "\n":
                k = _PREFIX_RE.match(scan, k + 1, tag.end).end()
                continue
            out[k] = OPAQUE
            k += 1
    return scan if out is None else "".join(out)


def prose_spans(body: str, tag: Tag, prose: Mapping[str, Sequence[str | int]]) -> list[tuple[int, int]]:
    """Offsets in `body` of the `"`-quoted values of `tag`'s prose parameters (inside the quotes)."""
    wanted = prose.get(tag.name)
    if not wanted or tag.closing or tag.escaped:
        return []
    m = SHORTCODE_RE.match(body, tag.start)
    if m is None:
        return []
    spans = []
    position = 0
    for param in _PARAM_RE.finditer(body, m.start("args"), m.end("args")):
        key: str | int = param.group("name") or position
        if param.group("name") is None:
            position += 1
        value = param.group("value")
        if key in wanted and value.startswith('"') and len(value) > 2:
            spans.append((param.start("value") + 1, param.end("value") - 1))
    return spans


def structure_tags(body: str, scan: str) -> list[Tag]:
    """The tags `blank_shortcode_lines` hid as structure (alone on their line), the content
    of verbatim pairs left out."""
    tags = list(iter_tags(body))
    out = []
    i = 0
    while i < len(tags):
        tag = tags[i]
        j = closing_index(tags, i) if tag.verbatim else None
        if scan[tag.start] != body[tag.start]:
            out.append(tag)
        i = j + 1 if j is not None else i + 1
    return out
