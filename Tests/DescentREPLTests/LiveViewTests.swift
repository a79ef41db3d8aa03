import DescentEngine
import DescentLive
import Testing

@testable import descent

/// The live view's small pieces that need no terminal.
@Suite struct LiveViewTests {
  @Test func coloursTakeNoCells() {
    #expect(LiveView.visibleWidth("step 1/2") == 8)
    #expect(LiveView.visibleWidth("\u{1B}[34m⠧⠤⠤\u{1B}[0m │") == 5)
  }
}
