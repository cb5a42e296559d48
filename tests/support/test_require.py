"""`require`, the one way a test says it needs something from outside the repository."""

from __future__ import annotations

import pytest

from support.paths import require


def test_a_missing_outside_tool_skips_locally_but_fails_in_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="apt-get install hugo"):
        require(None, "hugo: apt-get install hugo")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="missing in CI"):
        require(None, "hugo: apt-get install hugo")
    require("/usr/bin/hugo", "hugo")  # present: nothing happens
