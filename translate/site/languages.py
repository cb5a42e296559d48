"""One place that maps language tags: BCP 47 (zh-CN), Hugo keys (zh-cn), Babel locales
(zh_Hans_CN) and Argos codes (zh, zt for Traditional Chinese)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from babel import Locale, UnknownLocaleError

from ..errors import ConfigError

_TRADITIONAL_TERRITORIES = {"TW", "HK", "MO"}


@dataclass(frozen=True)
class Lang:
    """A language as the tool knows it: `tag` is the canonical BCP 47 spelling."""

    tag: str  # "zh-CN"
    babel: str  # "zh_Hans_CN"

    @property
    def locale(self) -> Locale:
        return Locale.parse(self.babel)

    @property
    def argos_code(self) -> str:
        locale = self.locale
        if locale.language == "zh":
            return "zt" if locale.script == "Hant" else "zh"
        return locale.language

    def display_name(self, in_locale: str | Lang = "en") -> str:
        """"简体中文"-style name of this language, written in `in_locale`."""
        where = in_locale.locale if isinstance(in_locale, Lang) else Locale.parse(in_locale)
        return self.locale.get_display_name(where) or self.tag

    def __str__(self) -> str:
        return self.tag


@lru_cache(maxsize=None)
def parse_lang(text: str) -> Lang:
    """Parse any spelling ("zh-CN", "zh_cn", "zh-cn", "en") into a `Lang`.

    Raises `ConfigError` for tags Babel does not know.
    """
    raw = text.strip().replace("_", "-")
    parts = raw.split("-")
    if not raw or not all(p.isalnum() for p in parts):
        raise ConfigError(f"{text!r} is not a language tag", hint="use a tag like zh-CN or en")
    # Canonical BCP 47 casing: language lower, script title, region upper.
    canon = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            canon.append(part.title())
        elif len(part) in (2, 3):
            canon.append(part.upper())
        else:
            canon.append(part.lower())
    tag = "-".join(canon)
    try:
        locale = Locale.parse(tag, sep="-")
    except (UnknownLocaleError, ValueError) as exc:
        raise ConfigError(
            f"unknown language tag {text!r} ({exc})", hint="use a tag Babel knows, like zh-CN or en"
        ) from None
    if locale.language == "zh" and locale.script is None:
        script = "Hant" if locale.territory in _TRADITIONAL_TERRITORIES else "Hans"
        locale = Locale(locale.language, locale.territory, script=script)
    return Lang(tag=tag, babel=str(locale))
