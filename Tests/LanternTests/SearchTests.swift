import Foundation
import Testing
@testable import Lantern

/// Search: folding, units, ranking and the index files.
@Suite struct SearchFoldingTests {
    /// Every Vietnamese vowel, each row: no tone, then huyền, sắc, hỏi, ngã, nặng.
    static let vowels: [(base: String, forms: String)] = [
        ("a", "aàáảãạ"), ("a", "ăằắẳẵặ"), ("a", "âầấẩẫậ"),
        ("e", "eèéẻẽẹ"), ("e", "êềếểễệ"),
        ("i", "iìíỉĩị"),
        ("o", "oòóỏõọ"), ("o", "ôồốổỗộ"), ("o", "ơờớởỡợ"),
        ("u", "uùúủũụ"), ("u", "ưừứửữự"),
        ("y", "yỳýỷỹỵ"),
    ]

    @Test func everyVowelWithEveryToneFoldsToItsBaseLetter() {
        var checked = 0
        for row in Self.vowels {
            #expect(row.forms.count == 6)
            for form in row.forms {
                let s = String(form)
                #expect(Folding.fold(s) == row.base, "\(s)")
                #expect(Folding.fold(s.uppercased()) == row.base, "\(s.uppercased())")
                #expect(Folding.fold(s.decomposedStringWithCanonicalMapping) == row.base, "NFD \(s)")
                #expect(Folding.fold(s.uppercased().decomposedStringWithCanonicalMapping) == row.base, "NFD \(s.uppercased())")
                checked += 1
            }
        }
        #expect(checked == 72)
    }

    @Test func dStrokeFoldsToD() {
        #expect(Folding.fold("đ") == "d")
        #expect(Folding.fold("Đ") == "d")
        #expect(Folding.fold("Điện thoại") == "dien thoai")
    }

    @Test func phrasesTypedFourWaysFoldAlike() {
        let ways = ["dien thoai", "điện thoại", "DIEN THOAI", "đien thoai", "ĐIỆN THOẠI",
                    "điện thoại".decomposedStringWithCanonicalMapping]
        for w in ways { #expect(Folding.fold(w) == "dien thoai", "\(w)") }
    }

    @Test func wordsSplitOnPunctuationAndKeepMarks() {
        #expect(Folding.words("Căn cước (CCCD), điện-thoại!") == ["căn", "cước", "cccd", "điện", "thoại"])
        // NFD input gives the same composed words.
        #expect(Folding.words("căn cước".decomposedStringWithCanonicalMapping) == ["căn", "cước"])
    }

    @Test func formHashTellsMarksApartAndIgnoresNormalisation() {
        #expect(Folding.formHash(Folding.exact("ĐIỆN")) == Folding.formHash("điện"))
        #expect(Folding.formHash(Folding.exact("điện".decomposedStringWithCanonicalMapping)) == Folding.formHash("điện"))
        #expect(Folding.formHash("điện") != Folding.formHash("dien"))
    }
}
