import Foundation

/// The page-weight budget: each page's HTML plus its stylesheet, gzip-compressed, must fit in
/// `page_budget_kb`. Pages are weighed as they are rendered, on the rendering thread. A page whose
/// stylesheet is inlined (the default theme) is one file and weighs what its HTML weighs; the
/// stylesheet's size is added only to pages that link it (`<link rel="stylesheet">`).
///
/// The weight is the `.gz` file's size when the build precompresses. Otherwise a fast estimate
/// screens each page, and pages within 10% of the budget are weighed exactly at level 6, the usual
/// server setting — so a warning's figure is always exact, and a 10 000-page build does not spend
/// seconds compressing pages nobody will serve that way. The estimate is a fast gzip (level 1,
/// never smaller in practice) of the page in three parts: before its inline `<style>` element,
/// the element, and after it. The element is the theme's stylesheet, the same on every page and
/// most of a small page's bytes, so its size is found once, not once per page; compressing parts
/// apart only loses the matches between them, so the sum is not below the page's weight either.
final class PageBudget: @unchecked Sendable {
    let limit: Int
    let stylesheetBytes: Int
    /// Weigh every page exactly (`--verbose` lists the heaviest).
    let exact: Bool
    private let lock = NSLock()
    /// The pages over the budget, and the heaviest few (`--verbose` lists them): not every page's
    /// weight, which held each page's path to the end of a build (300 000 on 100 000 pages).
    private var over: [PageWeight] = []
    private var heaviest: [PageWeight] = []
    /// How many of the heaviest pages are kept.
    static let kept = 10

    init(limit: Int, stylesheetBytes: Int, exact: Bool) {
        self.limit = limit
        self.stylesheetBytes = stylesheetBytes
        self.exact = exact
    }

    private static let stylesheetLink = Data(#"rel="stylesheet""#.utf8)
    private static let styleStart = Data("<style>".utf8), styleEnd = Data("</style>".utf8)

    /// The last inline `<style>` element screened and its fast-gzip size (shared by the threads).
    private var style: (bytes: Data, size: Int)?

    /// Whether `needle` occurs in `haystack` (memchr for the first byte, then memcmp).
    static func contains(_ haystack: Data, _ needle: Data) -> Bool { find(needle, in: haystack) != nil }

    /// Where `needle` first occurs in `haystack` at or after `from` (memchr, then memcmp).
    static func find(_ needle: Data, in haystack: Data, from: Int = 0) -> Int? {
        haystack.withUnsafeBytes { h in
            needle.withUnsafeBytes { n in
                guard let hb = h.baseAddress, let nb = n.baseAddress, n.count > 0, h.count >= n.count else { return nil }
                let first = Int32(n[0])
                var offset = from
                let last = h.count - n.count
                while offset <= last, let hit = memchr(hb + offset, first, last - offset + 1) {
                    let at = hb.distance(to: UnsafeRawPointer(hit))
                    if memcmp(hb + at, nb, n.count) == 0 { return at }
                    offset = at + 1
                }
                return nil
            }
        }
    }

    /// The screening estimate of `html`'s gzip size: not below its level-6 size (see the type).
    func estimate(_ html: Data) -> Int {
        guard let open = Self.find(Self.styleStart, in: html),
              let close = Self.find(Self.styleEnd, in: html, from: open) else {
            return Compression.gzip(html, level: 1).count
        }
        let start = html.startIndex, end = start + close + Self.styleEnd.count
        let element = html[(start + open)..<end]
        let known = lock.withLock { style.flatMap { $0.bytes == element ? $0.size : nil } }
        let styleSize = known ?? Compression.gzip(Data(element), level: 1).count
        if known == nil { lock.withLock { style = (Data(element), styleSize) } }
        return Compression.gzip(html[start..<(start + open)], level: 1).count + styleSize
            + Compression.gzip(html[end...], level: 1).count
    }

    func measure(_ page: SiteRenderer.Rendered) {
        // A byte search: Data.range(of:) went through NSData and was 6% of a 10 000-page build.
        let links = Self.contains(page.html, Self.stylesheetLink)
        let stylesheetBytes = links ? self.stylesheetBytes : 0
        var bytes: Int
        if let gz = page.gzipBytes {
            bytes = gz + stylesheetBytes
        } else if exact {
            bytes = Compression.gzip(page.html, level: 6).count + stylesheetBytes
        } else {
            bytes = estimate(page.html) + stylesheetBytes
            if bytes > limit * 9 / 10 { bytes = Compression.gzip(page.html, level: 6).count + stylesheetBytes }
        }
        let weight = PageWeight(path: page.path, bytes: bytes)
        lock.withLock {
            if bytes > limit { over.append(weight) }
            if heaviest.count < Self.kept || Self.heavier(weight, than: heaviest[heaviest.count - 1]) {
                let at = heaviest.firstIndex { Self.heavier(weight, than: $0) } ?? heaviest.count
                heaviest.insert(weight, at: at)
                if heaviest.count > Self.kept { heaviest.removeLast() }
            }
        }
    }

    /// Heaviest first; between equal weights, by path.
    private static func heavier(_ a: PageWeight, than b: PageWeight) -> Bool { (a.bytes, b.path) > (b.bytes, a.path) }

    /// Warns about every page over the budget; returns those and the heaviest few, heaviest first.
    func report(tree: OutputTree, diagnostics: Diagnostics) -> [PageWeight] {
        let (over, heaviest) = lock.withLock { (self.over, self.heaviest) }
        let sorted = over.sorted(by: Self.heavier)
        for w in sorted {
            let owner = tree.owner(of: w.path) ?? .file("content/site.yml")
            diagnostics.warning(owner, "the page /\(w.path) weighs \(w.bytes / 1024) KB compressed, over the \(limit / 1024) KB budget",
                                hint: "split the page, shorten it, or remove large images; the budget is `page_budget_kb` in content/site.yml.")
        }
        // Both lists are heaviest first; a page over the budget may be among the heaviest too.
        let listed = Set(sorted.map(\.path))
        return (sorted + heaviest.filter { !listed.contains($0.path) }).sorted(by: Self.heavier)
    }
}
