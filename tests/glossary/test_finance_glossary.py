"""The shipped finance glossary: size, the example post's terms, and how it protects that post."""

from __future__ import annotations

import csv
import re

import pytest

from translate.glossary.matcher import Glossary, load_glossary
from translate.markup.inline import mask_inline
from translate.markup.placeholders import TERM, Masked
from translate.markup.segment import segment
from translate.pipeline.protect import protect_terms

from support.paths import FINANCE, REPO


EXAMPLE = REPO / "content" / "posts" / "deepseek-hedge-funds.md"

# Every financial term, institution, index, company and person of the example post.
EXAMPLE_TERMS = {
    "智通财经": "Zhitong Finance",
    "华尔街": "Wall Street",
    "华尔街大行": "major Wall Street bank",
    "高盛": "Goldman Sachs",
    "对冲基金": "hedge funds",
    "杠杆型对冲基金": "leveraged hedge funds",
    "中国股票": "Chinese stocks",
    "中国股票市场": "Chinese stock market",
    "中国股市": "Chinese stocks",
    "中国资产": "Chinese assets",
    "中概股": "US-listed Chinese stocks",
    "中概巨头": "US-listed Chinese giants",
    "港股": "Hong Kong stocks",
    "港股市场": "Hong Kong stock market",
    "香港股市": "Hong Kong stock market",
    "A股": "A-shares",
    "A股市场": "A-share market",
    "港A股": "Hong Kong stocks and A-shares",
    "美股市场": "US stock market",
    "美国股市": "US stock market",
    "美股七巨头": "Magnificent Seven",
    "七巨头": "Magnificent Seven",
    "美国科技股": "US tech stocks",
    "中国科技股": "Chinese tech stocks",
    "科技巨头": "tech giants",
    "美国科技巨头": "US tech giants",
    "中国科技巨头": "Chinese tech giants",
    "离岸": "offshore",
    "在岸": "onshore",
    "净买入": "net buying",
    "资金流": "fund flows",
    "资金流向": "fund flows",
    "主要经纪业务": "prime brokerage",
    "主要经纪账户": "prime brokerage accounts",
    "融资": "financing",
    "资管巨头": "asset management giants",
    "资管机构": "asset managers",
    "机构投资者": "institutional investors",
    "外资": "foreign capital",
    "估值": "valuations",
    "重新估值": "re-rating",
    "市值": "market value",
    "牛市": "bull market",
    "技术性牛市": "technical bull market",
    "长期牛市": "long-term bull market",
    "看涨": "bullish",
    "做多": "go long",
    "基准指数": "benchmark index",
    "恒生科技指数": "Hang Seng TECH Index",
    "恒科指": "Hang Seng TECH Index",
    "东方纳斯达克": "Nasdaq of the East",
    "纳斯达克100指数": "Nasdaq-100 Index",
    "MSCI中国指数": "MSCI China Index",
    "美联储": "Federal Reserve",
    "降息": "rate cuts",
    "货币刺激": "monetary stimulus",
    "流动性": "liquidity",
    "政策宽松": "policy easing",
    "关税": "tariffs",
    "中性预期": "base case",
    "乐观预期": "bull case",
    "软科技": "soft tech",
    "大盘": "broader market",
    "单一个股": "single stocks",
    "持股比例": "stake",
    "头寸": "positions",
    "非必需消费品": "consumer discretionary",
    "信息技术": "information technology",
    "工业": "industrials",
    "通信服务": "communication services",
    "能源": "energy",
    "公用事业": "utilities",
    "房地产": "real estate",
    "百分位": "percentile",
    "中国折价": "China discount",
    "股指": "stock indexes",
    "历史高点": "record high",
    "历史低位": "historic low",
    "投资回报": "investment returns",
    "股东": "shareholders",
    "亿万富翁": "billionaire",
    "斯普特尼克时刻": "Sputnik moment",
    "斯普特尼克1号": "Sputnik 1",
    "美国银行": "Bank of America",
    "德意志银行": "Deutsche Bank",
    "英仕曼集团": "Man Group",
    "亚洲股票主管": "head of Asian equities",
    "阿里巴巴": "Alibaba",
    "腾讯": "Tencent",
    "百度": "Baidu",
    "京东": "JD.com",
    "苹果": "Apple",
    "英伟达": "Nvidia",
    "微软": "Microsoft",
    "谷歌": "Google",
    "亚马逊AWS": "Amazon Web Services",
    "贵州茅台": "Kweichow Moutai",
    "长江电力": "China Yangtze Power",
    "大卫·泰珀": "David Tepper",
    "哈特内特": "Hartnett",
    "彼得·米利肯": "Peter Milliken",
    "安德鲁·斯旺": "Andrew Swan",
    "斯旺": "Swan",
    "特朗普": "Trump",
    "美国总统": "US President",
    "人工智能": "artificial intelligence",
    "生成式AI": "generative AI",
    "云计算": "cloud computing",
    "算力": "computing power",
    "半导体": "semiconductors",
    "新能源汽车": "new energy vehicles",
    "硅谷": "Silicon Valley",
    "苏联": "Soviet Union",
    "北京": "Beijing",
    "中国香港": "Hong Kong",
}
# Names kept as written (do_not_translate).
EXAMPLE_KEPT = ["DeepSeek", "DeepSeek R1", "OpenAI", "OpenAI o1", "o1", "ChatGPT", "Anthropic",
                "Blackwell", "H100", "H800", "Appaloosa LP", "Marc Andreessen", "David Tepper",
                "Michael Hartnett", "Peter Milliken", "Andrew Swan", "Man Group"]


def rows() -> list[dict[str, str]]:
    with FINANCE.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary([FINANCE])


def example_units() -> list[Masked]:
    """The example post as the pipeline sees it: title and summary fields, body blocks."""
    text = EXAMPLE.read_text(encoding="utf-8")
    _, front, body = text.split("---", 2)
    fields = [line.split(":", 1)[1].strip().strip('"') for line in front.splitlines()
              if line.startswith(("title:", "summary:"))]
    return [mask_inline(f) for f in fields] + [block.masked for block in segment(body).blocks]


def test_at_least_250_zh_to_en_rows() -> None:
    complete = [r for r in rows() if r["zh-CN"].strip() and (r["en"].strip() or r["do_not_translate"])]
    assert len(complete) >= 250


def test_every_example_term_is_a_row() -> None:
    table = {r["zh-CN"]: r for r in rows()}
    wrong = {zh: table.get(zh, {}).get("en") for zh, en in EXAMPLE_TERMS.items()
             if table.get(zh, {}).get("en") != en}
    assert wrong == {}
    assert [k for k in EXAMPLE_KEPT if table.get(k, {}).get("do_not_translate") != "true"] == []


def test_protecting_the_example_post_yields_every_term(glossary: Glossary) -> None:
    targets: set[str] = set()
    sources: set[str] = set()
    for unit in example_units():
        protected = protect_terms(unit, glossary.match(unit.text, "zh-CN", "en"))
        assert protected.source_text() == unit.source_text()  # nothing lost or moved
        for token in protected.tokens:
            if token.kind == TERM:
                targets.add(token.target)
                gloss = re.sub(r"\s*[(（][^()（）]*[)）]$", "", token.source)  # 英仕曼集团(Man Group)
                sources.add(gloss.replace("•", "·"))
    assert set(EXAMPLE_TERMS) - sources == set()
    # A glossed name may come out fuller than its row (哈特内特(Michael Hartnett) → "Michael Hartnett").
    assert {t for t in EXAMPLE_TERMS.values() if not any(t in got for got in targets)} == set()
    assert set(EXAMPLE_KEPT) - targets == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("覆盖全球的投资管理机构", ["investment management"]),  # not 资管 inside 投资管理
        ("高通胀压力", ["high inflation"]),  # not 高通 (Qualcomm)
        ("北京东部", ["Beijing"]),  # not 京东
        ("京东方", ["BOE Technology"]),
        ("中国银行业", ["China's banking sector"]),
        ("欧美股市", ["European and US stock markets"]),
        ("恒生科技指数", ["Hang Seng TECH Index"]),
        ("MSCI中国指数与MSCI", ["MSCI China Index", "MSCI"]),
    ],
)
def test_short_terms_do_not_fire_inside_longer_words(glossary: Glossary, text: str, expected: list[str]) -> None:
    assert [m.term.target for m in glossary.match(text, "zh-CN", "en")] == expected
