import Foundation

/// Turns Vietnamese (or any Latin-script) text into a clean lowercase ASCII slug:
/// "Bước 2: Đăng nhập" → "buoc-2-dang-nhap". Used for URLs and heading ids.
public enum Slug {
    public static func make(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        var pendingDash = false
        func emit(_ byte: UInt8) {
            if pendingDash && !out.isEmpty { out.append(0x2D) }
            pendingDash = false
            out.append(byte)
        }
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                switch v {
                case 0x61...0x7A, 0x30...0x39: emit(UInt8(v))
                case 0x41...0x5A: emit(UInt8(v + 32))
                default: pendingDash = true
                }
            } else if let base = latinBase[v] {
                emit(base)
            } else if (0x0300...0x036F).contains(v) {
                continue  // a combining mark after its letter (text not in NFC)
            } else if let base = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars.first,
                      base != scalar, let byte = asciiAlphanumeric(base) {
                emit(byte)  // another script's letter with a diacritic: its base letter
            } else {
                pendingDash = true
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func asciiAlphanumeric(_ scalar: Unicode.Scalar) -> UInt8? {
        switch scalar.value {
        case 0x61...0x7A, 0x30...0x39: return UInt8(scalar.value)
        case 0x41...0x5A: return UInt8(scalar.value + 32)
        default: return nil
        }
    }

    /// Latin letters with diacritics (Latin-1 to Latin Extended-B and Latin Extended Additional,
    /// which holds Vietnamese) → their lowercase ASCII base letter, worked out once from Unicode
    /// decompositions: "ế" → "e", "Ư" → "u", and "đ"/"Đ" → "d" (no decomposition, but read as d).
    private static let latinBase: [UInt32: UInt8] = {
        var table: [UInt32: UInt8] = [0x0111: 0x64, 0x0110: 0x64]
        for v in Array(0x00C0...0x024F) + Array(0x1E00...0x1EFF) {
            guard table[UInt32(v)] == nil, let scalar = Unicode.Scalar(v),
                  let base = String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars.first,
                  base != scalar, let byte = asciiAlphanumeric(base) else { continue }
            table[UInt32(v)] = byte
        }
        return table
    }()

    /// Gives each of a document's slugs a unique form: "a", "a-1", "a-2", …
    public struct Uniquer: Sendable {
        private var used: [String: Int] = [:]
        public init() {}
        public mutating func unique(_ base: String) -> String {
            let base = base.isEmpty ? "section" : base
            guard let count = used[base] else {
                used[base] = 0
                return base
            }
            var n = count + 1
            while used["\(base)-\(n)"] != nil { n += 1 }
            used[base] = n
            used["\(base)-\(n)"] = 0
            return "\(base)-\(n)"
        }
    }
}
