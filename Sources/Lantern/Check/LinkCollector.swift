import Foundation

/// Collects, from every rendered page, the links it makes (`href`, `src`) and the `id`s it has,
/// so `lantern check` can test links that come from templates and data — not only those written in
/// Markdown — and, with `--external`, the addresses on other sites.
final class LinkCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var internalLinks: [String: String] = [:]
    private var externalLinks: [String: String] = [:]
    private var ids: [String: Set<String>] = [:]
    /// `#fragment` links (to the same page) → the pages that have them: one template line makes
    /// them on every page, so they are checked page by page but reported once.
    private var fragmentLinks: [String: [String]] = [:]
    /// The site's own absolute address (`https://example.org/`): links to it are internal.
    let baseURL: String

    init(baseURL: String) { self.baseURL = baseURL.hasSuffix("/") ? baseURL : baseURL + "/" }

    /// Reads one page's HTML (called from the rendering threads).
    func collect(page path: String, html: Data) {
        var found = Self.scan(html)
        found.ids.insert("")  // `/page/#` is a link to the top
        lock.withLock {
            ids[path] = found.ids
            for var link in found.links {
                if link.hasPrefix(baseURL) { link = "/" + link.dropFirst(baseURL.count) }
                if link.hasPrefix("#") {
                    fragmentLinks[String(link.dropFirst()), default: []].append(path)
                } else if link.hasPrefix("http://") || link.hasPrefix("https://") {
                    if let first = externalLinks[link], first <= path { continue }
                    externalLinks[link] = path
                } else if link.hasPrefix("/") && !link.hasPrefix("//") {
                    if let first = internalLinks[link], first <= path { continue }
                    internalLinks[link] = path
                }
            }
        }
    }

    /// Internal link targets (site paths, maybe with `#fragment`) → the first page using each.
    var internalTargets: [String: String] { lock.withLock { internalLinks } }
    /// External addresses → the first page using each.
    var externalTargets: [String: String] { lock.withLock { externalLinks } }
    func ids(of path: String) -> Set<String>? { lock.withLock { ids[path] } }
    /// Same-page `#fragment` links → the pages (sorted) that make them.
    var fragmentTargets: [String: [String]] { lock.withLock { fragmentLinks.mapValues { $0.sorted() } } }

    /// `huong-dan/x/index.html` → `huong-dan/x/`.
    static func url(ofFile path: String) -> String {
        path.hasSuffix("index.html") ? String(path.dropLast("index.html".count)) : path
    }

    /// The values of `href`, `src` and `id` attributes (double-quoted, as Lantern's templates write
    /// them), with `&amp;` decoded.
    static func scan(_ html: Data) -> (links: Set<String>, ids: Set<String>) {
        var links = Set<String>(), ids = Set<String>()
        html.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            let bytes = raw.bindMemory(to: UInt8.self)
            let n = bytes.count
            var i = 0
            func matches(_ word: [UInt8], at j: Int) -> Bool {
                guard j + word.count <= n else { return false }
                for k in 0..<word.count where bytes[j + k] != word[k] { return false }
                return true
            }
            let href: [UInt8] = Array(" href=\"".utf8), src: [UInt8] = Array(" src=\"".utf8), id: [UInt8] = Array(" id=\"".utf8)
            while i < n {
                guard bytes[i] == 0x20 else { i += 1; continue }
                var word: [UInt8]? = nil
                var isID = false
                if matches(href, at: i) { word = href } else if matches(src, at: i) { word = src } else if matches(id, at: i) { word = id; isID = true }
                guard let word else { i += 1; continue }
                let start = i + word.count
                var end = start
                while end < n && bytes[end] != 0x22 { end += 1 }
                let value = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
                    .replacingOccurrences(of: "&amp;", with: "&")
                if isID { ids.insert(value) } else if !value.isEmpty { links.insert(value) }
                i = end
            }
        }
        return (links, ids)
    }
}
