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
