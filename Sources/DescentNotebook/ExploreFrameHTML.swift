import DescentLanguage
import DescentPlot

/// An `explore` frame as HTML: text in `<pre>`, charts as inline SVG, the
/// error (if the block failed at this value) in a `<pre class="error">`.
/// The rendered page and the Jupyter kernel show frames with it.
public enum ExploreFrameHTML {
  /// The frame's HTML; `error` renders a diagnostic with its source line.
  public static func html(of frame: ExploreFrame, error: (Diagnostic) -> String) -> String {
    var html = ""
    var text = ""
    func flushText() {
      if !text.isEmpty {
        html += "<pre class=\"output\"><samp>" + HTMLEscaping.escape(text.hasSuffix("\n") ? String(text.dropLast()) : text) + "</samp></pre>\n"
      }
      text = ""
    }
    for item in frame.items {
      switch item {
      case .text(let piece), .value(let piece): text += piece
      case .table(let table): text += table.text
      case .chart(let chart):
        flushText()
        html += "<figure>" + HTMLRenderer.inlineSVG(SVGRenderer().render(chart)) + "</figure>\n"
      }
    }
    flushText()
    if let failure = frame.error {
      html += "<pre class=\"output error\"><samp>" + HTMLEscaping.escape(error(failure)) + "</samp></pre>\n"
    }
    return html
  }
}
