import DescentEngine
import DescentLanguage

extension PythonPrelude {
  /// `optimizer_step`: one step of any optimizer on an array, from the
  /// engine's formulas in the engine's order (`Optimizer`), so an exported
  /// run matches Descent's to the last bit.
  static let optimizerStep = #"""
    def optimizer_step(optimizer, alpha, x, g, state, t):
        """Step `t` of an optimizer on the array x along the gradient g: the new x and state.
        The same formulas, in the same order, as Descent's engine (eps outside the square root).
        For Nesterov, g is the gradient at the look-ahead point x + momentum * velocity."""
        kind = optimizer[0]
        if kind == "sgd":
            return x - alpha * g, state
        if kind in ("momentum", "nesterov"):
            velocity = optimizer[1] * state[0] - alpha * g
            return x + velocity, (velocity, state[1])
        if kind == "adagrad":
            squares_sum = state[0] + g * g
            return x - alpha * g / (np.sqrt(squares_sum) + \#(PythonFloat.repr(Optimizer.epsilon))), (squares_sum, state[1])
        if kind == "rmsprop":
            mean_square = optimizer[1] * state[0] + (1 - optimizer[1]) * (g * g)
            return x - alpha * g / (np.sqrt(mean_square) + \#(PythonFloat.repr(Optimizer.epsilon))), (mean_square, state[1])
        beta1, beta2 = optimizer[1], optimizer[2]
        m = beta1 * state[0] + (1 - beta1) * g
        v = beta2 * state[1] + (1 - beta2) * (g * g)
        m_hat = m / (1 - beta1 ** t)
        v_hat = v / (1 - beta2 ** t)
        return x - alpha * m_hat / (np.sqrt(v_hat) + \#(PythonFloat.repr(Optimizer.epsilon))), (m, v)
    """#

  /// `compare`: `race` runs one optimizer as Descent's training loop does
  /// (the engine's divergence rule and stop words), `compare_table` prints
  /// where each ended as Descent does, `draw_compare` draws the paths.
  static let compare = #"""
    def race(f, gradient, start, alpha, steps, optimizer):
        """One optimizer of `compare`: `steps` steps of descent on f from `start`, stopped
        as Descent stops a run that diverges. Returns the points visited (the start first,
        the end last), f at each, the steps taken and how the run ended."""
        x = np.atleast_1d(np.array(start, dtype=float))
        state = (np.zeros_like(x), np.zeros_like(x))
        path, values = [], []
        previous_error, growing_steps, growth_start = math.inf, 0, 0.0
        stopped = "ran every step"
        for step in range(1, steps + 1):
            value = float(f(*x.tolist()))
            g = np.array(gradient(*x.tolist()), dtype=float)
            if optimizer[0] == "nesterov":  # the slope one velocity step further on
                g = np.array(gradient(*(x + optimizer[1] * state[0]).tolist()), dtype=float)
            new_x, new_state = optimizer_step(optimizer, alpha, x, g, state, step)
            diverged = not value <= \#(PythonFloat.repr(DivergenceRule.standard.errorLimit)) or not np.all(np.isfinite(new_x))
            if not diverged and value > previous_error:
                if growing_steps == 0:
                    growth_start = previous_error
                growing_steps += 1
                diverged = growing_steps >= \#(DivergenceRule.standard.growthSteps) and value >= growth_start * \#(PythonFloat.repr(DivergenceRule.standard.growthFactor))
            elif not diverged:
                growing_steps = 0
            if diverged:  # the step is not taken: the run ends where it was
                stopped = f"diverged at step {step}"
                break
            previous_error = value
            path.append(x)
            values.append(value)
            x, state = new_x, new_state
        path.append(x)
        values.append(float(f(*x.tolist())))
        return path, values, len(path) - 1, stopped


    def compare_table(names, races):
        """Where each optimizer ended, as Descent's `compare` prints it: names and the
        last column read from the left, numbers line up on the right."""
        rows = [["optimizer", *names, "value", "steps", "stopped"]]
        for name, path, values, steps, stopped in races:
            rows.append([name, *(_show(float(v)) for v in path[-1]), _show(values[-1]), str(steps), stopped])
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        for row in rows:
            cells = [cell.ljust(width) if i in (0, len(row) - 1) else cell.rjust(width)
                     for i, (cell, width) in enumerate(zip(row, widths))]
            print("  ".join(cells).rstrip())


    def draw_compare(f, names, races, function_name, file):
        """Every optimizer's path on f's contour map (two numbers) or on its curve (one);
        for more numbers, the value each reached step by step."""
        plt.figure()
        if len(names) > 2:
            for name, _, values, _, _ in races:
                plt.plot(range(1, len(values) + 1), values, label=name)
            if all(value > 0 for _, _, values, _, _ in races for value in values):
                plt.yscale("log")
            plt.xlabel("step")
            plt.ylabel(function_name)
        else:
            points = np.array([p for _, path, _, _, _ in races for p in path])
            low, high = points.min(axis=0), points.max(axis=0)
            pad = np.maximum((high - low) * 0.1, 0.5)
            if len(names) == 2:
                xs = np.linspace(low[0] - pad[0], high[0] + pad[0], 100)
                ys = np.linspace(low[1] - pad[1], high[1] + pad[1], 100)
                plt.contour(xs, ys, [[float(f(float(x), float(y))) for x in xs] for y in ys], levels=12, cmap="Greys")
                for name, path, _, _, _ in races:
                    plt.plot([p[0] for p in path], [p[1] for p in path], marker=".", label=name)
                plt.ylabel(names[1])
            else:
                xs = np.linspace(low[0] - pad[0], high[0] + pad[0], 200)
                plt.plot(xs, [float(f(float(x))) for x in xs], color="grey", label=function_name)
                for name, path, values, _, _ in races:
                    plt.plot([p[0] for p in path], values, marker=".", label=name)
                plt.ylabel(f"{function_name}({names[0]})")
            plt.xlabel(names[0])
        plt.title(", ".join(race[0] for race in races) + " on " + function_name)
        plt.legend()
        plt.savefig(file)
        plt.close()
    """#
}
