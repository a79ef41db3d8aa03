import Testing

@testable import DescentLanguage

/// The lexer's keyword switch and the completion's keyword table agree.
@Suite struct KeywordTests {
  @Test func theSwitchAndTheTableHoldTheSameWords() {
    for (word, kind) in Token.reserved { #expect(Token.keyword(word) == kind, "\(word)") }
    for word in ["name", "True", "printx", "", "(", "train"] { #expect(Token.keyword(word) == nil, "\(word)") }
  }
}
