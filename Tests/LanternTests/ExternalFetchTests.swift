import Foundation
import Testing
@testable import Lantern

/// `lantern check --external`'s real requests (libcurl, loaded on first use) against a small HTTP
/// server this test runs on 127.0.0.1: statuses, redirects, a server that refuses HEAD, a closed
/// port, a time limit, and addresses that are not web addresses.
@Suite(.serialized) struct ExternalFetchTests {
    @Test func answersStatusesRedirectsAndRefusedHeadsLikeABrowserWould() throws {
        #expect(ExternalLinks.unavailable() == nil, "libcurl.so.4 must load on the test machine")
        let server = try CannedHTTPServer()
        defer { server.stop() }
        let base = "http://127.0.0.1:\(server.port)"
        let fetch = ExternalLinks.httpFetch
        func ask(_ path: String, timeout: TimeInterval = 5) -> ExternalLinks.Outcome { fetch(URL(string: base + path)!, timeout) }

        #expect(ask("/ok") == .ok)
        #expect(ask("/missing") == .status(404))
        // A redirect is followed to its end: a moved page that is now gone is reported as gone.
        #expect(ask("/moved") == .status(410))
        #expect(ask("/moved-ok") == .ok)
        // A server that refuses HEAD is asked again with GET; its long body is not downloaded.
        #expect(ask("/no-head") == .ok)
        #expect(server.requests.contains("HEAD /no-head") && server.requests.contains("GET /no-head"))
        // A server error stays an error status.
        #expect(ask("/broken") == .status(500))
        // Only web addresses are asked, also at the end of a redirect.
        #expect(ask("/to-file") != .ok)
        if case .unreachable = fetch(URL(string: "file:///etc/passwd")!, 5) {} else { Issue.record("a file address must not be read") }
        // Nothing listening.
        guard case .unreachable(let refused) = fetch(URL(string: "http://127.0.0.1:\(server.closedPort)/")!, 5) else {
            Issue.record("a closed port must be unreachable"); return
        }
        #expect(refused.contains("127.0.0.1"), "the reason names the address: \(refused)")
        // A server that does not answer in time.
        let start = Date()
        #expect(ask("/slow", timeout: 1) == .unreachable("no answer within 1 s"))
        #expect(Date().timeIntervalSince(start) < 4)
    }

    @Test func manyAddressesAreAskedAtOnceFromSeveralThreads() throws {
        let server = try CannedHTTPServer()
        defer { server.stop() }
        let urls = (0..<24).map { "http://127.0.0.1:\(server.port)/" + ($0 % 3 == 0 ? "missing-\($0)" : "ok") }
        let (problems, skipped) = ExternalLinks(limit: 30, timeout: 5, concurrency: 6).check(urls)
        #expect(skipped == 0)
        #expect(problems.map(\.url) == urls.filter { $0.contains("missing") }.sorted())
        #expect(problems.allSatisfy { $0.outcome == .status(404) })
    }
}

/// A tiny HTTP/1.1 server with canned answers, one request per connection, on its own thread.
final class CannedHTTPServer: @unchecked Sendable {
    let port: UInt16
    /// A port that was bound and closed again: nothing listens there.
    let closedPort: UInt16
    private let fd: Int32
    private let lock = NSLock()
    private var seen: [String] = []
    private var stopped = false
    var requests: [String] { lock.withLock { seen } }

    init() throws {
        (fd, port) = try Self.listen()
        let (spare, sparePort) = try Self.listen()
        close(spare)
        closedPort = sparePort
        let thread = Thread { [self] in serve() }
        thread.start()
    }

    func stop() {
        lock.withLock { stopped = true }
        shutdown(fd, Int32(SHUT_RDWR))
        close(fd)
    }

    private static func listen() throws -> (Int32, UInt16) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
        guard bound == 0, Glibc.listen(fd, 16) == 0 else { close(fd); throw CocoaError(.fileWriteUnknown) }
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        return (fd, UInt16(bigEndian: addr.sin_port))
    }

    private func serve() {
        while true {
            let client = accept(fd, nil, nil)
            if client < 0 { return }
            let thread = Thread { [self] in answer(client) }
            thread.start()
            if lock.withLock({ stopped }) { return }
        }
    }

    private func answer(_ client: Int32) {
        defer { close(client) }
        var request = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !request.contains(sequence: Array("\r\n\r\n".utf8)) {
            let n = read(client, &buffer, buffer.count)
            if n <= 0 { return }
            request += buffer[0..<n]
        }
        let line = String(decoding: request.prefix { $0 != 13 }, as: UTF8.self).split(separator: " ")
        guard line.count >= 2 else { return }
        let method = String(line[0]), path = String(line[1])
        lock.withLock { seen.append("\(method) \(path)") }
        var status = 404, headers = "", body = "không có\n"
        switch path {
        case "/ok": status = 200; body = "ok\n"
        case "/moved": status = 301; headers = "Location: /gone\r\n"
        case "/moved-ok": status = 302; headers = "Location: /ok\r\n"
        case "/gone": status = 410
        case "/to-file": status = 302; headers = "Location: file:///etc/passwd\r\n"
        case "/broken": status = 500
        case "/no-head":
            status = method == "HEAD" ? 405 : 200
            body = String(repeating: "x", count: 1 << 20)
        case "/slow": Thread.sleep(forTimeInterval: 3); status = 200
        default: break
        }
        let bytes = Array(body.utf8)
        var reply = Array("HTTP/1.1 \(status) X\r\n\(headers)Content-Length: \(bytes.count)\r\nConnection: close\r\n\r\n".utf8)
        if method != "HEAD" { reply += bytes }
        var sent = 0
        while sent < reply.count {
            // MSG_NOSIGNAL: the client may stop reading a long body (no SIGPIPE for the test process).
            let n = reply[sent...].withUnsafeBytes { send(client, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return }
            sent += n
        }
    }
}

private extension Array where Element == UInt8 {
    func contains(sequence: [UInt8]) -> Bool {
        guard count >= sequence.count else { return false }
        return (0...(count - sequence.count)).contains { Array(self[$0..<($0 + sequence.count)]) == sequence }
    }
}
