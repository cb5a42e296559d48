"""Shared fixtures: every test runs in tmp_path with its own HOME and ARGOS_PACKAGES_DIR.

Helpers that tests import live in `support/` (paths and `require`, sites, fakes, the
fixture model); `tests/` mirrors the package's folders, end-to-end tests are in `e2e/`.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from support.paths import EXAMPLE_POST, REPO


@pytest.fixture(autouse=True)
def isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(home / "argos-packages"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    # Any index download a test forgets to serve itself is refused on loopback, never sent out.
    monkeypatch.setenv("ARGOS_PACKAGE_INDEX", "http://127.0.0.1:9/")
    return home


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """An empty two-language Hugo site (zh-cn default, en) in tmp_path."""
    root = tmp_path / "site"
    (root / "content" / "posts").mkdir(parents=True)
    shutil.copy(REPO / "hugo.toml", root / "hugo.toml")  # the example site's config: zh-cn default, en
    return root


@pytest.fixture
def example_site(site: Path) -> Path:
    """The repo's example site: its config, layouts, glossary and the example post."""
    shutil.copytree(REPO / "layouts", site / "layouts")
    if (REPO / "glossary").is_dir():
        shutil.copytree(REPO / "glossary", site / "glossary")
    shutil.copy(EXAMPLE_POST, site / "content" / "posts" / EXAMPLE_POST.name)
    return site
