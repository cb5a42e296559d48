"""Model management: where packages live, installing from a file or the index, `models` CLI."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from translate.cli import app
from translate.engines.packages import (
    ModelInstallError,
    available_packages,
    install_file,
    install_pair,
    installed_packages,
    packages_dir,
)
from translate.errors import ConfigError

from support.fixture_model import FIXTURE_PACKAGE, install_fixture

runner = CliRunner()


def test_fixture_installs_into_argos_packages_dir(isolated_home: Path) -> None:
    info = install_fixture()
    assert info.path.parent == isolated_home / "argos-packages"
    assert (info.path / "model" / "model.bin").is_file() and (info.path / "sentencepiece.model").is_file()
    assert (info.from_code, info.to_code, info.label) == ("zh", "en", "translate-zh_en-fixture 1.0")
    assert installed_packages() == [info]
    assert FIXTURE_PACKAGE.stat().st_size <= 5_000_000


def test_reinstall_replaces_the_package() -> None:
    first = install_fixture()
    (first.path / "stale.txt").write_text("old", encoding="utf-8")
    second = install_fixture()
    assert second == first and not (second.path / "stale.txt").exists()
    assert len(installed_packages()) == 1


@pytest.mark.parametrize(
    ("env", "settings", "expected"),
    [
        ({"ARGOS_PACKAGES_DIR": "{home}/custom"}, None, "{home}/custom"),
        ({}, "{home}/from-settings", "{home}/from-settings"),
        ({}, None, "{home}/.local/share/argos-translate/packages"),
    ],
)
def test_packages_dir_follows_argos_rules(monkeypatch, isolated_home: Path, env, settings, expected) -> None:
    monkeypatch.delenv("ARGOS_PACKAGES_DIR")
    for key, value in env.items():
        monkeypatch.setenv(key, value.format(home=isolated_home))
    if settings:
        config = isolated_home / ".config" / "argos-translate"
        config.mkdir(parents=True)
        (config / "settings.json").write_text(json.dumps({"ARGOS_PACKAGES_DIR": settings.format(home=isolated_home)}))
    assert packages_dir() == Path(expected.format(home=isolated_home))


def make_zip(path: Path, files: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, text in files.items():
            zf.writestr(name, text)
    return path


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (None, "not a zip archive"),
        ({"a/model.bin": "x", "b/metadata.json": "{}"}, "one top directory"),
        ({"pkg/model.bin": "x"}, "one top directory"),
        ({"pkg/metadata.json": "{not json"}, "not an Argos package"),
        ({"metadata.json": '{"from_code": "zh", "to_code": "en"}', "sentencepiece.model": "x"}, "no model/model.bin"),
        ({"metadata.json": '{"from_code": "zh", "to_code": "en"}', "model/model.bin": "x"}, "no sentencepiece.model or bpe.model"),
        ({"../evil/metadata.json": "{}"}, "unsafe paths"),
    ],
)
def test_bad_package_files_are_refused(tmp_path: Path, files, message: str) -> None:
    path = tmp_path / "bad.argosmodel"
    if files is None:
        path.write_text("not a zip", encoding="utf-8")
    else:
        make_zip(path, files)
    with pytest.raises(ConfigError, match=message):  # ModelInstallError is a ConfigError: exit 2
        install_file(path)
    assert installed_packages() == []


def test_broken_package_directories_are_skipped() -> None:
    install_fixture()
    (packages_dir() / "junk").mkdir()
    (packages_dir() / "half" / "model").mkdir(parents=True)
    (packages_dir() / "half" / "metadata.json").write_text('{"from_code": "zh", "to_code": "de"}')
    assert [p.to_code for p in installed_packages()] == ["en"]


def test_cli_list_json_and_text() -> None:
    empty = runner.invoke(app, ["models", "list"])
    assert empty.exit_code == 0 and "translate models install zh en" in empty.output
    install_fixture()
    result = runner.invoke(app, ["models", "list", "--format", "json"])
    assert result.exit_code == 0, result.output
    [entry] = json.loads(result.output)
    assert entry["from_code"] == "zh" and entry["to_code"] == "en"
    assert entry["name"] == "translate-zh_en-fixture" and entry["version"] == "1.0"
    assert 100_000 < entry["size_bytes"] < 20_000_000
    text = runner.invoke(app, ["models", "list"])
    assert text.exit_code == 0 and "zh → en  translate-zh_en-fixture  1.0" in text.output


def test_cli_install_file() -> None:
    result = runner.invoke(app, ["models", "install", "--file", str(FIXTURE_PACKAGE)])
    assert result.exit_code == 0, result.output
    assert "installed translate-zh_en-fixture 1.0" in result.output
    assert len(installed_packages()) == 1


@pytest.mark.parametrize("args", [["models", "install"], ["models", "install", "zh"], ["models", "install", "zh", "en", "--file", "x.argosmodel"]])
def test_cli_install_usage_errors(args: list[str]) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "error:" in result.output


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """No network: every urlopen fails, and records what was asked."""
    asked: list[str] = []

    def refuse(request, *args, **kwargs):
        asked.append(getattr(request, "full_url", str(request)))
        raise urllib.error.URLError("network is unreachable")

    monkeypatch.setattr(urllib.request, "urlopen", refuse)
    return asked


def test_install_offline_is_a_clear_error(offline: list[str]) -> None:
    with pytest.raises(ModelInstallError, match="check your network"):
        available_packages()
    result = runner.invoke(app, ["models", "install", "zh", "en"])
    assert result.exit_code == 2
    assert "error: could not download the Argos package index (" in result.output
    assert "network is unreachable" in result.output and "— check your network" in result.output
    assert offline  # it tried (through the monkeypatched urlopen) and stopped, no recursion


def test_install_from_an_index(monkeypatch: pytest.MonkeyPatch) -> None:
    """The index path end to end, with a local index whose link is a file:// URL."""
    import argostranslate.package

    def fake_update() -> None:
        from argostranslate import settings

        entry = {"from_code": "zh", "to_code": "en", "package_version": "1.0", "links": [FIXTURE_PACKAGE.as_uri()]}
        Path(settings.local_package_index).write_text(json.dumps([entry]), encoding="utf-8")

    monkeypatch.setattr(argostranslate.package, "update_package_index", fake_update)
    seen: list[tuple[int, int | None]] = []
    info = install_pair("zh", "en", progress=lambda done, total: seen.append((done, total)))
    assert info.label == "translate-zh_en-fixture 1.0"
    assert seen and seen[-1][0] == FIXTURE_PACKAGE.stat().st_size
    with pytest.raises(ModelInstallError, match="no zh → fr package"):
        install_pair("zh", "fr")


def repack(tmp_path: Path, *, root_level: bool, drop: tuple[str, ...] = (), add: dict[str, bytes] | None = None) -> Path:
    """The fixture's files in another archive: at the zip's root (as Locomotive's converter
    writes them) or under their one top directory, some left out or added."""
    out = tmp_path / ("root.argosmodel" if root_level else "top.argosmodel")
    with zipfile.ZipFile(FIXTURE_PACKAGE) as source, zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            inner = name.split("/", 1)[1]
            if inner and not any(inner.startswith(d) for d in drop):
                target.writestr(inner if root_level else name, source.read(name))
        for inner, data in (add or {}).items():
            target.writestr(inner if root_level else f"translate-zh_en-fixture-1_0/{inner}", data)
    return out


def test_a_root_level_archive_installs_and_translates(tmp_path: Path) -> None:
    info = install_file(repack(tmp_path, root_level=True))
    assert info.path.name == "translate-zh_en-1_0" and info.label == "translate-zh_en-fixture 1.0"
    assert (info.path / "model" / "model.bin").is_file() and (info.path / "stanza").is_dir()
    assert installed_packages() == [info]
    assert not [p for p in packages_dir().iterdir() if p.name.startswith(".")]  # nothing staged is left

    from translate.engines.argos import ArgosEngine

    [out] = ArgosEngine().translate(["高盛表示。"], "zh-CN", "en")
    assert "Goldman" in out and "\u2581" not in out


def test_a_bpe_package_is_listed_as_unsupported_not_skipped(tmp_path: Path) -> None:
    archive = repack(tmp_path, root_level=True, drop=("sentencepiece.model",), add={"bpe.model": b"#version: 0.2\n"})
    info = install_file(archive)
    assert info.tokenizer == "bpe" and info.unsupported == "BPE tokenization is not supported yet"
    assert installed_packages() == [info]
    listed = runner.invoke(app, ["models", "list"])
    assert listed.exit_code == 0 and "not usable: BPE tokenization is not supported yet" in listed.output
    [entry] = json.loads(runner.invoke(app, ["models", "list", "--format", "json"]).output)
    assert entry["unsupported"] == "BPE tokenization is not supported yet"
    from translate.engines.packages import find_route
    from translate.errors import ModelMissingError

    with pytest.raises(ModelMissingError, match="is installed but BPE tokenization is not supported yet"):
        find_route("zh", "en", installed_packages())


@pytest.fixture
def index_server(tmp_path: Path):
    """An Argos package index on 127.0.0.1 in the real index's format: the package's first
    link is ipfs://, then the http one; a second entry has only an ifps:// (sic) link."""
    import functools
    import http.server
    import threading

    served = tmp_path / "served"
    served.mkdir()
    (served / "translate-zh_en-1_0.argosmodel").write_bytes(FIXTURE_PACKAGE.read_bytes())
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(served))
    handler.log_message = lambda *args: None  # type: ignore[attr-defined]
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    base = f"http://127.0.0.1:{server.server_port}/"
    common = {"argos_version": "1.9.0", "type": "translate", "package_version": "1.0"}
    index = [
        {**common, "code": "translate-zh_en", "from_code": "zh", "from_name": "Chinese", "to_code": "en",
         "to_name": "English", "links": ["ipfs://QmNotReachableFromHere", base + "translate-zh_en-1_0.argosmodel"]},
        {**common, "code": "translate-zh_fr", "from_code": "zh", "from_name": "Chinese", "to_code": "fr",
         "to_name": "French", "links": ["ifps://QmMisspelledScheme"]},
    ]
    (served / "index.json").write_text(json.dumps(index, indent=4), encoding="utf-8")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield base
    server.shutdown()
    server.server_close()


def test_install_from_the_index_on_loopback(index_server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", index_server)
    first = runner.invoke(app, ["models", "install", "zh", "en"])
    assert first.exit_code == 0, first.output
    assert "downloading zh → en" in first.output and "installed translate-zh_en-fixture 1.0" in first.output
    [info] = installed_packages()
    (info.path / "stale.txt").write_text("from the first install", encoding="utf-8")
    seen: list[tuple[int, int | None]] = []
    again = install_pair("zh", "en", progress=lambda done, total: seen.append((done, total)))
    assert again == info and not (again.path / "stale.txt").exists()  # replaced, not merged
    assert seen[-1] == (FIXTURE_PACKAGE.stat().st_size, FIXTURE_PACKAGE.stat().st_size)
    assert [p.name for p in packages_dir().iterdir()] == [info.path.name]  # nothing staged is left
    no_http = runner.invoke(app, ["models", "install", "zh", "fr"])
    assert no_http.exit_code == 2 and "no http(s) link" in no_http.output and "ifps://" in no_http.output
