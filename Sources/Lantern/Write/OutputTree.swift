import Foundation

/// The files a build produces, by path relative to the output folder. Each path is claimed by the
/// source that produces it (two sources claiming one URL is an error naming both), and its bytes go
/// straight to a sink — memory for tests, `check` and `serve`, a staging folder for `build` — so a
/// large site is never held in memory whole. With precompression on, `.gz` and `.br` files are
/// written beside every text file as it is written.
public final class OutputTree: @unchecked Sendable {
    private let lock = NSLock()
    /// Every claimed path and its owner (compact: `ClaimTable`).
    private var owners = ClaimTable()
    /// Every folder that claimed paths need (a path claimed as a file there is a clash).
    /// Hashes of every folder that claimed paths need: a hit is confirmed against `owners` (a path
    /// inside it), so a collision costs a scan, never a false clash. Strings cost ~100 bytes a
    /// folder, and nearly every page has its own (300 000 at 100 000 pages).
    private var folders: Set<Int> = []
    /// `.html` paths claimed (what `htmlPageCount` says), counted as they are claimed.
    private var htmlPaths = 0
    /// Precompressed twins claimed (`.gz`, `.br` beside a text file), left out of `fileCount`.
    private var twinPaths = 0
    public let sink: OutputSink
    public let compression: Compression.Settings?

    /// Every claim and its outcome, in order: kept by the preview server's trees
    /// (`init(recordingClaims:)`), so that planning the site again after an edit can replay them.
    private var log: [Claim]?
    /// The previous plan's tree and its claims while they are being replayed.
    private var replay: (tree: OutputTree, log: [Claim])?
    /// How many of `replay`'s claims the new plan has made again, in the same order.
    private(set) var replayed = 0

    struct Claim {
        let path: String
        let owner: SourceLocation
        let listed: Bool
        let accepted: Bool
    }

    public init(sink: OutputSink = MemorySink(), compression: Compression.Settings? = nil) {
        self.sink = sink
        self.compression = compression
    }

    /// A tree for the preview server: it records its claims, and when `previous` is given, claims
    /// that repeat `previous`'s (the same paths by the same owners in the same order: an edit that
    /// changed no URL) are answered from its record instead of hashing every path and folder again.
    /// The outcome is the same as claiming afresh: at the first claim that differs, the ones
    /// matched so far are made for real and claiming goes on as usual.
    init(recordingClaims previous: OutputTree?) {
        self.sink = MemorySink()
        self.compression = nil
        self.log = []
        if let previous, let log = previous.lock.withLock({ previous.replay == nil ? previous.log : nil }) {
            self.replay = (previous, log)
        }
    }

    /// The files written, for a tree kept in memory (empty otherwise).
    public var files: [String: Data] { (sink as? MemorySink)?.files ?? [:] }

    /// Every claimed path (written or about to be), sorted.
    public var paths: [String] {
        lock.withLock {
            settle()
            var paths: [String] = []
            paths.reserveCapacity(compression == nil ? owners.count : owners.count / 3)
            owners.forEach { path, _ in
                if compression != nil && (path.hasSuffix(".gz") || path.hasSuffix(".br")) && owners[String(path.dropLast(3))] != nil { return }
                paths.append(path)
            }
            return paths.sorted()
        }
    }
    /// The claimed pages (`index.html`) the XML sitemap lists (claimed with `listed`), sorted.
    var listedPages: PathList {
        lock.withLock { settle(); return owners.listed(endingWith: "index.html") }
    }
    public func contains(_ path: String) -> Bool { lock.withLock { settle(); return owners[path] != nil } }
    public var htmlPageCount: Int { lock.withLock { settle(); return htmlPaths } }
    /// How many files `paths` lists, counted without making them (the list was 42 MiB at the end
    /// of a 100 000-page build, made only to be counted for its last line).
    public var fileCount: Int { lock.withLock { settle(); return owners.count - twinPaths } }

    /// Ends replaying the previous plan's claims (and lets go of that plan's tree): the claims
    /// are from then on this tree's own.
    func endReplay() { lock.withLock { settle() } }

    /// Ends a replay (called with the lock held by anything that reads the claims): when all of the
    /// previous plan's claims were matched, its tables are this tree's (shared until one changes);
    /// otherwise the matched ones are claimed for real now.
    private func settle() {
        guard let (previous, all) = replay else { return }
        replay = nil
        let (previousOwners, previousFolders, previousHTML, previousTwins) = previous.lock.withLock {
            (previous.owners, previous.folders, previous.htmlPaths, previous.twinPaths)
        }
        if replayed == all.count {
            owners = previousOwners
            folders = previousFolders
            htmlPaths = previousHTML
            twinPaths = previousTwins
            return
        }
        // Only accepted claims are replayed (a refused one is made for real, to report why again).
        for claim in all[..<replayed] {
            let conflict = claimLocked(claim.path, owner: claim.owner, listed: claim.listed, Folders(claim.path, compression: compression))
            assert(conflict == nil)
        }
    }

    /// Answers a claim from the previous plan's record when it repeats the next one there.
    private func replayClaim(_ path: String, owner: SourceLocation, listed: Bool) -> Bool? {
        guard let (_, previous) = replay else { return nil }
        if replayed < previous.count, case let next = previous[replayed], next.accepted, next.path == path, next.owner == owner,
           next.listed == listed {
            replayed += 1
            log?.append(next)
            return next.accepted
        }
        settle()
        return nil
    }

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
    /// - Parameter listed: whether the XML sitemap lists the path (`Route.listed`, `listedPages`).
    func claim(_ path: String, owner: SourceLocation, listed: Bool = true, diagnostics: Diagnostics) -> Bool {
        if let answer = lock.withLock({ replayClaim(path, owner: owner, listed: listed) }) { return answer }
        if let problem = OutputPath.problem(path) {
            lock.withLock { log?.append(Claim(path: path, owner: owner, listed: listed, accepted: false)) }
            diagnostics.error(owner, "\(problem), so it cannot be written",
                              hint: "use plain names (letters, digits, hyphens) for slugs, ids and aliases; every file must stay inside the output folder.")
            return false
        }
        let folders = Folders(path, compression: compression)
        let conflict = lock.withLock {
            settle()
            let conflict = claimLocked(path, owner: owner, listed: listed, folders)
            log?.append(Claim(path: path, owner: owner, listed: listed, accepted: conflict == nil))
            return conflict
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

    /// What claiming a path needs besides the path, made outside the lock.
    private struct Folders {
        /// With precompression, `x.html` also writes `x.html.gz` and `x.html.br`: those are claimed too.
        let twins: [String]
        /// The folders the path needs (usually one to three), innermost first.
        let ancestors: [String]
        /// Each folder's hash, made once (it was hashed again to be inserted).
        let hashes: [Int]

        init(_ path: String, compression: Compression.Settings?) {
            twins = compression != nil && Compression.isCompressible(path) ? [path + ".gz", path + ".br"] : []
            // Found on the UTF-8 bytes: `Substring.lastIndex(of:)` walks back by Character (grapheme
            // breaking), and was 40 % of claiming when the preview server plans a 10 000-page site again.
            var ancestors: [String] = []
            let bytes = path.utf8
            var end = bytes.endIndex
            while let slash = bytes[..<end].lastIndex(of: UInt8(ascii: "/")) {
                ancestors.append(String(path[..<slash]))
                end = slash
            }
            self.ancestors = ancestors
            hashes = ancestors.map(\.hashValue)
        }
    }

    /// Claims a safe path with the lock held: nil when it is now `owner`'s, else who has it and where.
    private func claimLocked(_ path: String, owner: SourceLocation, listed: Bool, _ needs: Folders) -> (SourceLocation, String)? {
        func clash(_ p: String) -> (SourceLocation, String)? {
            if let existing = owners[p] { return (existing, p) }
            if folders.contains(p.hashValue),
               // Who needs the folder: any source of a path inside it (looked up only on a hit).
               let inside = owners.first(withPrefix: p + "/") {
                return (inside.owner, p + "/")
            }
            return nil
        }
        if let found = clash(path) { return found }
        for twin in needs.twins { if let found = clash(twin) { return found } }
        for a in needs.ancestors { if let existing = owners[a] { return (existing, a) } }
        owners.insert(path, owner: owner, listed: listed)
        if path.hasSuffix(".html") { htmlPaths += 1 }
        for twin in needs.twins { owners.insert(twin, owner: owner, listed: false) }
        twinPaths += needs.twins.count
        for h in needs.hashes { folders.insert(h) }
        return nil
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

    func owner(of path: String) -> SourceLocation? { lock.withLock { settle(); return owners[path] } }
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
