import Foundation
import Testing
@testable import Markdown

@Suite struct MarkdownRendererTests {
    @Test func rendersGFMExtensions() {
        let out = MarkdownRenderer.render("~~x~~ https://example.org\n\n- [x] done\n\n| a | b |\n|---|---|\n| 1 | 2 |\n")
        #expect(out.html.contains("<del>x</del>"))
        #expect(out.html.contains("<a href=\"https://example.org\">https://example.org</a>"))
        #expect(out.html.contains("type=\"checkbox\""))
        #expect(out.html.contains("<table>"))
        #expect(out.html.contains("<div class=\"table-scroll\""))
    }

    @Test func headingsGetStableUniqueTransliteratedIds() {
        let out = MarkdownRenderer.render("## Bước 2: Đăng nhập\n\n## Bước 2: Đăng nhập\n\n### Lưu ý *quan trọng*\n")
        #expect(out.headings.map(\.id) == ["buoc-2-dang-nhap", "buoc-2-dang-nhap-1", "luu-y-quan-trong"])
        #expect(out.html.contains("<h2 id=\"buoc-2-dang-nhap\">Bước 2: Đăng nhập</h2>"))
        #expect(out.html.contains("<h3 id=\"luu-y-quan-trong\">Lưu ý <em>quan trọng</em></h3>"))
        #expect(out.headings[2].position == .init(line: 5, column: 1))
    }

    @Test func rawHTMLIsEscapedUnlessAllowed() {
        let source = "Hello <b>bold</b>\n\n<div onclick=\"x()\">block</div>\n"
        let safe = MarkdownRenderer.render(source)
        #expect(!safe.html.contains("<b>"))
        #expect(safe.html.contains("&lt;b&gt;bold&lt;/b&gt;"))
        #expect(safe.html.contains("&lt;div onclick=&quot;x()&quot;&gt;block&lt;/div&gt;"))
        #expect(safe.escapedRawHTML.count == 3)
        #expect(safe.escapedRawHTML.first == .init(line: 1, column: 7))
        // Columns count characters, not bytes.
        #expect(MarkdownRenderer.render("Chữ <b>x</b>\n").escapedRawHTML.first == .init(line: 1, column: 5))
        let trusted = MarkdownRenderer.render(source, options: .init(allowRawHTML: true))
        #expect(trusted.html.contains("<b>bold</b>"))
        #expect(trusted.escapedRawHTML.isEmpty)
        // The tag filter still neutralises dangerous tags in trusted HTML.
        let filtered = MarkdownRenderer.render("<script>alert(1)</script>\n", options: .init(allowRawHTML: true))
        #expect(!filtered.html.contains("<script>"))
    }

    @Test func collectsLinksImagesTextAndSteps() {
        let out = MarkdownRenderer.render("Xem [hướng dẫn VNeID](/huong-dan/cai-dat-vneid/#buoc-1).\n\n![Ảnh chợ số](/images/cho.svg)\n\n1. Mở ứng dụng\n2. Đăng nhập\n3. Xong\n")
        #expect(out.links.count == 2)
        #expect(out.links[0] == .init(url: "/huong-dan/cai-dat-vneid/#buoc-1", text: "hướng dẫn VNeID", isImage: false,
                                      position: .init(line: 1, column: 5)))
        #expect(out.links[1].isImage && out.links[1].text == "Ảnh chợ số")
        #expect(out.firstOrderedListItemCount == 3)
    }

    @Test func slugs() {
        #expect(Slug.make("Bước 2: Đăng nhập") == "buoc-2-dang-nhap")
        #expect(Slug.make("  Cài đặt VNeID!!  ") == "cai-dat-vneid")
        #expect(Slug.make("Đường Trần Hưng Đạo") == "duong-tran-hung-dao")
        #expect(Slug.make("Chợ số – Nông thôn số") == "cho-so-nong-thon-so")
        // Every Vietnamese vowel with every tone, in both cases, and đ.
        let vowels = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
        let expected = [("a", 17), ("e", 11), ("i", 5), ("o", 17), ("u", 11), ("y", 5), ("d", 1)]
            .map { String(repeating: $0.0, count: $0.1) }.joined()
        #expect(Slug.make(vowels) == expected)
        #expect(Slug.make(vowels.uppercased()) == expected)
        // Text not in NFC (letter + combining mark) gives the same slug.
        #expect(Slug.make("Ca\u{0300}i \u{0111}a\u{0323}\u{0306}t") == "cai-dat")
        #expect(Slug.make("Crème brûlée, Łódź, Ærø") == "creme-brulee-odz-r")
    }

    /// libcmark-gfm 0.29.0.gfm.6 shares its special-character table between parsers; without the
    /// renderer's lock, concurrent parses lose strikethrough and bare-URL autolinks.
    @Test func concurrentRenderingMatchesSerial() async {
        let source = String(repeating: "Đoạn ~~x~~ https://example.org và *nhấn mạnh*.\n\n", count: 40)
        let serial = MarkdownRenderer.render(source)
        #expect(serial.html.contains("<del>x</del>"))
        let results = await withTaskGroup(of: String.self) { group in
            for _ in 0..<400 { group.addTask { MarkdownRenderer.render(source).html } }
            var all: [String] = []
            for await html in group { all.append(html) }
            return all
        }
        #expect(results.count == 400)
        #expect(results.allSatisfy { $0 == serial.html })
        // Threads outside Swift concurrency too (the build uses DispatchQueue.concurrentPerform).
        let box = ResultBox(count: 200)
        DispatchQueue.concurrentPerform(iterations: 200) { i in box.set(i, MarkdownRenderer.render(source).html) }
        #expect(box.values.allSatisfy { $0 == serial.html })
    }
}

final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [String]
    init(count: Int) { storage = Array(repeating: "", count: count) }
    func set(_ i: Int, _ v: String) { lock.lock(); storage[i] = v; lock.unlock() }
    var values: [String] { lock.lock(); defer { lock.unlock() }; return storage }
}
