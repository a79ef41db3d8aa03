"""Shared fixtures for the tests that drive Descent from Python.

These tests run in the project's virtual environment (`.venv`, made by
`scripts/setup`) and use the debug build of `descent`, the same binary the
README's `swift run descent ...` commands build.
"""

import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def repo_root() -> pathlib.Path:
    """The package's root folder."""
    return ROOT


@pytest.fixture(scope="session")
def descent_bin() -> pathlib.Path:
    """Path of the `descent` executable, built first if it is out of date.

    `DESCENT_BIN` overrides it (for trying a release or static build).
    """
    override = os.environ.get("DESCENT_BIN")
    if override:
        return pathlib.Path(override)
    subprocess.run(["swift", "build", "--product", "descent"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    bin_dir = subprocess.run(["swift", "build", "--show-bin-path"], cwd=ROOT, check=True,
                             capture_output=True, text=True).stdout.strip()
    path = pathlib.Path(bin_dir) / "descent"
    assert path.is_file(), f"no descent binary at {path}"
    return path


def pytest_sessionfinish(session, exitstatus):
    """A skipped test fails the run: `scripts/setup` installs everything the
    tests need, so a skip means a check silently did not run (in CI too)."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if skipped and session.exitstatus == 0:
        reporter.ensure_newline()
        reporter.write_line(f"{len(skipped)} test(s) skipped: a skip is a failure here (run scripts/setup)",
                            red=True)
        session.exitstatus = 1
