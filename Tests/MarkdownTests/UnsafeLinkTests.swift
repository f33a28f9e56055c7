import Foundation
import Testing
@testable import Markdown

/// Every link and image address goes through `URLSafety`; refused ones never reach the HTML.
@Suite struct UnsafeLinkTests {
    /// Markdown source → the scheme that must not appear in any `href`/`src`.
    static let cases: [(source: String, scheme: String, isImage: Bool, column: Int)] = [
        ("Xem [x](javascript:alert(1)) nhé.\n", "javascript", false, 5),
        ("Xem [x](JaVaScRiPt:alert(1)) nhé.\n", "javascript", false, 5),
        ("Xem [x](java&#x73;cript:alert(1)) nhé.\n", "javascript", false, 5),
        ("Xem [x](&#106;avascript:alert(1)) nhé.\n", "javascript", false, 5),
        ("Xem [x](javascript&colon;alert(1)) nhé.\n", "javascript", false, 5),
        ("Xem [x]( javascript:alert(1)) nhé.\n", "javascript", false, 5),
        ("Xem [x](<java\tscript:alert(1)>) nhé.\n", "java", false, 5),
        ("Xem [x](java&Tab;script:alert(1)) nhé.\n", "java", false, 5),
        ("Xem [x](java&NewLine;script:alert(1)) nhé.\n", "java", false, 5),
        ("Xem [x](java&#10;script:alert(1)) nhé.\n", "java", false, 5),
        ("Xem [x][r] nhé.\n\n[r]: javascript:alert(1)\n", "javascript", false, 5),
        ("Xem [r] nhé.\n\n[r]: <JAVASCRIPT:alert(1)>\n", "javascript", false, 5),
        ("Xem <javascript:alert(1)> nhé.\n", "javascript", false, 5),
        ("Xem [x](vbscript:msgbox(1)) nhé.\n", "vbscript", false, 5),
        ("Xem [x](data:text/html,<script>alert(1)</script>) nhé.\n", "data", false, 5),
        ("Xem [x](data:text/html;base64,PHNjcmlwdD4=) nhé.\n", "data", false, 5),
        ("Ảnh ![i](javascript:alert(1)) đây.\n", "javascript", true, 5),
        ("Ảnh ![i][r] đây.\n\n[r]: vbscript:x\n", "vbscript", true, 5),
        ("Ảnh ![i](data:image/svg+xml;base64,PHN2Zz4=) đây.\n", "data", true, 5),
    ]

    @Test(arguments: 0..<cases.count)
    func refusedAndReported(_ index: Int) {
        let (source, scheme, isImage, column) = Self.cases[index]
        for allowRawHTML in [false, true] {
            let out = MarkdownRenderer.render(source, options: .init(allowRawHTML: allowRawHTML))
            let html = out.html.lowercased()
            #expect(!html.contains("href=\"\(scheme)"), "\(out.html)")
            #expect(!html.contains("src=\"\(scheme)"), "\(out.html)")
            #expect(!html.contains("<a "), "\(out.html)")
            #expect(!html.contains("<img"), "\(out.html)")
            #expect(out.links.isEmpty)
            #expect(out.unsafeURLs.count == 1)
            guard let unsafe = out.unsafeURLs.first else { continue }
            #expect(unsafe.isImage == isImage)
            #expect(unsafe.position == .init(line: 1, column: column))
            #expect(!unsafe.reason.isEmpty)
            // The reader still sees the link text or the image's alt text.
            #expect(out.html.contains(isImage ? "Ảnh i đây." : "Xem"), "\(out.html)")
        }
    }

    @Test func linkTextStaysWithItsFormatting() {
        let out = MarkdownRenderer.render("Xem [trang *quan trọng*](javascript:alert(1)).\n")
        #expect(out.html == "<p>Xem trang <em>quan trọng</em>.</p>\n")
        #expect(out.unsafeURLs == [.init(url: "javascript:alert(1)", text: "trang quan trọng", isImage: false,
                                         reason: "a `javascript:` address runs code in the reader's browser",
                                         position: .init(line: 1, column: 5))])
    }

    @Test func nestedAndMixedLinksAndImages() {
        // A safe image inside an unsafe link, an unsafe image inside a safe link, a link inside an
        // image's alt text, inside headings and list items: nothing unsafe left, nothing freed twice.
        let source = """
        ## Đầu [![ảnh](/a.png)](javascript:x) và [![xấu](javascript:y)](/ok/)

        - ![ngoài [trong](javascript:z)](vbscript:w) <b>b</b>
        > [a](data:text/html,x) [b](https://example.org)

        Chữ ![ảnh <i>nghiêng</i>](javascript:q) và [x](javascript:r "tiêu đề")
        """
        for allowRawHTML in [false, true] {
            let out = MarkdownRenderer.render(source, options: .init(allowRawHTML: allowRawHTML))
            for scheme in ["javascript", "vbscript", "data"] {
                #expect(!out.html.contains("\"\(scheme):"), "\(out.html)")
            }
            #expect(out.html.contains("<a href=\"/ok/\">xấu</a>"))
            #expect(out.html.contains("<img src=\"/a.png\" alt=\"ảnh\" />"))
            #expect(out.html.contains("<a href=\"https://example.org\">b</a>"))
            #expect(out.links.map(\.url) == ["/a.png", "/ok/", "https://example.org"])
            #expect(out.unsafeURLs.map(\.url) == ["javascript:x", "javascript:y", "vbscript:w", "javascript:z",
                                                  "data:text/html,x", "javascript:q", "javascript:r"])
            #expect(out.unsafeURLs.map(\.position.line) == [1, 1, 3, 3, 4, 6, 6])
            #expect(out.headings.first?.id == "dau-anh-va-xau")
        }
    }

    @Test func positionsCountCharacters() {
        let out = MarkdownRenderer.render("Đường dẫn ![ả](x:y) và [đây](javascript:alert(1))\n")
        #expect(out.unsafeURLs.map(\.position) == [.init(line: 1, column: 11), .init(line: 1, column: 24)])
    }

    @Test func safeLinksAreUnchanged() {
        let source = "[a](https://example.org/?a=1&b=2) [b](/huong-dan/#buoc-1) [c](mailto:a@b.vn) [d](tel:+84123)\n"
            + "<https://example.org> www.example.org [e](//cdn.example/x) ![f](/images/f.png)\n"
        let out = MarkdownRenderer.render(source)
        #expect(out.unsafeURLs.isEmpty)
        #expect(out.links.count == 8)
        #expect(out.html.contains("<a href=\"https://example.org/?a=1&amp;b=2\">a</a>"))
        #expect(out.html.contains("<a href=\"tel:+84123\">d</a>"))
        #expect(out.html.contains("<a href=\"http://www.example.org\">www.example.org</a>"))
        #expect(out.html.contains("<a href=\"//cdn.example/x\">e</a>"))
    }
}
