"""Real Hugo posts through the pure Markdown stage: everything that is not prose survives.

Each corpus body is segmented, pseudo-translated, restored and assembled; every piece of
markup found in the source must appear byte-identical and equally often in the output, and
the output must parse into the same block structure.
"""

from __future__ import annotations

import re

import pytest
from markdown_it import MarkdownIt
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.dollarmath import dollarmath_plugin
from mdit_py_plugins.footnote import footnote_plugin

from translate.engines.pseudo import PseudoEngine
from translate.markup.segment import assemble, segment
from translate.markup.shortcodes import iter_tags
from translate.pipeline.rounds import translate_masked

from support.paths import CORPUS, require

FILES = sorted(CORPUS.glob("*.md")) if CORPUS.is_dir() else []

MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])
MD.use(footnote_plugin).use(dollarmath_plugin).use(deflist_plugin)

INLINE_PATTERNS = {
    "inline code": re.compile(r"(?<![`\\])(`+)(?!`)[^\n]+?(?<!`)\1(?!`)"),
    "url": re.compile(r"(?:https?|ftp)://[\w\-.~:/?#@!$&*+,;=%]*[\w/#=-]", re.A),
    "html tag": re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>\n]*)?/?>"),
    "html comment": re.compile(r"<!--.*?-->", re.S),
    "inline math": re.compile(r"\$(?=[^\s$])[^$\n`]*?[^\s\\$`]\$(?!\d)|\\\\?\([^\n`]*?\\\\?\)"),
    "heading id": re.compile(r"\{#[^}\n]+\}"),
    "attributes": re.compile(r"\{\.[^}\n]+\}"),
    "link reference definition": re.compile(r"^ {0,3}\[[^^\]\n][^\]\n]*\]:[ \t]*\S+.*$", re.M),
    "table alignment row": re.compile(r"^[ \t>]*\|?(?:[ \t]*:?-+:?[ \t]*\|)+[ \t]*:?-*:?[ \t]*$", re.M),
}
VERBATIM_BLOCKS = {"fence", "code_block", "html_block", "math_block"}


def split_front_matter(text: str) -> str:
    """The body: text after YAML `---`, TOML `+++` or JSON `{…}` front matter."""
    for fence in ("---", "+++"):
        if text.startswith(fence + "\n"):
            end = text.index("\n" + fence, len(fence))
            return text[text.index("\n", end + 1) + 1 :]
    if text.startswith("{\n"):
        return text[text.index("\n}\n") + 3 :]
    return text


def markup_items(body: str) -> dict[str, list[str]]:
    """Every piece of markup in `body`, by kind (code blocks as their raw source lines)."""
    lines = body.splitlines(keepends=True)
    items: dict[str, list[str]] = {}
    for token in MD.parse(body):
        if token.type in VERBATIM_BLOCKS and token.map:
            raw = "".join(lines[token.map[0] : token.map[1]]).rstrip("\n")
            if raw.strip():
                items.setdefault(token.type, []).append(raw)
    items["shortcode"] = [body[t.start : t.end] for t in iter_tags(body)]
    for kind, pattern in INLINE_PATTERNS.items():
        items[kind] = [m.group(0) for m in pattern.finditer(body)]
    return items


class ShoutingEngine(PseudoEngine):
    """The pseudo engine, shouting its words so that any markup left unmasked would come out
    changed (placeholders `{n}` have no letters to change)."""

    def translate(self, segments, source, target):
        return super().translate([s.upper() for s in segments], source, target)


def pseudo_sibling(body: str) -> tuple[str, int]:
    """Every block through the pipeline's rounds with the shouting engine, then assembled."""
    skeleton = segment(body)
    translated = translate_masked(ShoutingEngine(), [block.masked for block in skeleton.blocks], "zh-CN", "en")
    # every placeholder came back once, and every sentence renders to its source's elements
    assert [t.findings for t in translated] == [() for _ in translated]
    out = assemble(skeleton, [t.text for t in translated])
    return out, len(skeleton.blocks)


def block_structure(body: str) -> list[str]:
    return [f"{t.type}:{t.tag}" for t in MD.parse(body) if t.block]


@pytest.fixture(scope="module", params=FILES, ids=lambda p: p.name[:60])
def corpus_case(request: pytest.FixtureRequest) -> tuple[str, str, int]:
    require(FILES, f"the shared corpus at {CORPUS}")
    body = split_front_matter(request.param.read_text(encoding="utf-8"))
    out, blocks = pseudo_sibling(body)
    return body, out, blocks


def test_corpus_is_present() -> None:
    require(CORPUS.is_dir(), f"the shared corpus at {CORPUS}")
    assert len(FILES) >= 30


def test_every_block_is_translated_once(corpus_case: tuple[str, str, int]) -> None:
    body, out, blocks = corpus_case
    assert blocks > 0
    assert out.count("⟦en⟧") == out.count("⟦/en⟧") == blocks


@pytest.mark.parametrize("kind", sorted(VERBATIM_BLOCKS | {"shortcode", *INLINE_PATTERNS}))
def test_markup_survives_byte_for_byte(corpus_case: tuple[str, str, int], kind: str) -> None:
    body, out, _ = corpus_case
    if kind in ("shortcode", "html_block"):  # their prose (parameters, text between tags) is translated
        out = out.replace("⟦en⟧", "").replace("⟦/en⟧", "").lower()  # in place: the same bytes but for
        body = body.lower()  # the pseudo spans (which upper-case Latin)
    for item in sorted(set(markup_items(body).get(kind, []))):
        assert out.count(item) == body.count(item), f"{kind} changed: {item[:120]!r}"


def test_output_has_the_same_block_structure(corpus_case: tuple[str, str, int]) -> None:
    body, out, _ = corpus_case
    assert block_structure(out) == block_structure(body)


def test_segmenting_is_deterministic(corpus_case: tuple[str, str, int]) -> None:
    body, out, _ = corpus_case
    assert pseudo_sibling(body)[0] == out


def test_the_corpus_exercises_every_kind_of_markup() -> None:
    require(FILES, f"the shared corpus at {CORPUS}")
    seen: set[str] = set()
    for path in FILES:
        items = markup_items(split_front_matter(path.read_text(encoding="utf-8")))
        seen.update(kind for kind, found in items.items() if found)
    assert seen >= VERBATIM_BLOCKS | {"shortcode", *INLINE_PATTERNS}
