import Foundation
import Lantern

/// The site as the preview server sees it: the latest successfully loaded site, planned but not
/// rendered — each page is rendered when a browser asks for it, then kept until the next change —
/// or the errors of the latest failed load, shown in the browser. Nothing is written to disk.
///
/// An edit to Markdown files re-reads only those files; other changes (templates, data, settings,
/// images) load the whole site again.
final class PreviewSite: @unchecked Sendable {
    static let reloadPath = "/__lantern/reload"
    /// Injected before `</body>` in serve output only: reload when the server says the site changed.
    static let reloadScript = """
    <script>(function(){function c(){var w=new WebSocket((location.protocol=="https:"?"wss://":"ws://")+location.host+"\(reloadPath)");w.onmessage=function(){location.reload()};w.onclose=function(){setTimeout(c,1000)}}c()})()</script>
    """

    private let lock = NSLock()
    private var prepared: PreparedSite?
    /// Pages rendered since the last change.
    private var cache: [String: Data] = [:]
    /// The last site that loaded without errors: incremental reloads start from it.
    private var lastGood: Site?
    private var errorPage: String?
    let source: String
    let drafts: Bool
    /// The build date (`--now`, or today when serve started).
    let today: LocalDate
    /// `--strict`: warnings stop the site like errors and are shown as errors on the error page.
    let strict: Bool

    init(source: String, drafts: Bool, today: LocalDate, strict: Bool) {
        self.source = source
        self.drafts = drafts
        self.today = today
        self.strict = strict
    }

    struct Outcome {
        var seconds: Double
        var diagnostics: [Diagnostic]
        var failed: Bool
        var pages: Int
        var incremental: Bool
        /// (stage, seconds) for `--verbose`.
        var stages: [(String, Double)]
    }

    /// Loads (all of it, or only `changed` Markdown files) and plans the site; on content errors
    /// keeps the error list to show. The caller tells browsers to reload either way.
    @discardableResult
    func rebuild(changed: [String]? = nil) -> Outcome {
        let start = DispatchTime.now().uptimeNanoseconds
        let diagnostics = Diagnostics()
        let options = BuildOptions(includeDrafts: drafts, today: today, liveReloadScript: Self.reloadScript)
        let builder = Builder(fs: DiskFileSystem(root: source), options: options, diagnostics: diagnostics)
        let previous = lock.withLock { lastGood }
        // Files that came and went within the burst (an editor's or sed's temporary file) are not
        // changes to the site; a Markdown file that disappeared is (a deleted page).
        let changed = changed?.filter { $0.hasSuffix(".md") || FileManager.default.fileExists(atPath: (source as NSString).appendingPathComponent($0)) }
        // Only page bodies changed (the usual save while writing): the plan holds, every URL and
        // list is the same, so only the rendered pages and what was made from bodies are dropped.
        if let previous, let changed, lock.withLock({ errorPage == nil && prepared != nil }),
           builder.onlyBodiesChanged(in: previous, paths: changed) {
            lock.lock()
            let retired = cache
            cache = [:]
            prepared?.bodiesChanged()
            let pages = prepared?.pageCount ?? 0
            lock.unlock()
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            let old = RetiredPlan((nil, retired))
            DispatchQueue.global(qos: .utility).async { withExtendedLifetime(old) {} }
            return Outcome(seconds: seconds, diagnostics: [], failed: false, pages: pages, incremental: true,
                           stages: [("bodies", seconds)])
        }
        let incremental = previous != nil && changed.map(Builder.isPageOnlyChange) == true
        let site = incremental ? builder.reload(previous!, changed: changed!) : builder.load()
        let loaded = DispatchTime.now().uptimeNanoseconds
        let before = lock.withLock { prepared }
        let next = site.flatMap { diagnostics.failed(strict: strict) ? nil : builder.prepare($0, after: before) }
        let failed = next == nil || diagnostics.failed(strict: strict)
        let stages = [(incremental ? "reload" : "load", Double(loaded - start) / 1e9),
                      ("plan", Double(DispatchTime.now().uptimeNanoseconds - loaded) / 1e9)]
        var retired: (PreparedSite?, [String: Data]) = (nil, [:])
        lock.lock()
        if failed {
            errorPage = Self.errorPage(diagnostics.sorted, strict: strict)
        } else {
            errorPage = nil
            retired = (prepared, cache)  // freed outside the lock, not while requests wait
            prepared = next
            lastGood = site
            cache = [:]
        }
        let pages = prepared?.pageCount ?? 0
        lock.unlock()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        // The previous plan and its rendered pages are freed on another thread: a large site's
        // take tens of milliseconds, which the browser need not wait for.
        let old = RetiredPlan(retired)
        DispatchQueue.global(qos: .utility).async { withExtendedLifetime(old) {} }
        return Outcome(seconds: seconds, diagnostics: diagnostics.sorted, failed: failed, pages: pages, incremental: incremental, stages: stages)
    }

    /// The current plan (tests compare it with a fresh one).
    var current: PreparedSite? { lock.withLock { prepared } }

    enum Response: Equatable {
        case file(Data, contentType: String)
        case redirect(String)
        case notFound(Data)
        case error(Data)
    }

    /// Resolves a decoded request path to a response. Paths that climb out (`..`) never match.
    func respond(to rawPath: String) -> Response {
        let decoded = rawPath.removingPercentEncoding ?? rawPath
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: true)
        let (site, errorPage) = lock.withLock { (prepared, self.errorPage) }
        if segments.contains(where: { $0 == ".." || $0 == "." || $0.contains("\\") || $0.contains("\0") }) {
            return .notFound(file("404.html", in: site) ?? Data("Not found".utf8))
        }
        var path = segments.joined(separator: "/")
        if decoded.hasSuffix("/") || path.isEmpty { path += path.isEmpty ? "index.html" : "/index.html" }
        if let errorPage, path.hasSuffix(".html") { return .error(Data(errorPage.utf8)) }
        if let data = file(path, in: site) { return .file(data, contentType: Self.contentType(path)) }
        if site?.contains(path + "/index.html") == true { return .redirect("/" + path + "/") }
        let notFound = file(segments.first == "en" ? "en/404.html" : "404.html", in: site)
        return .notFound(notFound ?? Data("Not found".utf8))
    }

    /// A file of the current site: from the cache, or rendered now and cached.
    private func file(_ path: String, in site: PreparedSite?) -> Data? {
        guard let site else { return nil }
        if let cached = lock.withLock({ prepared === site ? cache[path] : nil }) { return cached }
        guard let data = site.file(path) else { return nil }
        lock.withLock { if prepared === site { cache[path] = data } }
        return data
    }

    static func contentType(_ path: String) -> String {
        switch (path as NSString).pathExtension.lowercased() {
        case "html": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js": return "text/javascript; charset=utf-8"
        case "svg": return "image/svg+xml"
        case "ics": return "text/calendar; charset=utf-8"
        case "xml": return "application/xml; charset=utf-8"
        case "json": return "application/json"
        case "csv": return "text/csv; charset=utf-8"
        case "txt": return "text/plain; charset=utf-8"
        case "webmanifest": return "application/manifest+json"
        case "ico": return "image/x-icon"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "webp": return "image/webp"
        default: return "application/octet-stream"
        }
    }

    /// The page shown instead of every page while the site has errors (with `strict`, warnings too, as errors).
    static func errorPage(_ diagnostics: [Diagnostic], strict: Bool) -> String {
        func esc(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
        }
        let items = diagnostics.filter { strict || $0.severity == .error }.map { d in
            "<li><p><strong>\(esc(d.location.path)):\(d.location.line):\(d.location.column)</strong></p><p>\(esc(d.message))</p>\(d.hint.map { "<p>Gợi ý / Hint: \(esc($0))</p>" } ?? "")</li>"
        }.joined()
        return """
        <!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">\
        <title>Lỗi nội dung – Lantern</title><style>body{font:1.125rem/1.5 system-ui,sans-serif;margin:1rem;max-width:44rem}li{border-left:6px solid #8a1c13;padding-left:1rem;margin-bottom:1rem}</style></head>\
        <body><main><h1>Trang chưa dựng được (content error)</h1><p>Sửa các lỗi dưới đây rồi lưu tệp; trang sẽ tự tải lại.</p><ol>\(items)</ol></main>\(reloadScript)</body></html>
        """
    }
}

/// The plan and page cache a rebuild replaced, handed to another thread to be freed.
private final class RetiredPlan: @unchecked Sendable {
    let value: (PreparedSite?, [String: Data])
    init(_ value: (PreparedSite?, [String: Data])) { self.value = value }
}
