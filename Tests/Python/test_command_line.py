"""The command line as a newcomer meets it: scripts from pipes and standard
input, the reasons a file cannot be read, a mistyped command, `export -o`,
and `descent practice` without a terminal (issue 24).

Every run has a generous timeout as a backstop only: a hang fails the test
instead of the suite; nothing waits for a time to pass.
"""

import os
import subprocess

import pytest

SCRIPT = "weight = 0.5\nprint weight * 2\n"
BACKSTOP = 60


def descent(descent_bin, *arguments, stdin=None, env=None, **options):
    environment = dict(os.environ, NO_COLOR="1", **(env or {}))
    return subprocess.run([str(descent_bin), *arguments], input=stdin, capture_output=True, text=True,
                          env=environment, timeout=BACKSTOP, **options)


# MARK: - item 3: scripts from standard input and pipes

@pytest.mark.parametrize("name", ["-", "/dev/stdin"])
def test_run_reads_a_script_from_standard_input(descent_bin, name):
    result = descent(descent_bin, "run", name, stdin=SCRIPT)
    assert (result.returncode, result.stdout, result.stderr) == (0, "1.0\n", "")


def test_run_reads_a_process_substitution(descent_bin):
    # `descent run <(...)` hands descent a pipe named /dev/fd/N.
    result = subprocess.run(["bash", "-c", f'"$0" run <(printf \'{SCRIPT}\')', str(descent_bin)],
                            capture_output=True, text=True, timeout=BACKSTOP)
    assert (result.returncode, result.stdout, result.stderr) == (0, "1.0\n", "")


def test_run_reads_a_fifo(descent_bin, tmp_path):
    fifo = tmp_path / "script.fifo"
    os.mkfifo(fifo)
    process = subprocess.Popen([str(descent_bin), "run", str(fifo)], stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    with open(fifo, "w") as writer:  # blocks until descent opens it
        writer.write(SCRIPT)
    out, err = process.communicate(timeout=BACKSTOP)
    assert (process.returncode, out, err) == (0, "1.0\n", "")


def test_parse_dump_reads_standard_input(descent_bin):
    result = descent(descent_bin, "parse", "--dump", "-", stdin="x = 1\n")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("assign @1:1-1:6")


def test_a_syntax_error_from_standard_input_names_stdin(descent_bin):
    result = descent(descent_bin, "run", "-", stdin="print (1\n")
    assert result.returncode == 65
    assert result.stderr.startswith("<stdin>:1:")


def test_cannot_read_says_why(descent_bin, tmp_path):
    missing = tmp_path / "missing.descent"
    assert descent(descent_bin, "run", str(missing)).stderr == \
        f"descent: cannot read {missing}: No such file or directory\n"
    assert descent(descent_bin, "run", str(tmp_path)).stderr == \
        f"descent: cannot read {tmp_path}: Is a directory\n"
    assert descent(descent_bin, "parse", str(tmp_path)).returncode == 64
    if os.geteuid() != 0:  # root reads anything
        locked = tmp_path / "locked.descent"
        locked.write_text(SCRIPT)
        locked.chmod(0)
        assert descent(descent_bin, "run", str(locked)).stderr == \
            f"descent: cannot read {locked}: Permission denied\n"
    exported = descent(descent_bin, "export", str(missing))
    assert (exported.returncode, exported.stderr) == \
        (64, f"descent: cannot read {missing}: No such file or directory\n")


# MARK: - item 6: a mistyped command, export -o

def test_a_mistyped_command_gets_the_nearest_one(descent_bin):
    result = descent(descent_bin, "rnu", "lesson", "4")
    assert result.returncode == 64
    assert result.stderr.startswith("descent: unknown command 'rnu'; did you mean 'run'?\n")
    assert "unexpected argument" not in result.stderr
    far = descent(descent_bin, "zzzzzz")
    assert far.stderr.startswith("descent: unknown command 'zzzzzz'\n  the commands are: repl, run,")


def test_export_to_a_file_says_what_it_wrote(descent_bin, tmp_path):
    source = tmp_path / "gd.descent"
    source.write_text(SCRIPT)
    out = tmp_path / "gd.py"
    result = descent(descent_bin, "export", str(source), "-o", str(out))
    assert (result.returncode, result.stderr) == (0, f"wrote {out}\n")
    assert out.exists()


# MARK: - items 1 and 15: practice without a terminal

def practice(descent_bin, tmp_path, *arguments, stdin="", env=None):
    environment = {"XDG_DATA_HOME": str(tmp_path / "data"), **(env or {})}
    return descent(descent_bin, "practice", *arguments, stdin=stdin, env=environment)


def test_an_editor_that_changes_nothing_is_no_answer(descent_bin, tmp_path):
    # `true` leaves the file as descent wrote it: no answer, one round only.
    result = practice(descent_bin, tmp_path, "--editor", "--exercise", "ex01-compare", env={"EDITOR": "true"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("ex01-compare: ") == 1
    assert "No answer (the file was left as it was); nothing recorded." in result.stdout


def test_an_editor_that_writes_the_same_wrong_answer_stops_after_one_redrill(descent_bin, tmp_path):
    editor = 'f() { echo "print 0" > "$1"; }; f'
    result = practice(descent_bin, tmp_path, "--editor", "--exercise", "ex01-compare", env={"EDITOR": editor})
    assert result.returncode == 1
    assert result.stdout.count("FAIL") == 1
    assert "The same answer as last time; nothing recorded." in result.stdout


def test_no_terminal_and_no_editor_set_starts_no_vi(descent_bin, tmp_path):
    result = practice(descent_bin, tmp_path, "--editor", "--exercise", "1", env={"EDITOR": "", "VISUAL": ""})
    assert result.returncode == 64
    assert "standard input is not one" in result.stderr


def test_exercise_by_id_number_and_name(descent_bin, tmp_path):
    for name in ["ex02", "2", "hot-and-cold", "ex02-hot-and-cold"]:
        result = practice(descent_bin, tmp_path, "--exercise", name, stdin="")
        assert result.stdout.startswith("ex02-hot-and-cold: "), (name, result.stderr)


def test_a_failed_answer_comes_back_today_in_the_list_too(descent_bin, tmp_path):
    failed = practice(descent_bin, tmp_path, "--exercise", "ex01", stdin="print 0\n")
    assert failed.returncode == 1
    assert "it comes back today" in failed.stdout
    listed = practice(descent_bin, tmp_path, "--list")
    line = next(line for line in listed.stdout.splitlines() if line.startswith("ex01-compare"))
    assert "again today" in line and "in 1 day" not in line
    again = practice(descent_bin, tmp_path, stdin="")
    assert again.stdout.startswith("Again today (SM-2 re-drill)")


# MARK: - item 10: a cell's last expression shows its value

def test_a_saved_lessons_bare_expression_shows_in_run_check_and_export(descent_bin, tmp_path):
    lesson = tmp_path / "saved.md"
    lesson.write_text("# Saved\n\n```descent\nweight = 0.5\n```\n\n```descent\nweight\n```\n")
    run = descent(descent_bin, "run", str(lesson))
    assert (run.returncode, run.stdout) == (0, "[1] line 3\n[2] line 7\n0.5\n")
    assert descent(descent_bin, "run", "--update", str(lesson)).returncode == 0
    assert "```output\n0.5\n```" in lesson.read_text()
    assert descent(descent_bin, "check", str(lesson)).returncode == 0
    script = tmp_path / "saved.py"
    assert descent(descent_bin, "export", str(lesson), "-o", str(script)).returncode == 0
    python = subprocess.run([os.sys.executable, str(script)], capture_output=True, text=True, timeout=BACKSTOP)
    assert python.stdout == "0.5\n", python.stderr
