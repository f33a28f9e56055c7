import CQRencode

/// A QR code made by libqrencode (error correction level M, byte mode), as a square matrix of
/// modules, and drawn as a small inline SVG for printed handouts.
struct QRCode: Sendable, Equatable {
    /// The QR version libqrencode chose (1–40): the smallest that holds the text.
    let version: Int
    /// Modules per side (without the quiet zone): `17 + 4 × version`.
    let size: Int
    /// Row-major, `true` for a dark module.
    let modules: [Bool]

    /// Modules of light margin around the code; the QR standard asks for four.
    static let quietZone = 4

    /// Encodes `text`; nil only when libqrencode refuses it (too long for version 40, or out of memory).
    init?(_ text: String) {
        guard let code = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1) else { return nil }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        // libqrencode: bit 0 of each byte is the module's colour (1 = dark); the other bits describe its role.
        let data = UnsafeBufferPointer(start: code.pointee.data, count: width * width)
        version = Int(code.pointee.version)
        size = width
        modules = data.map { $0 & 1 == 1 }
    }

    func isDark(x: Int, y: Int) -> Bool { modules[y * size + x] }

    /// The code as an inline SVG: one path of horizontal runs on a white square with the quiet
    /// zone, `crispEdges` so printers do not blur module edges, `role="img"` with a `<title>`.
    /// - Parameters:
    ///   - title: the accessible name (plain text; escaped here).
    ///   - cssClass: the `class` attribute, sized by the stylesheet.
    func svg(title: String, cssClass: String = "qr") -> String {
        let side = size + 2 * Self.quietZone
        // One `M x yhNv1h-Nz` per run of dark modules, written as bytes: an interpolated string per
        // run (hundreds per code, a code per handout) was 3 % of a 10 000-page build's CPU.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(size * size * 2)
        func number(_ n: Int, _ out: inout [UInt8]) {
            if n >= 10 { number(n / 10, &out) }
            out.append(UInt8(48 + n % 10))
        }
        for y in 0..<size {
            var x = 0
            while x < size {
                guard isDark(x: x, y: y) else { x += 1; continue }
                let start = x
                while x < size && isDark(x: x, y: y) { x += 1 }
                bytes.append(UInt8(ascii: "M")); number(start + Self.quietZone, &bytes)
                bytes.append(UInt8(ascii: " ")); number(y + Self.quietZone, &bytes)
                bytes.append(UInt8(ascii: "h")); number(x - start, &bytes)
                bytes.append(contentsOf: "v1h-".utf8); number(x - start, &bytes)
                bytes.append(UInt8(ascii: "z"))
            }
        }
        let path = String(decoding: bytes, as: UTF8.self)
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"\(cssClass)\" viewBox=\"0 0 \(side) \(side)\" "
            + "role=\"img\" shape-rendering=\"crispEdges\"><title>\(Format.escape(title))</title>"
            + "<rect width=\"\(side)\" height=\"\(side)\" fill=\"#fff\"/><path d=\"\(path)\" fill=\"#000\"/></svg>"
    }
}
