import DescentEngine

/// The top of an exported script: imports, and the few functions the
/// printed text needs to come out exactly as Descent prints it. Only what
/// the code uses is written.
enum PythonPrelude {
  static func text(for needs: Set<PythonNeed>) -> String {
    var needs = needs
    if needs.contains(.networkCheck) || needs.contains(.networkTraining) { needs.insert(.network) }
    if needs.contains(.networkCheck) || needs.contains(.weightsCheck) { needs.insert(.historyTable) }
    if needs.contains(.networkTraining) { needs.formUnion([.show, .history, .optimizerStep]) }
    if needs.contains(.compare) { needs.formUnion([.optimizerStep, .show, .math]) }
    if needs.contains(.optimizerStep) || needs.contains(.slopes) { needs.insert(.numpy) }
    if needs.contains(.show) || needs.contains(.historyTable) || needs.contains(.network) { needs.insert(.numpy) }
    if needs.contains(.historyTable) { needs.insert(.show) }
    if needs.contains(.sigmoidPrime) { needs.insert(.sigmoid) }
    if needs.contains(.sigmoid) || needs.contains(.network) { needs.formUnion([.libm, .math]) }
    if needs.contains(.network) { needs.formUnion([.sigmoid, .seededRandom, .math, .dot, .libm]) }
    if needs.contains(.seededRandom) { needs.insert(.math) }
    var imports: [String] = []
    if needs.contains(.math) { imports.append("import math") }
    if needs.contains(.csv) { imports.append("import csv") }
    if needs.contains(.budget) { imports.append("import sys") }
    if needs.contains(.numpy) { imports.append("import numpy as np") }
    if needs.contains(.network) { imports.append("from types import SimpleNamespace") }
    var parts: [String] = []
    if !imports.isEmpty { parts.append(imports.joined(separator: "\n")) }
    if needs.contains(.matplotlib) { parts.append(matplotlib) }
    for need in needs.sorted() {
      switch need {
      case .show: parts.append(show)
      case .history: parts.append(history)
      case .libm: parts.append(libm)
      case .sigmoid: parts.append(sigmoid)
      case .sigmoidPrime: parts.append(sigmoidPrime)
      case .relu: parts.append(relu)
      case .reluPrime: parts.append(reluPrime)
      case .historyTable: parts.append(tables)
      case .budget: parts.append(budget)
      case .seededRandom: parts.append(seededRandom)
      case .network: parts.append(network)
      case .dot: parts.append(dot)
      case .csv: parts.append(csvTable)
      case .roundEach: parts.append(roundEach)
      case .weightsCheck: parts.append(weightsCheck)
      case .networkCheck: parts.append(networkCheck)
      case .networkTraining: parts.append(networkTraining)
      case .optimizerStep: parts.append(optimizerStep)
      case .compare: parts.append(compare)
      case .slopes: parts.append(slopes)
      default: break
      }
    }
    return parts.joined(separator: "\n\n\n")
  }

  static let matplotlib = """
    try:  # plots need matplotlib; without it they are skipped and the rest runs
        import matplotlib

        matplotlib.use("Agg")  # write figure files, open no window
        import matplotlib.pyplot as plt
    except ImportError:
        plt = None
        import sys

        print("note: matplotlib is not installed, so this script's plots are skipped (pip install matplotlib)",
              file=sys.stderr)
    """

  static let show = #"""
    _digits = None  # significant digits of printed floats; None: Python 3's repr (`digits 12`: Python 2's str)


    def _str_digits(x, digits):
        """Python 2's str(float), with this many significant digits (12 in Python 2).

        Like "%.12g", except that it goes to exponent form one digit sooner
        (from 1e11), as Python 2 did so that it could add ".0" to integers.
        """
        x = float(x)
        if x != x or x in (float("inf"), float("-inf")):
            return repr(x)
        mantissa, exponent = ("%.*e" % (digits - 1, x)).split("e")
        exponent = int(exponent)
        if -4 <= exponent < digits - 1:
            text = "%.*f" % (digits - 1 - exponent, x)
            if "." in text:
                text = text.rstrip("0")
            return text + "0" if text.endswith(".") else text if "." in text else text + ".0"
        if "." in mantissa:
            mantissa = mantissa.rstrip("0").rstrip(".")
        return "%se%+03d" % (mantissa, exponent)


    def _show(x, python=False):
        """A value as Descent prints it: true/false (True/False once the program uses Python's
        forms), vectors as [1.0, 2.5], floats by `_digits`."""
        if isinstance(x, (bool, np.bool_)):
            return str(bool(x)) if python else "true" if x else "false"
        if isinstance(x, float):
            return repr(float(x)) if _digits is None else _str_digits(x, _digits)
        if isinstance(x, (list, tuple, np.ndarray)):
            return "[" + ", ".join(_repr(item, python) for item in x) + "]"
        return ("None" if python else "none") if x is None else str(x)


    def _repr(x, python=False):
        """A value inside a vector: floats always in Python 3's shortest form."""
        if isinstance(x, (list, tuple, np.ndarray)):
            return "[" + ", ".join(_repr(item, python) for item in x) + "]"
        if isinstance(x, (bool, np.bool_)):
            return str(bool(x)) if python else "true" if x else "false"
        if isinstance(x, str):
            return repr(str(x))
        if isinstance(x, (float, np.floating)):
            return repr(float(x))
        return str(x)
    """#

  static let sigmoid = """
    def sigmoid(x):
        return 1 / (1 + exp(-x))
    """

  static let sigmoidPrime = """
    def sigmoid_prime(x):
        s = sigmoid(x)
        return s * (1 - s)
    """

  static let relu = """
    def relu(x):
        return np.maximum(x, 0.0)
    """

  static let reluPrime = """
    def relu_prime(x):
        return np.where(np.asarray(x) > 0, 1.0, 0.0)[()]
    """

  static let tables = #"""
    def show_history(history):
        """Descent's `show history`: a row per step, numbers right-aligned."""
        names = list(history)
        count = len(history["step"])
        shown = list(range(count)) if count <= 40 else list(range(20)) + list(range(count - 20, count))
        rows = [names]
        for row in shown:
            rows.append([str(int(history["step"][row]))] + [_show(float(history[name][row])) for name in names[1:]])
            if count > 40 and row == 19:
                rows.append(["⋮"] * len(names))
        widths = [max(len(cells[i]) for cells in rows) for i in range(len(names))]
        for cells in rows:
            print("  ".join(cell.rjust(width) for cell, width in zip(cells, widths)).rstrip())
        if history.stride > 1 or count > 40:
            every = f", every {history.stride}th step" if history.stride > 1 else ""
            shown = "; the first and last 20 shown" if count > 40 else ""
            print(f"({history.steps_seen} steps; {count} kept{every}{shown})")


    def print_aligned(rows):
        """Rows of text as left-aligned columns, two spaces apart."""
        widths = [max(len(cells[i]) for cells in rows) for i in range(len(rows[0]))]
        for cells in rows:
            print("  ".join(cell.ljust(width) for cell, width in zip(cells, widths)).rstrip())
    """#

  static let budget = #"""
    class StepBudgetSpent(Exception):
        """A cell ran out of its step budget (Descent's `budget=N` cell option)."""


    _steps_left = None  # loop iterations left in the cell's budget; None: no budget


    def _spend_step(line):
        """Counts a loop iteration against the cell's budget, as Descent does."""
        global _steps_left
        if _steps_left is not None:
            _steps_left -= 1
            if _steps_left < 0:
                raise StepBudgetSpent(line)
    """#

  /// The math functions the export calls by Descent's names, each the C
  /// library's (`_libm`), in the order Descent's built-ins list them.
  static let libmFunctions = ["exp", "log", "tanh", "sin", "cos", "tan"]

  static let libm =
    libmHelper + "\n\n\n"
    + libmFunctions.map { "def \($0)(x):\n    return _libm(math.\($0), x)" }.joined(separator: "\n\n\n")

  private static let libmHelper = #"""
    def _libm(function, x):
        """function (from math: the C library's, as Descent uses) on a number or each element.

        numpy's own SIMD exp and log differ from the C library in the last digit now and then.
        """

        def one(v):
            try:
                return function(v)
            except OverflowError:
                return math.inf

        if np.ndim(x) == 0:
            return one(float(x))
        return np.vectorize(one, otypes=[float])(np.asarray(x, dtype=float))
    """#

  static let weightsCheck = #"""
    def check_gradient_of_weight(input, weight, goal):
        """Descent's `check gradient`: d error / d weight against a central difference."""

        def error_at(w):
            return (input * w - goal) * (input * w - goal)

        analytic = 2 * input * (input * weight - goal)
        h = 1e-6 * max(1, abs(weight))
        numeric = (error_at(weight + h) - error_at(weight - h)) / (2 * h)
        relative = abs(analytic - numeric) / max(abs(analytic), abs(numeric), 1e-12)
        print("loss: error = (input * weight - goal) ** 2, at the current weights")
        print_aligned([["weight", "analytic", "numeric", "relative difference"],
                       ["weight", _str_digits(analytic, 10), _str_digits(numeric, 10), _str_digits(relative, 2)]])
        print("the book's update, input * delta, is half this derivative: the 2 is folded into alpha")


    def check_gradient_of_weights(input, weights, goal):
        """Descent's `check gradient` for a weighted sum: each weight against a central difference."""

        def error_at(w):
            pred = 0.0
            for i in range(len(input)):
                pred += input[i] * w[i]
            return (pred - goal) * (pred - goal)

        pred = 0.0
        for i in range(len(input)):
            pred += input[i] * weights[i]
        rows = [["weight", "analytic", "numeric", "relative difference"]]
        for i in range(len(weights)):
            analytic = 2 * input[i] * (pred - goal)
            h = 1e-6 * max(1, abs(weights[i]))
            plus, minus = np.array(weights, dtype=float), np.array(weights, dtype=float)
            plus[i], minus[i] = weights[i] + h, weights[i] - h
            numeric = (error_at(plus) - error_at(minus)) / (2 * h)
            relative = abs(analytic - numeric) / max(abs(analytic), abs(numeric), 1e-12)
            rows.append([f"weights[{i}]", _str_digits(analytic, 10), _str_digits(numeric, 10), _str_digits(relative, 2)])
        print("loss: error = (dot(input, weights) - goal) ** 2, at the current weights")
        print_aligned(rows)
        print("the book's update, input * delta, is half this derivative: the 2 is folded into alpha")
    """#

  static let csvTable = #"""
    class DataTable:
        """Descent's table from `load`: columns by name, data["y"] a column, data[["x1", "x2"]] a matrix."""

        def __init__(self, columns, values):
            self.columns = columns
            self.values = values
            self.rows = len(values)

        def __getitem__(self, key):
            if isinstance(key, str):
                return self.values[:, self.columns.index(key)].copy()
            return self.values[:, [self.columns.index(str(name)) for name in key]]

        def __len__(self):
            return self.rows

        def __str__(self):
            return f"<table: {self.rows} rows, columns {', '.join(self.columns)}>"


    def load_csv(path):
        """A CSV file with a header row of column names and numbers below it."""
        with open(path, newline="") as file:
            lines = [row for row in csv.reader(file) if row]
        columns = [name.strip() for name in lines[0]]
        values = np.array([[float(field) for field in row] for row in lines[1:]], dtype=float)
        return DataTable(columns, values.reshape(len(lines) - 1, len(columns)))
    """#

  static let roundEach = #"""
    def round_each(x, digits):
        """Python's round(x, digits) on a number, or on each element of a vector
        (np.round scales and rounds, which now and then gives another last digit)."""
        if isinstance(x, (int, np.integer)):
            return x
        if np.ndim(x) == 0:
            return round(float(x), digits)
        return np.vectorize(lambda v: round(float(v), digits), otypes=[float])(x)
    """#

  static let history = #"""
    class History(dict):
        """What `train` keeps of its steps: a column per value, a row per step.
        Past \#(TrainingHistory.defaultCapacity) rows every other row goes and every 2nd (then 4th, ...) step
        is kept, as Descent keeps it; `last` holds the last step's values."""

        capacity = \#(TrainingHistory.defaultCapacity)

        def __init__(self, columns):
            super().__init__((name, []) for name in columns)
            self.stride, self.next_due, self.steps_seen, self.last = 1, 1, 0, None

        @property
        def columns(self):
            """The column names, in order (a Descent table's `columns`)."""
            return list(self)

        def record(self, step, *values):
            self.steps_seen, self.last = step, values
            if step != self.next_due:
                return
            if len(self["step"]) == self.capacity:
                for name in self:
                    self[name] = self[name][::2]
                self.stride *= 2
                self.next_due = self["step"][-1] + self.stride
                if step != self.next_due:
                    return
            for name, value in zip(self, (float(step),) + values):
                self[name].append(value)
            self.next_due = step + self.stride
    """#
}
