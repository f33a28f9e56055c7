import Foundation
import Testing
@testable import Lantern

/// Offline reading: the service worker route, its build-derived version, the offline pages, the
/// save button, the `_headers` switch and the script budget.
@Suite struct OfflineTests {
    static func version(_ worker: String?) -> String? {
        guard let worker, let r = worker.range(of: #"var V="[0-9a-f]{16}""#, options: .regularExpression) else { return nil }
        return String(worker[r].dropFirst(7).dropLast())
    }

    @Test func workerOfflinePagesAndPageScriptAreBuilt() throws {
        let (result, diagnostics) = TestSite.build()
        #expect(diagnostics.errorCount == 0 && diagnostics.warningCount == 0, "\(diagnostics.texts)")
        let worker = try #require(result.text("sw.js"))
        #expect(Self.version(worker) != nil, "the worker carries a 16-hex build version")
        #expect(worker.contains(#"["/ngoai-tuyen/","/en/offline/","\#(OfflineScripts.pageScriptURL)"]"#), "the shell: offline pages and the page script")
        #expect(worker.contains("Bạn đang xem bản đã lưu ngày {d}.") && worker.contains("You are reading a copy saved on {d}."))
        #expect(!worker.contains("__"), "every placeholder is filled")
        let vi = try #require(result.text("ngoai-tuyen/index.html"))
        #expect(vi.contains("<h1>Không có mạng</h1>") && vi.contains("id=\"offline-list\"") && vi.contains("<meta name=\"robots\" content=\"noindex\">"))
        let en = try #require(result.text("en/offline/index.html"))
        #expect(en.contains("<h1>No connection</h1>"))
        #expect(result.text(String(OfflineScripts.pageScriptURL.dropFirst())) == OfflineScripts.pageScript)
        let guide = try #require(result.text("huong-dan/cai-dat-vneid/index.html"))
        #expect(guide.contains("<script src=\"\(OfflineScripts.pageScriptURL)\" defer></script>"))
        #expect(guide.contains("<div class=\"offline-save\" hidden><button type=\"button\""), "hidden until a worker is active")
        #expect(guide.contains(">Lưu để đọc khi không có mạng</button>") && guide.contains("data-remove=\"Xoá bản đã lưu\""))
        #expect(guide.contains("data-handout=\"/huong-dan/cai-dat-vneid/in/\""))
        #expect(!(result.text("sitemap.xml") ?? "").contains("ngoai-tuyen"), "a noindex page stays out of the sitemap")
        #expect(result.text("_headers") == nil, "no _headers file unless site.yml asks")
    }

    @Test func versionChangesWithAnyPageAndIsStableForIdenticalInput() throws {
        let a = Self.version(TestSite.build().0.text("sw.js"))
        let b = Self.version(TestSite.build().0.text("sw.js"))
        #expect(a != nil && a == b, "identical input, identical worker")
        let changed = (TestSite.base["content/guides/cai-dat-vneid.md"] ?? "").replacingOccurrences(of: "Tìm VNeID.", with: "Tìm ứng dụng VNeID.")
        let c = Self.version(TestSite.build(["content/guides/cai-dat-vneid.md": changed]).0.text("sw.js"))
        #expect(c != nil && c != a, "a changed guide gives a new version")
        let d = Self.version(TestSite.build(["templates/guide.mustache": "{{<base}}{{$main}}<h1>{{title}}</h1>{{/main}}{{/base}}"]).0.text("sw.js"))
        #expect(d != nil && d != a, "a changed template gives a new version")
    }

    @Test func headersFileWhenSiteYmlAsks() throws {
        let site = (TestSite.base["content/site.yml"] ?? "") + "\nheaders_file: true\n"
        let (result, diagnostics) = TestSite.build(["content/site.yml": site])
        #expect(diagnostics.errorCount == 0, "\(diagnostics.texts)")
        let headers = try #require(result.text("_headers"))
        #expect(headers.contains("/sw.js\n  Cache-Control: no-cache\n"))
        #expect(headers.contains("\(OfflineScripts.pageScriptURL)\n  Cache-Control: public, max-age=31536000, immutable\n"))
        #expect(headers.contains("/search/*\n  Cache-Control: public, max-age=31536000, immutable\n"), "a folder of hashed files is one rule")
        #expect(!headers.contains("index.html"), "pages are not marked immutable")
    }

    @Test func headersRulesGroupOnlyFoldersOfHashedFiles() {
        let text = OfflineRoutes.headers(paths: ["a/index.html", "a/x.0123abcd.css", "b/y.89abcdef.js", "index.html", "s.deadbeef.css", "sw.js"])
        #expect(text == """
        /a/x.0123abcd.css
          Cache-Control: public, max-age=31536000, immutable
        /b/*
          Cache-Control: public, max-age=31536000, immutable
        /s.deadbeef.css
          Cache-Control: public, max-age=31536000, immutable
        /sw.js
          Cache-Control: no-cache

        """)
    }

    @Test func registrationAndWorkerFitTheScriptBudget() throws {
        let worker = try #require(TestSite.build().0.tree.files["sw.js"])
        let bytes = Compression.gzip(worker, level: 9).count + Compression.gzip(Data(OfflineScripts.pageScript.utf8), level: 9).count
        print("offline scripts: \(bytes) bytes gzip (budget \(OfflineScripts.budgetBytes))")
        #expect(bytes <= OfflineScripts.budgetBytes, "registration + worker: \(bytes) bytes gzip")
    }

    @Test func theShellFetchedAheadStaysUnder30KB() throws {
        let result = TestSite.build().0
        let worker = try #require(result.text("sw.js"))
        let range = try #require(worker.range(of: #"addAll\(\[[^\]]*\]"#, options: .regularExpression))
        let list = String(worker[range])
        let urls = list.split(separator: "\"").filter { $0.hasPrefix("/") }.map(String.init)
        #expect(urls.count == 3, "\(urls)")
        var bytes = 0
        for url in urls {
            let file = try #require(result.tree.files[url.hasSuffix("/") ? OutputTree.filePath(forURL: url) : String(url.dropFirst())], "\(url) is built")
            bytes += Compression.gzip(file, level: 6).count
        }
        print("offline shell: \(bytes) bytes gzip")
        #expect(bytes <= 30 * 1024, "the shell every resident downloads ahead: \(bytes) bytes gzip")
    }
}
