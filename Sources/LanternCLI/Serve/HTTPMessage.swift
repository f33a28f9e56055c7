import Foundation

/// An HTTP status the preview server sends, with its reason phrase; a request that cannot be
/// served fails to parse with the status to answer it with.
struct HTTPStatus: Error, Equatable, Sendable {
    var code: Int
    var reason: String

    static let switchingProtocols = HTTPStatus(code: 101, reason: "Switching Protocols")
    static let ok = HTTPStatus(code: 200, reason: "OK")
    static let movedPermanently = HTTPStatus(code: 301, reason: "Moved Permanently")
    static let badRequest = HTTPStatus(code: 400, reason: "Bad Request")
    static let notFound = HTTPStatus(code: 404, reason: "Not Found")
    static let methodNotAllowed = HTTPStatus(code: 405, reason: "Method Not Allowed")
    static let requestTimeout = HTTPStatus(code: 408, reason: "Request Timeout")
    static let uriTooLong = HTTPStatus(code: 414, reason: "URI Too Long")
    static let upgradeRequired = HTTPStatus(code: 426, reason: "Upgrade Required")
    static let headerFieldsTooLarge = HTTPStatus(code: 431, reason: "Request Header Fields Too Large")
    static let internalServerError = HTTPStatus(code: 500, reason: "Internal Server Error")
    static let versionNotSupported = HTTPStatus(code: 505, reason: "HTTP Version Not Supported")
}

/// What the preview server reads of a request: the request line and the few headers it acts on.
/// Bodies are never read (GET and HEAD have none); a request that announces one is answered and
/// its connection closed, so unread bytes can never be taken for the next request.
struct RequestHead: Equatable, Sendable {
    var method: String
    /// The request target's path, still percent-encoded, without the query.
    var path: String
    /// 0 for HTTP/1.0, 1 for HTTP/1.1.
    var minorVersion: Int
    var keepAlive: Bool
    var announcesBody: Bool
    var upgrade: String?
    var connectionTokens: Set<String>
    var webSocketKey: String?
    var webSocketVersion: String?

    /// Parses a complete head (request line and header lines, without the blank line that ends
    /// it). Returns the status to answer with when the request cannot be served.
    static func parse(_ bytes: ArraySlice<UInt8>) -> Result<RequestHead, HTTPStatus> {
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
            line.last == UInt8(ascii: "\r") ? line.dropLast() : line
        }
        // RFC 9112 §2.2: empty lines before the request line are ignored.
        while lines.first?.isEmpty == true { lines.removeFirst() }
        guard let first = lines.first, first.allSatisfy({ $0 > 0x20 && $0 < 0x7F || $0 == 0x20 }) else { return .failure(.badRequest) }
        let parts = first.split(separator: 0x20, omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty }) else { return .failure(.badRequest) }
        let method = String(decoding: parts[0], as: UTF8.self)
        let target = String(decoding: parts[1], as: UTF8.self)
        let version = Array(parts[2])

        // HTTP-version = "HTTP/" DIGIT "." DIGIT; only 1.0 and 1.1 are spoken here.
        let digit: (UInt8) -> Bool = { $0 >= 0x30 && $0 <= 0x39 }
        guard version.count == 8, version.starts(with: Array("HTTP/".utf8)), digit(version[5]), version[6] == UInt8(ascii: "."), digit(version[7])
        else { return .failure(.badRequest) }
        guard version[5] == UInt8(ascii: "1"), version[7] <= UInt8(ascii: "1") else { return .failure(.versionNotSupported) }
        let minor = Int(version[7] - 0x30)

        guard !method.isEmpty, method.utf8.allSatisfy(isTokenByte) else { return .failure(.badRequest) }
        guard method == "GET" || method == "HEAD" else { return .failure(.methodNotAllowed) }
        guard let path = originPath(of: target) else { return .failure(.badRequest) }

        var head = RequestHead(method: method, path: path, minorVersion: minor, keepAlive: minor == 1, announcesBody: false,
                               upgrade: nil, connectionTokens: [], webSocketKey: nil, webSocketVersion: nil)
        var hosts = 0
        var contentLengths = Set<String>()
        for line in lines.dropFirst() where !line.isEmpty {
            // Obsolete line folding (a line starting with white space) is refused (RFC 9112 §5.2).
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex,
                  line[line.startIndex..<colon].allSatisfy(isTokenByte) else { return .failure(.badRequest) }
            let rawValue = line[(colon + 1)...]
            guard rawValue.allSatisfy({ $0 == 0x09 || $0 >= 0x20 && $0 != 0x7F }) else { return .failure(.badRequest) }
            let name = String(decoding: line[line.startIndex..<colon], as: UTF8.self).lowercased()
            let value = String(decoding: rawValue, as: UTF8.self).trimmingCharacters(in: .whitespaces)
            switch name {
            case "host": hosts += 1
            case "connection":
                for token in value.split(separator: ",") { head.connectionTokens.insert(token.trimmingCharacters(in: .whitespaces).lowercased()) }
            case "upgrade": head.upgrade = value.lowercased()
            case "sec-websocket-key": head.webSocketKey = value
            case "sec-websocket-version": head.webSocketVersion = value
            case "content-length":
                guard !value.isEmpty, value.utf8.allSatisfy(digit) else { return .failure(.badRequest) }
                contentLengths.insert(String(value.drop { $0 == "0" }))
            case "transfer-encoding": head.announcesBody = true
            default: break
            }
        }
        // HTTP/1.1 requires exactly one Host; two lengths that disagree frame nothing safely.
        if minor == 1 && hosts != 1 || hosts > 1 || contentLengths.count > 1 { return .failure(.badRequest) }
        if contentLengths.contains(where: { !$0.isEmpty }) { head.announcesBody = true }
        if head.connectionTokens.contains("close") { head.keepAlive = false }
        if minor == 0 && head.connectionTokens.contains("keep-alive") { head.keepAlive = true }
        if head.announcesBody { head.keepAlive = false }
        return .success(head)
    }

    /// The path of an origin-form target (`/a/b?q`) or an absolute-form one (`http://host/a/b`).
    static func originPath(of target: String) -> String? {
        var rest = Substring(target)
        for scheme in ["http://", "https://"] where rest.lowercased().hasPrefix(scheme) {
            rest = rest.dropFirst(scheme.count)
            guard let slash = rest.firstIndex(of: "/") else { return "/" }
            rest = rest[slash...]
        }
        guard rest.hasPrefix("/") else { return nil }
        if let cut = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) { rest = rest[..<cut] }
        return String(rest)
    }

    /// RFC 9110 `tchar`.
    static func isTokenByte(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"): return true
        default: return Array("!#$%&'*+-.^_`|~".utf8).contains(b)
        }
    }
}

/// A response, encoded by the server (`Content-Length`, `Connection`) when it is sent.
struct HTTPResponse: Sendable {
    var status: HTTPStatus
    var headers: [(String, String)] = []
    var body = Data()

    /// A short plain-text answer to a request that cannot be served.
    static func refusal(_ status: HTTPStatus, _ explanation: String) -> HTTPResponse {
        var response = HTTPResponse(status: status, headers: [("Content-Type", "text/plain; charset=utf-8")], body: Data((explanation + "\n").utf8))
        if status == .methodNotAllowed { response.headers.append(("Allow", "GET, HEAD")) }
        return response
    }

    /// The status line and headers; the body is sent after them unless the request was HEAD.
    func encodedHead(keepAlive: Bool) -> Data {
        var out = "HTTP/1.1 \(status.code) \(status.reason)\r\n"
        for (name, value) in headers { out += "\(name): \(value)\r\n" }
        if status != .switchingProtocols {
            out += "Content-Length: \(body.count)\r\nConnection: \(keepAlive ? "keep-alive" : "close")\r\n"
        }
        return Data((out + "\r\n").utf8)
    }
}
