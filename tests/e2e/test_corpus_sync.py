"""Every real Hugo file of ../shared/corpus through `translate sync` with the pseudo engine:
everything that is not prose comes back byte for byte, and Hugo still builds the site."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from mdit_py_plugins.footnote import footnote_plugin

from translate.document.peek import read_front_matter, split_front_matter
from translate.engines.pseudo import PseudoEngine

from support.paths import CORPUS, REPO, require
from support.sites import run_sync

FILES = sorted(CORPUS.glob("*.md")) if CORPUS.is_dir() else []
TRANSLATED_KEYS = {"title", "linkTitle", "linktitle", "summary", "description", "lead", "subtitle", "lang", "translations",
                   "translation", "isCJKLanguage", "iscjklanguage", "tags", "categories", "series", "authors", "keywords"}
SHORTCODE = re.compile(r"\{\{[<%].*?[>%]\}\}", re.S)
PATTERNS = {
    "shortcode": SHORTCODE,
    "math-block": re.compile(r"(?ms)^\$\$[ \t]*\n.*?^\$\$[ \t]*$"),
    "math-line": re.compile(r"(?m)^\$\$.+\$\$[ \t]*$"),
    "heading-id": re.compile(r"\{#[^}\s]+\}"),
    "url": re.compile(r"https?://[^\s)\"'<>\]⟦`]+"),
    "html-comment": re.compile(r"<!--.*?-->", re.S),
}
md = MarkdownIt("commonmark").enable("table").enable("strikethrough").use(footnote_plugin)


def _name(path: Path) -> str:
    stem = path.name[: -len(".md")]
    stem = re.sub(r"\.(zh-cn|zh|en)$", "", stem)
    return re.sub(r"[^A-Za-z0-9_-]+", "-", stem)[-60:]


@pytest.fixture(scope="module")
def corpus_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    require(FILES, f"the shared corpus at {CORPUS}")
    root = tmp_path_factory.mktemp("corpus-site")
    (root / "content" / "corpus").mkdir(parents=True)
    shutil.copy(REPO / "hugo.toml", root / "hugo.toml")
    shutil.copytree(REPO / "layouts", root / "layouts")
    names, paired = set(), set()
    for path in FILES:
        target = root / "content" / "corpus" / f"{_name(path)}.md"
        shutil.copy(path, target)
        text = path.read_text(encoding="utf-8")
        names |= {m.group(1) for m in re.finditer(r"\{\{[<%]\s*/?\s*([\w/-]+)", text)}
        paired |= {m.group(1) for m in re.finditer(r"\{\{[<%]\s*/\s*([\w/-]+)", text)}
    shortcodes = root / "layouts" / "shortcodes"
    shortcodes.mkdir()
    for name in names:  # theme shortcodes the corpus uses: stubs; paired ones render their inner content
        (shortcodes / f"{name}.html").parent.mkdir(parents=True, exist_ok=True)
        (shortcodes / f"{name}.html").write_text("{{ .Inner }}" if name in paired else "", encoding="utf-8")
    report = run_sync(root, PseudoEngine())
    failed = {p.path: p.message for p in report.posts if p.state == "failed"}
    # Some real files carry front matter Hugo 0.111 itself rejects (TOML `dateday = 07`):
    # those must fail alone, with Hugo named in a path:line message, and get no sibling.
    for rel, message in failed.items():
        assert re.search(r"\.md:\d+: .*Hugo", message), message
        (root / rel).rename(root / (rel + ".rejected"))
    return root


def _body(text: str) -> str:
    fmt, raw = split_front_matter(text)
    if fmt is None:
        return text
    start = text.index(raw) + len(raw)
    return text[start:].split("\n", 1)[1] if fmt != "json" else text[start:]


def _unpseudo(text: str) -> str:
    """Shortcodes have their prose parameters translated in place: the same bytes but for the pseudo marks."""
    return text.replace("⟦en⟧", "").replace("⟦/en⟧", "")


class _HtmlMarkup(HTMLParser):
    """An HTML block's tags (as written), comments and entities: its text is translated."""

    def __init__(self, found: Counter) -> None:
        super().__init__(convert_charrefs=False)
        self.found = found

    def handle_starttag(self, tag: str, attrs: list) -> None:
        text = self.get_starttag_text() or tag
        self.found[("html_tag", text if not any(k in ("alt", "title") for k, _ in attrs) else tag)] += 1

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        self.found[("html_tag", f"</{tag}>")] += 1

    def handle_comment(self, data: str) -> None:
        self.found[("html_comment", data)] += 1

    def handle_entityref(self, name: str) -> None:
        self.found[("html_entity", name)] += 1


def _inventory(body: str) -> Counter:
    """Everything that must survive translation byte for byte, with counts."""
    found: Counter = Counter()
    for token in md.parse(body):
        if token.type in ("fence", "code_block"):
            found[(token.type, token.content)] += 1
        elif token.type == "html_block":
            parser = _HtmlMarkup(found)
            parser.feed(token.content)
            parser.close()
        found[("block", token.type, token.tag)] += 1
        for child in token.children or []:
            if child.type in ("code_inline", "html_inline"):
                found[(child.type, child.content)] += 1
            for attr in ("href", "src", "title"):
                if child.attrGet(attr) and not (attr == "title" and child.type == "image"):
                    found[(attr, child.attrGet(attr))] += 1
    for kind, pattern in PATTERNS.items():
        for m in pattern.finditer(body):
            found[(kind, _unpseudo(m.group(0)) if kind == "shortcode" else m.group(0))] += 1
    return found


@pytest.mark.parametrize("path", FILES, ids=lambda p: _name(p))
def test_markup_survives_byte_for_byte(corpus_site: Path, path: Path) -> None:
    source = corpus_site / "content" / "corpus" / f"{_name(path)}.md"
    sibling = source.with_name(f"{source.stem}.en.md")
    if not source.exists():  # rejected as Hugo would reject it: nothing may be written
        assert source.with_name(source.name + ".rejected").exists() and not sibling.exists()
        return
    assert sibling.exists()
    src_text, sib_text = source.read_text(encoding="utf-8"), sibling.read_text(encoding="utf-8")
    assert _inventory(_body(sib_text)) == _inventory(_body(src_text))
    src_matter, sib_matter = read_front_matter(src_text), read_front_matter(sib_text)
    for key, value in src_matter.items():
        if key not in TRANSLATED_KEYS:
            assert sib_matter[key] == value, key
    for line in split_front_matter(src_text)[1].splitlines():
        key = re.match(r"^[\"']?([\w-]+)[\"']?\s*[:=]", line)
        if key and key.group(1) not in TRANSLATED_KEYS and not line.rstrip().endswith((":", "[", "{")):
            assert line in sib_text, line


def test_hugo_builds_the_corpus_site(corpus_site: Path) -> None:
    hugo = shutil.which("hugo")
    require(hugo, "hugo: apt-get install hugo")
    result = subprocess.run([hugo, "--quiet", "-s", str(corpus_site)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert list((corpus_site / "public" / "en").rglob("index.html"))
