"""Tidy engine output around inline markup before placeholders are restored.

NMT models put spaces inside paired markup (`{0} investing_cn {1}` for `[investing_cn](…)`)
and end every segment with a full stop. Both follow from the source: no space goes just
inside an opening or closing marker, and a segment whose source ends without sentence
punctuation gets none added.
"""

from __future__ import annotations

import re
from collections import Counter

from .placeholders import Masked

_OPENS = re.compile(r"(!?\[|<[A-Za-z][^<>]*>)$")
_CLOSES = re.compile(r"^(\]|</[A-Za-z])")
_SYMMETRIC = re.compile(r"^(\*{1,3}|_{1,3}|~~)$")
_SENTENCE_END = tuple("。．.!！?？;；:：…")
_ABBREVIATION_END = re.compile(r"(?:\b(?:etc|Inc|Co|Ltd|Corp|Jr|Sr|No|vs)|\b[A-Z]\.[A-Z])\.$")


def marker_roles(masked: Masked) -> dict[int, str]:
    """"open" / "close" for placeholders of paired inline markup, from the source order."""
    roles: dict[int, str] = {}
    seen: Counter[str] = Counter()
    for piece in masked.pieces():
        if not isinstance(piece, int) or piece >= len(masked.tokens):
            continue
        source = masked.tokens[piece].source
        if _SYMMETRIC.match(source):
            roles[piece] = "open" if seen[source] % 2 == 0 else "close"
            seen[source] += 1
        elif _CLOSES.match(source):
            roles[piece] = "close"
        elif _OPENS.search(source):
            roles[piece] = "open"
    return roles


def tidy(out: str, masked: Masked) -> str:
    roles = marker_roles(masked)
    if roles:
        out = re.sub(
            r"\{(\d+)\}[ \t]+",
            lambda m: m.group(0).rstrip() if roles.get(int(m.group(1))) == "open" else m.group(0),
            out,
        )
        out = re.sub(
            r"[ \t]+\{(\d+)\}",
            lambda m: m.group(0).lstrip() if roles.get(int(m.group(1))) == "close" else m.group(0),
            out,
        )
    source_end = masked.plain_text().rstrip()
    if (
        source_end
        and not source_end.endswith(_SENTENCE_END)
        and out.endswith(".")
        and not out.endswith("..")
        and not _ABBREVIATION_END.search(out)
    ):
        out = out[:-1]
    return out
