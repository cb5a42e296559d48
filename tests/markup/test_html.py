"""Raw HTML inside Markdown: text between tags becomes blocks, every other byte stays."""

from __future__ import annotations

import os
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from translate.markup.segment import assemble, segment

PIECES = st.sampled_from(
    ["<div>", "</div>", "<p class=\"x\">", "</p>", "<span>", "</span>", "<a href=\"u\">", "</a>", "<b>", "<br/>",
     "<td>", "<tr>", "<table>", "</table>", "<img alt=\"图\" src=\"i.png\">", "<img alt=x>", "<code>代码</code>",
     "<pre>", "</pre>", "<script>", "</script>", "<!-- 注 -->", "<!--", "&nbsp;", "&amp;", "&#169;", "&bogus",
     "<", ">", "</", "\"", "'", "{{< ref \"a.md\" >}}", "{{<figure src=\"a\">}}", "　　", " ", "\n", "中文", "词",
     "word", "。", "*", "_", "`", "[", "]", "<p translate=\"no\">", "<svg>", "</svg>", "<font color=red>"]
)
HTMLISH = st.lists(PIECES, min_size=1, max_size=30).map(lambda parts: "<div>" + "".join(parts) + "\n")


@settings(max_examples=int(os.environ.get("N", 300)), deadline=None)
@given(HTMLISH)
def test_any_html_block_keeps_every_byte_but_its_text(body: str) -> None:
    """Marked text put back in place: the markers aside, the block is the source (line breaks
    between words joined, nothing else)."""
    skeleton = segment(body)
    out = assemble(skeleton, [f"⟦{b.masked.source_text()}⟧" for b in skeleton.blocks])
    squeeze = re.compile(r"[ \t\n]+")
    assert squeeze.sub("", out.replace("⟦", "").replace("⟧", "")) == squeeze.sub("", body)
    for block in skeleton.blocks:
        text = block.masked.source_text()
        assert text == text.strip() and text


@pytest.mark.parametrize(
    "body, texts",
    [
        ('<p>　　<span><a href="u">东方财富</a></span>发布了年报。</p>\n', ["东方财富{0}发布了年报。"]),
        ("<ul><li>一</li><li>二 <em>强调</em></li></ul>\n", ["一", "二 {0}强调"]),
        ('<img src="a.png" alt="说明" title=\'标题\'>\n', ["说明", "标题"]),
        ("<div><pre>代码</pre><script>var s='脚本'</script><code>码</code></div>\n", []),
        ('<p translate="no">不译</p><p class="notranslate x">也不译</p><p>译</p>\n', ["译"]),
        ("<p>用 <code>pip 安装</code> 和 <kbd>Ctrl</kbd> 键</p>\n", ["用 {0} 和 {1} 键"]),
        ("<p>未闭合 <b>粗体\n</div>\n", ["未闭合 {0}粗体"]),
        ("<p>第一行\n第二行</p>\n", ["第一行第二行"]),
        ('<div> {{<figure src="a.png">}}\n架构\n</div>\n', ["{0}架构"]),
        ("<p>a * b 和 x_y</p>\n", ["a * b 和 x_y"]),
    ],
    ids=["news", "list", "attributes", "skipped", "translate-no", "inline-code", "malformed", "joined",
         "shortcode", "no-emphasis"],
)
def test_html_runs(body: str, texts: list[str]) -> None:
    blocks = segment(body).blocks
    assert [b.masked.text for b in blocks] == texts
    assert all(b.kind in ("html", "html_attr") for b in blocks)


def test_a_translated_attribute_escapes_its_quotes() -> None:
    skeleton = segment('<img alt="说明" src="a.png">\n')
    assert assemble(skeleton, ['the "note"']) == '<img alt="the &quot;note&quot;" src="a.png">\n'


def test_an_html_block_inside_a_blockquote_stays_literal() -> None:
    assert segment("> <div>\n> 引用中的 HTML\n> </div>\n").blocks == ()


def test_translated_html_text_is_not_escaped_as_markdown() -> None:
    skeleton = segment("<p>段落</p>\n")
    assert assemble(skeleton, ["# 1. - not markdown here"]) == "<p># 1. - not markdown here</p>\n"
    assert re.search(r"\\", assemble(skeleton, ["- item"])) is None
