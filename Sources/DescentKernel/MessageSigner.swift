import COpenSSL

/// Signs and checks Jupyter messages with HMAC-SHA256 and the connection
/// file's key. With an empty key (allowed by the protocol) nothing is
/// signed and every signature is accepted.
struct MessageSigner: Sendable {
  let key: [UInt8]

  /// The hex signature of the four signed frames (header, parent header,
  /// metadata, content), or "" without a key.
  func signature(of frames: ArraySlice<[UInt8]>) -> String {
    guard !key.isEmpty else { return "" }
    var data: [UInt8] = []
    for frame in frames { data += frame }
    var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
    let length = key.withUnsafeBytes { keyBytes in
      data.withUnsafeBytes { dataBytes in
        descent_hmac_sha256(
          keyBytes.baseAddress, Int32(keyBytes.count),
          dataBytes.baseAddress?.assumingMemoryBound(to: UInt8.self), dataBytes.count, &digest)
      }
    }
    guard length > 0 else { return "" }
    let hex: [Character] = Array("0123456789abcdef")
    var out = ""
    out.reserveCapacity(Int(length) * 2)
    for byte in digest.prefix(Int(length)) {
      out.append(hex[Int(byte >> 4)])
      out.append(hex[Int(byte & 15)])
    }
    return out
  }

  /// Whether `signature` signs the frames. Compared in constant time, so
  /// the time a forged message takes to refuse tells nothing of the key.
  func verify(_ signature: [UInt8], of frames: ArraySlice<[UInt8]>) -> Bool {
    guard !key.isEmpty else { return true }
    let expected = Array(self.signature(of: frames).utf8)
    guard !expected.isEmpty, expected.count == signature.count else { return false }
    return descent_crypto_memcmp(expected, signature, expected.count) == 0
  }
}

/// Why the kernel could not start or go on.
struct KernelError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}
