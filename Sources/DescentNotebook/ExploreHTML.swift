import Foundation

/// An `explore` on a rendered page: a range input per knob and every frame,
/// only the chosen one shown. A few lines of inline script switch frames,
/// so the page still needs no server and no network.
enum ExploreHTML {
  /// The class that marks an explore; the page includes the script when it has one.
  static let marker = "descent-explore"

  static func html(_ exploration: RenderedExploration, id: String) -> String {
    var html = "<div class=\"\(marker)\" id=\"\(id)\">\n"
    for (index, knob) in exploration.knobs.enumerated() {
      let labels = (try? JSONSerialization.data(withJSONObject: knob.labels)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
      html += "<label class=\"knob\">\(HTMLEscaping.escape(knob.name)) "
      html += "<input type=\"range\" min=\"0\" max=\"\(knob.labels.count - 1)\" step=\"1\" value=\"\(knob.startIndex)\""
      html += " aria-label=\"\(HTMLEscaping.escape(knob.name))\" id=\"\(id)-knob-\(index + 1)\""
      html += " data-labels=\"\(HTMLEscaping.escape(labels))\">"
      html += " <output>\(HTMLEscaping.escape(knob.labels[knob.startIndex]))</output></label>\n"
    }
    let start = exploration.startFrame
    for (index, frame) in exploration.frames.enumerated() {
      html += "<div class=\"frame\"\(index == start ? "" : " hidden")>\n\(frame)</div>\n"
    }
    return html + "</div>\n"
  }

  /// Shows the frame of the inputs' values (first knob slowest) and each value beside its input.
  static let script = """
    <script>
    document.querySelectorAll(".\(marker)").forEach(function (box) {
      var inputs = box.querySelectorAll("input[type=range]"), frames = box.querySelectorAll(".frame");
      function show() {
        var at = 0;
        inputs.forEach(function (input) {
          at = at * (Number(input.max) + 1) + Number(input.value);
          input.nextElementSibling.textContent = JSON.parse(input.dataset.labels)[input.value];
        });
        frames.forEach(function (frame, i) { frame.hidden = i !== at; });
      }
      inputs.forEach(function (input) { input.addEventListener("input", show); });
    });
    </script>

    """
}
