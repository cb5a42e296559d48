"""Inline masking: each kind of markup becomes a placeholder and comes back byte for byte."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from translate.markup.inline import is_translatable, mask_inline
from translate.markup.placeholders import MARKUP, Masked


def tokens(text: str) -> list[str]:
    return [t.source for t in mask_inline(text).tokens]


@pytest.mark.parametrize(
    "text, masked_spans",
    [
        ("用 `git push` 推送", ["`git push`"]),
        ("双反引号 ``a ` b`` 结束", ["``a ` b``"]),
        ("看[文档](https://gohugo.io/ \"标题\")吧", ["[", '](https://gohugo.io/ "标题")']),
        ("图![说明](/a.png)", ["![", "](/a.png)"]),
        ("引用[文字][ref]与[折叠][]", ["[", "][ref]", "[", "][]"]),
        ("括号 URL [文](https://x.com/a_(b)) 后", ["[", "](https://x.com/a_(b))"]),
        ("链接到 [文]({{< ref \"a.md\" >}})", ["[", ']({{< ref "a.md" >}})']),
        ("自动 <https://x.com/a?b=1> 链接", ["<https://x.com/a?b=1>"]),
        ("邮件 <a.b@example.com> 地址", ["<a.b@example.com>"]),
        ("裸链接 https://cn.investing.com/x-1。后", ["https://cn.investing.com/x-1"]),
        ("句末链接 https://x.com/a.", ["https://x.com/a"]),
        ("(见 https://x.com/a)", ["https://x.com/a"]),
        ("标签 <span class=\"r\">红</span> 和 <br/>", ['<span class="r">', "</span>", "<br/>"]),
        ("注释 <!-- 不翻译 --> 后", ["<!-- 不翻译 -->"]),
        ("实体&nbsp;与&#169;", ["&nbsp;", "&#169;"]),
        ("短代码 {{< version 0.2.0 >}} 中", ["{{< version 0.2.0 >}}"]),
        ("百分号 {{% notice %}} 中", ["{{% notice %}}"]),
        ("转义 {{</* figure */>}} 与 {{%/* x */%}}", ["{{</* figure */>}}", "{{%/* x */%}}"]),
        ("多行 {{< image src=\"a\"\n  title=\"b\" >}} 参数", ['{{< image src="a"\n  title="b" >}}']),
        ("原样 {{< raw >}}<b>粗</b>{{< /raw >}} 对", ["{{< raw >}}<b>粗</b>{{< /raw >}}"]),
        ("图标 {{< fa \"fab fa-github\" >}} 在", ['{{< fa "fab fa-github" >}}']),
        ("公式 $E=mc^2$ 中", ["$E=mc^2$"]),
        ("公式 $ \\alpha + 1 $ 中", ["$ \\alpha + 1 $"]),
        ("公式 $$x$$ 中", ["$$x$$"]),
        ("公式 \\(a+b\\) 与 \\\\(c\\\\)", ["\\(a+b\\)", "\\\\(c\\\\)"]),
        ("脚注[^1]和[^note]", ["[^1]", "[^note]"]),
        ("标题 {#custom-id}", ["{#custom-id}"]),
        ("段落 {.text-center .big}", ["{.text-center .big}"]),
        ("模板 {{ .Title }} 值", ["{{ .Title }}"]),
        ("**粗体** 与 *斜体* 与 ~~删除~~", ["**", "**", "*", "*", "~~", "~~"]),
        ("_斜_ 与 __粗__", ["_", "_", "__", "__"]),
        ("转义 \\* 与 \\_ 与 \\#", ["\\*", "\\_", "\\#"]),
        ("表情 :smile: 与图标 :(fab fa-sass): 好", [":smile:", ":(fab fa-sass):"]),
        ("硬换行\\\n下一行", ["\\\n"]),
        ("环境 \\begin{align} a&=b \\end{align} 后", ["\\begin{align} a&=b \\end{align}"]),
    ],
)
def test_markup_becomes_placeholders_and_restores(text: str, masked_spans: list[str]) -> None:
    masked = mask_inline(text)
    assert [t.source for t in masked.tokens] == masked_spans
    assert all(t.kind == MARKUP and t.target == t.source for t in masked.tokens)
    assert masked.source_text() == text
    assert masked.source_text() == text


@pytest.mark.parametrize(
    "text",
    [
        "snake_case_name 不是强调",
        "价格从 $5 涨到 $10",
        "时间 10:30:45 与比例 3:2",
        "a < b 且 c > d",
        "普通的 [方括号] 文字",  # brackets are masked, words are not
        "邮箱 a@b.com 与 C# 语言",
        "中文（全角括号）与“引号”",
    ],
)
def test_prose_is_not_masked(text: str) -> None:
    masked = mask_inline(text)
    plain = "".join(p for p in masked.pieces() if isinstance(p, str))
    for word in ("snake_case_name", "$5", "$10", "10:30:45", "a < b", "方括号", "a@b.com",
                 "全角括号", "引号"):
        if word in text:
            assert word in plain
    assert masked.source_text() == text


@pytest.mark.parametrize("literal", ["{0}", "{3}", "{12}"])
def test_literal_placeholder_syntax_is_protected(literal: str) -> None:
    text = f"字面量 {literal} 不是占位符"
    masked = mask_inline(text)
    assert [t.source for t in masked.tokens] == [literal]
    assert masked.text == "字面量 {0} 不是占位符"
    assert masked.source_text() == text


def test_adjacent_markup_is_one_placeholder() -> None:
    masked = mask_inline("**[加粗链接](https://x.com)**")
    assert masked.text == "{0}加粗链接{1}"
    assert [t.source for t in masked.tokens] == ["**[", "](https://x.com)**"]


@pytest.mark.parametrize(
    "text, joined",
    [
        ("中文\n继续", "中文继续"),
        ("English\nwords", "English words"),
        ("中文   \nEnglish", "中文English"),
        ("AI   \nGPU", "AI GPU"),
    ],
)
def test_line_breaks_are_joined(text: str, joined: str) -> None:
    assert mask_inline(text).text == joined


def test_hard_break_after_a_sentence_is_kept() -> None:
    masked = mask_inline("第一句。  \n第二句")
    assert masked.text == "第一句。{0}第二句"
    assert masked.source_text() == "第一句。  \n第二句"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("中文", True),
        ("word", True),
        ("{0}", False),
        ("123, 456.", False),
        ("！？。", False),
        ("{0} x {1}", True),
        ("", False),
    ],
)
def test_is_translatable(text: str, expected: bool) -> None:
    assert is_translatable(mask_inline(text)) is expected


def test_is_translatable_ignores_the_words_inside_placeholders() -> None:
    masked = mask_inline("`code words` [](https://example.com)")
    assert masked.text == "{0} {1}"
    assert not is_translatable(masked)
    assert is_translatable(Masked("{0} 文", masked.tokens))


MARKUP_SAMPLES = st.sampled_from(
    ["`a b`", "**", "_", "[", "](https://x.com)", "<br>", "{{< x >}}", "$y$", "\\*", ":ok:",
     "{#id}", "&amp;", "{3}", "https://a.b/c", "[^1]"]
)
PROSE = st.text(alphabet="中文字 abcXYZ，。!?-()", min_size=0, max_size=8)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(PROSE, MARKUP_SAMPLES), max_size=6), PROSE)
def test_any_mix_of_prose_and_markup_restores_exactly(pairs, tail) -> None:
    text = "".join(p + m for p, m in pairs) + tail
    masked = mask_inline(text)
    assert masked.source_text() == text
    reordered = masked.text
    indexes = [p for p in masked.pieces() if isinstance(p, int)]
    for i in indexes:
        reordered = reordered.replace("{%d}" % i, "\x00%d\x00" % i)
    for old, new in zip(indexes, reversed(indexes)):
        reordered = reordered.replace("\x00%d\x00" % old, "{%d}" % new, 1)
    assert sorted(Masked(reordered, masked.tokens).source_text()) == sorted(text)
