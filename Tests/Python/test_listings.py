"""The course's listings, typed as printed (Tests/Listings/*.py), run by
CPython + numpy from `.venv` and by `descent run FILE.py`: the two outputs
must be the same text, character for character (numbers and numpy array
prints included)."""

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


@pytest.mark.parametrize("listing", LISTINGS, ids=[p.stem for p in LISTINGS])
def test_listing_prints_what_cpython_prints(descent_bin, listing):
    python = subprocess.run([sys.executable, str(listing)], capture_output=True, text=True, timeout=120,
                            cwd=listing.parent)
    assert python.returncode == 0, f"CPython failed on {listing.name}: {python.stderr}"
    descent = subprocess.run([str(descent_bin), "run", str(listing)], capture_output=True, text=True,
                             timeout=120, cwd=listing.parent)
    assert descent.returncode == 0, f"descent failed on {listing.name}:\n{descent.stderr}"
    assert descent.stdout == python.stdout, first_difference(python.stdout, descent.stdout)
