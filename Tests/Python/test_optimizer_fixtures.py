"""The committed optimizer fixture (Tests/Fixtures/optimizers/first-steps.json,
each optimizer's first five steps from the textbook formulas) still matches
what this `.venv`'s numpy computes: the script is run again into a temporary
folder and the file compared byte for byte."""

import filecmp
import subprocess
import sys


def test_optimizer_fixtures_regenerate_identically(repo_root, tmp_path):
    subprocess.run([sys.executable, str(repo_root / "scripts" / "optimizer-fixtures.py"), str(tmp_path)],
                   check=True, timeout=120)
    committed = repo_root / "Tests" / "Fixtures" / "optimizers" / "first-steps.json"
    assert filecmp.cmp(committed, tmp_path / "first-steps.json", shallow=False), (
        "regenerated optimizer fixtures differ from the committed ones; rerun "
        "`.venv/bin/python scripts/optimizer-fixtures.py` and review the diff")
