"""JSON front matter: members found by position, values replaced in place.

The object is scanned once with the standard decoder to find where each top-level member's
key and value start and end; setting a key replaces only that value's characters, so key
order, indentation and `\\u` escapes elsewhere stay as they were. New members follow the
last one, in the indentation and separator style the file already uses. A file that spells
non-ASCII text as `\\u` escapes gets escapes in new values too.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from json.decoder import scanstring
from typing import Any

from .bounds import check_brackets
from .codec import Codec, FMSyntaxError, no_quirks

_SPACE = re.compile(r"[ \t\r\n]*")
_ESCAPED_NON_ASCII = re.compile(r"\\u(?!00[0-7])[0-9a-fA-F]{4}")
_DECODER = json.JSONDecoder()


@dataclass(frozen=True)
class _Member:
    key: str
    key_start: int
    key_end: int
    value_start: int
    value_end: int


def end_of_object(text: str) -> int:
    """Index just past the JSON object that starts `text`; FMSyntaxError if it is broken."""
    check_brackets(text, "json", stop_at_close=True)
    try:
        _, end = _DECODER.raw_decode(text)
    except json.JSONDecodeError as err:
        raise FMSyntaxError(err.lineno, err.msg) from err
    return end


def load(text: str) -> Any:
    """Plain Python values of a JSON front matter; a top-level key given twice is an error,
    as in YAML and TOML (json keeps the last, edits would find the first)."""
    check_brackets(text, "json")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise FMSyntaxError(err.lineno, err.msg) from err
    if isinstance(data, dict) and len(data) < len(members := _members(text)):
        seen: set[str] = set()
        for member in members:
            if member.key in seen:
                line = text.count("\n", 0, member.key_start) + 1
                raise FMSyntaxError(line, f"key {json.dumps(member.key, ensure_ascii=False)} is defined twice")
            seen.add(member.key)
    return data


def _members(text: str) -> list[_Member]:
    members: list[_Member] = []
    pos = _SPACE.match(text, text.index("{") + 1).end()
    while text[pos] != "}":
        key, after_key = scanstring(text, pos + 1)
        colon = _SPACE.match(text, after_key).end()
        value_start = _SPACE.match(text, colon + 1).end()
        _, value_end = _DECODER.raw_decode(text, value_start)
        members.append(_Member(key, pos, after_key, value_start, value_end))
        pos = _SPACE.match(text, value_end).end()
        if text[pos] == ",":
            pos = _SPACE.match(text, pos + 1).end()
    return members


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def _indent_of(text: str, pos: int) -> str:
    start = _line_start(text, pos)
    return text[start:pos] if not text[start:pos].strip() else ""


def _ascii_style(text: str) -> bool:
    return bool(_ESCAPED_NON_ASCII.search(text)) and text.isascii()


def _dumps(value: Any, indent: str, unit: str, ascii_only: bool) -> str:
    if not isinstance(value, (list, dict)) or not value:
        return json.dumps(value, ensure_ascii=ascii_only)
    return json.dumps(value, indent=unit, ensure_ascii=ascii_only).replace("\n", "\n" + indent)


def _unit(text: str, members: list[_Member]) -> str:
    indent = _indent_of(text, members[0].key_start) if members else ""
    return indent or "    "


def _replace_value(text: str, member: _Member, value: Any, unit: str, ascii_only: bool) -> str:
    old = text[member.value_start:member.value_end]
    indent = _indent_of(text, member.key_start)
    if isinstance(value, list) and old.startswith("[") and old != "[]" and value:
        if "\n" not in old:
            new = json.dumps(value, ensure_ascii=ascii_only)
        else:
            # Keep the old list's own layout: where its items and its closing bracket sit.
            item_indent = _SPACE.match(old, 1).group().rsplit("\n", 1)[-1]
            close_indent = old[: old.rindex("]")].rsplit("\n", 1)[-1]
            items = ",".join("\n" + item_indent + _dumps(v, item_indent, unit, ascii_only) for v in value)
            new = "[" + items + "\n" + close_indent + "]"
    else:
        new = _dumps(value, indent, unit, ascii_only)
    return text[: member.value_start] + new + text[member.value_end:]


def set_key(text: str, key: str, value: Any) -> str:
    """`text` with top-level `key` set to `value`, every other character unchanged."""
    members = _members(text)
    unit, ascii_only = _unit(text, members), _ascii_style(text)
    for member in members:
        if member.key == key:
            return _replace_value(text, member, value, unit, ascii_only)
    if not members:
        body = f'\n{unit}{json.dumps(key, ensure_ascii=ascii_only)}: {_dumps(value, unit, unit, ascii_only)}\n'
        return "{" + body + text[text.rindex("}"):]
    last = members[-1]
    indent = _indent_of(text, last.key_start)
    between = text[last.key_end:last.value_start]  # the file's own ": " spelling
    one_line = "\n" not in text[: last.key_start]
    lead = ", " if one_line else ",\n" + indent
    rendered = json.dumps(value, ensure_ascii=ascii_only) if one_line else _dumps(value, indent, unit, ascii_only)
    member = f"{json.dumps(key, ensure_ascii=ascii_only)}{between}{rendered}"
    return text[: last.value_end] + lead + member + text[last.value_end:]


def set_keys(text: str, values: dict[str, Any]) -> str:
    """`text` with each top-level key set to its value, in the order given (the scan is cheap: key by key)."""
    for key, value in values.items():
        text = set_key(text, key, value)
    return text


def key_line(text: str, key: str) -> int | None:
    """1-based line of top-level member `key`."""
    for member in _members(text):
        if member.key == key:
            return text.count("\n", 0, member.key_start) + 1
    return None



CODEC = Codec(
    "json", "fix the JSON (double-quoted keys, commas between members, none after the last)",
    load, set_keys, key_line, no_quirks,
)
