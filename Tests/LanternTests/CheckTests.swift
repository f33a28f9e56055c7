import Foundation
import Testing
@testable import Lantern

/// `lantern check` beyond Markdown: links that templates and settings put on pages, and addresses
/// on other sites (`--external`, with a stand-in for the network).
@Suite struct CheckTests {
    static func check(_ overrides: [String: String?]) -> [String] {
        let diagnostics = Diagnostics()
        let result = Builder(fs: TestSite.fileSystem(overrides), options: BuildOptions(today: TestSite.today),
                             diagnostics: diagnostics).run(keepFacts: true)
        SiteChecks(result: result, diagnostics: diagnostics).run()
        return diagnostics.texts
    }

    @Test func templateAndMenuLinksThatLeadNowhereAreReportedOnceWhereTheyAreWritten() throws {
        let footer = String(decoding: TestSite.theme["templates/partials/footer.mustache"]!, as: UTF8.self)
        let brokenFooter = footer.replacingOccurrences(of: "</footer>", with: "<p><a href=\"/tai-lieu-cu/\">Tài liệu</a> <a href=\"#cuoi-trang\">Lên</a></p>\n</footer>")
        let settings = TestSite.base["content/site.yml"]! + "\nmenu:\n  - {label: nav_guides, target: guides}\n  - {label: nav_events, target: /lich-cu/}\n"
        let texts = Self.check(["templates/partials/footer.mustache": brokenFooter, "content/site.yml": settings])
        /// "line:column" of `needle` in `text`, counted the way editors do.
        func at(_ needle: String, in text: String) -> String {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            let line = lines.firstIndex { $0.contains(needle) }!
            let column = lines[line].distance(from: lines[line].startIndex, to: lines[line].range(of: needle)!.lowerBound) + 1
            return "\(line + 1):\(column)"
        }
        #expect(texts.contains("templates/partials/footer.mustache:\(at("/tai-lieu-cu/", in: brokenFooter)): error: the link /tai-lieu-cu/ on /404.html leads to a page that does not exist\n  hint: check the address; internal links start with / and end with /."))
        #expect(texts.contains { $0.hasPrefix("templates/partials/footer.mustache:\(at("#cuoi-trang", in: brokenFooter)): error: the link #cuoi-trang on /404.html and ") && $0.contains("other pages points to an id the page does not have") })
        #expect(texts.contains { $0.hasPrefix("content/site.yml:\(at("/lich-cu/", in: settings)): error: the link /lich-cu/ on /404.html leads to a page that does not exist") })
        // On English pages the menu link has the /en prefix; it is still traced to its line.
        #expect(texts.contains { $0.hasPrefix("content/site.yml:\(at("/lich-cu/", in: settings)): error: the link /en/lich-cu/ on /en/404.html leads") })
        // Each broken link once, however many pages carry it.
        #expect(texts.filter { $0.contains("/tai-lieu-cu/") && $0.contains("error:") }.count == 1)
        #expect(texts.filter { $0.contains("#cuoi-trang") && $0.contains("error:") }.count == 1)
    }

    @Test func theSampleThemeHasNoBrokenLinks() {
        #expect(Self.check([:]) == [])
    }

    /// A guide's body is rendered for its page, its handout, class packs and search: a problem in
    /// it is one diagnostic, counted once, however many renders meet it.
    @Test func aProblemMetByEveryRenderOfABodyIsCountedOnce() {
        let guide = TestSite.base["content/guides/cai-dat-vneid.md"]!
            .replacingOccurrences(of: "Mở đầu.", with: "Mở đầu, xem [tệp](file:///etc/passwd).")
        let diagnostics = Diagnostics()
        _ = Builder(fs: TestSite.fileSystem(["content/guides/cai-dat-vneid.md": guide]), options: BuildOptions(today: TestSite.today),
                    diagnostics: diagnostics).run()
        #expect(diagnostics.texts.count == 1, "\(diagnostics.texts)")
        #expect(diagnostics.errorCount == 1)
        #expect(diagnostics.warningCount == 0)
    }

    @Test func externalLinksAreCheckedWithALimitAndReportedAtTheirMarkdownPosition() throws {
        let page = "---\ntitle: \"Liên kết\"\n---\nXem [cổng dịch vụ](https://dichvucong.example/ok), [trang cũ](https://cu.example/mat)\nvà [máy chủ tắt](https://tat.example/).\n"
        let diagnostics = Diagnostics()
        let result = Builder(fs: TestSite.fileSystem(["content/lien-ket.md": page]), options: BuildOptions(today: TestSite.today),
                             diagnostics: diagnostics).run(keepFacts: true)
        let asked = ResultSlots<String>(count: 10)
        let counter = Counter()
        let checker = ExternalLinks(limit: 2, timeout: 1, concurrency: 2) { url, _ in
            asked.set(counter.next(), url.absoluteString)
            switch url.host {
            case "cu.example": return .status(404)
            case "tat.example": return .unreachable("no answer within 1 s")
            default: return .ok
            }
        }
        let (checked, skipped) = SiteChecks(result: result, diagnostics: diagnostics).checkExternal(checker)
        #expect(checked == 2 && skipped == 1)
        // The first two addresses in sorted order were asked; the site's own address never is.
        #expect(Set(asked.values.compactMap { $0 }) == ["https://cu.example/mat", "https://dichvucong.example/ok"])
        #expect(diagnostics.texts == [
            "content/lien-ket.md:4:52: warning: the link https://cu.example/mat answers with HTTP 404 (the page is gone)\n  hint: find the page's new address, or remove the link.",
        ])
        let all = ExternalLinks(limit: 10, timeout: 1, fetch: checker.fetch)
        let diagnostics2 = Diagnostics()
        _ = SiteChecks(result: result, diagnostics: diagnostics2).checkExternal(all)
        #expect(diagnostics2.texts.last == "content/lien-ket.md:5:4: warning: the link https://tat.example/ could not be reached: no answer within 1 s\n  hint: check the address; if the site is down only for now, check again later.")
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    func next() -> Int { lock.withLock { defer { value += 1 }; return value } }
}
