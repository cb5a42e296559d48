"""A seeded generator of Chinese financial-news posts with real Markdown structure, in a Hugo site.

Each post: YAML front matter (title, summary, date, tags), 3–4 paragraphs of 1–6
sentences, a heading, a bullet list, a table, a code block, inline code, a link,
bold, amounts and percentages, glossary terms, and two boilerplate lines (source, disclaimer)
repeated across posts — the text a translation cache should translate once.
Every `LONG_EVERY`-th post has the example post's shape instead: one paragraph of 30–40
sentences opening with the wire's boilerplate (智通财经APP获悉，), then the two lines.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

GLOSSARY = {
    "美联储": "Federal Reserve", "中国人民银行": "People's Bank of China", "市盈率": "price-to-earnings ratio",
    "对冲基金": "hedge fund", "国债收益率": "Treasury yield", "沪深300指数": "CSI 300 Index",
    "恒生指数": "Hang Seng Index", "净利润": "net profit", "营业收入": "operating revenue",
}

COMPANIES = ["贵州茅台", "宁德时代", "比亚迪", "招商银行", "中国平安", "腾讯控股", "阿里巴巴", "美团", "小米集团",
             "中芯国际", "隆基绿能", "万科", "中国石油", "工商银行", "京东", "百度", "网易", "药明康德"]
SECTORS = ["新能源", "半导体", "消费", "医药", "银行", "保险", "房地产", "人工智能", "光伏", "汽车", "有色金属", "券商"]
INSTITUTIONS = ["高盛", "摩根士丹利", "中金公司", "瑞银", "花旗", "中信证券", "贝莱德", "桥水基金"]
PEOPLE = ["分析师", "基金经理", "首席经济学家", "策略师", "交易员", "投资者"]

SENTENCES = [
    "{co}今日公布{q}业绩，{term2}同比增长{pct}，达到{amt}。",
    "受{sector}板块走强带动，{index}收涨{pct}，成交额突破{amt}。",
    "{inst}在最新报告中将{co}的目标价上调至{price}元，维持“买入”评级。",
    "{person}认为，{bank}的政策转向将在未来几个月内持续影响市场情绪。",
    "数据显示，北向资金本周净流入{amt}，其中{sector}板块获得主要增持。",
    "{co}表示，公司计划在{year}年前投入{amt}用于研发和产能扩张。",
    "截至收盘，{co}股价下跌{pct}，报{price}元，总市值约为{amt}。",
    "市场普遍预期{bank}将在下次会议上维持利率不变，但部分机构押注降息。",
    "{inst}指出，当前{sector}行业的市盈率已处于近十年来的低位区间。",
    "今年以来，{sector}主题基金平均收益率为{pct}，明显跑赢大盘。",
    "{person}提醒投资者注意汇率波动和海外需求放缓带来的风险。",
    "{co}的毛利率从去年同期的{pct}提升至{pct2}，主要得益于产品结构优化。",
    "{index}本月累计上涨{pct}，创下{year}年以来最大单月涨幅。",
    "据知情人士透露，{co}正在与多家{sector}企业洽谈战略合作。",
    "{inst}预计，{year}年中国经济增速将保持在{pct}左右。",
    "十年期国债收益率升至{pct}，为三个月来的最高水平。",
    "多只对冲基金在上季度增持了{co}的股份，持仓市值合计约{amt}。",
    "{co}董事会批准了一项规模为{amt}的股票回购计划。",
]
HEADINGS = ["市场回顾", "机构观点", "行业动态", "风险提示", "资金流向", "后市展望", "公司公告"]
LIST_ITEMS = [
    "{co}：{term2}增长{pct}", "{sector}板块：资金净流入{amt}", "{index}：收于{price}点",
    "{inst}：上调评级至“增持”", "汇率：人民币兑美元中间价报{fx}",
]
SOURCE_LINE = "来源：智通财经，作者：市场研究部。"
OPENING = "智通财经APP获悉，"
LONG_EVERY = 5
DISCLAIMER = "免责声明：本文仅供参考，不构成任何投资建议。投资有风险，入市需谨慎。"
CODE = '```python\nimport pandas as pd\nprices = pd.read_csv("{ticker}.csv")\nprint(prices["close"].pct_change().tail())\n```'


def _fill(template: str, rng: random.Random) -> str:
    return template.format(
        co=rng.choice(COMPANIES), sector=rng.choice(SECTORS), inst=rng.choice(INSTITUTIONS),
        bank=rng.choice(["美联储", "中国人民银行"]), term2=rng.choice(["净利润", "营业收入"]), person=rng.choice(PEOPLE),
        index=rng.choice(["沪深300指数", "恒生指数", "上证指数", "创业板指"]),
        q=rng.choice(["第一季度", "第二季度", "第三季度", "上半年", "全年"]),
        pct=f"{rng.uniform(0.1, 35):.1f}%", pct2=f"{rng.uniform(20, 60):.1f}%",
        amt=f"{rng.randint(2, 980)}{rng.choice(['亿元', '万元', '亿美元'])}",
        price=f"{rng.uniform(5, 1800):.2f}", year=rng.choice([2024, 2025, 2026, 2027]), fx=f"{rng.uniform(6.9, 7.4):.4f}",
    )


def paragraph(rng: random.Random) -> str:
    """1–6 sentences; sometimes with bold, a link or inline code."""
    sentences = [_fill(rng.choice(SENTENCES), rng) for _ in range(rng.randint(1, 6))]
    roll = rng.random()
    if roll < 0.2:
        sentences[0] = f"**{sentences[0][:-1]}**。"
    elif roll < 0.35:
        sentences[-1] = sentences[-1][:-1] + "，详见[公告原文](https://example.com/notice/" + str(rng.randint(1, 9999)) + ")。"
    elif roll < 0.45:
        sentences[-1] = sentences[-1][:-1] + "，代码为 `" + str(rng.randint(600000, 603999)) + ".SH`。"
    return "".join(sentences)


def table(rng: random.Random) -> str:
    rows = ["| 公司 | 收盘价（元） | 涨跌幅 |", "| --- | ---: | ---: |"]
    for company in rng.sample(COMPANIES, 3):
        rows.append(f"| {company} | {rng.uniform(5, 1800):.2f} | {rng.uniform(-9, 9):+.2f}% |")
    return "\n".join(rows)


def generate_post(rng: random.Random, index: int) -> str:
    """One post's full text: front matter and body."""
    title = _fill(rng.choice(SENTENCES), rng).rstrip("。")[:40]
    summary = _fill(rng.choice(SENTENCES), rng)
    blocks = [paragraph(rng) for _ in range(rng.randint(1, 2))]
    blocks.append("## " + rng.choice(HEADINGS))
    blocks.append(paragraph(rng))
    blocks.append("\n".join("- " + _fill(rng.choice(LIST_ITEMS), rng) for _ in range(rng.randint(2, 4))))
    blocks.append(table(rng))
    if rng.random() < 0.5:
        blocks.append(CODE.replace("{ticker}", str(rng.randint(600000, 603999))))
    blocks.append(paragraph(rng))
    blocks += [SOURCE_LINE, DISCLAIMER]
    tags = rng.sample(SECTORS, 2)
    front = (
        f'---\ntitle: "{title}"\nsummary: "{summary}"\ndate: 2025-{1 + index % 12:02d}-{1 + index % 28:02d}\n'
        f"tags: [{', '.join(tags)}]\n---\n\n"
    )
    return front + "\n\n".join(blocks) + "\n"


def long_post(rng: random.Random, index: int) -> str:
    """The example post's shape: front matter, one paragraph of 30–40 sentences, the boilerplate lines."""
    title = _fill(rng.choice(SENTENCES), rng).rstrip("。")[:40]
    sentences = [_fill(rng.choice(SENTENCES), rng) for _ in range(rng.randint(30, 40))]
    body = OPENING + "".join(sentences)
    front = f'---\ntitle: "{title}"\ndate: 2025-{1 + index % 12:02d}-{1 + index % 28:02d}\n---\n\n'
    return front + "\n\n".join([body, SOURCE_LINE, DISCLAIMER]) + "\n"


def write_site(root: Path, n: int, seed: int = 0, *, glossary: bool = True, bundles: bool = False,
               shape: str = "mixed", first: int = 0) -> list[Path]:
    """A Hugo site at `root` with `n` generated posts (content/posts/YYYY/post-NNNNN.md, or page
    bundles posts/pNNNNN/index.md), numbered from `first`; their paths. `shape`: "mixed" (every
    `LONG_EVERY`-th post one long paragraph) or "long" (all of them)."""
    rng = random.Random(seed)
    (root / "content" / "posts").mkdir(parents=True, exist_ok=True)
    shutil.copy(REPO / "hugo.toml", root / "hugo.toml")  # the example site's languages
    if glossary:
        (root / "glossary").mkdir(exist_ok=True)
        rows = ["zh-CN,en"] + [f"{zh},{en}" for zh, en in GLOSSARY.items()]
        (root / "glossary" / "finance.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    paths = []
    for index in range(first, first + n):
        name = f"p{index:05d}/index.md" if bundles else f"{2020 + index % 6}/post-{index:05d}.md"
        path = root / "content" / "posts" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        long = shape == "long" or index % LONG_EVERY == LONG_EVERY - 1
        path.write_text(long_post(rng, index) if long else generate_post(rng, index), encoding="utf-8")
        paths.append(path)
    return paths



def replicate_bundles(site: Path, n: int) -> None:
    """Grow a synced site of K page bundles (posts/pNNNNN/) to `n` by copying them, memory included.

    Sources and siblings are copied byte for byte (a bundle's sibling names its source
    as `index.md`), and each memory file gets its own paths: the same state `sync` leaves.
    """
    import shutil

    posts = site / "content" / "posts"
    memory = site / ".translate" / "memory" / "posts"
    templates = sorted(d.name for d in posts.iterdir() if d.is_dir())
    for index in range(len(templates), n):
        name, template = f"p{index:05d}", templates[index % len(templates)]
        shutil.copytree(posts / template, posts / name)
        text = (memory / template / "index.md.jsonl").read_text(encoding="utf-8")
        (memory / name).mkdir(parents=True, exist_ok=True)
        (memory / name / "index.md.jsonl").write_text(text.replace(f"posts/{template}/", f"posts/{name}/"), encoding="utf-8")
