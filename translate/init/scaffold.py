"""`translate init`: read Hugo's config and content, write what a site is missing, never overwrite.

Writes `translate.toml` (the detected source and targets; every other setting commented,
with its default), the banner partial, a GitHub Actions workflow, and a `.gitattributes`
line for the memory; returns what it wrote and what the user does next. A file that exists
is left as it is, so a second `init` changes nothing.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

from .. import __version__
from ..glossary.builtins import DEFAULT as DEFAULT_GLOSSARY
from ..errors import ModelMissingError
from ..markup.text import CJK_LETTER
from ..site.config import DEFAULT_FIELDS, TOOL_CONFIG, EngineSettings, HugoLanguage, SiteConfig, load_config
from ..site.files import write_text_atomic

TEMPLATES = Path(__file__).resolve().parent / "templates"
BANNER = Path("layouts/partials/translation-banner.html")
WORKFLOW = Path(".github/workflows/translate.yml")
ATTRIBUTES = Path(".gitattributes")
# Memory is text git merges line by line; LF everywhere keeps a Windows checkout from
# rewriting every line, and GitHub folds the files in pull-request diffs.
ATTRIBUTES_LINE = ".translate/** text eol=lf linguist-generated=true"
SAMPLE_POSTS = 20  # posts read to tell the language of the content


@dataclass
class InitReport:
    written: list[tuple[str, str]] = field(default_factory=list)  # (site-relative path, what it is)
    kept: list[str] = field(default_factory=list)  # already there: left as they were
    notes: list[str] = field(default_factory=list)  # what the user should do by hand
    next_command: str = "translate sync"
    source: str = ""
    targets: tuple[str, ...] = ()


def init_site(root: Path) -> InitReport:
    """Set up the site at `root` for translate; writes only files that do not exist yet."""
    config = load_config(root)
    source = detect_source(config)
    targets = tuple(t for t in config.languages if t != source)
    report = InitReport(source=source.lang.tag, targets=tuple(t.lang.tag for t in targets))
    files = {
        Path(TOOL_CONFIG): (tool_config(config, source, targets), f"settings: {source.lang.tag} → "
                            f"{', '.join(report.targets) or 'no targets yet'}, every other setting commented"),
        BANNER: ((TEMPLATES / BANNER.name).read_text(encoding="utf-8"), "the banner partial"),
        WORKFLOW: (workflow(config, source, targets), "check on pull requests; a daily sync that commits"),
    }
    for rel, (text, what) in files.items():
        path = config.root / rel
        if path.exists():
            report.kept.append(rel.as_posix())
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_text_atomic(path, text, root=config.root)
            report.written.append((rel.as_posix(), what))
    _add_attributes(config.root, report)
    if not targets:
        report.notes.append(f"{config.hugo_config.name} has only one language: add the target under [languages]"
                            " (e.g. [languages.en] with languageCode = \"en\"), then run translate init again")
    report.notes.append(banner_hint(config))
    report.next_command = next_command(source, targets)
    return report


def detect_source(config: SiteConfig) -> HugoLanguage:
    """The configured source, unless the content says otherwise: Chinese posts under a
    non-Chinese defaultContentLanguage make the site's Chinese language the source."""
    from ..site.discover import discover

    chinese = [l for l in config.languages if l.lang.locale.language == "zh"]
    if config.source.lang.locale.language == "zh" or not chinese:
        return config.source
    sources, _ = discover(config)
    sample = [page.path.read_text(encoding="utf-8", errors="replace") for page in sources[:SAMPLE_POSTS]]
    han = sum(1 for text in sample if _mostly_han(text))
    return chinese[0] if sample and han * 2 > len(sample) else config.source


def _mostly_han(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(1 for c in letters if CJK_LETTER.match(c)) * 3 > len(letters)


def tool_config(config: SiteConfig, source: HugoLanguage, targets: tuple[HugoLanguage, ...]) -> str:
    """translate.toml: source and targets set, every other setting commented with its default."""
    engine = EngineSettings()
    quoted = lambda values: "[" + ", ".join(f'"{v}"' for v in values) + "]"  # noqa: E731
    lines = [
        "# Settings for translate; written by `translate init`. Hugo's own config stays as it is.",
        f"source = \"{source.lang.tag}\"  # the language posts are written in",
        f"targets = {quoted(t.lang.tag for t in targets)}  # default: every other Hugo language",
        "",
        f"# fields = {quoted(DEFAULT_FIELDS)}  # front matter fields to translate",
        f"# glossary = {quoted([*DEFAULT_GLOSSARY, 'glossary/*.csv'])}  # built-ins by name, your files by path;",
        "#   default: glossary/*.csv when there are any, else the built-in finance glossary; [] for none",
        "# stale_policy = \"keep\"  # source changed under human text: keep it and mark it stale, or \"retranslate\"",
        "# currency_style = \"symbol\"  # amounts: symbol ($500 billion), narrow, code (CNY …) or word",
        "",
        "# [engine]",
        f"# name = \"{config.engine}\"  # or \"pseudo\": no model, previews the structure",
    ]
    for item in dataclasses.fields(engine):
        value = getattr(engine, item.name)
        if item.name not in ("inter_threads", "intra_threads"):  # these follow the machine's cores
            lines.append(f"# {item.name} = {value!r}".replace("'", '"'))
    return "\n".join(lines) + "\n"


def workflow(config: SiteConfig, source: HugoLanguage, targets: tuple[HugoLanguage, ...]) -> str:
    pairs = [f"translate models install {source.lang.argos_code} {t.lang.argos_code}" for t in targets]
    content = config.relative(config.content_dir) if config.content_dir != config.root else "."
    return (TEMPLATES / "translate.yml").read_text(encoding="utf-8").format(
        version=__version__, models=" && ".join(pairs) or "true", content=content)


def banner_hint(config: SiteConfig) -> str:
    include = '{{ partial "translation-banner.html" . }}'
    single = config.root / "layouts" / "_default" / "single.html"
    if single.is_file():
        return f"show the banner on translated pages: add {include} to layouts/_default/single.html"
    return (f"show the banner on translated pages: add {include} to the template that renders a post"
            " (your theme's layouts/_default/single.html, copied to the site's layouts/_default/)")


def next_command(source: HugoLanguage, targets: tuple[HugoLanguage, ...]) -> str:
    from ..engines.packages import find_route, installed_packages

    packages = installed_packages()
    missing = []
    for target in targets:
        try:
            find_route(source.lang.argos_code, target.lang.argos_code, packages)
        except ModelMissingError:
            missing.append(target)
    if not missing:
        return "translate sync"
    install = " && ".join(f"translate models install {source.lang.argos_code} {t.lang.argos_code}" for t in missing)
    return f"{install} && translate sync   (or preview without a model: translate sync --engine pseudo)"


def _add_attributes(root: Path, report: InitReport) -> None:
    path = root / ATTRIBUTES
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if ATTRIBUTES_LINE in text.splitlines():
        report.kept.append(ATTRIBUTES.as_posix())
        return
    write_text_atomic(path, text + ("\n" if text and not text.endswith("\n") else "") + ATTRIBUTES_LINE + "\n", root=root)
    report.written.append((ATTRIBUTES.as_posix(), "keeps the memory files' line endings stable for merges"))
