"""The course's listings, typed as printed (Tests/Listings/*.py), run by
Descent and by CPython with numpy from `.venv`: the printed text must be
the same, character for character (numbers exact, arrays as numpy prints
them)."""

import itertools
import pathlib
import subprocess
import sys

import pytest

LISTINGS = sorted((pathlib.Path(__file__).resolve().parents[1] / "Listings").glob("*.py"))


def first_difference(expected, actual):
    """`line N: python '...' / descent '...'` for the first line that differs."""
    pairs = itertools.zip_longest(expected.splitlines(), actual.splitlines())
    for number, (want, got) in enumerate(pairs, start=1):
        if want != got:
            return f"line {number}: python {want!r} / descent {got!r}"
    return "outputs differ only in line endings"


def test_there_are_listings():
    assert len(LISTINGS) >= 8


@pytest.mark.parametrize("listing", LISTINGS, ids=lambda p: p.stem)
def test_listing_prints_what_cpython_prints(listing, descent_bin):
    ours = subprocess.run([str(descent_bin), "run", str(listing)], capture_output=True, text=True, timeout=120)
    assert ours.returncode == 0, ours.stderr
    theirs = subprocess.run([sys.executable, str(listing)], capture_output=True, text=True, timeout=120,
                            cwd=listing.parent)
    assert theirs.returncode == 0, theirs.stderr
    assert ours.stdout == theirs.stdout, first_difference(theirs.stdout, ours.stdout)


@pytest.mark.parametrize("listing", LISTINGS, ids=lambda p: p.stem)
def test_listing_exports_as_itself(listing, descent_bin, tmp_path):
    """The course's Python exports as itself (a listing with only Python
    forms is written out as it is): CPython runs the export and prints
    what it printed for the listing."""
    out = tmp_path / "exported.py"
    exported = subprocess.run([str(descent_bin), "export", str(listing), "-o", str(out)],
                              capture_output=True, text=True, timeout=120)
    assert exported.returncode == 0, exported.stderr
    theirs = subprocess.run([sys.executable, str(listing)], capture_output=True, text=True, timeout=120)
    again = subprocess.run([sys.executable, str(out)], capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert again.stdout == theirs.stdout


def test_python_poked_with_explore_is_translated_not_copied(descent_bin, tmp_path):
    """`explore` is Descent's own, so a Python listing with an explore block
    is translated (the block runs at the knob's start), never copied as is."""
    program = tmp_path / "poked.descent"
    program.write_text("weight, goal_pred, input = 0.5, 0.8, 2\n"
                       "explore alpha from 0.25 to 1 {\n"
                       "    print(weight - alpha * (input * weight - goal_pred) * input)\n"
                       "}\n")
    ours = subprocess.run([str(descent_bin), "run", str(program)], capture_output=True, text=True, timeout=120)
    assert ours.returncode == 0, ours.stderr
    out = tmp_path / "poked.py"
    exported = subprocess.run([str(descent_bin), "export", str(program), "-o", str(out)],
                              capture_output=True, text=True, timeout=120)
    assert exported.returncode == 0, exported.stderr
    assert "explore alpha" not in out.read_text().replace("# explore alpha", "")
    again = subprocess.run([sys.executable, str(out)], capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert again.stdout == ours.stdout == "0.4\n"
