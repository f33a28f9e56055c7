import Foundation
import Testing
@testable import Markdown

/// Raw HTML inside headings used to be escaped after the heading nodes holding it were freed
/// ("double free or corruption", or a bad pointer in `TreeWalker.escape`).
@Suite struct HeadingRawHTMLTests {
    static let inputs: [(source: String, raw: String)] = [
        ("## Lưu ý <b>quan trọng</b>\n", "<b>"),
        ("## x <!-- c -->\n", "<!-- c -->"),
        ("## <br>\n", "<br>"),
        ("Title <b>x</b>\n===\n", "<b>"),
        ("> - ## Trong danh sách <i>x</i>\n", "<i>"),
        ("## [liên kết <b>đậm</b>](/a/) và ![ảnh <i>x</i>](/i.png)\n", "<b>"),
    ]

    @Test(arguments: 0..<inputs.count)
    func escapedWhenRawHTMLIsOff(_ index: Int) {
        let (source, raw) = Self.inputs[index]
        let out = MarkdownRenderer.render(source)
        #expect(out.headings.count == 1)
        #expect(!out.html.contains(raw), "raw HTML must not reach the page: \(out.html)")
        #expect(out.html.contains(escaped(raw)))
        #expect(out.html.contains("id=\"\(out.headings[0].id)\""))
        #expect(!out.escapedRawHTML.isEmpty)
    }

    @Test(arguments: 0..<inputs.count)
    func keptWhenRawHTMLIsAllowed(_ index: Int) {
        let (source, raw) = Self.inputs[index]
        let out = MarkdownRenderer.render(source, options: .init(allowRawHTML: true))
        #expect(out.headings.count == 1)
        #expect(out.html.contains(raw))
        #expect(out.html.contains("id=\"\(out.headings[0].id)\""))
        #expect(out.escapedRawHTML.isEmpty)
    }

    @Test func headingTextAndPositionIgnoreTheTags() {
        let out = MarkdownRenderer.render("Mở đầu\n\n## Lưu ý <b>quan trọng</b>\n")
        #expect(out.headings[0].text == "Lưu ý quan trọng")
        #expect(out.headings[0].id == "luu-y-quan-trong")
        #expect(out.html.contains("<h2 id=\"luu-y-quan-trong\">Lưu ý &lt;b&gt;quan trọng&lt;/b&gt;</h2>"))
        #expect(out.escapedRawHTML == [.init(line: 3, column: 10), .init(line: 3, column: 23)])
    }

    private func escaped(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
