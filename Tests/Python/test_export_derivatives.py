"""Derivatives in `descent export --to python`: plain Python, no autograd.

- `show derivative` exports as the same text and the same value (compared
  with `descent run`'s output exactly, numbers to 1e-12).
- `derivative(f, x)` and `gradient(f, a, b)` export as calls of functions
  written out from f's statements (forward mode: `d_v = ...` before each
  `v = ...`), so ifs and loops carry over. Their values are compared with
  Descent's symbolic derivative (`show derivative`) where f is straight-line
  code, and with central differences of the exported f (which test_export
  proves prints as Descent does) where f has ifs and loops. Where `descent
  run` knows `derivative` and `gradient` (the automatic derivatives), the
  exported program's output is compared with Descent's too.
"""

import math
import re
import subprocess
import sys

NUMBER = re.compile(r"-?\d+\.?\d*(?:e[+-]?\d+)?")

# Straight-line, with an if, with loops, calling another function, with the
# math built-ins: each f is differentiated at several points.
FUNCTIONS = """
def cubic(x) = x ** 3 - 2 * x + 1
def squared_error(w) = (0.5 * w - 0.8) ** 2
def two_valleys(x) {
    y = x * x
    if y > 1 {
        y = y * sigmoid(x)
    } else {
        y -= x / 3
    }
    return y + tanh(x)
}
def looped(a, b) {
    s = a
    repeat 4 { s = s * b + a }
    total = 0
    for i in 0..<3 {
        total += s * i + exp(a / 4)
    }
    return total + relu(a - b) + abs(b)
}
def caller(x) = helper(x, 2.0) + log(1 + x * x)
def helper(a, b) = a ** b + sqrt(1 + exp(a / b))
"""

POINTS = {"cubic": [0.5, -1.25, 2.0], "squared_error": [0.5, 1.1], "two_valleys": [0.7, 1.5, -2.0],
          "caller": [0.3, -1.7]}
GRADIENT_POINTS = {"looped": [(0.3, -1.2), (1.1, 0.6)], "helper": [(1.5, 2.0), (0.4, 3.0)]}
STRAIGHT_LINE = {"cubic", "squared_error", "caller"}


def run(args, cwd):
    return subprocess.run(args, capture_output=True, text=True, cwd=cwd, timeout=600)


def export_and_run(descent_bin, tmp_path, name, program):
    source = tmp_path / f"{name}.descent"
    source.write_text(program)
    script = tmp_path / f"{name}.py"
    exported = run([str(descent_bin), "export", str(source), "--to", "python", "-o", str(script)], tmp_path)
    assert exported.returncode == 0, exported.stderr
    text = script.read_text()
    assert not re.search(r"^\s*(import|from)\s+(torch|autograd|jax|sympy)", text, re.M)
    ran = run([sys.executable, str(script)], tmp_path)
    assert ran.returncode == 0, ran.stderr
    return text, ran.stdout


def numbers(line):
    return [float(x) for x in NUMBER.findall(line)]


def close(a, b, tolerance):
    return math.isclose(a, b, rel_tol=tolerance, abs_tol=tolerance)


def central_difference(f, x, h=1e-5):
    return (f(x + h) - f(x - h)) / (2 * h)


def test_show_derivative_exports_the_same_text_and_value(descent_bin, tmp_path):
    program = ("input = 0.5\ngoal_pred = 0.8\nweight = 0.5\n"
               "show derivative of (input * weight - goal_pred) ** 2 wrt weight\n"
               "beta = 2.0\ngamma = 3.0\nepsilon = 1.0\nx = 4.0\n"
               + "".join(f"show derivative of (((beta * gamma) ** 2) + (epsilon + 22 - x)) ** (1/2) wrt {v}\n"
                         for v in ["beta", "gamma", "epsilon", "x"])
               + FUNCTIONS + "w = 0.7\nshow derivative of squared_error wrt w\n"
               "show derivative of caller(w) wrt w\nshow derivative of sigmoid(2 * w) + abs(w) wrt w\n")
    source = tmp_path / "show.descent"
    source.write_text(program)
    descent = run([str(descent_bin), "run", str(source)], tmp_path)
    assert descent.returncode == 0, descent.stderr
    _, python = export_and_run(descent_bin, tmp_path, "show", program)
    assert "-0.55" in descent.stdout
    expected, actual = descent.stdout.splitlines(), python.splitlines()
    assert len(expected) == len(actual)
    for e, a in zip(expected, actual):
        assert NUMBER.sub("#", e) == NUMBER.sub("#", a), (e, a)
        assert all(close(x, y, 1e-12) for x, y in zip(numbers(e), numbers(a))), (e, a)


def test_derivative_and_gradient_export_as_written_out_python(descent_bin, tmp_path):
    lines = [f"print derivative({f}, {x})" for f, xs in POINTS.items() for x in xs]
    lines += [f"print gradient({f}, {a}, {b})" for f, ps in GRADIENT_POINTS.items() for a, b in ps]
    lines += ["print derivative(sigmoid, 0.5)", "print derivative(tanh, -0.3)"]
    program = FUNCTIONS + "\n".join(lines) + "\n"
    text, output = export_and_run(descent_bin, tmp_path, "derivatives", program)
    # The derivative of a function with an if and a loop keeps them.
    two_valleys = text[text.index("def d_two_valleys_d_x"):]
    assert "if y > 1:" in two_valleys and "d_y = " in two_valleys
    looped = text[text.index("def d_looped_d_a"):]
    assert "for _ in range(4):" in looped and "d_s = " in looped
    printed = output.splitlines()
    assert len(printed) == len(lines)

    # The exported functions themselves, to take central differences of.
    namespace = {}
    exec(compile(text, "derivatives.py", "exec"), namespace)
    checked = 0
    row = 0
    for f, xs in POINTS.items():
        for x in xs:
            value = numbers(printed[row])[0]
            row += 1
            assert close(value, central_difference(namespace[f], x), 1e-6), (f, x, value)
            checked += 1
    for f, ps in GRADIENT_POINTS.items():
        for a, b in ps:
            da, db = numbers(printed[row])
            row += 1
            g = namespace[f]
            assert close(da, central_difference(lambda t: g(t, b), a), 1e-6), (f, a, b, da)
            assert close(db, central_difference(lambda t: g(a, t), b), 1e-6), (f, a, b, db)
            checked += 2
    sigmoid = 1 / (1 + math.exp(-0.5))
    assert close(numbers(printed[row])[0], sigmoid * (1 - sigmoid), 1e-15)
    assert close(numbers(printed[row + 1])[0], 1 - math.tanh(-0.3) ** 2, 1e-15)
    assert checked == 18

    # Straight-line functions: the same numbers as Descent's symbolic derivative.
    shows = [f"x = {x}\nshow derivative of {f}(x) wrt x" for f, xs in POINTS.items() if f in STRAIGHT_LINE for x in xs]
    source = tmp_path / "symbolic.descent"
    source.write_text(FUNCTIONS + "\n".join(shows) + "\n")
    descent = run([str(descent_bin), "run", str(source)], tmp_path)
    assert descent.returncode == 0, descent.stderr
    symbolic = [numbers(line)[-1] for line in descent.stdout.splitlines() if line.startswith("value at")]
    exported = [numbers(printed[i])[0] for i, (f, x) in enumerate((f, x) for f, xs in POINTS.items() for x in xs)
                if f in STRAIGHT_LINE]
    assert len(symbolic) == len(exported) == 7
    assert all(close(s, e, 1e-12) for s, e in zip(symbolic, exported)), (symbolic, exported)

    # Where Descent has the automatic derivatives, its own output.
    source = tmp_path / "derivatives.descent"
    descent = run([str(descent_bin), "run", str(source)], tmp_path)
    if descent.returncode == 0:
        for e, a in zip(descent.stdout.splitlines(), printed, strict=True):
            assert all(close(x, y, 1e-9) for x, y in zip(numbers(e), numbers(a), strict=True)), (e, a)


# Functions of vectors and matrices, written out for numpy arrays
# (`tangent_f`, and `gradient_f` along each element in turn): numpy's
# operations, max and min, slices and .T, a loop over the elements, an
# element assignment, a call of another function.
ARRAY_FUNCTIONS = """
import numpy as np
X = np.array([[1.0, 2.0, -1.0], [0.5, -3.0, 2.0]])
def data_loss(w) = np.mean((X @ w - np.array([1.0, -2.0])) ** 2) + 0.1 * np.sum(np.abs(w))
def features(W) = np.sum(np.tanh(W @ X) ** 2) + np.max(W[0]) - np.min(W.T[1]) + W[1][0] * W[0][1]
def walked(v) {
    t = v * 0
    total = 0.0
    for a, b in zip(v, [1.0, 2.0, 3.0]) { total += sigmoid(a) * b }
    t[0] = v[1] ** 2
    return total + np.dot(t, v) + scaled(v[0:2], 3.0) + v.mean() + np.sum(np.outer(v, v[::-1]))
}
def scaled(u, s) = np.sum(np.exp(u / s)) + np.sqrt(s)
"""

ARRAY_POINTS = {"data_loss": [0.3, -0.2, 0.5], "features": [[0.1, -0.2], [0.4, 0.3]], "walked": [0.2, -0.7, 1.1]}


def test_gradients_of_functions_of_arrays_export_as_written_out_python(descent_bin, tmp_path):
    import numpy as np
    lines = [f"print(gradient({f}, np.array({p})))" for f, p in ARRAY_POINTS.items()]
    program = ARRAY_FUNCTIONS + "\n".join(lines) + "\n"
    text, output = export_and_run(descent_bin, tmp_path, "array_derivatives", program)
    walked = text[text.index("def tangent_walked"):]
    assert "for a, b, d_a, d_b in zip(" in walked and "d_t[0] = " in walked and "tangent_scaled(" in walked
    assert not re.search(r"^# NOT EXPORTED", text, re.M)

    # Each gradient against central differences of the exported function.
    namespace = {}
    exec(compile(text, "array_derivatives.py", "exec"), namespace)
    h = 1e-6
    for f, p in ARRAY_POINTS.items():
        point = np.array(p, dtype=float)
        gradient = namespace[f"gradient_{f}"](point)
        assert gradient.shape == point.shape, f
        for k in np.ndindex(point.shape):
            up, down = point.copy(), point.copy()
            up[k] += h
            down[k] -= h
            central = (namespace[f](up) - namespace[f](down)) / (2 * h)
            assert close(gradient[k], central, 1e-6), (f, k, gradient[k], central)

    # And the printed arrays are Descent's (its automatic derivatives), to 1e-9.
    descent = run([str(descent_bin), "run", str(tmp_path / "array_derivatives.descent")], tmp_path)
    assert descent.returncode == 0, descent.stderr
    assert len(descent.stdout.splitlines()) == len(output.splitlines())
    for e, a in zip(descent.stdout.splitlines(), output.splitlines()):
        assert all(close(x, y, 1e-9) for x, y in zip(numbers(e), numbers(a), strict=True)), (e, a)
