"""The committed CPython/numpy fixtures (Tests/Fixtures/numpy/) still match
what this `.venv`'s CPython and numpy print: the fixture script is run again
into a temporary folder and every file compared. A numpy or Python upgrade
that changes a repr, a format or a random stream fails here first; rerun
`.venv/bin/python scripts/numpy-fixtures.py` and review the diff."""

import filecmp
import subprocess
import sys


def test_fixtures_regenerate_identically(repo_root, tmp_path):
    subprocess.run([sys.executable, str(repo_root / "scripts" / "numpy-fixtures.py"), str(tmp_path)],
                   check=True, timeout=300)
    committed = repo_root / "Tests" / "Fixtures" / "numpy"
    names = sorted(p.name for p in committed.glob("*.json"))
    assert names == sorted(p.name for p in tmp_path.glob("*.json"))
    assert "random.json" in names and "arrays.json" in names
    differing = [name for name in names if not filecmp.cmp(committed / name, tmp_path / name, shallow=False)]
    assert not differing, f"regenerated fixtures differ from the committed ones: {differing}"
