import Foundation
import Testing

/// `lantern serve` against hostile or broken clients: each is answered (or dropped) within its
/// limit, and the server keeps serving pages to everyone else.
@Suite(.serialized) struct ServeLimitsTests {
    /// A running `lantern serve` on a free port, stopped when the test ends.
    final class Server {
        let process: Process
        let port: UInt16
        let site: URL
        let stderr: URL

        init(_ extra: [String] = [], site: URL? = nil) async throws {
            self.site = try site ?? CommandTests.sampleSite()
            port = ServeTests.freePort()
            stderr = self.site.appendingPathComponent("serve-stderr.txt")
            FileManager.default.createFile(atPath: stderr.path, contents: nil)
            process = Process()
            process.executableURL = CommandTests.binary
            process.arguments = ["serve", "--port", "\(port)"] + extra
            process.currentDirectoryURL = self.site
            process.standardOutput = FileHandle.nullDevice
            process.standardError = try FileHandle(forWritingTo: stderr)
            try process.run()
            _ = await ServeTests.eventually(base + "/") { $0.status == 200 || $0.status == 500 }
        }

        var base: String { "http://127.0.0.1:\(port)" }
        var errors: String { (try? String(contentsOf: stderr, encoding: .utf8)) ?? "" }

        deinit {
            process.terminate()
            process.waitUntilExit()
            try? FileManager.default.removeItem(at: site)
        }
    }

    @Test func refusesOversizedSlowAndUnsupportedRequestsAndKeepsServing() async throws {
        // A header time long enough that, even on a loaded 2-core machine under a sanitizer, serving
        // a page while slow clients wait is told apart from serving it after they were dropped.
        let server = try await Server(["--header-timeout", "20"])
        let host = "Host: 127.0.0.1:\(server.port)\r\n"

        // Two 100 KB request lines at once: before, each left a thread spinning and the server mute.
        let longLine = Array("GET /\(String(repeating: "a", count: 100_000)) HTTP/1.1\r\n\(host)\r\n".utf8)
        let port = server.port
        async let first = RawHTTP.exchange(port: port, longLine)
        async let second = RawHTTP.exchange(port: port, longLine)
        for answer in await [first, second] {
            #expect(answer.status == 414, "\(answer)")
            #expect(answer.closed)
        }
        let longHeader = RawHTTP.exchange(port: server.port, Array("GET / HTTP/1.1\r\n\(host)X-Padding: \(String(repeating: "b", count: 100_000))\r\n\r\n".utf8))
        #expect(longHeader.status == 431, "\(longHeader)")
        #expect(longHeader.closed)

        let future = RawHTTP.exchange(port: server.port, Array("GET / HTTP/9.9\r\n\(host)\r\n".utf8))
        #expect(future.status == 505, "\(future)")
        for method in ["POST", "DELETE"] {
            let answer = RawHTTP.exchange(port: server.port, Array("\(method) / HTTP/1.1\r\n\(host)Content-Length: 2\r\n\r\nhi".utf8))
            #expect(answer.status == 405, "\(method): \(answer)")
            #expect(answer.head.contains("\r\nAllow: GET, HEAD\r\n"), "\(method): \(answer)")
        }

        // Slow headers: a few bytes, then nothing. Fifty such clients do not delay anyone else, and
        // each is answered 408 and closed once the (here 20 s) header time is up. No timing is asserted
        // beyond the order: the page comes back while every slow client is still waiting.
        #expect(await ServeTests.get(server.base + "/huong-dan/")?.status == 200)  // rendered and cached
        let started = Date()
        let slow = (0..<50).map { _ in RawHTTP.Connection(port: server.port) }
        for connection in slow { connection?.send(Array("GET / HTTP/1.1\r\nHo".utf8)) }
        let page = try #require(await ServeTests.get(server.base + "/huong-dan/"))
        #expect(page.status == 200)
        let pageTook = Date().timeIntervalSince(started)
        #expect(slow.allSatisfy { $0?.hasAnswered == false },
                "the page came only after the slow clients were dropped (\(pageTook) s)")
        for connection in slow {
            let answer = try #require(connection).finish(timeout: 40)
            #expect(answer.status == 408 && answer.closed, "\(answer)")
        }
        let waited = Date().timeIntervalSince(started)
        #expect(waited > 19 && waited < 60, "slow clients were dropped after \(waited) s")

        // After all that, pages come back at once.
        let before = Date()
        let home = try #require(await ServeTests.get(server.base + "/"))
        #expect(home.status == 200 && home.body.contains("/__lantern/reload"))
        #expect(Date().timeIntervalSince(before) < 30)
        #expect(server.process.isRunning)
    }

    @Test func neverServesAFileOutsideTheSite() async throws {
        let server = try await Server()
        let host = "Host: 127.0.0.1:\(server.port)\r\n"
        let targets = ["/../../../../etc/passwd", "/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/%252e%252e/%252e%252e/etc/passwd",
                       "/..%2f..%2f..%2fetc/passwd", "/..\\..\\..\\etc\\passwd", "/..%5c..%5c..%5cetc%5cpasswd",
                       "http://127.0.0.1/../../../etc/passwd", "/huong-dan/../../../../etc/passwd", "/%2E%2E/%2E%2E/etc/passwd"]
        for target in targets {
            let answer = RawHTTP.exchange(port: server.port, Array("GET \(target) HTTP/1.1\r\n\(host)Connection: close\r\n\r\n".utf8))
            #expect(answer.status == 404 || answer.status == 400, "\(target): \(answer.status)")
            #expect(!answer.body.contains("root:"), "\(target) leaked /etc/passwd")
        }
        #expect(server.process.isRunning)
    }

    /// A thousand clients connect at the same moment; every one gets its page.
    @Test func answersAThousandConcurrentConnections() async throws {
        let server = try await Server()
        RawHTTP.raiseFileLimit()
        let connections = (0..<1_000).compactMap { _ in RawHTTP.Connection(port: server.port) }
        #expect(connections.count == 1_000)
        for connection in connections {
            connection.send(Array("GET /huong-dan/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8))
        }
        let answered = connections.filter { $0.finish(timeout: 30).status == 200 }.count
        #expect(answered == 1_000)
    }

    /// The site options every command shares: `--now` sets the build date, `--strict` stops the
    /// site on warnings and shows them on the error page, `--format github` prints annotations.
    @Test func takesTheSharedSiteOptions() async throws {
        let past = try await Server(["--now", "2030-01-01"])
        #expect(await ServeTests.get(past.base + "/su-kien/")?.body.contains("Hiện chưa có sự kiện sắp tới") == true)
        let early = try await Server(["--now", "2020-01-01"])
        let events = try #require(await ServeTests.get(early.base + "/su-kien/"))
        #expect(events.status == 200 && !events.body.contains("Hiện chưa có sự kiện sắp tới"))

        // A guide whose text is not in NFC form gives a warning: served normally, but an error with --strict.
        let site = try CommandTests.sampleSite()
        let guide = site.appendingPathComponent("content/guides/cai-dat-vneid.md")
        try (try String(contentsOf: guide, encoding: .utf8)).decomposedStringWithCanonicalMapping.write(to: guide, atomically: true, encoding: .utf8)
        let strict = try await Server(["--strict", "--format", "github"], site: site)
        let page = try #require(await ServeTests.get(strict.base + "/huong-dan/cai-dat-vneid/"))
        #expect(page.status == 500)
        #expect(page.body.contains("content/guides/cai-dat-vneid.md:") && page.body.contains("NFC"), "\(page.body)")
        #expect(strict.errors.contains("::error file=content/guides/cai-dat-vneid.md,line="), "\(strict.errors)")
    }
}

/// A raw HTTP/1.1 client: it sends exactly the bytes given, which URLSession would refuse to.
enum RawHTTP {
    struct Answer: CustomStringConvertible {
        var head = ""
        var body = ""
        var closed = false
        var status: Int { Int(head.split(separator: " ").dropFirst().first ?? "") ?? 0 }
        var description: String { "status \(status), closed \(closed): \(head.prefix(200))" }
    }

    /// Sends `bytes` on a new connection and reads until the server closes it (or 5 s pass).
    static func exchange(port: UInt16, _ bytes: [UInt8]) -> Answer {
        guard let connection = Connection(port: port) else { return Answer() }
        connection.send(bytes)
        return connection.finish(timeout: 5)
    }

    static func raiseFileLimit() {
        var limit = rlimit()
        #if canImport(Glibc)
        let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        #else
        let resource = RLIMIT_NOFILE
        #endif
        guard getrlimit(resource, &limit) == 0, limit.rlim_cur < 4096 else { return }
        limit.rlim_cur = min(limit.rlim_max, 4096)
        setrlimit(resource, &limit)
    }

    final class Connection {
        let fd: Int32

        init?(port: UInt16) {
            fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var addr = sockaddr_in()
            addr.sin_family = sa_family_t(AF_INET)
            addr.sin_addr.s_addr = inet_addr("127.0.0.1")
            addr.sin_port = port.bigEndian
            let ok = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
            guard fd >= 0, ok == 0 else { close(fd); return nil }
            var timeout = timeval(tv_sec: 5, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        }

        deinit { close(fd) }

        /// Whether the server has sent anything (or closed) yet, without waiting.
        var hasAnswered: Bool {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            return poll(&poller, 1, 0) > 0
        }

        /// Sends what the server takes within the send timeout (a server that stops reading is not waited for).
        func send(_ bytes: [UInt8]) {
            var sent = 0
            while sent < bytes.count {
                let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                guard n > 0 else { return }
                sent += n
            }
        }

        /// Reads until the server closes the connection or `timeout` seconds pass.
        func finish(timeout: Double) -> Answer {
            let deadline = Date().addingTimeInterval(timeout)
            var data = [UInt8]()
            var closed = false
            var buffer = [UInt8](repeating: 0, count: 64 * 1024)
            while Date() < deadline {
                var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                guard poll(&poller, 1, Int32(max(1, deadline.timeIntervalSinceNow * 1000))) > 0 else { continue }
                let n = recv(fd, &buffer, buffer.count, 0)
                if n <= 0 { closed = true; break }
                data += buffer[0..<n]
            }
            let text = String(decoding: data, as: UTF8.self)
            let parts = text.components(separatedBy: "\r\n\r\n")
            return Answer(head: parts[0] + "\r\n", body: parts.dropFirst().joined(separator: "\r\n\r\n"), closed: closed)
        }
    }
}
