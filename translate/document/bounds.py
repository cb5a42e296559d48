"""Limits on what a front matter may make the parsers do: nesting depth and YAML aliases.

Checked before the real parser runs, with scanners that neither recurse nor expand: a
5,000-deep array would hit Python's recursion limit in every parser, and a "billion
laughs" of YAML aliases would be expanded into gigabytes by the round-trip loader. Real
front matter nests a few levels and uses an alias or two; these limits are far above that.
"""

from __future__ import annotations

import re

import yaml

from .codec import FMSyntaxError

MAX_DEPTH = 32  # nested lists and maps
MAX_YAML_VALUES = 10_000  # values the document holds once every alias is expanded

try:
    _Loader = yaml.CSafeLoader
except AttributeError:  # PyYAML without libyaml
    _Loader = yaml.SafeLoader  # type: ignore[misc]

_JSON_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"?|[\[\]{}]', re.S)
_TOML_TOKENS = re.compile(
    r"'''.*?(?:'''|\Z)|\"\"\"(?:[^\\]|\\.)*?(?:\"\"\"|\Z)|\"(?:[^\"\\\n]|\\.)*\"?|'[^'\n]*'?|#[^\n]*|[\[\]{}]", re.S
)


def _too_deep(line: int) -> FMSyntaxError:
    return FMSyntaxError(line, f"lists and maps nested more than {MAX_DEPTH} levels deep")


def check_brackets(text: str, fmt: str, *, stop_at_close: bool = False) -> None:
    """FMSyntaxError when `[`/`{` nest deeper than MAX_DEPTH outside strings (and TOML
    comments). With `stop_at_close`, scanning ends where the first bracket closes (a JSON
    front matter is followed by the Markdown body)."""
    depth = 0
    for match in (_TOML_TOKENS if fmt == "toml" else _JSON_TOKENS).finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                raise _too_deep(text.count("\n", 0, match.start()) + 1)
        elif token in "]}":
            depth -= 1
            if depth <= 0 and stop_at_close:
                return


def check_yaml(text: str) -> None:
    """FMSyntaxError when the YAML nests deeper than MAX_DEPTH or its aliases expand to more
    than MAX_YAML_VALUES values; text that does not parse is left to the real parser."""
    sizes: dict[str, int] = {}  # anchor → values it stands for
    open_: list[list] = [[None, 0]]  # per open collection: its anchor, values so far
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.CollectionStartEvent):
                open_.append([event.anchor, 1])
                if len(open_) > MAX_DEPTH + 1:
                    raise _too_deep(event.start_mark.line + 1)
                continue
            if isinstance(event, yaml.CollectionEndEvent):
                anchor, size = open_.pop()
            elif isinstance(event, yaml.AliasEvent):
                anchor, size = None, sizes.get(event.anchor, 1)
            elif isinstance(event, yaml.ScalarEvent):
                anchor, size = event.anchor, 1
            else:
                continue
            if anchor is not None:
                sizes[anchor] = size
            open_[-1][1] += size
            if open_[-1][1] > MAX_YAML_VALUES:
                raise FMSyntaxError(event.start_mark.line + 1,
                                    f"aliases expand to more than {MAX_YAML_VALUES} values (an alias bomb?)")
    except yaml.YAMLError as err:
        if "nesting depth" in str(err):  # libyaml's own limit, met while scanning ahead
            mark = getattr(err, "problem_mark", None)
            raise _too_deep(mark.line + 1 if mark is not None else 1) from None
