"""The README's commands work as written, and what it counts is true.

A newcomer follows the README from a fresh clone: set up, run a lesson,
install, run the tests. Each command line of those sections is taken from
the README itself (not copied here), and is checked to exist and, where it
is cheap, run exactly as written. The install goes to a temporary prefix,
and the installed binary, copied alone into an empty folder, still has its
lessons and exercises.
"""

import os
import pathlib
import re
import shlex
import shutil
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text()
LESSONS = sorted((ROOT / "Notebooks").glob("[0-9]*.md"))
EXERCISES = sorted((ROOT / "Notebooks" / "exercises").glob("ex[0-9]*.md"))
CEILING = 900  # against a hang only
WORDS = {w: n for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty".split())}


def section(title):
    """The text of the README's `## title` section."""
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## )", README, re.MULTILINE | re.DOTALL)
    assert match, f"the README has no section '{title}'"
    return match.group(1)


def command_lines(text):
    """The command lines of a section's ```sh blocks, comments removed;
    a quoted argument running over several lines stays one command."""
    commands = []
    for block in re.findall(r"```sh\n(.*?)```", text, re.DOTALL):
        pending = ""
        for line in block.splitlines():
            pending += ("\n" if pending else "") + line
            try:
                words = shlex.split(pending, comments=True)
            except ValueError:  # an open quote: the command goes on
                continue
            if words:
                commands.append((pending.split(" #")[0].strip(), words))
            pending = ""
    return commands


def fresh_env(tmp_path, **extra):
    """The environment of a user whose home and cache are empty."""
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    env = dict(os.environ, HOME=str(home), XDG_CACHE_HOME=str(home / ".cache"), **extra)
    env.pop("DESCENT_LESSONS", None)
    return env


def number(word):
    return int(word) if word.isdigit() else WORDS[word]


def test_the_readme_counts_the_lessons_and_exercises_there_are():
    said = re.findall(r"\b(\d+|" + "|".join(WORDS) + r")\s+lessons\b", README)
    assert said, "the README no longer counts lessons: drop this check"
    assert {number(w) for w in said} == {len(LESSONS)}, said
    exercises = re.findall(r"\b(\d+|" + "|".join(WORDS) + r")\s+(?:exercise\s+solutions|ship\s+with\s+the\s+tool)",
                           README)
    assert {number(w) for w in exercises} == {len(EXERCISES)}, exercises


def test_every_set_up_run_and_test_command_exists():
    commands = (command_lines(section("Set up (Debian, once)")) + command_lines(section("Run a lesson"))
                + command_lines(section("Test")))
    # Each simple command of a `a && b` line.
    commands = [(line, shlex.split(part)) for line, _ in commands for part in line.split(" && ")]
    programs = {words[0] for _, words in commands}
    assert {"scripts/setup", "scripts/install", "swift", ".venv/bin/python"} <= programs, programs
    for line, words in commands:
        program = words[0]
        if "/" in program:
            assert os.access(ROOT / program, os.X_OK), f"`{line}`: {program} is not an executable file"
        else:
            assert shutil.which(program), f"`{line}`: {program} is not on the PATH"
        if words[:3] == ["swift", "run", "descent"] and len(words) > 4 and words[3] == "run":
            assert (ROOT / words[4]).is_file(), f"`{line}`: no file {words[4]}"
    # The test command is the one CI runs.
    ci = re.search(r"^cmd='(.*)'$", (ROOT / ".ci" / "run").read_text(), re.MULTILINE).group(1)
    [test_command] = [line for line, _ in command_lines(section("Test"))]
    assert test_command == ci
    for part in test_command.split(" && "):
        for word in shlex.split(part)[1:]:
            if "/" in word or word in ("Notebooks", "Grammar"):
                assert (ROOT / word).exists(), f"`{part}`: no {word}"


def test_the_set_up_and_lesson_commands_run_as_written(tmp_path):
    env = fresh_env(tmp_path)
    for title in ("Set up (Debian, once)", "Run a lesson"):
        for line, words in command_lines(section(title)):
            if words[0] == "scripts/install":
                continue  # the next test installs, into a temporary prefix
            ran = subprocess.run(line, shell=True, cwd=ROOT, env=env, capture_output=True, text=True,
                                 timeout=CEILING)
            assert ran.returncode == 0, f"`{line}` failed:\n{ran.stdout}\n{ran.stderr}"
            if words[:4] == ["swift", "run", "descent", "run"]:
                assert ran.stdout.startswith("[1] line "), ran.stdout[:200]


def test_the_first_session_prints_what_the_readme_shows(tmp_path):
    text = section("A first session")
    [(line, words)] = command_lines(text)
    shown = re.search(r"then the error curve:\n\n```\n(.*?)\n", text).group(1)
    ran = subprocess.run(line, shell=True, cwd=ROOT, env=fresh_env(tmp_path), capture_output=True,
                         text=True, timeout=CEILING)
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.splitlines()[0] == shown


def test_install_works_as_written_into_a_fresh_prefix(tmp_path):
    """`scripts/install PREFIX` (the debug build, to keep the tests quick),
    then the PATH line it prints, in a new shell."""
    prefix = tmp_path / "prefix"
    env = fresh_env(tmp_path, DESCENT_INSTALL_BUILD="debug", PATH="/usr/local/bin:/usr/bin:/bin:"
                    + os.path.dirname(shutil.which("swift")))
    ran = subprocess.run([str(ROOT / "scripts" / "install"), str(prefix)], cwd=tmp_path, env=env,
                         capture_output=True, text=True, timeout=CEILING)
    assert ran.returncode == 0, ran.stdout + ran.stderr
    installed = prefix / "bin" / "descent"
    assert os.access(installed, os.X_OK)
    assert f"{prefix}/bin is not on your PATH" in ran.stdout
    [advice] = [line.strip() for line in ran.stdout.splitlines() if line.strip().startswith("echo 'export PATH=")]
    subprocess.run(advice, shell=True, env=env, check=True)
    # A new interactive shell reads ~/.bashrc and finds descent.
    shell = subprocess.run(["bash", "-i", "-c", "command -v descent && descent lessons"], cwd=tmp_path,
                           env=env, capture_output=True, text=True, timeout=CEILING)
    assert shell.returncode == 0, shell.stdout + shell.stderr
    assert shell.stdout.splitlines()[0] == str(installed)
    assert "Gradient descent, twenty steps" in shell.stdout


def test_a_copied_binary_alone_has_its_lessons_and_exercises(descent_bin, tmp_path):
    alone = tmp_path / "alone"
    alone.mkdir()
    shutil.copy2(descent_bin, alone / "descent")
    env = fresh_env(tmp_path)

    def descent(*arguments):
        ran = subprocess.run(["./descent", *arguments], cwd=alone, env=env, capture_output=True, text=True,
                             timeout=CEILING)
        assert ran.returncode == 0, f"descent {' '.join(arguments)}: {ran.stderr}"
        return ran.stdout

    listed = descent("lessons").splitlines()
    assert len(listed) == len(LESSONS)
    assert "  4  Gradient descent, twenty steps" in listed
    lesson = descent("run", "lesson", "4")
    assert lesson.startswith("[1] line 20\n") and "Error:0.30250000000000005 Prediction:0.25" in lesson
    exercises = descent("practice", "--list")
    assert all(path.stem in exercises for path in EXERCISES)
    # The lessons were unpacked into the user's cache, not beside the binary.
    assert [p.name for p in alone.iterdir()] == ["descent"]
    assert pathlib.Path(descent("lessons", "--path", "4").strip()).read_bytes() == \
        (ROOT / "Notebooks" / "04-gradient-descent.md").read_bytes()


def test_swift_tests_after_set_up_skip_nothing():
    """After `scripts/setup`, the Swift tests that need Python tools find
    them in `.venv` (nbformat): none is skipped."""
    ran = subprocess.run(["swift", "test", "--filter", "RenderTests"], cwd=ROOT, capture_output=True, text=True,
                         timeout=CEILING)
    assert ran.returncode == 0, ran.stdout[-3000:] + ran.stderr[-3000:]
    assert "ipynbValidatesWithNbformat() passed" in ran.stdout
    assert " skipped" not in ran.stdout
