import DescentLanguage
import Foundation
import Testing

@testable import DescentKernel

/// Cell options, HTML tables, the kernelspec and its logo.
@Suite struct KernelPartsTests {
  @Test func cellOptionsAtTheTopOfACell() {
    let options = CellDirectives("#| budget=1000\n  #| digits = 12\nprint 1\n#| budget=5")
    #expect(options.budget == 1000)
    #expect(options.digits == .significant(12))
    #expect(options.problem == nil)
    #expect(CellDirectives("#| digits=shortest").digits == .shortest)
    #expect(CellDirectives("print 1").budget == nil)
  }

  @Test func anUnreadableCellOptionIsLocated() throws {
    let problem = try #require(CellDirectives("#| budget=1000\n#| budget=-3\nprint 1").problem)
    let rendered = problem.render(source: Source(name: "In[1]", text: "#| budget=1000\n#| budget=-3\nprint 1"))
    #expect(rendered.hasPrefix("In[1]:2:1: error: cannot read the cell option 'budget=-3'"))
    #expect(rendered.contains("    ^~~~~~~~~~~~"))
    #expect(CellDirectives("#| digits=40").problem != nil)
    #expect(CellDirectives("#| colour=blue").problem != nil)
  }

  @Test func tablesAsHTML() {
    let history = OutputTable(
      header: ["step", "weight"], rows: [["1", "0.5"], ["2", "<0.6>"]], caption: "(2 steps)", text: "")
    #expect(
      KernelOutput.html(history) == """
        <table class="descent-table">
        <thead><tr><th>step</th><th>weight</th></tr></thead>
        <tbody>
        <tr><td>1</td><td>0.5</td></tr>
        <tr><td>2</td><td>&lt;0.6&gt;</td></tr>
        </tbody>
        </table>
        <p>(2 steps)</p>

        """)
    let weights = OutputTable(header: [], rows: [["weight", "1.6"]], text: "weight = 1.6\n")
    #expect(KernelOutput.html(weights).contains("<tr><th>weight</th><td>1.6</td></tr>"))
  }

  @Test func kernelJSONStartsThisExecutable() throws {
    let spec = try KernelSpec(name: "descent", executable: "/opt/descent/bin/descent")
    let object = try #require(try JSONSerialization.jsonObject(with: Data(spec.kernelJSON.utf8)) as? [String: Any])
    #expect(object["argv"] as? [String] == ["/opt/descent/bin/descent", "kernel", "--connection-file", "{connection_file}"])
    #expect(object["display_name"] as? String == "Descent")
    #expect(object["language"] as? String == "descent")
    #expect(object["interrupt_mode"] as? String == "signal")
    let budgeted = try KernelSpec(name: "tight", executable: "/d", budget: 5000)
    #expect(budgeted.kernelJSON.contains("\"--budget\",\n    \"5000\""))
    #expect(budgeted.kernelJSON.contains("\"display_name\" : \"Descent (tight)\""))
    #expect(throws: KernelSpecError.self) { try KernelSpec(name: "a/b", executable: "x") }
    #expect(throws: KernelSpecError.self) { try KernelSpec(name: "", executable: "x") }
  }

  @Test func userKernelsFolderFollowsJupyter() {
    #expect(KernelSpec.userKernelsFolder(environment: ["JUPYTER_DATA_DIR": "/j", "HOME": "/h"]) == "/j/kernels")
    #expect(KernelSpec.userKernelsFolder(environment: ["XDG_DATA_HOME": "/x", "HOME": "/h"]) == "/x/jupyter/kernels")
    #expect(KernelSpec.userKernelsFolder(environment: ["HOME": "/h"]) == "/h/.local/share/jupyter/kernels")
  }

  @Test func logoIsAValidPNG() {
    let png = KernelLogo.png(size: 32)
    #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    // IHDR: width and height 32, 8-bit RGBA.
    #expect(Array(png[16..<26]) == [0, 0, 0, 32, 0, 0, 0, 32, 8, 6])
    #expect(Array(png.suffix(8)) == [0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82])  // IEND and its CRC
  }
}
