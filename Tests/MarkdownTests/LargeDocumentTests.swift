import Foundation
import Testing
@testable import Markdown

/// Sizes that used to be quadratic: 20,000 links on one line took minutes (each position was counted
/// from the start of its line). No timing is asserted; the counts and positions must be exact.
@Suite struct LargeDocumentTests {
    static let count = 20_000

    @Test func manyLinksOnOneLine() {
        // Each item is "[đ<i>](/a/<i>/) " or, every tenth, an unsafe one; "đ" is two bytes.
        var source = ""
        var expectedColumns: [Int] = []
        var column = 1
        for i in 0..<Self.count {
            let item = i % 10 == 9 ? "[đ\(i)](javascript:\(i)) " : "[đ\(i)](/a/\(i)/) "
            expectedColumns.append(column)
            column += item.count
            source += item
        }
        let out = MarkdownRenderer.render(source)
        #expect(out.links.count == Self.count / 10 * 9)
        #expect(out.unsafeURLs.count == Self.count / 10)
        let columns = (out.links.map(\.position) + out.unsafeURLs.map(\.position)).map(\.column).sorted()
        #expect(columns == expectedColumns)
        #expect(out.links.last?.text == "đ\(Self.count - 2)")
        #expect(!out.html.contains("javascript:"))
        #expect(out.html.components(separatedBy: "<a href=").count - 1 == Self.count / 10 * 9)
    }

    @Test func manyLinksHeadingsAndRawHTMLOnManyLines() {
        var source = ""
        for i in 0..<Self.count {
            source += i % 100 == 0 ? "## Phần \(i) <b>x</b>\n\n" : "Dòng [liên kết \(i)](/b/\(i)/) và ![ảnh](/i/\(i).png)\n"
        }
        let out = MarkdownRenderer.render(source)
        let headings = Self.count / 100
        #expect(out.headings.count == headings)
        #expect(out.escapedRawHTML.count == headings * 2)
        #expect(out.links.count == (Self.count - headings) * 2)
        #expect(out.links.filter { !$0.isImage }.allSatisfy { $0.position.column == 6 })
        #expect(out.links.filter(\.isImage).allSatisfy { $0.position.column == 27 + 2 * ($0.url.count - "/i/.png".count) })
        #expect(out.links.first?.position == .init(line: 3, column: 6))
        #expect(out.links.dropFirst().first?.position == .init(line: 3, column: 29))
    }
}
