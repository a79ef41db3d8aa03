/// The top of an exported script: imports, and the few functions the
/// printed text needs to come out exactly as Descent prints it. Only what
/// the code uses is written.
enum PythonPrelude {
  static func text(for needs: Set<PythonNeed>) -> String {
    var needs = needs
    if needs.contains(.show) || needs.contains(.historyTable) || needs.contains(.network) { needs.insert(.numpy) }
    if needs.contains(.historyTable) { needs.insert(.show) }
    if needs.contains(.sigmoidPrime) { needs.insert(.sigmoid) }
    var imports: [String] = []
    if needs.contains(.math) { imports.append("import math") }
    if needs.contains(.budget) { imports.append("import sys") }
    if needs.contains(.numpy) { imports.append("import numpy as np") }
    var parts: [String] = []
    if !imports.isEmpty { parts.append(imports.joined(separator: "\n")) }
    if needs.contains(.matplotlib) { parts.append(matplotlib) }
    for need in needs.sorted() {
      switch need {
      case .show: parts.append(show)
      case .sigmoid: parts.append(sigmoid)
      case .sigmoidPrime: parts.append(sigmoidPrime)
      case .relu: parts.append(relu)
      case .reluPrime: parts.append(reluPrime)
      case .historyTable: parts.append(tables)
      case .budget: parts.append(budget)
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


    def _show(x):
        """A value as Descent prints it: true/false, vectors as [1.0, 2.5], floats by `_digits`."""
        if isinstance(x, (bool, np.bool_)):
            return "true" if x else "false"
        if isinstance(x, float):
            return repr(float(x)) if _digits is None else _str_digits(x, _digits)
        if isinstance(x, (list, tuple, np.ndarray)):
            return "[" + ", ".join(_repr(item) for item in x) + "]"
        return str(x)


    def _repr(x):
        """A value inside a vector: floats always in Python 3's shortest form."""
        if isinstance(x, (list, tuple, np.ndarray)):
            return "[" + ", ".join(_repr(item) for item in x) + "]"
        if isinstance(x, (bool, np.bool_)):
            return "true" if x else "false"
        if isinstance(x, str):
            return repr(str(x))
        if isinstance(x, (float, np.floating)):
            return repr(float(x))
        return str(x)
    """#

  static let sigmoid = """
    def sigmoid(x):
        return 1 / (1 + np.exp(-x))
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
        if count > 40:
            print(f"({count} steps; {count} kept; the first and last 20 shown)")


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
}
