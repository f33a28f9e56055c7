import Foundation
import Testing
@testable import Lantern

@Suite struct BuildTests {
    @Test func buildsAGuideWithCleanURLHeadingIdsAndView() throws {
        let (result, diagnostics) = TestSite.build()
        #expect(diagnostics.texts == [])
        let html = try #require(result.text("huong-dan/cai-dat-vneid/index.html"))
        #expect(html.contains("<html lang=\"vi\">"))
        #expect(html.contains("<h1>Cài đặt VNeID</h1>"))
        #expect(html.contains("<h2 id=\"buoc-2-dang-nhap\">Bước 2: Đăng nhập</h2>"))
        #expect(html.contains("20 phút · 3 bước"))
        #expect(html.contains("<time datetime=\"2026-10-15\">15/10/2026</time>"))
        #expect(html.contains("<li>Điện thoại có Internet</li>"))
        #expect(html.contains("<link rel=\"canonical\" href=\"https://example.org/huong-dan/cai-dat-vneid/\">"))
    }

    @Test func eventTimesAreFormattedInVietnamese() throws {
        let (result, _) = TestSite.build()
        let html = try #require(result.text("su-kien/tap-huan/index.html"))
        #expect(html.contains("Chủ Nhật, 29/11/2026, 08:00–11:00"))
        #expect(result.text("su-kien/tap-huan/calendar.ics")?.contains("DTSTART:20261129T010000Z") == true)
    }

    @Test func slugsComeFromFrontMatterOrTransliteratedFileNames() throws {
        let page = "---\ntitle: \"Đường đi\"\n---\nNội dung.\n"
        let (result, diagnostics) = TestSite.build([
            "content/Đường Đi.md": page,
            "content/khac.md": "---\ntitle: \"Khác\"\nslug: lien-he\n---\nx\n",
        ])
        #expect(diagnostics.texts == [])
        #expect(result.tree.files["duong-di/index.html"] != nil)
        #expect(result.tree.files["lien-he/index.html"] != nil)
    }

    @Test func twoPagesClaimingOneURLIsAnErrorNamingBoth() {
        let (_, diagnostics) = TestSite.build([
            "content/guides/cai-dat-vneid-2.md": TestSite.base["content/guides/cai-dat-vneid.md"]!
                .replacingOccurrences(of: "updated:", with: "slug: cai-dat-vneid\nupdated:"),
        ])
        // Reported at the `slug:` line that asks for the address, naming the other page.
        #expect(diagnostics.texts.contains { $0.hasPrefix("content/guides/cai-dat-vneid-2.md:7:7: error: the URL /huong-dan/cai-dat-vneid/ is claimed twice: by content/guides/cai-dat-vneid-2.md:7 and by content/guides/cai-dat-vneid.md") },
                "\(diagnostics.texts)")
        #expect(diagnostics.failed(strict: false))
    }

    @Test func draftsAreLeftOutUnlessAsked() {
        let draft = "---\ntitle: \"Nháp\"\ndraft: true\n---\nx\n"
        #expect(TestSite.build(["content/nhap.md": draft]).0.tree.files["nhap/index.html"] == nil)
        #expect(TestSite.build(["content/nhap.md": draft], drafts: true).0.tree.files["nhap/index.html"] != nil)
    }

    @Test func rawHTMLIsEscapedWithAWarningUnlessTheSiteAllowsIt() throws {
        let page = "---\ntitle: \"HTML\"\n---\nChữ <b>đậm</b>.\n\n## Lưu ý <b>quan trọng</b>\n"
        let (escaped, diagnostics) = TestSite.build(["content/html.md": page])
        let html = try #require(escaped.text("html/index.html"))
        #expect(html.contains("&lt;b&gt;đậm&lt;/b&gt;"))
        #expect(html.contains("Lưu ý &lt;b&gt;quan trọng&lt;/b&gt;</h2>"))
        let hint = "\n  hint: write it in Markdown instead, or set `allow_html: true` in content/site.yml if this content is trusted."
        #expect(diagnostics.texts == ["content/html.md:4:5: warning: raw HTML is shown as text on the page" + hint,
                                      "content/html.md:4:11: warning: raw HTML is shown as text on the page" + hint,
                                      "content/html.md:6:10: warning: raw HTML is shown as text on the page" + hint,
                                      "content/html.md:6:23: warning: raw HTML is shown as text on the page" + hint])
        let site = TestSite.base["content/site.yml"]! + "\nallow_html: true\n"
        let (allowed, d2) = TestSite.build(["content/html.md": page, "content/site.yml": site])
        #expect(try #require(allowed.text("html/index.html")).contains("Chữ <b>đậm</b>."))
        #expect(d2.texts == [])
    }

    /// Same input → byte-identical output, whatever the thread schedule.
    @Test func outputIsDeterministic() {
        let first = TestSite.build().0.tree.files
        for _ in 0..<3 { #expect(TestSite.build().0.tree.files == first) }
        // The real sample site too.
        let fs = DiskFileSystem(root: TestSite.repositoryRoot.path)
        let a = Builder(fs: fs, options: BuildOptions(today: TestSite.today)).run().tree.files
        let b = Builder(fs: fs, options: BuildOptions(today: TestSite.today)).run().tree.files
        #expect(a.count > 100)
        #expect(a == b)
    }

    @Test func theSampleSiteBuildsStrictlyClean() {
        let diagnostics = Diagnostics()
        let fs = DiskFileSystem(root: TestSite.repositoryRoot.path)
        _ = Builder(fs: fs, options: BuildOptions(today: TestSite.today), diagnostics: diagnostics).run()
        #expect(diagnostics.texts == [])
    }

    @Test func templateInheritanceAndPartialsRender() throws {
        let (result, _) = TestSite.build()
        let html = try #require(result.text("index.html"))
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<header class=\"site-header\" id=\"dau-trang\">"))
        #expect(html.contains("<footer class=\"site-footer\">"))
        #expect(html.contains("<main id=\"main\" tabindex=\"-1\">"))
    }
}

@Suite struct DiskFileSystemTests {
    @Test func symlinksLeadingOutOfTheSiteAreNotFollowed() throws {
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("lantern-fs-\(UUID().uuidString)")
        defer { try? fm.removeItem(at: dir) }
        try fm.createDirectory(at: dir.appendingPathComponent("site/content/images"), withIntermediateDirectories: true)
        try Data("secret".utf8).write(to: dir.appendingPathComponent("outside.txt"))
        try Data("ok".utf8).write(to: dir.appendingPathComponent("site/content/images/a.svg"))
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("site/content/images/leak.txt").path,
                                  withDestinationPath: dir.appendingPathComponent("outside.txt").path)
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("site/content/images/b.svg").path,
                                  withDestinationPath: dir.appendingPathComponent("site/content/images/a.svg").path)
        let fs = DiskFileSystem(root: dir.appendingPathComponent("site").path)
        #expect(fs.files(under: "content") == ["images/a.svg", "images/b.svg"])
    }
}

@Suite struct FrontMatterTests {
    @Test func splitsAndKeepsLineNumbers() throws {
        let fm = try FrontMatter.split("---\ntitle: \"A\"\nx: 1\n---\nBody line\n\nMore\n")
        #expect(fm.yaml == "title: \"A\"\nx: 1\n")
        #expect(fm.body == "Body line\n\nMore\n")
        #expect(fm.bodyLine == 5)
        let crlf = try FrontMatter.split("\u{FEFF}---\r\ntitle: B\r\n---\r\nThân bài\r\n")
        #expect(crlf.yaml == "title: B\n" && crlf.body == "Thân bài\n" && crlf.bodyLine == 4)
        #expect(try FrontMatter.split("---\ntitle: C\n---").body == "")
    }

    @Test func reportsProblems() {
        #expect(throws: FrontMatter.Problem.empty) { try FrontMatter.split(" \n\n") }
        #expect(throws: FrontMatter.Problem.missingOpening) { try FrontMatter.split("title: x\n") }
        #expect(throws: FrontMatter.Problem.unclosed(openingLine: 1)) { try FrontMatter.split("---\ntitle: x\nbody\n") }
        #expect(throws: FrontMatter.Problem.unclosed(openingLine: 1)) { try FrontMatter.split("---\ntitle: x") }
    }

    @Test func nonNFCTextIsNormalisedWithAWarning() throws {
        let nfd = "---\ntitle: \"Cài đặt\"\n---\nTiếng Việt\n".decomposedStringWithCanonicalMapping
        let (result, diagnostics) = TestSite.build(["content/nfd.md": nfd])
        #expect(diagnostics.texts.first?.hasPrefix("content/nfd.md:1:1: warning: the text is not in NFC form") == true)
        #expect(try #require(result.text("nfd/index.html")).contains("<h1>Cài đặt</h1>"))
    }
}
