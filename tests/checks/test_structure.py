"""The rendered-structure check: what a reader would see broken is an ERROR, wording is not."""

from __future__ import annotations

import pytest

from translate.checks.structure import structure_findings


@pytest.mark.parametrize(
    "source, translation",
    [
        ("**东方财富**发布了[报告](https://e.com/r)。", "**Eastmoney** released a [report](https://e.com/r)."),
        ("见[组件][components]和`代码`。", "See [components][components] and `代码`."),
        ("**“东方”**发布", '**"Eastern"** release'),  # a literal `**` in the source that pairs in English
        ("5000亿美元和10亿美元", "$500 billion and $1 billion"),  # `$` is text, as for Goldmark
        ("换行<br>之后", "a line break<br>after"),
        ("snake_case 和 *强调*", "snake_case and *emphasis*"),
    ],
)
def test_same_rendered_structure_passes(source: str, translation: str) -> None:
    assert structure_findings(source, translation) == []


@pytest.mark.parametrize(
    "source, translation, what",
    [
        ("**东方**发布了", "The ** released Eastern**", "strong emphasis"),
        ("**东方**发布了", "Eastern** released", "strong emphasis"),
        ("发布了[报告](https://e.com/r)", "released report](https://e.com/r)", "link"),
        ("见[组件][components]和", "See ][components]components[ and", "literal"),
        ("一个<span>标签</span>", "a <span>tag", "html_inline"),
        ("`代码`", "code", "code_inline"),
        ("链接 [甲](a) 和 [乙](b)", "links [B](b) and [A](a)", "href"),
    ],
)
def test_broken_structure_is_an_error(source: str, translation: str, what: str) -> None:
    findings = structure_findings(source, translation)
    assert [f.severity for f in findings] == ["error"] and findings[0].kind == "structure"
    assert what in findings[0].message
