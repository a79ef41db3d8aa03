#!/usr/bin/env python3
"""Writes W4's or W5's seeded data and initial weights as CSV files.

The draws are made in exactly the order w4_mlp_small.py / w5_mlp_mnist.py
make them (same generator, same seed, same shapes), so a Descent program
that loads these files trains on the very numbers numpy trains on.
Numbers are written with repr(), which reads back to the same double.

Usage: mlp_data.py w4|w5 OUTPUT_DIR
Writes x.csv (rows x inputs), y.csv (rows x outputs), w1.csv, w2.csv
(inputs x units, the layout of `net.weights`), each with a header row.
"""
import os
import sys

import numpy as np


def w4():
    rng = np.random.default_rng(2024)
    n_rows, n_in, n_hidden, n_out = 400, 6, 8, 1
    X = rng.normal(size=(n_rows, n_in))
    true_w = rng.normal(size=(n_in, 1))
    y = (X @ true_w + 0.5 * rng.normal(size=(n_rows, 1)) > 0).astype(np.float64)
    W1 = rng.normal(scale=n_in ** -0.5, size=(n_in, n_hidden))
    W2 = rng.normal(scale=n_hidden ** -0.5, size=(n_hidden, n_out))
    return X, y, W1, W2


def w5():
    rng = np.random.default_rng(2024)
    n_rows, n_in, n_hidden, n_out = 1000, 784, 128, 10
    X = rng.random(size=(n_rows, n_in))
    labels = rng.integers(0, n_out, size=n_rows)
    y = np.eye(n_out)[labels]
    W1 = rng.normal(scale=n_in ** -0.5, size=(n_in, n_hidden))
    W2 = rng.normal(scale=n_hidden ** -0.5, size=(n_hidden, n_out))
    return X, y, W1, W2


def write(path, prefix, matrix):
    with open(path, "w") as f:
        f.write(",".join(f"{prefix}{j}" for j in range(matrix.shape[1])) + "\n")
        for row in matrix:
            f.write(",".join(repr(float(v)) for v in row) + "\n")


def main():
    if len(sys.argv) != 3 or sys.argv[1] not in ("w4", "w5"):
        sys.exit(__doc__)
    X, y, W1, W2 = w4() if sys.argv[1] == "w4" else w5()
    out = sys.argv[2]
    os.makedirs(out, exist_ok=True)
    write(os.path.join(out, "x.csv"), "x", X)
    write(os.path.join(out, "y.csv"), "y", y)
    write(os.path.join(out, "w1.csv"), "h", W1)
    write(os.path.join(out, "w2.csv"), "o", W2)


if __name__ == "__main__":
    main()
