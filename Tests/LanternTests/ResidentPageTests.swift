import Foundation
import Testing
@testable import Lantern

/// What issue 12 asks of the pages a resident reads: tap-to-call numbers, a site map page for
/// people, one file per page (the stylesheet inlined) and the first screen of a guide.
@Suite struct PhoneTextTests {
    /// The text with each detected number as `[shown](tel)`.
    static func marked(_ text: String) -> String {
        PhoneText.parts(text).map { part in part.tel.map { "[\(part.text)](\($0))" } ?? part.text }.joined()
    }

    @Test(arguments: [
        ("Bộ phận một cửa, điện thoại 0000 000 000 (thông tin mẫu)", "Bộ phận một cửa, điện thoại [0000 000 000](0000000000) (thông tin mẫu)"),
        ("0229 3871 234", "[0229 3871 234](02293871234)"),
        ("ĐT: 0912.345.678.", "ĐT: [0912.345.678](0912345678)."),
        ("+84 912 345 678", "[+84 912 345 678](+84912345678)"),
        ("Tổng đài 1900 1234", "Tổng đài [1900 1234](19001234)"),
        ("Khẩn cấp gọi 113 ngay", "Khẩn cấp gọi [113](113) ngay"),
        ("113", "[113](113)"),
        ("Call 113.", "Call [113](113)."),
        // Not clearly a phone number: left as text.
        ("Đã có 113 người tham gia", "Đã có 113 người tham gia"),
        ("Thứ Bảy, 28/11/2026, 08:00", "Thứ Bảy, 28/11/2026, 08:00"),
        ("Phòng 0123, năm 2026", "Phòng 0123, năm 2026"),
        ("Mã hồ sơ 0912345678-AB", "Mã hồ sơ 0912345678-AB"),
        ("Số tiền 0912345678,5 đồng", "Số tiền 0912345678,5 đồng"),
        ("", ""),
    ])
    func detectsVietnameseNumbers(text: String, expected: String) {
        #expect(Self.marked(text) == expected)
    }

    @Test func keepsTheTextAsWritten() {
        let text = "Gọi 0912 345 678 hoặc 113"
        #expect(PhoneText.parts(text).map(\.text).joined() == text)
    }
}

@Suite struct ResidentPageTests {
    @Test func helpPhoneAndEventContactAreTapToCall() throws {
        let event = TestSite.base["content/events/tap-huan.md"]!
            .replacingOccurrences(of: "status: scheduled", with: "status: scheduled\ncontact: \"Tổ công nghệ số, điện thoại 0229.3871.234\"")
        let (result, diagnostics) = TestSite.build(["content/events/tap-huan.md": event])
        #expect(diagnostics.texts == [])
        let locality = try #require(result.text("dia-phuong/hoa-lu/index.html"))
        #expect(locality.contains(#"<a class="tel" href="tel:0000000000">0000 000 000</a>"#))
        let page = try #require(result.text("su-kien/tap-huan/index.html"))
        #expect(page.contains(#"Tổ công nghệ số, điện thoại <a href="tel:02293871234">0229.3871.234</a>"#))
    }

    @Test func siteMapPageForPeopleInEachLanguage() throws {
        let (result, diagnostics) = TestSite.build()
        #expect(diagnostics.texts == [])
        let vi = try #require(result.text("so-do-trang/index.html"))
        for needle in [#"<a href="/huong-dan/cai-dat-vneid/">Cài đặt VNeID</a>"#, #"<a href="/chu-de/vneid/">Định danh VNeID</a>"#,
                       #"<a href="/dia-phuong/hoa-lu/">Phường Hoa Lư</a>"#, #"<a href="/mo-hinh/cho-so/">Chợ số</a>"#,
                       #"<a href="/feed.xml">Tin mới (RSS)</a>"#] {
            #expect(vi.contains(needle), "\(needle)")
        }
        let en = try #require(result.text("en/sitemap/index.html"))
        #expect(en.contains(#"<a href="/en/localities/hoa-lu/">Hoa Lu Ward</a>"#))
        // Every page's footer links the page, not the XML; the XML and the feed link stay.
        let home = try #require(result.text("index.html"))
        #expect(home.contains(#"<a href="/so-do-trang/">Sơ đồ trang</a>"#))
        #expect(!home.contains(#"href="/sitemap.xml""#))
        #expect(home.contains(#"<link rel="alternate" type="application/atom+xml" href="/feed.xml" title="Tin mới (RSS)">"#))
        #expect(try #require(result.text("sitemap.xml")).contains("https://example.org/so-do-trang/"))
    }

    @Test func stylesheetIsInlinedInEveryPage() throws {
        let (result, _) = TestSite.build(["templates/static/style.css": "/* theme */\nbody{color:red}\n@media print{body{color:#000}}\n"])
        for path in result.tree.files.keys where path.hasSuffix(".html") && !path.contains("/calendar") {
            let html = try #require(result.text(path))
            if html.contains("http-equiv=\"refresh\"") { continue }
            #expect(html.contains("<style>body{color:red}\n@media print{body{color:#000}}</style>"), "\(path)")
            #expect(!html.contains(#"rel="stylesheet""#), "\(path)")
        }
    }

    @Test func stylesheetThatWouldEndTheStyleElementIsAnError() {
        let (_, diagnostics) = TestSite.build(["templates/static/style.css": "body{color:red}\na::after{content:\"</style>\"}\n"])
        #expect(diagnostics.texts.contains { $0.hasPrefix("templates/static/style.css:2:19: error:") && $0.contains("</style") })
    }

    @Test func budgetWeighsOneFileWhenTheStylesheetIsInlined() {
        let budget = PageBudget(limit: 14 * 1024, stylesheetBytes: 5000, exact: true)
        let inlined = Data("<html><head><style>body{}</style></head><body>x</body></html>".utf8)
        let linked = Data(#"<html><head><link rel="stylesheet" href="/s.css"></head><body>x</body></html>"#.utf8)
        budget.measure(.init(path: "a/index.html", html: inlined, gzipBytes: 100))
        budget.measure(.init(path: "b/index.html", html: linked, gzipBytes: 100))
        let weights = Dictionary(uniqueKeysWithValues: budget.report(tree: OutputTree(), diagnostics: Diagnostics()).map { ($0.path, $0.bytes) })
        #expect(weights["a/index.html"] == 100)
        #expect(weights["b/index.html"] == 5100)
    }

    /// The fast screen (parts around the inline stylesheet, gzipped apart at level 1) never says a
    /// page is lighter than it is: on every page of the sample site it is at least the exact weight,
    /// so a page over the budget is always weighed exactly and warned about.
    @Test func theBudgetsScreenIsNeverBelowTheExactWeight() throws {
        let (result, _) = TestSite.build()
        let pages = result.tree.files.filter { $0.key.hasSuffix(".html") }
        #expect(pages.count > 30)
        let budget = PageBudget(limit: 14 * 1024, stylesheetBytes: 0, exact: false)
        var styled = 0
        for (path, html) in pages.sorted(by: { $0.key < $1.key }) {
            if PageBudget.contains(html, Data("<style>".utf8)) { styled += 1 }
            let exact = Compression.gzip(html, level: 6).count
            #expect(budget.estimate(html) >= exact, "\(path)")
        }
        #expect(styled > 30, "most pages inline the stylesheet")
        // A page without a style element is screened whole.
        let plain = Data(String(repeating: "<p>Bình dân học vụ số</p>", count: 50).utf8)
        #expect(budget.estimate(plain) == Compression.gzip(plain, level: 1).count)
    }

    /// The budget keeps every page over it (each is warned about) and the heaviest few for
    /// `--verbose`, not every page's weight: a 100 000-page build measures 300 000 pages.
    @Test func budgetKeepsThePagesOverItAndTheHeaviestFew() {
        let budget = PageBudget(limit: 1_000, stylesheetBytes: 0, exact: false)
        let html = Data("<html></html>".utf8)
        for i in 0..<500 { budget.measure(.init(path: "p\(i)/index.html", html: html, gzipBytes: i % 250 * 5)) }
        let diagnostics = Diagnostics()
        let weights = budget.report(tree: OutputTree(), diagnostics: diagnostics)
        // 1 005 … 1 245 bytes, twice each: 98 pages over the budget.
        #expect(weights.filter { $0.bytes > 1_000 }.count == 98)
        #expect(diagnostics.texts.filter { $0.contains("over the 0 KB budget") }.count == 98)
        #expect(weights.count == 98, "the heaviest are among those over the budget")
        #expect(weights.first == PageWeight(path: "p249/index.html", bytes: 1_245) && weights[1] == PageWeight(path: "p499/index.html", bytes: 1_245))
        #expect(zip(weights, weights.dropFirst()).allSatisfy { $0.bytes >= $1.bytes })
        // Nothing over the budget: the heaviest ten, heaviest first.
        let light = PageBudget(limit: 100_000, stylesheetBytes: 0, exact: false)
        for i in 0..<500 { light.measure(.init(path: "p\(i)/index.html", html: html, gzipBytes: i)) }
        #expect(light.report(tree: OutputTree(), diagnostics: Diagnostics()).map(\.bytes) == Array((490..<500).reversed()))
    }

    @Test func guideFirstScreenHasTimeNeedsAndAStartLink() throws {
        let (result, _) = TestSite.build()
        let html = try #require(result.text("huong-dan/cai-dat-vneid/index.html"))
        let quick = try #require(html.range(of: #"<div class="quick">"#))
        let lead = try #require(html.range(of: #"<p class="lead">"#))
        #expect(quick.lowerBound < lead.lowerBound, "the short facts come before the summary")
        #expect(html.contains(##"<a href="#can-chuan-bi">Cần chuẩn bị 1 thứ</a>"##))
        // The start link lands on the heading just above the steps, not on the introduction.
        #expect(html.contains(##"<a class="button start" href="#buoc-2-dang-nhap">Bắt đầu từ bước 1"##))
        #expect(GuideView.stepsAnchor("<p>x</p><h2 id=\"a\">A</h2><p>y</p><h3 id=\"b\">B</h3><ol><li>1</li></ol><h2 id=\"c\">C</h2>") == "b")
        #expect(GuideView.stepsAnchor("<p>no list</p>") == nil)
    }

    @Test func trendChartHasLabelledAxesAndRoomToRead() {
        let svg = SVGChart.trend(id: "t", title: "T", description: "D", points: [52, 61, 70.2, 72, 75], target: 80,
                                 labels: ["3/2026", "6/2026", "9/2026", "12/2026", "3/2027"])
        #expect(svg.contains(#"viewBox="0 0 320 200""#))
        for label in [">0%<", ">50%<", ">100%<", ">80%<", ">3/2026<", ">3/2027<"] { #expect(svg.contains(label), "\(label)") }
        // Five points, four date labels: they never overlap.
        #expect(svg.components(separatedBy: "/202").count - 1 == 4)
    }
}
