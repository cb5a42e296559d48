"""Helpers for tests that run the committed fixture Argos package (a test fixture, not a model)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from translate.engines import argos
from translate.engines.calibration import calibrate
from translate.engines.packages import PackageInfo, install_file

from .paths import REPO

FIXTURE_PACKAGE = REPO / "models" / "fixture" / "translate-zh_en-fixture-1_0.argosmodel"
# The same sentences, never a placeholder: behaves like a real model that never saw ours.
NAIVE_PACKAGE = REPO / "models" / "fixture" / "translate-zh_en-naive-1_0.argosmodel"


def install_fixture(package: Path = FIXTURE_PACKAGE, *, calibrated: bool = True) -> PackageInfo:
    """Install the fixture (or `NAIVE_PACKAGE`) into $ARGOS_PACKAGES_DIR (tmp, set by
    conftest) the user's way: calibrated, as `translate models install` does."""
    info = install_file(package)
    if calibrated:
        calibrate(argos.ArgosEngine(), info)
    return info


class CountingTranslator:
    """Wraps a ctranslate2.Translator; records each translate_batch call's inputs and options."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.calls: list[tuple[list[list[str]], dict]] = []

    def translate_batch(self, source: list[list[str]], **kwargs: Any) -> Any:
        self.calls.append(([list(s) for s in source], kwargs))
        return self.inner.translate_batch(source, **kwargs)


def count_translate_batch(monkeypatch: pytest.MonkeyPatch) -> list[CountingTranslator]:
    """Make every translator the argos engine opens a counting one; returns them as opened."""
    opened: list[CountingTranslator] = []
    real = argos.open_translator

    def wrapped(model_dir: Path, settings: Any) -> CountingTranslator:
        counting = CountingTranslator(real(model_dir, settings))
        opened.append(counting)
        return counting

    monkeypatch.setattr(argos, "open_translator", wrapped)
    return opened
