/// The prelude's helpers for derivatives of functions of vectors and
/// matrices (`PythonDerivativeWriter.arrayGradientFunction`) and for
/// `train ... on f` of them: the gradient from a forward-mode tangent
/// function, the slopes the formulas call (`ArraySlopeHelper`), and the
/// engine's flat parameter vector with Descent's names for its numbers.
extension PythonPrelude {
  static let slopes = #"""
    def gradient_by_tangents(tangent, *point):
        """The gradient from a forward-mode tangent function: its slope along each number of the
        point in turn (that number at speed 1, every other still). A function of one array gets an
        array of its shape; a function of numbers a vector of their slopes."""
        still = [zero_slope(value) for value in point]
        slopes = []
        for i, value in enumerate(point):
            slope = np.zeros(np.shape(value))
            for k in np.ndindex(np.shape(value)):
                speed = np.zeros(np.shape(value))
                speed[k] = 1.0
                speeds = still[:i] + [speed if np.ndim(value) else 1.0] + still[i + 1:]
                slope[k] = tangent(*point, *speeds)
            slopes.append(slope)
        if len(point) == 1 and np.ndim(point[0]) > 0:
            return slopes[0]
        return np.concatenate([np.ravel(slope) for slope in slopes])


    def slopes_by_argument(slopes, *point):
        """gradient(f, v, x) as Descent gives it: with an array among the points, one slope per
        argument shaped as that argument, in a list; with numbers only, the vector itself."""
        if all(np.ndim(value) == 0 for value in point):
            return slopes
        pieces, start = [], 0
        for value in point:
            size = int(np.size(value))
            piece = np.asarray(slopes[start:start + size]).reshape(np.shape(value))
            pieces.append(piece if np.ndim(value) else float(piece))
            start += size
        return pieces


    def zero_slope(x):
        """The slope of what does not move: zeros shaped like x (0.0 for a number)."""
        return np.zeros(np.shape(x)) if np.ndim(x) else 0.0


    def slope_at_max(u, du):
        """The slope of max(u): du's element where u is largest (the first, as Descent picks)."""
        return np.ravel(np.broadcast_to(du, np.shape(u)))[np.argmax(u)]


    def slope_at_min(u, du):
        """The slope of min(u): du's element where u is smallest (the first, as Descent picks)."""
        return np.ravel(np.broadcast_to(du, np.shape(u)))[np.argmin(u)]


    def abs_slope(u):
        """The slope of abs: the sign of each element, 0 at 0 (PyTorch's convention)."""
        return np.sign(u)


    def own_array(x, shape=None):
        """A float array of its own (shaped `shape`) to change element by element: Descent's values are never shared."""
        return np.array(np.broadcast_to(x, np.shape(x) if shape is None else shape), dtype=float)


    def flat_point(*values):
        """The numbers of these values (numbers, vectors, matrices) in one flat vector, in order."""
        return np.concatenate([np.ravel(np.asarray(value, dtype=float)) for value in values])


    def unflat_point(flat, *like):
        """The values flat_point flattened, shaped like `like` again (a number as a float)."""
        values, at = [], 0
        for value in like:
            part = flat[at:at + np.size(value)]
            values.append(part.reshape(np.shape(value)).copy() if np.ndim(value) else float(part[0]))
            at += np.size(value)
        return values


    def flat_names(names, values):
        """Descent's name for each number of these values: v[0], w[0][1], a number by its own name."""
        return [name + "".join(f"[{i}]" for i in k) for name, value in zip(names, values)
                for k in np.ndindex(np.shape(value))]
    """#
}
