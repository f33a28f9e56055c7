import Foundation

/// How search compares words: lowercase, without Vietnamese tone and vowel marks, `đ` as `d`, so a
/// resident typing "dien thoai" on a keyboard without marks finds "điện thoại". The search script
/// folds queries the same way (`SearchScript`); the two must stay in step.
enum Folding {
    /// `text` lowercased, every combining mark removed (after canonical decomposition, so NFC and
    /// NFD input fold alike), `đ`/`Đ` as `d`.
    static func fold(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.decomposedStringWithCanonicalMapping.lowercased().unicodeScalars {
            switch scalar.value {
            case 0x0300...0x036F: continue  // combining diacritical marks: tones, breve, circumflex, horn
            case 0x0111, 0x0110: out.append("d")
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    /// The word lowercased with its marks kept, composed (NFC): what "exact marks" compare.
    static func exact(_ word: String) -> String {
        word.lowercased().precomposedStringWithCanonicalMapping
    }

    /// A small hash (0…31) of a word's exact form, stored with each posting so pages spelling the
    /// query's marks exactly rank above folded-only matches. The script computes the same over
    /// code points: h = (h × 31 + c) mod 1 000 003.
    static func formHash(_ exactWord: String) -> Int {
        var h = 0
        for scalar in exactWord.unicodeScalars { h = (h * 31 + Int(scalar.value)) % 1_000_003 }
        return h % 32
    }

    /// The words of `text`: runs of letters, digits and marks, lowercased and composed, marks kept.
    static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in text.precomposedStringWithCanonicalMapping.unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil
                || scalar.properties.generalCategory == .nonspacingMark {
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
