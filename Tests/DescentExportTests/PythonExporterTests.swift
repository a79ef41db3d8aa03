import DescentEngine
import DescentLanguage
import Testing

@testable import DescentExport

/// The Python each statement kind becomes (Grammar/descent.ebnf, rule by rule).
@Suite struct PythonExporterTests {
  /// The exported body (after the prelude) of a Descent program.
  func body(_ program: String) -> String {
    let outcome = DescentExport.script(Source(name: "t.descent", text: program))
    let text = outcome.text ?? ""
    // The code starts after the last prelude block.
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard let first = lines.firstIndex(where: { $0.hasPrefix("# t.descent") }) else { return text }
    return lines[(first + 1)...].drop { $0.isEmpty || isPrelude($0) }.joined(separator: "\n")
  }

  func isPrelude(_ line: String) -> Bool { line.hasPrefix("import ") || line.hasPrefix("from ") }

  @Test func plainStatementsBecomeTheCoursesPython() {
    #expect(body("x = 1\nrepeat 20 { x += 1 }\n") == "x = 1\nfor _ in range(20):\n    x += 1\n")
    #expect(body("for i in 0..<3 { print i }\n") == "for i in range(3):\n    print(i)\n")
    #expect(body("for i in 1...3 { print i }\n") == "for i in range(1, 4):\n    print(i)\n")
    #expect(body("for w in [10, 20] { print w }\n") == "for w in [10, 20]:\n    print(w)\n")
    #expect(body("for w in [1, 2.5] { print w }\n") == "for w in [1.0, 2.5]:\n    print(w)\n")
    #expect(
      body("x = 2\nif x < 1 { print 1 } else if x < 3 { print 2 } else { print 3 }\n")
        == "x = 2\nif x < 1:\n    print(1)\nelif x < 3:\n    print(2)\nelse:\n    print(3)\n")
    // A call's kinds are its return expression's, with the arguments' kinds.
    #expect(body("def f(x) = x * x\nprint f(3)\n") == "def f(x):\n    return x * x\nprint(f(3))\n")
    #expect(body("def g(x) = [x, x]\nprint g(1)\n").contains("print(_show(g(1)))"))
    #expect(
      body("x = 0\nwhile true { x += 1; if x > 2 { break } }\n")
        == "x = 0\nwhile True:\n    x += 1\n    if x > 2:\n        break\n")
  }

  @Test func precedenceKeepsOnlyTheNeededParentheses() {
    #expect(body("y = -2 ** 2 + (1 - 3) * 4 / (2 * 1)\n") == "y = -2 ** 2 + (1 - 3) * 4 / (2 * 1)\n")
    #expect(body("y = 2 ** 3 ** 2 - (1 - 1)\n") == "y = 2 ** 3 ** 2 - (1 - 1)\n")
    #expect(body("y = not (1 < 2 and 2 < 3) or false\n") == "y = not (1 < 2 and 2 < 3) or False\n")
  }

  @Test func vectorsAreNumpyArraysAndPrintAsDescentPrintsThem() {
    let text = body("v = [1, 2]\nw = [0.5, 1]\nprint v @ w, v == w\n")
    #expect(text.contains("v = np.array([1, 2])\nw = np.array([0.5, 1.0])\n"))
    #expect(text.contains("print(_show(dot(v, w)), _show(np.array_equal(v, w)))"))
  }

  @Test func numbersAndStringsPrintWithPythonsOwnPrint() {
    #expect(body("x = 0.5\nprint \"x:\" + str(x), x * 2\n") == "x = 0.5\nprint(\"x:\" + str(x), x * 2)\n")
    // Under `digits 12` floats go through _show, which prints as Python 2 did.
    #expect(body("digits 12\nx = 0.5\nprint str(x), 1\n").contains("print(_show(x), 1)"))
  }

  @Test func trainIsTheBooksLoopWithTheBooksNames() {
    let text = body("weight = 0.5\ngoal_pred = 0.8\ninput = 0.5\ntrain 20 alpha 0.1\n")
    let loop = [
      "for iteration in range(20):", "    pred = input * weight", "    error = (pred - goal_pred) ** 2",
      "    delta = pred - goal_pred", "    weight_delta = input * delta",
    ].joined(separator: "\n")
    #expect(text.contains(loop))
    #expect(text.contains("    weight = weight - 0.1 * weight_delta\n"))
    #expect(text.contains("diverged at step {iteration + 1}"))
  }

  @Test func theLoopSaysWhatTheEngineSaysAndStopsWhereTheEngineStops() {
    let text = body("weight = 0.5\ngoal = 0.8\ninput = 0.5\ntrain until error < 1e-6 max 5000 alpha 0.1\n")
    let rule = DivergenceRule.standard
    #expect(text.contains("if not error <= \(PythonFloat.repr(rule.errorLimit)) or not "))
    #expect(text.contains("growing_steps >= \(rule.growthSteps) and error >= growth_start * \(PythonFloat.repr(rule.growthFactor))"))
    for message in [
      StopMessage.diverged(step: "{iteration + 1}", error: "{error}"),
      StopMessage.reachedTarget(error: "{error}", step: "{iteration + 1}"),
      StopMessage.settled(step: "{iteration + 1}", error: "{error}"),
      StopMessage.cycled(step: "{iteration + 2 - period}", period: "{period}"),
      StopMessage.maxStepsSpent(max: "{iteration + 1}", error: "{error}"),
    ] {
      #expect(text.contains("print(f\"" + message + "\")"))
    }
  }

  @Test func hotAndColdWithSeveralWeightsIsNotExportedAsDescentRefusesIt() {
    let program = "weights = [0.1, 0.2]\ngoal = 0.8\ninput = [0.5, 1]\ntrain 3 hotcold step 0.01\n"
    let outcome = DescentExport.script(Source(name: "t.descent", text: program))
    #expect(outcome.text?.contains("# NOT EXPORTED (line 4): hot and cold learning works on one 'weight'") == true)
    let session = Session(output: BufferSink())
    #expect(session.run(Source(name: "t.descent", text: program)).diagnostics.first?.message
      == "hot and cold learning works on one 'weight', not on 'weights'")
  }

  @Test func theLoopsOwnNamesStayClearOfTheProgramsNames() {
    let text = body("iteration = 7\nweight = 0.5\ngoal = 0.8\ninput = 0.5\ntrain 2 alpha 1\nprint iteration\n")
    #expect(text.contains("for train_step in range(2):"))
    #expect(text.hasSuffix("print(iteration)\n"))
  }

  @Test func pythonKeywordsAsNamesAreRenamed() {
    #expect(body("lambda = 1\nprint lambda\n") == "lambda_ = 1\nprint(lambda_)\n")
  }

  @Test func aSyntaxErrorWritesNothing() {
    let outcome = DescentExport.script(Source(name: "bad.descent", text: "print (1\n"))
    #expect(outcome.text == nil)
    #expect(outcome.syntaxErrors.count == 1)
    #expect(outcome.syntaxErrors.first?.0.phase == .syntax)
  }

  @Test func untranslatableStatementsAreMarkedAndReported() {
    let program =
      "x = 1\nweight = 0.5; goal = 0.8; input = 0.5\nif x > 2 { input = [1, 2] }\ntrain 3 alpha 0.1\nnet = network 1 -> 1 relu\n"
    let outcome = DescentExport.script(Source(name: "t.descent", text: program))
    #expect(outcome.isPartial)
    #expect(outcome.untranslated.first?.0.range.start.line == 4)
    #expect(outcome.text?.contains("# NOT EXPORTED (line 4): the export cannot tell which trainer") == true)
    #expect(outcome.text?.contains("activation=\"relu\"") == true)
  }

  @Test func derivativesOfFunctionsOfVectorsAreWrittenForNumpyArrays() {
    // At a vector: forward mode over arrays, the linear operations taking the slope through.
    let text = body("def f(v) = sum(v ** 2) + max(v) + v[0] * mean(v)\nprint gradient(f, [1.0, 2.0])\n")
    #expect(text.contains("def tangent_f(v, d_v):"))
    #expect(text.contains("    return np.sum(2 * v * d_v) + slope_at_max(v, d_v) + (d_v[0] * np.mean(v) + v[0] * np.mean(d_v))"))
    #expect(text.contains("def gradient_f(v):\n    \"\"\"The gradient of f: its slope along each element of v in turn.\"\"\"\n    return gradient_by_tangents(tangent_f, v)"))
    #expect(text.contains("print(_show(gradient_f(np.array([1.0, 2.0]))))"))
    // A matrix product, a call of another function of a vector, and a number that does not move.
    let calls = body("def g(u, s) = dot(u, u) * s\ndef h(W) = g(W @ [1, 2], 3)\nprint gradient(h, [[1, 0], [0, 1]])\n")
    #expect(calls.contains("return tangent_g(dot(W, np.array([1, 2])), 3, dot(d_W, np.array([1, 2])), zero_slope(3))"))
    #expect(calls.contains("def tangent_g(u, s, d_u, d_s):"))
    // At numbers the derivatives are written as they always were.
    #expect(body("def k(x) = x ** 3\nprint derivative(k, 2.0)\n").contains("def d_k_d_x(x):"))
  }

  @Test func trainOnAFunctionOfAVectorMovesItsNumbersAsOneFlatArray() {
    let text = body("def f(v) = sum((v - [1, 2]) ** 2)\nv = [0, 0]\ntrain 3 alpha 0.1 on f\nprint v\n")
    #expect(text.contains("start_values = [v]\npoint = flat_point(*start_values)\n"))
    #expect(text.contains("weight_delta = np.ravel(gradient_f(*unflat_point(point, *start_values)))"))
    #expect(text.contains("history = History([\"step\", *flat_names([\"v\"], start_values), \"error\""))
    #expect(text.contains("v = unflat_point(point, *start_values)[0]\nprint(_show(v))"))
    #expect(!text.contains("NOT EXPORTED"))
  }
}
