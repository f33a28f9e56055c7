import Foundation

/// The files a build produces, by path relative to the output folder. Each path is claimed by the
/// source that produces it (two sources claiming one URL is an error naming both), and its bytes go
/// straight to a sink — memory for tests, `check` and `serve`, a staging folder for `build` — so a
/// large site is never held in memory whole. With precompression on, `.gz` and `.br` files are
/// written beside every text file as it is written.
public final class OutputTree: @unchecked Sendable {
    private let lock = NSLock()
    private var owners: [String: SourceLocation] = [:]
    public let sink: OutputSink
    public let compression: Compression.Settings?

    public init(sink: OutputSink = MemorySink(), compression: Compression.Settings? = nil) {
        self.sink = sink
        self.compression = compression
    }

    /// The files written, for a tree kept in memory (empty otherwise).
    public var files: [String: Data] { (sink as? MemorySink)?.files ?? [:] }

    /// Every claimed path (written or about to be), sorted.
    public var paths: [String] { lock.withLock { owners.keys.sorted() } }
    public func contains(_ path: String) -> Bool { lock.withLock { owners[path] != nil } }
    public var htmlPageCount: Int { lock.withLock { owners.keys.filter { $0.hasSuffix(".html") }.count } }

    /// `/huong-dan/x/` → `huong-dan/x/index.html`; `/a.xml` stays `a.xml`.
    static func filePath(forURL url: String) -> String {
        var path = url.hasPrefix("/") ? String(url.dropFirst()) : url
        if path.isEmpty || path.hasSuffix("/") { path += "index.html" }
        return path
    }

    /// Claims `path` for `owner`; false (and an error) when another source has it already.
    @discardableResult
    func claim(_ path: String, owner: SourceLocation, diagnostics: Diagnostics) -> Bool {
        let existing: SourceLocation? = lock.withLock {
            if let existing = owners[path] { return existing }
            owners[path] = owner
            return nil
        }
        guard let existing else { return true }
        if existing != owner {
            let url = "/" + (path.hasSuffix("index.html") ? String(path.dropLast("index.html".count)) : path)
            diagnostics.error(owner, "the URL \(url) is claimed twice: by \(existing.path) and by \(owner.path)",
                              hint: "give one of them a different `slug:` (or file name) so each page has its own address.")
        }
        return false
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
