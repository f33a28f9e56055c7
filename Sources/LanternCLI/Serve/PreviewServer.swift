import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Bounds that keep one misbehaving client from holding the preview server.
struct ServerLimits: Sendable {
    /// Request line plus headers; more is answered with 414 or 431 and the connection dropped.
    var headBytes = 16 * 1024
    /// Seconds a client has to send a whole request head (and an idle kept-alive connection lives).
    var headerTimeout = 10.0
    /// Seconds a response may make no progress before its connection is dropped.
    var writeTimeout = 30.0
    /// Open connections; beyond this, new ones wait in the kernel's queue.
    var maxConnections = 4096
}

/// A small HTTP/1.1 server for `lantern serve`: GET and HEAD only, no request bodies, a WebSocket
/// path for live reload. One thread owns every socket (non-blocking, driven by `poll`), so a slow
/// or hostile client costs a few kilobytes, never a thread; a few worker threads make responses.
final class PreviewServer: @unchecked Sendable {
    typealias Handler = @Sendable (RequestHead) -> HTTPResponse

    private let listener: Int32
    private let limits: ServerLimits
    private let webSocketPath: String
    private let handler: Handler
    private let work = WorkQueue()
    private let wake: (read: Int32, write: Int32)
    // Handed from other threads to the loop under `lock`.
    private let lock = NSLock()
    private var finished: [(Int, HTTPResponse)] = []
    private var broadcasts: [Data] = []
    // Owned by the loop thread.
    private var connections: [Int: Connection] = [:]
    private var nextID = 0
    private var acceptPausedUntil = 0.0

    /// Binds and listens at once, so a busy port is reported before anything else happens.
    init(host: String, port: UInt16, limits: ServerLimits, webSocketPath: String, handler: @escaping Handler) throws(Sockets.Failure) {
        var limits = limits
        limits.maxConnections = min(limits.maxConnections, Sockets.raiseFileLimit() - 64)
        self.limits = limits
        self.webSocketPath = webSocketPath
        self.handler = handler
        listener = try Sockets.listen(host: host, port: port)
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw .system("pipe", errno) }
        fds.forEach(Sockets.configure)
        wake = (fds[0], fds[1])
    }

    /// Starts the socket thread and the workers; returns at once.
    func start() {
        // A client that closes early must not kill the process when the answer is written.
        signal(SIGPIPE, SIG_IGN)
        work.start(threads: max(2, ProcessInfo.processInfo.activeProcessorCount)) { [self] id, head in
            let response = handler(head)
            lock.withLock { finished.append((id, response)) }
            wakeUp()
        }
        let thread = Thread { [self] in loop() }
        thread.name = "lantern serve"
        thread.start()
    }

    /// Sends a text frame to every open live-reload socket.
    func broadcast(_ text: String) {
        lock.withLock { broadcasts.append(WebSocket.frame(opcode: 0x1, Array(text.utf8))) }
        wakeUp()
    }

    private func wakeUp() {
        var byte: UInt8 = 1
        _ = write(wake.write, &byte, 1)
    }

    private static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

    // MARK: The socket thread

    private func loop() {
        var fds: [pollfd] = []
        var polled: [Connection] = []
        while true {
            let now = Self.now()
            fds.removeAll(keepingCapacity: true)
            polled.removeAll(keepingCapacity: true)
            fds.append(pollfd(fd: wake.read, events: Int16(POLLIN), revents: 0))
            let accepting = connections.count < limits.maxConnections && now >= acceptPausedUntil
            fds.append(pollfd(fd: accepting ? listener : -1, events: Int16(POLLIN), revents: 0))
            var nextDeadline = now + 1
            for c in connections.values {
                var events: Int32 = 0
                if c.readsInput { events |= Int32(POLLIN) }
                if !c.output.isEmpty { events |= Int32(POLLOUT) }
                if events == 0 { continue }
                fds.append(pollfd(fd: c.fd, events: Int16(events), revents: 0))
                polled.append(c)
                if let deadline = c.deadline { nextDeadline = min(nextDeadline, deadline) }
            }
            if !accepting { nextDeadline = min(nextDeadline, max(acceptPausedUntil, now + 0.05)) }
            let timeout = Int32(max(0, (nextDeadline - now) * 1000).rounded(.up))
            let ready = poll(&fds, nfds_t(fds.count), timeout)
            if ready < 0 && errno != EINTR { Thread.sleep(forTimeInterval: 0.01) }
            if ready > 0 {
                if fds[0].revents != 0 { takeHandOvers() }
                if fds[1].revents != 0 { acceptConnections() }
                for (i, c) in polled.enumerated() where fds[i + 2].revents != 0 && connections[c.id] === c {
                    let revents = Int32(fds[i + 2].revents)
                    // An error, or a hang-up on a socket that is only written to, is reported on
                    // every poll until the socket is closed: drop it rather than spin.
                    if revents & Int32(POLLERR | POLLNVAL) != 0 || revents & Int32(POLLHUP) != 0 && !c.readsInput { drop(c); continue }
                    if revents & Int32(POLLOUT) != 0 { flush(c) }
                    if revents & Int32(POLLIN | POLLHUP | POLLERR) != 0 && connections[c.id] === c && c.readsInput { readInput(c) }
                }
            }
            expire(at: Self.now())
        }
    }

    private func takeHandOvers() {
        var sink = [UInt8](repeating: 0, count: 256)
        while read(wake.read, &sink, sink.count) > 0 {}
        let (done, frames) = lock.withLock { defer { finished = []; broadcasts = [] }; return (finished, broadcasts) }
        for (id, response) in done {
            guard let c = connections[id], case .working(let head) = c.state else { continue }
            respond(c, response, to: head)
        }
        guard !frames.isEmpty else { return }
        for c in connections.values where c.state == .webSocket {
            // A tab that stopped reading is not sent frames without end.
            if c.output.count > 64 { drop(c); continue }
            c.output.append(contentsOf: frames)
            flush(c)
        }
    }

    private func acceptConnections() {
        while connections.count < limits.maxConnections {
            let fd = accept(listener, nil, nil)
            if fd < 0 {
                if errno == EINTR || errno == ECONNABORTED { continue }
                // Out of files or memory: stop asking for a moment instead of spinning on a ready listener.
                if errno != EAGAIN && errno != EWOULDBLOCK { acceptPausedUntil = Self.now() + 0.1 }
                return
            }
            Sockets.configure(fd)
            nextID += 1
            connections[nextID] = Connection(id: nextID, fd: fd, deadline: Self.now() + limits.headerTimeout)
        }
    }

    private func readInput(_ c: Connection) {
        var buffer = [UInt8](repeating: 0, count: 16 * 1024)
        // While reading a head, never hold more than one byte over the limit.
        let room = c.state == .head ? min(buffer.count, limits.headBytes + 1 - c.input.count) : buffer.count
        let n = recv(c.fd, &buffer, max(room, 1), 0)
        if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR) { return }
        guard n > 0 else { return drop(c) }
        switch c.state {
        case .head:
            c.input.append(contentsOf: buffer[0..<n])
            readHead(c)
        case .webSocket:
            c.input.append(contentsOf: buffer[0..<n])
            guard let frames = WebSocket.consumeFrames(&c.input) else { return drop(c) }
            for frame in frames {
                switch frame {
                case .ping(let payload): c.output.append(WebSocket.frame(opcode: 0xA, payload))
                case .close(let code):
                    c.output.append(WebSocket.frame(opcode: 0x8, code))
                    c.state = .responding(then: .close)
                    c.deadline = Self.now() + limits.writeTimeout
                }
            }
            flush(c)
        case .draining(let budget):
            c.state = .draining(budget: budget - n)
            if budget - n <= 0 { drop(c) }
        case .working, .responding: break
        }
    }

    /// Acts on a complete head at the start of the input, if there is one.
    private func readHead(_ c: Connection) {
        // Empty lines before a request are allowed (RFC 9112 §2.2).
        let blank = c.input.prefix { $0 == 13 || $0 == 10 }.count
        if blank > 0 { c.input.removeFirst(blank); c.scanned = 0 }
        var end: Int?
        var i = max(1, c.scanned - 3)
        while i < c.input.count {
            if c.input[i] == 10 && (c.input[i - 1] == 10 || i >= 2 && c.input[i - 1] == 13 && c.input[i - 2] == 10) { end = i + 1; break }
            i += 1
        }
        guard let end, end <= limits.headBytes else {
            c.scanned = c.input.count
            guard c.input.count > limits.headBytes else { return }
            let lineEnds = c.input.prefix(limits.headBytes).contains(10)
            return refuse(c, lineEnds
                ? .refusal(.headerFieldsTooLarge, "The request's headers are longer than \(limits.headBytes / 1024) KB.")
                : .refusal(.uriTooLong, "The request line is longer than \(limits.headBytes / 1024) KB."))
        }
        let bytes = c.input[0..<end]
        c.input.removeFirst(end)
        c.scanned = 0
        switch RequestHead.parse(bytes) {
        case .failure(let status):
            refuse(c, .refusal(status, Self.explanation(status)))
        case .success(let head) where head.path == webSocketPath:
            let response = WebSocket.handshake(head)
            if response.status != .switchingProtocols { return refuse(c, response) }
            c.output = [response.encodedHead(keepAlive: true)]
            c.state = .responding(then: .webSocket)
            flush(c)
        case .success(let head):
            c.state = .working(head)
            c.deadline = nil
            work.add(c.id, head)
        }
    }

    private static func explanation(_ status: HTTPStatus) -> String {
        switch status {
        case .methodNotAllowed: return "This preview server only answers GET and HEAD."
        case .versionNotSupported: return "This preview server speaks HTTP/1.0 and HTTP/1.1."
        default: return "The request is not valid HTTP/1.1."
        }
    }

    private func respond(_ c: Connection, _ response: HTTPResponse, to head: RequestHead) {
        let head0 = response.encodedHead(keepAlive: head.keepAlive)
        let body = head.method == "HEAD" ? Data() : response.body
        // Small answers go out in one write; large bodies are sent from the cached bytes.
        c.output = body.count < 64 * 1024 ? [head0 + body] : [head0, body]
        // Closing, the connection lingers: it may hold an unread body or pipelined requests.
        c.state = .responding(then: head.keepAlive ? .nextRequest : .linger)
        c.deadline = Self.now() + limits.writeTimeout
        flush(c)
    }

    /// Answers a request that cannot be served, then closes after reading what the client still sends.
    private func refuse(_ c: Connection, _ response: HTTPResponse) {
        c.output = [response.encodedHead(keepAlive: false) + response.body]
        c.state = .responding(then: .linger)
        c.deadline = Self.now() + limits.writeTimeout
        c.input = []
        flush(c)
    }

    private func flush(_ c: Connection) {
        while let first = c.output.first {
            let n = first.withUnsafeBytes { send(c.fd, $0.baseAddress! + c.outputOffset, first.count - c.outputOffset, Sockets.sendFlags) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) { return }
            guard n > 0 else { return drop(c) }
            c.outputOffset += n
            if c.outputOffset == first.count { c.output.removeFirst(); c.outputOffset = 0 }
            if c.state != .webSocket { c.deadline = Self.now() + limits.writeTimeout }
        }
        guard case .responding(let next) = c.state else { return }
        switch next {
        case .nextRequest:
            c.state = .head
            c.deadline = Self.now() + limits.headerTimeout
            if !c.input.isEmpty { readHead(c) }  // a pipelined request already read
        case .close:
            drop(c)
        case .linger:
            // Closing with unread input would reset the connection and could destroy the answer
            // before the client reads it: stop writing, read what is left for a moment, then close.
            shutdown(c.fd, Int32(SHUT_WR))
            c.state = .draining(budget: 1 << 20)
            c.deadline = Self.now() + 2
        case .webSocket:
            c.state = .webSocket
            c.deadline = nil
        }
    }

    private func expire(at now: Double) {
        for c in connections.values {
            guard let deadline = c.deadline, deadline <= now else { continue }
            if c.state == .head && !c.input.isEmpty {
                refuse(c, .refusal(.requestTimeout, "The request's headers did not arrive within \(Int(limits.headerTimeout)) seconds."))
            } else {
                drop(c)
            }
        }
    }

    private func drop(_ c: Connection) {
        close(c.fd)
        connections[c.id] = nil
    }
}

/// One client connection, owned by the socket thread.
private final class Connection {
    enum After: Equatable { case nextRequest, close, linger, webSocket }
    enum State: Equatable {
        case head
        case working(RequestHead)
        case responding(then: After)
        case webSocket
        case draining(budget: Int)
    }

    let id: Int
    let fd: Int32
    var state = State.head
    var input: [UInt8] = []
    /// How much of `input` has been searched for the end of the head.
    var scanned = 0
    var output: [Data] = []
    var outputOffset = 0
    var deadline: Double?

    init(id: Int, fd: Int32, deadline: Double) {
        self.id = id
        self.fd = fd
        self.deadline = deadline
    }

    var readsInput: Bool {
        switch state {
        case .head, .webSocket, .draining: return true
        case .working, .responding: return false
        }
    }
}

/// Requests waiting for a worker; at most one per connection, so it is bounded like them.
private final class WorkQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [(Int, RequestHead)] = []

    func add(_ id: Int, _ head: RequestHead) {
        condition.withLock { jobs.append((id, head)) }
        condition.signal()
    }

    func start(threads: Int, _ work: @escaping @Sendable (Int, RequestHead) -> Void) {
        for _ in 0..<threads {
            Thread.detachNewThread { [self] in
                while true {
                    condition.lock()
                    while jobs.isEmpty { condition.wait() }
                    let (id, head) = jobs.removeFirst()
                    condition.unlock()
                    work(id, head)
                }
            }
        }
    }
}
