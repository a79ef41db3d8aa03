#!/usr/bin/env python3
"""Writes the fixtures the Python-formatting and numpy tests compare against.

Run with the project's Python: `.venv/bin/python scripts/numpy-fixtures.py`
(writes Tests/Fixtures/numpy/*.json) or give another output folder as the
first argument (Tests/Python/test_numpy_fixtures.py does, to catch drift
between the committed files and the installed CPython / numpy).

Floats are stored as their Python repr (text), so they read back exactly.
"""
import ast
import json
import math
import os
import random
import sys

import numpy as np

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "Fixtures", "numpy")


def encode(v):
    if isinstance(v, bool):
        return {"bool": v}
    if isinstance(v, int):
        return {"int": v}
    if isinstance(v, float):
        return {"float": repr(v)}
    if isinstance(v, str):
        return {"str": v}
    if v is None:
        return {"none": None}
    return {"other": {"str": str(v), "repr": repr(v), "type": type(v).__name__}}


def outcome(fn):
    try:
        return {"result": fn()}
    except Exception as e:  # the exception's class and message are the fixture
        return {"error": {"type": type(e).__name__, "message": str(e)}}


def write(name, data):
    os.makedirs(OUT, exist_ok=True)
    def line(item):
        return json.dumps(item, ensure_ascii=False, sort_keys=True)
    # One case per line: small files whose diffs read case by case.
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
        if isinstance(data, list):
            f.write("[\n" + ",\n".join(line(item) for item in data) + "\n]\n")
        else:
            f.write(line(data) + "\n")


# MARK: - format(value, spec)

def format_spec_cases():
    values = [0, 1, -1, 7, 42, -42, 255, 1234, -1234567, 10**15, -(2**63), 2**63 - 1,
              0.0, -0.0, 0.5, -0.5, 1.0, 2.5, 3.14159, -2.71828, 0.1, 0.30000000000000004,
              1e-05, 0.0001, 0.00012345, 123.456, 1234.5, 1e16, 1.5e16, 9999999999999998.0,
              1e22, 1.23456789e-10, 123456789.0, 0.999999, 9.9999995, 0.05, 0.15, 0.25, 1e100,
              -1e-300, 5e-324, float("inf"), float("-inf"), float("nan"), -float("nan"),
              True, False, "", "a", "hello", "héllo wörld", None, [1, 2], (0.5,)]
    specs = ["", "d", "f", ".2f", ".3f", ".4f", ".0f", "#.0f", "e", ".2e", "E", "g", ".3g", "G", "#g",
             ".10g", "%", ".1%", "n", "s", "b", "o", "x", "X", "#x", "#b", "#o", "#X", "c",
             ">8", "<8", "^9", "=8", "08", "010.3f", "+", "+.2f", " ", " .2f", "-", ",", "_", ",.2f",
             "_.3f", "015,.2f", "010,", "08,", "_x", "_b", "#_x", ",d", "z.1f", "z", "*^10", "x<6",
             "0<6", ".3", ".1", ".12", ".0", "#.3", ">10.3", "10", "-08.2f", "0=8", "=+8", "+08.3e",
             ".2s", ">5s", "5", "abc", ".", ",_", "_,", ",,", "=5s", "+s", "#s", "zd", ".2d",
             "+c", "#c", ",x", ",c", ",s", "q", "\x01", "99999999999999999999", ".99999999999999999999f",
             ">", "0", "%s", "z.3e", "#.2g", "e5", ".3r"]
    cases = []
    for v in values:
        for s in specs:
            cases.append({"value": encode(v), "spec": s, **outcome(lambda: format(v, s))})
    for n in [0, 65, 97, 8364, 128512, 0x110000, -1]:
        cases.append({"value": encode(n), "spec": "c", **outcome(lambda: format(n, "c"))})
        cases.append({"value": encode(n), "spec": ">4c", **outcome(lambda: format(n, ">4c"))})
    rng = random.Random(20)
    for _ in range(300):
        x = rng.choice([rng.uniform(-1, 1), rng.uniform(-1e6, 1e6), rng.gauss(0, 1) * 10 ** rng.randint(-8, 20)])
        spec = rng.choice(["", ".2f", ".3f", ".4f", ".6f", ".3g", ".4e", ".5", ".8", ">12.4f", "+.3f", ",.2f",
                           "g", ".12g", ".1f", ".17g", "%", ".2%", "e", "E"])
        cases.append({"value": encode(x), "spec": spec, **outcome(lambda: format(x, spec))})
    # Random specs from the mini-language's alphabet: every corner CPython has.
    alphabet = "<>^=+- z#0123456789,_.bcdeEfFgGnosxX%*"
    probes = [0, -7, 1234567, 0.5, -0.0, 1234.5678, 1e-07, 2.5e20, float("inf"), True, "abc", None]
    for _ in range(2500):
        spec = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 7)))
        v = rng.choice(probes)
        cases.append({"value": encode(v), "spec": spec, **outcome(lambda: format(v, spec))})
    return cases


# MARK: - str.format and f-strings

def str_format_cases():
    args = (0.5, 3, "ab", True, None, -2.25, [1, 2])
    kwargs = {"name": "Ann", "w": 0.123456, "n": 7}
    templates = ["", "plain", "{}", "{} {}", "{0} {1} {0}", "{:.2f}", "{0:.2f}", "{name}", "{name!r:>8}",
                 "{{x}}", "{{{0}}}", "a {} {0:.2f}", "{0} {}", "{} {0}", "{2!r}", "{2!s}", "{2!a}",
                 "{:{}}", "{0:{1}}", "{w:.{n}f}", "{:>{}.{}f}", "{0:{1}{2}}", "}", "{", "{0", "x}y",
                 "{0!}", "{0!x}", "{0!rr}", "{0:{1:{2}}}", "{0:{1:{2:{3}}}}", "{9}", "{missing}",
                 "{0[0]}", "{0.real}", "{0]}", "{0[}", "{:d}", "{1:.3f}", "{3:d}", "{3:>6}", "{4}",
                 "{4:>6}", "{6}", "{6:>9}", "{5:+.1e}", "{5:%}", "{ }", "{0 }", "{w}", "{n:05d}",
                 "{:=^30}", "{0!s:^10}", "{name:*<10}", "{0:}", "{a{}", "{0:{", "}}", "{{", "{}}",
                 "{!r}", "{:}", "{0.}", "{0..x}", "{0[]}", "{0[0]x}", "{00}", "{01}"]
    rng = random.Random(21)
    pieces = ["{", "}", "{}", "{0}", "{1}", "{name}", ":", "!r", "!s", "[0]", ".real", "x", " ", ">5", ".2f",
              "{{", "}}", "{:", "{0:", "{w:", "{n}"]
    templates += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 6))) for _ in range(600)]
    cases = []
    for t in templates:
        cases.append({"template": t, "args": [encode(a) for a in args],
                      "kwargs": {k: encode(v) for k, v in kwargs.items()},
                      **outcome(lambda: t.format(*args, **kwargs))})
    return cases


FSTRING_NAMES = {"x": 0.5, "n": 3, "s": "ab", "b": True, "z": None, "w": -2.25, "p": 12, "q": 4}


def fstring_cases():
    bodies = ["", "plain", "{x}", "{x:.3f}", "{x!r}", "{s!r:>8}", "{{x}}", "{n:{p}}", "{x:{p}.{q}f}",
              "{x=}", "{x = }", "{x=:.2f}", "{x=!s}", "{s=}", "{n!a}", "}", "{", "{x", "{x!}", "{x!z}",
              "{}", "{ }", "{x:{p:{q}}}", "{x!r=}", "{x:>{p}}", "a {x} b {n} c", "{w:+.1e}", "{z}",
              "{b}", "{b:d}", "{z:>5}", "{x:d}", "{s:d}", "{x:", "{x:}", "{x!r:}", "x}}y{{z",
              "{x#}", "{n:c}", "{p:#x}", "{x:%}", "{{{x}}}", "{x}}", "{x:{{p}}}"]
    # Random bodies whose fields are plain names (or whose parse fails in the
    # f-string scanner itself): the splitting rules, not Python's expressions.
    rng = random.Random(23)
    pieces = ["{", "}", "x", "n", "s", ":", "!r", "!s", "=", ">5", ".2f", "{{", "}}", " ", "{p}", "!=", "#",
              "'", "[", "]", "(", ")", "w", "<", "{x}"]
    seen = set(bodies)
    while len(bodies) < 700:
        body = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 6)))
        if body in seen or "\\" in body:
            continue
        seen.add(body)
        try:
            tree = ast.parse("f" + repr(body), mode="eval")
        except SyntaxError as e:
            # "f-string: invalid syntax" comes from compiling the expression,
            # which is the caller's parser, not the scanner under test.
            if e.msg.startswith("f-string") and "invalid syntax" not in e.msg:
                bodies.append(body)
            continue
        values = [node.value for node in ast.walk(tree) if isinstance(node, ast.FormattedValue)]
        if all(isinstance(v, ast.Name) for v in values):
            bodies.append(body)
    cases = []
    for body in bodies:
        def run():
            return eval("f" + repr(body), {}, dict(FSTRING_NAMES))
        try:
            compile("f" + repr(body), "<f>", "eval")
            cases.append({"body": body, **outcome(run)})
        except SyntaxError as e:
            cases.append({"body": body, "error": {"type": "SyntaxError", "message": e.msg}})
    return {"names": {k: encode(v) for k, v in FSTRING_NAMES.items()}, "cases": cases}


# MARK: - % formatting

def percent_cases():
    singles = [0.5, 3, -7, "ab", True, None, 1e-05, 123456.789, float("nan"), float("-inf"), 65, [1, 2], -0.0]
    templates = ["%s", "%r", "%a", "%d", "%i", "%u", "%5d", "%-5d|", "%05d", "%+d", "% d", "%.3d", "%x", "%X",
                 "%#x", "%#X", "%o", "%#o", "%#08x", "%e", "%E", "%.2e", "%f", "%.3f", "%8.3f", "%-8.3f|",
                 "%08.3f", "%+.1f", "%g", "%G", "%.3g", "%#g", "%#.3g", "%c", "%%", "%s%%", "%5s", "%-5s|",
                 "%.1s", "%y", "%", "%5", "%(a)s", "%ld", "%F", "abc", "%s %s", "%.0f", "%#.0f", "%10.4e",
                 "% 08.2f", "%-+8.2f|", "%.*f", "%*d", "%5.1s|", "% s", "%05s"]
    cases = []
    for t in templates:
        for v in singles:
            cases.append({"template": t, "args": encode(v), **outcome(lambda: t % v)})
    tuples = [(), (1,), (1, 2), (0.5, "x"), (3, 0.25, "w"), (5, 2.5), (7, 3.14159), ("a", "b", "c")]
    for t in ["%s", "%s %s", "%d %s", "%.2f %s", "%*d", "%.*f", "%-*d|", "%s and %r", "%d%%", "no fields",
              "%(a)s", "%c%c", "%s %s %s %s"]:
        for v in tuples:
            cases.append({"template": t, "tuple": [encode(a) for a in v], **outcome(lambda: t % v)})
    rng = random.Random(22)
    alphabet = "%-+ #0123456789.*sdirxXoeEfgGc(a)%y"
    for _ in range(1500):
        t = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 6)))
        v = rng.choice([(3, 0.5), (7,), 0.25, -12, "s", (1, 2, 3), (4, "x", 1.5)])
        key = "tuple" if isinstance(v, tuple) else "args"
        encoded = [encode(a) for a in v] if isinstance(v, tuple) else encode(v)
        cases.append({"template": t, key: encoded, **outcome(lambda: t % v)})
    mapping = {"a": 1, "name": "Ann", "w": 0.125}
    for t in ["%(a)s", "%(name)r", "%(w).2f", "%(w)08.3f", "%(missing)s", "%(a)d %(name)s", "%(a", "%s",
              "%(a)s %s", "plain", "%(a)s %%", "%()s"]:
        cases.append({"template": t, "mapping": {k: encode(v) for k, v in mapping.items()},
                      **outcome(lambda: t % mapping)})
    return cases


# MARK: - numpy RandomState

def random_cases():
    cases = []
    for seed in [0, 1, 2, 42, 123456, 2**32 - 1, 20201]:
        np.random.seed(seed)
        ops = []
        plan = [("random", 5), ("normal", 0.0, 1.0, 7), ("random", 3), ("randn", 5), ("uniform", -1.0, 1.0, 4),
                ("normal", 2.0, 0.5, 1), ("randint", 0, 10, 20), ("randn", 1), ("rand", 2),
                ("randint", -5, 5, 9), ("randint", 0, 2**33, 5), ("randint", 0, 2**32 + 1, 3),
                ("randint", 3, 4, 2), ("normal", 0.0, 0.1, 101), ("permutation", 10), ("shuffle", 7),
                ("choice", 5, 6), ("choice_noreplace", 8, 4), ("choice_p", [0.1, 0.2, 0.7], 9),
                ("random", 300), ("randn", 250), ("uniform", 0.0, 100.0, 33), ("randint", 0, 1000, 100)]
        for op in plan:
            kind = op[0]
            if kind == "random":
                out = np.random.random(op[1])
            elif kind == "rand":
                out = np.random.rand(op[1])
            elif kind == "randn":
                out = np.random.randn(op[1])
            elif kind == "normal":
                out = np.random.normal(op[1], op[2], op[3])
            elif kind == "uniform":
                out = np.random.uniform(op[1], op[2], op[3])
            elif kind == "randint":
                out = np.random.randint(op[1], op[2], op[3])
            elif kind == "permutation":
                out = np.random.permutation(op[1])
            elif kind == "shuffle":
                out = np.arange(op[1])
                np.random.shuffle(out)
            elif kind == "choice":
                out = np.random.choice(op[1], op[2])
            elif kind == "choice_noreplace":
                out = np.random.choice(op[1], op[2], replace=False)
            else:
                out = np.random.choice(len(op[1]), op[2], p=op[1])
            values = [repr(float(v)) for v in out] if out.dtype.kind == "f" else [int(v) for v in out]
            ops.append({"op": list(op), "values": values})
        cases.append({"seed": seed, "ops": ops})
    return cases


# MARK: - numpy array printing

def array_cases():
    rng = np.random.RandomState(2020)
    arrays = [np.array(0.5), np.array(1.0), np.array(1e-05), np.array(3), np.array(True), np.array(float("nan")),
              np.array([]), np.zeros((0, 3)), np.array([], dtype=np.int64), np.array([], dtype=bool),
              np.array([0.5, 1.0]), np.array([1.0, 2.0, 3.0]), np.array([0.0, 0.0]), np.array([-0.0, 1.0]),
              np.array([1e-05, 1.0]), np.array([1.5e-05, 1.0]), np.array([1e8, 1.0]), np.array([1e16, -2.5]),
              np.array([1e-300, 1e300]), np.array([np.nan, 1.0, -np.inf]), np.array([np.nan, np.inf]),
              np.array([np.nan, 1e-10]), np.array([0.1, 0.2, 0.30000000000000004]), np.array([1 / 3, 2 / 3]),
              np.array([123456.789, 0.001]), np.array([999.9999999, 1.0]), np.array([-1.0, 0.5, -0.25]),
              np.array([1, 2, 3]), np.array([-10, 200, 3]), np.array([True, False, True]),
              np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([[1, -2], [30, 4]]), np.array([[True], [False]]),
              np.arange(30.0), np.arange(100), np.arange(2000.0), np.arange(1200).reshape(40, 30),
              np.linspace(0, 1, 11), np.linspace(-1e-3, 1e-3, 7), np.array([0.5, -0.5, 0.3, 0.1]),
              np.array([1.0, 2.0, 3.0, 4.0]) * 0.5, np.ones((3, 4)), np.zeros(5), np.array([[0.5]]),
              np.array([2 ** 62, -(2 ** 62)]), np.array([1e-4, 1e-3]), np.array([0.00009999, 1.0])]
    arrays += [np.array([np.nan, 1e-5, -1e10]), np.array([-np.inf, 1e9]), np.arange(12.0).reshape(2, 2, 3),
               rng.random_sample(2000) > 0.5, np.arange(1500), np.array([0.999999999, 0.5]),
               np.array([9.9999999999, -0.000123]), np.array([-0.0, 0.0]), np.array([-0.0, 1e-7]),
               np.array([1e-8, 1e-9]), np.array([123456789.123, 1.0]), np.array([5e-324, 1.0]),
               np.array([1.7976931348623157e308, -1.0]), np.array([0.1] * 30), np.array([-1.5] * 24),
               np.array([np.nan] * 3), np.array([-np.inf, np.inf]), rng.randn(3, 4, 5),
               np.array([[np.nan, 1.0], [2.0, -np.inf]]), np.array([100.0, 0.1]), np.array([1000.0, 0.5]),
               np.array([1000.5, 1.0]), np.array([10 ** 9, -(10 ** 12)]), np.zeros((2, 0)), np.zeros((0,))]
    for width in list(range(1, 31)) + [47, 100]:
        for scale in [1.0, 1e-3, 1e3, 1e-6, 1e9]:
            arrays.append(rng.randn(width) * scale)
        arrays.append(rng.randint(-1000, 1000, width))
        arrays.append(rng.random_sample(width) > 0.5)
        arrays.append(np.round(rng.randn(width), 2))
    for rows, cols in [(2, 3), (3, 2), (4, 5), (3, 12), (10, 3), (5, 30), (1, 7), (7, 1)]:
        arrays.append(rng.randn(rows, cols))
        arrays.append(rng.randn(rows, cols) * 1e-5)
        arrays.append(rng.random_sample((rows, cols)))
        arrays.append(rng.randint(0, 100, (rows, cols)))
    arrays.append(rng.randn(1001))
    arrays.append(rng.randn(40, 40))
    cases = []
    for a in arrays:
        flat = a.ravel()
        if a.dtype.kind == "f":
            values = [repr(float(v)) for v in flat]
        elif a.dtype.kind == "b":
            values = [bool(v) for v in flat]
        else:
            values = [int(v) for v in flat]
        scalar = {}
        if a.ndim == 0:
            scalar = {"scalar_repr": repr(a[()]), "scalar_str": str(a[()])}
        cases.append({"dtype": str(a.dtype), "shape": list(a.shape), "values": values,
                      "repr": repr(a), "str": str(a), **scalar})
    return cases


def main():
    write("format-spec.json", format_spec_cases())
    write("str-format.json", str_format_cases())
    write("fstring.json", fstring_cases())
    write("percent-format.json", percent_cases())
    write("random.json", random_cases())
    write("arrays.json", array_cases())
    write("versions.json", {"numpy": np.__version__,
                            "python": "%d.%d" % sys.version_info[:2]})


if __name__ == "__main__":
    main()
