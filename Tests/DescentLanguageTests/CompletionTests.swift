import DescentLanguage
import Testing

/// Tab completion at the prompt: which words a partial word can become.
@Suite struct CompletionTests {
  /// A session with a few variables and a function, as after some typing.
  static func session() -> Session {
    let session = Session(output: BufferSink())
    session.run(
      Source(
        name: "<test>", text: "weight = 0.5\nweights = [1, 2]\nwobble = 3\ndef square(x) = x * x"))
    return session
  }

  @Test func domainWordCompletesWithASpace() {
    let answer = Completion.complete("tr", in: nil)
    #expect(answer.prefix == "tr")
    #expect(answer.matches == ["train", "transpose", "true"])
    #expect(answer.insertion == "")
    #expect(Completion.complete("tra", in: nil).matches == ["train", "transpose"])
    #expect(Completion.complete("trai", in: nil).insertion == "n ")
  }

  @Test func builtinCompletesWithAParenthesis() {
    #expect(Completion.complete("x = sigm", in: nil).insertion == "oid")  // sigmoid, sigmoid_prime
    #expect(Completion.complete("x = sigmoid_p", in: nil).insertion == "rime(")
    #expect(Completion.complete("print sqr", in: nil).insertion == "t(")
  }

  @Test func sessionVariablesAreOffered() {
    let session = CompletionTests.session()
    #expect(Completion.complete("wei", in: session).matches == ["weight", "weights"])
    #expect(Completion.complete("wei", in: session).insertion == "ght")
    #expect(Completion.complete("print wob", in: session).insertion == "ble")
    #expect(Completion.complete("squ", in: session).insertion == "are(")
    #expect(Completion.complete("wei", in: nil).matches.isEmpty)
  }

  @Test func aModulesMembersAreOfferedAfterItsDot() {
    let session = Session(output: BufferSink())
    session.run(Source(name: "<test>", text: "import math\nimport numpy as np\nv = [1, 2]\n"))
    #expect(Completion.complete("x = math.s", in: session).matches == ["sin", "sqrt"])
    #expect(Completion.complete("x = math.si", in: session).insertion == "n")
    #expect(Completion.complete("np.ra", in: session).matches == ["random"])
    #expect(Completion.complete("np.random.se", in: session).matches == ["seed"])
    // Not a module: nothing (a vector's methods are not names to complete here).
    #expect(Completion.complete("v.s", in: session).matches.isEmpty)
    #expect(Completion.complete("print(\"math.s", in: session).matches.isEmpty)
  }

  @Test func variablesForgottenByResetAreNotOffered() {
    let session = CompletionTests.session()
    session.reset()
    #expect(Completion.complete("wob", in: session).matches.isEmpty)
  }

  @Test func keywordsAreOffered() {
    #expect(Completion.complete("repe", in: nil).insertion == "at ")
    #expect(Completion.complete("x = fa", in: nil).matches == ["false"])
    #expect(Completion.complete("x = fa", in: nil).insertion == "lse")
  }

  @Test func optionsOfTheStatementOnTheLine() {
    #expect(Completion.complete("train 20 al", in: nil).matches == ["alpha"])
    #expect(Completion.complete("train 20 alpha 0.1 verb", in: nil).matches == ["verbose"])
    #expect(Completion.complete("show hi", in: nil).matches == ["history"])
    #expect(Completion.complete("x = verb", in: nil).matches.isEmpty)
  }

  /// Where only an option can come next, Tab offers the options alone, not
  /// every name there is.
  @Test func onlyTheOptionsWhereNothingElseCanFollow() {
    let session = CompletionTests.session()
    #expect(Completion.complete("show ", in: session).matches == ["derivative", "graph", "history", "weights"])
    #expect(Completion.complete("live ", in: session).matches == ["off", "on"])
    #expect(Completion.complete("check ", in: session).matches == ["gradient"])
    #expect(Completion.complete("check ", in: session).insertion == "gradient")
    let trainOptions = [
      "adagrad", "adam", "alpha", "beta1", "beta2", "decay", "epochs", "hotcold", "max", "momentum", "nesterov", "on",
      "quiet", "rmsprop", "sgd", "step", "until", "verbose",
    ]
    #expect(Completion.complete("train 20 ", in: session).matches == trainOptions)
    #expect(Completion.complete("train 20 epochs ", in: session).matches == trainOptions)
    #expect(Completion.complete("train 20 alpha 0.1 ad", in: session).matches == ["adagrad", "adam"])
    #expect(Completion.complete("plot error ", in: session).matches == ["log", "over", "to", "vs"])
    // Where an expression may come, the session's names are offered too.
    #expect(Completion.complete("train 20 alpha ", in: session).matches.contains("weight"))
    #expect(Completion.complete("plot ", in: session).matches.contains("weights"))
  }

  /// `show derivative of EXPR wrt NAME`: each word where it goes, the
  /// session's names in the expression and after `wrt`.
  @Test func showDerivativeCompletesWordByWord() {
    let session = CompletionTests.session()
    #expect(Completion.complete("show der", in: session).insertion == "ivative ")
    #expect(Completion.complete("show derivative ", in: session).matches == ["of"])
    #expect(Completion.complete("show derivative of we", in: session).matches.contains("weight"))
    #expect(Completion.complete("show derivative of weight ** 2 wr", in: session).matches == ["wrt"])
    #expect(Completion.complete("show derivative of weight ** 2 wrt we", in: session).matches.contains("weight"))
  }

  @Test func nothingInsideStringsCommentsMembersOrNumbers() {
    let session = CompletionTests.session()
    #expect(Completion.complete("print \"wei", in: session).matches.isEmpty)
    #expect(Completion.complete("x = 1 # wei", in: session).matches.isEmpty)
    #expect(Completion.complete("net.wei", in: session).matches.isEmpty)
    #expect(Completion.complete("x = 1e", in: session).matches.isEmpty)
    #expect(Completion.complete("print \"a\" + wei", in: session).matches == ["weight", "weights"])
  }

  @Test func fileNamesAreCompletedInStrings() {
    #expect(Completion.endsInsideString("data = load \"adm"))
    #expect(Completion.endsInsideString("print 'it\\'s"))
    #expect(!Completion.endsInsideString("print \"done\" + x"))
    #expect(!Completion.endsInsideString("x = 1 # \"quoted"))
  }

  @Test func emptyPrefixOffersEverything() {
    let all = Completion.complete("x = ", in: CompletionTests.session()).matches
    #expect(
      all.contains("weight") && all.contains("train") && all.contains("sigmoid")
        && all.contains("repeat"))
    #expect(all == all.sorted())
    #expect(Set(all).count == all.count)
  }

  @Test func wordBeingTypedAndCommonPrefix() {
    #expect(Completion.wordBeingTyped(in: "x = (weight_de") == "weight_de")
    #expect(Completion.wordBeingTyped(in: "x = ") == "")
    #expect(Completion.commonPrefix(["weight", "weights", "weight_delta"]) == "weight")
    #expect(Completion.commonPrefix([]) == "")
  }

  @Test func builtinSummariesForHelp() {
    #expect(Completion.builtinNames.contains("sigmoid"))
    #expect(Completion.summary(ofBuiltin: "round")?.hasPrefix("round(x, n)") == true)
    #expect(Completion.summary(ofBuiltin: "nope") == nil)
  }
}
