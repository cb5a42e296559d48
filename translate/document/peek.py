"""Fast, read-only front matter: for `check` and `status`, which never rewrite files.

The round-trip parser in `document.post` keeps every byte but is slow; this one uses
PyYAML's C loader, tomllib and json, and is only ever used to read values.
"""

from __future__ import annotations

import json
import tomllib
from typing import Any

import yaml

from .bounds import check_brackets, check_yaml
from .codec import FMSyntaxError

try:
    _Loader = yaml.CSafeLoader
except AttributeError:  # PyYAML without libyaml
    _Loader = yaml.SafeLoader  # type: ignore[misc]


_JSON = json.JSONDecoder()


def split_front_matter(text: str) -> tuple[str | None, str]:
    """(format, raw front matter) of a page's text; (None, "") when it has none or it is broken."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n")  # tomllib refuses a lone CR
    for fmt, fence in (("yaml", "---"), ("toml", "+++")):
        if text.startswith(fence):
            end = text.find(f"\n{fence}", len(fence))
            return (fmt, text[len(fence) : end + 1]) if end != -1 else (None, "")  # its last newline too
    if text.startswith("{"):
        try:
            check_brackets(text, "json", stop_at_close=True)
            _, end = _JSON.raw_decode(text)
        except (ValueError, FMSyntaxError):
            return None, ""
        return "json", text[:end]
    return None, ""


def read_front_matter(text: str) -> dict[str, Any]:
    """The front matter as plain values; {} when absent or unreadable (sync reports those)."""
    fmt, raw = split_front_matter(text)
    try:
        if fmt == "yaml":
            check_yaml(raw)
            data = yaml.load(raw, Loader=_Loader)
        elif fmt == "toml":
            check_brackets(raw, "toml")
            data = tomllib.loads(raw)
        elif fmt == "json":
            check_brackets(raw, "json")
            data = json.loads(raw)
        else:
            return {}
    except (yaml.YAMLError, tomllib.TOMLDecodeError, ValueError, FMSyntaxError):
        return {}
    return data if isinstance(data, dict) else {}
