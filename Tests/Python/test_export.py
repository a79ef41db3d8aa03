"""`descent export --to python`: every lesson, exercise solution and test
program that prints is exported, run with this environment's Python, and
its output compared with Descent's (numbers to a relative 1e-9; exactly
under `digits 12`).

Counts (fully exported / partial / failing) are printed for each group.
Lessons and exercises must all export fully and run identically; test
programs that export only partially are listed in
`export_partial_allowlist.txt`, so a regression (or a fix) shows.
"""

import ast
import json
import math
import pathlib
import re
import subprocess
import sys

import pytest

HERE = pathlib.Path(__file__).resolve().parent
PARTIAL_EXIT = 3
NUMBER = re.compile(r"-?(?:\d+\.?\d*(?:e[+-]?\d+)?|inf|nan)")


# MARK: - helpers

def export(descent_bin, path, out, *extra):
    """Runs `descent export`; returns (exit code, stderr)."""
    result = subprocess.run([str(descent_bin), "export", str(path), "--to", "python", "-o", str(out), *extra],
                            capture_output=True, text=True, timeout=600)
    return result.returncode, result.stderr


def run_python(script, cwd):
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, cwd=cwd,
                            timeout=600)
    return result


def same_output(expected, actual, exact):
    """Whether two outputs agree: text exactly, numbers to 1e-9 relative (or exactly)."""
    if exact:
        return expected == actual
    exp_lines, act_lines = expected.splitlines(), actual.splitlines()
    if len(exp_lines) != len(act_lines):
        return False
    for e, a in zip(exp_lines, act_lines):
        if NUMBER.split(e) != NUMBER.split(a):
            return False
        for x, y in zip(NUMBER.findall(e), NUMBER.findall(a)):
            if x == y:
                continue
            fx, fy = float(x), float(y)
            if not math.isclose(fx, fy, rel_tol=1e-9, abs_tol=0.0):
                return False
    return True


def notebook_cells(text):
    """(info string, code, stored output or None) for each ```descent cell."""
    lines = text.splitlines()
    cells = []
    i = 0
    while i < len(lines):
        match = re.match(r"^```descent(.*)$", lines[i])
        if not match:
            i += 1
            continue
        info = match.group(1).strip()
        j = i + 1
        while not lines[j].startswith("```"):
            j += 1
        code = "\n".join(lines[i + 1:j])
        k = j + 1
        while k < len(lines) and not lines[k].strip():
            k += 1
        output = None
        if k < len(lines) and lines[k].startswith("```output"):
            m = k + 1
            while not lines[m].startswith("```"):
                m += 1
            output = "".join(line + "\n" for line in lines[k + 1:m])
            j = m
        cells.append((info, code, output))
        i = j + 1
    return cells


def report(group, full, partial, failing):
    print(f"\nexport {group}: {len(full)} fully exported and identical, {len(partial)} partial, "
          f"{len(failing)} failing", file=sys.__stdout__)
    for name, why in failing:
        print(f"  failing: {name}: {why}", file=sys.__stdout__)
    for name in partial:
        print(f"  partial: {name}", file=sys.__stdout__)


def beside(folder, tmp_path):
    """A scratch folder that sees every file of `folder` (through links), so
    a script reads its data files there and writes its figures in scratch."""
    scratch = tmp_path / ("beside-" + folder.name)
    if not scratch.exists():
        scratch.mkdir()
        for entry in folder.iterdir():
            (scratch / entry.name).symlink_to(entry)
    return scratch


def check_one(descent_bin, source, expected, exact, tmp_path, name, cwd=None):
    """Exports and runs one file (in `cwd`, where its data files are); returns
    'full', 'partial' or a failure reason."""
    out = tmp_path / (pathlib.Path(name).stem.replace("-", "_") + ".py")
    code, stderr = export(descent_bin, source, out)
    if code == PARTIAL_EXIT:
        return "partial"
    if code != 0:
        return f"export exited {code}: {stderr.strip()[:300]}"
    ran = run_python(out, beside(cwd, tmp_path) if cwd else tmp_path)
    if ran.returncode != 0:
        return f"python exited {ran.returncode}: {ran.stderr.strip()[-300:]}"
    if not same_output(expected, ran.stdout, exact):
        return f"output differs:\n--- descent\n{expected}\n--- python\n{ran.stdout}"
    return "full"


def without_terminal_charts(program, printed):
    """What a test program prints, less the charts `descent run` draws at a
    terminal (the script draws them with matplotlib and prints nothing): the
    program's `# expect:` lines, which ProgramTests checks are exactly its text."""
    if "\u2514" not in printed:  # no x axis, no chart
        return printed
    lines = []
    for raw in program.splitlines():
        at = raw.find("# ")
        comment = raw[at + 2:] if at >= 0 else None
        if comment is None:
            continue
        if comment.startswith("expect: "):
            lines.append(comment[len("expect: "):])
        elif comment == "expect:":
            lines.append("")
        elif comment.startswith("expect-lines: "):
            raise AssertionError("a program that draws a chart names its output line by line")
    return "".join(line + "\n" for line in lines)


# MARK: - lessons

def test_every_lesson_exports_fully_and_prints_the_stored_output(descent_bin, repo_root, tmp_path):
    full, partial, failing = [], [], []
    for lesson in sorted((repo_root / "Notebooks").glob("*.md")):
        text = lesson.read_text()
        cells = notebook_cells(text)
        expected = "".join(output or "" for info, code, output in cells
                           if "expect-error" not in info and "skip" not in info.split())
        exact = "digits: 12" in text or "digits 12" in text
        verdict = check_one(descent_bin, lesson, expected, exact, tmp_path, lesson.name)
        {"full": full, "partial": partial}.get(verdict, failing).append(
            lesson.name if verdict in ("full", "partial") else (lesson.name, verdict))
    report("lessons", full, partial, failing)
    assert not partial and not failing


# MARK: - exercises

def exercise_programs(path):
    """The given code and solution, and one program per `case:` line of the check."""
    text = path.read_text()
    blocks = dict(re.findall(r"```(given|solution|check)\n(.*?)```", text, re.S))
    given, solution = blocks.get("given", ""), blocks["solution"]
    programs = [given + solution]
    for line in blocks.get("check", "").splitlines():
        if line.startswith("case:"):
            programs.append(given + line[len("case:"):].strip() + "\n" + solution)
    return programs


def test_every_exercise_solution_exports_fully_and_runs_identically(descent_bin, repo_root, tmp_path):
    full, partial, failing = [], [], []
    for path in sorted((repo_root / "Notebooks" / "exercises").glob("*.md")):
        for index, program in enumerate(exercise_programs(path)):
            name = f"{path.stem}-{index}"
            source = tmp_path / f"{name}.descent"
            source.write_text(program)
            ran = subprocess.run([str(descent_bin), "run", str(source)], capture_output=True, text=True,
                                 timeout=600)
            assert ran.returncode == 0, f"{name}: descent run failed: {ran.stderr}"
            verdict = check_one(descent_bin, source, ran.stdout, "digits 12" in program, tmp_path, name)
            {"full": full, "partial": partial}.get(verdict, failing).append(
                name if verdict in ("full", "partial") else (name, verdict))
    report("exercises (solution and each check case)", full, partial, failing)
    assert not partial and not failing


# MARK: - test programs

def test_programs_that_print_export_and_run_identically(descent_bin, repo_root, tmp_path):
    allowed = {line.split("#")[0].strip() for line in (HERE / "export_partial_allowlist.txt").read_text().splitlines()}
    allowed.discard("")
    full, partial, failing = [], [], []
    for path in sorted((repo_root / "Tests" / "Programs").glob("*.descent")):
        text = path.read_text()
        if "# error:" in text:
            continue  # its expectation is a diagnostic, not output
        ran = subprocess.run([str(descent_bin), "run", str(path)], capture_output=True, text=True, timeout=600,
                             cwd=path.parent)
        if ran.returncode != 0 or not ran.stdout:
            continue  # prints nothing (or stops with an error it expects)
        verdict = check_one(descent_bin, path, without_terminal_charts(text, ran.stdout), "digits 12" in text,
                            tmp_path, path.name, cwd=path.parent)
        {"full": full, "partial": partial}.get(verdict, failing).append(
            path.name if verdict in ("full", "partial") else (path.name, verdict))
    report("test programs that print", full, partial, failing)
    assert not failing
    assert set(partial) == allowed, (
        f"partial exports changed: newly partial {sorted(set(partial) - allowed)}, "
        f"now full {sorted(allowed - set(partial))}; update export_partial_allowlist.txt")


def test_exported_compare_draws_every_path_and_prints_the_table(descent_bin, repo_root, tmp_path):
    """`compare` exports as a race per optimizer: the table is checked with the
    other programs; here, each chart is drawn (matplotlib writes the labels of
    an SVG's texts as comments) with the title and one legend entry per optimizer."""
    import xml.etree.ElementTree as ElementTree
    program = repo_root / "Tests" / "Programs" / "train_on_function_optimizers.descent"
    script = tmp_path / "race.py"
    code, stderr = export(descent_bin, program, script)
    assert code == 0, stderr
    ran = run_python(script, tmp_path)
    assert ran.returncode == 0, ran.stderr
    assert "sgd        -1.9578934124024425e+49" in ran.stdout
    races = [(["sgd", "nesterov 0.5", "adagrad", "rmsprop decay 0.8", "adam beta1 0.8"], "bowl", {"a", "b"}),
             (["sgd", "adam"], "bowl", {"a", "b"}),
             (["sgd", "momentum 0.8", "adam"], "bowl3", {"step", "bowl3"})]  # three numbers: value per step
    for number, (names, function, axes) in enumerate(races, start=1):
        figure = tmp_path / f"train_on_function_optimizers-figure-{number}.svg"
        text = figure.read_text()
        ElementTree.fromstring(text)  # a whole SVG document
        labels = set(re.findall(r"<!-- (.*?) -->", text))
        assert ", ".join(names) + " on " + function in labels
        assert set(names) <= labels and axes <= labels


# MARK: - the book's listing

def loop_body(tree):
    """The statements inside the first `for` loop, as AST dumps."""
    for node in ast.walk(tree):
        if isinstance(node, ast.For):
            return [ast.dump(statement) for statement in node.body]
    return None


def book_listing(repo_root):
    return ast.parse((repo_root / "Tests" / "Fixtures" / "grokking-ch4-gradient-descent.py").read_text())


def test_the_grokking_chapter_4_program_exports_as_the_books_listing(descent_bin, repo_root, tmp_path):
    source = tmp_path / "gd.descent"
    source.write_text("weight = 0.5\ngoal_pred = 0.8\ninput = 0.5\nrepeat 20 {\n    pred = input * weight\n"
                      "    error = (pred - goal_pred) ** 2\n    delta = pred - goal_pred\n"
                      "    weight_delta = input * delta\n    weight = weight - weight_delta\n"
                      "    print \"Error:\" + str(error) + \" Prediction:\" + str(pred)\n}\n")
    out = tmp_path / "gd.py"
    assert export(descent_bin, source, out)[0] == 0
    exported = ast.parse(out.read_text())
    book = book_listing(repo_root)
    # Same names, same operations, same order: the setup and the loop body.
    assert [ast.dump(s) for s in exported.body[:3]] == [ast.dump(s) for s in book.body[:3]]
    assert loop_body(exported) == loop_body(book)
    assert ast.dump(exported.body[3].iter) == ast.dump(book.body[3].iter)  # range(20)


def test_train_exports_as_the_books_loop_with_the_same_names(descent_bin, repo_root, tmp_path):
    source = tmp_path / "train.descent"
    source.write_text("weight = 0.5\ngoal_pred = 0.8\ninput = 0.5\ntrain 20 alpha 1\n")
    out = tmp_path / "train.py"
    assert export(descent_bin, source, out)[0] == 0
    body = loop_body(ast.parse(out.read_text()))
    book = loop_body(book_listing(repo_root))
    # The book's four computations open the loop, and its update closes it;
    # between them the export checks divergence and records the history.
    assert body[:4] == book[:4]
    assert body[-1] == book[4]


# MARK: - bad input, output files, ipynb, matplotlib

def test_a_syntax_error_gives_runs_diagnostic_and_writes_nothing(descent_bin, tmp_path):
    source = tmp_path / "bad.descent"
    source.write_text("weight = 0.5\nfor i in range(20)\n    print i\n")
    run = subprocess.run([str(descent_bin), "run", str(source)], capture_output=True, text=True)
    out = tmp_path / "bad.py"
    code, stderr = export(descent_bin, source, out)
    assert code == run.returncode == 65
    assert stderr == run.stderr and "bad.descent:2:" in stderr and "^" in stderr
    assert not out.exists()


def test_an_existing_output_is_kept_on_a_syntax_error_and_replaced_on_success(descent_bin, tmp_path):
    out = tmp_path / "out.py"
    out.write_text("# precious\n")
    bad = tmp_path / "bad.descent"
    bad.write_text("print (1\n")
    assert export(descent_bin, bad, out)[0] == 65
    assert out.read_text() == "# precious\n"
    good = tmp_path / "good.descent"
    good.write_text("print 1 + 1\n")
    assert export(descent_bin, good, out)[0] == 0
    assert run_python(out, tmp_path).stdout == "2\n"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.py") or p.suffix == ".tmp"]


def test_an_untranslatable_statement_is_a_marked_comment_a_located_warning_and_exit_3(descent_bin, tmp_path):
    # After the if, `input` may be a number or a vector: which trainer Descent picks depends on the run.
    source = tmp_path / "either.descent"
    source.write_text("print 1\nweight = 0.5; goal = 0.8; input = 0.5\nif false { input = [1, 2] }\ntrain 3 alpha 0.1\n")
    out = tmp_path / "either.py"
    code, stderr = export(descent_bin, source, out)
    assert code == PARTIAL_EXIT
    assert "either.descent:4:1: warning: not exported: the export cannot tell which trainer" in stderr
    assert "^~~~" in stderr and "# NOT EXPORTED (line 4)" in out.read_text()
    assert run_python(out, tmp_path).stdout == "1\n"


def test_ipynb_export_is_a_python_notebook_with_the_prose(descent_bin, repo_root, tmp_path):
    out = tmp_path / "lesson.ipynb"
    result = subprocess.run([str(descent_bin), "export", str(repo_root / "Notebooks" / "04-gradient-descent.md"),
                             "--to", "ipynb", "--python", "-o", str(out)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    notebook = json.loads(out.read_text())
    assert notebook["metadata"]["kernelspec"]["name"] == "python3"
    kinds = [cell["cell_type"] for cell in notebook["cells"]]
    assert "markdown" in kinds and "code" in kinds
    import nbformat
    nbformat.validate(nbformat.reads(out.read_text(), as_version=4))
    code = "\n".join("".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "code")
    assert "for _ in range(20):" in code


def test_plots_are_skipped_without_matplotlib(descent_bin, tmp_path):
    source = tmp_path / "plot.descent"
    source.write_text("weight = 0.5; goal = 0.8; input = 0.5\ntrain 3 alpha 1\nplot error\nprint weight\n")
    out = tmp_path / "plot.py"
    assert export(descent_bin, source, out)[0] == 0
    assert "import matplotlib" in out.read_text()
    # A module that fails to import, standing in for a machine without matplotlib.
    blocker = tmp_path / "block"
    blocker.mkdir()
    (blocker / "matplotlib.py").write_text("raise ImportError('no matplotlib here')\n")
    ran = subprocess.run([sys.executable, str(out)], capture_output=True, text=True, cwd=tmp_path,
                         env={"PYTHONPATH": str(blocker), "PATH": "/usr/bin:/bin"})
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout == "1.1359375\n"
    # One line says why there is no figure, where it does not mix with the output.
    assert ran.stderr == ("note: matplotlib is not installed, so this script's plots are skipped"
                          " (pip install matplotlib)\n")


# MARK: - every trainer, against `descent run`

TRAINERS = {
    "one weight, verbose": "weight = 0.5; goal = 0.8; input = 0.5\ntrain 3 alpha 0.5 verbose\nprint weight, error, pred, delta, weight_delta\n",
    "one weight, momentum": "weight = 0.5; goal = 0.8; input = 0.5\ntrain 30 alpha 0.1 momentum 0.9\nprint weight, error\nshow history\n",
    "until, reached": "weight = 0.5; goal = 0.8; input = 0.5\ntrain until error < 1e-10 alpha 0.1 max 10000\nprint weight\n",
    "until, not reached": "weight = 0.5; goal = 0.8; input = 0.5\ntrain until error <= 1e-30 alpha 0.1 max 50\nprint weight\n",
    "until, cycling": "weight = 10.0; goal = 8; input = 0.2\ntrain until error < 1e-30 alpha 50 max 100\nprint weight, error\n",
    "divergence": "weight = 0.5; goal = 0.8; input = 2\ntrain 1000 alpha 1\nprint weight, error, len(history[\"error\"])\n",
    "hot and cold": "weight = 0.5; goal = 0.8; input = 0.5\ntrain 7 hotcold step 0.1\nshow history\n",
    "several inputs": "weights = [0.1, 0.2, -0.1]; input = [8.5, 0.65, 1.2]; goal = 1\ntrain 5 alpha 0.01\nprint weights, error, pred, weight_delta\nshow history\ncheck gradient\npredict input\n",
    "one input, several outputs": "input = 0.65; weights = [0.3, 0.2, 0.9]; goal = [0.1, 1, 0.1]\ntrain 3 alpha 0.1\nprint weights, error, pred, delta\nshow history\n",
    "several inputs and outputs": "input = [8.5, 0.65, 1.2]\nweights = [[0.1, 0.1, -0.3], [0.1, 0.2, 0.0], [0.0, 1.3, 0.1]]\ngoal = [0.1, 1, 0.1]\ntrain 3 alpha 0.01\nprint weights, error, weight_delta\nshow history\n",
    "network with biases": "inputs = [[0, 0], [0, 1], [1, 0], [1, 1]]; goals = [0, 1, 1, 0]\nnet = network 2 -> 4 -> 1 seed 5\nprint net.weights[0]\ntrain 300 epochs alpha 2 momentum 0.5\nprint error, net.biases[0]\ncheck gradient\nprint predict([1, 0])\n",
    "network, unseeded": "inputs = [[1, 2]]; goals = [0.5]\nmine = network 2 -> 2 -> 1\nnet = network 2 -> 1\nprint random(), net.weights[0]\nseed 3\nprint random(2), random(1, 2)\ntrain 5 epochs alpha 0.5 verbose\n",
    "show weights": "weight = 0.5\nweights = [1, 2]\nshow weights\n",
    "networks of tanh, relu, identity": "inputs = [[0.5, -1], [1, 2]]; goals = [[0.1, 0.2], [0.3, -0.1]]\n"
        "net = network 2 -> 3 -> 2 tanh seed 2\ntrain 50 epochs alpha 0.1\nprint error, predict([1, 1])\ncheck gradient\n"
        "net = network 2 -> 3 -> 2 relu seed 2\ntrain 50 epochs alpha 0.1\nprint error\ncheck gradient\n"
        "net = network 2 -> 2 identity nobias seed 2\ntrain 50 epochs alpha 0.1\nprint error, net.weights[0]\n",
    "momentum with several weights": "weights = [0.1, 0.2]; input = [1, 2]; goal = 1\ntrain 3 alpha 0.1 momentum 0.9\nprint weights\n",
    "network until": "inputs = [[0, 0], [0, 1], [1, 0], [1, 1]]; goals = [0, 1, 1, 0]\nnet = network 2 -> 3 -> 1 seed 1\n"
        "train until error < 0.2 alpha 2 max 5000\nprint error\nnet = network 2 -> 3 -> 1 seed 1\n"
        "train until error < 0.001 alpha 2 max 30\nprint error\n",
    "round, Python's way, also on vectors": "v = [0.0025, 2.675, 1]\nprint round(v, 3), round(v[0], 3), round(7, 2), round(2.5)\n"
        "for x in [0.0025, 0.125] { print round(x, 2) }\n",
    "names Python keeps for itself": "max = 3; len = 2; str = 1; sum = 0\nweight = 0.5; goal = 0.8; input = 0.5\n"
        "train 3 alpha 0.1 max 10\nshow history\ncheck gradient\nprint max, len, str, sum, [max, 2.5]\n",
    "a long run: the history keeps every nth step": "weight = 0.5; goal = 0.8; input = 0.5\ntrain 25003 alpha 0.01\n"
        "show history\nprint len(history[\"step\"]), history[\"step\"][-1], error\n"
        "inputs = [[1, 2]]; goals = [0.5]\nnet = network 2 -> 1 seed 1\ntrain 10003 epochs alpha 0.01\nshow history\n",
    "show weights of a network": "net = network 2 -> 2 -> 1 seed 4\nshow weights\nnet = network 2 -> 1 nobias seed 4\nshow weights\n",
    # The optimizers on every trainer: each update written out from its formula.
    "one weight, every optimizer": "goal = 0.8; input = 0.5\n"
        "weight = 0.5\ntrain 20 alpha 0.1 nesterov 0.9\nprint weight, error, weight_delta\n"
        "weight = 0.5\ntrain 20 alpha 0.1 adagrad\nprint weight, error\n"
        "weight = 0.5\ntrain 20 alpha 0.1 rmsprop\nprint weight, error\n"
        "weight = 0.5\ntrain 20 alpha 0.1 rmsprop decay 0.5\nprint weight, error\n"
        "weight = 0.5\ntrain 6 alpha 0.1 adam verbose\nshow history\n",
    "one weight, optimizers until a target": "goal = 0.8; input = 0.5\n"
        "weight = 0.5\ntrain until error < 1e-6 alpha 0.1 adam max 2000\nprint weight\n"
        "weight = 0.5\ntrain until error < 1e-20 alpha 0.1 nesterov 0.5 max 3000\nprint weight\n",
    "optimizer settings from variables, and names the loop also uses": "m = 7; v = [1]; ahead = 2; b = 0.8\n"
        "weight = 0.5; goal = 0.8; input = 0.5\ntrain 5 alpha 0.1 adam beta1 b beta2 b + 0.1\nprint weight, m, v\n"
        "weight = 0.5\ntrain 5 alpha 0.05 + 0.05 nesterov b - 0.1\nprint weight, ahead\n",
    "an optimizer that diverges": "weight = 0.5; goal = 0.8; input = 0.5\ntrain 10 alpha 1e60 adam\nprint weight, error\n",
    "several inputs, every optimizer": "input = [8.5, 0.65, 1.2]; goal = 1\n"
        "weights = [0.1, 0.2, -0.1]\ntrain 10 alpha 0.01 nesterov 0.9\nprint weights, error\n"
        "weights = [0.1, 0.2, -0.1]\ntrain 10 alpha 0.01 adagrad\nprint weights, error\n"
        "weights = [0.1, 0.2, -0.1]\ntrain 10 alpha 0.01 rmsprop\nprint weights, error\n"
        "weights = [0.1, 0.2, -0.1]\ntrain 10 alpha 0.01 adam verbose\nshow history\n",
    "one input, several outputs, every optimizer": "input = 0.65; goal = [0.1, 1, 0.1]\n"
        "weights = [0.3, 0.2, 0.9]\ntrain 10 alpha 0.1 nesterov 0.9\nprint weights, error\n"
        "weights = [0.3, 0.2, 0.9]\ntrain 10 alpha 0.1 adam\nprint weights, error, weight_delta\nshow history\n",
    "several inputs and outputs, every optimizer": "input = [8.5, 0.65, 1.2]; goal = [0.1, 1, 0.1]\n"
        "weights = [[0.1, 0.1, -0.3], [0.1, 0.2, 0.0], [0.0, 1.3, 0.1]]\ntrain 10 alpha 0.01 nesterov 0.9\nprint weights, error\n"
        "weights = [[0.1, 0.1, -0.3], [0.1, 0.2, 0.0], [0.0, 1.3, 0.1]]\ntrain 10 alpha 0.01 rmsprop decay 0.8\nprint weights\n"
        "weights = [[0.1, 0.1, -0.3], [0.1, 0.2, 0.0], [0.0, 1.3, 0.1]]\ntrain until error < 1e-3 alpha 0.01 adam max 500\n"
        "print weights, error\nshow history\n",
    "networks, every optimizer": "inputs = [[0, 0], [0, 1], [1, 0], [1, 1]]; goals = [0, 1, 1, 0]\n"
        "net = network 2 -> 3 -> 1 seed 1\ntrain 50 epochs alpha 0.5 nesterov 0.9\nprint error, net.weights[1]\n"
        "net = network 2 -> 3 -> 1 seed 1\ntrain 50 epochs alpha 0.1 adagrad\nprint error\n"
        "net = network 2 -> 3 -> 1 seed 1\ntrain 50 epochs alpha 0.01 rmsprop\nprint error\n"
        "net = network 2 -> 3 -> 1 nobias seed 1\ntrain 50 epochs alpha 0.05 adam verbose\nprint net.weights[0]\n"
        "net = network 2 -> 3 -> 1 seed 1\ntrain until error < 0.24 alpha 0.05 adam max 400\nprint error\n",
    "digits 12 everywhere": "digits 12\nweight = 0.5; goal = 0.8; input = 0.5\ntrain 4 alpha 1 verbose\nshow history\nprint [0.1 + 0.2], 0.1 + 0.2, true, 1e11 + 0.5, 1e-5 / 3\n",
}


@pytest.mark.parametrize("name", sorted(TRAINERS))
def test_each_trainer_prints_what_descent_prints(descent_bin, tmp_path, name):
    source = tmp_path / "program.descent"
    source.write_text(TRAINERS[name])
    ran = subprocess.run([str(descent_bin), "run", str(source)], capture_output=True, text=True, timeout=600)
    assert ran.returncode == 0, ran.stderr
    verdict = check_one(descent_bin, source, ran.stdout, "digits 12" in TRAINERS[name], tmp_path, "program")
    assert verdict == "full", verdict


def test_an_exported_ipynb_runs_in_the_python_kernel_and_prints_the_lessons_output(descent_bin, repo_root, tmp_path):
    import nbclient
    import nbformat
    lesson = repo_root / "Notebooks" / "08-several-weights.md"
    out = tmp_path / "lesson.ipynb"
    result = subprocess.run([str(descent_bin), "export", str(lesson), "--to", "ipynb", "--python", "-o", str(out)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    notebook = nbformat.read(str(out), as_version=4)
    nbclient.NotebookClient(notebook, kernel_name="python3", timeout=600,
                            resources={"metadata": {"path": str(tmp_path)}}).execute()
    printed = "".join(output.get("text", "") for cell in notebook.cells if cell.cell_type == "code"
                      for output in cell.get("outputs", []) if output.get("name") == "stdout")
    expected = "".join(output or "" for info, code, output in notebook_cells(lesson.read_text()))
    assert same_output(expected, printed, exact=False), printed


def test_a_notebook_with_a_syntax_error_gives_runs_diagnostic_and_writes_nothing(descent_bin, tmp_path):
    notebook = tmp_path / "bad.md"
    notebook.write_text("# T\n\n```descent\nx = 1\n```\n\n```descent\nfor i in range(3)\n    print i\n```\n")
    run = subprocess.run([str(descent_bin), "run", str(notebook)], capture_output=True, text=True)
    out = tmp_path / "bad.py"
    code, stderr = export(descent_bin, notebook, out)
    assert code == run.returncode == 65
    assert stderr == run.stderr and f"{notebook}:8:18: error:" in stderr
    assert not out.exists()
