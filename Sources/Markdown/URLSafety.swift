/// The one allow-list for every URL Lantern emits, from Markdown bodies and from front-matter fields
/// alike: `http:`, `https:`, `mailto:`, `tel:` and URLs without a scheme (`/x`, `#frag`, `?q`, `a/b`).
///
/// A browser decides what a URL is after decoding character references (`&#x73;`, `&colon;`), and it
/// ignores tabs and newlines anywhere in it, so `java&#x73;cript:` and `java\tscript:` are both
/// `javascript:`. The check therefore looks at the URL as written and at each decoded form of it
/// (character references, then percent-encoding of the scheme part), with tabs, newlines and control
/// characters removed, and refuses the URL if any of those forms has a scheme outside the list.
public enum URLSafety {
    /// What `check(_:)` found.
    public enum Verdict: Sendable, Equatable {
        /// Allowed: a URL with an allowed scheme, or one without a scheme (site-relative or relative).
        /// The value is the URL normalized: surrounding spaces and control characters and every tab
        /// and newline removed, the scheme in lowercase.
        case safe(String)
        /// A protocol-relative URL (`//host/…`, or `\\host`, which browsers read the same way): it
        /// leaves the site like an `https:` URL. Fine for a link; a caller may refuse it for images.
        /// The value is normalized as for `.safe`.
        case external(String)
        /// Refused; `reason` says why in plain words (for an error message).
        case unsafe(reason: String)

        /// The normalized URL, or nil when it is unsafe.
        public var normalized: String? {
            switch self {
            case .safe(let url), .external(let url): return url
            case .unsafe: return nil
            }
        }

        /// The lowercase scheme of a safe absolute URL (`http`, `https`, `mailto`, `tel`); nil for a
        /// URL without a scheme, a protocol-relative one, or an unsafe one.
        public var scheme: String? {
            guard case .safe(let url) = self, let colon = url.firstIndex(of: ":") else { return nil }
            let scheme = String(url[..<colon])
            return URLSafety.allowedSchemes.contains(scheme) ? scheme : nil
        }
    }

    /// The schemes a URL may have.
    public static let allowedSchemes: Set<String> = ["http", "https", "mailto", "tel"]

    /// Decides whether `raw` may be emitted as a link or image address.
    public static func check(_ raw: String) -> Verdict {
        quickCheck(raw) ?? fullCheck(raw)
    }

    /// Every step, for any URL: what `check` answers when its quick look cannot decide.
    static func fullCheck(_ raw: String) -> Verdict {
        let normalized = normalize(raw)
        var isExternal = false
        var form = normalized
        // The URL as written, then each level of character-reference decoding (a browser decodes
        // once, but the text may already have been decoded once on its way here, e.g. by cmark).
        for _ in 0..<4 {
            switch classify(form) {
            case .unsafe(let reason): return .unsafe(reason: reason)
            case .external: isExternal = true
            case .safe: break
            }
            let decoded = clean(decodeCharacterReferences(form))
            if decoded == form { break }
            form = decoded
        }
        return isExternal ? .external(normalized) : .safe(normalized)
    }

    /// The verdict for the usual URL, decided over its bytes: printable ASCII without `&`, `%` or
    /// `\\` (so no decoding step can change it and `clean` leaves it as it is), not starting with
    /// `//`, and either without a scheme or with an allowed one already in lowercase. Such a URL is
    /// `.safe` as written. Anything else (nil) takes the full check; the answers are the same.
    static func quickCheck(_ raw: String) -> Verdict? {
        var bytesOf = raw
        return bytesOf.withUTF8 { bytes -> Verdict? in
            guard !bytes.isEmpty else { return nil }
            var colon = -1, schemeEnded = false
            for (i, b) in bytes.enumerated() {
                guard b > 0x20, b < 0x7F, b != UInt8(ascii: "&"), b != UInt8(ascii: "%"), b != UInt8(ascii: "\\") else { return nil }
                if schemeEnded { continue }
                if b == UInt8(ascii: "/") || b == UInt8(ascii: "?") || b == UInt8(ascii: "#") { schemeEnded = true }
                else if b == UInt8(ascii: ":") { colon = i; schemeEnded = true }
            }
            if bytes.count >= 2, bytes[0] == UInt8(ascii: "/"), bytes[1] == UInt8(ascii: "/") { return nil }
            guard colon >= 0 else { return .safe(raw) }
            let scheme = String(decoding: UnsafeBufferPointer(rebasing: bytes[..<colon]), as: UTF8.self)
            return allowedSchemes.contains(scheme) ? .safe(raw) : nil
        }
    }

    // MARK: - Steps

    /// Browsers strip leading and trailing C0 controls and spaces, and every tab and newline.
    private static func clean(_ s: String) -> String {
        if !s.utf8.contains(where: { $0 <= 0x20 }) { return s }  // the usual case, kept fast
        var scalars = Array(s.unicodeScalars.filter { $0 != "\t" && $0 != "\n" && $0 != "\r" })
        while let first = scalars.first, first.value <= 0x20 { scalars.removeFirst() }
        while let last = scalars.last, last.value <= 0x20 { scalars.removeLast() }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars)
        return String(out)
    }

    /// `clean`, plus a literal ASCII scheme in lowercase (`HTTPS://x` → `https://x`).
    private static func normalize(_ raw: String) -> String {
        let cleaned = clean(raw)
        guard let colon = cleaned.firstIndex(of: ":") else { return cleaned }
        let scheme = cleaned[..<colon]
        guard let first = scheme.unicodeScalars.first, isASCIILetter(first),
              scheme.unicodeScalars.allSatisfy(isSchemeCharacter) else { return cleaned }
        return scheme.lowercased() + cleaned[colon...]
    }

    private enum Class { case safe, external, unsafe(String) }

    private static func classify(_ url: String) -> Class {
        let scalars = Array(url.unicodeScalars)
        if scalars.count >= 2, isSlash(scalars[0]), isSlash(scalars[1]) { return .external }
        // Only the part before the first path, query or fragment delimiter can hold a scheme.
        let prefix = scalars.prefix { !isSlash($0) && $0 != "?" && $0 != "#" }
        var asWritten = String.UnicodeScalarView()
        asWritten.append(contentsOf: prefix)
        for candidate in [String(asWritten), percentDecoded(String(asWritten))] {
            guard let colon = candidate.unicodeScalars.firstIndex(of: ":") else { continue }
            // Drop everything a scheme cannot contain (spaces, controls, zero-width characters), so
            // `java\u{0}script` or `java\u{200B}script` are judged as `javascript`.
            var scheme = String.UnicodeScalarView()
            scheme.append(contentsOf: candidate.unicodeScalars[..<colon].filter(isSchemeCharacter))
            let name = String(scheme).lowercased()
            if allowedSchemes.contains(name) { continue }
            return .unsafe(reason(forScheme: name))
        }
        return .safe
    }

    private static func reason(forScheme name: String) -> String {
        switch name {
        case "javascript", "vbscript", "livescript":
            return "a `\(name):` address runs code in the reader's browser"
        case "data":
            return "a `data:` address can carry a whole page or a script"
        case "file":
            return "a `file:` address points into the reader's own computer"
        case "":
            return "the address starts with a colon, so it has an empty scheme"
        default:
            return "the scheme `\(name):` is not allowed; only http:, https:, mailto: and tel: addresses and addresses within the site are"
        }
    }

    // MARK: - Characters

    private static func isSlash(_ c: Unicode.Scalar) -> Bool { c == "/" || c == "\\" }

    private static func isASCIILetter(_ c: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(c) || ("A"..."Z").contains(c)
    }

    private static func isSchemeCharacter(_ c: Unicode.Scalar) -> Bool {
        isASCIILetter(c) || ("0"..."9").contains(c) || c == "+" || c == "-" || c == "."
    }

    private static func percentDecoded(_ s: String) -> String {
        guard s.utf8.contains(UInt8(ascii: "%")) else { return s }
        let bytes = Array(s.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "%"), i + 2 < bytes.count,
               let high = hexValue(bytes[i + 1]), let low = hexValue(bytes[i + 2]) {
                out.append(high << 4 | low)
                i += 3
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return clean(String(decoding: out, as: UTF8.self))
    }

    private static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return b - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return b - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return b - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
