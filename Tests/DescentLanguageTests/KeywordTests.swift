import Testing

@testable import DescentLanguage

/// The lexer's keyword switch and the completion's keyword table agree.
@Suite struct KeywordTests {
  @Test func theSwitchAndTheTableHoldTheSameWords() {
    for (word, kind) in Token.reserved { #expect(Token.keyword(word) == kind, "\(word)") }
    for word in ["name", "True", "printx", "", "(", "train"] { #expect(Token.keyword(word) == nil, "\(word)") }
  }

  @Test func theDomainWordSwitchAndSetAgree() {
    for word in Parser.domainWords { #expect(Parser.isDomainWord(word), "\(word)") }
    for word in ["x", "Train", "trains", "", "print"] { #expect(!Parser.isDomainWord(word), "\(word)") }
  }
}
