import Foundation
import Testing
@testable import Lantern

@Suite struct SiteOutputTests {
    static func guide(_ slug: String, updated: String = "2026-10-01") -> String {
        "---\ntitle: \"Hướng dẫn \(slug)\"\nsummary: \"Tóm tắt \(slug).\"\ntopics: [vneid]\nduration: 5\nupdated: \(updated)\n---\n1. Một bước.\n"
    }

    /// Builds with `count` extra guides and a page size of 2 (plus the base site's one guide).
    static func withGuides(_ count: Int, pageSize: Int = 2) -> BuildResult {
        var files: [String: String?] = ["content/site.yml": TestSite.base["content/site.yml"]! + "\npage_size: \(pageSize)\n",
                                        "content/guides/cai-dat-vneid.md": nil]
        for i in 0..<count { files["content/guides/g\(i).md"] = guide("g\(i)") }
        let (result, diagnostics) = TestSite.build(files)
        #expect(diagnostics.texts == [])
        return result
    }

    @Test(arguments: [(0, 1), (1, 1), (2, 1), (3, 2), (4, 2), (5, 3)])
    func paginationBoundaries(guides: Int, pages: Int) throws {
        let result = Self.withGuides(guides)
        let listed = result.tree.files.keys.filter { $0.hasPrefix("chu-de/vneid/") && $0.hasSuffix("index.html") }.sorted()
        #expect(listed.count == pages)
        #expect(result.tree.files["chu-de/vneid/trang/\(pages + 1)/index.html"] == nil)
        let first = try #require(result.text("chu-de/vneid/index.html"))
        if guides == 0 { #expect(first.contains("Chưa có nội dung nào ở đây.")) }
        if pages == 1 { #expect(!first.contains("class=\"pager\"")) } else {
            #expect(first.contains("<a href=\"/chu-de/vneid/trang/2/\">2</a>"))
            #expect(first.contains("rel=\"next\""))
            let last = try #require(result.text("chu-de/vneid/trang/\(pages)/index.html"))
            #expect(last.contains("aria-current=\"page\">\(pages)</a>"))
            #expect(!last.contains("rel=\"next\""))
            let english = try #require(result.text("en/topics/vneid/page/\(pages)/index.html"))
            #expect(english.contains("rel=\"prev\""))
        }
    }

    @Test func translationsLinkEachOtherWithHreflang() throws {
        let en = "---\ntitle: \"Installing VNeID\"\nsummary: \"Install the app.\"\ntopics: [vneid]\nduration: 20\nupdated: 2026-10-15\n---\n1. Open the store.\n"
        let (result, diagnostics) = TestSite.build(["content/guides/cai-dat-vneid.en.md": en])
        #expect(diagnostics.texts == [])
        let vi = try #require(result.text("huong-dan/cai-dat-vneid/index.html"))
        let english = try #require(result.text("en/guides/cai-dat-vneid/index.html"))
        for html in [vi, english] {
            #expect(html.contains("<link rel=\"alternate\" hreflang=\"vi\" href=\"https://example.org/huong-dan/cai-dat-vneid/\">"))
            #expect(html.contains("<link rel=\"alternate\" hreflang=\"en\" href=\"https://example.org/en/guides/cai-dat-vneid/\">"))
        }
        #expect(english.contains("<html lang=\"en\">"))
        #expect(vi.contains("<a href=\"/en/guides/cai-dat-vneid/\" hreflang=\"en\" lang=\"en\">English</a>"))
        #expect(english.contains("Last updated"))
        #expect(english.contains("15 October 2026"))
    }

    @Test func untranslatedPagesFallBackToVietnameseMarked() throws {
        let (result, _) = TestSite.build()
        // No English guide file: English lists link to the Vietnamese page, marked.
        let list = try #require(result.text("en/topics/vneid/index.html"))
        #expect(list.contains("<a href=\"/huong-dan/cai-dat-vneid/\" hreflang=\"vi\"><span lang=\"vi\">Cài đặt VNeID</span></a> <span class=\"muted\">(in Vietnamese)</span>"))
        #expect(result.tree.files["en/guides/cai-dat-vneid/index.html"] == nil)
        // The Vietnamese page offers English as not yet translated rather than a broken link.
        let vi = try #require(result.text("huong-dan/cai-dat-vneid/index.html"))
        #expect(vi.contains("English <span class=\"muted\">(not yet translated)</span>"))

        // An English file with an empty body: English title, Vietnamese body marked as such.
        let stub = "---\ntitle: \"Installing VNeID\"\nsummary: \"Install the app.\"\ntopics: [vneid]\nduration: 20\nupdated: 2026-10-15\n---\n"
        let (withStub, _) = TestSite.build(["content/guides/cai-dat-vneid.en.md": stub])
        let english = try #require(withStub.text("en/guides/cai-dat-vneid/index.html"))
        #expect(english.contains("<h1>Installing VNeID</h1>"))
        #expect(english.contains("This part is not yet translated; the text below is in Vietnamese."))
        #expect(english.contains("<div class=\"prose\" lang=\"vi\">"))
        #expect(english.contains("Mở cửa hàng ứng dụng."))
    }

    @Test func aMissingEnglishInterfaceStringFallsBackWithAWarning() throws {
        var en = String(decoding: TestSite.theme["templates/strings/en.yml"]!, as: UTF8.self)
        en = en.split(separator: "\n").filter { !$0.hasPrefix("last_updated:") }.joined(separator: "\n")
        let (result, diagnostics) = TestSite.build(["templates/strings/en.yml": en, "content/guides/cai-dat-vneid.en.md":
            "---\ntitle: \"Installing VNeID\"\nsummary: \"x\"\ntopics: [vneid]\nduration: 20\nupdated: 2026-10-15\n---\n1. Open.\n"])
        #expect(diagnostics.texts.contains("templates/strings/en.yml:1:1: warning: the interface string `last_updated` has no en translation; the Vietnamese text is used\n  hint: add `last_updated: \"…\"` to templates/strings/en.yml."))
        #expect(try #require(result.text("en/guides/cai-dat-vneid/index.html")).contains("Cập nhật lần cuối"))
    }

    @Test func aliasesBecomeRedirectPages() throws {
        let guide = TestSite.base["content/guides/cai-dat-vneid.md"]!.replacingOccurrences(of: "updated:", with: "aliases: [/vneid/, huong-dan/vneid-cu]\nupdated:")
        let (result, diagnostics) = TestSite.build(["content/guides/cai-dat-vneid.md": guide])
        #expect(diagnostics.texts == [])
        for path in ["vneid/index.html", "huong-dan/vneid-cu/index.html"] {
            let html = try #require(result.text(path))
            #expect(html.contains("<meta http-equiv=\"refresh\" content=\"0; url=/huong-dan/cai-dat-vneid/\">"))
            #expect(html.contains("<link rel=\"canonical\" href=\"https://example.org/huong-dan/cai-dat-vneid/\">"))
            #expect(html.contains("<a href=\"/huong-dan/cai-dat-vneid/\">Cài đặt VNeID</a>"))
        }
    }

    @Test func progressShowsProvinceFiguresChartsAndDownloads() throws {
        let (result, _) = TestSite.build()
        let html = try #require(result.text("tien-do/index.html"))
        #expect(html.contains("70,1%"))          // 9012 / 12840 = 70.19…, cut, never rounded up
        #expect(html.contains("9.012/12.840"))
        #expect(html.contains("role=\"img\""))
        #expect(html.contains("Chưa đạt, đã quá hạn"))  // below the 80% target, measured after the 2025-12-31 deadline
        #expect(result.text("tien-do/2026-09/2026-09.csv")?.contains("hoa-lu,adults,12840,9012,70.2,80") == true)
        let json = try #require(result.tree.files["tien-do/2026-09/2026-09.json"])
        let parsed = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        #expect((parsed["localities"] as? [String: Any])?["hoa-lu"] != nil)
    }
}

@Suite struct GuidesIndexTests {
    @Test func eachTopicShowsAPageOfGuidesAndLinksToTheRest() throws {
        let result = SiteOutputTests.withGuides(5, pageSize: 2)
        let html = try #require(result.text("huong-dan/index.html"))
        #expect(html.components(separatedBy: "<li class=\"card\">").count - 1 == 2)
        #expect(html.contains("<a href=\"/chu-de/vneid/\">Xem tất cả (5): Định danh VNeID</a>"))
    }
}

@Suite struct GuideSequenceTests {
    @Test func guidesLinkToThePreviousAndNextInIndexOrder() throws {
        let result = SiteOutputTests.withGuides(3)
        let middle = try #require(result.text("huong-dan/g1/index.html"))
        #expect(middle.contains("<a href=\"/huong-dan/g0/\" rel=\"prev\">← Hướng dẫn trước: <span>Hướng dẫn g0</span></a>"))
        #expect(middle.contains("<a href=\"/huong-dan/g2/\" rel=\"next\">Hướng dẫn tiếp theo: <span>Hướng dẫn g2</span> →</a>"))
        let first = try #require(result.text("huong-dan/g0/index.html"))
        #expect(!first.contains("rel=\"prev\"") && first.contains("rel=\"next\""))
    }
}
