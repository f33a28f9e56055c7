import Foundation

extension Folding {
    /// One word of a text as the index stores it: its folded term, and the hash of its exact form
    /// (lowercase, marks kept) before the final `% 32`, with `31^length`, so the form hash of two
    /// words joined by a space is computed without building the pair's text.
    struct Word {
        var term: String
        var hash: Int
        var power: Int

        /// The form hash (0…31) of this word alone: `Folding.formHash(exact)`.
        var form: Int { hash % 32 }

        /// The folded pair `self next` and its form hash: `Folding.formHash(exact₁ + " " + exact₂)`.
        func pair(with next: Word) -> (term: String, form: Int) {
            let h = ((hash * 31 + 32) * next.power + next.hash) % Folding.hashModulus
            return (term + " " + next.term, h % 32)
        }
    }

    /// Calls `visit` with each word of `text`, in order: the same words as `words(text)`, each with
    /// `fold(exact)` and the hash `formHash` takes of it. One pass over the UTF-8 bytes through flat
    /// tables; a word holding a letter outside them (Cyrillic, a mark left apart) goes through
    /// `exact` and `fold`. Building a String per word three times over was most of the index's time.
    static func scanWords(_ text: String, _ visit: (Word) -> Void) {
        var text = text
        // Content is NFC already (the loader normalises it); compose only text that has marks apart.
        if text.utf8.contains(where: { $0 == 0xCC || $0 == 0xCD }),
           text.unicodeScalars.contains(where: { (0x0300...0x036F).contains($0.value) }) {
            text = text.precomposedStringWithCanonicalMapping
        }
        let M = hashModulus
        var term: [UInt8] = []
        term.reserveCapacity(32)
        text.withUTF8 { bytes in
            var i = 0, start = -1, h = 0, p = 1, slow = false
            func finish(_ end: Int) {
                if slow {
                    let exactWord = exact(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
                    let power = exactWord.unicodeScalars.reduce(1) { p, _ in p * 31 % M }
                    visit(Word(term: fold(exactWord), hash: formHashValue(exactWord), power: power))
                } else {
                    visit(Word(term: String(decoding: term, as: UTF8.self), hash: h, power: p))
                }
                start = -1
            }
            while i < bytes.count {
                let b0 = bytes[i]
                var v = UInt32(b0), n = 1
                if b0 >= 0x80 {
                    // Valid UTF-8 (it is a Swift String): decode the lead byte's sequence.
                    if b0 < 0xE0 { v = UInt32(b0 & 0x1F); n = 2 } else if b0 < 0xF0 { v = UInt32(b0 & 0x0F); n = 3 } else { v = UInt32(b0 & 0x07); n = 4 }
                    for k in 1..<n { v = v << 6 | UInt32(bytes[i + k] & 0x3F) }
                }
                let isWord: Bool
                var lower: UInt32 = 0, folded: UInt32 = 0
                if v < 0x80 {
                    isWord = (v >= 48 && v <= 57) || (v >= 65 && v <= 90) || (v >= 97 && v <= 122)
                    lower = v >= 65 && v <= 90 ? v + 32 : v
                    folded = lower
                } else {
                    (lower, folded) = flat.entry(v)
                    if flat.coversFold(v) {
                        isWord = true
                    } else {
                        let scalar = Unicode.Scalar(v)!
                        isWord = scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                            || scalar.properties.generalCategory == .nonspacingMark
                    }
                }
                if isWord {
                    if start < 0 { start = i; h = 0; p = 1; slow = false; term.removeAll(keepingCapacity: true) }
                    if !slow {
                        if folded == 0 {
                            slow = true
                        } else {
                            h = (h * 31 + Int(lower)) % M
                            p = p * 31 % M
                            appendUTF8(folded, to: &term)
                        }
                    }
                } else if start >= 0 {
                    finish(i)
                }
                i += n
            }
            if start >= 0 { finish(bytes.count) }
        }
    }

    private static func appendUTF8(_ v: UInt32, to out: inout [UInt8]) {
        if v < 0x80 { out.append(UInt8(v)) }
        else if v < 0x800 { out.append(UInt8(0xC0 | v >> 6)); out.append(UInt8(0x80 | v & 0x3F)) }
        else if v < 0x10000 { out.append(UInt8(0xE0 | v >> 12)); out.append(UInt8(0x80 | v >> 6 & 0x3F)); out.append(UInt8(0x80 | v & 0x3F)) }
        else { out.append(UInt8(0xF0 | v >> 18)); out.append(UInt8(0x80 | v >> 12 & 0x3F)); out.append(UInt8(0x80 | v >> 6 & 0x3F)); out.append(UInt8(0x80 | v & 0x3F)) }
    }

    /// `tables` as arrays over its two ranges. For a scalar: its lowercase (exact) form and that
    /// form's folded letter, both 0 when the fast path does not cover it; and whether `tables.fold`
    /// holds it (which makes it a word letter, as in `words`).
    struct FlatTables: Sendable {
        var lower: [UInt32], fold: [UInt32], inFold: [Bool]
        static let ranges: [ClosedRange<UInt32>] = [0x00C0...0x024F, 0x1E00...0x1EFF]

        init() {
            let size = Self.ranges.reduce(0) { $0 + $1.count }
            lower = Array(repeating: 0, count: size); fold = lower; inFold = Array(repeating: false, count: size)
            for v in Self.ranges.joined() {
                let k = Self.slot(v)!
                inFold[k] = Folding.tables.fold[v] != nil
                guard let l = Folding.tables.lower[v] else { continue }
                // `fold(exact)` on the one lowercase scalar, as `fold` does it.
                let f: UInt32?
                if l.value < 0x80 { f = l.value >= 65 && l.value <= 90 ? l.value + 32 : l.value }
                else if (0x0300...0x036F).contains(l.value) { f = nil }
                else { f = Folding.tables.fold[l.value]?.value }
                if let f { lower[k] = l.value; fold[k] = f }
            }
        }

        static func slot(_ v: UInt32) -> Int? {
            if v >= 0x00C0 && v <= 0x024F { return Int(v - 0x00C0) }
            if v >= 0x1E00 && v <= 0x1EFF { return Int(v - 0x1E00) + 0x0190 }
            return nil
        }

        func entry(_ v: UInt32) -> (UInt32, UInt32) {
            guard let k = Self.slot(v) else { return (0, 0) }
            return (lower[k], fold[k])
        }

        func coversFold(_ v: UInt32) -> Bool {
            guard let k = Self.slot(v) else { return false }
            return inFold[k]
        }
    }

    static let flat = FlatTables()
}
