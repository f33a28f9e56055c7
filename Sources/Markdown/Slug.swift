import Foundation

/// Turns Vietnamese (or any Latin-script) text into a clean lowercase ASCII slug:
/// "Bước 2: Đăng nhập" → "buoc-2-dang-nhap". Used for URLs and heading ids.
public enum Slug {
    public static func make(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var pendingDash = false
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            let v = scalar.value
            // Combining diacritical marks disappear: "ế" → "e".
            if (0x0300...0x036F).contains(v) { continue }
            let mapped: Character?
            switch scalar {
            case "đ", "Đ": mapped = "d"
            case "a"..."z", "0"..."9": mapped = Character(scalar)
            case "A"..."Z": mapped = Character(Unicode.Scalar(v + 32)!)
            default: mapped = nil
            }
            if let c = mapped {
                if pendingDash && !out.isEmpty { out.append("-") }
                pendingDash = false
                out.append(c)
            } else {
                pendingDash = true
            }
        }
        return out
    }

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
