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
