"""The fast read-only front matter reader (check, status) agrees with the round-trip one."""

from __future__ import annotations

import pytest

from translate.document.peek import read_front_matter
from translate.document.post import parse_document

from support.paths import SHARED, require

CORPUS = sorted((SHARED / "corpus").glob("*.md"))


def _plain(value: object) -> object:
    """Dates as strings: PyYAML and ruamel agree on the text, not on the types."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value if isinstance(value, (str, int, float, bool)) or value is None else str(value)


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["as-is", "crlf"])
def test_it_reads_what_the_round_trip_reader_reads(newline: str) -> None:
    require(CORPUS, f"the shared corpus at {SHARED / 'corpus'}")
    compared = 0
    for path in CORPUS:
        text = path.read_bytes().decode("utf-8").replace("\r\n", "\n").replace("\n", newline)
        document = parse_document(text, path)
        if document.format is None or document.front_matter.root_type != "mapping":
            assert read_front_matter(text) == {}
            continue
        fast = read_front_matter(text)
        if not fast and document.front_matter.keys():
            continue  # front matter only the round-trip reader takes (TOML `dateday = 07`)
        assert _plain(fast) == _plain(document.front_matter.as_dict()), path.name
        compared += 1
    assert compared >= 25


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('+++\r\ntitle = "标题"\r\ntranslate = false\r\n+++\r\n正文\r\n', {"title": "标题", "translate": False}),
        ('{"title": "a \\"quoted\\" {brace}", "n": 1}\n正文\n', {"title": 'a "quoted" {brace}', "n": 1}),
        ('{"title": "never closed"\n', {}),
        ("---\ntitle: [unclosed\n---\n", {}),
    ],
)
def test_edge_cases(text: str, expected: dict) -> None:
    assert read_front_matter(text) == expected

