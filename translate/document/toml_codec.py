"""TOML front matter: tomlkit keeps every untouched byte, comments and tables included.

New plain keys go right after the last top-level key (before the comments that lead into
the first table); new tables go at the end. A replaced value keeps its end-of-line
comment, its string kind (basic or literal) and its array layout (one line or many).
"""

from __future__ import annotations

import json
import re
from typing import Any

import tomlkit
from tomlkit.exceptions import ParseError, TOMLKitError
from tomlkit.items import AoT, Array, InlineTable, Item, String, StringType, Table

from .bounds import check_brackets
from .codec import Codec, FMSyntaxError, split_lines

_HEADER = re.compile(r"""^\s*\[\[?\s*(?P<name>"(?:[^"\\]|\\.)*"|'[^']*'|[^.\]\s]+)""")
_KEYVAL = re.compile(r"""^\s*(?P<name>"(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_-]+)\s*[.=]""")
_AT_LINE = re.compile(r"\s+at line \d+ col \d+$")


# Older Hugo read `dateday = 07`; TOML and Hugo's go-toml v2 do not. Such numbers are
# masked as marker strings so the file still parses and round-trips, and are reported.
_LEADING_ZERO = re.compile(
    r"""^(?P<head>[ \t]*(?:"[^"\n]*"|'[^'\n]*'|[A-Za-z0-9_.-]+)[ \t]*=[ \t]*)(?P<num>[+-]?0\d[\d_]*)(?=[ \t]*(?:#.*)?$)""",
    re.M,
)
_MARK = "\ue000"
_MARKED = re.compile(rf'"{_MARK}(\d+)"')


def _mask(text: str) -> tuple[str, list[str]]:
    numbers: list[str] = []

    def mark(match: re.Match[str]) -> str:
        numbers.append(match["num"])
        return f'{match["head"]}"{_MARK}{len(numbers) - 1}"'

    return _LEADING_ZERO.sub(mark, text), numbers


def _unmask(text: str, numbers: list[str]) -> str:
    return _MARKED.sub(lambda m: numbers[int(m.group(1))], text) if numbers else text


def _plain(value: Any, numbers: list[str]) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v, numbers) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v, numbers) for v in value]
    if isinstance(value, str) and value.startswith(_MARK) and value[1:].isdigit():
        return int(numbers[int(value[1:])].replace("_", ""), 10)
    return value


def load_raw(text: str) -> tomlkit.TOMLDocument:
    """Parse with tomlkit; raise FMSyntaxError with a 1-based line."""
    check_brackets(text, "toml")
    try:
        return tomlkit.parse(text)
    except ParseError as err:
        raise FMSyntaxError(err.line, _AT_LINE.sub("", str(err))) from err
    except TOMLKitError as err:  # e.g. a key defined twice
        raise FMSyntaxError(1, str(err)) from err


def load(text: str) -> dict[str, Any]:
    """Plain Python values of a TOML front matter."""
    masked, numbers = _mask(text)
    return _plain(load_raw(masked).unwrap(), numbers)


def quirks(text: str) -> list[tuple[int, str, str]]:
    """(line, problem, hint) for what parses here but Hugo's TOML reader rejects."""
    return [
        (text.count("\n", 0, m.start()) + 1, f"the number {m['num']} has a leading zero, which Hugo's TOML reader rejects",
         f"write {m['num'].lstrip('0') or '0'} or quote it")
        for m in _LEADING_ZERO.finditer(text)
    ]


def _string(value: str, old: Item | None) -> String:
    # Always one line: a raw newline inside """ would turn into CRLF in a CRLF file.
    if isinstance(old, String) and old.type in (StringType.SLL, StringType.MLL):
        try:
            return tomlkit.string(value, literal=True)
        except TOMLKitError:
            pass  # a quote or control character a literal string cannot hold
    return tomlkit.string(value)


def _item(value: Any, old: Item | None, top: bool) -> Item:
    if isinstance(value, str):
        return _string(value, old)
    if isinstance(value, list):
        array = tomlkit.array()
        for entry in value:
            array.append(_item(entry, None, False))
        if isinstance(old, Array) and "\n" in old.as_string():
            array.multiline(True)
        return array
    if isinstance(value, dict):
        inline = not top or isinstance(old, InlineTable)
        table = tomlkit.inline_table() if inline else tomlkit.table()
        for key, entry in value.items():
            table[key] = _item(entry, None, False)
        return table
    return tomlkit.item(value)


def set_keys(text: str, values: dict[str, Any]) -> str:
    """`text` with each top-level key set to its value, in the order given; one parse for all."""
    masked, numbers = _mask(text)
    doc = load_raw(masked)
    for key, value in values.items():
        old = doc.item(key) if key in doc else None
        item = _item(value, old, top=True)
        if old is not None or isinstance(item, Table):
            doc[key] = item
            continue
        simple = [k for k, v in doc.items() if not isinstance(doc.item(k), (Table, AoT))]
        if simple:
            # After the last plain key, so comments that introduce a table stay with it.
            doc._insert_after(simple[-1], key, item)  # noqa: SLF001 - tomlkit has no public insert
        else:
            doc[key] = item
    return _unmask(tomlkit.dumps(doc), numbers)


def _unquote(name: str) -> str:
    if name.startswith('"'):
        return json.loads(name)
    return name.strip("'")


def key_line(text: str, key: str) -> int | None:
    """1-based line where top-level `key` (or the table it names) is defined."""
    in_table, in_string = False, False
    for number, line in enumerate(split_lines(text), 1):
        toggles = (line.count('"""') + line.count("'''")) % 2 == 1
        if in_string:
            in_string = not toggles
            continue
        in_string = toggles
        header = _HEADER.match(line)
        if header:
            in_table = True
            if _unquote(header.group("name")) == key:
                return number
            continue
        keyval = _KEYVAL.match(line)
        if keyval and not in_table and _unquote(keyval.group("name")) == key:
            return number
    return None



CODEC = Codec(
    "toml", "fix the TOML (strings need quotes, each key once per table)",
    load, set_keys, key_line, quirks,
)
