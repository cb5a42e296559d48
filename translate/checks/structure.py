"""The rendered-structure check: a translation renders to the same elements as its source.

Both texts are parsed inline with markdown-it (the segmenter's CommonMark + GFM strikethrough
+ footnotes; every reference label resolves, so `[x][ref]` is a link in both without the
page's definitions) and compared as the sequence of elements with their non-text
attributes: links and their destinations, images, code spans, inline HTML tags and
comments, hard breaks. Emphasis is compared by count: each `em`/`strong`/`s` of the source
must still be there; one more in the translation is a source's literal `**` that now pairs,
not a loss. And no markup character (`*`, `_`, `~`, `` ` ``, `[`, `]`) may show as text more
often than in the source: a marker that no longer pairs is literal text on the page. `$` is text here as it
is for Goldmark, so an amount rendered `$5 billion` is not math.
"""

from __future__ import annotations

from collections import Counter

from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin

from ..problems import ERROR, Problem

_MD = MarkdownIt("commonmark").enable(["table", "strikethrough"]).use(footnote_plugin)
_EMPHASIS = {"em_open", "strong_open", "s_open"}
_IGNORED = {"text", "softbreak", "em_close", "strong_close", "s_close"}
_DROPPED_ATTRS = {"alt", "title"}  # their words are translated
_MARKUP_CHARS = frozenset("*_~`[]<>&\\!")
_LITERAL_MARKERS = "*_~`[]"

Shape = tuple[tuple[tuple, ...], Counter]  # (elements in order, emphasis and literal marker counts)


class _AnyReference(dict):
    """Reference definitions in which every label resolves."""

    def get(self, key: object, default: object = None) -> dict[str, str]:
        return {"href": "#", "title": ""}


def shape(text: str) -> Shape:
    """The elements `text` renders to, in order; how many of each emphasis kind, and of each
    markup character left as text."""
    tokens = _MD.parseInline(text, {"references": _AnyReference()})
    elements: list[tuple] = []
    emphasis: Counter = Counter()
    for token in tokens[0].children or []:
        if token.type in _EMPHASIS:
            emphasis[token.type] += 1
        elif token.type == "text":
            emphasis.update(c for c in token.content if c in _LITERAL_MARKERS)
        elif token.type not in _IGNORED:
            attrs = tuple(sorted((k, str(v)) for k, v in token.attrs.items() if k not in _DROPPED_ATTRS))
            content = token.content if token.type in ("code_inline", "html_inline") else ""
            elements.append((token.type, attrs, content))
    return tuple(elements), emphasis


def structure_findings(source: str, translation: str) -> list[Problem]:
    """An ERROR when `translation` does not render to the elements `source` renders to."""
    if not (_MARKUP_CHARS.intersection(source) or _MARKUP_CHARS.intersection(translation)):
        return []
    (want, want_emphasis), (got, got_emphasis) = shape(source), shape(translation)
    lost = [kind.removesuffix("_open") for kind in _EMPHASIS if got_emphasis[kind] < want_emphasis[kind]]
    literal = [c for c in _LITERAL_MARKERS if got_emphasis[c] > want_emphasis[c]]
    if want == got and not lost and not literal:
        return []
    if want != got:
        what = _first_difference(want, got)
    elif lost:
        what = f"{', '.join(sorted(lost))} emphasis no longer renders (a marker was lost or moved)"
    else:
        what = f"{' '.join(literal)} shows as literal text (a marker no longer pairs)"
    return [Problem("structure", f"the translation renders differently from the source: {what}", ERROR,
                    hint="fix the translation's markup so it matches the source")]


def _first_difference(want: tuple[tuple, ...], got: tuple[tuple, ...]) -> str:
    for k, (a, b) in enumerate(zip(want, got)):
        if a != b:
            return f"element {k + 1} is {_name(b)}, the source has {_name(a)}"
    if len(want) > len(got):
        return f"{_name(want[len(got)])} is missing"
    return f"{_name(got[len(want)])} is new"


def _name(element: tuple) -> str:
    kind, attrs, content = element
    detail = content or " ".join(f"{k}={v}" for k, v in attrs)
    return f"{kind} {detail!r}" if detail else kind
