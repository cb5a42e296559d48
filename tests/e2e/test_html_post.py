"""A news post mirrored as HTML (Sina Finance style) through sync: the text between the tags
is translated, every tag, attribute, entity, indent and comment stays byte for byte, and
amounts inside the HTML are protected and rendered like anywhere else."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from translate.engines.argos import ArgosEngine
from translate.engines.pseudo import PseudoEngine
from translate.site.config import EngineSettings

from support.fixture_model import install_fixture
from support.sites import run_sync, snapshot, write_post

POST = """---
title: "东方财富发布年报"
---

<div class="article" id="artibody">
<p cms-style="font-L">　　<span><a href="http://finance.sina.com.cn/realstock/company/sz300059/nc.shtml" target="_blank">东方财富</a></span>（<span id="quote_sz300059">300059</span>）日前发布了年报，实现营业收入41.77亿元，同比增长34.15%。</p>
<p cms-style="font-L">　　公司表示，<font color="red"><b>净利润</b></font>为&nbsp;9.6亿元，<!-- 编者注 -->较上年增长12%。<br/>
　　分红方案为每10股派1.5元。</p>
<table border="1" cellpadding="2">
<tr><th>指标</th><th>金额</th></tr>
<tr><td>营业收入</td><td>41.77亿元</td></tr>
<tr><td>净利润</td><td>9.6亿元</td></tr>
</table>
<img src="/img/building.jpg" alt="东方财富大楼" width="600">
<pre>代码示例 不翻译</pre>
<p translate="no">公司名称保留</p>
<script>var title = "脚本不翻译";</script>
<p>未闭合的段落 <b>粗体
</div>
"""
CJK = re.compile(r"[\u4e00-\u9fff]")
PSEUDO = re.compile(r"⟦en⟧.*?⟦/en⟧", re.S)
KEPT = ("代码示例 不翻译", "公司名称保留", "脚本不翻译")


class _Markup(HTMLParser):
    """Every tag with its attributes, comment and entity, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.items: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.items.append(self.get_starttag_text() if tag != "img" else tag + repr([a for a in attrs if a[0] != "alt"]))

    def handle_endtag(self, tag: str) -> None:
        self.items.append(f"</{tag}>")

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self.handle_starttag(tag, attrs)

    def handle_comment(self, data: str) -> None:
        self.items.append(f"<!--{data}-->")

    def handle_entityref(self, name: str) -> None:
        self.items.append(f"&{name};")


def markup(text: str) -> list[str]:
    parser = _Markup()
    parser.feed(text)
    parser.close()
    return parser.items


def body(path: Path) -> str:
    return path.read_text(encoding="utf-8").split("\n---\n", 1)[1]


@pytest.fixture
def post(site: Path) -> Path:
    write_post(site, "posts/sina.md", POST)
    return site / "content/posts/sina.en.md"


def test_pseudo_sync_translates_every_text_node_and_keeps_every_byte_of_markup(site: Path, post: Path) -> None:
    report = run_sync(site, PseudoEngine())
    assert report.return_code == 0 and not [f for p in report.posts for f in p.findings if f.severity == "error"]
    english = body(post)
    source = POST.split("\n---\n", 1)[1]
    assert markup(english) == markup(source)
    # Every Chinese character left is inside a pseudo span or in what must not be translated.
    outside = PSEUDO.sub("", english)
    for kept in KEPT:
        assert kept in outside
        outside = outside.replace(kept, "")
    assert CJK.findall(outside) == []
    # The indents, tags and entities around the text are the source's own bytes.
    assert '<p cms-style="font-L">　　<span><a href="http://finance.sina.com.cn/realstock/company/sz300059/nc.shtml"' \
           ' target="_blank">⟦en⟧' in english
    assert "&nbsp;" in english and "<!-- 编者注 -->" in english and 'alt="⟦en⟧东方财富大楼⟦/en⟧"' in english
    # Amounts are protected and rendered: none of them reaches the engine as 亿.
    assert "4.177 billion yuan" in english and "960 million yuan" in english and "34.15%" in english
    assert '（<span id="quote_sz300059">300059</span>）' in english  # a stock code, not the number 300,059
    assert "亿" not in outside and "亿" not in "".join(PSEUDO.findall(english))
    before = snapshot(site)
    assert run_sync(site, PseudoEngine()).segments == 0 and snapshot(site) == before


def test_fixture_model_renders_the_html_post_s_amounts_in_english(site: Path, post: Path) -> None:
    install_fixture()
    report = run_sync(site, ArgosEngine(EngineSettings()))
    assert report.return_code == 0
    english = body(post)
    assert markup(english) == markup(POST.split("\n---\n", 1)[1])
    for amount in ("4.177 billion yuan", "960 million yuan", "34.15%", "12%"):
        assert amount in english, amount
    assert "亿" not in english
