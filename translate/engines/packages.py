"""Argos packages on disk: where they live, which are installed, installing new ones.

Packages are found and installed the Argos way (`ARGOS_PACKAGES_DIR`, else Argos's
settings.json, else `~/.local/share/argos-translate/packages`), so models installed with
`argospm` just work. `argostranslate.settings` reads the environment once, at import; we
work the paths out afresh on every call and push them into it before using its index code.
Only `install_pair` touches the network.
"""

from __future__ import annotations

import json
import logging
import os
import re
import tempfile
import zipfile
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable, Iterator

from ..errors import ConfigError, ModelMissingError

Progress = Callable[[int, "int | None"], None]
# The index lists an ipfs:// link (once spelled ifps://) before the https one; we fetch
# only what urllib can, in the index's order (file: for a local mirror).
DOWNLOAD_SCHEMES = ("https", "http", "file")


class ModelInstallError(ConfigError):
    """A package could not be installed (offline, bad file, no such pair)."""


@dataclass(frozen=True)
class PackageInfo:
    """One installed Argos package, as `metadata.json` and its directory describe it."""

    path: Path
    name: str  # "translate-zh_en-fixture"
    version: str  # "1.0"
    from_code: str
    to_code: str
    argos_version: str = ""
    target_prefix: str = ""
    max_sentence_tokens: int | None = None
    tokenizer: str | None = "sentencepiece"  # tokenizer_kind(); "bpe" is listed, not run

    @property
    def unsupported(self) -> str:
        """Why translate cannot run this package ("" when it can)."""
        if self.tokenizer == "bpe":
            return "BPE tokenization is not supported yet"
        return ""

    @property
    def label(self) -> str:
        """What a sibling's `translation:` block records: "translate-zh_en-fixture 1.0"."""
        return f"{self.name} {self.version}"

    def size_bytes(self) -> int:
        return sum(p.stat().st_size for p in self.path.rglob("*") if p.is_file())

    def to_json(self) -> dict:
        data = asdict(self)
        data.update(path=str(self.path), size_bytes=self.size_bytes(), label=self.label, unsupported=self.unsupported)
        return data


def _home() -> Path:
    return Path(os.environ.get("HOME") or Path.home())


def data_dir() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or _home() / ".local" / "share") / "argos-translate"


def _config_setting(key: str) -> str | None:
    config = Path(os.environ.get("XDG_CONFIG_HOME") or _home() / ".config")
    settings_file = config / "argos-translate" / "settings.json"
    try:
        value = json.loads(settings_file.read_text(encoding="utf-8")).get(key)
    except (OSError, ValueError, AttributeError):
        return None
    return str(value) if value else None


def packages_dir() -> Path:
    """Where Argos packages are installed, read from the environment now."""
    configured = os.environ.get("ARGOS_PACKAGES_DIR") or _config_setting("ARGOS_PACKAGES_DIR")
    return Path(configured) if configured else data_dir() / "packages"


def read_package(path: Path) -> PackageInfo:
    """The package in directory `path`; `ConfigError` if its metadata is unusable."""
    try:
        meta = json.loads((path / "metadata.json").read_text(encoding="utf-8"))
        from_code, to_code = meta["from_code"], meta["to_code"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ConfigError(
            f"not an Argos package: {exc}", path=path / "metadata.json",
            hint="remove the directory or reinstall it with `translate models install --file`",
        ) from None
    version = str(meta.get("package_version", ""))
    name = str(meta.get("code") or "") or _name_from_dir(path.name, version, from_code, to_code)
    limit = meta.get("max_sentence_tokens")
    return PackageInfo(
        path=path, name=name, version=version, from_code=from_code, to_code=to_code,
        argos_version=str(meta.get("argos_version", "")),
        target_prefix=str(meta.get("target_prefix", "") or ""),
        max_sentence_tokens=int(limit) if isinstance(limit, int) and limit > 0 else None,
        tokenizer=tokenizer_kind(path),
    )


def _name_from_dir(dirname: str, version: str, from_code: str, to_code: str) -> str:
    """"translate-zh_en-fixture-1_0" → "translate-zh_en-fixture" (Argos spells 1.0 as 1_0)."""
    suffix = "-" + version.replace(".", "_")
    if version and dirname.endswith(suffix):
        return dirname[: -len(suffix)]
    return re.sub(r"-\d+(_\d+)*$", "", dirname) or f"translate-{from_code}_{to_code}"


def installed_packages(directory: Path | None = None) -> list[PackageInfo]:
    """Installed translation packages, sorted; unreadable directories are skipped."""
    root = directory or packages_dir()
    if not root.is_dir():
        return []
    found = []
    for path in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
        try:
            info = read_package(path)
        except ConfigError:
            continue
        if (path / "model").is_dir() and info.tokenizer:
            found.append(info)
    return sorted(found, key=lambda p: (p.from_code, p.to_code, p.name, p.version))


def tokenizer_kind(path: Path) -> str | None:
    """"sentencepiece" or "bpe" (Moses + subword-nmt, older Argos packages), by the files
    the package holds; None when it has neither."""
    if (path / "sentencepiece.model").is_file():
        return "sentencepiece"
    if (path / "bpe.model").is_file():
        return "bpe"
    return None


def find_route(source: str, target: str, packages: list[PackageInfo]) -> list[PackageInfo]:
    """Packages that take Argos code `source` to `target`: direct, else pivot through en.

    Raises `ModelMissingError` naming the install command."""
    def best(a: str, b: str) -> PackageInfo | None:
        matches = [p for p in packages if p.from_code == a and p.to_code == b and not p.unsupported]
        return max(matches, key=lambda p: _version_key(p.version)) if matches else None

    direct = best(source, target)
    if direct:
        return [direct]
    first, second = best(source, "en"), best("en", target)
    if source != "en" and target != "en" and first and second:
        return [first, second]
    unusable = [p for p in packages if p.unsupported and (p.from_code, p.to_code) in
                {(source, target), (source, "en"), ("en", target)}]
    why = "".join(f"; {p.label} is installed but {p.unsupported}" for p in unusable)
    raise ModelMissingError(
        f"no installed Argos model translates {source} → {target}{why}",
        hint=f"install one: `translate models install {source} {target}` "
        f"(or `translate models install --file PATH.argosmodel`)",
    )


def _version_key(version: str) -> tuple:
    return tuple(int(x) if x.isdigit() else 0 for x in re.split(r"[._-]", version))


def install_file(path: Path, directory: Path | None = None) -> PackageInfo:
    """Install a `.argosmodel` zip and return it.

    Two layouts are packages: one top directory holding metadata.json (what Argos's own
    installer extracts), or the files at the archive's root (what LibreTranslate's Locomotive
    converter writes), installed into `translate-{from}_{to}-{version}`. A package of the same
    directory name is replaced in one rename."""
    root = directory or packages_dir()
    if not path.is_file():
        raise ModelInstallError("no such file", path=path, hint="check the path of the .argosmodel file")
    if not zipfile.is_zipfile(path):
        raise ModelInstallError(
            "not an Argos package (not a zip archive)", path=path,
            hint="pass a .argosmodel file, e.g. from the Argos package index",
        )
    with zipfile.ZipFile(path) as zf:
        names = [n for n in zf.namelist() if n.strip("/")]
        if any(".." in Path(n).parts or n.startswith("/") for n in names):
            raise ModelInstallError("unsafe paths in package archive", path=path, hint="do not install this file")
        top = _package_top(names, path)
        root.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=root, prefix=".installing-") as tmp:
            if top:
                zf.extractall(tmp)
                staged = Path(tmp) / top
            else:
                staged = Path(tmp) / "package"
                zf.extractall(staged)
            info = read_package(staged)  # refuses a folder that is not a valid package
            _check_contents(info, path)
            final = root / (top or _install_name(info))
            if final.exists():  # renamed aside, not deleted in place: never a half-deleted package,
                os.replace(final, Path(tmp) / ".replaced")  # and none only between two renames
            os.replace(staged, final)
    return read_package(final)


def _package_top(names: list[str], path: Path) -> str:
    """The archive's one top directory holding metadata.json, or "" when the files are at its root."""
    if "metadata.json" in names:
        return ""
    tops = {n.split("/", 1)[0] for n in names}
    if len(tops) == 1 and f"{next(iter(tops))}/metadata.json" in names:
        return next(iter(tops))
    raise ModelInstallError(
        "not an Argos package (no metadata.json at the archive's root or in its one top directory)",
        path=path, hint="rebuild the package or download it again",
    )


def _check_contents(info: PackageInfo, path: Path) -> None:
    """A package has a CTranslate2 model and a tokenizer (`read_package` found which); say which is missing."""
    if not (info.path / "model" / "model.bin").is_file():
        raise ModelInstallError("not an Argos package (no model/model.bin)", path=path,
                                hint="rebuild the package or download it again")
    if info.tokenizer is None:
        raise ModelInstallError("not an Argos package (no sentencepiece.model or bpe.model)", path=path,
                                hint="rebuild the package or download it again")


def _install_name(info: PackageInfo) -> str:
    """Where a root-level archive goes: Argos's name for it, "translate-zh_en-1_9"."""
    version = "-" + info.version.replace(".", "_") if info.version else ""
    return f"translate-{info.from_code}_{info.to_code}{version}"


def _sync_argos_settings() -> object:
    """Import argostranslate's settings and point them at today's environment."""
    try:
        from argostranslate import settings
    except ImportError:
        raise ModelInstallError(
            "installing from the Argos package index uses argostranslate, which this install leaves out",
            hint="pip install 'translate[argos]', or download the .argosmodel and run "
            "`translate models install --file PATH.argosmodel`",
        ) from None

    data = data_dir()
    settings.package_data_dir = packages_dir()
    settings.package_dirs = [settings.package_data_dir]
    settings.local_package_index = data / "index.json"
    index = os.environ.get("ARGOS_PACKAGE_INDEX")
    if index:  # a base URL, as Argos reads it ("…/" + "index.json"), or the index file's own URL
        settings.remote_package_index = index if index.endswith(".json") else index.rstrip("/") + "/index.json"
    settings.downloads_dir = Path(settings.cache_dir) / "downloads"
    return settings


def available_packages() -> list[dict]:
    """The Argos package index (downloaded now), as metadata dicts."""
    settings = _sync_argos_settings()
    from argostranslate import package as argos_package

    index_path = Path(settings.local_package_index)
    index_path.parent.mkdir(parents=True, exist_ok=True)
    before = index_path.stat().st_mtime_ns if index_path.exists() else None
    with _argos_log() as logged:
        argos_package.update_package_index()  # logs and returns on failure; never raises
    after = index_path.stat().st_mtime_ns if index_path.exists() else None
    if after is None or after == before:
        # get_available_packages() would recurse forever without a local index.
        why = f" ({logged[-1]})" if logged else ""
        raise ModelInstallError(
            f"could not download the Argos package index{why}",
            hint="check your network or use `translate models install --file PATH.argosmodel`",
        )
    try:
        return [dict(m) for m in json.loads(index_path.read_text(encoding="utf-8"))]
    except (OSError, ValueError, TypeError) as exc:
        raise ModelInstallError(f"unreadable Argos package index ({exc})", path=index_path,
                                hint="check your network and try again") from None


@contextmanager
def _argos_log() -> Iterator[list[str]]:
    """Collect what argostranslate logs (instead of letting it reach stderr raw)."""
    logger = logging.getLogger("argostranslate.utils")
    messages: list[str] = []
    handler = logging.Handler(logging.WARNING)
    # argostranslate logs str(args): "(URLError(...),)"; keep the part inside.
    handler.emit = lambda record: messages.append(re.sub(r"^\((.*),\)$", r"\1", record.getMessage()))  # type: ignore[method-assign]
    logger.addHandler(handler)
    propagate, logger.propagate = logger.propagate, False
    try:
        yield messages
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate


def install_pair(source: str, target: str, *, progress: Progress | None = None) -> PackageInfo:
    """Download and install the index's package for Argos codes `source` → `target`."""
    candidates = [m for m in available_packages()
                  if m.get("from_code") == source and m.get("to_code") == target and m.get("links")]
    if not candidates:
        raise ModelInstallError(
            f"the Argos package index has no {source} → {target} package",
            hint="list languages at the Argos index, or pivot: install "
            f"{source} en and en {target}",
        )
    meta = max(candidates, key=lambda m: _version_key(str(m.get("package_version", ""))))
    with tempfile.TemporaryDirectory() as tmp:
        dest = Path(tmp) / "package.argosmodel"
        _download(list(meta["links"]), dest, progress)
        return install_file(dest)


def _download(links: list[str], dest: Path, progress: Progress | None) -> None:
    import urllib.error
    import urllib.parse
    import urllib.request

    errors = []
    fetchable = [url for url in links if urllib.parse.urlsplit(url).scheme in DOWNLOAD_SCHEMES]
    if not fetchable:
        raise ModelInstallError(
            "the index gives no http(s) link for this package (" + ", ".join(links) + ")",
            hint="download it another way and use `translate models install --file PATH.argosmodel`",
        )
    for url in fetchable:
        try:
            request = urllib.request.Request(url, headers={"User-Agent": "ArgosTranslate"})
            with urllib.request.urlopen(request, timeout=60) as response, dest.open("wb") as out:
                total = int(response.headers.get("Content-Length") or 0) or None
                done = 0
                while chunk := response.read(1 << 16):
                    out.write(chunk)
                    done += len(chunk)
                    if progress:
                        progress(done, total)
            return
        except (OSError, urllib.error.URLError, ValueError) as exc:
            errors.append(f"{url}: {exc}")
    raise ModelInstallError(
        "could not download the package (" + "; ".join(errors) + ")",
        hint="check your network or use `translate models install --file PATH.argosmodel`",
    )


