/// Literal searches and replacements over a string's UTF-8 bytes, for the ASCII markers that
/// rendered HTML is cut and rewritten at (`<h2`, ` id="`). Foundation's `range(of:)` and
/// `replacingOccurrences(of:with:)` compare through `NSString` (UTF-16 and a locale) and were 12 %
/// of a 10 000-page build's CPU, all spent on handouts.
enum HTMLBytes {
    /// Every non-overlapping occurrence of `needle`, in order, as indices of `text`.
    static func ranges(of needle: String, in text: String, limit: Int = .max) -> [Range<String.Index>] {
        let n = Array(needle.utf8)
        guard let first = n.first else { return [] }
        var found: [Range<String.Index>] = []
        text.utf8.withContiguousStorageIfAvailable { h in
            var i = 0
            let end = h.count - n.count
            while i <= end, found.count < limit {
                if h[i] == first && (1..<n.count).allSatisfy({ h[i + $0] == n[$0] }) {
                    let a = text.utf8.index(text.startIndex, offsetBy: i), b = text.utf8.index(a, offsetBy: n.count)
                    found.append(a..<b)
                    i += n.count
                } else {
                    i += 1
                }
            }
        } ?? { found = slowRanges(of: needle, in: text, limit: limit) }()
        return found
    }

    /// `text` with every occurrence of `needle` replaced by `replacement`, scanning left to right.
    static func replacing(_ needle: String, with replacement: String, in text: String) -> String {
        let hits = ranges(of: needle, in: text)
        if hits.isEmpty { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + hits.count * (replacement.utf8.count - needle.utf8.count))
        var from = text.startIndex
        for r in hits {
            out += text[from..<r.lowerBound]
            out += replacement
            from = r.upperBound
        }
        out += text[from...]
        return out
    }

    private static func slowRanges(of needle: String, in text: String, limit: Int) -> [Range<String.Index>] {
        var s = text
        s.makeContiguousUTF8()
        return ranges(of: needle, in: s, limit: limit).map { r in
            let a = text.utf8.index(text.startIndex, offsetBy: s.utf8.distance(from: s.startIndex, to: r.lowerBound))
            return a..<text.utf8.index(a, offsetBy: needle.utf8.count)
        }
    }
}
