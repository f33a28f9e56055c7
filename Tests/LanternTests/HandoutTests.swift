import Foundation
import Testing
@testable import Lantern

/// Printed handouts: the QR code, the printable pages, class packs and the short addresses.
@Suite struct HandoutTests {
    /// The dark modules an SVG's path draws (runs `M x y h n v1 h-n z`), quiet zone removed.
    static func modules(ofSVG svg: String, size: Int) -> [Bool] {
        var grid = [Bool](repeating: false, count: size * size)
        let q = QRCode.quietZone
        let d = svg.components(separatedBy: "<path d=\"")[1].prefix { $0 != "\"" }
        for run in d.split(separator: "z") {
            let parts = run.dropFirst().split(whereSeparator: { "hv ".contains($0) }).compactMap { Int($0) }
            let (x, y, n) = (parts[0] - q, parts[1] - q, parts[2])
            for i in 0..<n { grid[y * size + x + i] = true }
        }
        return grid
    }

    @Test func qrCodeIsLibqrencodesMatrixDrawnExactly() throws {
        let url = "https://example.org/g/abc123/"
        let code = try #require(QRCode(url))
        // 29 bytes at level M need version 3 (version 2-M holds 26 bytes): 29 × 29 modules.
        #expect(code.version == 3)
        #expect(code.size == 17 + 4 * code.version)
        // The three finder patterns: a dark 7×7 ring with a dark 3×3 centre, light in between.
        for (ox, oy) in [(0, 0), (code.size - 7, 0), (0, code.size - 7)] {
            for y in 0..<7 {
                for x in 0..<7 {
                    let ring = x == 0 || y == 0 || x == 6 || y == 6
                    let centre = (2...4).contains(x) && (2...4).contains(y)
                    #expect(code.isDark(x: ox + x, y: oy + y) == (ring || centre), "finder at \(ox),\(oy): \(x),\(y)")
                }
            }
        }
        // The timing pattern alternates along row 6 between the finders.
        #expect((8..<(code.size - 8)).allSatisfy { code.isDark(x: $0, y: 6) == ($0 % 2 == 0) })
        let svg = code.svg(title: "Mã QR <trang>")
        #expect(Self.modules(ofSVG: svg, size: code.size) == code.modules, "the SVG draws exactly the dark modules")
        #expect(svg.contains("viewBox=\"0 0 37 37\""), "4-module quiet zone on each side")
        #expect(svg.contains("role=\"img\"") && svg.contains("<title>Mã QR &lt;trang&gt;</title>"))
        #expect(svg.contains("shape-rendering=\"crispEdges\""))
        // A different text gives a different matrix (the encoder is really consulted).
        #expect(try #require(QRCode("https://example.org/g/abc124/")).modules != code.modules)
    }

    @Test func everyGuideAndEventHasAPrintableHandout() throws {
        let (result, diagnostics) = TestSite.build()
        #expect(diagnostics.errorCount == 0 && diagnostics.warningCount == 0, "\(diagnostics.texts)")
        let code = ShortLinks.code("guide:guides/cai-dat-vneid")
        let handout = try #require(result.text("huong-dan/cai-dat-vneid/in/index.html"))
        #expect(handout.contains("<svg") && handout.contains("role=\"img\""))
        #expect(handout.contains("example.org/g/\(code)/"), "the short address is printed beside the code")
        #expect(handout.contains("<strong>example.org</strong>"), "the official domain in plain words")
        #expect(handout.contains("Cập nhật ngày <time datetime=\"2026-10-15\">"))
        #expect(handout.contains("<li>Tìm VNeID.</li>") && handout.contains("Điện thoại có Internet"))
        #expect(handout.contains("Tổ công nghệ số phường Hoa Lư"), "where to get help")
        #expect(!handout.contains("<header class=\"site-header") && !handout.contains("<nav class=\"menu"), "no navigation")
        #expect(handout.contains("<meta name=\"robots\" content=\"noindex\">"))
        // The guide links its handout.
        let guide = try #require(result.text("huong-dan/cai-dat-vneid/index.html"))
        #expect(guide.contains("<a href=\"/huong-dan/cai-dat-vneid/in/\">In tờ hướng dẫn</a>"))
        // The event's handout names its locality's team with its place and hours.
        let event = try #require(result.text("su-kien/tap-huan/in/index.html"))
        #expect(event.contains("Nhà văn hoá tổ 3") && event.contains("Tổ công nghệ số phường Hoa Lư"))
        #expect(event.contains("Thông tin tính đến ngày"))
    }

    @Test func shortAddressesRedirectAndStayOutOfTheSitemap() throws {
        let (result, _) = TestSite.build()
        let code = ShortLinks.code("guide:guides/cai-dat-vneid")
        #expect(code.count == 8 && code == ShortLinks.code("guide:guides/cai-dat-vneid"))
        let redirect = try #require(result.text("g/\(code)/index.html"))
        #expect(redirect.contains("url=/huong-dan/cai-dat-vneid/"))
        let sitemap = try #require(result.text("sitemap.xml"))
        #expect(!sitemap.contains("/g/"))
    }

    /// A sitemap entry marked noindex is an error in search consoles: every page the sitemap lists
    /// is indexable, and every indexable page is listed (handouts, class packs and the offline
    /// pages are noindex; short addresses and aliases are redirects).
    @Test func theSitemapListsExactlyTheIndexablePages() throws {
        let (result, _) = TestSite.build()
        let sitemap = try #require(result.text("sitemap.xml"))
        let listed = Set(sitemap.components(separatedBy: "<loc>https://example.org").dropFirst().map { String($0.prefix { $0 != "<" }) })
        var indexable: Set<String> = [], handouts = 0
        for path in result.tree.files.keys where path.hasSuffix("index.html") {
            let html = try #require(result.text(path))
            if path.contains("/in/") || path.hasPrefix("in/") || path.hasSuffix("/print/index.html") { handouts += 1 }
            if html.contains(#"<meta name="robots" content="noindex">"#) || html.contains(#"http-equiv="refresh""#) { continue }
            indexable.insert("/" + path.dropLast("index.html".count))
        }
        #expect(handouts >= 3)
        #expect(listed.subtracting(indexable).isEmpty, "listed but noindex or a redirect: \(listed.subtracting(indexable).sorted())")
        #expect(indexable.subtracting(listed).isEmpty, "indexable but not listed: \(indexable.subtracting(listed).sorted())")
    }

    /// The sitemap protocol allows 50 000 addresses a file: past that, sitemap.xml is an index of
    /// parts that together list exactly what one file would (shown here with a limit of 10).
    @Test func aSitemapOverTheLimitIsSplitIntoPartsNamedByAnIndex() throws {
        let (result, _) = TestSite.build()
        let site = try #require(result.site)
        let single = try #require(result.text("sitemap.xml"))
        func locs(_ xml: String) -> [String] {
            xml.components(separatedBy: "<loc>").dropFirst().map { String($0.prefix { $0 != "<" }) }
        }
        let listed = locs(single)
        #expect(listed.count > 20 && listed.count <= 30, "the test site should need three parts of 10: \(listed.count)")
        let paths = result.tree.paths, pages = result.tree.listedPages
        #expect(pages.map { "https://example.org/" + $0.dropLast("index.html".count) } == listed)
        var context = SiteRouteContext(site: site, claimedPaths: { paths }, listedPagePaths: { pages })
        context.listedPages = listed.count
        let routes = SiteFileRoutes(sitemapLimit: 10).siteRoutes(context)
        func made(_ path: String) throws -> String {
            let route = try #require(routes.first { $0.path == path }, "\(path)")
            guard case .file(let make) = route.content else { Issue.record("\(path) is not a file"); return "" }
            return String(decoding: make(), as: UTF8.self)
        }
        let index = try made("sitemap.xml")
        #expect(index.contains("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"))
        #expect(locs(index) == ["https://example.org/sitemap-1.xml", "https://example.org/sitemap-2.xml", "https://example.org/sitemap-3.xml"])
        #expect(!routes.contains { $0.path == "sitemap-4.xml" })
        var joined: [String] = []
        for part in 1...3 {
            let xml = try made("sitemap-\(part).xml")
            #expect(xml.contains("<urlset ") && locs(xml).count <= 10)
            joined += locs(xml)
        }
        #expect(joined == listed)
        // hreflang pairs and dates stay with their page in whichever part it falls.
        #expect(single.components(separatedBy: "<xhtml:link").count
                == (1...3).map { (try? made("sitemap-\($0).xml")) ?? "" }.map { $0.components(separatedBy: "<xhtml:link").count - 1 }.reduce(1, +))
    }

    @Test func classPacksCollectHandoutsPerTopicAndLocality() throws {
        let (result, diagnostics) = TestSite.build([
            "content/guides/nop-ho-so.md": "---\ntitle: \"Nộp hồ sơ\"\nsummary: \"Tóm tắt.\"\ntopics: [vneid]\nduration: 15\nupdated: 2026-09-01\n---\n## Bước 2: Đăng nhập\n\n1. Mở trang.\n",
        ])
        #expect(diagnostics.errorCount == 0, "\(diagnostics.texts)")
        let topic = try #require(result.text("in/chu-de/vneid/index.html"))
        #expect(topic.components(separatedBy: "<article class=\"handout\"").count == 3, "both guides, one sheet each")
        let ids = topic.components(separatedBy: " id=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(Set(ids).count == ids.count, "heading ids stay unique with several bodies on one page: \(ids)")
        let locality = try #require(result.text("in/dia-phuong/hoa-lu/index.html"))
        #expect(locality.contains("Tập huấn VNeID") && locality.contains("Nộp hồ sơ"), "guides and the locality's upcoming event")
    }

    /// Years of content: 300 000 guides' keys get 300 000 different short codes (six characters gave
    /// 20 collisions here, and the 100 000-page benchmark site failed to build on one).
    @Test func shortCodesStayDistinctAtScale() {
        let words = ["cai-dat", "vneid", "thanh-toan", "dich-vu-cong", "lua-dao", "tai-khoan", "dinh-danh", "ngan-hang"]
        var seen = Set<String>(), lengths = Set<Int>()
        for i in 0..<300_000 {
            let code = ShortLinks.code("guide:\(words[i % 8])-\(words[(i / 8) % 8])-\(i)")
            lengths.insert(code.count)
            seen.insert(code)
        }
        #expect(lengths == [8])
        #expect(seen.count == 300_000)
    }

    @Test func aShortAddressCollisionIsAnErrorNamingBothPages() throws {
        let site = try #require(TestSite.build().0.site)
        let diagnostics = Diagnostics()
        let links = ShortLinks(site: site, diagnostics: diagnostics, number: { _ in 0 })
        #expect(ShortLinks.code(of: site.pages.first { $0.kind == .guide }!) == ShortLinks.code("guide:\(site.pages.first { $0.kind == .guide }!.translationKey)"))
        #expect(diagnostics.errorCount == 1)
        let text = diagnostics.texts.joined()
        #expect(text.contains("/g/00000000/") && text.contains("content/") && text.contains("translation_key"))
        #expect(site.pages.filter { links.url($0) != nil }.count == 1, "only the first page keeps the address")
    }
}
