import Foundation

/// How search compares words: lowercase, without Vietnamese tone and vowel marks, `đ` as `d`, so a
/// resident typing "dien thoai" on a keyboard without marks finds "điện thoại". The search script
/// folds queries the same way (`SearchScript`); the two must stay in step.
enum Folding {
    /// `text` lowercased, every combining mark removed (NFC and NFD input fold alike), `đ`/`Đ` as
    /// `d`. Scalar by scalar through tables made once: Foundation's decomposition per word was 60%
    /// of a 10 000-page build.
    static func fold(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                out.append(v >= 65 && v <= 90 ? Unicode.Scalar(v + 32)! : scalar)
            } else if (0x0300...0x036F).contains(v) {
                continue  // combining diacritical marks: tones, breve, circumflex, horn
            } else if let base = tables.fold[v] {
                out.append(base)
            } else {
                out.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            }
        }
        return String(out)
    }

    /// The word lowercased with its marks kept, composed (NFC): what "exact marks" compare.
    static func exact(_ word: String) -> String {
        var out = String.UnicodeScalarView()
        var decomposed = false
        for scalar in word.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                out.append(v >= 65 && v <= 90 ? Unicode.Scalar(v + 32)! : scalar)
            } else if let lower = tables.lower[v] {
                out.append(lower)
            } else {
                if (0x0300...0x036F).contains(v) { decomposed = true }
                out.append(contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
            }
        }
        let result = String(out)
        return decomposed ? result.precomposedStringWithCanonicalMapping : result
    }

    /// Latin letters with marks (U+00C0–U+024F, U+1E00–U+1EFF): each one's folded base letter and
    /// its lowercase form, worked out once with Foundation.
    static let tables: (fold: [UInt32: Unicode.Scalar], lower: [UInt32: Unicode.Scalar]) = {
        var fold: [UInt32: Unicode.Scalar] = [:], lower: [UInt32: Unicode.Scalar] = [:]
        for range in [0x00C0...0x024F, 0x1E00...0x1EFF] {
            for v in range {
                guard let scalar = Unicode.Scalar(UInt32(v)) else { continue }
                let text = String(Character(scalar))
                let lowered = text.lowercased().precomposedStringWithCanonicalMapping.unicodeScalars
                if lowered.count == 1, let l = lowered.first { lower[UInt32(v)] = l }
                if v == 0x0110 || v == 0x0111 { fold[UInt32(v)] = "d"; continue }
                let base = text.decomposedStringWithCanonicalMapping.lowercased().unicodeScalars
                    .filter { !(0x0300...0x036F).contains($0.value) }
                if base.count == 1, let b = base.first { fold[UInt32(v)] = b }
            }
        }
        return (fold, lower)
    }()

    /// A small hash (0…31) of a word's exact form, stored with each posting so pages spelling the
    /// query's marks exactly rank above folded-only matches. The script computes the same over
    /// code points: h = (h × 31 + c) mod 1 000 003.
    static func formHash(_ exactWord: String) -> Int {
        formHashValue(exactWord) % 32
    }

    /// The modulus of the form hash.
    static let hashModulus = 1_000_003

    /// The form hash before its last `% 32`: what two words' hashes combine from (`Word.pair`).
    static func formHashValue(_ exactWord: String) -> Int {
        var h = 0
        for scalar in exactWord.unicodeScalars { h = (h * 31 + Int(scalar.value)) % hashModulus }
        return h
    }

    /// The words of `text`: runs of letters, digits and marks, lowercased and composed, marks kept.
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        // Content is NFC already (the loader normalises it); compose only text that has marks apart.
        let composed = text.unicodeScalars.contains { (0x0300...0x036F).contains($0.value) }
            ? text.precomposedStringWithCanonicalMapping : text
        for scalar in composed.unicodeScalars {
            let v = scalar.value
            let isWordScalar = v < 0x80
                ? (v >= 48 && v <= 57) || (v >= 65 && v <= 90) || (v >= 97 && v <= 122)
                : tables.fold[v] != nil || scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                    || scalar.properties.generalCategory == .nonspacingMark
            if isWordScalar {
                current.append(scalar)
            } else if !current.isEmpty {
                words.append(exact(String(current)))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { words.append(exact(String(current))) }
        return words
    }
}
