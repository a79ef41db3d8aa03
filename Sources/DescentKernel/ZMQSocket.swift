import CZeroMQ
import Foundation

/// A ZeroMQ context: owns the I/O thread every socket of the kernel uses.
final class ZMQContext: @unchecked Sendable {
  // @unchecked: libzmq contexts are thread-safe; sockets are not, and each
  // `ZMQSocket` has one owner (or a lock, for iopub).
  let handle: UnsafeMutableRawPointer

  init?() {
    guard let handle = descent_zmq_ctx_new() else { return nil }
    self.handle = handle
  }

  /// Makes every blocking call on the context's sockets return ETERM, so
  /// the threads that own them notice the kernel is stopping.
  func shutdown() { descent_zmq_ctx_shutdown(handle) }

  /// Waits for queued messages to be sent (up to each socket's linger),
  /// then frees the context. Every socket must be closed first.
  func terminate() {
    while descent_zmq_ctx_term(handle) != 0 && descent_zmq_errno() == EINTR {}
  }
}

/// One ZeroMQ socket, sending and receiving multipart messages.
final class ZMQSocket: @unchecked Sendable {
  /// What a receive ended with.
  enum Received {
    case frames([[UInt8]])
    /// The poll timed out.
    case timeout
    /// The context is shutting down (or the socket failed for good).
    case closed
  }

  private var handle: UnsafeMutableRawPointer?

  /// A socket of `type` (ZMQ_ROUTER, ZMQ_PUB, ...) bound to `address`.
  init(_ context: ZMQContext, type: Int32, bindTo address: String) throws(KernelError) {
    guard let handle = descent_zmq_socket(context.handle, type) else {
      throw KernelError("cannot make a ZeroMQ socket: \(ZMQSocket.lastError)")
    }
    self.handle = handle
    // Queued replies get one second to leave when the kernel shuts down.
    var linger: Int32 = 1000
    descent_zmq_setsockopt(handle, ZMQ_LINGER, &linger, MemoryLayout<Int32>.size)
    guard descent_zmq_bind(handle, address) == 0 else {
      let message = ZMQSocket.lastError
      descent_zmq_close(handle)
      self.handle = nil
      throw KernelError("cannot listen on \(address): \(message)")
    }
  }

  deinit { close() }

  static var lastError: String { String(cString: descent_zmq_strerror(descent_zmq_errno())) }

  /// The underlying handle, for `zmq_proxy`.
  var rawHandle: UnsafeMutableRawPointer? { handle }

  func close() {
    if let handle { descent_zmq_close(handle) }
    handle = nil
  }

  /// Waits up to `timeout` milliseconds for a message and reads all its frames.
  func receive(timeout: Int) -> Received {
    guard let handle else { return .closed }
    var item = zmq_pollitem_t(socket: handle, fd: 0, events: Int16(ZMQ_POLLIN), revents: 0)
    let ready = descent_zmq_poll(&item, 1, timeout)
    if ready < 0 { return descent_zmq_errno() == EINTR ? .timeout : .closed }
    if ready == 0 { return .timeout }
    var frames: [[UInt8]] = []
    while true {
      var message = zmq_msg_t()
      descent_zmq_msg_init(&message)
      defer { descent_zmq_msg_close(&message) }
      var size = descent_zmq_msg_recv(&message, handle, 0)
      while size < 0 && descent_zmq_errno() == EINTR { size = descent_zmq_msg_recv(&message, handle, 0) }
      if size < 0 { return .closed }
      let bytes = descent_zmq_msg_data(&message).assumingMemoryBound(to: UInt8.self)
      frames.append(Array(UnsafeBufferPointer(start: bytes, count: Int(size))))
      if descent_zmq_msg_more(&message) == 0 { break }
    }
    return .frames(frames)
  }

  /// Sends the frames as one multipart message; false when the socket is gone.
  @discardableResult
  func send(_ frames: [[UInt8]]) -> Bool {
    guard let handle else { return false }
    for (index, frame) in frames.enumerated() {
      let flags: Int32 = index == frames.count - 1 ? 0 : ZMQ_SNDMORE
      while true {
        let sent = frame.withUnsafeBytes { descent_zmq_send(handle, $0.baseAddress, $0.count, flags) }
        if sent >= 0 { break }
        if descent_zmq_errno() != EINTR { return false }
      }
    }
    return true
  }
}
