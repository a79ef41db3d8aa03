import CZeroMQ
import Foundation

/// The iopub socket, shared by the shell thread (outputs, status), the
/// control thread (status) and the output flusher. ZeroMQ sockets are not
/// thread-safe, so every send holds the lock.
final class IOPubChannel: @unchecked Sendable {
  private let socket: ZMQSocket
  private let signer: MessageSigner
  private let session: String
  private let lock = NSLock()

  init(socket: ZMQSocket, signer: MessageSigner, session: String) {
    self.socket = socket
    self.signer = signer
    self.session = session
  }

  /// Broadcasts a message whose parent is `parent` (the request's header);
  /// `metadata` is the message's own (a widget comm's protocol version).
  func publish(_ type: String, _ content: [String: Any], parent: [String: Any], metadata: [String: Any] = [:]) {
    let message = JupyterMessage(
      identities: [Array(type.utf8)], header: JupyterMessage.header(type: type, session: session),
      parentHeader: parent, metadata: metadata, content: content)
    let frames = message.encode(signer: signer)
    lock.lock()
    socket.send(frames)
    lock.unlock()
  }

  /// `status` busy or idle around a request.
  func status(_ state: String, parent: [String: Any]) {
    publish("status", ["execution_state": state], parent: parent)
  }

  /// Closes the socket once nothing publishes any more.
  func close() {
    lock.lock()
    socket.close()
    lock.unlock()
  }
}
