import Foundation
import Testing
@testable import Lantern

/// `HTMLBytes` replaced Foundation's `range(of:)`/`replacingOccurrences(of:with:)` in handouts for
/// speed; on the ASCII markers it is used with it must give exactly Foundation's answers.
@Suite struct HTMLBytesTests {
    static let texts = [
        "", "<h2", " id=\" id=\"", "<h2 id=\"a\">Bước 1</h2><ol><li>Mở ứng dụng</li></ol><h2>Lưu ý</h2>",
        "Tiếng Việt có dấu: ắ ặ ề ộ — <p id=\"x\"><a href=\"#x\">đến</a></p> id=\"",
        "e\u{301} id=\"tail", "<h<h2<h22>", "\u{1F600} id=\"\u{1F600}",
    ]

    @Test(arguments: texts)
    func replacingMatchesFoundation(_ text: String) {
        #expect(HTMLBytes.replacing(" id=\"", with: " id=\"hX-", in: text)
                == text.replacingOccurrences(of: " id=\"", with: " id=\"hX-"))
        #expect(HTMLBytes.replacing("<h2", with: "", in: text) == text.replacingOccurrences(of: "<h2", with: ""))
    }

    @Test(arguments: texts)
    func rangesMatchFoundation(_ text: String) {
        var expected: [Range<String.Index>] = []
        var from = text.startIndex
        while let r = text.range(of: "<h2", range: from..<text.endIndex) { expected.append(r); from = r.upperBound }
        #expect(HTMLBytes.ranges(of: "<h2", in: text) == expected)
        #expect(HTMLBytes.ranges(of: "<h2", in: text, limit: 1) == Array(expected.prefix(1)))
    }

    @Test func bridgedStringsAreSearchedToo() {
        let bridged = NSString(string: "ạ <h2>x</h2> <h2>y").description
        #expect(HTMLBytes.ranges(of: "<h2", in: bridged).map { bridged[$0.upperBound...].prefix(2) } == [">x", ">y"])
    }
}
