import Foundation

/// A Jupyter protocol message (messaging spec 5.3): routing identities,
/// then the delimiter, signature, header, parent header, metadata, content.
struct JupyterMessage {
  static let delimiter = Array("<IDS|MSG>".utf8)
  static let protocolVersion = "5.3"

  /// The ZeroMQ routing prefix (ROUTER sockets) or topic (iopub).
  var identities: [[UInt8]]
  var header: [String: Any]
  var parentHeader: [String: Any]
  var metadata: [String: Any]
  var content: [String: Any]

  var type: String { header["msg_type"] as? String ?? "" }
  var id: String { header["msg_id"] as? String ?? "" }

  /// What the frames of a received message held.
  enum Decoded {
    case message(JupyterMessage)
    /// The signature does not match: the message is dropped unanswered.
    case badSignature
    /// Signed, but not a usable message; answered with an error reply
    /// when the sender is known.
    case malformed(identities: [[UInt8]], header: [String: Any], reason: String)
    /// Not even the framing is right: nobody to answer.
    case unframed(reason: String)
  }

  /// Reads the frames a ROUTER socket received, checking the signature.
  static func decode(_ frames: [[UInt8]], signer: MessageSigner) -> Decoded {
    guard let split = frames.firstIndex(of: delimiter) else {
      return .unframed(reason: "no <IDS|MSG> delimiter")
    }
    let identities = Array(frames[..<split])
    let rest = frames[(split + 1)...]
    guard rest.count >= 5 else { return .unframed(reason: "\(rest.count) frames after the delimiter, 5 needed") }
    let signature = rest[rest.startIndex]
    let signed = rest[(rest.startIndex + 1)...(rest.startIndex + 4)]
    guard signer.verify(signature, of: signed) else { return .badSignature }
    let parts = signed.map { try? JSONSerialization.jsonObject(with: Data($0), options: [.fragmentsAllowed]) }
    guard let header = parts[0] as? [String: Any] else {
      return .malformed(identities: identities, header: [:], reason: "the header is not a JSON object")
    }
    for field in ["msg_id", "msg_type", "session"] where !(header[field] is String) {
      return .malformed(identities: identities, header: header, reason: "the header has no string '\(field)'")
    }
    guard let parent = parts[1] as? [String: Any] else {
      return .malformed(identities: identities, header: header, reason: "the parent header is not a JSON object")
    }
    guard let metadata = parts[2] as? [String: Any] else {
      return .malformed(identities: identities, header: header, reason: "the metadata is not a JSON object")
    }
    guard let content = parts[3] as? [String: Any] else {
      return .malformed(identities: identities, header: header, reason: "the content is not a JSON object")
    }
    return .message(
      JupyterMessage(
        identities: identities, header: header, parentHeader: parent, metadata: metadata, content: content))
  }

  /// The frames to send, signed.
  func encode(signer: MessageSigner) -> [[UInt8]] {
    let parts = [header, parentHeader, metadata, content].map(JupyterMessage.json)
    return identities + [JupyterMessage.delimiter, Array(signer.signature(of: parts[...]).utf8)] + parts
  }

  /// A new message's header.
  static func header(type: String, session: String) -> [String: Any] {
    [
      "msg_id": UUID().uuidString.lowercased(), "msg_type": type, "session": session,
      "username": "descent", "date": timestamp(), "version": protocolVersion,
    ]
  }

  /// JSON bytes of a message part; a value JSON cannot hold becomes `{}`.
  static func json(_ object: [String: Any]) -> [UInt8] {
    guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.withoutEscapingSlashes])
    else { return Array("{}".utf8) }
    return Array(data)
  }

  /// ISO 8601 in UTC with microseconds, as Jupyter writes dates.
  private static func timestamp() -> String {
    var now = timeval()
    gettimeofday(&now, nil)
    var seconds = now.tv_sec
    var utc = tm()
    gmtime_r(&seconds, &utc)
    return String(
      format: "%04d-%02d-%02dT%02d:%02d:%02d.%06dZ", utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday,
      utc.tm_hour, utc.tm_min, utc.tm_sec, Int32(now.tv_usec))
  }
}
