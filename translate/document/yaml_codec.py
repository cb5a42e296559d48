"""YAML front matter: ruamel round-trip to read, line splicing to write.

A top-level key owns its key line and every following line up to the next top-level key,
except blank lines and column-0 comments that no later value line follows: those stay in
the gap. Setting a key replaces only its own lines; every other line is kept verbatim.
New keys go after the last key. Rendered values are parsed back before they are used;
a style that would not round-trip falls back to a double-quoted string.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import textwrap
from dataclasses import dataclass, replace
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import (
    DoubleQuotedScalarString,
    FoldedScalarString,
    LiteralScalarString,
    SingleQuotedScalarString,
)

from .bounds import check_yaml
from .codec import Codec, FMSyntaxError, no_quirks, split_lines

# Hugo's YAML reader follows YAML 1.1, where these plain words are booleans or null.
_YAML11_WORDS = {"yes", "no", "on", "off", "y", "n", "true", "false", "null", "~"}
_NUMBER_OR_DATE = re.compile(
    r"[-+]?(\.?\d[\d_:.]*([eE][-+]?\d+)?|\.(inf|nan))|0[xob][0-9a-f_]+|\d{4}-\d\d?-\d\d?([Tt ].*)?",
    re.IGNORECASE,
)
_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")
_UNPRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff]")
_MERGE_LINE = re.compile(r"<<[ \t]*:")
_KEY_TEXT = re.compile(r"""^([ \t]*(?:"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|.+?))[ \t]*:(?=[ \t\n]|$)""")


class _Constructor(RoundTripConstructor):
    """Reads a timestamp-looking value that is no real date (2025-13-01) as a string, and a
    key given twice with its last value (at the last one's line), as Hugo 0.111 does."""

    def check_mapping_key(self, node: Any, key_node: Any, mapping: Any, key: Any, value: Any) -> bool:
        if key in mapping:
            del mapping[key]
        return True

    def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
        try:
            return super().construct_yaml_timestamp(node, values)
        except ValueError:
            return self.construct_scalar(node)


_Constructor.add_constructor("tag:yaml.org,2002:timestamp", _Constructor.construct_yaml_timestamp)


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.Constructor = _Constructor
    yaml.preserve_quotes = True  # so a value's quoting style can be reused when it is replaced
    return yaml


@functools.lru_cache(maxsize=16)
def load_raw(text: str) -> Any:
    """Parse with ruamel round-trip types; raise FMSyntaxError with a 1-based line.

    Cached by text, so the tree is shared: read it, never change it. A post's front matter
    is parsed once to read it, and each edit's result once to verify it (which is also
    what the next edit starts from), not again by every step in between."""
    check_yaml(text)  # no alias bomb, no nesting that would exhaust the stack
    try:
        return _yaml().load(text)
    except YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        context = getattr(err, "context_mark", None)
        # An unclosed [ or {, or an error found only at the end, is reported where it began.
        flow = "flow" in str(getattr(err, "context", "") or "")
        if context is not None and (mark is None or flow or mark.index >= len(text.rstrip())):
            mark = context
        problem = getattr(err, "problem", None) or str(err).strip().splitlines()[0]
        raise FMSyntaxError(mark.line + 1 if mark is not None else 1, problem) from err


def to_plain(obj: Any) -> Any:
    """ruamel's round-trip types as plain Python values."""
    if isinstance(obj, dict):
        return {to_plain(k): to_plain(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [to_plain(v) for v in obj]
    if isinstance(obj, str):
        return str(obj)
    if isinstance(obj, bool) or obj is None:
        return obj
    if isinstance(obj, int):
        return int(obj)
    if isinstance(obj, float):
        return float(obj)
    if isinstance(obj, dt.datetime):
        return dt.datetime(obj.year, obj.month, obj.day, obj.hour, obj.minute, obj.second,
                           obj.microsecond, obj.tzinfo)
    return obj


def load(text: str) -> Any:
    """Plain Python values of a YAML front matter (None when empty)."""
    return to_plain(load_raw(text))


@dataclass(frozen=True)
class _ListStyle:
    flow: bool = False
    dash: int = 2  # columns from the key to the dash
    gap: str = " "  # between the dash and the item
    quote: str = "plain"  # "plain" | '"' | "'"


@dataclass(frozen=True)
class _Context:
    lists: _ListStyle
    map_indent: int
    quote: str = "plain"  # how this file mostly writes strings, for new ones
    block_indent: int = 2  # of a replaced `>` / `|` value's lines, from its key


def _quote_of(value: Any) -> str:
    if isinstance(value, DoubleQuotedScalarString):
        return '"'
    if isinstance(value, SingleQuotedScalarString):
        return "'"
    if isinstance(value, FoldedScalarString):
        return ">"
    if isinstance(value, LiteralScalarString):
        return "|"
    return "plain"


def _list_style(seq: CommentedSeq, key_col: int, lines: list[str]) -> _ListStyle:
    quote = _quote_of(seq[0]) if seq else "plain"
    if seq.fa.flow_style():
        return _ListStyle(flow=True, quote=quote)
    if not seq:
        return _ListStyle()
    row, col = seq.lc.item(0)
    line = lines[row]
    dash = len(line) - len(line.lstrip(" \t"))
    return _ListStyle(dash=dash - key_col, gap=" " * max(1, col - dash - 1), quote=quote)


def _context(root: CommentedMap, lines: list[str]) -> _Context:
    lists, map_indent = None, None
    quotes = {"plain": 0, '"': 0, "'": 0}
    for key in _own_keys(root):
        value, (_, key_col) = root[key], root.lc.key(key)
        if isinstance(value, str) and _quote_of(value) in quotes:
            quotes[_quote_of(value)] += 1
        scalars = isinstance(value, CommentedSeq) and value and all(isinstance(v, (str, int, float)) for v in value)
        if lists is None and scalars:
            lists = _list_style(value, key_col, lines)
        if map_indent is None and isinstance(value, CommentedMap) and value and not value.fa.flow_style():
            map_indent = value.lc.key(next(iter(value)))[1] - key_col
    quote = max(quotes, key=lambda q: (quotes[q], q == "plain"))
    return _Context(lists or _ListStyle(quote=quote), map_indent or 2, quote)


def _key_ranges(root: CommentedMap, lines: list[str]) -> dict[Any, tuple[int, int]]:
    starts = sorted((root.lc.key(key)[0], i, key) for i, key in enumerate(_own_keys(root)))
    # a `<<: *anchor` merge line belongs to no key: it ends the key above it
    starts += [(row, -1, None) for row, line in enumerate(lines) if _MERGE_LINE.match(line)]
    starts.sort(key=lambda start: start[:2])
    ranges: dict[Any, tuple[int, int]] = {}
    for n, (start, _, key) in enumerate(starts):
        stop = starts[n + 1][0] if n + 1 < len(starts) else len(lines)
        end = start + 1
        for row in range(start + 1, stop):
            line = lines[row]
            if line[:1] not in " \t-#" and _KEY_TEXT.match(line):  # an earlier copy of a key given twice
                break
            if line.strip() and not line.startswith("#"):
                end = row + 1
        if key is not None:
            ranges[key] = (start, end)
    return ranges


def _own_keys(root: CommentedMap) -> list[Any]:
    """The keys written in this map itself: not those a `<<: *anchor` merge key brings in
    (they have no line of their own; setting one adds it, which overrides the merge)."""
    return [key for key in root if key in root.lc.data]


def _plain_ok(text: str, flow: bool) -> bool:
    if not text or text != text.strip() or "\n" in text or _UNPRINTABLE.search(text):
        return False
    if text[0] in _INDICATORS or text.lower() in _YAML11_WORDS or _NUMBER_OR_DATE.fullmatch(text):
        return False
    if ": " in text or " #" in text or text.endswith(":") or "\t" in text:
        return False
    return not (flow and any(c in text for c in ",[]{}"))


def _double(text: str) -> str:
    quoted = json.dumps(text, ensure_ascii=False)
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def _scalar(value: Any, quote: str, flow: bool = False) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if not isinstance(value, str):
        raise TypeError(f"cannot write {type(value).__name__} as a YAML scalar")
    if quote == "plain" and _plain_ok(value, flow):
        return value
    if quote == "'" and "\n" not in value and not _UNPRINTABLE.search(value):
        return "'" + value.replace("'", "''") + "'"
    return _double(value)


def _block_scalar(head: str, value: str, style: str, indent: str) -> list[str] | None:
    body = value[:-1] if value.endswith("\n") else value
    if not body or body[0] in " \t" or body.endswith("\n") or (style == ">" and "\n" in body):
        return None
    chomp = "" if value.endswith("\n") else "-"
    rows = [indent + row if row else "" for row in body.split("\n")]
    return [f"{head} {style}{chomp}\n"] + [row + "\n" for row in rows]


def _render(head: str, sep: str, value: Any, old: Any, ctx: _Context, col: int, force: bool) -> list[str]:
    """Lines for `head` (indent + key + ':') followed by `value`."""
    pad = " " * col
    if isinstance(value, dict):
        if not value:
            return [f"{head} {{}}\n"]
        inner = col + ctx.map_indent
        rows = [f"{head}\n"]
        for key, item in value.items():
            sub_head = " " * inner + _scalar(str(key), "plain") + ":"
            rows += _render(sub_head, " ", item, None, ctx, inner, force)
        return rows
    if isinstance(value, list):
        style = ctx.lists
        quote = '"' if force else style.quote
        if not value:
            return [f"{head} []\n"]
        if style.flow:
            return [f"{head}{sep}[" + ", ".join(_scalar(v, quote, flow=True) for v in value) + "]\n"]
        dash = pad + " " * style.dash + "-" + style.gap
        return [f"{head}\n"] + [dash + _scalar(v, quote) + "\n" for v in value]
    quote = '"' if force else _quote_of(old) if isinstance(old, str) else ctx.quote
    if quote in (">", "|") and isinstance(value, str):
        block = _block_scalar(head, value, quote, pad + " " * ctx.block_indent)
        if block is not None:
            return block
        quote = '"'
    return [f"{head}{sep}{_scalar(value, quote)}\n"]


def _old_list_context(root: CommentedMap, key: Any, lines: list[str], ctx: _Context) -> _Context:
    old = root[key]
    if isinstance(old, CommentedSeq) and old and not old.fa.flow_style():
        return _Context(_list_style(old, root.lc.key(key)[1], lines), ctx.map_indent)
    if isinstance(old, CommentedSeq) and old.fa.flow_style():
        return _Context(_ListStyle(flow=True, quote=_quote_of(old[0]) if old else "plain"), ctx.map_indent)
    return ctx


def _eol_comment(root: CommentedMap, key: Any, line: str) -> str:
    """The ` # comment` that follows a one-line scalar value, to carry it over."""
    entry = root.ca.items.get(key)
    token = entry[2] if entry and len(entry) > 2 else None
    if token is None or isinstance(root[key], (CommentedMap, CommentedSeq)):
        return ""
    if not token.value.lstrip(" \t").startswith("#"):  # ruamel keeps the blank lines after a value here too
        return ""
    start = token.start_mark.column
    while start > 0 and line[start - 1] in " \t":
        start -= 1
    return line[start:].rstrip("\n")


def set_keys(text: str, values: dict[Any, Any]) -> str:
    """`text` with each key set to its value, every other line unchanged; new keys go after
    the last key, in the order given. One parse of `text` serves every key.

    Each value is first written in the file's style and the whole result parsed once (the
    parse the caller's check then reuses); only when that does not read back as intended is
    each key's text checked alone, with a double-quoted fallback."""
    root = load_raw(text)
    if root is None:
        root = CommentedMap()
    lines = split_lines(text)
    ctx = _context(root, lines)
    ranges = _key_ranges(root, lines)
    quick = _splice(lines, {key: _key_lines(root, lines, ctx, ranges.get(key), key, value, checked=False)
                            for key, value in values.items()}, ranges)
    try:
        if load(quick) == {**to_plain(root), **values}:
            return quick
    except FMSyntaxError:
        pass
    return _splice(lines, {key: _key_lines(root, lines, ctx, ranges.get(key), key, value, checked=True)
                           for key, value in values.items()}, ranges)


def _splice(lines: list[str], new: dict[Any, list[str]], ranges: dict[Any, tuple[int, int]]) -> str:
    """`lines` with each key's lines replaced by `new[key]`; keys without a range added after the last key."""
    lines = list(lines)
    after_last = max((stop for _, stop in ranges.values()), default=len(lines))
    added = [line for key, key_lines in new.items() if key not in ranges for line in key_lines]
    if added:
        if after_last == len(lines) and lines and not lines[-1].endswith("\n"):
            lines[-1] += "\n"
        lines[after_last:after_last] = added
    for key in sorted((k for k in new if k in ranges), key=lambda k: -ranges[k][0]):  # bottom up: ranges above stay put
        start, end = ranges[key]
        lines[start:end] = new[key]
    return "".join(lines)


def _key_lines(root: CommentedMap, lines: list[str], ctx: _Context, span: tuple[int, int] | None, key: Any,
               value: Any, checked: bool) -> list[str]:
    """The lines that write `key: value`, in the style of the lines `span` it replaces (None: a new key).

    `checked`: parse them alone, and fall back to a double-quoted string if they do not read back."""
    if span is not None:
        start, end = span
        line = lines[start]
        match = _KEY_TEXT.match(line)
        head = match.group(1) + ":" if match else " " * root.lc.key(key)[1] + _scalar(key, "plain") + ":"
        vrow, vcol = root.lc.value(key)
        sep = line[len(head):vcol] if vrow == start and vcol > len(head) else " "
        col, old = root.lc.key(key)[1], root[key]
        ctx = _old_list_context(root, key, lines, ctx)
        comment = _eol_comment(root, key, line) if end == start + 1 else ""
        if end > start + 1 and lines[start + 1].strip():
            below = lines[start + 1]
            ctx = replace(ctx, block_indent=len(below) - len(below.lstrip(" ")) - col)
    else:
        own = _own_keys(root)
        col = root.lc.key(own[0])[1] if own else 0
        head, sep, old, comment = " " * col + _scalar(key, "plain") + ":", " ", None, ""
    new_lines = _render(head, sep, value, old, ctx, col, False)
    if checked:
        for force in (False, True):
            new_lines = _render(head, sep, value, old, ctx, col, force)
            try:
                if to_plain(load_raw(textwrap.dedent("".join(new_lines)))) == {key: value}:
                    break
            except FMSyntaxError:
                pass
        else:
            raise ValueError(f"cannot write {key!r} as YAML that reads back the same")
    if comment and len(new_lines) == 1:
        new_lines[0] = new_lines[0].rstrip("\n") + comment + "\n"
    return new_lines


def key_line(text: str, key: str) -> int | None:
    """1-based line of a top-level key within `text`."""
    root = load_raw(text)
    if not isinstance(root, CommentedMap) or key not in _own_keys(root):
        return None
    return root.lc.key(key)[0] + 1



CODEC = Codec(
    "yaml", "fix the YAML (quote values that contain ': ' or start with a special character)",
    load, set_keys, key_line, no_quirks,
)


def repeated_keys(text: str) -> list[tuple[str, int, int]]:
    """(key, 1-based line of its first copy, line of the last) for each top-level key
    given twice: Hugo keeps the last value without a word, and so does `load`."""
    try:
        node = _yaml().compose(text)
    except YAMLError:
        return []
    lines: dict[str, list[int]] = {}
    for key, _ in getattr(node, "value", None) or []:
        if isinstance(getattr(key, "value", None), str):
            lines.setdefault(key.value, []).append(key.start_mark.line + 1)
    return [(key, found[0], found[-1]) for key, found in lines.items() if len(found) > 1]
