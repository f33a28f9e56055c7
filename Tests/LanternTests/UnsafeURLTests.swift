import Foundation
import Testing
@testable import Lantern

/// Only http(s), mailto, tel and site-relative addresses reach a resident, from any source; images
/// come only from the site itself. Each refusal is an error at the line that wrote it.
@Suite struct UnsafeURLTests {
    static func page(_ body: String) -> String { "---\ntitle: \"Trang\"\n---\n\(body)\n" }

    @Test(arguments: [
        "[x](javascript:alert(1))", "[x](JaVaScRiPt:alert(1))", "[x](java&#x73;cript:alert(1))",
        "[x](&#106;avascript:alert(1))", "[x](javascript&colon;alert(1))", "[x]( javascript:alert(1))",
        "<javascript:alert(1)>", "[x](vbscript:msgbox(1))", "[x](data:text/html,<script>alert(1)</script>)",
        "[x][r]\n\n[r]: javascript:alert(1)",
    ])
    func unsafeMarkdownLinksAreErrorsAndNeverLinked(_ markdown: String) throws {
        let (result, diagnostics) = TestSite.build(["content/trang.md": Self.page("Đoạn đầu.\n\n" + markdown)])
        #expect(diagnostics.texts.contains { $0.hasPrefix("content/trang.md:6:") && $0.contains("is refused") }, "\(diagnostics.texts)")
        // The build failed, so nothing was written; render the page alone to see what it would hold.
        _ = result
        let fs = TestSite.fileSystem(["content/trang.md": Self.page(markdown)])
        let builder = Builder(fs: fs, options: BuildOptions(today: TestSite.today), diagnostics: Diagnostics())
        let html = String(decoding: builder.prepare(builder.load()!).file("trang/index.html") ?? Data(), as: UTF8.self)
        for attribute in ["href=\"", "src=\""] {
            for value in html.lowercased().components(separatedBy: attribute).dropFirst() {
                let url = value.prefix { $0 != "\"" }
                #expect(!url.contains("script") && !url.hasPrefix("data:"), "an unsafe address reached the page: \(url)")
            }
        }
    }

    @Test(arguments: [
        ("![ảnh](javascript:alert(1))", "is refused"),
        ("![ảnh](https://evil.example/a.png)", "is on another site"),
        ("![ảnh](//evil.example/a.png)", "is on another site"),
        ("![ảnh](../../../etc/passwd)", "climbs out of the site"),
        ("![ảnh](/etc/passwd)", "does not exist (looked for content/etc/passwd)"),
        ("![ảnh](/images/khong-co.png)", "does not exist (looked for content/images/khong-co.png)"),
    ])
    func markdownImagesMustBeFilesOfTheSite(_ markdown: String, _ message: String) {
        let (_, diagnostics) = TestSite.build(["content/trang.md": Self.page(markdown)])
        #expect(diagnostics.texts.contains { $0.hasPrefix("content/trang.md:4:1: error:") && $0.contains(message) }, "\(diagnostics.texts)")
    }

    @Test func anImageOfTheSiteIsFine() throws {
        // A real PNG: photos are decoded now, so four bytes of PNG signature would be a damaged image.
        let (_, diagnostics) = TestSite.build([
            "content/trang.md": Self.page("![Chợ số](/images/cho.png)\n\n![Chợ số](../images/cho.png)"),
        ], extraData: ["content/images/cho.png": try ImageTests.tinyPNG()])
        #expect(diagnostics.errorCount == 0, "\(diagnostics.texts)")
    }

    static func story(image src: String) -> String {
        """
        ---
        title: "Chợ số"
        summary: "Tóm tắt."
        model: cho-so
        locality: hoa-lu
        date: 2026-10-01
        image: {src: "\(src)", alt: "Ảnh chợ"}
        ---
        Nội dung.
        """
    }

    @Test(arguments: [
        ("javascript:alert(1)", "is refused"), ("https://evil.example/a.png", "is on another site"),
        ("//evil.example/a.png", "is on another site"), ("../../etc/passwd", "climbs out of the site"),
        ("/etc/passwd", "does not exist"),
    ])
    func storyImagesMustBeFilesOfTheSite(_ src: String, _ message: String) {
        let (_, diagnostics) = TestSite.build(["content/stories/cho.md": Self.story(image: src)])
        #expect(diagnostics.texts.contains { $0.hasPrefix("content/stories/cho.md:7:") && $0.contains(message) }, "\(diagnostics.texts)")
    }

    @Test(arguments: ["javascript:alert(1)", "vbscript:x", "data:text/html,x", "JAVASCRIPT:alert(1)"])
    func unsafeRegistrationAddressesAreErrors(_ value: String) {
        let event = """
        ---
        title: "Tập huấn"
        summary: "Tóm tắt."
        start: 2026-11-29T08:00
        end: 2026-11-29T11:00
        location: {name: "Nhà văn hoá"}
        locality: hoa-lu
        registration: "\(value)"
        ---
        Nội dung.
        """
        let (_, diagnostics) = TestSite.build(["content/events/tap-huan.md": event])
        #expect(diagnostics.texts.contains { $0.hasPrefix("content/events/tap-huan.md:8:") && $0.contains("is refused") }, "\(diagnostics.texts)")
    }
}
