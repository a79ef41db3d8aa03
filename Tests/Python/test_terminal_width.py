"""At a terminal 80 or 100 columns wide, nothing Descent prints wraps:
`show history` fits (numbers shortened, columns left out and said so), and
plots stay inside the width. Into a pipe the same program prints every
number in full. Each run is waited for to its end (a state), under a
ceiling only against hangs.
"""

import fcntl
import os
import pty
import re
import select
import struct
import subprocess
import termios
import time

PROGRAM = """weight = 0.5; goal = 0.8; input = 0.5
train 20 alpha 0.1
show history
plot error vs weight
weights = [0.1, 0.2, -0.1]; input = [8.5, 0.65, 1.2]; goal = 1
train 5 alpha 0.01
show history
weight = 0.5; input = 0.5
train until error < 1e-27 alpha 0.1 max 100000
plot error log
"""
ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
HANG_CEILING = 900


def run_at_terminal(argv, columns, rows=50):
    """Runs `argv` with a pseudo-terminal of the given size as its standard
    input and output; returns what it printed, once it has ended."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    env = dict(os.environ, TERM="xterm", LANG="C.UTF-8", NO_COLOR="1")
    env.pop("COLUMNS", None)
    process = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True)
    os.close(slave)
    screen = b""
    deadline = time.monotonic() + HANG_CEILING
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 1)
        chunk = b""
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the other end closed: everything has been read
                chunk = b""
            screen += chunk
        if not chunk and process.poll() is not None:
            break
    else:
        process.kill()
        raise AssertionError("descent did not finish:\n" + screen.decode(errors="replace"))
    os.close(master)
    assert process.wait() == 0, screen.decode(errors="replace")
    return ESCAPES.sub("", screen.decode()).replace("\r\n", "\n")


def test_nothing_wraps_at_80_and_100_columns(descent_bin, tmp_path):
    program = tmp_path / "wide.descent"
    program.write_text(PROGRAM)
    for columns in (80, 100):
        text = run_at_terminal([str(descent_bin), "run", str(program)], columns)
        too_wide = [line for line in text.splitlines() if len(line) > columns]
        assert not too_wide, f"{columns} columns:\n" + "\n".join(too_wide)
        assert "`show history wide` shows" in text
        assert "0.3025" in text and "0.30250000000000005" not in text


def test_a_log_axis_labels_enclose_the_curve(descent_bin, tmp_path):
    program = tmp_path / "log.descent"
    program.write_text(PROGRAM)
    text = run_at_terminal([str(descent_bin), "run", str(program)], 80)
    chart = text[text.rindex("Error per step"):]
    labels = [float(m) for m in re.findall(r"^\s*([0-9.e+-]+) ┤", chart, re.MULTILINE)]
    piped = subprocess.run([str(descent_bin), "run", "-e", PROGRAM + "print error"], capture_output=True,
                           text=True, timeout=HANG_CEILING)
    lowest_error = float(piped.stdout.splitlines()[-1])
    assert min(labels) <= lowest_error and max(labels) >= 0.3025, (labels, lowest_error)


def test_wide_and_a_pipe_keep_every_number(descent_bin, tmp_path):
    program = tmp_path / "full.descent"
    program.write_text(PROGRAM.replace("show history", "show history wide"))
    at_terminal = run_at_terminal([str(descent_bin), "run", str(program)], 80)
    assert "0.30250000000000005" in at_terminal and "`show history wide` shows" not in at_terminal
    piped = subprocess.run([str(descent_bin), "run", "-e", PROGRAM], capture_output=True, text=True,
                           timeout=HANG_CEILING)
    assert "0.30250000000000005" in piped.stdout and "weight_delta[[2]]" in piped.stdout


def test_a_notebook_run_at_a_terminal_fits_and_stores_every_number(descent_bin, tmp_path):
    notebook = tmp_path / "table.md"
    notebook.write_text("# A table\n\n```descent\nweight = 0.5; goal = 0.8; input = 0.5\ntrain 3 alpha 0.1\n"
                        "show history\n```\n")
    text = run_at_terminal([str(descent_bin), "run", "--update", str(notebook)], 80)
    assert all(len(line) <= 80 for line in text.splitlines()), text
    assert "0.3025 " in text and "0.30250000000000005" not in text
    # What the notebook keeps is the full table, as in every notebook.
    assert "0.30250000000000005" in notebook.read_text()
