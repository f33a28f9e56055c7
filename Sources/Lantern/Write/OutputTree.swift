import Foundation

/// The files a build produces, by path relative to the output folder. Each path is claimed by the
/// source that produces it (two sources claiming one URL is an error naming both), and its bytes go
/// straight to a sink — memory for tests, `check` and `serve`, a staging folder for `build` — so a
/// large site is never held in memory whole. With precompression on, `.gz` and `.br` files are
/// written beside every text file as it is written.
public final class OutputTree: @unchecked Sendable {
    private let lock = NSLock()
    private var owners: [String: SourceLocation] = [:]
    /// Every folder that claimed paths need (a path claimed as a file there is a clash).
    /// Hashes of every folder that claimed paths need: a hit is confirmed against `owners` (a path
    /// inside it), so a collision costs a scan, never a false clash. Strings cost ~100 bytes a
    /// folder, and nearly every page has its own (300 000 at 100 000 pages).
    private var folders: Set<Int> = []
    public let sink: OutputSink
    public let compression: Compression.Settings?

    public init(sink: OutputSink = MemorySink(), compression: Compression.Settings? = nil) {
        self.sink = sink
        self.compression = compression
    }

    /// The files written, for a tree kept in memory (empty otherwise).
    public var files: [String: Data] { (sink as? MemorySink)?.files ?? [:] }

    /// Every claimed path (written or about to be), sorted.
    public var paths: [String] {
        lock.withLock { owners.keys.filter { !(compression != nil && ($0.hasSuffix(".gz") || $0.hasSuffix(".br")) && owners[String($0.dropLast(3))] != nil) }.sorted() }
    }
    public func contains(_ path: String) -> Bool { lock.withLock { owners[path] != nil } }
    public var htmlPageCount: Int { lock.withLock { owners.keys.filter { $0.hasSuffix(".html") }.count } }

    /// `/huong-dan/x/` → `huong-dan/x/index.html`; `/a.xml` stays `a.xml`.
    static func filePath(forURL url: String) -> String {
        var path = url.hasPrefix("/") ? String(url.dropFirst()) : url
        if path.isEmpty || path.hasSuffix("/") { path += "index.html" }
        return path
    }

    /// Claims `path` for `owner`; false (and an error at `owner`) when the path is unsafe, or when
    /// another source has it, or has a file where this path needs a folder (or the reverse).
    /// Every writer of the build goes through here: it is the one place that proves a path stays
    /// inside the output folder (`OutputPath.problem`).
    @discardableResult
    func claim(_ path: String, owner: SourceLocation, diagnostics: Diagnostics) -> Bool {
        if let problem = OutputPath.problem(path) {
            diagnostics.error(owner, "\(problem), so it cannot be written",
                              hint: "use plain names (letters, digits, hyphens) for slugs, ids and aliases; every file must stay inside the output folder.")
            return false
        }
        // With precompression, `x.html` also writes `x.html.gz` and `x.html.br`: those are claimed too.
        let twins = compression != nil && Compression.isCompressible(path) ? [path + ".gz", path + ".br"] : []
        // The folders the path needs, made once outside the lock (usually one to three).
        // Found on the UTF-8 bytes: `Substring.lastIndex(of:)` walks back by Character (grapheme
        // breaking), and was 40 % of claiming when the preview server plans a 10 000-page site again.
        var ancestors: [String] = []
        let bytes = path.utf8
        var end = bytes.endIndex
        while let slash = bytes[..<end].lastIndex(of: UInt8(ascii: "/")) {
            ancestors.append(String(path[..<slash]))
            end = slash
        }
        // Each folder's hash once (it was hashed again to be inserted).
        let folderHashes = ancestors.map(\.hashValue)
        let conflict: (SourceLocation, String)? = lock.withLock {
            func clash(_ p: String) -> (SourceLocation, String)? {
                if let existing = owners[p] { return (existing, p) }
                if folders.contains(p.hashValue),
                   // Who needs the folder: any source of a path inside it (looked up only on a hit).
                   let inside = owners.filter({ $0.key.hasPrefix(p + "/") }).min(by: { $0.key < $1.key }) {
                    return (inside.value, p + "/")
                }
                return nil
            }
            if let found = clash(path) { return found }
            for twin in twins { if let found = clash(twin) { return found } }
            for a in ancestors { if let existing = owners[a] { return (existing, a) } }
            owners[path] = owner
            for twin in twins { owners[twin] = owner }
            for h in folderHashes { folders.insert(h) }
            return nil
        }
        guard let (existing, clash) = conflict else { return true }
        if existing != owner {
            func named(_ l: SourceLocation) -> String { l.line > 1 ? "\(l.path):\(l.line)" : l.path }
            // Reported where it can be fixed: at a line that names the address (a slug, an alias)
            // rather than at a file that only makes a page (content/site.yml for the sitemap).
            let at = owner.line == 1 && existing.line > 1 ? existing : owner
            diagnostics.error(at, "the URL \(Self.url(forPath: clash)) is claimed twice: by \(named(existing)) and by \(named(owner))\(clash == path ? "" : " (which needs /\(path))")",
                              hint: "give one of them a different `slug:`, alias or file name so each has its own address; "
                                  + "names the build makes itself (feed.xml, sitemap.xml, robots.txt, 404.html, calendar.ics, style.css) are taken.")
        }
        return false
    }

    /// `huong-dan/x/index.html` → `/huong-dan/x/`; other files keep their name.
    static func url(forPath path: String) -> String {
        "/" + (path.hasSuffix("index.html") ? String(path.dropLast("index.html".count)) : path)
    }

    /// Claims and writes in one step.
    func add(_ path: String, _ data: Data, owner: SourceLocation, diagnostics: Diagnostics) {
        if claim(path, owner: owner, diagnostics: diagnostics) { write(path, data) }
    }

    func add(_ path: String, _ text: String, owner: SourceLocation, diagnostics: Diagnostics) {
        add(path, Data(text.utf8), owner: owner, diagnostics: diagnostics)
    }

    /// Writes a claimed path (and its compressed copies); safe from many threads at once.
    /// Returns the gzip size when one was made (it is the page's weight).
    @discardableResult
    func write(_ path: String, _ data: Data) -> Int? {
        sink.write(path, data)
        guard let compression, Compression.isCompressible(path) else { return nil }
        let gz = Compression.gzip(data)
        sink.write(path + ".gz", gz)
        sink.write(path + ".br", Compression.brotli(data, quality: Int32(compression.brotliQuality)))
        return gz.count
    }

    func owner(of path: String) -> SourceLocation? { lock.withLock { owners[path] } }
}

/// Where built files go. Writes come from many threads at once.
public protocol OutputSink: AnyObject, Sendable {
    func write(_ path: String, _ data: Data)
}

/// Keeps every file in memory.
public final class MemorySink: OutputSink, @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [String: Data] = [:]
    public init() {}
    public func write(_ path: String, _ data: Data) { lock.withLock { storage[path] = data } }
    public var files: [String: Data] { lock.withLock { storage } }
}

/// Drops everything: a build that already failed still renders (to find every problem) but writes nothing.
public final class DiscardSink: OutputSink {
    public init() {}
    public func write(_ path: String, _ data: Data) {}
}
