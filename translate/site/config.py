"""Site configuration: Hugo's own config (read, never written) plus optional `translate.toml`."""

from __future__ import annotations

import dataclasses
import json
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

import yaml

from ..errors import ConfigError, UsageError
from ..markup.shortcodes import PROSE_PARAMS
from ..glossary import builtins
from .languages import Lang, parse_lang

HUGO_CONFIG_NAMES = tuple(
    f"{stem}.{ext}" for stem in ("hugo", "config") for ext in ("toml", "yaml", "yml", "json")
)
DEFAULT_FIELDS = ("title", "linkTitle", "summary", "description", "lead", "subtitle")
TOOL_CONFIG = "translate.toml"
STALE_POLICIES = ("keep", "retranslate")
MACHINE_REFRESH = ("always", "never")  # machine text made by another engine or model: re-translate, or keep


def _cores() -> int:
    return max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class EngineSettings:
    """The `[engine]` table of `translate.toml` (and `--device`), handed to engine factories.

    Defaults from bench/run.py --tune on 2 cores: one single-threaded worker per core is
    2.4x one worker on both cores; 1,024-token batches are 3-5% faster than 512 but peak
    ~150 MB higher (over the bench's memory budget); int16 runs at 0.6x int8, float32 at 0.4x.
    """

    device: str = "cpu"
    beam_size: int = 2
    compute_type: str = "int8"
    inter_threads: int = field(default_factory=lambda: min(_cores(), 4))
    intra_threads: int = field(default_factory=lambda: max(1, _cores() // min(_cores(), 4)))
    max_batch_tokens: int = 512


@dataclass(frozen=True)
class HugoLanguage:
    """One entry of Hugo's `languages` table: its key (used in filenames) and its tag."""

    key: str  # "zh-cn": exactly as Hugo's config spells it, lower-cased as Hugo does
    lang: Lang
    name: str | None = None  # languageName, e.g. 简体中文
    content_dir: Path | None = None  # its own `contentDir` (resolved), when Hugo's config gives one

    def label(self) -> str:
        """`zh-CN (简体中文)`: the tag and the language's own name."""
        return f"{self.lang.tag} ({self.name or self.lang.display_name(self.lang)})"


@dataclass(frozen=True)
class SiteConfig:
    root: Path
    content_dir: Path
    default_language: HugoLanguage
    languages: tuple[HugoLanguage, ...]
    source: HugoLanguage
    targets: tuple[HugoLanguage, ...]
    fields: tuple[str, ...] = DEFAULT_FIELDS
    glossary_paths: tuple[Path, ...] = ()
    engine: str = "argos"
    engine_settings: EngineSettings = field(default_factory=EngineSettings)
    stale_policy: str = "keep"
    machine_refresh: str = "always"
    currency_style: str = "symbol"
    hugo_config: Path | None = None
    shortcode_params: Any = field(default_factory=lambda: dict(PROSE_PARAMS))  # name → prose params
    taxonomies: tuple[str, ...] = ()  # front matter keys whose terms go through the term table
    # Hugo's top-level `contentDir`, for languages without their own; `content_dir` holds
    # them all (the same folder unless a language's own lies outside it).
    shared_content_dir: Path | None = None

    def content_dirs(self) -> dict[Path, HugoLanguage | None]:
        """Each folder Hugo reads content from, with the language its files are in unless
        their name says otherwise (None: the default language, by filename)."""
        dirs: dict[Path, HugoLanguage | None] = {}
        if any(language.content_dir is None for language in self.languages):
            dirs[self.shared_content_dir or self.content_dir] = None
        for language in self.languages:
            if language.content_dir is not None:
                dirs.setdefault(language.content_dir, language)
        return dirs

    def language(self, tag_or_key: str | Lang) -> HugoLanguage | None:
        """The Hugo language for a tag ("en", "zh-CN") or key ("zh-cn"), if Hugo has it."""
        if isinstance(tag_or_key, Lang):
            wanted = tag_or_key
        else:
            for language in self.languages:
                if language.key == tag_or_key.lower():
                    return language
            try:
                wanted = parse_lang(tag_or_key)
            except ConfigError:
                return None
        for language in self.languages:
            if language.lang.tag == wanted.tag:
                return language
        for language in self.languages:  # "zh" finds "zh-CN" when Hugo has only that one
            if language.lang.locale.language == wanted.locale.language and (
                wanted.locale.territory is None or language.lang.locale.territory is None
            ):
                return language
        return None

    def named_language(self, tag: str, option: str = "--to") -> HugoLanguage:
        """The language a command-line `option` names; UsageError when Hugo has none such."""
        language = self.language(tag)
        if language is None:
            raise UsageError(
                f"{option} {tag}: not a language of the Hugo site",
                hint=f"use one of {', '.join(l.key for l in self.languages)}",
            )
        return language

    def named_target(self, tag: str, option: str = "--to") -> HugoLanguage:
        """`named_language`, refusing the source language (which nothing is translated into)."""
        language = self.named_language(tag, option)
        if language == self.source:
            raise UsageError(f"{option} {tag}: that is the source language, which is never translated into",
                             hint=f"pass a target: {', '.join(t.key for t in self.targets) or 'none configured'}")
        return language

    def relative(self, path: Path) -> str:
        """Site-relative POSIX path; string work for the discovered (absolute, resolved) ones."""
        text, root = str(path), str(self.root) + os.sep
        if text.startswith(root) and f"{os.sep}..{os.sep}" not in text:
            return text[len(root) :].replace(os.sep, "/")
        return path.resolve().relative_to(self.root).as_posix()


def _read_structured(path: Path) -> dict[str, Any]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"cannot read the config: {exc.strerror}", path=path, hint="check that it is readable") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ConfigError(f"not UTF-8: byte 0x{data[exc.start]:02x}", path=path, line=line,
                          hint="re-save the file as UTF-8") from None
    try:
        if path.suffix == ".toml":
            data = tomllib.loads(text)
        elif path.suffix == ".json":
            data = json.loads(text)
        else:
            data = yaml.safe_load(text) or {}  # Hugo configs are read, never written back
    except (tomllib.TOMLDecodeError, json.JSONDecodeError) as exc:
        line = getattr(exc, "lineno", None) or _toml_error_line(str(exc))
        raise ConfigError(f"cannot parse config: {exc}", path=path, line=line, hint="fix the syntax") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ConfigError(
            f"cannot parse config: {exc}", path=path, line=(mark.line + 1) if mark else None, hint="fix the syntax"
        ) from None
    if not isinstance(data, dict):
        raise ConfigError("config is not a mapping", path=path, hint="write key = value settings")
    return data


def _toml_error_line(message: str) -> int | None:
    import re

    m = re.search(r"line (\d+)", message)
    return int(m.group(1)) if m else None


def _lower_keys(data: dict[str, Any]) -> dict[str, Any]:
    """Hugo's config keys are case-insensitive."""
    return {str(k).lower(): v for k, v in data.items()}


def find_hugo_config(root: Path) -> Path | None:
    for name in HUGO_CONFIG_NAMES:
        if (root / name).is_file():
            return root / name
    for name in HUGO_CONFIG_NAMES:
        candidate = root / "config" / "_default" / name
        if candidate.is_file():
            return candidate
    return None


def _hugo_languages(hugo: dict[str, Any], path: Path | None, root: Path) -> tuple[HugoLanguage, ...]:
    raw = hugo.get("languages") or {}
    if path is not None and not raw and path.parent.name == "_default":
        for ext in ("toml", "yaml", "yml", "json"):
            extra = path.parent / f"languages.{ext}"
            if extra.is_file():
                raw, path = _read_structured(extra), extra
                break
    if not isinstance(raw, dict) or not all(isinstance(v, dict) or v is None for v in raw.values()):
        raise ConfigError("languages is not a table of languages", path=path,
                          hint="write one table per language, e.g. [languages.en] with languageCode = 'en'")
    languages = []
    for key, settings in raw.items():
        settings = _lower_keys(settings or {})
        code = settings.get("languagecode") or key
        try:
            lang = parse_lang(str(code))
        except ConfigError as exc:
            raise ConfigError(exc.message, path=path, hint=f"fix languageCode of language {key!r}") from None
        own = settings.get("contentdir")
        content_dir = _inside(root, root / str(own), f"languages.{key}.contentDir") if own else None
        languages.append(HugoLanguage(str(key).lower(), lang, settings.get("languagename"), content_dir))
    return tuple(languages)


def load_config(root: Path | str = ".") -> SiteConfig:
    """Read Hugo's config and `translate.toml` under `root`; `ConfigError` if unusable."""
    root = Path(root).resolve()
    if not root.is_dir():
        raise ConfigError(f"{root} is not a directory", hint="pass --site DIR, the folder holding hugo.toml")
    hugo_path = find_hugo_config(root)
    if hugo_path is None:
        raise ConfigError(
            f"no Hugo config in {root}",
            hint="run in the site folder (with hugo.toml) or pass --site DIR",
        )
    hugo = _lower_keys(_read_structured(hugo_path))
    tool_path = root / TOOL_CONFIG
    tool = _read_structured(tool_path) if tool_path.is_file() else {}

    languages = _hugo_languages(hugo, hugo_path, root)
    default_key = str(hugo.get("defaultcontentlanguage") or "en").lower()
    if not languages:
        languages = (HugoLanguage(default_key, parse_lang(default_key)),)
    by_key = {language.key: language for language in languages}
    if default_key not in by_key:
        raise ConfigError(
            f"defaultContentLanguage {default_key!r} is not one of the languages {sorted(by_key)}",
            path=hugo_path,
            hint="add it under [languages] or fix defaultContentLanguage",
        )
    default = by_key[default_key]
    probe = SiteConfig(root, root, default, languages, default, ())

    def resolve(tag: str, what: str) -> HugoLanguage:
        language = probe.language(str(tag))
        if language is None:
            raise ConfigError(
                f"{what} {tag!r} is not a language of the Hugo site",
                path=tool_path,
                hint=f"add it to [languages] in {hugo_path.name}, or use one of {', '.join(sorted(by_key))}",
            )
        return language

    for key in ("targets", "fields", "glossary"):
        if key in tool and not (isinstance(tool[key], list) and all(isinstance(v, str) for v in tool[key])):
            raise ConfigError(f"{key} must be a list of strings, not {tool[key]!r}", path=tool_path,
                              hint=f'write it as {key} = ["…", "…"]')
    for key in ("source", "stale_policy", "machine_refresh", "currency_style"):
        if key in tool and not isinstance(tool[key], str):
            raise ConfigError(f"{key} must be a string, not {tool[key]!r}", path=tool_path, hint=f'write {key} = "…"')
    source = resolve(tool["source"], "source") if "source" in tool else default
    if "targets" in tool:
        targets = tuple(resolve(t, "target") for t in tool["targets"])
    else:
        targets = tuple(language for language in languages if language != source)

    shared_dir = _inside(root, root / str(hugo.get("contentdir") or "content"), "contentDir")
    glossary_paths = _glossary_paths(root, tool.get("glossary"), tool_path)

    engine_table = tool.get("engine", {})
    if isinstance(engine_table, str):
        engine_table = {"name": engine_table}
    known = {f.name for f in dataclasses.fields(EngineSettings)}
    unknown = sorted(set(engine_table) - known - {"name"})
    if unknown:
        raise ConfigError(
            f"[engine] has unknown setting {unknown[0]!r}", path=tool_path, hint=f"use one of: name, {', '.join(sorted(known))}"
        )
    defaults = EngineSettings()
    for key, value in engine_table.items():
        wanted = str if key == "name" else type(getattr(defaults, key))
        if type(value) is not wanted:  # not isinstance: true is no thread count
            raise ConfigError(f"[engine] {key} must be {'a string' if wanted is str else 'a whole number'}, not {value!r}",
                              path=tool_path, hint=f"write {key} = {getattr(defaults, key, 'argos')!r}".replace("'", '"'))
    settings = EngineSettings(**{k: v for k, v in engine_table.items() if k != "name"})
    policy = tool.get("stale_policy", "keep")
    if policy not in STALE_POLICIES:
        raise ConfigError(
            f"stale_policy {policy!r} is not one of {STALE_POLICIES}", path=tool_path, hint="use keep or retranslate"
        )
    refresh = tool.get("machine_refresh", "always")
    if refresh not in MACHINE_REFRESH:
        raise ConfigError(
            f"machine_refresh {refresh!r} is not one of {MACHINE_REFRESH}", path=tool_path, hint="use always or never"
        )
    return SiteConfig(
        taxonomies=_taxonomies(hugo, tool, tool_path),
        shortcode_params=_shortcode_params(tool.get("shortcodes", {}), tool_path),
        root=root,
        content_dir=_content_root(shared_dir, languages),
        shared_content_dir=shared_dir,
        default_language=default,
        languages=languages,
        source=source,
        targets=targets,
        fields=tuple(tool.get("fields", DEFAULT_FIELDS)),
        glossary_paths=glossary_paths,
        engine=engine_table.get("name", "argos"),
        engine_settings=settings,
        stale_policy=policy,
        machine_refresh=refresh,
        currency_style=tool.get("currency_style", "symbol"),
        hugo_config=hugo_path,
    )


def _content_root(shared: Path, languages: Sequence[HugoLanguage]) -> Path:
    """The folder holding every content dir: memory and paths are relative to it."""
    dirs = [shared, *(language.content_dir for language in languages if language.content_dir)]
    return Path(os.path.commonpath([str(d) for d in dirs]))


def _taxonomies(hugo: dict[str, Any], tool: dict[str, Any], path: Path) -> tuple[str, ...]:
    """`tags`, `categories`, `series`, `authors` (a taxonomy of most themes), `keywords` and the plural
    names in Hugo's `taxonomies`, unless
    translate.toml says `taxonomies = false`."""
    setting = tool.get("taxonomies", True)
    if not isinstance(setting, bool):
        raise ConfigError(f"taxonomies must be true or false, not {setting!r}", path=path,
                          hint="write taxonomies = false to keep taxonomy terms as they are")
    configured = hugo.get("taxonomies")
    plural = [str(v) for v in configured.values()] if isinstance(configured, dict) else []
    return tuple(dict.fromkeys(["tags", "categories", "series", "authors", "keywords", *plural])) if setting else ()


def _shortcode_params(table: Any, path: Path) -> dict[str, tuple[str | int, ...]]:
    """`[shortcodes]` of translate.toml over the defaults: `figure = ["caption", 1]` names a
    shortcode's prose parameters (0-based positions as numbers); `figure = []` turns one off."""
    hint = 'write e.g. [shortcodes] with figure = ["caption", "title"] and admonition = [1]'
    if not isinstance(table, dict):
        raise ConfigError(f"shortcodes must be a table, not {table!r}", path=path, hint=hint)
    params = dict(PROSE_PARAMS)
    for name, wanted in table.items():
        if not isinstance(wanted, list) or not all(type(w) in (str, int) for w in wanted):
            raise ConfigError(f"shortcodes.{name} must be a list of parameter names and positions, not {wanted!r}",
                              path=path, hint=hint)
        params[str(name)] = tuple(wanted)
    return params


def _glossary_paths(root: Path, entries: list[str] | None, tool_path: Path) -> tuple[Path, ...]:
    """The glossary files in effect: the site's own files first, then built-ins (so a site row
    wins over a built-in row for the same term). Unset: glossary/*.csv, else the built-in finance."""
    if entries is None:
        entries = ["glossary/*.csv"] if any((root / "glossary").glob("*.csv")) else list(builtins.DEFAULT)
    own: list[Path] = []
    shipped: list[Path] = []
    for entry in entries:
        builtin = builtins.builtin_path(entry)
        if builtin is not None:
            shipped.append(builtin)
        elif any(c in entry for c in "*?["):
            own += sorted(root.glob(entry))
        elif (root / entry).is_file():
            own.append(root / entry)
        else:
            raise ConfigError(
                f"glossary {entry!r} is neither a file of the site nor a built-in glossary", path=tool_path,
                hint=f"use a path like glossary/terms.csv, or a built-in: {', '.join(builtins.builtin_names())}",
            )
    for path in own:
        _inside(root, path, "glossary file")
    return tuple(dict.fromkeys(own + shipped))


def _inside(root: Path, path: Path, what: str) -> Path:
    resolved = path.resolve()
    if not resolved.is_relative_to(root):
        raise ConfigError(f"{what} {path} lies outside the site {root}", hint="keep it inside the site folder")
    return resolved
