import Foundation
@testable import LanternCLI
import Testing

/// The preview server's request parsing and WebSocket framing, byte by byte.
struct HTTPParsingTests {
    static func parse(_ text: String) -> Result<RequestHead, HTTPStatus> {
        RequestHead.parse(ArraySlice(Array(text.utf8)))
    }

    @Test func readsAnOrdinaryRequest() throws {
        let head = try Self.parse("GET /huong-dan/?q=1 HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nAccept: */*\r\n").get()
        #expect(head.method == "GET" && head.path == "/huong-dan/" && head.minorVersion == 1)
        #expect(head.keepAlive && !head.announcesBody)
        let old = try Self.parse("\r\nHEAD http://127.0.0.1/a%20b HTTP/1.0\n").get()
        #expect(old.path == "/a%20b" && old.minorVersion == 0 && !old.keepAlive)
        #expect(try Self.parse("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n").get().keepAlive)
        #expect(try !Self.parse("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n").get().keepAlive)
    }

    @Test(arguments: [
        ("GET / HTTP/9.9\r\nHost: x\r\n", 505), ("GET / HTTP/2.0\r\nHost: x\r\n", 505), ("GET / HTTP/0.9\r\nHost: x\r\n", 505),
        ("POST / HTTP/1.1\r\nHost: x\r\n", 405), ("DELETE / HTTP/1.1\r\nHost: x\r\n", 405), ("OPTIONS * HTTP/1.1\r\nHost: x\r\n", 405),
        ("GET / HTTP/1.1x\r\nHost: x\r\n", 400), ("GET /  HTTP/1.1\r\nHost: x\r\n", 400), ("GET / http/1.1\r\nHost: x\r\n", 400),
        ("G(T / HTTP/1.1\r\nHost: x\r\n", 400), ("GET x HTTP/1.1\r\nHost: x\r\n", 400), ("GET / HTTP/1.1\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n", 400), ("GET / HTTP/1.1\r\nHost: x\r\n folded\r\n", 400),
        ("GET / HTTP/1.1\r\nHost : x\r\n", 400), ("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n", 400), ("GET /\u{7F} HTTP/1.1\r\nHost: x\r\n", 400),
        ("GET / HTTP/1.1\r\nHost: x\u{1}\r\n", 400),
    ])
    func refusesWhatItCannotServe(request: String, status: Int) {
        guard case .failure(let refused) = Self.parse(request) else {
            Issue.record("\(request.debugDescription) was accepted")
            return
        }
        #expect(refused.code == status, "\(request.debugDescription)")
    }

    @Test func aRequestWithABodyClosesItsConnection() throws {
        let head = try Self.parse("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n").get()
        #expect(head.announcesBody && !head.keepAlive)
        let chunked = try Self.parse("GET / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n").get()
        #expect(chunked.announcesBody && !chunked.keepAlive)
        #expect(try !Self.parse("GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 000\r\n").get().announcesBody)
    }

    @Test func refusalsSayWhatIsAllowed() {
        let response = HTTPResponse.refusal(.methodNotAllowed, "GET and HEAD only.")
        let head = String(decoding: response.encodedHead(keepAlive: false), as: UTF8.self)
        #expect(head.hasPrefix("HTTP/1.1 405 Method Not Allowed\r\n"))
        #expect(head.contains("\r\nAllow: GET, HEAD\r\n") && head.contains("\r\nConnection: close\r\n") && head.hasSuffix("\r\n\r\n"))
    }

    @Test func answersTheWebSocketHandshake() throws {
        // RFC 6455 §1.3's example key and answer, and SHA-1 of "abc" from FIPS 180.
        #expect(WebSocket.acceptValue(for: "dGhlIHNhbXBsZSBub25jZQ==") == "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=")
        #expect(SHA1.digest(Array("abc".utf8)).map { String(format: "%02x", $0) }.joined() == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(SHA1.digest(Array(String(repeating: "a", count: 1000).utf8)).map { String(format: "%02x", $0) }.joined() == "291e9a6c66994949b57ba5e650361e98fc36b1ba")
        let upgrade = try Self.parse("GET /__lantern/reload HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: keep-alive, Upgrade\r\n" +
            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n").get()
        #expect(WebSocket.handshake(upgrade).status == .switchingProtocols)
        var plain = upgrade
        plain.upgrade = nil
        #expect(WebSocket.handshake(plain).status == .upgradeRequired)
        plain = upgrade
        plain.webSocketKey = "short"
        #expect(WebSocket.handshake(plain).status == .badRequest)
    }

    @Test func readsABrowsersFrames() {
        func masked(_ opcode: UInt8, _ payload: [UInt8]) -> [UInt8] {
            let mask: [UInt8] = [1, 2, 3, 4]
            return [0x80 | opcode, 0x80 | UInt8(payload.count)] + mask + payload.enumerated().map { $0.element ^ mask[$0.offset & 3] }
        }
        var buffer = masked(0x1, Array("hi".utf8)) + masked(0x9, [7]) + masked(0x8, [0x03, 0xE8])
        #expect(WebSocket.consumeFrames(&buffer) == [.ping([7]), .close([0x03, 0xE8])])
        #expect(buffer.isEmpty)
        var partial = Array(masked(0x9, [1, 2, 3]).prefix(5))
        #expect(WebSocket.consumeFrames(&partial) == [])
        #expect(partial.count == 5)
        var unmasked: [UInt8] = [0x81, 0x01, 0x41]
        #expect(WebSocket.consumeFrames(&unmasked) == nil)
        var huge: [UInt8] = [0x82, 0xFF, 0, 0, 0, 1, 0, 0, 0, 0]
        #expect(WebSocket.consumeFrames(&huge) == nil)
    }
}
