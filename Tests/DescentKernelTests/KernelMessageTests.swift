import DescentLanguage
import Foundation
import Testing

@testable import DescentKernel

/// Signing, framing and reading Jupyter messages, without sockets.
@Suite struct KernelMessageTests {
  let signer = MessageSigner(key: Array("secret".utf8))

  @Test func hmacMatchesRFC4231() {
    // RFC 4231, test case 2: key "Jefe", "what do ya want for nothing?".
    let jefe = MessageSigner(key: Array("Jefe".utf8))
    let data = Array("what do ya want for nothing?".utf8)
    #expect(
      jefe.signature(of: [Array(data.prefix(10)), Array(data.dropFirst(10))][...])
        == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
  }

  @Test func anEncodedMessageDecodesWithItsSignature() throws {
    let message = JupyterMessage(
      identities: [Array("client".utf8)], header: JupyterMessage.header(type: "execute_request", session: "s"),
      parentHeader: [:], metadata: [:], content: ["code": "print 1"])
    let frames = message.encode(signer: signer)
    guard case .message(let decoded) = JupyterMessage.decode(frames, signer: signer) else {
      Issue.record("not decoded")
      return
    }
    #expect(decoded.identities == [Array("client".utf8)])
    #expect(decoded.type == "execute_request")
    #expect(decoded.content["code"] as? String == "print 1")
  }

  @Test func aWrongKeyOrAChangedFrameIsABadSignature() {
    let message = JupyterMessage(
      identities: [], header: JupyterMessage.header(type: "kernel_info_request", session: "s"),
      parentHeader: [:], metadata: [:], content: [:])
    let frames = message.encode(signer: MessageSigner(key: Array("other".utf8)))
    #expect(isBadSignature(JupyterMessage.decode(frames, signer: signer)))
    var changed = message.encode(signer: signer)
    changed[changed.count - 1] = Array("{\"code\": \"evil\"}".utf8)
    #expect(isBadSignature(JupyterMessage.decode(changed, signer: signer)))
  }

  @Test func withoutAKeyNothingIsSignedAndAllIsAccepted() {
    let open = MessageSigner(key: [])
    let message = JupyterMessage(
      identities: [], header: JupyterMessage.header(type: "kernel_info_request", session: "s"),
      parentHeader: [:], metadata: [:], content: [:])
    let frames = message.encode(signer: open)
    #expect(frames[1].isEmpty)
    guard case .message = JupyterMessage.decode(frames, signer: open) else {
      Issue.record("not accepted")
      return
    }
  }

  @Test func framingAndFieldProblemsAreNamed() {
    #expect(reason(JupyterMessage.decode([Array("x".utf8)], signer: signer)) == "no <IDS|MSG> delimiter")
    let short = [JupyterMessage.delimiter, []]
    #expect(reason(JupyterMessage.decode(short, signer: signer)) == "1 frames after the delimiter, 5 needed")
    let parts = [Array("{\"msg_id\": \"1\", \"session\": \"s\"}".utf8), Array("{}".utf8), Array("{}".utf8), Array("{}".utf8)]
    let frames = [JupyterMessage.delimiter, Array(signer.signature(of: parts[...]).utf8)] + parts
    #expect(reason(JupyterMessage.decode(frames, signer: signer)) == "the header has no string 'msg_type'")
  }

  @Test func replyTypes() {
    #expect(KernelShell.replyType(for: "execute_request") == "execute_reply")
    #expect(KernelShell.replyType(for: "odd") == "odd_reply")
    #expect(KernelShell.replyType(for: nil) == "error_reply")
  }

  private func isBadSignature(_ decoded: JupyterMessage.Decoded) -> Bool {
    if case .badSignature = decoded { return true }
    return false
  }

  private func reason(_ decoded: JupyterMessage.Decoded) -> String? {
    switch decoded {
    case .unframed(let reason), .malformed(_, _, let reason): return reason
    default: return nil
    }
  }
}
