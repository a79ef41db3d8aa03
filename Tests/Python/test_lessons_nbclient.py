"""Every lesson, exported with `descent render --to ipynb`, runs end to end
under nbclient with the Descent kernel and prints what the lesson stores.

Text is compared as `descent check` compares it: numbers to a relative
1e-9, everything else exactly, except the place an error names. A lesson
stores `lesson.md:252:1` and "at line 252"; the kernel says `In[9]:2:1`
and "at line 2" (a cell is all a kernel sees), so places are masked.
Tables count as the text they show beside their HTML. Expression values
a kernel echoes (`execute_result`) are not compared: a
lesson cell does not echo them.
"""

import html
import math
import pathlib
import re
import subprocess

import nbformat
import pytest
from nbclient import NotebookClient

from kernel_support import install_kernelspec

ROOT = pathlib.Path(__file__).resolve().parents[2]
LESSONS = sorted((ROOT / "Notebooks").glob("*.md"))
NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|nan|inf")
ANSI = re.compile(r"\x1b\[[0-9;]*m")
PLACE = re.compile(r"^\S+:\d+:\d+: ", re.MULTILINE)
LINE = re.compile(r"\bat line \d+")


@pytest.fixture(scope="module", autouse=True)
def kernelspec(descent_bin, tmp_path_factory):
    return install_kernelspec(descent_bin, tmp_path_factory.mktemp("jupyter-prefix"))


def masked(text: str) -> str:
    return LINE.sub("at line N", PLACE.sub("PLACE: ", ANSI.sub("", text)))


def same_text(expected: str, actual: str) -> bool:
    """Equal outside numbers, and numbers equal to a relative 1e-9."""
    expected, actual = masked(expected), masked(actual)
    if NUMBER.split(expected) != NUMBER.split(actual):
        return False
    for a, b in zip(NUMBER.findall(expected), NUMBER.findall(actual)):
        x, y = float(a), float(b)
        if not (x == y or (math.isnan(x) and math.isnan(y))
                or math.isclose(x, y, rel_tol=1e-9, abs_tol=0)):
            return False
    return True


def explore_frame(output):
    """An `explore` frame's HTML (its text in <pre>, its charts as SVG), or None."""
    if output["output_type"] != "display_data":
        return None
    page = "".join(output["data"].get("text/html", ""))
    return page if 'class="descent-explore-frame"' in page else None


def text_of(outputs) -> str:
    """What a cell printed, in order: streams, tables (`show history` is
    HTML with its text beside it), an explore frame's text, and an error's
    traceback."""
    text = ""
    for output in outputs:
        frame = explore_frame(output)
        if output["output_type"] == "stream":
            text += "".join(output["text"])
        elif frame is not None:
            text += "".join(html.unescape(t) + "\n" for t in re.findall(r"<samp>(.*?)</samp>", frame, re.S))
        elif output["output_type"] == "display_data" and "text/html" in output["data"]:
            text += output["data"]["text/plain"]
        elif output["output_type"] == "error":
            text += "\n".join(output["traceback"]) + "\n"
    return text


def svg_count(outputs) -> int:
    return sum(1 for o in outputs if o["output_type"] == "display_data" and "image/svg+xml" in o["data"]) + sum(
        (explore_frame(o) or "").count("<svg") for o in outputs)


@pytest.mark.parametrize("lesson", LESSONS, ids=[p.stem for p in LESSONS])
def test_lesson_runs_in_the_kernel_as_stored(lesson, descent_bin, tmp_path):
    exported = tmp_path / (lesson.stem + ".ipynb")
    subprocess.run([str(descent_bin), "render", "--to", "ipynb", str(lesson), "-o", str(exported)],
                   check=True)
    notebook = nbformat.read(exported, as_version=4)
    assert notebook.metadata.kernelspec.name == "descent"
    code_cells = [c for c in notebook.cells if c.cell_type == "code"]
    stored = [(text_of(c.outputs), svg_count(c.outputs)) for c in code_cells]
    skipped = {i for i, c in enumerate(code_cells) if "skip" in c.metadata.get("tags", [])}
    for i in skipped:
        code_cells[i].source = ""  # a `skip` cell does not run in `descent run` either

    client = NotebookClient(notebook, kernel_name="descent", timeout=600, allow_errors=True,
                            resources={"metadata": {"path": str(lesson.parent)}})
    client.execute()

    for index, (cell, (text, figures)) in enumerate(zip(code_cells, stored)):
        if index in skipped:
            continue
        where = f"{lesson.name} code cell {index + 1}:\n{cell.source}"
        errors = [o for o in cell.outputs if o["output_type"] == "error"]
        expects_error = "expect-error" in cell.metadata.get("tags", [])
        assert bool(errors) == expects_error, where + "\n" + text_of(cell.outputs)
        actual = text_of(cell.outputs)
        assert same_text(text, actual), f"{where}\n--- stored\n{text}--- kernel\n{actual}"
        assert svg_count(cell.outputs) == figures, where
        plots = [line for line in cell.source.splitlines()
                 if line.strip().startswith("plot ") and " to " not in line]
        if plots:
            assert svg_count(cell.outputs) >= 1, where
