#!/usr/bin/env python3
"""Writes the first five steps of each optimizer, computed with numpy from the
textbook update rules, for the engine's tests to compare against.

Run with the project's Python: `.venv/bin/python scripts/optimizer-fixtures.py`
(writes Tests/Fixtures/optimizers/first-steps.json) or give another output
folder as the first argument (Tests/Python/test_optimizer_fixtures.py does,
to catch drift between the committed file and the installed numpy).

The rules, for parameters x (a numpy array) and gradient g, every state
starting at 0 and t counting steps from 1:

    sgd       x = x - alpha * g
    momentum  v = M * v - alpha * g;  x = x + v                (the heavy ball)
    nesterov  g taken at x + M * v;  v = M * v - alpha * g;  x = x + v
    adagrad   G = G + g ** 2;  x = x - alpha * g / (sqrt(G) + eps)
    rmsprop   E = D * E + (1 - D) * g ** 2;  x = x - alpha * g / (sqrt(E) + eps)
    adam      m = b1 * m + (1 - b1) * g;  s = b2 * s + (1 - b2) * g ** 2
              m_hat = m / (1 - b1 ** t);  s_hat = s / (1 - b2 ** t)
              x = x - alpha * m_hat / (sqrt(s_hat) + eps)

with eps = 1e-8 added outside the square root, as PyTorch adds it. These
lines are written from the formulas, not from Descent's code.

Problems: (a) the course's one weight, input 0.5, goal 0.8, weight 0.5,
alpha 0.1, whose gradient is the book's weight_delta = input * (pred - goal)
(the derivative of (pred - goal) ** 2 halved, as the course's loop uses it);
(b) f(x, y) = x ** 2 + 10 * y ** 2 from (1, 1), gradient (2 x, 20 y), alpha 0.04.

Floats are stored as their Python repr (text), so they read back exactly.
"""
import json
import os
import sys

import numpy as np

OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "Fixtures", "optimizers")

EPS = 1e-8
STEPS = 5

OPTIMIZERS = [
    ("sgd", {}),
    ("momentum", {"momentum": 0.9}),
    ("nesterov", {"momentum": 0.9}),
    ("adagrad", {}),
    ("rmsprop", {"decay": 0.9}),
    ("adam", {"beta1": 0.9, "beta2": 0.999}),
]

INPUT, GOAL = 0.5, 0.8


def one_weight_value(x):
    return (INPUT * x[0] - GOAL) ** 2


def one_weight_gradient(x):
    return np.array([INPUT * (INPUT * x[0] - GOAL)])


def bowl_value(x):
    return x[0] ** 2 + 10 * x[1] ** 2


def bowl_gradient(x):
    return np.array([2 * x[0], 20 * x[1]])


PROBLEMS = [
    ("one weight", [0.5], 0.1, one_weight_value, one_weight_gradient),
    ("bowl", [1.0, 1.0], 0.04, bowl_value, bowl_gradient),
]


def first_steps(kind, settings, alpha, start, value, gradient):
    """The first STEPS steps: each step's parameters, value, gradient and the parameters after it."""
    x = np.array(start, dtype=float)
    first = np.zeros_like(x)   # v (momentum, nesterov), G (adagrad), E (rmsprop), m (adam)
    second = np.zeros_like(x)  # s (adam)
    steps = []
    for t in range(1, STEPS + 1):
        f = value(x)
        if kind == "nesterov":
            g = gradient(x + settings["momentum"] * first)
        else:
            g = gradient(x)
        if kind == "sgd":
            after = x - alpha * g
        elif kind in ("momentum", "nesterov"):
            first = settings["momentum"] * first - alpha * g
            after = x + first
        elif kind == "adagrad":
            first = first + g ** 2
            after = x - alpha * g / (np.sqrt(first) + EPS)
        elif kind == "rmsprop":
            decay = settings["decay"]
            first = decay * first + (1 - decay) * g ** 2
            after = x - alpha * g / (np.sqrt(first) + EPS)
        else:
            beta1, beta2 = settings["beta1"], settings["beta2"]
            first = beta1 * first + (1 - beta1) * g
            second = beta2 * second + (1 - beta2) * g ** 2
            m_hat = first / (1 - beta1 ** t)
            s_hat = second / (1 - beta2 ** t)
            after = x - alpha * m_hat / (np.sqrt(s_hat) + EPS)
        steps.append({
            "step": t,
            "parameters": [repr(float(p)) for p in x],
            "value": repr(float(f)),
            "gradient": [repr(float(p)) for p in g],
            "after": [repr(float(p)) for p in after],
        })
        x = after
    return steps


def main():
    cases = []
    for problem, start, alpha, value, gradient in PROBLEMS:
        for kind, settings in OPTIMIZERS:
            cases.append({
                "problem": problem, "optimizer": kind, "settings": {k: repr(v) for k, v in settings.items()},
                "alpha": repr(alpha), "start": [repr(p) for p in start],
                "steps": first_steps(kind, settings, alpha, start, value, gradient),
            })
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, "first-steps.json"), "w", encoding="utf-8") as f:
        f.write("[\n" + ",\n".join(json.dumps(case, sort_keys=True) for case in cases) + "\n]\n")


if __name__ == "__main__":
    main()
