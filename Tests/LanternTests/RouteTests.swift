import Foundation
import Testing
@testable import Lantern
import Markdown

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

    /// A guide that names its topic twice is listed once on the topic's page, and the site's
    /// topic table (used by handouts' packs and related guides) lists it once too.
    @Test func aTopicNamedTwiceListsTheGuideOnce() throws {
        let twice = Self.guide("Hai lần").replacingOccurrences(of: "topics: [vneid]", with: "topics: [vneid, vneid]")
        let (result, diagnostics) = TestSite.build(["content/guides/hai-lan.md": twice])
        #expect(diagnostics.errorCount == 0, "\(diagnostics.texts)")
        let topic = try #require(result.text("chu-de/vneid/index.html"))
        #expect(topic.components(separatedBy: "href=\"/huong-dan/hai-lan/\"").count == 2, "one link to the guide")
        let site = try #require(result.site)
        #expect(site.guides(topic: "vneid").filter { $0.url == "/huong-dan/hai-lan/" }.count == 1)
    }

    @Test func everyContentFamilyHasItsProvider() {
        let names = SiteRenderer.providers.map { String(describing: type(of: $0)) }
        #expect(names == ["HomeRoutes", "PageRoutes", "GuideRoutes", "StoryRoutes", "EventRoutes",
                          "LocalityRoutes", "ProgressRoutes", "SiteMapRoutes", "SearchRoutes", "HandoutRoutes", "OfflineRoutes", "SiteFileRoutes"])
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

    @Test func aTemplateAskingForANameItsViewLacksIsAnErrorAtItsLine() {
        var guide = String(decoding: TestSite.theme["templates/guide.mustache"]!, as: UTF8.self)
        guide = guide.replacingOccurrences(of: "{{duration_text}}", with: "{{duration_txt}}")
        let line = guide.components(separatedBy: "\n").firstIndex { $0.contains("{{duration_txt}}") }! + 1
        let column = guide.components(separatedBy: "\n")[line - 1].components(separatedBy: "{{duration_txt}}")[0].count + 1
        let (_, diagnostics) = TestSite.build(["templates/guide.mustache": guide])
        let errors = diagnostics.texts.filter { $0.hasPrefix("templates/guide.mustache:\(line):\(column): error:") }
        #expect(errors.count == 1, "\(diagnostics.texts)")
        #expect(errors.first?.contains("duration_txt") == true)
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

    /// A build takes the families whose routes grow with content a batch at a time; the batches
    /// hold exactly the routes the preview server gets at once, in the same order (so claims,
    /// clashes and output are the same either way).
    @Test func batchedFamiliesHandOverEveryRouteInOrder() throws {
        let (result, diagnostics) = TestSite.build()
        let site = try #require(result.site)
        let bodies = PageBodies(fs: TestSite.fileSystem(), options: MarkdownOptions(), diagnostics: diagnostics,
                                keepFacts: false, assets: [], images: SiteImages())
        let assets = AssetURLs(stylesheet: "/style.css", favicon: "/favicon.ico", stylesheetGzipBytes: 0)
        let families: [any BatchedRouteProvider] = [GuideRoutes(), StoryRoutes(), EventRoutes(), HandoutRoutes()]
        var several = 0
        for language in site.config.languages {
            let context = RouteContext(site: site, language: language, assets: assets, bodies: bodies, diagnostics: diagnostics)
            for family in families {
                let all = family.routes(in: context).map(\.path)
                var batches: [[String]] = []
                var batch = RouteBatch(size: 1) { batches.append($0.map(\.path)); $0 = [] }
                family.routes(in: context, into: &batch)
                batch.flush()
                several += batches.count > 1 ? 1 : 0
                #expect(batches.flatMap { $0 } == all, "\(family) in \(language)")
                #expect(batches.allSatisfy { $0.count == 1 })
                // Through the renderer's `any RouteProvider` too (a method only in an extension
                // would have been the one-batch default there, and was).
                var viaProtocol: [[String]] = []
                (family as any RouteProvider).routes(in: context, batchSize: 1) { viaProtocol.append($0.map(\.path)); $0 = [] }
                #expect(viaProtocol == batches, "\(family) in \(language), through the protocol")
            }
        }
        #expect(several >= 6, "most families should need several batches")
        // A family that is not batched hands over all of its routes at once.
        let context = RouteContext(site: site, language: .vi, assets: assets, bodies: bodies, diagnostics: diagnostics)
        var once: [[String]] = []
        (LocalityRoutes() as any RouteProvider).routes(in: context, batchSize: 1) { once.append($0.map(\.path)); $0 = [] }
        #expect(once.count == 1 && once[0] == LocalityRoutes().routes(in: context).map(\.path))
    }
}

/// What residents are told about events and progress must be true.
@Suite struct HonestListsTests {
    static func event(_ slug: String, status: String, day: Int) -> (String, String) {
        ("content/events/\(slug).md", """
        ---
        title: "Sự kiện \(slug)"
        summary: "Tóm tắt."
        start: 2026-12-\(String(format: "%02d", day))T08:00
        end: 2026-12-\(String(format: "%02d", day))T10:00
        location: {name: "Nhà văn hoá"}
        locality: hoa-lu
        status: \(status)
        ---
        Nội dung.
        """)
    }

    @Test func cancelledAndPostponedEventsAreNeitherUpcomingNorPast() throws {
        let files = Dictionary(uniqueKeysWithValues: [
            Self.event("huy", status: "cancelled", day: 1),
            Self.event("hoan", status: "postponed", day: 2),
            Self.event("theo-lich", status: "scheduled", day: 3),
        ].map { ($0.0, Optional($0.1)) })
        let (result, diagnostics) = TestSite.build(files)
        #expect(diagnostics.errorCount == 0, "\(diagnostics.texts)")
        let home = try #require(result.text("index.html"))
        #expect(home.contains("Sự kiện theo-lich"))
        #expect(!home.contains("Sự kiện huy") && !home.contains("Sự kiện hoan"), "the home page's upcoming slots hold only events that will happen")
        let list = try #require(result.text("su-kien/index.html"))
        let changed = try #require(list.range(of: "<h2>Hoãn hoặc huỷ</h2>"))
        #expect(list[changed.upperBound...].contains("Sự kiện huy") && list[changed.upperBound...].contains("Sự kiện hoan"))
        #expect(!list[..<changed.lowerBound].contains("Sự kiện huy"))
        let cancelled = try #require(result.text("su-kien/huy/index.html"))
        #expect(!cancelled.contains("calendar.ics\""), "a cancelled event offers no 'add to calendar'")
        #expect(result.text("su-kien/theo-lich/index.html")?.contains("calendar.ics\"") == true)
        #expect(!list.contains("<strong class=\"badge \"></strong>"), "no empty badge for scheduled events")
    }

    @Test func statusCountsTheDeadline() {
        let d = LocalDate(year: 2025, month: 12, day: 31)
        #expect(ProgressViews.status(percent: 75, target: 80, asOf: LocalDate(year: 2025, month: 9, day: 30), deadline: d) == .onTrack)
        #expect(ProgressViews.status(percent: 75, target: 80, asOf: LocalDate(year: 2026, month: 3, day: 31), deadline: d) == .missed)
        #expect(ProgressViews.status(percent: 99.97, target: 100, asOf: LocalDate(year: 2025, month: 9, day: 30), deadline: d) == .onTrack)
        #expect(ProgressViews.status(percent: 80, target: 80, asOf: LocalDate(year: 2026, month: 3, day: 31), deadline: d) == .met)
    }
}

/// Lists that grow with years of content are bounded: a ward's page shows a page of each list and
/// links to the full, paginated list.
@Suite struct BoundedListTests {
    @Test func aWardWithHundredsOfEventsAndStoriesStaysWithinTheBudget() throws {
        var files: [String: String?] = [:]
        for i in 0..<300 {
            let day = String(format: "%02d", 1 + i % 28), month = String(format: "%02d", 1 + (i / 28) % 12)
            files["content/events/su-kien-\(i).md"] = """
            ---
            title: "Buổi hướng dẫn số \(i) cho người cao tuổi ở tổ dân phố"
            summary: "Hướng dẫn cài đặt và dùng VNeID, thanh toán không tiền mặt, buổi thứ \(i)."
            date: 2027-\(month)-\(day)
            all_day: true
            location: {name: "Nhà văn hoá tổ \(i)"}
            locality: hoa-lu
            ---
            Nội dung.
            """
            files["content/stories/cau-chuyen-\(i).md"] = """
            ---
            title: "Câu chuyện chợ số thứ \(i)"
            summary: "Tiểu thương ở chợ thanh toán bằng mã QR, câu chuyện số \(i)."
            model: cho-so
            locality: hoa-lu
            date: 2026-\(month)-\(day)
            ---
            Nội dung.
            """
        }
        let (result, diagnostics) = TestSite.build(files)
        #expect(diagnostics.errorCount == 0, "\(diagnostics.texts.prefix(3))")
        #expect(!diagnostics.texts.contains { $0.contains("budget") }, "\(diagnostics.texts.filter { $0.contains("budget") }.prefix(3))")
        let ward = try #require(result.text("dia-phuong/hoa-lu/index.html"))
        let cards = ward.components(separatedBy: "<li class=\"card\"").count - 1
        #expect(cards <= 2 * 12, "the ward page lists \(cards) cards")
        #expect(ward.contains("href=\"/dia-phuong/hoa-lu/su-kien/\""))
        #expect(ward.contains("href=\"/dia-phuong/hoa-lu/cau-chuyen/\""))
        #expect(result.text("dia-phuong/hoa-lu/su-kien/trang/25/index.html") != nil, "300 events on pages of 12")
        #expect(result.text("en/localities/hoa-lu/stories/page/25/index.html") != nil)
        for (path, data) in result.tree.files where path.hasSuffix(".html") {
            #expect(data.count < 200_000, "\(path) is \(data.count) bytes")
        }
    }
}
