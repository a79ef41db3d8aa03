import COpenSSL
import CZeroMQ
import DescentLanguage
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// `descent kernel`: a Jupyter kernel speaking messaging protocol 5.3 over
/// ZeroMQ. The interpreter runs on the shell thread; the control thread
/// (interrupt, shutdown) and the heartbeat answer while a cell runs.
public final class JupyterKernel: @unchecked Sendable {
  // @unchecked: each socket has one owning thread (iopub has a lock); the
  // only state threads share is `isStopping` (behind `stopped`) and the
  // session's atomic interrupt flag.
  private let context: ZMQContext
  private let shellSocket: ZMQSocket
  private let controlSocket: ZMQSocket
  private let stdinSocket: ZMQSocket
  private let heartbeatSocket: ZMQSocket
  private let iopub: IOPubChannel
  private let signer: MessageSigner
  private let sessionID = UUID().uuidString.lowercased()
  private let shell: KernelShell
  private let log: @Sendable (String) -> Void
  private let stopRequested = DispatchSemaphore(value: 0)
  private let stopped = NSLock()
  private var isStopping = false
  private let threads = DispatchGroup()
  /// Whether queued cells are being aborted (shell thread only).
  private var abortingQueuedCells = false

  /// Binds the sockets named in the connection file.
  /// - Parameters:
  ///   - budget: the step budget of a cell without `#| budget=N` (nil: none).
  ///   - log: where dropped messages and failures are reported (stderr).
  public init(connectionFile: String, budget: Int?, log: @escaping @Sendable (String) -> Void) throws {
    let info = try ConnectionInfo(path: connectionFile)
    // Both libraries are opened here, on first use (see Sources/CZeroMQ/shim.h).
    guard descent_zmq_available() != 0 else {
      throw KernelError("cannot open libzmq (libzmq.so.5): install Debian's libzmq5 (scripts/setup does)")
    }
    guard descent_crypto_available() != 0 else {
      throw KernelError("cannot open libcrypto (libcrypto.so.3): install Debian's libssl3 (scripts/setup does)")
    }
    guard let context = ZMQContext() else { throw KernelError("cannot start ZeroMQ") }
    self.context = context
    self.log = log
    signer = MessageSigner(key: Array(info.key.utf8))
    shellSocket = try ZMQSocket(context, type: ZMQ_ROUTER, bindTo: info.address(info.shellPort))
    controlSocket = try ZMQSocket(context, type: ZMQ_ROUTER, bindTo: info.address(info.controlPort))
    stdinSocket = try ZMQSocket(context, type: ZMQ_ROUTER, bindTo: info.address(info.stdinPort))
    heartbeatSocket = try ZMQSocket(context, type: ZMQ_ROUTER, bindTo: info.address(info.heartbeatPort))
    let iopubSocket = try ZMQSocket(context, type: ZMQ_PUB, bindTo: info.address(info.iopubPort))
    iopub = IOPubChannel(socket: iopubSocket, signer: signer, session: sessionID)
    shell = KernelShell(
      iopub: iopub, defaultBudget: budget, directory: FileManager.default.currentDirectoryPath)
  }

  /// The session cells run in (its interrupt flag is what SIGINT raises).
  public var session: Session { shell.session }

  /// Serves until a shutdown request or the parent's death; returns the exit status.
  public func run() -> Int32 {
    ParentWatch.start()
    KernelSignals.forwardInterrupts(to: shell.session)
    startThread("descent-heartbeat") { [self] in
      // ZeroMQ echoes every ping back to its sender. The proxy returns on
      // shutdown (ETERM), and on a signal (EINTR: SIGINT may land on this
      // thread), when it just starts again.
      while descent_zmq_proxy(heartbeatSocket.rawHandle, heartbeatSocket.rawHandle, nil) != 0,
        descent_zmq_errno() == EINTR, !stopping
      {}
      heartbeatSocket.close()
    }
    startThread("descent-control") { [self] in serve(controlSocket, channel: "control") }
    startThread("descent-shell") { [self] in serve(shellSocket, channel: "shell") }
    startThread("descent-output") { [self] in
      while !stopping {
        Thread.sleep(forTimeInterval: KernelOutput.flushInterval)
        shell.output.flush()
        shell.liveView.tick()
      }
    }
    iopub.status("starting", parent: [:])
    while stopRequested.wait(timeout: .now() + 1) == .timedOut {
      if ParentWatch.parentIsGone {
        log("descent kernel: the parent process is gone; stopping")
        requestStop()
      }
    }
    shell.session.interrupt.raise()
    context.shutdown()
    // A cell that ignores the interrupt for 3 s is not waited for.
    guard threads.wait(timeout: .now() + 3) == .success else { return 0 }
    iopub.close()
    stdinSocket.close()
    context.terminate()
    return 0
  }

  private var stopping: Bool {
    stopped.lock()
    defer { stopped.unlock() }
    return isStopping
  }

  private func requestStop() {
    stopped.lock()
    let first = !isStopping
    isStopping = true
    stopped.unlock()
    if first { stopRequested.signal() }
  }

  private func startThread(_ name: String, _ body: @escaping @Sendable () -> Void) {
    threads.enter()
    let thread = Thread { [threads] in
      body()
      threads.leave()
    }
    thread.name = name
    thread.start()
  }

  // MARK: - Serving a channel

  /// Reads requests on the shell or control socket until shutdown.
  private func serve(_ socket: ZMQSocket, channel: String) {
    while !stopping {
      switch socket.receive(timeout: 250) {
      case .timeout: continue
      case .closed:
        socket.close()
        return
      case .frames(let frames):
        handle(frames, on: socket, channel: channel)
      }
    }
    socket.close()
  }

  private func handle(_ frames: [[UInt8]], on socket: ZMQSocket, channel: String) {
    switch JupyterMessage.decode(frames, signer: signer) {
    case .badSignature:
      log("descent kernel: dropped a \(channel) message with a bad signature")
    case .unframed(let reason):
      log("descent kernel: dropped a \(channel) message: \(reason)")
    case .malformed(let identities, let header, let reason):
      log("descent kernel: malformed \(channel) message: \(reason)")
      let request = JupyterMessage(identities: identities, header: header, parentHeader: [:], metadata: [:], content: [:])
      reply(to: request, on: socket, type: KernelShell.replyType(for: header["msg_type"] as? String),
            content: KernelShell.badRequest("malformed message: \(reason)"))
    case .message(let request):
      if request.type == "execute_request" { shell.session.interrupt.reset() }
      iopub.status("busy", parent: request.header)
      defer { iopub.status("idle", parent: request.header) }
      switch request.type {
      case "shutdown_request":
        let restart = request.content["restart"] as? Bool ?? false
        reply(to: request, on: socket, type: "shutdown_reply", content: ["status": "ok", "restart": restart])
        requestStop()
      case "interrupt_request":
        shell.session.interrupt.raise()
        reply(to: request, on: socket, type: "interrupt_reply", content: ["status": "ok"])
      case "kernel_info_request" where channel == "control":
        // Answered on control too (jupyter_client asks there), without the session.
        reply(to: request, on: socket, type: "kernel_info_reply", content: KernelShell.kernelInfo)
      case "comm_open" where channel == "shell", "comm_msg" where channel == "shell",
        "comm_close" where channel == "shell":
        shell.handleComm(request)
      case "execute_request" where channel == "shell" && abortingQueuedCells:
        reply(to: request, on: socket, type: "execute_reply", content: ["status": "aborted"])
      default:
        guard channel == "shell", let content = shell.answer(request) else {
          log("descent kernel: unknown \(channel) message type '\(request.type)'")
          reply(to: request, on: socket, type: KernelShell.replyType(for: request.type),
                content: KernelShell.badRequest("unknown message type '\(request.type)' on the \(channel) channel"))
          return
        }
        if request.type == "execute_request", content["status"] as? String == "error",
          request.content["stop_on_error"] as? Bool ?? true
        {
          abortQueuedCells(on: socket, channel: channel)
        }
        reply(to: request, on: socket, type: KernelShell.replyType(for: request.type), content: content)
      }
    }
  }

  /// After a failed cell sent with `stop_on_error`, the cells already
  /// queued behind it are answered "aborted", as ipykernel does: they were
  /// meant to run after a cell that did not finish. Done before the failed
  /// cell's reply, so a cell sent after the client saw that reply runs.
  private func abortQueuedCells(on socket: ZMQSocket, channel: String) {
    abortingQueuedCells = true
    defer { abortingQueuedCells = false }
    while case .frames(let queued) = socket.receive(timeout: 0) {
      handle(queued, on: socket, channel: channel)
    }
  }

  private func reply(to request: JupyterMessage, on socket: ZMQSocket, type: String, content: [String: Any]) {
    let message = JupyterMessage(
      identities: request.identities, header: JupyterMessage.header(type: type, session: sessionID),
      parentHeader: request.header, metadata: [:], content: content)
    socket.send(message.encode(signer: signer))
  }
}

extension KernelShell {
  /// `execute_request` → `execute_reply`; anything else gets `_reply` added.
  static func replyType(for requestType: String?) -> String {
    guard let requestType, !requestType.isEmpty else { return "error_reply" }
    return requestType.hasSuffix("_request") ? String(requestType.dropLast(8)) + "_reply" : requestType + "_reply"
  }
}
