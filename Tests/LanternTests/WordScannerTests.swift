import Foundation
import Testing
@testable import Lantern

/// The index's one-pass word scanner must give exactly what `words`, `fold` and `formHash` give:
/// the search script folds queries the slow way, so any difference loses a resident's match.
@Suite struct WordScannerTests {
    static let samples: [String] = [
        "Căn cước (CCCD), điện-thoại!",
        "Hướng dẫn cài đặt VNeID mức 2 cho người cao tuổi ở phường Hoa Lư",
        "THANH TOÁN HOÁ ĐƠN ĐIỆN BẰNG MÃ QR – nhanh, an toàn; 100% không dùng tiền mặt.",
        "căn cước điện thoại".decomposedStringWithCanonicalMapping,
        "ĐIỆN THOẠI".decomposedStringWithCanonicalMapping,
        "Straße İstanbul ǅemal Ǆ ǈ Øresund Æsir ﬁle Ωmega Привет мир 東京 ١٢٣ ½ x²",
        "q\u{0301}a e\u{0323}\u{0302} mixed\u{0300}",
        "emoji 👍🏽 đi chợ 🛒 café naïve résumé façade",
        "", "   ", "—", "a", "Ư", "ĐĐĐ", "123abc", "tab\tnew\nline",
        "ǰ ẞ ſ ı ĳ Ÿ ǲ",
    ]

    static func slow(_ text: String) -> [(String, Int)] {
        Folding.words(text).map { (Folding.fold($0), Folding.formHash($0)) }
    }

    @Test(arguments: samples) func scannerAgreesWithWordsFoldAndFormHash(_ text: String) {
        var fast: [(String, Int)] = []
        Folding.scanWords(text) { fast.append(($0.term, $0.form)) }
        let expected = Self.slow(text)
        #expect(fast.map(\.0) == expected.map(\.0))
        #expect(fast.map(\.1) == expected.map(\.1))
    }

    @Test(arguments: samples) func pairsHashLikeTheJoinedText(_ text: String) {
        var words: [Folding.Word] = []
        Folding.scanWords(text) { words.append($0) }
        let exact = Folding.words(text)
        for i in words.indices.dropLast() {
            let pair = words[i].pair(with: words[i + 1])
            #expect(pair.term == Folding.fold(exact[i]) + " " + Folding.fold(exact[i + 1]))
            #expect(pair.form == Folding.formHash(exact[i] + " " + exact[i + 1]))
        }
    }

    /// Every scalar of the two Latin ranges and a sample of others, alone and inside a word.
    @Test func everyLatinLetterScansLikeTheSlowPath() {
        var mismatches: [String] = []
        for v in Array(0x00A0...0x036F) + Array(0x1E00...0x1EFF) + [0x0400, 0x0451, 0x3042, 0x1F600] {
            guard let scalar = Unicode.Scalar(UInt32(v)) else { continue }
            let text = "x\(Character(scalar))y \(Character(scalar)) Q\(Character(scalar))"
            var fast: [(String, Int)] = []
            Folding.scanWords(text) { fast.append(($0.term, $0.form)) }
            let expected = Self.slow(text)
            if fast.map(\.0) != expected.map(\.0) || fast.map(\.1) != expected.map(\.1) {
                mismatches.append(String(v, radix: 16))
            }
        }
        #expect(mismatches.isEmpty, "U+\(mismatches.joined(separator: ", U+"))")
    }
}
