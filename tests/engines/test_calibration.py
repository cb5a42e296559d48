"""Calibration per package: the probe set through each fixture in every protection mode,
recorded beside the package, shown by `models list`, and used by sync."""

from __future__ import annotations

import json
import time

from typer.testing import CliRunner

from translate.cli import app
from translate.engines.argos import ArgosEngine
from translate.engines.calibration import ALIGNMENT, INLINE, MODES, PLACEHOLDERS, RECORD, calibrate, read_record

from support.fixture_model import FIXTURE_PACKAGE, NAIVE_PACKAGE, install_fixture


def test_the_two_fixtures_choose_different_modes_in_under_5_s_each() -> None:
    chosen = {}
    for package in (FIXTURE_PACKAGE, NAIVE_PACKAGE):
        info = install_fixture(package, calibrated=False)
        engine = ArgosEngine()
        engine.load(info)  # loading the model is install's cost, not calibration's
        start = time.perf_counter()
        record = calibrate(engine, info)
        elapsed = time.perf_counter() - start
        assert record is not None and elapsed < 5.0, (package.name, elapsed)
        assert set(record.survival) == set(MODES) and all(0 <= v <= 1 for v in record.survival.values())
        assert read_record(info) == record  # recorded beside the package
        chosen[package.name] = record
    cooperating, naive = chosen[FIXTURE_PACKAGE.name], chosen[NAIVE_PACKAGE.name]
    assert cooperating.best == PLACEHOLDERS
    assert naive.best in (ALIGNMENT, INLINE)
    assert naive.survival[PLACEHOLDERS] < cooperating.survival[PLACEHOLDERS]


def test_install_calibrates_and_list_shows_the_figures() -> None:
    runner = CliRunner()
    result = runner.invoke(app, ["models", "install", "--file", str(NAIVE_PACKAGE)])
    assert result.exit_code == 0, result.output
    assert "protection: " in result.output and "12 probes" in result.output
    listed = runner.invoke(app, ["models", "list"])
    assert "translate-zh_en-naive" in listed.output
    assert any(line.strip().startswith("protection: ") and "placeholders " in line for line in listed.output.splitlines())
    rows = json.loads(runner.invoke(app, ["models", "list", "--format", "json"]).output)
    assert rows[0]["calibration"]["best"] in MODES


def test_a_package_without_a_record_is_calibrated_on_first_use() -> None:
    info = install_fixture(FIXTURE_PACKAGE, calibrated=False)
    assert not (info.path / RECORD).exists()
    assert ArgosEngine().protection_mode("zh-CN", "en") == PLACEHOLDERS
    assert read_record(info) is not None
    (info.path / RECORD).write_text('{"best": "nonsense"}')  # a broken record is made again
    assert ArgosEngine().protection_mode("zh-CN", "en") == PLACEHOLDERS
    assert read_record(info).best == PLACEHOLDERS
