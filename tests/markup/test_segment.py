"""The Markdown body stage: segmentation rules, golden files, hostile translators."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from translate.checks.placeholders import placeholder_findings
from translate.engines.pseudo import PseudoEngine
from translate.markup.placeholders import PLACEHOLDER_RE, Masked
from translate.markup.segment import Skeleton, assemble, extract_texts, segment
from translate.pipeline.rounds import translate_masked

CASES = Path(__file__).parent / "cases"
CASE_FILES = sorted(p for p in CASES.glob("*.md") if not p.name.endswith(".expect.md"))


def read(path: Path) -> str:
    with open(path, encoding="utf-8", newline="") as f:  # keep CRLF cases as they are
        return f.read()


def pseudo_translate(body: str) -> str:
    """Segment, pseudo-translate every block through the pipeline's rounds (which restore), assemble."""
    skeleton = segment(body)
    translated = translate_masked(PseudoEngine(), [block.masked for block in skeleton.blocks], "zh-CN", "en")
    assert not [f for t in translated for f in t.findings]
    return assemble(skeleton, [t.text for t in translated])


def source_texts(skeleton: Skeleton) -> list[str]:
    return [block.masked.source_text() for block in skeleton.blocks]


# --- golden files -------------------------------------------------------------------


@pytest.mark.parametrize("case", CASE_FILES, ids=lambda p: p.stem)
def test_golden(case: Path) -> None:
    expect_path = case.with_name(case.stem + ".en.expect.md")
    got = pseudo_translate(read(case))
    if os.environ.get("UPDATE_GOLDEN") == "1":
        with open(expect_path, "w", encoding="utf-8", newline="") as f:
            f.write(got)
    assert expect_path.exists(), f"no {expect_path.name}: run with UPDATE_GOLDEN=1 and review it"
    assert got == read(expect_path)


def test_there_are_enough_golden_cases() -> None:
    assert len(CASE_FILES) >= 8


@pytest.mark.parametrize("case", CASE_FILES, ids=lambda p: p.stem)
def test_source_texts_give_the_body_back_modulo_joined_lines(case: Path) -> None:
    body = read(case)
    skeleton = segment(body)
    out = assemble(skeleton, source_texts(skeleton))
    # joining lines only removes line breaks, container prefixes and spaces
    squeeze = re.compile(r"[\s>]+")
    assert squeeze.sub("", out) == squeeze.sub("", body)


@pytest.mark.parametrize("case", CASE_FILES, ids=lambda p: p.stem)
def test_second_segmentation_of_the_output_is_stable(case: Path) -> None:
    """Assembling source texts and segmenting again gives the same blocks' text."""
    skeleton = segment(read(case))
    again = segment(assemble(skeleton, source_texts(skeleton)))
    assert [b.masked.text for b in again.blocks] == [b.masked.text for b in skeleton.blocks]


# --- hostile translators ------------------------------------------------------------


def reorder_placeholders(masked: Masked) -> str:
    """A translation that keeps the words but puts the placeholders in reverse order."""
    pieces = masked.pieces()
    indexes = [p for p in pieces if isinstance(p, int)][::-1]
    it = iter(indexes)
    return "".join("{%d}" % next(it) if isinstance(p, int) else p for p in pieces)


@pytest.mark.parametrize("case", CASE_FILES, ids=lambda p: p.stem)
def test_reordered_placeholders_restore_every_markup_span_once(case: Path) -> None:
    skeleton = segment(read(case))
    for block in skeleton.blocks:
        hostile = reorder_placeholders(block.masked)
        assert placeholder_findings(hostile, block.masked) == []
        restored = Masked(hostile, block.masked.tokens).source_text()
        assert sorted(restored) == sorted(block.masked.source_text())
        for token in block.masked.tokens:
            assert restored.count(token.source) >= 1


@pytest.mark.parametrize(
    "mutate, message",
    [
        (lambda text: PLACEHOLDER_RE.sub("", text, count=1), "dropped"),
        (lambda text: text + " " + PLACEHOLDER_RE.search(text).group(0), "repeated"),
        (lambda text: text + " {99}", "invented"),
    ],
    ids=["drop", "duplicate", "invent"],
)
def test_damaged_placeholders_are_reported(mutate, message: str) -> None:
    skeleton = segment("请访问[网站](https://example.com)和`代码`。\n")
    masked = skeleton.blocks[0].masked
    findings = placeholder_findings(mutate(masked.text), masked)
    assert findings and message in findings[0].message


# --- segmentation rules -------------------------------------------------------------


@pytest.mark.parametrize(
    "body, expected",
    [
        ("# 标题\n", [("heading", 1, "标题")]),
        ("段落\n", [("paragraph", 1, "段落")]),
        ("- 项\n  - 嵌套\n", [("list_item", 1, "项"), ("list_item", 2, "嵌套")]),
        ("> 引用\n>> 嵌套\n", [("blockquote", 1, "引用"), ("blockquote", 2, "嵌套")]),
        ("| 甲 | 乙 |\n|---|---|\n| 丙 | 1 |\n",
         [("table_cell", 1, "甲"), ("table_cell", 1, "乙"), ("table_cell", 3, "丙")]),
        ("文[^1]\n\n[^1]: 脚注\n", [("paragraph", 1, "文{0}"), ("footnote", 3, "脚注")]),
        ("- [ ] 待办\n", [("list_item", 1, "待办")]),
        ("> [!TIP]\n> 提示\n", [("blockquote", 2, "提示")]),
        ("> [!TIP] 标题\n> 提示\n", [("blockquote", 1, "标题"), ("blockquote", 2, "提示")]),
        ("标题\n===\n", [("heading", 1, "标题")]),
        ("术语\n: 定义\n", [("definition", 1, "术语"), ("definition", 2, "定义")]),
    ],
    ids=["atx", "paragraph", "nested-list", "nested-quote", "table", "footnote", "task",
         "alert", "alert-title", "setext", "deflist"],
)
def test_block_kinds_lines_and_text(body: str, expected: list[tuple[str, int, str]]) -> None:
    blocks = segment(body).blocks
    assert [(b.kind, b.line, b.masked.text) for b in blocks] == expected


@pytest.mark.parametrize(
    "body",
    [
        "```\n代码\n```\n",
        "    缩进代码\n",
        "<pre>\nHTML 代码\n</pre>\n",
        "<div><script>var s = '脚本';</script><p translate=\"no\">不译</p></div>\n",
        "<!-- 注释 -->\n",
        "$$\n公式\n$$\n",
        "[参考]: https://example.com \"标题\"\n",
        "---\n",
        "{{< highlight go >}}\n// 注释\n{{< /highlight >}}\n",
        "{{< mermaid >}}\ngraph TD; A[开始]\n{{< /mermaid >}}\n",
        "{{< figure src=\"a.png\" class=\"图\" >}}\n",
        "{{< unknown src=\"a.png\"\n    caption=\"说明\" >}}\n",
        "```\n{{< figure caption=\"代码里\" >}}\n```\n",
        "{{</* figure caption=\"转义的示例\" */>}}\n",
        "`代码` [](https://example.com) 123 ！\n",
        "\n\n   \n",
        "",
    ],
    ids=["fence", "indented", "html-pre", "html-skipped", "comment", "math", "refdef", "hr", "highlight",
         "mermaid", "figure-no-prose", "unknown-shortcode", "in-code", "escaped", "markup-only", "blank", "empty"],
)
def test_never_blocks(body: str) -> None:
    skeleton = segment(body)
    assert skeleton.blocks == ()
    assert assemble(skeleton, []) == body


@pytest.mark.parametrize(
    "body, joined",
    [
        ("中文\n继续\n", "中文继续"),
        ("English\nwords\n", "English words"),
        ("中文\nEnglish\n", "中文English"),
        ("DeepSeek   \nR1模型\n", "DeepSeek R1模型"),
        ("> 引用\n> 第二行\n", "引用第二行"),
        ("- 列表\n  续行\n", "列表续行"),
    ],
)
def test_multi_line_blocks_are_joined(body: str, joined: str) -> None:
    skeleton = segment(body)
    assert [b.masked.text for b in skeleton.blocks] == [joined]
    assert assemble(skeleton, ["X"]).count("\n") == 1


@pytest.mark.parametrize(
    "body, kept",
    [
        ("第一句。  \n第二句\n", "  \n"),
        ("反斜杠\\\n换行\n", "\\\n"),
        ("段落\n{.class}\n", "\n{.class}"),
        ("公式：\n$\nx = 1\n$\n", "$\nx = 1\n$"),
    ],
    ids=["sentence-end-hard-break", "backslash-break", "attribute-line", "math-lines"],
)
def test_deliberate_line_breaks_stay_as_markup(body: str, kept: str) -> None:
    skeleton = segment(body)
    assert any(kept in t.source for t in skeleton.blocks[0].masked.tokens)
    assert assemble(skeleton, source_texts(skeleton)) == body


def test_body_round_trips_byte_for_byte_when_blocks_are_single_lines() -> None:
    body = (
        "# 标题 {#id}\n\n段落 **粗体** [链接](https://x.com \"t\")。   \n\n"
        "- 一\n  1. 二\n\n> 引用\n\n| a | 乙 |\n|:-|-:|\n| `c` | 丁 |\n\n"
        "```go\n代码\n```\n\n<!--more-->\n\n{{< admonition >}}\n内容\n{{< /admonition >}}\n"
    )
    skeleton = segment(body)
    assert len(skeleton.blocks) == 9
    assert assemble(skeleton, source_texts(skeleton)) == body


def test_crlf_bodies_keep_their_line_endings() -> None:
    body = "第一段\r\n\r\n## 标题\r\n\r\n| 甲 | 乙 |\r\n|---|---|\r\n| 丙 | 丁 |\r\n"
    skeleton = segment(body)
    assert [b.masked.text for b in skeleton.blocks] == ["第一段", "标题", "甲", "乙", "丙", "丁"]
    assert assemble(skeleton, source_texts(skeleton)) == body


def test_shortcodes_inside_code_fences_are_not_structure() -> None:
    body = "```\n{{< admonition >}}\n代码\n{{< /admonition >}}\n```\n"
    assert segment(body).blocks == ()


def test_paired_markdown_shortcode_content_is_segmented_and_tags_stay_literal() -> None:
    body = "{{% notice %}}\n一段 **提示**\n\n第二段\n{{% /notice %}}\n"
    skeleton = segment(body)
    assert [b.masked.text for b in skeleton.blocks] == ["一段 {0}提示{1}", "第二段"]
    out = assemble(skeleton, ["A", "B"])
    assert out == "{{% notice %}}\nA\n\nB\n{{% /notice %}}\n"


def test_verbatim_shortcode_inline_is_one_token() -> None:
    body = "公式 {{< raw >}}\\(a_b\\){{< /raw >}} 在句中\n"
    masked = segment(body).blocks[0].masked
    assert "{{< raw >}}\\(a_b\\){{< /raw >}}" in [t.source for t in masked.tokens]


@pytest.mark.parametrize(
    "translated, row",
    [
        ("A | B", "| A \\| B | 1 |"),
        ("two\nlines", "| two lines | 1 |"),
        ("kept \\| escape", "| kept \\| escape | 1 |"),
    ],
)
def test_table_cell_translations_stay_in_their_cell(translated: str, row: str) -> None:
    body = "| 甲 | 1 |\n|---|---|\n"
    out = assemble(segment(body), [translated])
    assert out.splitlines()[0] == row


def test_assemble_rejects_a_wrong_number_of_texts() -> None:
    with pytest.raises(ValueError):
        assemble(segment("一\n\n二\n"), ["only one"])


def test_blocks_with_only_placeholders_digits_or_punctuation_stay_literal() -> None:
    body = "**{{< fa \"star\" >}}**\n\n123, 456.\n\n![](/a.png)\n"
    skeleton = segment(body)
    assert skeleton.blocks == ()
    assert skeleton.parts == (body,)


STRUCTURE_BODY = (
    "# 标题\n\n段落\n\n- 列表\n\n> 引用\n\n| 甲 | 乙 |\n|---|---|\n| 丙 | 丁 |\n\n术语\n: 定义\n\n"
    "脚注[^1]\n\n[^1]: 脚注内容\n"
)


def block_types(body: str) -> list[str]:
    from translate.markup.segment import _MD

    return [t.type for t in _MD.parse(body) if t.block]


@pytest.mark.parametrize(
    "hostile",
    ["# Title", "- item", "+ item", "* item", "1. first", "2) second", "> quoted", "```js",
     "~~~", "---", "* * *", "two\nlines", "  padded  ", "line\n\n\nbreaks", "a | b", "=== x"],
)
def test_a_translation_cannot_change_the_block_structure(hostile: str) -> None:
    skeleton = segment(STRUCTURE_BODY)
    out = assemble(skeleton, [f"{hostile} {text}" for text in source_texts(skeleton)])
    assert block_types(out) == block_types(STRUCTURE_BODY)
    assert len(segment(out).blocks) == len(skeleton.blocks)


def test_escaping_keeps_the_translated_words() -> None:
    skeleton = segment("段落\n\n- 列表\n")
    out = assemble(skeleton, ["1. first", "# not a heading"])
    assert out == "1\\. first\n\n- \\# not a heading\n"


LINE_PIECES = st.sampled_from(
    ["# ", "## ", "- ", "1. ", "> ", "  ", "    ", "| ", " | ", "---", "```", "$$", "[^1]: ",
     "{{< admonition >}}", "{{< /admonition >}}", "{{< highlight >}}", "{{< /highlight >}}",
     "<div>", "</div>", "<!--", "-->", "`", "**", "_", "[", "](u)", "\\", "   ", "{#id}",
     "中文", "词", "word", "。", ":", "$", "|", "\t", "=== ", "[ ] ", "[!NOTE]", ": "]
)
MARKDOWNISH = st.lists(
    st.lists(LINE_PIECES, max_size=6).map("".join), max_size=12
).map("\n".join)


@settings(max_examples=int(__import__('os').environ.get('N', 300)), deadline=None)
@given(MARKDOWNISH)
def test_any_markdownish_body_round_trips_modulo_joined_lines(body: str) -> None:
    skeleton = segment(body)
    out = assemble(skeleton, source_texts(skeleton))
    squeeze = re.compile(r"[\s>]+")
    assert squeeze.sub("", out) == squeeze.sub("", body)
    lines = [b.line for b in skeleton.blocks]
    assert lines == sorted(lines) and all(1 <= n <= body.count("\n") + 1 for n in lines)
    for block in skeleton.blocks:
        text = block.masked.source_text()
        assert text == text.strip() and text


@pytest.mark.parametrize("case", CASE_FILES, ids=lambda p: p.stem)
def test_extract_texts_reads_back_what_assemble_wrote(case: Path) -> None:
    skeleton = segment(read(case))
    out = pseudo_translate(read(case))
    texts = extract_texts(skeleton, out)
    assert texts is not None and len(texts) == len(skeleton.blocks)
    assert assemble(skeleton, texts) == out
    assert all(t.startswith("⟦en⟧") and t.endswith("⟦/en⟧") for t in texts)


def test_extract_texts_keeps_blocks_whose_translation_has_no_letters() -> None:
    skeleton = segment("2025年\n\n## 2024年\n\n| 年份 | 数 |\n|---|---|\n| 2011年 | 1 |\n")
    out = assemble(skeleton, ["2025", "2024", "Year", "Count", "2011"])
    assert len(segment(out).blocks) == 2  # segmenting again would lose three of them
    assert extract_texts(skeleton, out) == ["2025", "2024", "Year", "Count", "2011"]


@pytest.mark.parametrize(
    "edit",
    [
        lambda out: out.replace("## ", "### "),
        lambda out: out.replace("\n\n", "\n\n新段落\n\n", 1) + "```\n",
        lambda out: out.replace("|---|", "|:--|"),
        lambda out: "前言\n" + out.replace("\n", "", 1),
    ],
    ids=["heading-level", "new-fence", "alignment", "moved-line"],
)
def test_extract_texts_refuses_a_body_whose_structure_was_edited(edit) -> None:
    skeleton = segment("段落\n\n## 标题\n\n| 甲 | 乙 |\n|---|---|\n")
    out = assemble(skeleton, ["P", "H", "A", "B"])
    assert extract_texts(skeleton, out) == ["P", "H", "A", "B"]
    assert extract_texts(skeleton, edit(out)) is None


@pytest.mark.parametrize(
    "body, prose, expected",
    [
        ('{{< admonition tip "提示" >}}\n内容\n{{< /admonition >}}\n', None, ["提示", "内容"]),
        ('{{% blocks/cover title="关于投资" image_anchor="bottom" %}}\n', None, ["关于投资"]),
        ('{{< figure src="a.png" caption="动态资源 \\"超卖\\"" alt=\'单引号\' >}}\n', None, ["动态资源 {0}超卖{1}"]),
        ('{{< tab name="标签" >}}\n', None, []),
        ('{{< tab name="标签" >}}\n', {"tab": ("name",)}, ["标签"]),
        ('{{< figure caption="说明" >}}\n', {"figure": ()}, []),
        ('{{< link "https://e.com" "链接文字" >}}\n', {"link": (1,)}, ["链接文字"]),
    ],
    ids=["positional", "named", "escaped-quotes", "not-configured", "configured", "turned-off", "position"],
)
def test_prose_shortcode_parameters_are_blocks(body: str, prose: dict | None, expected: list[str]) -> None:
    skeleton = segment(body) if prose is None else segment(body, prose)
    assert [b.masked.text for b in skeleton.blocks] == expected
    assert assemble(skeleton, source_texts(skeleton)) == body


def test_a_quote_in_a_translated_parameter_is_escaped_as_hugo_reads_it() -> None:
    body = '{{< figure src="a.png" caption="说明" >}}\n'
    skeleton = segment(body)
    assert assemble(skeleton, ['The "caption"']) == '{{< figure src="a.png" caption="The \\"caption\\"" >}}\n'
