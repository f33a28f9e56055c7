import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `lantern serve` as a user meets it: a real process on 127.0.0.1, a real HTTP client, a file
/// edited while it runs, a live-reload socket that hears about it.
@Suite(.serialized) struct ServeTests {
    static func freePort() -> UInt16 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = 0
        var len = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
        _ = withUnsafeMutablePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &len) } }
        return UInt16(bigEndian: addr.sin_port)
    }

    struct Fetched { var status: Int; var body: String; var type: String }

    static func get(_ url: String) async -> Fetched? {
        var request = URLRequest(url: URL(string: url)!)
        request.timeoutInterval = 5
        guard let (data, response) = try? await URLSession.shared.data(for: request), let http = response as? HTTPURLResponse else { return nil }
        return Fetched(status: http.statusCode, body: String(decoding: data, as: UTF8.self),
                       type: http.value(forHTTPHeaderField: "Content-Type") ?? "")
    }

    /// Polls until `predicate` holds (or 180 s pass: the suite also runs under AddressSanitizer on 2 cores).
    static func eventually(_ url: String, _ predicate: (Fetched) -> Bool) async -> Fetched? {
        let deadline = Date().addingTimeInterval(180)
        var last: Fetched?
        while Date() < deadline {
            last = await get(url)
            if let last, predicate(last) { return last }
            try? await Task.sleep(nanoseconds: 100_000_000)
        }
        return last
    }

    @Test func servesEditsReloadsAndShowsErrors() async throws {
        let site = try CommandTests.sampleSite()
        defer { try? FileManager.default.removeItem(at: site) }
        let port = Self.freePort()
        let process = try CommandTests.launch(["serve", "--port", "\(port)"], in: site)
        defer { process.terminate(); process.waitUntilExit() }
        let base = "http://127.0.0.1:\(port)"

        let home = try #require(await Self.eventually(base + "/") { $0.status == 200 })
        #expect(home.type == "text/html; charset=utf-8")
        #expect(home.body.contains("/__lantern/reload"))
        #expect(await Self.get(base + "/su-kien/calendar.ics")?.type == "text/calendar; charset=utf-8")
        #expect(await Self.get(base + "/images/cho-so.svg")?.type == "image/svg+xml")
        let missing = try #require(await Self.get(base + "/khong-co-trang-nay/"))
        #expect(missing.status == 404 && missing.body.contains("Không tìm thấy trang"))
        #expect(await Self.get(base + "/%2e%2e/%2e%2e/etc/passwd")?.status == 404)
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent("public").path), "serve must not write to disk")

        // A live-reload socket hears about the next rebuild (a raw WebSocket client: Foundation on
        // Linux has none).
        let listener = try ReloadListener(port: port)
        let message = Task.detached { listener.waitForTextFrame(timeout: 20) }

        // Edit a guide: the page changes by itself.
        let path = site.appendingPathComponent("content/guides/cai-dat-vneid.md")
        let original = try String(contentsOf: path, encoding: .utf8)
        try original.replacingOccurrences(of: "title: \"", with: "title: \"ĐÃ SỬA ").write(to: path, atomically: true, encoding: .utf8)
        let edited = await Self.eventually(base + "/huong-dan/cai-dat-vneid/") { $0.body.contains("ĐÃ SỬA") }
        #expect(edited?.status == 200)
        #expect(await message.value == "reload")
        // Only the edited file was read again, but every list that shows the guide has the new title.
        #expect(await Self.get(base + "/huong-dan/")?.body.contains("ĐÃ SỬA") == true)
        #expect(await Self.get(base + "/sitemap.xml")?.body.contains("/huong-dan/cai-dat-vneid/") == true)

        // A new guide appears without restarting, in its page and in the guides list.
        let added = site.appendingPathComponent("content/guides/huong-dan-moi.md")
        try original.replacingOccurrences(of: "title: \"", with: "title: \"MỚI THÊM ").write(to: added, atomically: true, encoding: .utf8)
        let new = await Self.eventually(base + "/huong-dan/huong-dan-moi/") { $0.status == 200 }
        #expect(new?.body.contains("MỚI THÊM") == true)
        #expect(await Self.get(base + "/huong-dan/")?.body.contains("MỚI THÊM") == true)
        try FileManager.default.removeItem(at: added)
        #expect(await Self.eventually(base + "/huong-dan/huong-dan-moi/") { $0.status == 404 }?.status == 404)

        // Break it: the browser gets an error page naming the file and line; the server keeps running.
        try original.replacingOccurrences(of: "duration: ", with: "duration: nhiều ").write(to: path, atomically: true, encoding: .utf8)
        let broken = try #require(await Self.eventually(base + "/huong-dan/cai-dat-vneid/") { $0.status == 500 })
        #expect(broken.body.contains("content/guides/cai-dat-vneid.md:"))
        #expect(broken.body.contains("must be a whole number"))
        // Fix it: the page comes back.
        try original.write(to: path, atomically: true, encoding: .utf8)
        let fixed = await Self.eventually(base + "/huong-dan/cai-dat-vneid/") { $0.status == 200 }
        #expect(fixed?.body.contains("ĐÃ SỬA") == false)
        #expect(process.isRunning)
    }
}

/// The smallest WebSocket client that can hear the server's "reload" text frame.
final class ReloadListener: @unchecked Sendable {
    let fd: Int32

    init(port: UInt16) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = port.bigEndian
        let ok = withUnsafePointer(to: &addr) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard ok == 0 else { throw POSIXError(.ECONNREFUSED) }
        let request = "GET /__lantern/reload HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
        _ = request.withCString { send(fd, $0, strlen($0), 0) }
        var timeout = timeval(tv_sec: 20, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        // Read the handshake response up to the blank line.
        var header = [UInt8]()
        var byte: UInt8 = 0
        while !header.suffix(4).elementsEqual([13, 10, 13, 10]) {
            guard recv(fd, &byte, 1, 0) == 1 else { throw POSIXError(.ECONNRESET) }
            header.append(byte)
        }
        guard String(decoding: header, as: UTF8.self).hasPrefix("HTTP/1.1 101") else { throw POSIXError(.EPROTO) }
    }

    deinit { close(fd) }

    /// The payload of the first text frame, or nil if none arrives in time.
    func waitForTextFrame(timeout: Int) -> String? {
        var head = [UInt8](repeating: 0, count: 2)
        guard recv(fd, &head, 2, Int32(MSG_WAITALL)) == 2, head[0] & 0x0F == 1 else { return nil }
        let length = Int(head[1] & 0x7F)
        guard length < 126 else { return nil }
        var payload = [UInt8](repeating: 0, count: length)
        guard length == 0 || recv(fd, &payload, length, Int32(MSG_WAITALL)) == length else { return nil }
        return String(decoding: payload, as: UTF8.self)
    }
}
