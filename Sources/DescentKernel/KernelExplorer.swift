import DescentLanguage
import DescentNotebook
import DescentPlot
import Foundation

/// `explore` in Jupyter: a slider per knob through the Jupyter widget
/// protocol, and the frame as a display the kernel replaces in place.
///
/// For each knob the kernel opens comms on the `jupyter.widget` target for
/// a `@jupyter-widgets/controls` SelectionSlider (its labels are the knob's
/// values, its description the knob's name) with the layout and style
/// models it refers to, and shows it with a widget-view display. JupyterLab,
/// Notebook 7 and VS Code draw it with their own widget manager; moving it
/// sends a `comm_msg` "update" with the new index, and the kernel runs the
/// block at that value and sends `update_display_data` for the frame's
/// `display_id`. The session's variables stay those of the start frame
/// (and of any cells run since). A front end without a widget manager
/// shows the text fallback and the start frame, as any cell's output.
final class KernelExplorer: Explorer {
  private let output: KernelOutput
  private let iopub: IOPubChannel
  /// The explorations still reachable from a slider, by the slider's comm id.
  private var sliders: [String: Slider] = [:]
  /// The sliders' comm ids, oldest first: each exploration holds a copy
  /// of the variables, so only the latest `maxExplorations` stay live (an
  /// older slider still shows, and moving it does nothing).
  private var order: [[String]] = []
  static let maxExplorations = 32

  /// One knob's slider, and the exploration and frame display it drives.
  private final class Slider {
    let exploration: Exploration
    let knob: Int
    let displayID: String
    /// The values shown by all the exploration's sliders (shared).
    let shown: Shown
    init(exploration: Exploration, knob: Int, displayID: String, shown: Shown) {
      self.exploration = exploration
      self.knob = knob
      self.displayID = displayID
      self.shown = shown
    }
  }

  private final class Shown {
    var indices: [Int]
    init(_ indices: [Int]) { self.indices = indices }
  }

  /// The widget protocol version the comms speak (ipywidgets 8).
  static let protocolVersion = "2.1.0"

  init(output: KernelOutput, iopub: IOPubChannel) {
    self.output = output
    self.iopub = iopub
  }

  /// The comm ids of the sliders, for `comm_info_request`.
  var commIDs: [String] { Array(sliders.keys) }

  func explore(_ exploration: Exploration) throws {
    let displayID = KernelExplorer.newID()
    let shown = Shown(exploration.startIndices)
    var commIDs: [String] = []
    defer {
      order.append(commIDs)
      while order.count > KernelExplorer.maxExplorations {
        for commID in order.removeFirst() { sliders.removeValue(forKey: commID) }
      }
    }
    for (index, knob) in exploration.knobs.enumerated() {
      let layout = KernelExplorer.newID()
      let style = KernelExplorer.newID()
      let slider = KernelExplorer.newID()
      open(layout, state: KernelExplorer.layoutState)
      open(style, state: KernelExplorer.styleState)
      open(slider, state: KernelExplorer.sliderState(knob, layout: layout, style: style))
      sliders[slider] = Slider(exploration: exploration, knob: index, displayID: displayID, shown: shown)
      commIDs.append(slider)
      output.sendDisplay(
        [
          "application/vnd.jupyter.widget-view+json": [
            "version_major": 2, "version_minor": 0, "model_id": slider,
          ],
          "text/plain": "\(knob.name) = \(knob.labels[knob.startIndex]) (a slider where Jupyter widgets are installed)",
        ], displayID: nil, update: false)
    }
    let frame = exploration.frame(at: shown.indices)
    output.sendDisplay(KernelExplorer.bundle(frame, exploration), displayID: displayID, update: false)
  }

  /// A `comm_msg` from the front end: a slider moved ("update" with a new
  /// index), or the front end asks for a model's state ("request_state").
  func handleMessage(_ content: [String: Any], parent: [String: Any], executionCount: Int) {
    guard let commID = content["comm_id"] as? String, let slider = sliders[commID],
      let data = content["data"] as? [String: Any]
    else { return }
    switch data["method"] as? String {
    case "update":
      guard let state = data["state"] as? [String: Any], let index = state["index"] as? Int else { return }
      slider.shown.indices[slider.knob] = index
      output.begin(parent: parent, silent: false, executionCount: executionCount)
      defer { output.end() }
      // A slider is a view: later cells may have run since the explore,
      // and moving it must not undo what they did.
      let frame = slider.exploration.frame(at: slider.shown.indices, leavingVariables: true)
      output.sendDisplay(KernelExplorer.bundle(frame, slider.exploration), displayID: slider.displayID, update: true)
    case "request_state":
      let knob = slider.exploration.knobs[slider.knob]
      var state = KernelExplorer.sliderState(knob, layout: "", style: "")
      state["index"] = slider.shown.indices[slider.knob]
      state.removeValue(forKey: "layout")
      state.removeValue(forKey: "style")
      iopub.publish(
        "comm_msg", ["comm_id": commID, "data": ["method": "update", "state": state, "buffer_paths": [Any]()]],
        parent: parent, metadata: ["version": KernelExplorer.protocolVersion])
    default:
      break
    }
  }

  /// A `comm_close` from the front end: that slider is gone.
  func handleClose(_ content: [String: Any]) {
    if let commID = content["comm_id"] as? String { sliders.removeValue(forKey: commID) }
  }

  // MARK: - Messages

  private func open(_ commID: String, state: [String: Any]) {
    output.publishInCell(
      "comm_open",
      [
        "comm_id": commID, "target_name": "jupyter.widget",
        "data": ["state": state, "buffer_paths": [Any]()],
      ], metadata: ["version": KernelExplorer.protocolVersion])
  }

  /// The frame as one display: HTML (text, SVG charts, the error) and text.
  static func bundle(_ frame: ExploreFrame, _ exploration: Exploration) -> [String: Any] {
    var plain = ""
    for item in frame.items {
      switch item {
      case .text(let text), .value(let text): plain += text
      case .table(let table): plain += table.text
      case .chart(let chart):
        plain += TerminalRenderer(width: 72, height: 20, unicode: true, color: false).render(chart) + "\n"
      }
    }
    if let error = frame.error { plain += exploration.render(error) + "\n" }
    let html = ExploreFrameHTML.html(of: frame) { exploration.render($0) }
    return ["text/html": "<div class=\"descent-explore-frame\">\n\(html)</div>", "text/plain": plain]
  }

  static func sliderState(_ knob: Exploration.Knob, layout: String, style: String) -> [String: Any] {
    [
      "_dom_classes": [Any](), "_model_module": "@jupyter-widgets/controls", "_model_module_version": "2.0.0",
      "_model_name": "SelectionSliderModel", "_options_labels": knob.labels, "_view_count": NSNull(),
      "_view_module": "@jupyter-widgets/controls", "_view_module_version": "2.0.0",
      "_view_name": "SelectionSliderView", "behavior": "drag-tap", "continuous_update": true,
      "description": knob.name, "description_allow_html": false, "disabled": false, "index": knob.startIndex,
      "layout": "IPY_MODEL_" + layout, "orientation": "horizontal", "readout": true,
      "style": "IPY_MODEL_" + style, "tabbable": NSNull(), "tooltip": NSNull(),
    ]
  }

  static var layoutState: [String: Any] { [
    "_model_module": "@jupyter-widgets/base", "_model_module_version": "2.0.0", "_model_name": "LayoutModel",
    "_view_count": NSNull(), "_view_module": "@jupyter-widgets/base", "_view_module_version": "2.0.0",
    "_view_name": "LayoutView", "width": "32em",
  ] }

  static var styleState: [String: Any] { [
    "_model_module": "@jupyter-widgets/controls", "_model_module_version": "2.0.0",
    "_model_name": "SliderStyleModel", "_view_count": NSNull(), "_view_module": "@jupyter-widgets/base",
    "_view_module_version": "2.0.0", "_view_name": "StyleView", "description_width": "",
    "handle_color": NSNull(),
  ] }

  static func newID() -> String { UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "") }
}
