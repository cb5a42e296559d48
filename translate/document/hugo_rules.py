"""Front matter that Hugo itself rejects, found before Hugo trips over it.

Each check is a small function of (key, value) returning a problem or None; Hugo matches
keys ignoring case. What Hugo accepts follows its `cast` conversions: dates in the layouts
of `cast.StringToDate`, booleans as `strconv.ParseBool` reads them, integers as `ParseInt`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING, Any, Callable

from ..errors import PostError, TranslateError

if TYPE_CHECKING:
    from .post import Document

_DATE_KEYS = ("date", "publishdate", "pubdate", "published", "lastmod", "modified",
              "expirydate", "unpublishdate")
_BOOL_KEYS = ("draft", "headless", "iscjklanguage")
_INT_KEYS = ("weight",)
_MAPPING_KEYS = ("_build", "build", "sitemap")
_GO_BOOLS = {"1", "t", "T", "TRUE", "true", "True", "0", "f", "F", "FALSE", "false", "False"}

_DAY = r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun)"
_MONTH = r"(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
_ZONE = r"([A-Z]{3,5}|[+-]\d{4})"
_ISO = re.compile(
    r"(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)"
    r"(?:[T ](?P<H>\d\d):(?P<M>\d\d):(?P<S>\d\d)(?:\.\d+)?"
    r"(?:Z|[+-]\d\d:?\d\d| [+-]\d\d:?\d\d(?: [A-Z]{3,5})?|Z\d\d:\d\d)?)?"
)
_OTHER_LAYOUTS = [
    re.compile(rf"{_DAY}, \d\d {_MONTH} \d{{4}} \d\d:\d\d:\d\d {_ZONE}"),  # RFC 1123(Z)
    re.compile(rf"\d\d {_MONTH} \d\d \d\d:\d\d {_ZONE}"),  # RFC 822(Z)
    re.compile(rf"[A-Z][a-z]+day, \d\d-{_MONTH}-\d\d \d\d:\d\d:\d\d [A-Z]{{3,5}}"),  # RFC 850
    re.compile(rf"{_DAY} {_MONTH} [ \d]\d \d\d:\d\d:\d\d( [A-Z]{{3,5}}| [+-]\d{{4}})? \d{{4}}"),  # ANSIC, Unix, Ruby
    re.compile(rf"{_DAY} {_MONTH} \d\d \d\d:\d\d:\d\d [+-]\d{{4}} \d{{4}}"),  # RubyDate
    re.compile(rf"\d\d {_MONTH} \d{{4}}"),
    re.compile(r"\d{1,2}:\d\d[AP]M"),  # Kitchen
    re.compile(rf"{_MONTH} [ \d]\d \d\d:\d\d:\d\d(\.\d+)?"),  # Stamp*
]


def hugo_date_ok(value: Any) -> bool:
    """True if Hugo can read `value` as a date."""
    if isinstance(value, (dt.date, dt.datetime, int, float)) and not isinstance(value, bool):
        return True
    if not isinstance(value, str):
        return False
    text = value.strip()
    if not text:
        return True  # Hugo treats an empty date as no date
    iso = _ISO.fullmatch(text)
    if iso:
        try:
            dt.datetime(int(iso["y"]), int(iso["m"]), int(iso["d"]),
                        int(iso["H"] or 0), int(iso["M"] or 0), int(iso["S"] or 0))
        except ValueError:
            return False
        return True
    return any(layout.fullmatch(text) for layout in _OTHER_LAYOUTS)


def _date(key: str, value: Any) -> tuple[str, str] | None:
    if hugo_date_ok(value):
        return None
    return (f"Hugo cannot read {key}: {value!r} as a date",
            'write it as 2025-02-11, 2025-02-11T16:25:36+08:00 or "2025-02-11 16:25:36"')


def _bool(key: str, value: Any) -> tuple[str, str] | None:
    if isinstance(value, bool) or (isinstance(value, int) and not isinstance(value, float)):
        return None
    if isinstance(value, str) and value in _GO_BOOLS:
        return None
    return f"{key} must be true or false, not {value!r}", f"write {key}: true or {key}: false"


def _int(key: str, value: Any) -> tuple[str, str] | None:
    if isinstance(value, (int, float)):
        return None
    if isinstance(value, str) and re.fullmatch(r"[+-]?(0[xob])?[0-9a-fA-F_]+", value.strip()):
        return None
    return f"{key} must be a whole number, not {value!r}", f"write {key}: 10 (lower weights sort first)"


def _mapping(key: str, value: Any) -> tuple[str, str] | None:
    if isinstance(value, dict):
        return None
    return f"{key} must be a mapping of options, not {value!r}", f"write {key} as nested keys"


def _cascade(key: str, value: Any) -> tuple[str, str] | None:
    if isinstance(value, dict) or (isinstance(value, list) and all(isinstance(v, dict) for v in value)):
        return None
    return f"{key} must be a mapping or a list of mappings", "see Hugo's front matter cascade docs"


def _resources(key: str, value: Any) -> tuple[str, str] | None:
    if isinstance(value, list) and all(isinstance(v, dict) for v in value):
        return None
    return f"{key} must be a list of mappings (src, name, title …)", "write each resource as `- src: …`"


_CHECKS: dict[str, Callable[[str, Any], tuple[str, str] | None]] = {
    **{key: _date for key in _DATE_KEYS},
    **{key: _bool for key in _BOOL_KEYS},
    **{key: _int for key in _INT_KEYS},
    **{key: _mapping for key in _MAPPING_KEYS},
    "cascade": _cascade,
    "resources": _resources,
}


def hugo_problems(doc: Document) -> list[TranslateError]:
    """Everything in `doc`'s front matter that would make Hugo fail, in file order."""
    fm = doc.front_matter
    if fm.root_type != "mapping":
        return [PostError(f"front matter is a {fm.root_type}, Hugo needs a mapping of keys",
                          path=doc.path, line=1, hint="write the front matter as `key: value` lines")]
    problems: list[tuple[int, TranslateError]] = []
    for key, value in fm.as_dict().items():
        check = _CHECKS.get(str(key).lower())
        found = check(str(key), value) if check else None
        if found:
            line = fm.line_of(str(key))
            problems.append((line, PostError(found[0], path=doc.path, line=line, hint=found[1])))
    for line, problem, hint in fm.quirks():
        problems.append((line, PostError(problem, path=doc.path, line=line, hint=hint)))
    return [error for _, error in sorted(problems, key=lambda pair: pair[0])]
