import DescentEngine
import DescentLanguage

/// The prelude's networks: Descent's generator, the weights it draws, the
/// forward and backward pass, and products summed in Descent's order.
extension PythonPrelude {
  static let seededRandom = #"""
    class SeededRandom:
        """Descent's random generator (xoshiro256**, seeded by SplitMix64), so the same seed gives the same numbers."""

        MASK = (1 << 64) - 1

        def __init__(self, seed):
            state = seed & self.MASK
            self.state = []
            for _ in range(4):
                state = (state + 0x9E3779B97F4A7C15) & self.MASK
                z = state
                z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & self.MASK
                z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & self.MASK
                self.state.append(z ^ (z >> 31))

        def _rotate(self, x, k):
            return ((x << k) | (x >> (64 - k))) & self.MASK

        def next(self):
            s0, s1, s2, s3 = self.state
            result = (self._rotate((s1 * 5) & self.MASK, 7) * 9) & self.MASK
            t = (s1 << 17) & self.MASK
            s2 ^= s0
            s3 ^= s1
            s1 ^= s2
            s0 ^= s3
            s2 ^= t
            s3 = self._rotate(s3, 45)
            self.state = [s0, s1, s2, s3]
            return result

        def uniform(self):
            return (self.next() >> 11) * 2.0**-53

        def normal(self):
            u1 = 1 - self.uniform()
            u2 = self.uniform()
            return math.sqrt(-2 * math.log(u1)) * math.cos(2 * math.pi * u2)


    _random = SeededRandom(0)  # the session's generator: random(), and networks made without a seed
    """#

  static let network = #"""
    ACTIVATIONS = {
        # name: the function, and its slope written with the unit's output y (None: the sigmoid's y * (1 - y))
        "sigmoid": (sigmoid, None),
        "tanh": (tanh, lambda y: 1 - y * y),
        "relu": (lambda x: np.where(x > 0, x, 0.0), lambda y: np.where(y > 0, 1.0, 0.0)),
        "identity": (lambda x: x, lambda y: np.ones_like(y)),
    }


    def make_network(sizes, seed, biases=True, activation="sigmoid"):
        """Descent's `network`: weights drawn from a normal distribution scaled by
        1/sqrt(inputs), with Descent's generator; biases start at 0."""
        generator = SeededRandom(seed)
        weights = []
        for inputs_count, units in zip(sizes, sizes[1:]):
            scale = inputs_count**-0.5
            draws = [generator.normal() * scale for _ in range(inputs_count * units)]
            weights.append(np.array(draws).reshape(inputs_count, units))
        return SimpleNamespace(weights=weights, biases=[np.zeros(units) if biases else None for units in sizes[1:]],
                               activation=activation)


    def network_outputs(net, X):
        """The forward pass: each layer's output, the inputs first."""
        function = ACTIVATIONS[net.activation][0]
        outputs = [X]
        for W, b in zip(net.weights, net.biases):
            h = dot(outputs[-1], W)
            outputs.append(function(h if b is None else h + b))
        return outputs


    def forward(net, x):
        """The network's output for one input (Descent's predict): one number for one output."""
        a = network_outputs(net, np.asarray(x, dtype=float))[-1]
        return a[0] if a.size == 1 else a


    def error_terms(net, outputs, Y):
        """The backward pass: each layer's error term, from the output layer back."""
        slope = ACTIVATIONS[net.activation][1]

        def term(error, y):
            return error * y * (1 - y) if slope is None else error * slope(y)

        terms = [term(outputs[-1] - Y, outputs[-1])]
        for W, out in zip(net.weights[:0:-1], outputs[-2:0:-1]):
            terms.insert(0, term(dot(terms[0], W.T), out))
        return terms


    def network_loss(net, X, Y):
        """Mean over rows of 0.5 * sum((pred - goal) ** 2)."""
        output_error = network_outputs(net, X)[-1] - Y
        return np.sum(output_error * output_error) / output_error.size * Y.shape[1] / 2


    def network_gradients(net, X, Y):
        """Backpropagation's gradient of network_loss, per layer."""
        outputs = network_outputs(net, X)
        terms = error_terms(net, outputs, Y)
        return {
            "weights": [dot(a.T, d) / len(X) for a, d in zip(outputs, terms)],
            "biases": [None if b is None else d.sum(axis=0) / len(X) for b, d in zip(net.biases, terms)],
        }
    """#

  static let networkCheck = #"""
    def check_network_gradient(net, inputs, goals):
        """Descent's `check gradient` on a network: backpropagation against central differences."""
        X = np.atleast_2d(np.asarray(inputs, dtype=float))
        Y = np.asarray(goals, dtype=float).reshape(len(X), -1)
        analytic = network_gradients(net, X, Y)
        rows = [["parameter", "analytic", "numeric", "relative difference"]]
        worst, agree = 0.0, True
        for layer in range(len(net.weights)):
            for kind, values in (("weights", net.weights[layer]), ("biases", net.biases[layer])):
                if values is None:
                    continue
                for position in np.ndindex(values.shape):
                    x = values[position]
                    h = 1e-6 * max(1, abs(x))
                    values[position] = x + h
                    loss_plus = network_loss(net, X, Y)
                    values[position] = x - h
                    loss_minus = network_loss(net, X, Y)
                    values[position] = x
                    numeric = (loss_plus - loss_minus) / ((x + h) - (x - h))
                    exact = analytic[kind][layer][position]
                    scale = max(abs(exact), abs(numeric))
                    relative = 0.0 if scale == 0 else abs(exact - numeric) / scale
                    worst = max(worst, relative)
                    agree = agree and (relative <= 1e-6 or abs(exact - numeric) <= 1e-9)
                    name = kind + "".join(f"[{i}]" for i in (layer, *position))
                    rows.append([name, _str_digits(exact, 10), _str_digits(numeric, 10), _str_digits(relative, 2)])
        print("loss: mean over rows of 0.5 * sum((pred - goal) ** 2)")
        print_aligned(rows)
        print(f"all {len(rows) - 1} agree: backpropagation is right" if agree else "largest relative difference " + _str_digits(worst, 2))
    """#

  /// `train_epochs`, with the engine's divergence limits and stop messages.
  static let networkTraining = trainEpochs(
    limit: PythonFloat.repr(DivergenceRule.standard.errorLimit), growthSteps: DivergenceRule.standard.growthSteps,
    growthFactor: PythonFloat.repr(DivergenceRule.standard.growthFactor))

  private static func trainEpochs(limit: String, growthSteps: Int, growthFactor: String) -> String {
    #"""
    def train_epochs(net, inputs, goals, epochs, alpha, momentum=None, verbose=False, until=None, inclusive=False,
                     optimizer=None):
        """Descent's `train N epochs`: full-batch gradient descent with backpropagation
        (the Udacity course's forward and backward pass, every layer at once);
        with `until`, at most `epochs` epochs until the error is below it; with
        `optimizer` (as `("adam", beta1, beta2)`), its update instead of plain descent.
        Returns the history: the error of every epoch."""
        X = np.atleast_2d(np.asarray(inputs, dtype=float))
        Y = np.asarray(goals, dtype=float).reshape(len(X), -1)
        weight_velocities = [np.zeros_like(W) for W in net.weights]
        bias_velocities = [None if b is None else np.zeros_like(b) for b in net.biases]
        optimizer_state = [(np.zeros_like(p), np.zeros_like(p)) for p in _parameters(net)]
        history = History(["step", "error"])
        previous_error, growing_steps, growth_start = math.inf, 0, 0.0
        for epoch in range(epochs):
            outputs = network_outputs(net, X)
            output_error = outputs[-1] - Y
            error = np.sum(output_error * output_error) / output_error.size
            terms = error_terms(net, outputs, Y)
            # The step, averaged over the rows (with momentum: a velocity per weight)
            if optimizer is not None:
                # Nesterov takes the gradient at the look-ahead weights w + M v
                at = net
                if optimizer[0] == "nesterov":
                    at = _with_parameters(net, [p + optimizer[1] * s[0] for p, s in zip(_parameters(net), optimizer_state)])
                at_outputs = outputs if at is net else network_outputs(at, X)
                at_terms = terms if at is net else error_terms(at, at_outputs, Y)
                gradients = [dot(a.T, d) / len(X) for a, d in zip(at_outputs, at_terms)]
                gradients += [d.sum(axis=0) / len(X) for b, d in zip(net.biases, at_terms) if b is not None]
                steps = [optimizer_step(optimizer, alpha, p, g, s, epoch + 1)
                         for p, g, s in zip(_parameters(net), gradients, optimizer_state)]
                stepped = _with_parameters(net, [x for x, _ in steps])
                new_weights, new_biases = stepped.weights, stepped.biases
                new_optimizer_state = [s for _, s in steps]
            elif momentum is None:
                new_weights = [W - alpha * dot(a.T, d) / len(X) for W, a, d in zip(net.weights, outputs, terms)]
                new_biases = [None if b is None else b - alpha * (d.sum(axis=0) / len(X))
                              for b, d in zip(net.biases, terms)]
            else:
                weight_velocities = [momentum * v - alpha * (dot(a.T, d) / len(X))
                                     for v, a, d in zip(weight_velocities, outputs, terms)]
                bias_velocities = [None if v is None else momentum * v - alpha * (d.sum(axis=0) / len(X))
                                   for v, d in zip(bias_velocities, terms)]
                new_weights = [W + v for W, v in zip(net.weights, weight_velocities)]
                new_biases = [None if b is None else b + v for b, v in zip(net.biases, bias_velocities)]
            # Descent stops a run whose error passes its limit, turns infinite, or grows for too long
            finite = all(np.all(np.isfinite(W)) for W in new_weights + [b for b in new_biases if b is not None])
            if error > previous_error:
                growth_start = previous_error if growing_steps == 0 else growth_start
                growing_steps += 1
            else:
                growing_steps = 0
            previous_error = error
            if not error <= \#(limit) or not finite or (growing_steps >= \#(growthSteps) and error >= growth_start * \#(growthFactor)):
                \#(PythonExporter.printF(StopMessage.diverged(step: "{epoch + 1}", error: "{_show(error)}")))
                break
            net.weights, net.biases = new_weights, new_biases
            if optimizer is not None:
                optimizer_state = new_optimizer_state
            history.record(epoch + 1, error)
            if verbose:
                print(f"Epoch:{epoch + 1} Loss:{_show(error)}")
            if until is not None and (error <= until if inclusive else error < until or until == 0 and error == 0):
                \#(PythonExporter.printF(StopMessage.reachedTarget(error: "{_show(error)}", step: "{epoch + 1}")))
                break
        else:
            if until is not None and history.last:
                \#(PythonExporter.printF(StopMessage.maxStepsSpent(max: "{epochs}", error: "{_show(error)}")))
        return history


    def _parameters(net):
        """A network's weights, then its biases (the layers that have them)."""
        return net.weights + [b for b in net.biases if b is not None]


    def _with_parameters(net, flat):
        """The network with the parameters `flat`, laid out as `_parameters` lists them."""
        rest = iter(flat[len(net.weights):])
        return SimpleNamespace(**{**vars(net), "weights": list(flat[:len(net.weights)]),
                                  "biases": [None if b is None else next(rest) for b in net.biases]})

    """#
  }

  static let dot = #"""
    def dot(a, b):
        """np.dot(a, b) (and a @ b), each entry summed term by term in order, as Descent sums it.

        numpy hands products to BLAS, whose fused multiply-adds round the last
        digit differently; the lessons compare such results exactly.
        """
        a, b = np.asarray(a), np.asarray(b)
        a2 = a.reshape(1, -1) if a.ndim == 1 else a
        b2 = b.reshape(-1, 1) if b.ndim == 1 else b
        if a2.shape[1] != b2.shape[0]:
            raise ValueError(f"shapes {a.shape} and {b.shape} do not fit for a product")
        total = np.zeros((a2.shape[0], b2.shape[1]), dtype=np.result_type(a, b))
        for p in range(a2.shape[1]):
            total = total + a2[:, p : p + 1] * b2[p : p + 1, :]
        if a.ndim == 1 and b.ndim == 1:
            return total[0, 0]
        return total[0] if a.ndim == 1 else total[:, 0] if b.ndim == 1 else total
    """#
}
