import Foundation

/// The connection file Jupyter writes for a kernel: where each socket
/// listens and the key that signs messages.
struct ConnectionInfo {
  var transport: String
  var ip: String
  var shellPort: Int
  var controlPort: Int
  var iopubPort: Int
  var stdinPort: Int
  var heartbeatPort: Int
  var key: String

  /// Reads and checks a connection file.
  init(path: String) throws(KernelError) {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw KernelError("cannot read the connection file \(path)")
    }
    guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
      throw KernelError("the connection file \(path) is not a JSON object")
    }
    func port(_ name: String) throws(KernelError) -> Int {
      guard let value = object[name] as? Int, (0...65535).contains(value) else {
        throw KernelError("the connection file \(path) has no port '\(name)'")
      }
      return value
    }
    transport = object["transport"] as? String ?? "tcp"
    guard transport == "tcp" || transport == "ipc" else {
      throw KernelError("the connection file \(path) asks for transport '\(transport)' (tcp or ipc)")
    }
    ip = object["ip"] as? String ?? "127.0.0.1"
    shellPort = try port("shell_port")
    controlPort = try port("control_port")
    iopubPort = try port("iopub_port")
    stdinPort = try port("stdin_port")
    heartbeatPort = try port("hb_port")
    key = object["key"] as? String ?? ""
    if let scheme = object["signature_scheme"] as? String, scheme != "hmac-sha256", !key.isEmpty {
      throw KernelError("the connection file \(path) asks for signature scheme '\(scheme)'; only hmac-sha256 is known")
    }
  }

  /// The ZeroMQ address of a port: `tcp://127.0.0.1:5555` or `ipc://path-5555`.
  func address(_ port: Int) -> String {
    transport == "ipc" ? "ipc://\(ip)-\(port)" : "tcp://\(ip):\(port)"
  }
}
