import Foundation

/// The little of RFC 6455 live reload needs: the handshake, server text frames, and reading a
/// browser's frames well enough to answer ping and close.
enum WebSocket {
    /// `Sec-WebSocket-Accept` for a client's `Sec-WebSocket-Key`.
    static func acceptValue(for key: String) -> String {
        Data(SHA1.digest(Array((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").utf8))).base64EncodedString()
    }

    /// The 101 answer to a valid upgrade request, or the status to refuse it with.
    static func handshake(_ head: RequestHead) -> HTTPResponse {
        guard head.upgrade == "websocket", head.connectionTokens.contains("upgrade") else {
            var response = HTTPResponse.refusal(.upgradeRequired, "This address is the live-reload WebSocket.")
            response.headers.append(("Upgrade", "websocket"))
            return response
        }
        guard head.method == "GET", head.minorVersion == 1, head.webSocketVersion == "13",
              let key = head.webSocketKey, Data(base64Encoded: key)?.count == 16 else {
            return .refusal(.badRequest, "Not a valid WebSocket handshake.")
        }
        return HTTPResponse(status: .switchingProtocols, headers: [
            ("Upgrade", "websocket"), ("Connection", "Upgrade"), ("Sec-WebSocket-Accept", acceptValue(for: key)),
        ])
    }

    /// An unmasked server frame; control and reload payloads are always under 126 bytes.
    static func frame(opcode: UInt8, _ payload: [UInt8]) -> Data {
        precondition(payload.count < 126)
        return Data([0x80 | opcode, UInt8(payload.count)] + payload)
    }

    enum Incoming: Equatable { case ping([UInt8]), close([UInt8]) }

    /// The largest frame a browser's live-reload socket has any reason to send.
    static let maxIncomingFrame = 64 * 1024

    /// Takes the complete frames at the start of `buffer` and returns the ones that need an
    /// answer; nil if the client sends something no live-reload client would (the connection is
    /// then dropped).
    static func consumeFrames(_ buffer: inout [UInt8]) -> [Incoming]? {
        var out: [Incoming] = []
        while buffer.count >= 2 {
            let opcode = buffer[0] & 0x0F, masked = buffer[1] & 0x80 != 0
            var length = Int(buffer[1] & 0x7F), headerLength = 2
            if length == 126 {
                guard buffer.count >= 4 else { break }
                length = Int(buffer[2]) << 8 | Int(buffer[3]); headerLength = 4
            } else if length == 127 {
                guard buffer.count >= 10 else { break }
                guard buffer[2..<6].allSatisfy({ $0 == 0 }) else { return nil }
                length = buffer[6..<10].reduce(0) { $0 << 8 | Int($1) }; headerLength = 10
            }
            // RFC 6455 §5.1: a client masks every frame.
            guard masked, length <= maxIncomingFrame else { return nil }
            guard buffer.count >= headerLength + 4 + length else { break }
            let mask = Array(buffer[headerLength..<(headerLength + 4)])
            let start = headerLength + 4
            let payload = (0..<length).map { buffer[start + $0] ^ mask[$0 & 3] }
            buffer.removeFirst(start + length)
            switch opcode {
            case 0x8: out.append(.close(Array(payload.prefix(2)))); return out
            case 0x9: out.append(.ping(Array(payload.prefix(125))))
            default: break
            }
        }
        return buffer.count > maxIncomingFrame + 14 ? nil : out
    }
}

/// SHA-1, only for the WebSocket handshake (Foundation on Linux has no digest API).
enum SHA1 {
    static func digest(_ message: [UInt8]) -> [UInt8] {
        var h: [UInt32] = [0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0]
        var data = message
        data.append(0x80)
        while data.count % 64 != 56 { data.append(0) }
        let bits = UInt64(message.count) * 8
        for shift in stride(from: 56, through: 0, by: -8) { data.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
        var w = [UInt32](repeating: 0, count: 80)
        for chunk in stride(from: 0, to: data.count, by: 64) {
            for i in 0..<16 {
                w[i] = (0..<4).reduce(0) { $0 << 8 | UInt32(data[chunk + i * 4 + $1]) }
            }
            for i in 16..<80 {
                let x = w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16]
                w[i] = x << 1 | x >> 31
            }
            var (a, b, c, d, e) = (h[0], h[1], h[2], h[3], h[4])
            for i in 0..<80 {
                let (f, k): (UInt32, UInt32)
                switch i {
                case 0..<20: (f, k) = (b & c | ~b & d, 0x5A82_7999)
                case 20..<40: (f, k) = (b ^ c ^ d, 0x6ED9_EBA1)
                case 40..<60: (f, k) = (b & c | b & d | c & d, 0x8F1B_BCDC)
                default: (f, k) = (b ^ c ^ d, 0xCA62_C1D6)
                }
                let t = (a << 5 | a >> 27) &+ f &+ e &+ k &+ w[i]
                (e, d, c, b, a) = (d, c, b << 30 | b >> 2, a, t)
            }
            h = [h[0] &+ a, h[1] &+ b, h[2] &+ c, h[3] &+ d, h[4] &+ e]
        }
        return h.flatMap { v in (0..<4).map { UInt8(truncatingIfNeeded: v >> UInt32(24 - 8 * $0)) } }
    }
}
