import Foundation
import Testing
@testable import Lantern

/// The routes each content family provides, and how lists are ordered.
@Suite struct RouteTests {
    static func guide(_ title: String, weight: Int? = nil) -> String {
        """
        ---
        title: "\(title)"
        summary: "Tóm tắt."
        topics: [vneid]
        duration: 10
        updated: 2026-10-15
        \(weight.map { "weight: \($0)" } ?? "")
        ---
        Nội dung.
        """
    }

    @Test func weightOrdersGuidesWithinTheirTopicAndTheSequence() throws {
        let (result, diagnostics) = TestSite.build([
            "content/guides/a-dau.md": Self.guide("A đầu"),
            "content/guides/b-giua.md": Self.guide("B giữa", weight: 2),
            "content/guides/c-cuoi.md": Self.guide("C cuối", weight: 1),
        ])
        #expect(diagnostics.errorCount == 0, "\(diagnostics.texts)")
        let topic = try #require(result.text("chu-de/vneid/index.html"))
        let order = ["C cuối", "B giữa", "A đầu", "Cài đặt VNeID"].map { topic.range(of: $0)?.lowerBound }
        #expect(order.allSatisfy { $0 != nil })
        #expect(order.compactMap { $0 } == order.compactMap { $0 }.sorted(), "weighted guides first, lowest first, then file order")
        // The previous/next sequence follows the same order: C → B.
        let c = try #require(result.text("huong-dan/c-cuoi/index.html"))
        #expect(c.contains("href=\"/huong-dan/b-giua/\" rel=\"next\""))
    }

    @Test func everyContentFamilyHasItsProvider() {
        let names = SiteRenderer.providers.map { String(describing: type(of: $0)) }
        #expect(names == ["HomeRoutes", "PageRoutes", "GuideRoutes", "StoryRoutes", "EventRoutes",
                          "LocalityRoutes", "ProgressRoutes", "SiteFileRoutes"])
    }

    @Test func routesArePlannedWithoutRenderingAnything() {
        let diagnostics = Diagnostics()
        let builder = Builder(fs: TestSite.fileSystem(), options: BuildOptions(today: TestSite.today), diagnostics: diagnostics)
        let prepared = builder.prepare(builder.load()!)
        // Planning claims every path; only asking for a file renders it.
        #expect(prepared.contains("huong-dan/cai-dat-vneid/index.html"))
        #expect(prepared.contains("su-kien/tap-huan/calendar.ics"))
        #expect(prepared.contains("tien-do/2026-09/2026-09.csv"))
        let html = String(decoding: prepared.file("huong-dan/cai-dat-vneid/index.html") ?? Data(), as: UTF8.self)
        #expect(html.contains("<h1>Cài đặt VNeID</h1>"))
    }

    @Test func anInterfaceStringTheSiteUsesButNobodyDefinedIsAnError() {
        let strings = String(decoding: TestSite.theme["templates/strings/vi.yml"]!, as: UTF8.self)
            .replacingOccurrences(of: "nav_about_text:", with: "nav_about_text_old:")
        let (_, diagnostics) = TestSite.build([
            "templates/strings/vi.yml": strings,
            "content/site.yml": "title: \"Thử\"\nbase_url: \"https://example.org/\"\nprecompress: false\nmenu:\n  - {label: nav_about, target: /gioi-thieu/}\n",
            "content/gioi-thieu.md": "---\ntitle: \"Giới thiệu\"\n---\nNội dung.\n",
        ])
        #expect(diagnostics.texts.contains("templates/strings/vi.yml:1:1: error: the interface string `nav_about_text` is used by the site but not defined; pages would show the raw key `nav_about_text`\n  hint: add `nav_about_text: \"…\"` to templates/strings/vi.yml (and its English text to en.yml)."),
                "\(diagnostics.texts)")
    }
}
