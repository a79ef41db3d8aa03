"""The live training view never reaches output that is not a terminal.

A long `train` and a long loop (each well past the view's 0.3 s / 0.5 s
delays) print exactly what they printed before the view existed, whether
the output goes to a pipe, a file, a notebook, or a REPL whose standard
output is piped (`descent | tee log`). A REPL at a real terminal is the
positive control: there the view draws (escape sequences and a progress
line), so the negative cases are not passing by accident.
"""

import os
import pty
import select
import subprocess
import termios
import time

SCRIPT = """weight = 0.5
input = 0.5
goal = 0.8
train 5000000 alpha 0.01
print weight
i = 0
while i < 10000000 { i += 1 }
print i
weight = 0.5
train until error < 1e-300 alpha 0.001 max 4000000
print weight
"""

# What these statements printed before the live view existed (the same
# binary's output with the view's code absent; checked against the main
# branch when the view was added).
EXPECTED = (
    "1.5999999999999557\n"
    "10000000\n"
    "stopped at step 113675: the weights no longer change, and the error stays 4.930380657631324e-26\n"
    "1.599999999999556\n"
)

ESCAPE = b"\x1b"


# Only against a hang: every wait below is for a state (a prompt, the
# terminal's mode, the process's end), and a busy machine just takes longer.
HANG_CEILING = 900


def reading_keys(terminal_fd) -> bool:
    """Whether the line editor has the terminal in its key-by-key mode.

    libedit prints the prompt *before* it turns canonical mode off, so a
    line typed the moment `>>> ` appears can land in the kernel's line
    discipline (echoed twice), and a Ctrl-D typed then is taken by the
    kernel as end-of-file of a read nobody makes, and lost: the REPL waits
    for ever. On a busy machine that window is wide, so a person's typing
    is simulated only once the editor is really reading keys."""
    return not termios.tcgetattr(terminal_fd)[3] & termios.ICANON


def run_with_pty(argv, *, stdin_text=None, stdout_is_pty=True, env_term="xterm", state_home=None):
    """Runs `argv` with a pseudo-terminal as standard input (and standard
    output unless `stdout_is_pty` is false); returns (pty bytes, stdout bytes)."""
    master, slave = pty.openpty()
    # A second handle on the terminal, to read its mode while descent runs.
    terminal = os.open(os.ttyname(slave), os.O_RDWR | os.O_NOCTTY)
    env = dict(os.environ, TERM=env_term, LANG="C.UTF-8", NO_COLOR="1")
    if state_home is not None:
        env["XDG_STATE_HOME"] = str(state_home)  # the REPL's history file, one per test
    env.pop("COLUMNS", None)
    process = subprocess.Popen(
        argv, stdin=slave, stdout=slave if stdout_is_pty else subprocess.PIPE, stderr=slave,
        env=env, close_fds=True)
    os.close(slave)
    screen = b""
    piped = b""
    lines = stdin_text.splitlines() if stdin_text is not None else None
    prompts_seen = 0
    deadline = time.monotonic() + HANG_CEILING
    while time.monotonic() < deadline:
        fds = [master] + ([process.stdout] if process.stdout else [])
        ready, _, _ = select.select(fds, [], [], 0.1)
        if master in ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                chunk = b""
            screen += chunk
        if process.stdout and process.stdout in ready:
            piped += os.read(process.stdout.fileno(), 65536)
        if lines is not None and screen.count(b">>> ") > prompts_seen and reading_keys(terminal):
            # A line after each prompt, as a person types; Ctrl-D at the end.
            prompts_seen = screen.count(b">>> ")
            if lines:
                os.write(master, lines.pop(0).encode() + b"\r")
            else:
                os.write(master, b"\x04")
        if process.poll() is not None:
            # Drain what is left.
            while True:
                ready, _, _ = select.select([master], [], [], 0.2)
                if not ready:
                    break
                try:
                    chunk = os.read(master, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                screen += chunk
            if process.stdout:
                piped += process.stdout.read()
            break
    else:
        process.kill()
        raise AssertionError("descent did not finish; the terminal shows:\n" + screen.decode(errors="replace"))
    os.close(master)
    os.close(terminal)
    return screen, piped


def test_run_into_a_pipe_prints_what_it_always_printed(descent_bin, tmp_path):
    script = tmp_path / "long.descent"
    script.write_text(SCRIPT)
    result = subprocess.run([descent_bin, "run", script], capture_output=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode() == EXPECTED
    assert result.stderr == b""


def test_run_into_a_file_and_piped_stdin_print_the_same(descent_bin, tmp_path):
    script = tmp_path / "long.descent"
    script.write_text(SCRIPT)
    out = tmp_path / "out.txt"
    with open(out, "wb") as handle:
        subprocess.run([descent_bin, "run", script], stdout=handle, check=True, timeout=300)
    assert out.read_bytes() == EXPECTED.encode()
    piped = subprocess.run([descent_bin], input=SCRIPT.encode(), capture_output=True, timeout=300)
    assert piped.stdout == EXPECTED.encode()


def test_run_at_a_terminal_draws_nothing(descent_bin, tmp_path):
    # `descent run` is a script runner, not the REPL: even at a terminal its
    # output is exactly the printed lines.
    script = tmp_path / "long.descent"
    script.write_text(SCRIPT)
    screen, _ = run_with_pty([descent_bin, "run", script])
    assert ESCAPE not in screen
    assert screen.replace(b"\r\n", b"\n").decode() == EXPECTED


def test_a_notebook_checks_as_before(descent_bin, tmp_path):
    notebook = tmp_path / "long.md"
    notebook.write_text(
        "# A long train\n\n```descent budget=50000000\n" + SCRIPT + "```\n\n```output\n" + EXPECTED + "```\n")
    before = notebook.read_bytes()
    result = subprocess.run([descent_bin, "check", notebook], capture_output=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    # At a terminal too: a notebook run never draws the view.
    screen, _ = run_with_pty([descent_bin, "run", notebook])
    assert ESCAPE not in screen
    assert b"10000000" in screen
    assert notebook.read_bytes() == before


def test_a_repl_with_piped_output_prints_only_results(descent_bin, tmp_path):
    # `descent | tee log`: the keyboard is a terminal, the results go to a pipe.
    screen, piped = run_with_pty([descent_bin], stdin_text=SCRIPT, stdout_is_pty=False, state_home=tmp_path)
    assert piped.decode() == EXPECTED
    assert b"\x1b[?25l" not in screen and b"steps/s" not in screen


def test_a_dumb_terminal_gets_no_view(descent_bin, tmp_path):
    screen, _ = run_with_pty([descent_bin], stdin_text=SCRIPT, env_term="dumb", state_home=tmp_path)
    assert b"\x1b[?25l" not in screen and b"steps/s" not in screen and b"running: " not in screen
    text = screen.replace(b"\r\n", b"\n").decode()
    for line in EXPECTED.splitlines():
        assert line in text


def test_a_real_terminal_does_show_the_view(descent_bin, tmp_path):
    # The positive control for the tests above.
    screen, _ = run_with_pty([descent_bin], stdin_text=SCRIPT, state_home=tmp_path)
    assert b"\x1b[?25l" in screen
    assert b"steps/s" in screen
    assert b"running: " in screen
    text = screen.decode(errors="replace")
    assert "step 5,000,000/5,000,000 (100%)" in text
    # Every hidden cursor is shown again.
    assert text.rfind("\x1b[?25h") > text.rfind("\x1b[?25l")
