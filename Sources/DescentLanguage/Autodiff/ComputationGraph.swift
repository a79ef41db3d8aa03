import DescentEngine
import DescentPlot

/// The computation graph of the last `derivative` or `gradient`, as
/// micrograd's `draw_dot` draws it: one box per value with its data and
/// gradient, an operation between a value and its inputs. Written as
/// Graphviz's DOT (for the SVG) and as an indented tree (for a terminal).
struct ComputationGraph {
  /// A value on the graph: a tape node.
  struct Node {
    let index: Int
    /// The operation that made it ("*", "exp"), or an argument's name.
    let operation: String
    let isArgument: Bool
    let data: String
    let gradient: String
    /// The inputs, in order: another node, or a constant's text.
    let inputs: [Input]
  }

  enum Input {
    case node(Int)
    case constant(String)
  }

  /// The nodes drawn, by tape index; the output first.
  private(set) var nodes: [Int: Node] = [:]
  /// Drawing order: nearest the output first.
  private(set) var order: [Int] = []
  /// The nodes that feed the output but were left out (past `limit`).
  private(set) var omitted = 0
  let output: Int

  /// The graph of `tape`'s output, at most `limit` values (those nearest the output).
  init(tape: Tape, output: Int, limit: Int) {
    self.output = output
    var queue = [output]
    var seen: Set<Int> = [output]
    var head = 0
    while head < queue.count {
      let index = queue[head]
      head += 1
      let node = tape.nodes[index]
      for input in [node.first, node.second] + Self.stacked(node) where input >= 0 && !seen.contains(input) {
        seen.insert(input)
        queue.append(input)
      }
    }
    omitted = max(0, queue.count - limit)
    for index in queue.prefix(limit) {
      let node = tape.nodes[index]
      var inputs: [Input] = []
      if case .stack(let items) = node.rule {
        inputs = items.map { $0 >= 0 ? .node($0) : .constant("·") }
      } else {
        if node.first >= 0 {
          inputs.append(.node(node.first))
        } else if let c = node.constants.0 {
          inputs.append(.constant(Self.text(c)))
        }
        if node.second >= 0 {
          inputs.append(.node(node.second))
        } else if let c = node.constants.1 {
          inputs.append(.constant(Self.text(c)))
        }
      }
      let isArgument: Bool
      if case .leaf = node.rule { isArgument = true } else { isArgument = false }
      nodes[index] = Node(
        index: index, operation: node.operation, isArgument: isArgument, data: Self.text(node.value),
        gradient: Self.text(tape.gradient(of: index)), inputs: inputs)
      order.append(index)
    }
  }

  private static func stacked(_ node: TapeNode) -> [Int] {
    if case .stack(let items) = node.rule { return items }
    return []
  }

  /// A constant operand as the program wrote it (`2`, `0.5`).
  static func text(_ value: Value) -> String {
    guard case .tensor(let t, _) = value.withoutArray.0, t.count > 6 else { return value.withoutArray.0.repr }
    return text(TapeData.tensor(t))
  }

  /// A number as Python prints it; a vector's first elements; a small
  /// matrix row by row, a larger one by its shape and first elements.
  static func text(_ data: TapeData) -> String {
    switch data {
    case .scalar(let x): return PythonFloat.repr(x)
    case .tensor(let t) where t.rank == 2 && t.count <= 6:
      let columns = t.shape[1]
      let rows = (0..<t.shape[0]).map { r in
        "[" + t.scalars[r * columns..<(r + 1) * columns].map(PythonFloat.repr).joined(separator: ", ") + "]"
      }
      return "[" + rows.joined(separator: ", ") + "]"
    case .tensor(let t):
      let shown = t.scalars.prefix(6).map(PythonFloat.repr).joined(separator: ", ")
      let size = t.rank == 2 ? "\(t.shape[0])×\(t.shape[1])" : "\(t.count)"
      return "[" + shown + (t.count > 6 || t.rank == 2 ? ", … (\(size))" : "") + "]"
    }
  }

  // MARK: - Tree (the terminal)

  /// The graph as an indented tree from the output down to the arguments;
  /// a value used twice is drawn once and named where it comes back.
  func tree() -> String {
    var lines: [String] = []
    var drawn: Set<Int> = []
    func label(_ node: Node) -> String {
      node.isArgument
        ? "\(node.operation) = \(node.data)   grad \(node.gradient)"
        : "\(node.operation)   data \(node.data)   grad \(node.gradient)"
    }
    func walk(_ input: Input, prefix: String, isLast: Bool, isRoot: Bool) {
      let branch = isRoot ? "" : (isLast ? "└─ " : "├─ ")
      let childPrefix = isRoot ? "" : prefix + (isLast ? "   " : "│  ")
      switch input {
      case .constant(let text):
        lines.append(prefix + branch + text)
      case .node(let index):
        guard let node = nodes[index] else {
          lines.append(prefix + branch + "…")
          return
        }
        if drawn.contains(index) && !node.isArgument {
          lines.append(prefix + branch + "\(node.operation)   data \(node.data)   (drawn above)")
          return
        }
        drawn.insert(index)
        lines.append(prefix + branch + label(node))
        for (i, child) in node.inputs.enumerated() {
          walk(child, prefix: childPrefix, isLast: i == node.inputs.count - 1, isRoot: false)
        }
      }
    }
    walk(.node(output), prefix: "", isLast: true, isRoot: true)
    if omitted > 0 { lines.append("(\(omitted) more values not shown)") }
    return lines.joined(separator: "\n")
  }

  // MARK: - DOT (Graphviz)

  /// The graph in Graphviz's DOT language, left to right as micrograd draws it.
  ///
  /// An argument used more than `sharedUses` times is drawn again at each
  /// use: one box fanning out to hundreds of operations (a loop over `x`)
  /// makes Graphviz's crossing minimisation take minutes.
  func dot(sharedUses: Int = 4) -> String {
    var out = "digraph computation {\n  rankdir=LR; mclimit=0.5;\n  node [fontname=\"Helvetica\", fontsize=11];\n"
    var uses: [Int: Int] = [:]
    for node in nodes.values {
      for case .node(let child) in node.inputs { uses[child, default: 0] += 1 }
    }
    var constantCount = 0
    for index in order {
      guard let node = nodes[index] else { continue }
      if node.isArgument && uses[index, default: 0] > sharedUses { continue }
      let title = node.isArgument ? Self.escaped(node.operation) + " | " : ""
      out += "  v\(index) [shape=record, label=\"{ \(title)data \(Self.escaped(node.data)) | grad \(Self.escaped(node.gradient)) }\""
      out += index == output ? ", style=bold];\n" : "];\n"
      guard !node.isArgument else { continue }
      out += "  op\(index) [shape=circle, label=\"\(Self.escaped(node.operation))\"];\n"
      out += "  op\(index) -> v\(index);\n"
      for input in node.inputs {
        switch input {
        case .node(let child):
          if let input = nodes[child], input.isArgument, uses[child, default: 0] > sharedUses {
            constantCount += 1
            out += "  c\(constantCount) [shape=record, label=\"{ \(Self.escaped(input.operation)) | data \(Self.escaped(input.data)) | grad \(Self.escaped(input.gradient)) }\"];\n"
            out += "  c\(constantCount) -> op\(index);\n"
          } else if nodes[child] != nil {
            out += "  v\(child) -> op\(index);\n"
          } else {
            constantCount += 1
            out += "  c\(constantCount) [shape=plaintext, label=\"…\"];\n  c\(constantCount) -> op\(index);\n"
          }
        case .constant(let text):
          constantCount += 1
          out += "  c\(constantCount) [shape=box, style=dashed, label=\"\(Self.escaped(text))\"];\n"
          out += "  c\(constantCount) -> op\(index);\n"
        }
      }
    }
    if omitted > 0 { out += "  label=\"\(omitted) more values not shown\";\n" }
    return out + "}\n"
  }

  /// Text for a DOT record label: its special characters escaped.
  static func escaped(_ text: String) -> String {
    var out = ""
    for c in text {
      if "{}|<>\"\\".contains(c) { out.append("\\") }
      out.append(c)
    }
    return out
  }
}

extension Session {
  /// The most values `show graph` draws (those nearest the output).
  static let graphNodeLimit = 200

  /// `show graph`: the last derivative's computation graph, as SVG laid out
  /// by Graphviz (its text form, a tree, at a terminal); without Graphviz,
  /// a one-line message and the tree.
  func showGraph(at range: SourceRange) throws {
    guard let tape = derivatives.lastTape, let top = tape.output else {
      throw Diagnostic(
        "there is no graph to show yet: show graph draws the last derivative or gradient", at: range,
        notes: ["def f(x): return (x - 3) ** 2, then derivative(f, 1), then show graph"])
    }
    let graph = ComputationGraph(tape: tape, output: top, limit: Session.graphNodeLimit)
    let tree = graph.tree()
    do {
      let svg = try Graphviz.svg(fromDot: graph.dot(), program: graphvizProgram)
      output.show(Chart(title: "computation graph", drawing: Drawing(svg: svg, text: tree)))
    } catch let failure as Graphviz.Failure {
      try emit(failure.message + "; the graph as a tree:\n" + tree + "\n")
    }
  }
}
