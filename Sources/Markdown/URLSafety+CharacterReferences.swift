extension URLSafety {
    /// Decodes HTML character references the way a browser does in an attribute value: numeric ones
    /// (`&#106;`, `&#x6A;`, with or without the `;`) and the named ones that stand for ASCII characters
    /// (`&colon;`, `&Tab;`, `&sol;`, …). Letters have no named reference, so this table is enough to
    /// reveal any scheme; unknown names are left as written.
    static func decodeCharacterReferences(_ s: String) -> String {
        guard s.utf8.contains(UInt8(ascii: "&")) else { return s }
        let scalars = Array(s.unicodeScalars)
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            if scalars[i] == "&", let (decoded, length) = reference(in: scalars, at: i) {
                out.append(decoded)
                i += length
            } else {
                out.append(scalars[i])
                i += 1
            }
        }
        return String(out)
    }

    /// The character a reference starting at `start` (an `&`) stands for, and its length.
    private static func reference(in s: [Unicode.Scalar], at start: Int) -> (Unicode.Scalar, Int)? {
        var i = start + 1
        guard i < s.count else { return nil }
        if s[i] == "#" {
            i += 1
            var radix: UInt32 = 10
            if i < s.count, s[i] == "x" || s[i] == "X" { radix = 16; i += 1 }
            var value: UInt32 = 0
            var digits = 0
            while i < s.count, let digit = digitValue(s[i], radix: radix) {
                value = min(value &* radix &+ digit, 0x110000)  // saturate: too large is invalid
                digits += 1
                i += 1
            }
            guard digits > 0 else { return nil }
            if i < s.count, s[i] == ";" { i += 1 }
            let scalar = value == 0 ? nil : Unicode.Scalar(value)
            return (scalar ?? "\u{FFFD}", i - start)
        }
        var name = ""
        while i < s.count, i - start <= 32, isASCIIAlphanumeric(s[i]) {
            name.unicodeScalars.append(s[i])
            i += 1
        }
        if i < s.count, s[i] == ";", let decoded = namedReferences[name] { return (decoded, i + 1 - start) }
        // A few old names are decoded even without the `;`.
        if let decoded = legacyNamedReferences[name] { return (decoded, i - start) }
        return nil
    }

    private static func isASCIIAlphanumeric(_ c: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(c) || ("A"..."Z").contains(c) || ("0"..."9").contains(c)
    }

    private static func digitValue(_ c: Unicode.Scalar, radix: UInt32) -> UInt32? {
        switch c.value {
        case 0x30...0x39: return c.value - 0x30
        case 0x61...0x66 where radix == 16: return c.value - 0x61 + 10
        case 0x41...0x46 where radix == 16: return c.value - 0x41 + 10
        default: return nil
        }
    }

    private static let legacyNamedReferences: [String: Unicode.Scalar] = [
        "amp": "&", "AMP": "&", "lt": "<", "LT": "<", "gt": ">", "GT": ">", "quot": "\"", "QUOT": "\"",
        "nbsp": "\u{A0}",
    ]

    private static let namedReferences: [String: Unicode.Scalar] = legacyNamedReferences.merging([
        "Tab": "\t", "NewLine": "\n", "excl": "!", "num": "#", "dollar": "$", "percnt": "%",
        "apos": "'", "lpar": "(", "rpar": ")", "ast": "*", "midast": "*", "plus": "+", "comma": ",",
        "period": ".", "sol": "/", "colon": ":", "semi": ";", "equals": "=", "quest": "?",
        "commat": "@", "lsqb": "[", "lbrack": "[", "bsol": "\\", "rsqb": "]", "rbrack": "]",
        "Hat": "^", "lowbar": "_", "UnderBar": "_", "grave": "`", "DiacriticalGrave": "`",
        "lcub": "{", "lbrace": "{", "verbar": "|", "vert": "|", "VerticalLine": "|", "rcub": "}",
        "rbrace": "}", "shy": "\u{AD}", "ZeroWidthSpace": "\u{200B}", "zwj": "\u{200D}",
        "zwnj": "\u{200C}",
    ]) { a, _ in a }
}
