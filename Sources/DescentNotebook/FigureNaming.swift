import Foundation

/// Where a notebook's figures live: `NAME.figures/NAME-cell-3-1.svg` beside
/// `NAME.md` (cell number, then figure number within the cell).
///
/// The notebook's name is in the file name, not only the folder's, because
/// the lessons ship as SwiftPM resources, which are flattened into one
/// folder: two lessons' `cell-1-1.svg` would collide and stop the build.
enum FigureNaming {
  /// The notebook's file name without `.md`.
  static func stem(ofNotebook path: String) -> String {
    let file = (path as NSString).lastPathComponent
    return file.hasSuffix(".md") ? String(file.dropLast(3)) : file
  }

  /// The figure folder's name for a notebook file name or path.
  static func folderName(forNotebook path: String) -> String {
    stem(ofNotebook: path) + ".figures"
  }

  /// `NAME-cell-3-1.svg`.
  static func fileName(forNotebook path: String, cell: Int, figure: Int) -> String {
    "\(stem(ofNotebook: path))-cell-\(cell)-\(figure).svg"
  }

  /// The link target written into the notebook, relative to it.
  static func url(forNotebook path: String, cell: Int, figure: Int) -> String {
    // Spaces and brackets would end or break a markdown link destination.
    let allowed = CharacterSet.urlPathAllowed.subtracting(CharacterSet(charactersIn: "()<>[] "))
    let folder = folderName(forNotebook: path)
    let file = fileName(forNotebook: path, cell: cell, figure: figure)
    return (folder.addingPercentEncoding(withAllowedCharacters: allowed) ?? folder) + "/"
      + (file.addingPercentEncoding(withAllowedCharacters: allowed) ?? file)
  }

  /// Whether a file name is one this tool writes (`…cell-N-M.svg`).
  static func isFigureFileName(_ name: String) -> Bool {
    guard name.hasSuffix(".svg") else { return false }
    let parts = name.dropLast(4).split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count >= 3, parts[parts.count - 3].hasSuffix("cell") else { return false }
    let digits = parts.suffix(2)
    return digits.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
  }

  /// Whether an image URL points at a figure this tool writes.
  static func isFigureURL(_ url: String) -> Bool {
    let parts = url.split(separator: "/")
    guard parts.count >= 2 else { return false }
    let file = String(parts[parts.count - 1])
    return parts[parts.count - 2].hasSuffix(".figures") && isFigureFileName(file.removingPercentEncoding ?? file)
  }

  /// The file path a figure URL names, relative to the notebook's folder.
  static func relativePath(ofURL url: String) -> String {
    url.removingPercentEncoding ?? url
  }
}
